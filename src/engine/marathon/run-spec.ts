/** The scheduling view of an app: what the launch queue, placement and deployments read. */
import type { AppDefinition } from './app-definition.ts';
import type { Definition, MarathonConfig, RunSpec } from './model.ts';
import { podHostPorts, podResources, type PodDefinition } from './pod-definition.ts';

export function runSpecOf(definition: Definition, config: MarathonConfig): RunSpec {
  return definition.kind === 'app' ? appRunSpec(definition.app, config) : podRunSpec(definition.pod, config);
}

/** A pod instance: one task per container, the executor's share carried by the first. */
export function podRunSpec(pod: PodDefinition, config: MarathonConfig): RunSpec {
  const ex = pod.executorResources;
  return {
    id: pod.id,
    kind: 'pod',
    instances: pod.instances,
    resources: podResources(pod),
    hostPorts: podHostPorts(pod),
    constraints: pod.constraints,
    acceptedResourceRoles: acceptedRoles(pod.acceptedResourceRoles, pod.role, config),
    role: pod.role,
    healthCheck: pod.containers.find((c) => c.healthCheck)?.healthCheck ?? null,
    upgradeStrategy: pod.upgradeStrategy,
    backoffSeconds: pod.backoffSeconds,
    backoffFactor: pod.backoffFactor,
    maxLaunchDelaySeconds: pod.maxLaunchDelaySeconds,
    unreachableStrategy: pod.unreachableStrategy,
    killSelection: pod.killSelection,
    containers: pod.containers.map((c, i) => ({
      name: c.name,
      resources: [c.resources.cpus + (i === 0 ? ex.cpus : 0), c.resources.mem + (i === 0 ? ex.mem : 0), c.resources.disk + (i === 0 ? ex.disk : 0), c.resources.gpus],
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
    id: app.id,
    kind: 'app',
    instances: app.instances,
    resources: [app.cpus, app.mem, app.disk, app.gpus],
    hostPorts: app.portDefinitions.map((p) => (app.requirePorts ? p.port : 0)),
    constraints: app.constraints,
    acceptedResourceRoles: acceptedRoles(app.acceptedResourceRoles, app.role, config),
    role: app.role,
    healthCheck: app.healthChecks[0] ?? null,
    upgradeStrategy: app.upgradeStrategy,
    backoffSeconds: app.backoffSeconds,
    backoffFactor: app.backoffFactor,
    maxLaunchDelaySeconds: app.maxLaunchDelaySeconds,
    unreachableStrategy: app.unreachableStrategy,
    killSelection: app.killSelection,
    containers: [{ name: '', resources: [app.cpus, app.mem, app.disk, app.gpus] }],
  };
}

/** Unset: --default_accepted_resource_roles, else both `*` and the app's role (`MarathonConf.scala`). */
export function acceptedRoles(explicit: string[] | undefined, role: string, config: MarathonConfig): string[] {
  if (explicit && explicit.length > 0) return [...new Set(explicit)];
  if (config.defaultAcceptedResourceRoles) return [...config.defaultAcceptedResourceRoles];
  return role === '*' ? ['*'] : ['*', role];
}

/** Fields whose change needs no restart: only a scaling step (`AppDefinition.isUpgrade`). */
export function onlyScaled(before: Definition, after: Definition): boolean {
  const body = (d: Definition) => JSON.stringify(d.kind === 'app' ? { ...d.app, instances: 0 } : { ...d.pod, instances: 0 });
  return before.kind === after.kind && body(before) === body(after);
}
