/** The simulation's clock controls: play, pause, step and speed, each one call answered with the worker's status. */
import type { SandboxBridge, WorkerStatus } from '../../worker/bridge.ts';

export const SPEEDS = [1, 10, 100, 1000] as const;

/** Where the status an intent answers with goes, and where the current one is read. */
export interface StatusHolder {
  readonly status: WorkerStatus;
  setStatus(status: WorkerStatus): void;
}

export class Playback {
  readonly #bridge: Pick<SandboxBridge, 'play' | 'pause' | 'step' | 'setSpeed'>;
  readonly #holder: StatusHolder;

  constructor(bridge: Pick<SandboxBridge, 'play' | 'pause' | 'step' | 'setSpeed'>, holder: StatusHolder) {
    this.#bridge = bridge;
    this.#holder = holder;
  }

  async play(): Promise<void> {
    this.#holder.setStatus(await this.#bridge.play());
  }

  async pause(): Promise<void> {
    this.#holder.setStatus(await this.#bridge.pause());
  }

  async toggle(): Promise<void> {
    await (this.#holder.status.playing ? this.pause() : this.play());
  }

  /** Pause and advance one allocation interval. */
  async step(): Promise<void> {
    this.#holder.setStatus(await this.#bridge.step());
  }

  async setSpeed(speed: number): Promise<void> {
    this.#holder.setStatus(await this.#bridge.setSpeed(speed));
  }
}
