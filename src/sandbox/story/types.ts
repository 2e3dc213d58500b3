/** The story of a run: beats (single happenings the watcher saw) and chapters (what a reader steps through). */

/** What a chapter points at on the existing pages: agents and masters by hostname, tasks by id, apps by Marathon id. */
export interface Highlights {
  agents?: string[];
  tasks?: string[];
  apps?: string[];
  masters?: string[];
}

/** One chapter of the story: from `at` to `until` (simulated ms since the cluster started). */
export interface Chapter {
  at: number;
  until: number;
  title: string;
  text: string;
  highlights: Highlights;
}

/**
 * One thing that happened, as the watcher saw it. Beats of one `thread` close together make a
 * chapter; beats of one `merge` key in a chapter make one sentence (ten tasks launched in a
 * second: "10 tasks of /web started running on …").
 */
export interface Beat {
  at: number;
  /** 'ha', 'network', 'agent:<host>', 'app:<id>', 'framework:<name>', 'roles'. */
  thread: string;
  /** A consequence (tasks, re-registrations, allocation): it joins a cause's chapter open at that moment. */
  effect: boolean;
  /** The chapter's title when this beat opens it. */
  title: string;
  /** Beats of one key in one chapter render as one sentence from all their items. */
  merge: string;
  item: string;
  /** The sentence for the items of this merge key (one or many), without its time. */
  render: (items: readonly string[]) => string;
  highlights: Highlights;
}

/** Narration settings: how far apart beats of one thread may be and still share a chapter. */
export interface NarrateOptions {
  /** ms; per thread prefix ('ha', 'app', …); default 10 s. */
  gaps?: Record<string, number>;
  /** A chapter spans at most this long (ms); default 120 s. */
  maxSpanMs?: number;
}
