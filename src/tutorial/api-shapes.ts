/**
 * The few fields of the DC/OS API bodies that goals read (names as the API spells them). Only what
 * the tutorial needs; everything else in a body is ignored.
 */

export interface ScalarUse {
  cpus?: number;
  mem?: number;
}

export interface MesosTask {
  id: string;
  name: string;
  state: string;
  slave_id: string;
}

export interface MesosFramework {
  name: string;
  role: string;
  tasks: MesosTask[];
  completed_tasks: MesosTask[];
}

export interface MesosAgent {
  id: string;
  hostname: string;
  active: boolean;
  resources: ScalarUse;
  used_resources: ScalarUse;
  attributes: Record<string, string | number>;
}

export interface MasterInfo {
  hostname: string;
  state: 'leading' | 'standby' | 'recovering' | 'down';
}

export interface MesosState {
  hostname: string;
  leader_info?: { hostname: string };
  slaves: MesosAgent[];
  frameworks: MesosFramework[];
  unreachable_slaves?: number;
  sandbox_masters: MasterInfo[];
}

export interface MesosRole {
  name: string;
  weight: number;
  allocated: ScalarUse;
}

export interface MarathonTask {
  id: string;
  appId: string;
  host: string;
  slaveId: string;
  state: string;
  version: string;
  healthCheckResults?: Array<{ alive: boolean }>;
}

export interface MarathonApp {
  id: string;
  cmd?: string;
  instances: number;
  cpus: number;
  constraints: string[][];
  acceptedResourceRoles?: string[] | null;
  tasksRunning: number;
  tasksHealthy: number;
  healthChecks: unknown[];
  versionInfo: { lastConfigChangeAt: string };
  deployments: Array<{ id: string }>;
  tasks?: MarathonTask[];
}

export interface RejectSummary {
  reason: string;
  declined: number;
}

export interface QueueEntry {
  count: number;
  delay: { timeLeftSeconds: number; overdue: boolean };
  app?: { id: string };
  processedOffersSummary: { rejectSummaryLaunchAttempt: RejectSummary[] };
}

export interface Deployment {
  id: string;
  affectedApps: string[];
}

export interface Placement {
  appId: string;
  waiting: number;
  fits: number;
  stages: Array<{ stage: string; passed: number; failed: number }>;
}

export interface ExhibitorServer {
  hostname: string;
  code: number;
  isLeader: boolean;
}
