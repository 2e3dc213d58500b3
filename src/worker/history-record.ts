/**
 * What the worker knows of the current history besides the live cluster: the latest simulated
 * time reached (the time bar's end), snapshots to go back to without replaying from the start, the
 * charts' figures sampled while it ran unseen (a reopened cluster's past), and the notable events
 * seen before going back, bound to happen again unless the history forks.
 */
import type { JobMarkList, NotableEvent, NotableEventList } from '../api/shapes/sandbox.ts';
import type { Sandbox, SandboxSnapshot } from '../sandbox/types.ts';
import type { FigureSample } from '../common/view-types.ts';
import { Checkpoints } from './checkpoints.ts';
import { EMPTY_TIMELINE, jobLookAheadMs, NO_JOBS, timelineJobs, timelineOf, type Timeline, type TimelineJobs } from './timeline.ts';

const NO_EVENTS: NotableEventList = { events: [], total: 0 };
/**
 * A long run advances in steps, keeping a snapshot when one is due (the checkpoints' spacing decides)
 * and sampling the charts' figures after each: at least a second apart, at most this many steps (the
 * charts keep as many points).
 */
export const MAX_PAST_SAMPLES = 600;
const MIN_STEP_MS = 1_000;

export class HistoryRecord {
  /** The latest simulated time reached since the load (or the last fork). */
  #end = 0;
  readonly #checkpoints = new Checkpoints();
  /** Notable events known to lie ahead of the clock. */
  #ahead: NotableEvent[] = [];
  /** Figures sampled during long runs, oldest first. */
  #past: FigureSample[] = [];

  /** A new cluster: nothing reached, kept or known yet. */
  clear(): void {
    this.#end = 0;
    this.#checkpoints.clear();
    this.#ahead = [];
    this.#past = [];
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
   * near the moment instead of replaying from the start, and sampling the figures the charts would
   * have drawn. Same history as one `advance`.
   */
  runKeeping(sandbox: Sandbox, at: number): void {
    const step = Math.max(MIN_STEP_MS, Math.ceil((at - sandbox.now) / MAX_PAST_SAMPLES));
    this.#past = this.#past.filter((p) => p.now < sandbox.now);
    while (sandbox.now < at) {
      sandbox.advance(Math.min(at - sandbox.now, step));
      this.keep(sandbox);
      this.#past.push(sandbox.figures());
    }
    if (this.#past.length > MAX_PAST_SAMPLES) this.#past = this.#past.slice(-MAX_PAST_SAMPLES);
    this.reached(sandbox.now);
  }

  /** The figures sampled during long runs up to `now`, oldest first. */
  pastFigures(now: number): FigureSample[] {
    return this.#past.filter((p) => p.now <= now);
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
    this.#past = this.#past.filter((p) => p.now <= now);
  }

  /** The time bar: now, the latest time reached, the script's actions and the notable ones among them, the jobs' runs. */
  timeline(sandbox: Sandbox | null): Timeline {
    if (!sandbox) return EMPTY_TIMELINE;
    this.reached(sandbox.now);
    const notable = notableEvents(sandbox);
    return timelineOf(sandbox.script(), sandbox.now, this.#end, this.#known(sandbox, notable), notable.total, jobMarks(sandbox, this.#end));
  }

  /** The cluster's notable events up to now (`notable`: its GET /sandbox/v1/events), then those known to come after it. */
  #known(sandbox: Sandbox, notable: NotableEventList): NotableEvent[] {
    return [...notable.events, ...this.#ahead.filter((e) => e.at > sandbox.now)];
  }
}

/**
 * The jobs' runs from the start to now, and their scheduled fires up to a look-ahead past the latest time reached
 * (`end`): after going back, the fires between now and `end` are ahead again. None on an error answer.
 */
function jobMarks(sandbox: Sandbox, end: number): TimelineJobs {
  const lookAhead = jobLookAheadMs(Math.max(end, sandbox.now));
  const to = Math.max(end, sandbox.now) + lookAhead;
  const res = sandbox.request({ method: 'GET', path: `/sandbox/v1/metronome/marks?from=0&to=${to}` });
  return res.status === 200 ? timelineJobs(res.body as JobMarkList, sandbox.now, lookAhead) : NO_JOBS;
}

/** The cluster's GET /sandbox/v1/events (none on an error answer). */
function notableEvents(sandbox: Sandbox): NotableEventList {
  const res = sandbox.request({ method: 'GET', path: '/sandbox/v1/events' });
  return res.status === 200 ? (res.body as NotableEventList) : NO_EVENTS;
}
