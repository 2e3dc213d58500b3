/**
 * The cluster's state: plain data only (no class instances), so it survives structuredClone,
 * JSON and IndexedDB. Changed only by the master's named operations.
 */
import type { TaskStateName } from '../../common/task-states.ts';
import type { Scalars } from '../../common/resources.ts';
import type { MarathonState } from '../marathon/model.ts';
import type { MetronomeState } from '../metronome/model.ts';
import type { CosmosState } from '../cosmos/model.ts';
import type { SdkState } from '../sdk/model.ts';
import type { IamState } from '../iam/model.ts';
import type { SecretsState } from '../secrets/store.ts';
import type { DispatchersState } from '../dispatchers/model.ts';
import type { FrameworkSpec, PortRanges } from '../../common/scenario/types.ts';
import type { HaState } from '../ha/model.ts';
import type { MarathonRole, MasterUnit, MesosRole, UnitState } from '../../common/units.ts';
import type { NetworkAttachment, NetworkState } from '../network/model.ts';
import type { ZkState } from '../zookeeper/model.ts';
import type { MesosDnsState } from '../dns/model.ts';
import type { TrafficState } from '../traffic/model.ts';

/** A Mesos label (reservation labels: Marathon finds its reservations by them). */
export interface Label {
  key: string;
  value?: string;
}

/** Who made a dynamic reservation, and its labels: two reservations of one role differing in them never merge. */
export interface DynamicReservation {
  principal?: string;
  labels: Label[];
}

/** Where a disk that is not the agent's ROOT disk lives: a directory (PATH) or a whole mount point (MOUNT). */
export interface DiskSource {
  type: 'PATH' | 'MOUNT';
  root: string;
}

/**
 * A disk resource kept whole inside a pool: a PATH or MOUNT disk, or a persistent volume (on the ROOT disk when
 * `source` is null, else filling its PATH or MOUNT disk). Its size is part of the pool's disk scalar; the rest of that
 * scalar is plain ROOT disk. Offered and used whole (Mesos can split a PATH disk; the sandbox never does).
 */
export interface DiskItem {
  /** Unique on its agent (AgentState.diskSeq). */
  id: number;
  source: DiskSource | null;
  /** MB. */
  size: number;
  persistence?: { id: string; principal?: string };
  volume?: { containerPath: string; mode: 'RW' | 'RO' };
  /** Neither offered nor used. */
  free: boolean;
}

/**
 * A set of resources on one agent that share a reservation: pools[0] is the unreserved pool ('*'); the others are
 * reserved to `role`, statically (from the agent's --resources) or dynamically (RESERVE; then `dynamic` is set).
 * A dynamic pool emptied by UNRESERVE stays in the list, all zero, to be reused: tasks and offers hold pool indexes.
 */
export interface Pool {
  role: string;
  dynamic?: DynamicReservation;
  total: Scalars;
  /** Neither offered nor used. */
  free: Scalars;
  totalPorts: PortRanges;
  freePorts: PortRanges;
  /** Disks kept whole (PATH, MOUNT, volumes); absent: all of the disk scalar is ROOT disk. */
  disks?: DiskItem[];
}

export interface AgentState {
  id: string;
  hostname: string;
  ip: string;
  public: boolean;
  attributes: Record<string, string | number>;
  /** pools[0] is always the unreserved pool. */
  pools: Pool[];
  /** Registered with the current leading master. */
  registered: boolean;
  registeredAt: number | null;
  /** The agent process runs (agent-crash stops it; its tasks keep running, as with checkpointing). */
  up: boolean;
  /** The leading master cannot reach the agent (it is down, cut off, or there is no leader): pings fail. */
  disconnected: boolean;
  disconnectedAt: number | null;
  unreachableAt: number | null;
  /** Status updates the agent could not deliver yet; they go out when it is registered and reachable again. */
  heldUpdates: Array<{ taskId: string; state: TaskStateName; detail?: StatusDetail }>;
  /** Maintenance: a deactivated agent gets no offers; a draining one also has its tasks killed. */
  deactivated: boolean;
  drain: { state: 'DRAINING' | 'DRAINED'; maxGracePeriodMs: number | null; since: number } | null;
  /**
   * Decommissioned (marked gone, its machine shut down): it never registers again. Agents are never
   * taken out of the list, so every index held by tasks, offers, instances and events stays valid;
   * the API, the view and the allocator leave gone agents out.
   */
  gone: boolean;
  /**
   * The leading master's offer filters on this agent, oldest first (expired ones are dropped when the agent is
   * next in an allocation run). Kept by agent so that a run reads only its own agents' filters.
   */
  filters: OfferFilter[];
  /** Ids of the live tasks on this agent (those in ClusterState.tasks), in launch order. */
  taskIds: string[];
  /** The last DiskItem id given out on this agent (absent: none yet). */
  diskSeq?: number;
}

/** Resources taken from one pool of an agent. */
export interface Portion {
  pool: number;
  /** Plain resources: its disk is ROOT disk only; the whole disks it carries are in `disks`. */
  scalars: Scalars;
  ports: PortRanges;
  /** Ids of the pool's DiskItems it carries (volumes, PATH and MOUNT disks), and their sizes' sum; absent: none. */
  disks?: number[];
  wholeDisk?: number;
}

export interface OfferState {
  id: string;
  frameworkId: string;
  agentIdx: number;
  role: string;
  portions: Portion[];
  offeredAt: number;
}

/** Why a status was sent, when the sender says (TaskStatus' source, reason and message); absent on most updates. */
export interface StatusDetail {
  source: 'SOURCE_MASTER' | 'SOURCE_SLAVE' | 'SOURCE_EXECUTOR';
  reason: string;
  message: string;
}

export interface TaskStatus {
  state: TaskStateName;
  timestamp: number;
  detail?: StatusDetail;
}

export interface TaskState {
  id: string;
  name: string;
  frameworkId: string;
  agentIdx: number;
  role: string;
  state: TaskStateName;
  portions: Portion[];
  statuses: TaskStatus[];
  /** The networks its container joined (none: the agent's own network) and its IP on each, in that order. */
  networks?: NetworkAttachment[];
  ips?: string[];
  /** Killed with a grace period: it keeps serving while TASK_KILLING. */
  draining?: true;
}

/** FrameworkInfo.roles, and those of them the framework wants no offers in (SUBSCRIBE, UPDATE_FRAMEWORK). */
export interface Subscription {
  roles: string[];
  suppressedRoles: string[];
}

/** A framework's allocation in one role: DRF among a role's frameworks counts only what each holds in that role. */
export interface RoleShare {
  /** Offered + used, [cpus, mem, disk, gpus]; and the unreserved part of it (quota consumption). */
  allocated: Scalars;
  allocatedUnreserved: Scalars;
  allocatedPorts: number;
  /** Times the allocator offered to this framework in this role (a DRF tie-break). */
  allocationCount: number;
}

interface FrameworkBase {
  id: string;
  name: string;
  /** FrameworkInfo.roles: the roles it subscribed with (one unless it is MULTI_ROLE); replaced whole when they change. */
  roles: string[];
  /** MULTI_ROLE capability: the master's JSON names its `roles`, not a `role`. */
  multiRole: boolean;
  /** GPU_RESOURCES capability: only such frameworks are offered agents with GPUs. */
  gpuCapable: boolean;
  registered: boolean;
  registeredAt: number | null;
  /** A SUBSCRIBE to the current leader is on its way. */
  subscribing: boolean;
  /** Roles it wants no offers for (SUPPRESS, or UPDATE_FRAMEWORK's suppressed_roles) until a REVIVE. */
  suppressedRoles: string[];
  /** What it holds in each role it was offered in: Mesos keeps one framework sorter per role. */
  shares: Record<string, RoleShare>;
  launched: number;
  taskSeq: number;
  /** The most recent terminal tasks, newest last (bounded like Mesos' max_completed_tasks_per_framework). */
  completedTasks: TaskState[];
  finished: number;
  failed: number;
  /** Partition-aware frameworks see TASK_UNREACHABLE for tasks of a lost agent; others see TASK_LOST. */
  partitionAware: boolean;
}

/** A load generator: a queue of identical tasks. */
export interface SyntheticFramework extends FrameworkBase {
  kind: 'synthetic';
  spec: FrameworkSpec;
  /** Tasks not yet launched (unused when the spec says 'unlimited'). */
  queued: number;
}

/** DC/OS' root Marathon; its apps and instances live in ClusterState.marathon. */
export interface MarathonFramework extends FrameworkBase {
  kind: 'marathon';
}

/** DC/OS Jobs (Metronome); its jobs and runs live in ClusterState.metronome. */
export interface MetronomeFramework extends FrameworkBase {
  kind: 'metronome';
}

/** A service's own scheduler (src/engine/sdk): it reaches the master while its Marathon app's task runs. */
export interface SdkFramework extends FrameworkBase {
  kind: 'sdk';
  /** The service's name, its key in ClusterState.sdk. */
  service: string;
  schedulerUp: boolean;
}

/** Spark's dispatcher or Jenkins' master (src/engine/dispatchers): it reaches the master while its Marathon app's task runs. */
export interface DispatcherFramework extends FrameworkBase {
  kind: 'dispatcher';
  /** The service's name, its key in ClusterState.dispatchers. */
  service: string;
  schedulerUp: boolean;
}

/** A Spark application's own framework, registered by its driver (a task of the dispatcher) while the driver runs. */
export interface SparkAppFramework extends FrameworkBase {
  kind: 'spark-app';
  service: string;
  submissionId: string;
  schedulerUp: boolean;
}

/** Which scheduler answers a framework's offers and status updates is told by `kind`. */
export type FrameworkState =
  SyntheticFramework | MarathonFramework | MetronomeFramework | SdkFramework | DispatcherFramework | SparkAppFramework;

export interface OfferFilter {
  frameworkId: string;
  /** Mesos keeps a framework's filters per role: a decline in one role does not filter offers in another. */
  role: string;
  /** [cpus, mem, disk, gpus, ports]: the declined quantities. */
  declined: [number, number, number, number, number];
  expiresAt: number;
}

export interface RoleConfig {
  weight: number;
  /** Quota set with the legacy shape: guarantee = limit. */
  quota: Scalars | null;
}

export interface MasterState {
  id: string;
  hostname: string;
  ip: string;
  /** The host runs (master-crash stops it and everything on it). */
  up: boolean;
  /** Counts the host's boots: a unit start scheduled before a crash is void after it. */
  boot: number;
  /** How many times its Mesos master process started: each start is a new master with its own id (see mesosMasterId). */
  mesosStarts: number;
  units: Record<MasterUnit, UnitState>;
  mesos: MesosRole;
  marathon: MarathonRole;
  /** DC/OS Jobs: elected like Marathon, in its own znode group (`/metronome/leader-curator`). */
  metronome: MarathonRole;
}

export type NotableKind = 'deployment' | 'failure' | 'recovery' | 'leader';

/** Something the time bar marks: a deployment done, a task or an agent lost, an agent back, a new leader. */
export interface NotableEvent {
  at: number;
  kind: NotableKind;
  label: string;
}

export interface ClusterState {
  clusterName: string;
  seed: number;
  startedAt: number;
  masterId: string;
  masters: MasterState[];
  /** When the current (or last) Mesos leader was elected. */
  electedAt: number;
  ha: HaState;
  zk: ZkState;
  network: NetworkState;
  allocationIntervalMs: number;
  agents: AgentState[];
  frameworks: FrameworkState[];
  roles: Record<string, RoleConfig>;
  /** Allocation counts of each role's own frameworks (the role's sorter leaf). */
  roleAllocationCounts: Record<string, number>;
  /** Outstanding offers by id, in the order they were made (a Map: offer ids are unique strings made thousands of times a second). */
  offers: Map<string, OfferState>;
  tasks: Record<string, TaskState>;
  offerSeq: number;
  /** Totals of every task state ever reached, for state-summary counters. */
  taskStateCounts: Partial<Record<TaskStateName, number>>;
  /** The live tasks (those in `tasks`) counted by state and by role, kept as tasks start, change and end. */
  liveTasks: { byState: Partial<Record<TaskStateName, number>>; byRole: Record<string, number> };
  marathon: MarathonState;
  metronome: MetronomeState;
  /** The package manager: its repository list. */
  cosmos: CosmosState;
  /** Services with schedulers of their own (SDK packages); absent until the first is installed. */
  sdk?: SdkState;
  /** Spark dispatchers and Jenkins masters; absent until the first is installed. */
  dispatchers?: DispatchersState;
  /** Each master's Mesos-DNS and what its last load read (its records are generated from that). */
  mesosDns: MesosDnsState;
  /** The sandbox's request generator; absent until a client first runs. */
  traffic?: TrafficState;
  /** Users, groups, ACLs and the session (src/engine/iam); absent until the first IAM write: the bootstrap superuser alone. */
  iam?: IamState;
  /** The secret store (src/engine/secrets); absent until the first secret is stored. */
  secrets?: SecretsState;
  /** Notable events, oldest first (see notable.ts). */
  notable: NotableEvent[];
  /** How many notable events there have been (the list keeps only the newest). */
  notableTotal: number;
}
