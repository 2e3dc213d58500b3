/**
 * Marathon's state: plain data inside ClusterState (survives structuredClone, JSON, IndexedDB).
 * Apps and pods are "run specs"; each has instances, and an instance runs one Mesos task per
 * incarnation (apps) or one task per container (pods). Deployments are plans of steps.
 */
import type { MarathonFlags } from '../../common/marathon/flags.ts';
import type { Scalars } from '../../common/resources.ts';
import type { TaskStateName } from '../../common/task-states.ts';
import type { AppBehavior, PortRanges } from '../../common/scenario/types.ts';
import type { AppDefinition, HealthCheck, SchedulingPolicy } from '../../common/marathon/app-definition.ts';
import type { PodDefinition } from '../../common/marathon/pod-definition.ts';
import type { ReadinessCheck } from '../../common/marathon/readiness-check.ts';
import type { NetworkAttachment } from '../network/model.ts';

/** An app or a pod definition, as stored and as deployments carry it. */
export type Definition = { kind: 'app'; app: AppDefinition } | { kind: 'pod'; pod: PodDefinition };

/** What the scheduler needs of an app or a pod, whatever JSON it came from. */
export interface RunSpec extends SchedulingPolicy {
  kind: 'app' | 'pod';
  /** Per instance (pods: the containers' sum plus the executor's). */
  resources: Scalars;
  /**
   * Host ports per instance, one entry per port mapping (pods: endpoint) or port definition: null = none (a container
   * port only), 0 = any port from the offer, else that exact port (ports-matcher.ts).
   */
  hostPorts: Array<number | null>;
  /** The networks its containers join; empty: host networking (absent in run specs saved before it was kept). */
  networks?: NetworkAttachment[];
  /** Reservation roles whose resources the instance may use. */
  acceptedResourceRoles: string[];
  healthCheck: HealthCheck | null;
  /** Asks no GPU and Marathon keeps GPU agents for GPU work (`--gpu_scheduling_behavior restricted`). */
  sparesGpuAgents: boolean;
  /** What a deployment waits for before a new instance counts (apps only; Marathon takes at most one). */
  readinessCheck: ReadinessCheck | null;
  /** One Mesos task per container: an app has one, named ''; a pod's first carries the executor's share. */
  containers: Array<{ name: string; resources: Scalars }>;
  /** An app's local persistent volumes: it is resident (absent or empty: not). */
  residentVolumes?: ResidentVolume[];
}

/** A local persistent volume as placement reads it (`PersistentVolumeInfo`): MB; `constraints` on the disk's path. */
export interface ResidentVolume {
  containerPath: string;
  type: 'root' | 'path' | 'mount';
  size: number;
  maxSize?: number;
  /** `["path", "LIKE" | "UNLIKE", regex]` each. */
  constraints: string[][];
}

/** Marathon instance conditions (`core/condition/Condition.scala`). */
export type Condition =
  | 'Scheduled'
  | 'Provisioned'
  | 'Staging'
  | 'Starting'
  | 'Running'
  | 'Killing'
  | 'Unreachable'
  | 'UnreachableInactive'
  | 'Finished'
  | 'Failed'
  | 'Killed'
  | 'Error'
  | 'Gone'
  | 'Dropped';

export type Goal = 'Running' | 'Stopped' | 'Decommissioned';

export interface HealthState {
  alive: boolean | null;
  consecutiveFailures: number;
  firstSuccess: number | null;
  lastSuccess: number | null;
  lastFailure: number | null;
  lastFailureCause: string | null;
}

/** A run spec's instances as a deployment reads them: see instance-tally.ts. */
export interface InstanceTally {
  /** Meant to run and not finished (waiting ones included). */
  live: number;
  /** Live and still waiting for an offer (Scheduled). */
  waiting: number;
  /** Meant to run, Running, and passing its health check if it has one. */
  healthy: number;
  /** Goal other than Running (being stopped). */
  notMeantToRun: number;
}

export interface InstanceState {
  id: string;
  runSpecId: string;
  /** The run spec's config version (lastConfigChangeAt) this instance was launched with. */
  configVersion: string;
  goal: Goal;
  condition: Condition;
  /** Simulated ms the condition was entered. */
  since: number;
  incarnation: number;
  agentIdx: number | null;
  /** Mesos task ids of the current incarnation (one per container), and their last reported states. */
  taskIds: string[];
  taskStates: TaskStateName[];
  stagedAt: number | null;
  startedAt: number | null;
  health: HealthState | null;
  /** A fault made this instance fail its health checks from now on. */
  forcedUnhealthy: boolean;
  unreachableSince: number | null;
  /** The instance this one replaces after its agent became unreachable. */
  replaces: string | null;
  /**
   * The current incarnation's host ports, aligned with the run spec's `hostPorts` (null: that entry has none); absent
   * before a launch (and in clusters saved before they were kept).
   */
  hostPorts?: Array<number | null>;
  /** The port variables and HOST Marathon put in the current incarnation's environment (port-env.ts); apps only. */
  env?: Record<string, string>;
  /** Environment variables the current incarnation takes from secrets: variable → secret path (never a value). */
  secretEnv?: Record<string, string>;
  /**
   * A resident instance's reservation on `agentIdx` (`Instance.reservation`): the role it reserved for, its local
   * volumes, and its state. `New` until its task first ends (timeoutAt: the task_reservation_timeout deadline, which
   * only matters while no task was launched), then `Suspended` (no timeout). Absent: no reservation.
   */
  reservation?: InstanceReservation;
  /** The role the instance was scheduled with (a resident instance keeps it when the app's role changes). */
  role?: string;
}

/** One local persistent volume of a resident instance (`LocalVolumeId`). */
export interface LocalVolumeId {
  runSpecId: string;
  containerPath: string;
  uuid: string;
  /** `<app safePath>#<containerPath>#<uuid>`. */
  persistenceId: string;
}

export interface InstanceReservation {
  volumeIds: LocalVolumeId[];
  state: 'New' | 'Suspended';
  /** Simulated ms after which Marathon expunges the instance if no task was launched yet (null: no timeout). */
  timeoutAt: number | null;
  /** Whether a task was ever launched on it (the timeout then no longer applies). */
  launched: boolean;
}

/** Launch backoff (`RateLimiter.scala`). */
export interface Backoff {
  delaySeconds: number;
  /** Launches wait until this simulated ms. */
  until: number;
}

/**
 * Reasons an offer did not serve a run spec, in Marathon's funnel order (`NoOfferMatchReason.reasonFunnel`): an
 * offer failing several counts under the first. The sandbox declines for reservations and maintenance never.
 */
export const REJECT_REASONS = [
  'UnfulfilledRole',
  'UnfulfilledConstraint',
  'NoCorrespondingReservationFound',
  'AgentMaintenance',
  'InsufficientCpus',
  'InsufficientMemory',
  'InsufficientDisk',
  'InsufficientGpus',
  'InsufficientPorts',
  'DeclinedScarceResources',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** Marathon's `processedOffersSummary` counters for one run spec. */
export interface OfferStats {
  processed: number;
  unused: number;
  lastUnusedAt: number | null;
  lastUsedAt: number | null;
  /** Declined per REJECT_REASONS index, since the current launch attempt began. */
  declinedSinceAttempt: number[];
  processedSinceAttempt: number;
  /** The last offer's result per agent index: -1 used, else the REJECT_REASONS index. */
  lastByAgent: Record<number, number>;
  /**
   * The last unused offer per agent index in the launch attempt that began at `attempt` (the record's waitingSince),
   * as `/v2/queue?embed=lastUnusedOffers` lists them (unused-offers.ts); absent until the first.
   */
  lastUnused?: { attempt: number; byAgent: Record<number, UnusedOfferNote> };
}

/** An offer a run spec did not use (Marathon's `OfferMatchResult.NoMatch`). */
export interface UnusedOfferNote {
  offerId: string;
  /** Simulated ms it was processed. */
  at: number;
  /** REJECT_REASONS indexes, in the order Marathon's `ResourceMatcher` finds them. */
  reasons: number[];
  /** The offer as the run spec saw it, pool by pool: what the same delivery's launches left of it. */
  portions: Array<{ pool: number; scalars: Scalars; ports: PortRanges }>;
}

export interface LastTaskFailure {
  appId: string;
  host: string;
  message: string;
  state: string;
  taskId: string;
  timestamp: number;
  version: string;
  slaveId: string;
}

export interface RunSpecRecord {
  kind: 'app' | 'pod';
  /** The definition as the API shows it: `app` for apps, `pod` for pods. */
  app: AppDefinition | null;
  pod: PodDefinition | null;
  spec: RunSpec;
  version: string;
  lastScalingAt: string;
  lastConfigChangeAt: string;
  /** Every stored version, oldest first: the definition as it was then. */
  versions: Array<{ version: string; definition: Definition }>;
  /** Instance ids, in creation order. */
  instanceIds: string[];
  /** Its instances counted (instance-tally.ts), kept as they change. */
  tally: InstanceTally;
  backoff: Backoff | null;
  /** Simulated ms the launch queue got work for this run spec (null: nothing waiting). */
  waitingSince: number | null;
  offers: OfferStats;
  lastTaskFailure: LastTaskFailure | null;
  behavior: AppBehavior;
  /** Removed from the API; instances are being stopped. */
  removing: boolean;
}

export type DeploymentActionName =
  'StartApplication' | 'ScaleApplication' | 'RestartApplication' | 'StopApplication' | 'StartPod' | 'ScalePod' | 'RestartPod' | 'StopPod';

export interface DeploymentAction {
  action: DeploymentActionName;
  runSpecId: string;
  /** Rolling restart bookkeeping (`TaskReplaceActor`). */
  restart?: { maxCapacity: number; started: number; killed: number; initialKill: number; initialized: boolean };
  /** Instances this action wants but has not scheduled yet (launch-window.ts); absent when none. */
  heldBack?: number;
  /** The latest readiness check result of each task that started running during this action (readiness.ts). */
  readiness?: Record<string, ReadinessResult>;
}

/** Marathon's `TaskReadinessCheckResult`. */
export interface ReadinessResult {
  name: string;
  taskId: string;
  ready: boolean;
  /** Only when the check preserves its last response. */
  lastResponse?: { status: number; contentType: string; body: string };
}

export interface DeploymentState {
  id: string;
  version: string;
  steps: DeploymentAction[][];
  /** Index of the running step. */
  current: number;
  /** Run specs as they were before the deployment (null: did not exist), for rollback. */
  original: Record<string, Definition | null>;
  /** Run specs as the deployment wants them (null: removed). */
  target: Record<string, Definition | null>;
}

export interface GroupRecord {
  id: string;
  dependencies: string[];
  version: string;
  /** Top-level groups only: their services run in the group's role (absent in clusters saved before it was kept: false). */
  enforceRole?: boolean;
}

export interface MarathonConfig {
  /** --mesos_role. */
  role: string;
  /** Marathon 1.9's --default_accepted_resource_roles, when a scenario still sets it (it wins over the behavior flag). */
  defaultAcceptedResourceRoles: string[] | null;
  flags: MarathonFlags;
}

export interface MarathonState {
  frameworkId: string;
  config: MarathonConfig;
  runSpecs: Record<string, RunSpecRecord>;
  groups: Record<string, GroupRecord>;
  instances: Record<string, InstanceState>;
  /** Mesos task id → instance id. */
  taskInstance: Record<string, string>;
  /** Tasks of expunged instances: killed if their agent comes back. */
  orphanTasks: string[];
  /** Tasks whose KILL did not reach their agent (cut off, or not registered with a new leader): sent again every 10 s. */
  killRetries: string[];
  deployments: DeploymentState[];
  /** The latest version stamp handed out (ms), so versions stay unique. */
  lastVersionMs: number;
  /** A deployment check is scheduled. */
  checkPending: boolean;
  instanceSeq: number;
  lastReviveAt: number | null;
  revivePending: boolean;
  /**
   * Reservations of expunged instances, to be destroyed and unreserved when an offer brings them back: Marathon
   * revives their roles for that (`CleaningUpReservations`). Absent: none.
   */
  cleanup?: Array<{ instanceId: string; role: string }>;
  /** Local volumes made so far (their time-based uuids count on it). Absent: none. */
  volumeSeq?: number;
}

export const ACTIVE_CONDITIONS: ReadonlySet<Condition> = new Set([
  'Provisioned',
  'Staging',
  'Starting',
  'Running',
  'Killing',
  'Unreachable',
]);
/** Conditions whose instances constraints do not count (SEMANTICS 3.1). */
export const LOST_CONDITIONS: ReadonlySet<Condition> = new Set(['Unreachable', 'Gone', 'Dropped']);
export const TERMINAL_CONDITIONS: ReadonlySet<Condition> = new Set(['Finished', 'Failed', 'Killed', 'Error', 'Gone', 'Dropped']);

export function emptyOfferStats(): OfferStats {
  return {
    processed: 0,
    unused: 0,
    lastUnusedAt: null,
    lastUsedAt: null,
    declinedSinceAttempt: REJECT_REASONS.map(() => 0),
    processedSinceAttempt: 0,
    lastByAgent: {},
  };
}

/** Marathon's part of a new cluster: no apps, groups or deployments yet. */
export function emptyMarathon(frameworkId: string, config: MarathonConfig): MarathonState {
  return {
    frameworkId,
    config,
    runSpecs: {},
    groups: {},
    instances: {},
    taskInstance: {},
    orphanTasks: [],
    killRetries: [],
    deployments: [],
    lastVersionMs: -1,
    checkPending: false,
    instanceSeq: 0,
    lastReviveAt: null,
    revivePending: false,
  };
}

/** What sets one new (not yet running) instance apart from another; the rest starts the same for all. */
export type NewInstance = Pick<
  InstanceState,
  'id' | 'runSpecId' | 'configVersion' | 'condition' | 'since' | 'incarnation' | 'agentIdx' | 'replaces'
>;

/** A new instance: no tasks, no health, nothing staged yet. */
export function newInstance(f: NewInstance): InstanceState {
  return {
    id: f.id,
    runSpecId: f.runSpecId,
    configVersion: f.configVersion,
    goal: 'Running',
    condition: f.condition,
    since: f.since,
    incarnation: f.incarnation,
    agentIdx: f.agentIdx,
    taskIds: [],
    taskStates: [],
    stagedAt: null,
    startedAt: null,
    health: null,
    forcedUnhealthy: false,
    unreachableSince: null,
    replaces: f.replaces,
  };
}
