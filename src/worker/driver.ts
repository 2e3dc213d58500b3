/**
 * Drives a Sandbox in simulated time from a wall-clock loop. Only the worker has timers: the
 * engine itself never does. Timers and the clock are injected so the loop is testable in Node.
 *
 * Each tick asks for `wallElapsed * speed` simulated ms, advanced in chunks of at most one
 * allocation interval (ending half-way between allocations), and stops when the tick's
 * compute budget is spent: what could not be
 * simulated in time is dropped (no catch-up debt), so the worker keeps answering messages and
 * the effective speed, measured over a short window, reports how fast the cluster really runs.
 */
import type { Sandbox } from '../sandbox/types.ts';

export interface DriverClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const MIN_SPEED = 1;
export const MAX_SPEED = 1000;
/** Wall ms between ticks. */
export const TICK_MS = 16;
/** Wall ms of simulation one tick may spend before it yields to the message loop. */
export const TICK_BUDGET_MS = 12;
/** A tick never counts more wall time than this (a throttled or paused tab must not jump). */
export const MAX_TICK_WALL_MS = 250;
/** Longest single `step(ms)`: one hour of simulated time. */
export const MAX_STEP_MS = 3_600_000;
const SPEED_WINDOW_MS = 500;

export const defaultClock: DriverClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class SimDriver {
  readonly #sandbox: Pick<Sandbox, 'advance' | 'now'>;
  readonly #clock: DriverClock;
  readonly #chunkMs: number;
  readonly #onTick: () => void;
  #playing = false;
  #speed = MIN_SPEED;
  #timer: unknown = null;
  #lastTick = 0;
  #windowStart = 0;
  #windowSim = 0;
  #effectiveSpeed = 0;
  #fraction = 0;
  #error: string | null = null;

  /**
   * @param chunkMs largest simulated ms per `advance` call (the allocation interval), so a
   *   tick can stop between chunks when its budget is spent.
   * @param onTick called after every tick that advanced the simulation.
   */
  constructor(sandbox: Pick<Sandbox, 'advance' | 'now'>, chunkMs: number, onTick: () => void, clock: DriverClock = defaultClock) {
    this.#sandbox = sandbox;
    this.#chunkMs = chunkMs > 0 ? chunkMs : 1000;
    this.#onTick = onTick;
    this.#clock = clock;
  }

  get playing(): boolean {
    return this.#playing;
  }

  /** Requested simulated ms per wall ms. */
  get speed(): number {
    return this.#speed;
  }

  /** Measured simulated ms per wall ms while playing (0 when paused). */
  get effectiveSpeed(): number {
    return this.#playing ? this.#effectiveSpeed : 0;
  }

  /** Why the loop stopped, if the engine threw while playing. */
  get error(): string | null {
    return this.#error;
  }

  get chunkMs(): number {
    return this.#chunkMs;
  }

  setSpeed(speed: number): number {
    const n = Number.isFinite(speed) ? speed : MIN_SPEED;
    this.#speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, n));
    return this.#speed;
  }

  play(): void {
    if (this.#playing) return;
    this.#playing = true;
    const t = this.#clock.now();
    this.#lastTick = t;
    this.#windowStart = t;
    this.#windowSim = 0;
    this.#effectiveSpeed = this.#speed;
    this.#schedule();
  }

  pause(): void {
    this.#playing = false;
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Advance `ms` simulated ms at once (default: one allocation interval). Pauses first. */
  step(ms?: number): number {
    this.pause();
    const want = ms !== undefined && Number.isFinite(ms) && ms > 0 ? Math.round(Math.min(ms, MAX_STEP_MS)) : this.#chunkMs;
    try {
      this.#sandbox.advance(want);
    } catch (e) {
      this.#error = errorMessage(e);
      return 0;
    }
    return want;
  }

  #schedule(delay = TICK_MS): void {
    this.#timer = this.#clock.setTimeout(() => this.#tick(), delay);
  }

  #tick(): void {
    this.#timer = null;
    if (!this.#playing) return;
    const start = this.#clock.now();
    const wall = Math.min(MAX_TICK_WALL_MS, Math.max(0, start - this.#lastTick));
    this.#lastTick = start;
    // Whole simulated milliseconds only (a clock on fractions would stamp actions with them); the fraction waits for the next tick.
    const wanted = wall * this.#speed + this.#fraction;
    let remaining = Math.floor(wanted);
    this.#fraction = wanted - remaining;
    let advanced = 0;
    try {
      while (remaining > 0) {
        const chunk = Math.min(remaining, this.#toHalfInterval());
        this.#sandbox.advance(chunk);
        advanced += chunk;
        remaining -= chunk;
        if (this.#clock.now() - start >= TICK_BUDGET_MS) break;
      }
    } catch (e) {
      // An engine bug must not leave a dead loop that claims to be playing.
      this.#error = errorMessage(e);
      this.pause();
      this.#onTick();
      return;
    }
    this.#measure(advanced);
    if (advanced > 0) this.#onTick();
    // Behind: come back as soon as queued messages have run. The tick's own compute time
    // counts as wall time for the next tick.
    if (this.#playing) this.#schedule(remaining > 0 ? 0 : TICK_MS);
  }

  /**
   * Simulated ms to the next half-interval mark. Chunks end between two allocations, so when
   * the engine is behind (every tick ends on a chunk boundary) frames do not all land on the
   * instant offers go out, which would show every agent as fully offered.
   */
  #toHalfInterval(): number {
    const interval = this.#chunkMs;
    const phase = (((this.#sandbox.now - interval / 2) % interval) + interval) % interval;
    return interval - phase;
  }

  #measure(advanced: number): void {
    this.#windowSim += advanced;
    const t = this.#clock.now();
    const span = t - this.#windowStart;
    if (span >= SPEED_WINDOW_MS) {
      this.#effectiveSpeed = this.#windowSim / span;
      this.#windowStart = t;
      this.#windowSim = 0;
    }
  }
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
