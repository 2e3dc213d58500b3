/** SDK services' timers. */
export type SdkEvent =
  /** Whether the service's scheduler (its Marathon app's task) runs is looked at again. */
  { type: 'sdk.watch'; service: string };
