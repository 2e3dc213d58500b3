/**
 * What the worker knows of the current history besides the live cluster: the latest simulated
 * time reached (the time bar's end), snapshots to go back to without replaying from the start, and
 * the notable events seen before going back, bound to happen again unless the history forks.
 */
import type { NotableEvent, NotableEventList } from '../api/shapes/sandbox.ts';
import type { Sandbox, SandboxSnapshot } from '../sandbox/types.ts';
import { Checkpoints } from './checkpoints.ts';
import { EMPTY_TIMELINE, timelineOf, type Timeline } from './timeline.ts';

const NO_EVENTS: NotableEventList = { events: [], total: 0 };
/** Simulated ms a long run advances between chances to keep a snapshot (the checkpoints' own spacing decides). */
const KEEP_STEP_MS = 5_000;

export class HistoryRecord {
  /** The latest simulated time reached since the load (or the last fork). */
  #end = 0;
  readonly #checkpoints = new Checkpoints();
  /** Notable events known to lie ahead of the clock. */
  #ahead: NotableEvent[] = [];

  /** A new cluster: nothing reached, kept or known yet. */
  clear(): void {
    this.#end = 0;
    this.#checkpoints.clear();
    this.#ahead = [];
  }

  /** The clock has been at `now`. */
  reached(now: number): void {
    this.#end = Math.max(this.#end, now);
  }

  /** Keep a snapshot of `sandbox` if one is due; `wallNow` rate-limits them while playing (null: a one-off jump). */
  keep(sandbox: Sandbox, wallNow: number | null = null): void {
    this.#checkpoints.offer(sandbox.now, wallNow, () => sandbox.snapshot());
  }

  /**
   * Run `sandbox` on to simulated time `at`, keeping snapshots on the way as a playing cluster does,
   * so that going back after a long jump (a reopened cluster, a shared link, a rebuild) resumes from
   * near the moment instead of replaying from the start. Same history as one `advance`.
   */
  runKeeping(sandbox: Sandbox, at: number): void {
    while (sandbox.now < at) {
      sandbox.advance(Math.min(at - sandbox.now, KEEP_STEP_MS));
      this.keep(sandbox);
    }
    this.reached(sandbox.now);
  }

  /** The latest snapshot kept at or before simulated time `at`. */
  nearest(at: number): SandboxSnapshot | null {
    return this.#checkpoints.nearest(at);
  }

  /** The notable events `sandbox` knows of after `at` (before going back there: they are ahead again). */
  eventsAfter(sandbox: Sandbox, at: number): NotableEvent[] {
    return this.#known(sandbox, notableEvents(sandbox)).filter((e) => e.at > at);
  }

  /** The cluster now running is `ahead` of these events (it went back past them). */
  expect(ahead: NotableEvent[]): void {
    this.#ahead = ahead;
  }

  /** The history forked at `now`: nothing after it was reached, kept or is known any more. */
  forkAt(now: number): void {
    this.#end = now;
    this.#checkpoints.dropAfter(now);
    this.#ahead = [];
  }

  /** The time bar: now, the latest time reached, the script's actions and the notable ones among them. */
  timeline(sandbox: Sandbox | null): Timeline {
    if (!sandbox) return EMPTY_TIMELINE;
    this.reached(sandbox.now);
    const notable = notableEvents(sandbox);
    return timelineOf(sandbox.script(), sandbox.now, this.#end, this.#known(sandbox, notable), notable.total);
  }

  /** The cluster's notable events up to now (`notable`: its GET /sandbox/v1/events), then those known to come after it. */
  #known(sandbox: Sandbox, notable: NotableEventList): NotableEvent[] {
    return [...notable.events, ...this.#ahead.filter((e) => e.at > sandbox.now)];
  }
}

/** The cluster's GET /sandbox/v1/events (none on an error answer). */
function notableEvents(sandbox: Sandbox): NotableEventList {
  const res = sandbox.request({ method: 'GET', path: '/sandbox/v1/events' });
  return res.status === 200 ? (res.body as NotableEventList) : NO_EVENTS;
}
