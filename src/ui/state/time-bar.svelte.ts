/**
 * The time bar's data as the worker last sent it (with a load, a write or a trip in time), fetched
 * again on its own only when the frames report notable events it does not have yet.
 */
import type { SandboxBridge, Timeline } from '../../worker/bridge.ts';

const EMPTY: Timeline = { now: 0, end: 0, actions: [], events: [], happenings: [], happeningsSeen: 0 };

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

  /** A frame reported `count` notable events so far: fetch the time bar if it has not seen them, one fetch at a time. */
  noteHappenings(count: number): void {
    if (count !== this.#timeline.happeningsSeen) void this.#refetch();
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
