/** Svelte runes and worker answers for the page's state classes run in Node, without the Svelte compiler. */
import type { WorkerStatus } from '../../src/worker/protocol.ts';

/** `$state(v)` (and `$state.raw(v)`) as plain `v`: nothing reacts to changes in these tests. Call in `beforeAll`. */
export function installRunes(): void {
  Object.assign(globalThis, { $state: Object.assign(<T>(v: T) => v, { raw: <T>(v: T) => v }) });
}

/** A paused, loaded worker's status at simulated ms `now` of cluster `generation`. */
export function workerStatus(now: number, generation = 1): WorkerStatus {
  return {
    loaded: true,
    playing: false,
    speed: 1,
    effectiveSpeed: 0,
    now,
    eventCount: 0,
    allocationIntervalMs: 1000,
    generation,
    error: null,
  };
}
