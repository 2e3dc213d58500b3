/** A Marathon app definition with every default filled in. Unsimulated fields are kept verbatim. */
export type ConstraintSpec = [string, string] | [string, string, string];

export interface PortDefinition {
  port: number;
  protocol: string;
  name?: string;
  labels?: Record<string, string>;
}

export type HealthCheckProtocol = 'HTTP' | 'HTTPS' | 'TCP' | 'COMMAND' | 'MESOS_HTTP' | 'MESOS_HTTPS' | 'MESOS_TCP';

export interface HealthCheck {
  protocol: HealthCheckProtocol;
  path?: string;
  portIndex?: number;
  port?: number;
  ipProtocol?: 'IPv4' | 'IPv6';
  command?: { value: string };
  gracePeriodSeconds: number;
  intervalSeconds: number;
  timeoutSeconds: number;
  maxConsecutiveFailures: number;
  delaySeconds: number;
  ignoreHttp1xx?: boolean;
}

export interface UpgradeStrategy {
  minimumHealthCapacity: number;
  maximumOverCapacity: number;
}

export type UnreachableStrategy = { inactiveAfterSeconds: number; expungeAfterSeconds: number } | 'disabled';

/** How an app or pod is scheduled and rescheduled: the same fields in both. */
export interface SchedulingPolicy {
  id: string;
  instances: number;
  constraints: ConstraintSpec[];
  role: string;
  upgradeStrategy: UpgradeStrategy;
  backoffSeconds: number;
  backoffFactor: number;
  maxLaunchDelaySeconds: number;
  unreachableStrategy: UnreachableStrategy;
  killSelection: 'YOUNGEST_FIRST' | 'OLDEST_FIRST';
}

export interface AppDefinition extends SchedulingPolicy {
  cpus: number;
  mem: number;
  disk: number;
  gpus: number;
  cmd?: string;
  args?: string[];
  container?: Record<string, unknown>;
  acceptedResourceRoles?: string[];
  portDefinitions: PortDefinition[];
  requirePorts: boolean;
  healthChecks: HealthCheck[];
  labels: Record<string, string>;
  env: Record<string, unknown>;
  dependencies: string[];
  /** Fields the sandbox does not simulate (fetch, secrets, networks, …), echoed back unchanged. */
  extra: Record<string, unknown>;
}

export const APP_DEFAULTS = {
  instances: 1,
  cpus: 1,
  mem: 128,
  disk: 0,
  gpus: 0,
  backoffSeconds: 1,
  backoffFactor: 1.15,
  maxLaunchDelaySeconds: 300,
  upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 1 },
  unreachableStrategy: { inactiveAfterSeconds: 0, expungeAfterSeconds: 0 },
  killSelection: 'YOUNGEST_FIRST',
  portDefinitions: [{ port: 0, protocol: 'tcp', name: 'default' }],
} as const;

/** Timing defaults of every health check, app or pod (`healthCheck.raml`). */
export const HEALTH_CHECK_TIMING_DEFAULTS = {
  gracePeriodSeconds: 300,
  intervalSeconds: 60,
  timeoutSeconds: 20,
  maxConsecutiveFailures: 3,
  delaySeconds: 15,
} as const;

/** An app's check as Marathon reads it: no path or port unless given (normalization may add `portIndex: 0`). */
export const HEALTH_CHECK_DEFAULTS = { protocol: 'HTTP', ipProtocol: 'IPv4', ...HEALTH_CHECK_TIMING_DEFAULTS } as const;

/** The fields of Marathon's App type that the sandbox keeps without simulating them (normalized), in `extra`. */
export const UNSIMULATED_FIELDS = [
  'networks',
  'fetch',
  'executor',
  'executorResources',
  'check',
  'readinessChecks',
  'resourceLimits',
  'secrets',
  'taskKillGracePeriodSeconds',
  'user',
  'tty',
] as const;

/** Fields Marathon answers with but does not take: they describe the running app, not its definition. */
export const RUNTIME_APP_FIELDS = [
  'version',
  'versionInfo',
  'tasksStaged',
  'tasksRunning',
  'tasksHealthy',
  'tasksUnhealthy',
  'deployments',
  'tasks',
  'lastTaskFailure',
  'taskStats',
  'tasksStats',
  'readinessCheckResults',
] as const;
