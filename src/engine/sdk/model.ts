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
  /** The pod's tasks the step launches (svc.yml's `steps: - 0: [[format], [node]]` makes two steps); absent: all the pod's tasks. */
  tasks?: string[];
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
  /** The readiness check of one of its tasks (svc.yml `readiness-check`); null: none. */
  readiness?: SdkReadiness | null;
  /**
   * Tasks that run to TASK_FINISHED (goal ONCE or FINISH), for so many seconds: each on the resources of the running
   * task `slot` names, or (no slot) on a resource set of its own, `resources` (cpus, mem), reserved beside the pod the
   * first time one of them launches.
   */
  once?: Record<string, { slot?: string; seconds: number; resources?: [number, number] }>;
  /** The deploy plan's phases over this pod type when svc.yml names custom steps; absent: one phase `phase`, a step per instance. */
  deploy?: SdkPhaseSpec[];
}

/** A readiness check (seconds): first run `delay` after the task runs, then every `interval`; it passes once the
 * service process is ready, `readyAfter` after the task started running (the sandbox's figure for that process). */
export interface SdkReadiness {
  task: string;
  delay: number;
  interval: number;
  readyAfter: number;
}

/** A phase of svc.yml's deploy plan: steps per pod index (or `default`), each a list of the tasks it launches. */
export interface SdkPhaseSpec {
  name: string;
  strategy: Strategy;
  steps: Record<string, string[][]>;
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
  /** How many of its running tasks (a prefix of the spec's `tasks`) were launched on its reservation; absent: all. */
  launched?: number;
  /** The task that runs to completion on its reservation now or last (goal ONCE/FINISH), and its last state. */
  once?: { task: string; id: string; state: TaskStateName } | null;
  /** The task id whose readiness check passed: the pod is ready while that launch runs. */
  readyTaskId?: string;
  /** The reservation (`resource_id`) of its resource set for tasks that run to completion, once reserved. */
  sidecarResourceId?: string | null;
  /** Runs with resources the target configuration has changed: relaunched in place with the new ones. */
  outdated?: boolean;
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
  /** The environment the scheduler last started with (a change is a configuration update); unset until it first runs. */
  env?: Record<string, string>;
}

export interface SdkState {
  services: Record<string, SdkService>;
}

export function emptySdk(): SdkState {
  return { services: {} };
}

/** Pod instance `<type>-<index>`, not placed yet. */
export function newPodInstance(type: string, index: number): SdkPodInstance {
  return {
    name: `${type}-${index}`,
    type,
    index,
    agentIdx: null,
    resourceId: null,
    volume: null,
    taskIds: [],
    taskStates: [],
    replacing: false,
  };
}
