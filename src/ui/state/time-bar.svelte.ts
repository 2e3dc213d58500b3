/**
 * The time bar's data as the worker last sent it (with a load, a write or a trip in time), fetched
 * again on its own only when the frames report notable events it does not have yet, or reach the
 * moment from which its jobs' runs may be out of date (`jobs.refreshAt`: a scheduled run due, a run active).
 */
import type { SandboxBridge, Timeline } from '../../worker/bridge.ts';

const EMPTY: Timeline = {
  now: 0,
  end: 0,
  actions: [],
  events: [],
  happenings: [],
  happeningsSeen: 0,
  jobs: { marks: [], lookAheadMs: 0, refreshAt: null },
};

export class TimeBar {
  readonly #bridge: Pick<SandboxBridge, 'timeline'>;
  #timeline = $state.raw<Timeline>(EMPTY);
  #fetching = false;

  constructor(bridge: Pick<SandboxBridge, 'timeline'>) {
    this.#bridge = bridge;
  }

  /** The time bar at simulated time `now`: now and the latest time reached follow the frames. */
  at(now: number): Timeline {
    const t = this.#timeline;
    return { ...t, now, end: Math.max(t.end, now) };
  }

  set(timeline: Timeline): void {
    this.#timeline = timeline;
  }

  /**
   * A frame at simulated `now` reported `count` notable events so far: fetch the time bar if it has not seen them,
   * or if its jobs' runs may have changed by now; one fetch at a time.
   */
  noteHappenings(count: number, now: number): void {
    const { happeningsSeen, jobs } = this.#timeline;
    if (count !== happeningsSeen || (jobs.refreshAt !== null && now >= jobs.refreshAt)) void this.#refetch();
  }

  async #refetch(): Promise<void> {
    if (this.#fetching) return;
    this.#fetching = true;
    try {
      this.#timeline = await this.#bridge.timeline();
    } finally {
      this.#fetching = false;
    }
  }
}
