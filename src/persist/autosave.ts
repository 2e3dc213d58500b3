/**
 * Batched autosave of one cluster. The UI notes what happened; the Autosaver decides when to write:
 * soon after a user action (short debounce, so a burst of actions is one write) and at most every
 * `intervalMs` of wall time while the simulation only runs. Each save reads the latest state (the
 * worker's `shareable()`), writes it in one transaction, and reports a failure through `onError`;
 * a failed save leaves the cluster dirty so the next note tries again. A write the user is about to
 * see acknowledged is saved at once (`saveAction`): it must survive a reload right after.
 */
import type { ClusterRepository, ClusterState } from './clusters.ts';
import { toPersistError, type PersistError } from './errors.ts';

export interface AutosaverOptions {
  repo: Pick<ClusterRepository, 'save'>;
  clusterId: string;
  /** The state to save, read when the save starts; null = nothing to save (no sandbox yet). */
  read: () => Promise<ClusterState | null> | ClusterState | null;
  /** Every failure, as it happens (never swallowed). */
  onError: (error: PersistError) => void;
  onSaved?: (saved: { at: number; updatedAt: number }) => void;
  /** Simulation progress is saved at most this often (wall ms). Default 5000. */
  intervalMs?: number;
  /** A user action is saved this long after it (wall ms), batching bursts. Default 50. */
  actionDelayMs?: number;
  /** Wall clock in ms. Default performance.now. */
  clock?: () => number;
}

export class Autosaver {
  readonly #o: Required<Omit<AutosaverOptions, 'onSaved'>> & Pick<AutosaverOptions, 'onSaved'>;
  #dirty = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #timerDue = Infinity;
  #saving: Promise<void> | null = null;
  #again = false;
  #lastStart: number;
  #disposed = false;
  #lastError: PersistError | null = null;

  constructor(options: AutosaverOptions) {
    this.#o = { intervalMs: 5000, actionDelayMs: 50, clock: () => performance.now(), ...options };
    this.#lastStart = this.#o.clock();
  }

  /** The error of the latest save, null once a save succeeds. */
  get lastError(): PersistError | null {
    return this.#lastError;
  }

  /** True while there is something not yet written. */
  get dirty(): boolean {
    return this.#dirty || this.#saving !== null;
  }

  /** A user action happened (an API write): save soon. */
  noteAction(): void {
    if (this.#disposed) return;
    this.#dirty = true;
    this.#schedule(this.#o.clock() + this.#o.actionDelayMs);
  }

  /** Simulated time moved on: save when `intervalMs` has passed since the last save began. */
  noteTime(): void {
    if (this.#disposed) return;
    this.#dirty = true;
    this.#schedule(this.#lastStart + this.#o.intervalMs);
  }

  /**
   * A user action happened that is about to be acknowledged: write it now. Resolves once a save that
   * read the state after the action is written (to the error if it failed); concurrent calls share
   * the next save.
   */
  async saveAction(): Promise<PersistError | null> {
    if (this.#disposed) return this.#lastError;
    this.#dirty = true;
    return this.flush();
  }

  /** Writes now whatever is pending; resolves when written, to the error if the write failed. */
  async flush(): Promise<PersistError | null> {
    this.#clearTimer();
    this.#again = false;
    while (this.#saving) await this.#saving;
    if (this.#dirty) await this.#start();
    return this.#lastError;
  }

  /** Flushes, then ignores further notes (the page leaves the cluster). */
  async dispose(): Promise<PersistError | null> {
    const result = await this.flush();
    this.#disposed = true;
    this.#clearTimer();
    return result;
  }

  #schedule(due: number): void {
    if (this.#timer !== null && this.#timerDue <= due) return;
    this.#clearTimer();
    this.#timerDue = due;
    this.#timer = setTimeout(
      () => {
        this.#timer = null;
        this.#timerDue = Infinity;
        if (this.#saving) this.#again = true;
        else void this.#start();
      },
      Math.max(0, due - this.#o.clock()),
    );
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#timerDue = Infinity;
  }

  #start(): Promise<void> {
    this.#saving = this.#save().finally(() => {
      this.#saving = null;
      if (this.#again && this.#dirty && !this.#disposed) {
        this.#again = false;
        void this.#start();
      }
    });
    return this.#saving;
  }

  async #save(): Promise<void> {
    this.#dirty = false;
    this.#lastStart = this.#o.clock();
    try {
      const state = await this.#o.read();
      if (!state) return;
      const { updatedAt } = await this.#o.repo.save(this.#o.clusterId, state);
      this.#lastError = null;
      this.#o.onSaved?.({ at: state.at, updatedAt });
    } catch (err) {
      this.#dirty = true; // the next note retries
      this.#lastError = toPersistError(err, 'write');
      this.#o.onError(this.#lastError);
    }
  }
}
