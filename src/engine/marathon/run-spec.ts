/** The scheduling view of an app: what the launch queue, placement and deployments read. */
import type { AppDefinition, SchedulingPolicy } from '../../common/marathon/app-definition.ts';
import type { Definition, MarathonConfig, ResidentVolume, RunSpec } from './model.ts';
import type { NetworkAttachment } from '../network/model.ts';
import { DOCKER_BRIDGE } from '../network/container-ips.ts';
import { podResources, type PodDefinition } from '../../common/marathon/pod-definition.ts';
import { readinessCheckOf, type ReadinessCheck } from '../../common/marathon/readiness-check.ts';

export function runSpecOf(definition: Definition, config: MarathonConfig): RunSpec {
  return definition.kind === 'app' ? appRunSpec(definition.app, config) : podRunSpec(definition.pod, config);
}

/** A pod instance: one task per container, the executor's share carried by the first. */
export function podRunSpec(pod: PodDefinition, config: MarathonConfig): RunSpec {
  const ex = pod.executorResources;
  return {
    ...policyOf(pod),
    kind: 'pod',
    resources: podResources(pod),
    hostPorts: pod.containers.flatMap((c) => c.endpoints.map((e) => e.hostPort ?? null)),
    networks: attachmentsOf(pod.extra.networks, false, config),
    acceptedResourceRoles: acceptedRoles(pod.acceptedResourceRoles, pod.role, config),
    healthCheck: pod.containers.find((c) => c.healthCheck)?.healthCheck ?? null,
    sparesGpuAgents: sparesGpuAgents(podResources(pod)[3], pod.labels, config),
    readinessCheck: null,
    containers: pod.containers.map((c, i) => ({
      name: c.name,
      resources: [
        c.resources.cpus + (i === 0 ? ex.cpus : 0),
        c.resources.mem + (i === 0 ? ex.mem : 0),
        c.resources.disk + (i === 0 ? ex.disk : 0),
        c.resources.gpus,
      ],
    })),
  };
}

export function idOf(definition: Definition): string {
  return definition.kind === 'app' ? definition.app.id : definition.pod.id;
}

export function dependenciesOf(definition: Definition): string[] {
  return definition.kind === 'app' ? definition.app.dependencies : [];
}

export function appRunSpec(app: AppDefinition, config: MarathonConfig): RunSpec {
  return {
    ...policyOf(app),
    kind: 'app',
    resources: [app.cpus, app.mem, app.disk, app.gpus],
    hostPorts: appHostPorts(app),
    networks: attachmentsOf(app.extra.networks, app.container?.type === 'DOCKER', config),
    acceptedResourceRoles: acceptedRoles(app.acceptedResourceRoles, app.role, config),
    healthCheck: app.healthChecks[0] ?? null,
    sparesGpuAgents: sparesGpuAgents(app.gpus, app.labels, config),
    readinessCheck: readinessCheckOfApp(app),
    containers: [{ name: '', resources: [app.cpus, app.mem, app.disk, app.gpus] }],
    ...residentOf(app),
  };
}

/** The app's local persistent volumes (`container.volumes[].persistent`), type resolved as Marathon does. */
function residentOf(app: AppDefinition): Pick<RunSpec, 'residentVolumes'> {
  const raw = app.container?.volumes;
  const volumes: ResidentVolume[] = [];
  for (const v of Array.isArray(raw) ? (raw as unknown[]) : []) {
    const vol = v as Record<string, unknown> | null;
    const p = vol?.persistent as Record<string, unknown> | undefined;
    if (!vol || typeof p !== 'object' || p === null) continue;
    const type = typeof p.type === 'string' ? p.type.toLowerCase() : typeof p.profileName === 'string' ? 'mount' : 'root';
    volumes.push({
      containerPath: String(vol.containerPath),
      type: type === 'path' || type === 'mount' ? type : 'root',
      size: Number(p.size ?? 0),
      ...(typeof p.maxSize === 'number' ? { maxSize: p.maxSize } : {}),
      constraints: Array.isArray(p.constraints) ? (p.constraints as unknown[]).map((c) => (Array.isArray(c) ? c.map(String) : [])) : [],
    });
  }
  return volumes.length > 0 ? { residentVolumes: volumes } : {};
}

/**
 * The host ports an instance asks (MA:src/main/scala/mesosphere/marathon/tasks/PortsMatcher.scala:61-73). Port
 * mappings: one entry per mapping, null without a `hostPort` (kept so the entries stay aligned with the mappings),
 * else the hostPort (0: any). Host networking: one per port definition, its port with requirePorts, else 0.
 */
function appHostPorts(app: AppDefinition): Array<number | null> {
  const mappings = app.container?.portMappings;
  if (Array.isArray(mappings) && mappings.length > 0)
    return (mappings as Record<string, unknown>[]).map((m) => (typeof m.hostPort === 'number' ? m.hostPort : null));
  return app.portDefinitions.map((p) => (app.requirePorts ? p.port : 0));
}

/**
 * The networks an instance's containers join (Marathon's TaskBuilder / TaskGroupBuilder NetworkInfos): none with host
 * networking; `container/bridge` is the Mesos bridge (`--mesos_bridge_name`) or Docker's bridge; `container` joins each
 * named network (normalization has named them).
 */
function attachmentsOf(networks: unknown, docker: boolean, config: MarathonConfig): NetworkAttachment[] {
  if (!Array.isArray(networks)) return [];
  return (networks as Array<Record<string, unknown>>).flatMap((n): NetworkAttachment[] => {
    if (n.mode === 'container/bridge') return [{ name: docker ? DOCKER_BRIDGE : config.flags.mesos_bridge_name, docker }];
    if (n.mode === 'container' && typeof n.name === 'string') return [{ name: n.name, docker }];
    return [];
  });
}

function policyOf(d: SchedulingPolicy): SchedulingPolicy {
  const {
    id,
    instances,
    constraints,
    role,
    upgradeStrategy,
    backoffSeconds,
    backoffFactor,
    maxLaunchDelaySeconds,
    unreachableStrategy,
    killSelection,
  } = d;
  return {
    id,
    instances,
    constraints,
    role,
    upgradeStrategy,
    backoffSeconds,
    backoffFactor,
    maxLaunchDelaySeconds,
    unreachableStrategy,
    killSelection,
  };
}

/**
 * Unset: --accepted_resource_roles_default_behavior (`any`: `*` and the app's role; `unreserved`: `*`;
 * `reserved`: the app's role), or Marathon 1.9's --default_accepted_resource_roles where a scenario sets it.
 */
export function acceptedRoles(explicit: string[] | undefined, role: string, config: MarathonConfig): string[] {
  if (explicit && explicit.length > 0) return [...new Set(explicit)];
  if (config.defaultAcceptedResourceRoles) return [...config.defaultAcceptedResourceRoles];
  const behavior = config.flags.accepted_resource_roles_default_behavior;
  if (behavior === 'unreserved' || role === '*') return ['*'];
  return behavior === 'reserved' ? [role] : ['*', role];
}

/** Fields whose change needs no restart: only a scaling step (`AppDefinition.isUpgrade`). */
export function onlyScaled(before: Definition, after: Definition): boolean {
  const body = (d: Definition) =>
    keyOrderFree(
      d.kind === 'app' ? { ...d.app, instances: 0, container: withContainerDefaults(d.app.container) } : { ...d.pod, instances: 0 },
    );
  return before.kind === after.kind && body(before) === body(after);
}

/**
 * The container as Marathon holds it, defaults filled in (`volumes: []`, a port mapping's `protocol: "tcp"`): an
 * update merged into the app's read form carries them, and must not count as a change.
 */
function withContainerDefaults(container: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!container) return container;
  const mappings = container.portMappings;
  return {
    ...container,
    volumes: container.volumes ?? [],
    ...(Array.isArray(mappings)
      ? { portMappings: (mappings as Array<Record<string, unknown>>).map((m) => ({ protocol: 'tcp', ...m })) }
      : {}),
  };
}

/** JSON text with every object's keys sorted: equal for equal definitions, however their fields were ordered. */
function keyOrderFree(value: unknown): string {
  return JSON.stringify(value, (_key, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}

/** The app's readiness check (stored normalized, with every field). */
function readinessCheckOfApp(app: AppDefinition): ReadinessCheck | null {
  const checks = app.extra.readinessChecks;
  const first: unknown = Array.isArray(checks) ? checks[0] : undefined;
  return typeof first === 'object' && first !== null ? readinessCheckOf(first as Record<string, unknown>) : null;
}

/** `ResourceMatcher.checkGpuSchedulingBehaviour`: the label `GPU_SCHEDULING_BEHAVIOR` wins over the flag. */
function sparesGpuAgents(gpus: number, labels: Record<string, unknown> | undefined, config: MarathonConfig): boolean {
  if (gpus > 0) return false;
  const label = labels?.GPU_SCHEDULING_BEHAVIOR;
  const behavior = label === 'restricted' || label === 'unrestricted' ? label : config.flags.gpu_scheduling_behavior;
  return behavior === 'restricted';
}
