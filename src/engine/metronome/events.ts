/** What happens to DC/OS Jobs (Metronome), scheduled at a simulated time. */

export type MetronomeEvent =
  /** A job's schedule timer fires (void unless `token` is the job's current timer). */
  | { type: 'metronome.fire'; jobId: string; token: number }
  /** A scheduled run's starting deadline: aborted unless a task of it became active. */
  | { type: 'metronome.starting-deadline'; jobId: string; runId: string }
  /** A revive deferred to the end of Marathon's minimum revive interval. */
  | { type: 'metronome.revive' }
  /** Metronome's periodic reconciliation (every 15 min). */
  | { type: 'metronome.reconcile' };
