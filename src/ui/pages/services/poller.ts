/**
 * Polls while the page is visible, at most once per interval, and only when the simulated clock
 * moved since the last poll (a paused cluster has nothing new) or someone asked (`poke`, after an
 * action). Polls never overlap: a slow answer delays the next one instead of piling up.
 */
export interface PollerOptions {
  intervalMs: number;
  /** The simulated clock; an unchanged value skips the poll. */
  clock: () => number;
  visible?: () => boolean;
}

export class Poller {
  readonly #tick: (forced: boolean) => Promise<void>;
  readonly #options: PollerOptions;
  #timer: ReturnType<typeof setInterval> | null = null;
  #busy = false;
  #forced = true;
  #lastClock = Number.NaN;

  /** `tick(forced)`: forced is true for the first poll and after `poke`. */
  constructor(tick: (forced: boolean) => Promise<void>, options: PollerOptions) {
    this.#tick = tick;
    this.#options = options;
  }

  /** Poll now, then every interval; returns `stop`. */
  start(): () => void {
    this.stop();
    this.#forced = true;
    void this.run();
    this.#timer = setInterval(() => void this.run(), this.#options.intervalMs);
    return () => this.stop();
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Poll as soon as possible, whatever the clock says. */
  poke(): void {
    this.#forced = true;
    void this.run();
  }

  /** One poll if due; resolves when it is done (or skipped). */
  async run(): Promise<void> {
    if (this.#busy) return;
    const visible = this.#options.visible?.() ?? true;
    const clock = this.#options.clock();
    const forced = this.#forced;
    if (!forced && (!visible || clock === this.#lastClock)) return;
    this.#busy = true;
    this.#forced = false;
    this.#lastClock = clock;
    try {
      await this.#tick(forced);
    } finally {
      this.#busy = false;
    }
    // Poked while this poll was on its way: its answer may predate the change.
    if (this.#forced) await this.run();
  }
}

/** A Poller of `tick` on the simulated clock (read untracked by the caller's effect), while the page is visible. */
export function simulatedClockPoller(tick: () => Promise<void>, clock: () => number, intervalMs: number): Poller {
  return new Poller(() => tick(), { intervalMs, clock, visible: () => document.visibilityState === 'visible' });
}
