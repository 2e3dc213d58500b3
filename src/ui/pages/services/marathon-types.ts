/**
 * The Services page's view of Marathon's answers and of the placement diagnosis: what
 * marathon-read.ts makes of a body, field names as the API spells them (the bodies themselves are
 * typed in src/api/shapes/marathon.ts and sandbox.ts). The readers of lists and trees are
 * defensive (a missing or mistyped field gets a neutral value, entries without an id are skipped),
 * so these views only keep what the page needs, optional where a reader may leave a field out, and
 * add what the page derives (`raw`, a queue entry's `appId`, a pod's `instances`, plain-text
 * suggestions).
 */
import type {
  DeploymentRef,
  HealthCheckResult as MarathonHealthCheckResult,
  ReadinessCheckResult,
  TaskFailure as MarathonTaskFailure,
} from '../../../api/shapes/marathon.ts';
import type { SdkStatus } from '../../../api/shapes/sdk.ts';

/** Marathon's health check result; `instanceId` is left out when the body has none. */
export type HealthCheckResult = Omit<MarathonHealthCheckResult, 'instanceId'> & Partial<Pick<MarathonHealthCheckResult, 'instanceId'>>;

export interface IpAddress {
  ipAddress: string;
  protocol?: string;
}

/** A local persistent volume of a resident app's task (from the instance's reservation). */
export interface LocalVolume {
  runSpecId: string;
  containerPath: string;
  uuid: string;
  /** `<app safe path>#<container path>#<uuid>`: the Mesos persistence id. */
  persistenceId: string;
}

export interface MarathonTask {
  id: string;
  appId: string;
  host: string;
  slaveId?: string;
  state: string;
  stagedAt?: string;
  startedAt?: string;
  version?: string;
  ports: number[];
  ipAddresses: IpAddress[];
  healthCheckResults: HealthCheckResult[];
  role?: string;
  /** Empty for a task without a reservation. */
  localVolumes: LocalVolume[];
}

/** A task's latest readiness answer; of the last response only its HTTP status is kept. */
export type ReadinessResult = Omit<ReadinessCheckResult, 'lastResponse'> & { lastResponse?: { status: number } };

/** The fields of Marathon's last task failure that are strings. */
export type TaskFailure = Partial<MarathonTaskFailure>;

export interface MarathonApp {
  id: string;
  instances: number;
  cpus: number;
  mem: number;
  disk: number;
  gpus: number;
  cmd?: string;
  role?: string;
  constraints: unknown[];
  healthChecks: unknown[];
  version?: string;
  versionInfo?: { lastScalingAt?: string; lastConfigChangeAt?: string };
  tasksStaged: number;
  tasksRunning: number;
  tasksHealthy: number;
  tasksUnhealthy: number;
  deployments: DeploymentRef[];
  tasks: MarathonTask[];
  lastTaskFailure?: TaskFailure;
  /** While a deployment scales or restarts the app and waits for its tasks to answer ready. */
  readinessCheckResults: ReadinessResult[];
  /** The whole definition as Marathon sent it, for the Configuration tab and the editor. */
  raw: Record<string, unknown>;
  /** An SDK service's deploy plan in brief, once its scheduler answered. */
  sdk?: SdkSummary;
}

export interface MarathonPod {
  id: string;
  instances: number;
  version?: string;
  /** The whole definition as Marathon sent it, for the editor. */
  raw: Record<string, unknown>;
  /** From `/v2/pods/::status`, when it answered: Marathon's word and its instances by state. */
  state?: PodState;
  /** A deployment in progress affects it. */
  deploying?: boolean;
}

export interface PodState {
  status: string;
  /** Instances whose containers run (STABLE or DEGRADED), and those still starting (PENDING, STAGING). */
  running: number;
  staged: number;
}

export interface Resources {
  cpus: number;
  mem: number;
  disk: number;
  gpus: number;
}

/** A container of a pod instance (`PodStatus.instances[].containers[]`): one Mesos task. */
export interface PodContainerStatus {
  name: string;
  /** Its Mesos task state (`TASK_RUNNING`, …). */
  status: string;
  /** Its Mesos task id. */
  containerId: string;
  resources?: Resources;
  /** Absent from the body: an empty list. */
  endpoints: Array<{ name: string; allocatedHostPort?: number }>;
  lastUpdated?: string;
}

export interface PodInstanceStatus {
  id: string;
  /** PENDING, STAGING, STABLE, DEGRADED or TERMINAL. */
  status: string;
  agentHostname?: string;
  agentId?: string;
  resources?: Resources;
  /** Every address of its networks. */
  addresses: string[];
  containers: PodContainerStatus[];
  lastUpdated?: string;
}

/** GET /v2/pods/{id}::status: the pod (its `spec`, with its state: Marathon's word, instances by state) and its instances. */
export interface PodStatus {
  pod: MarathonPod;
  instances: PodInstanceStatus[];
}

export interface MarathonGroup {
  id: string;
  apps: MarathonApp[];
  groups: MarathonGroup[];
  pods: MarathonPod[];
}

export type DeploymentActionName = 'StartApplication' | 'ScaleApplication' | 'RestartApplication' | 'StopApplication' | string;

export interface DeploymentAction {
  action: DeploymentActionName;
  app?: string;
  pod?: string;
  /** A current action's readiness answers (empty when it checks none). */
  readinessCheckResults?: ReadinessResult[];
}

export interface Deployment {
  id: string;
  version?: string;
  affectedApps: string[];
  affectedPods: string[];
  steps: Array<{ actions: DeploymentAction[] }>;
  currentActions: DeploymentAction[];
  /** 1-based, as Marathon counts. */
  currentStep: number;
  totalSteps: number;
}

export interface RejectReason {
  reason: string;
  declined: number;
  processed: number;
}

export interface OffersSummary {
  processedOffersCount: number;
  unusedOffersCount: number;
  lastUnusedOfferAt?: string;
  lastUsedOfferAt?: string;
  rejectSummaryLastOffers: RejectReason[];
  rejectSummaryLaunchAttempt: RejectReason[];
}

export interface QueueEntry {
  /** The app's id, or the pod's. */
  appId: string;
  count: number;
  delay?: { timeLeftSeconds: number; overdue: boolean };
  since?: string;
  processedOffersSummary?: OffersSummary;
}

export interface PlacementStage {
  stage: string;
  passed: number;
  failed: number;
}

export interface PlacementFailure {
  hostname: string;
  agentId?: string;
  stage: string;
  detail?: string;
}

/** GET /sandbox/v1/marathon/apps/{id}/placement, suggestions as plain text (ranked, smallest change first). */
export interface Placement {
  appId: string;
  waiting?: number;
  agents?: number;
  /** Agents where one more instance fits now. */
  fits?: number;
  stages: PlacementStage[];
  /** The failing agents listed (the API may cap the list: see `failuresOmitted`). */
  failures: PlacementFailure[];
  failuresOmitted?: number;
  suggestions: string[];
  /** Remarks beside the changes (the instances only wait for offers, a launch backoff); absent when none. */
  notes?: string[];
}

/** Marathon's error bodies (422, 409, 404, …). */
export interface ApiProblem {
  status: number;
  message: string;
  details: Array<{ path: string; errors: string[] }>;
  /** On 409: the deployments that lock the app. */
  deployments: string[];
}

/** An SDK service's deploy plan in brief: its status and how many of its steps are complete. */
export interface SdkSummary {
  status: SdkStatus;
  done: number;
  total: number;
}
