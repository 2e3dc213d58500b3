/**
 * Services built on DC/OS's SDK (dcos-commons: Kafka, Cassandra, HDFS, Elastic): each one's scheduler runs as a
 * Marathon app, registers a framework of its own in `<name>-role`, and rolls its pods out by plans of phases and
 * steps (docs/catalog-sources-sdk.md). Plain data inside ClusterState.
 */
import type { Scalars } from '../../common/resources.ts';
import type { TaskStateName } from '../../common/task-states.ts';

/** `Status.java`: a step's own states; phases and plans roll theirs up (plans.ts). */
export type StepStatus = 'PENDING' | 'PREPARED' | 'STARTING' | 'STARTED' | 'COMPLETE' | 'WAITING' | 'DELAYED' | 'ERROR';
export type RollUpStatus = StepStatus | 'IN_PROGRESS';
export type Strategy = 'serial' | 'parallel';

export interface SdkStep {
  id: string;
  /** `<pod>-<index>:[<task>,…]`. */
  name: string;
  pod: string;
  status: StepStatus;
  message: string;
}

export interface SdkPhase {
  id: string;
  name: string;
  strategy: Strategy;
  steps: SdkStep[];
  /** `plan pause <plan> <phase>`: its steps wait until `plan resume`. */
  interrupted?: boolean;
}

export interface SdkPlan {
  name: string;
  strategy: Strategy;
  phases: SdkPhase[];
  errors: string[];
  /** `plan pause` (interrupt): no new step starts until `plan resume`. */
  interrupted: boolean;
}

/** One pod type of the service's spec (svc.yml), as its scheduler's environment sets it. */
export interface SdkPodSpec {
  type: string;
  count: number;
  /** The pod's tasks, each launched with the pod's resources (the sandbox gives a pod one task's worth). */
  tasks: string[];
  resources: Scalars;
  ports: number;
  volume: { path: string; size: number; type: 'ROOT' | 'MOUNT' } | null;
  /** Marathon-style placement, e.g. `[["hostname","MAX_PER","1"]]`. */
  placement: string[][];
  /** The deploy plan's phase for this pod type, and its strategy. */
  phase: string;
  strategy: Strategy;
}

/** Where a pod instance lives: its agent, the reservation its resources carry (one `resource_id` label), its volume. */
export interface SdkPodInstance {
  name: string;
  type: string;
  index: number;
  agentIdx: number | null;
  resourceId: string | null;
  volume: string | null;
  /** The Mesos task ids of its current launch (one per task), and their last states. */
  taskIds: string[];
  taskStates: TaskStateName[];
  /** `pod replace`: its reservation is given up, and it starts over anywhere. */
  replacing: boolean;
}

export interface SdkService {
  name: string;
  appId: string;
  packageName: string;
  frameworkId: string;
  role: string;
  principal: string;
  pods: SdkPodSpec[];
  instances: Record<string, SdkPodInstance>;
  deploy: SdkPlan;
  recovery: SdkPlan;
  /** Reservations given up (replaced pods, uninstall) to destroy and unreserve when offered: their `resource_id`s. */
  abandoned: string[];
  /** The uninstall plan runs (Cosmos' uninstall of an SDK package): the service goes once nothing is left. */
  uninstalling: boolean;
  taskSeq: number;
}

export interface SdkState {
  services: Record<string, SdkService>;
}

export function emptySdk(): SdkState {
  return { services: {} };
}
