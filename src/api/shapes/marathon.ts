/**
 * Marathon's JSON as the sandbox answers it behind Admin Router (`/marathon/v2/...`): apps, tasks,
 * deployments, the launch queue, groups, pod status, info and leader (src/api/marathon/ builds them;
 * the app and pod definitions they echo are in marathon-definitions.ts). Types only.
 */
import type { PodResources } from '../../common/marathon/pod-definition.ts';
import type { AppDefinitionJson, MarathonPod } from './marathon-definitions.ts';
import type { MesosTaskState } from './mesos.ts';

export interface DeploymentRef {
  id: string;
}

export interface AppVersionInfo {
  lastScalingAt: string;
  lastConfigChangeAt: string;
}

export interface AppTaskCounts {
  tasksStaged: number;
  tasksRunning: number;
  tasksHealthy: number;
  tasksUnhealthy: number;
}

export interface HealthCheckResult {
  alive: boolean;
  consecutiveFailures: number;
  firstSuccess: string | null;
  lastFailure: string | null;
  lastSuccess: string | null;
  lastFailureCause: string | null;
  instanceId: { idString: string };
}

/** Counts and life times of an app's launched instances (`TaskStats`). */
export interface TaskStatsJson {
  counts: { staged: number; running: number; healthy: number; unhealthy: number };
  /** Seconds since the instances started running, when some have. */
  lifeTime?: { averageSeconds: number; medianSeconds: number };
}

/** `tasksStats` of an app: each group present only when it has instances. */
export interface TaskStatsByVersion {
  startedAfterLastScaling?: { stats: TaskStatsJson };
  withLatestConfig?: { stats: TaskStatsJson };
  withOutdatedConfig?: { stats: TaskStatsJson };
  totalSummary?: { stats: TaskStatsJson };
}

/** The latest answer of one task to its app's readiness check, while a deployment waits for it. */
export interface ReadinessCheckResult {
  name: string;
  taskId: string;
  ready: boolean;
  /** Only when the check has `preserveLastResponse`. */
  lastResponse?: { status: number; contentType: string; body: string };
}

/** A local persistent volume of a resident instance (`localVolumes.raml` `LocalVolumeId`). */
export interface MarathonLocalVolume {
  runSpecId: string;
  containerPath: string;
  uuid: string;
  /** `<app safePath>#<containerPath>#<uuid>`. */
  persistenceId: string;
}

/** Fields in the order of Marathon's RAML `Task` (task.raml), the order its writer puts them in. */
export interface MarathonTask {
  appId: string;
  /** Always written; empty unless the app has a health check that has answered. */
  healthCheckResults?: HealthCheckResult[];
  host: string;
  id: string;
  /** `[]` while the task is staging. */
  ipAddresses: Array<{ ipAddress: string; protocol: 'IPv4' }>;
  ports: number[];
  /** The app's service ports in `/v2/tasks`; `[]` in other task lists. */
  servicePorts: number[];
  slaveId: string;
  state: MesosTaskState;
  /** These three are left out for a task that ended (a resident instance's kept task), as Marathon's TaskConversion does. */
  stagedAt?: string | null;
  startedAt?: string | null;
  /** The app's config version (lastConfigChangeAt) the task was launched with. */
  version?: string;
  /** The instance's reservation's volumes; `[]` without one. */
  localVolumes: MarathonLocalVolume[];
  /** The instance's role (a resident instance keeps the one it reserved with). */
  role: string;
}

export interface TaskFailure {
  appId: string;
  host: string;
  message: string;
  state: string;
  taskId: string;
  timestamp: string;
  version: string;
  slaveId: string;
}

export type MarathonApp = AppDefinitionJson &
  AppTaskCounts & {
    version: string;
    versionInfo: AppVersionInfo;
    deployments: DeploymentRef[];
    /** With `embed=apps.readiness`: the results the current steps of running deployments hold for the app. */
    readinessCheckResults?: ReadinessCheckResult[];
    /** With `embed=apps.tasks` (always on GET /v2/apps/{id}). */
    tasks?: MarathonTask[];
    /** With `embed=apps.lastTaskFailure`, once a task has failed. */
    lastTaskFailure?: TaskFailure;
    /** With `embed=apps.taskStats`. */
    tasksStats?: TaskStatsByVersion;
  };

/** GET /marathon/v2/apps */
export interface MarathonAppList {
  apps: MarathonApp[];
}

/** GET /marathon/v2/apps/{id} */
export interface MarathonAppBody {
  app: MarathonApp;
}

/** GET /marathon/v2/apps/{id}/versions, newest first. */
export interface AppVersionList {
  versions: string[];
}

/** GET /marathon/v2/tasks, GET /marathon/v2/apps/{id}/tasks, and the tasks a kill ended. */
export interface MarathonTaskList {
  tasks: MarathonTask[];
}

/** The answer to a change that started a deployment. */
export interface DeploymentStarted {
  version: string;
  deploymentId: string;
}

export type DeploymentActionName =
  'StartApplication' | 'ScaleApplication' | 'RestartApplication' | 'StopApplication' | 'StartPod' | 'ScalePod' | 'RestartPod' | 'StopPod';

/** An action on an app (`app`) or on a pod (`pod`). */
export type DeploymentAction =
  { action: DeploymentActionName; app: string; pod?: never } | { action: DeploymentActionName; pod: string; app?: never };

/** An entry of GET /marathon/v2/deployments. */
export interface Deployment {
  id: string;
  version: string;
  affectedApps: string[];
  affectedPods: string[];
  steps: Array<{ actions: DeploymentAction[] }>;
  currentActions: Array<DeploymentAction & { readinessCheckResults: ReadinessCheckResult[] }>;
  /** 1-based, as Marathon counts. */
  currentStep: number;
  totalSteps: number;
}

/** Why an offer did not serve a run spec, in the order of the DC/OS Debug funnel. */
export type OfferRejectReason =
  | 'UnfulfilledRole'
  | 'UnfulfilledConstraint'
  | 'NoCorrespondingReservationFound'
  | 'AgentMaintenance'
  | 'InsufficientCpus'
  | 'InsufficientMemory'
  | 'InsufficientDisk'
  | 'InsufficientGpus'
  | 'InsufficientPorts'
  | 'DeclinedScarceResources';

/** One funnel stage: offers that reached it, and offers it declined. */
export interface RejectSummary {
  reason: OfferRejectReason;
  declined: number;
  processed: number;
}

export interface OffersSummary {
  processedOffersCount: number;
  unusedOffersCount: number;
  lastUnusedOfferAt: string | null;
  lastUsedOfferAt: string | null;
  rejectSummaryLastOffers: RejectSummary[];
  rejectSummaryLaunchAttempt: RejectSummary[];
}

export interface QueueEntryStatus {
  /** Instances waiting to launch. */
  count: number;
  delay: { timeLeftSeconds: number; overdue: boolean };
  since: string;
  processedOffersSummary: OffersSummary;
  /** Only with `embed=lastUnusedOffers`. */
  lastUnusedOffers?: UnusedOffer[];
}

/** An offer a queued run spec did not use, and why (`UnusedOffer`, `Offer` of Marathon's queue.raml and offer.raml). */
export interface UnusedOffer {
  offer: {
    id: string;
    hostname: string;
    agentId: string;
    resources: Array<{ name: string; role: string; scalar?: number; ranges?: Array<{ begin: number; end: number }> }>;
    attributes: Array<{ name: string; text?: string; scalar?: number }>;
  };
  reason: OfferRejectReason[];
  timestamp: string;
}

/** An entry of the launch queue: an app or a pod with instances waiting. */
export type QueueEntry = QueueEntryStatus & ({ app: MarathonApp; pod?: never } | { pod: MarathonPod; app?: never });

/** GET /marathon/v2/queue */
export interface MarathonQueue {
  queue: QueueEntry[];
}

/** GET /marathon/v2/groups[/{id}]: a group with its apps, pods and nested groups. */
export interface MarathonGroup {
  id: string;
  apps: MarathonApp[];
  pods: MarathonPod[];
  groups: MarathonGroup[];
  dependencies: string[];
  /** The newest version in the group, or null for an empty one. */
  version: string | null;
  /** Top-level groups only. */
  enforceRole?: boolean;
}

/** GET /marathon/v2/info */
export interface MarathonInfo {
  name: string;
  version: string;
  buildref: string;
  elected: boolean;
  /** `<ip>:8080` of the leading Marathon. */
  leader: string;
  frameworkId: string;
  /** Every key InfoResource writes; a flag without a value is null. */
  marathon_config: {
    access_control_allow_origin: string[] | null;
    checkpoint: boolean;
    decline_offer_duration: number;
    default_network_name: string | null;
    env_vars_prefix: string | null;
    executor: string;
    failover_timeout: number;
    features: string[];
    framework_name: string;
    ha: boolean;
    hostname: string;
    launch_token: number;
    launch_token_refresh_interval: number;
    leader_proxy_connection_timeout_ms: number;
    leader_proxy_read_timeout_ms: number;
    local_port_max: number;
    local_port_min: number;
    master: string;
    max_instances_per_offer: number;
    mesos_bridge_name: string;
    mesos_heartbeat_failure_threshold: number;
    mesos_heartbeat_interval: number;
    mesos_leader_ui_url: string;
    mesos_role: string;
    mesos_user: string;
    new_group_enforce_role: string;
    min_revive_offers_interval: number;
    offer_matching_timeout: number;
    on_elected_prepare_timeout: number;
    reconciliation_initial_delay: number;
    reconciliation_interval: number;
    scale_apps_initial_delay: number;
    scale_apps_interval: number;
    store_cache: boolean;
    task_launch_confirm_timeout: number;
    task_launch_timeout: number;
    task_lost_expunge_initial_delay: number;
    task_lost_expunge_interval: number;
    task_reservation_timeout: number;
    webui_url: string | null;
  };
  zookeeper_config: {
    zk: string;
    zk_compression: boolean;
    zk_compression_threshold: number;
    zk_connection_timeout: number;
    zk_max_node_size: number;
    zk_max_versions: number;
    zk_session_timeout: number;
    zk_timeout: number;
  };
  http_config: { http_port: number; https_port: number };
}

/** GET /marathon/v2/leader */
export interface MarathonLeader {
  leader: string;
}

export type PodInstanceStatusName = 'PENDING' | 'STAGING' | 'STABLE' | 'DEGRADED' | 'TERMINAL';

export interface PodContainerStatus {
  name: string;
  status: MesosTaskState;
  statusSince: string;
  /** The container's Mesos task id. */
  containerId: string;
  /** Absent for a container the pod's current definition no longer has. */
  resources?: PodResources;
  lastUpdated: string;
  lastChanged: string;
}

export interface PodInstanceStatus {
  id: string;
  status: PodInstanceStatusName;
  statusSince: string;
  agentHostname: string | null;
  agentId: string | null;
  resources: PodResources;
  networks: Array<{ addresses: string[] }>;
  containers: PodContainerStatus[];
  /** `/v2/pods/{id}::versions/{version}` */
  specReference: string;
  lastUpdated: string;
  lastChanged: string;
}

/** GET /marathon/v2/pods/{id}::status (and an entry of /v2/pods/::status): STABLE when every instance runs healthy. */
export interface PodStatus {
  id: string;
  spec: MarathonPod;
  status: 'STABLE' | 'DEGRADED';
  statusSince: string;
  instances: PodInstanceStatus[];
  lastUpdated: string;
  lastChanged: string;
}
