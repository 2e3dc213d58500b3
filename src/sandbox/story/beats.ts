/** Making beats: one sentence alone, or one that gathers the items of its merge key. */
import type { Beat, Highlights } from './types.ts';

export type Emit = (beat: Omit<Beat, 'at'>) => void;

let uniqueKey = 0;

/** A beat that never merges with another: its own sentence. */
export function single(thread: string, title: string, text: string, highlights: Highlights, effect = false): Omit<Beat, 'at'> {
  uniqueKey++;
  return { thread, effect, title, merge: `single:${uniqueKey}`, item: text, render: () => text, highlights };
}

/** A beat that merges with others of `merge` in its chapter into one sentence. */
export function merged(
  thread: string,
  title: string,
  merge: string,
  item: string,
  render: (items: readonly string[]) => string,
  highlights: Highlights,
  effect = true,
): Omit<Beat, 'at'> {
  return { thread, effect, title, merge, item, render, highlights };
}
