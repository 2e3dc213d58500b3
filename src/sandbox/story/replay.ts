/**
 * A run played headless as a story: the scenario (a share link's, a saved cluster's, a fuzz seed's)
 * runs from its start to `untilMs` with the story watcher installed, and its chapters come back
 * with the moment of each, for a UI to seek the time bar to. The TypeScript kernels decide, as the
 * Wasm ones would (they are twins): no Wasm to load, so it runs anywhere.
 */
import { createSandbox } from '../index.ts';
import type { AllocatorChoice } from '../types.ts';
import { narrate } from './narrate.ts';
import type { Chapter, NarrateOptions } from './types.ts';
import { watchStory } from './watch.ts';

export interface StoryReplay {
  chapters: Chapter[];
  /** The history hash at `untilMs`: the same as the run's without narration. */
  historyHash: string;
  until: number;
}

export interface ReplayOptions extends NarrateOptions {
  kernels?: AllocatorChoice;
}

/** Play `scenario` (with its script) from its start to `untilMs` and tell what happened. */
export async function replayStory(scenario: unknown, untilMs: number, options: ReplayOptions = {}): Promise<StoryReplay> {
  const watcher = watchStory();
  const kernels = options.kernels ?? 'ts';
  const sandbox = await createSandbox(scenario, { allocator: kernels, matcher: kernels, observer: watcher.observer });
  sandbox.advance(untilMs);
  return { chapters: narrate(watcher.beats(), options), historyHash: sandbox.historyHash(), until: sandbox.now };
}
