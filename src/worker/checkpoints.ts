/**
 * Snapshots kept while a cluster runs, so going back in time resumes from the nearest one
 * instead of replaying from the start. Spread evenly over the history: when the list is full
 * every other snapshot goes and the spacing doubles. Taking one costs a copy of the state, so
 * they are also kept apart in wall time.
 */
import type { SandboxSnapshot } from '../sandbox/types.ts';

export interface CheckpointOptions {
  /** Most snapshots kept. */
  max: number;
  /** Simulated ms between snapshots at first. */
  spacingMs: number;
  /** Wall ms between snapshots at least (a fast-running cluster must not spend its time copying). */
  minWallMs: number;
}

export const DEFAULT_CHECKPOINTS: CheckpointOptions = { max: 32, spacingMs: 15_000, minWallMs: 500 };

export class Checkpoints {
  readonly #options: CheckpointOptions;
  #list: SandboxSnapshot[] = [];
  #spacingMs: number;
  #lastWall = -Infinity;

  constructor(options: CheckpointOptions = DEFAULT_CHECKPOINTS) {
    this.#options = options;
    this.#spacingMs = options.spacingMs;
  }

  get size(): number {
    return this.#list.length;
  }

  /** Simulated times of the kept snapshots, oldest first. */
  get times(): number[] {
    return this.#list.map((s) => s.now);
  }

  /**
   * Take a snapshot if the clock has moved far enough past the newest one. `wallNow` (wall ms)
   * rate-limits the snapshots of a playing cluster; null for a one-off jump (run to, step).
   */
  offer(now: number, wallNow: number | null, take: () => SandboxSnapshot): void {
    const newest = this.#list.at(-1);
    if (newest && now < newest.now + this.#spacingMs) return;
    if (newest && wallNow !== null && wallNow - this.#lastWall < this.#options.minWallMs) return;
    if (wallNow !== null) this.#lastWall = wallNow;
    this.#list.push(take());
    if (this.#list.length > this.#options.max) {
      this.#list = this.#list.filter((_, i) => i % 2 === 0);
      this.#spacingMs *= 2;
    }
  }

  /** The latest snapshot at or before simulated time `at`. */
  nearest(at: number): SandboxSnapshot | null {
    let best: SandboxSnapshot | null = null;
    for (const s of this.#list) if (s.now <= at) best = s;
    return best;
  }

  /** The history changed after `at` (a fork): snapshots past it describe a history that no longer exists. */
  dropAfter(at: number): void {
    this.#list = this.#list.filter((s) => s.now <= at);
  }

  clear(): void {
    this.#list = [];
    this.#spacingMs = this.#options.spacingMs;
    this.#lastWall = -Infinity;
  }
}
