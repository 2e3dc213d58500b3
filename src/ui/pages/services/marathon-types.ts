/**
 * The parts of Marathon's JSON (`/marathon/v2/...`) and of the sandbox's placement diagnosis that
 * the Services page reads. Field names are Marathon's; everything the page does not need is left
 * out, and every field is optional where a real Marathon may omit it (see marathon-read.ts).
 */

export interface HealthCheckResult {
  alive: boolean;
  consecutiveFailures: number;
  firstSuccess?: string | null;
  lastSuccess?: string | null;
  lastFailure?: string | null;
  lastFailureCause?: string | null;
  instanceId?: string;
}

export interface IpAddress {
  ipAddress: string;
  protocol?: string;
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
}

export interface TaskFailure {
  appId?: string;
  host?: string;
  message?: string;
  state?: string;
  taskId?: string;
  timestamp?: string;
  version?: string;
  slaveId?: string;
}

export interface DeploymentRef {
  id: string;
}

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
  /** The whole definition as Marathon sent it, for the Configuration tab and the editor. */
  raw: Record<string, unknown>;
}

export interface MarathonPod {
  id: string;
  instances: number;
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

/** GET /sandbox/v1/marathon/apps/{id}/placement (provisional shape: read defensively). */
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
}

/** Marathon's error bodies (422, 409, 404, …). */
export interface ApiProblem {
  status: number;
  message: string;
  details: Array<{ path: string; errors: string[] }>;
  /** On 409: the deployments that lock the app. */
  deployments: string[];
}
