/** The scheduling view of an app: what the launch queue, placement and deployments read. */
import type { AppDefinition } from './app-definition.ts';
import type { MarathonConfig, RunSpec } from './model.ts';

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
export function onlyScaled(before: AppDefinition, after: AppDefinition): boolean {
  return JSON.stringify({ ...before, instances: 0 }) === JSON.stringify({ ...after, instances: 0 });
}
