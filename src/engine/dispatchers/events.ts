/** Timers of the dispatcher-style schedulers (Spark's dispatcher, Jenkins' master). */
export type DispatcherEvent =
  /** Whether the service's scheduler (its Marathon app's task) runs is looked at again. */
  | { type: 'dispatcher.watch'; service: string }
  /** A Spark application's work is done: its executors stop, its framework unregisters, its driver exits. */
  | { type: 'spark.app-done'; service: string; submissionId: string }
  /** A Jenkins build ends on its agent: the plugin kills the agent. */
  | { type: 'jenkins.build-done'; service: string; build: number; taskId: string };
