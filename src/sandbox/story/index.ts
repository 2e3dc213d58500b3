/** Narrated replay (issue 21): a run's events told as chapters. See docs/narrated-replay.md. */
export { narrate, DEFAULT_GAPS, EFFECT_JOIN_MS } from './narrate.ts';
export { replayStory, type ReplayOptions, type StoryReplay } from './replay.ts';
export { watchStory, type StoryWatcher } from './watch.ts';
export { storyTime } from './time.ts';
export type { Beat, Chapter, Highlights, NarrateOptions } from './types.ts';
