/** Simulated time starts at this wall-clock instant (2026-01-01T00:00:00Z), so timestamps in API answers look real and stay deterministic. */
export const SIM_EPOCH_MS = 1_767_225_600_000;

/** Mesos reports times as float seconds since the epoch. */
export function toMesosSeconds(simMs: number): number {
  return (SIM_EPOCH_MS + simMs) / 1000;
}
