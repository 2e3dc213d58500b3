/**
 * Going to a moment of the cluster's history: one call to the worker per trip, answered with where
 * it landed and the time bar there. A drag sends many targets: while one trip runs, later targets
 * replace each other and only the last is gone to.
 */
import type { SandboxBridge, TravelResult } from '../../worker/bridge.ts';

export class TimeTravel {
  readonly #bridge: Pick<SandboxBridge, 'travelTo'>;
  readonly #landed: (result: TravelResult) => void;
  /** The latest target not yet sent, while a trip is in flight. */
  #target: number | null = null;
  #travelling: Promise<void> | null = null;

  /** `landed`: called with each trip's answer. */
  constructor(bridge: Pick<SandboxBridge, 'travelTo'>, landed: (result: TravelResult) => void) {
    this.#bridge = bridge;
    this.#landed = landed;
  }

  /** Pause and go to simulated time `at`; resolves once the latest target asked for is reached. */
  travelTo(at: number): Promise<void> {
    this.#target = at;
    this.#travelling ??= this.#travel().finally(() => (this.#travelling = null));
    return this.#travelling;
  }

  async #travel(): Promise<void> {
    for (let at = this.#target; at !== null; at = this.#target) {
      this.#target = null;
      this.#landed(await this.#bridge.travelTo(at));
    }
  }
}
