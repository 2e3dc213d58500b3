/**
 * A Marathon pod (`/v2/pods`, `docs/docs/rest-api/public/api/v2/types/pod.raml`, `podContainer.raml`,
 * `resources.raml`, `network.raml`, `healthCheck.raml`) with every default filled in, flattened to what the
 * scheduler needs. Unsimulated fields are kept verbatim in `extra` (pod) and `extra` (container).
 */
import { addInto, zero, type Scalars } from '../resources.ts';
import { HEALTH_CHECK_TIMING_DEFAULTS, type HealthCheck, type SchedulingPolicy } from './app-definition.ts';

export interface PodResources {
  cpus: number;
  mem: number;
  disk: number;
  gpus: number;
}

export type NetworkMode = 'host' | 'container' | 'container/bridge';

export interface PodEndpoint {
  name: string;
  /** Absent with host networking. */
  containerPort?: number;
  /** 0 = any port from the offer. Absent (container networking only) = no host port. */
  hostPort?: number;
  /** As posted (Marathon assumes tcp only when it launches). */
  protocol?: string[];
  labels?: Record<string, string>;
  networkNames?: string[];
}

/** Pods only have Mesos-side checks: http → MESOS_HTTP(S), tcp → MESOS_TCP, exec → COMMAND. */
export interface PodHealthCheck extends HealthCheck {
  protocol: 'MESOS_HTTP' | 'MESOS_HTTPS' | 'MESOS_TCP' | 'COMMAND';
  /** The container endpoint checked (http, tcp). */
  endpoint?: string;
  /** exec with `command.argv` instead of `command.shell` (then `command.value` is the argv joined by spaces). */
  argv?: string[];
}

export interface PodContainer {
  name: string;
  resources: PodResources;
  endpoints: PodEndpoint[];
  healthCheck: PodHealthCheck | null;
  /** exec, image, environment, user, volumeMounts, artifacts, labels, lifecycle, …: echoed back unchanged. */
  extra: Record<string, unknown>;
}

export interface PodDefinition extends SchedulingPolicy {
  maxInstances?: number;
  containers: PodContainer[];
  networkMode: NetworkMode;
  acceptedResourceRoles?: string[];
  executorResources: { cpus: number; mem: number; disk: number };
  labels: Record<string, string>;
  /** Fields the sandbox does not simulate (networks, volumes, environment, secrets, user, …), echoed back unchanged. */
  extra: Record<string, unknown>;
}

export const POD_DEFAULTS = {
  instances: 1,
  resources: { cpus: 1, mem: 128, disk: 0, gpus: 0 },
  executorResources: { cpus: 0.1, mem: 32, disk: 10 },
  backoff: { backoff: 1, backoffFactor: 1.15, maxLaunchDelay: 300 },
  upgrade: { minimumHealthCapacity: 1, maximumOverCapacity: 1 },
  /** Pods with persistent volumes (`PodNormalization.normalizeScheduling`, `UpgradeStrategy.forResidentTasks`). */
  residentUpgrade: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 },
  unreachableStrategy: { inactiveAfterSeconds: 0, expungeAfterSeconds: 0 },
  killSelection: 'YOUNGEST_FIRST',
} as const;

export const POD_HEALTH_CHECK_DEFAULTS = HEALTH_CHECK_TIMING_DEFAULTS;

/** Pod fields this module reads; everything else lands in `extra`. */
export const POD_KNOWN_FIELDS = new Set(['id', 'containers', 'scaling', 'scheduling', 'role', 'executorResources', 'labels', 'version']);
export const CONTAINER_KNOWN_FIELDS = new Set(['name', 'resources', 'endpoints', 'healthCheck']);

/** What one instance takes from an offer: the containers' sum plus the executor's, as [cpus, mem, disk, gpus]. */
export function podResources(pod: PodDefinition): Scalars {
  const sum = zero();
  for (const c of pod.containers) addInto(sum, [c.resources.cpus, c.resources.mem, c.resources.disk, c.resources.gpus]);
  addInto(sum, [pod.executorResources.cpus, pod.executorResources.mem, pod.executorResources.disk, 0]);
  return sum;
}

/** Host ports one instance needs, in container and endpoint order: 0 = any port from the offer. */
export function podHostPorts(pod: PodDefinition): number[] {
  return pod.containers.flatMap((c) => c.endpoints.flatMap((e) => (e.hostPort === undefined ? [] : [e.hostPort])));
}
