/** Metronome reconciles every 15 min (MetronomeConfig.scala:164-167). */
export const RECONCILIATION_INTERVAL_MS = 15 * 60_000;
