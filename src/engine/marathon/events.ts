/** Marathon's timers, scheduled at a simulated time. */
export type MarathonEvent =
  /** A health check of one incarnation of an instance, under the Marathon leader of `epoch`. */
  | { type: 'marathon.health'; instanceId: string; incarnation: number; epoch: number }
  /** A readiness check of one task, for the deployment `deploymentId`, under the Marathon leader of `epoch`. */
  | { type: 'marathon.readiness'; taskId: string; deploymentId: string; epoch: number }
  /** The end of a run spec's launch delay (backoff). */
  | { type: 'marathon.delay-over'; runSpecId: string }
  /** Deployment progress is looked at. */
  | { type: 'marathon.check' }
  | { type: 'marathon.reconcile' }
  /** A rate-limited revive. */
  | { type: 'marathon.revive' }
  /** A resident instance's reservation is due to have a task launched on it (--task_reservation_timeout). */
  | { type: 'marathon.reservation-timeout'; instanceId: string }
  /** Marathon sends again the kills that did not reach their agents (--task_kill_retry_timeout). */
  | { type: 'marathon.kill-retry' };
