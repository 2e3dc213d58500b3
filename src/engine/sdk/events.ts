/** SDK services' timers. */
export type SdkEvent =
  /** Whether the service's scheduler (its Marathon app's task) runs is looked at again. */
  | { type: 'sdk.watch'; service: string }
  /** A run of a task's readiness check: `taskId` (its pod's launch then) has run since `since` (simulated ms). */
  | { type: 'sdk.readiness'; service: string; pod: string; taskId: string; since: number };
