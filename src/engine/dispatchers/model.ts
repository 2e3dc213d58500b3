/**
 * Packages whose Marathon app is a Mesos scheduler of its own without dcos-commons: Spark's dispatcher
 * (MesosClusterDispatcher: drivers submitted over REST run as Mesos tasks, each driver then registers a framework of
 * its own for its executors) and Jenkins' master (the Mesos plugin launches a build agent per queued build).
 * Plain data inside ClusterState (docs/dispatchers.md).
 */
import type { TaskStateName } from '../../common/task-states.ts';

/** MesosClusterScheduler's driver states (`getDriverStatus`); a killed or failed driver is FINISHED with its last Mesos state. */
export type DriverState = 'QUEUED' | 'RUNNING' | 'FINISHED';

export interface SparkExecutor {
  taskId: string;
  state: TaskStateName;
}

/** One submission (`POST /v1/submissions/create`), its driver task (id = submission id) and its application's framework. */
export interface SparkDriver {
  submissionId: string;
  appName: string;
  mainClass: string;
  appResource: string;
  appArgs: string[];
  submittedAt: number;
  /** spark.driver.cores / spark.driver.memory (MB). */
  cores: number;
  mem: number;
  /** spark.executor.cores / spark.executor.memory (MB) and how many executors the application wants. */
  executorCores: number;
  executorMem: number;
  executorCount: number;
  /** How long the application runs once its framework is registered (ms, drawn at submission). */
  durationMs: number;
  state: DriverState;
  /** The driver task's last Mesos state (null while queued). */
  taskState: TaskStateName | null;
  agentIdx: number | null;
  /** The application's framework (`<dispatcher framework id>-<submission id>`), once the driver runs. */
  frameworkId: string | null;
  executors: SparkExecutor[];
  /** The application is done (its time ran out, or its driver ended): no more executors. */
  done: boolean;
}

/** One build queued on a Jenkins master (`POST /sandbox/v1/jenkins/<name>/builds`). */
export interface JenkinsBuild {
  number: number;
  durationMs: number;
  state: 'QUEUED' | 'RUNNING' | 'DONE';
  /** The build agent task it runs on. */
  taskId: string | null;
  taskState: TaskStateName | null;
  queuedAt: number;
}

export interface DispatcherService {
  name: string;
  appId: string;
  packageName: 'spark' | 'jenkins';
  frameworkId: string;
  /** The role the scheduler subscribes in (spark: SPARK_DISPATCHER_MESOS_ROLE; jenkins: JENKINS_AGENT_ROLE). */
  role: string;
  /** Spark: submissions, oldest first, and the last driver number given out. */
  drivers: SparkDriver[];
  driverSeq: number;
  /** Jenkins: builds, oldest first, the agents' resources and label. */
  builds: JenkinsBuild[];
  buildSeq: number;
  agentCpus: number;
  agentMem: number;
  agentLabel: string;
}

export interface DispatchersState {
  services: Record<string, DispatcherService>;
}

export function emptyDispatchers(): DispatchersState {
  return { services: {} };
}
