/**
 * Marathon's rules on updating a resident app (`AppDefinition.residentUpdateIsValid`, MA:M/state/AppDefinition.scala:666-710),
 * checked when the stored app or the new one has a persistent volume (`updateIsValid`, :695-700): the persistent volumes,
 * the resources, `requirePorts` and the host ports stay as they are, and the upgrade strategy never over-provisions.
 *
 * Marathon runs them in the deployment plan's validator (`DeploymentPlan.deploymentPlanValidator`,
 * M/core/deployment/DeploymentPlan.scala:365-369) over `plan.createdOrUpdatedApps as "app"` with Marathon's `every`,
 * so each path is the app's own prefixed by `/app(<index among the plan's created or updated apps>)`
 * (M/api/v2/Validation.scala:114-128, 296-308); `force=true` does not skip it. The answer is the 422 of any
 * `ValidationFailedException`.
 */
import type { AppDefinition } from './app-definition.ts';
import { asObject, scalaDouble } from './json-values.ts';
import { hasPersistentVolume, volumesOf } from './pod-volumes.ts';
import type { Violations } from './violations.ts';

type Json = Record<string, unknown>;

export const PERSISTENT_VOLUMES_CHANGED = 'Persistent volumes can not be changed!';
export const RESOURCES_CHANGED =
  'Services with persistent volumes configured may not change resource requirements. If you need to make this change, please create a new service.';
export const HOST_PORTS_CHANGED =
  'Services with persistent volumes configured may not change host ports. If you need to make this change, please create a new service.';

/** An app with a persistent volume (`AppDefinition.isResident`). */
export const isResidentApp = (app: AppDefinition): boolean => hasPersistentVolume(volumesOf(app.container));

/** The path of the plan's `index`th created or updated app (`/app(0)`). */
export const planAppPath = (index: number): string => `/app(${index})`;

/**
 * The violations of `to` replacing `from`, under `at` (the app's path in the plan, e.g. `/app(0)`). `to` must carry
 * the service ports Marathon assigns before it builds the plan: on host networking they are its host ports.
 */
export function residentUpdateViolations(from: AppDefinition, to: AppDefinition, at: string, v: Violations): void {
  if (!isResidentApp(from) && !isResidentApp(to)) return;
  const self = at === '' ? '/' : at;
  if (!samePersistentVolumes(from, to)) v.add(self, PERSISTENT_VOLUMES_CHANGED);
  for (const field of ['cpus', 'mem', 'disk', 'gpus', 'requirePorts'] as const)
    if (from[field] !== to[field]) v.add(`${at}/${field}`, RESOURCES_CHANGED);
  if (!sameSet(hostPortsOf(from), hostPortsOf(to))) v.add(self, HOST_PORTS_CHANGED);
  // `UpgradeStrategy.validForResidentTasks` (M/state/UpgradeStrategy.scala:31-34); its 0..1 range was checked on reading.
  const over = to.upgradeStrategy.maximumOverCapacity;
  if (over !== 0) v.add(`${at}/upgradeStrategy/maximumOverCapacity`, `got ${scalaDouble(over)}, expected 0.0`);
}

/** The persistent volumes as Marathon's model keeps them (`VolumeWithMount[PersistentVolume]`), keyed for comparison. */
interface PersistentMount {
  containerPath: unknown;
  key: string;
}

function persistentMounts(app: AppDefinition): PersistentMount[] {
  return volumesOf(app.container).flatMap((vol) => {
    const p = asObject(vol.persistent);
    if (!p) return [];
    // The disk type as read (`type`, else mount with a profile, else root), constraints as a set, the mount's read-only flag.
    const type = typeof p.type === 'string' ? p.type.toLowerCase() : p.profileName !== undefined ? 'mount' : 'root';
    const constraints = [...new Set((Array.isArray(p.constraints) ? p.constraints : []).map((c) => JSON.stringify(c)))].sort();
    const readOnly = typeof vol.mode === 'string' && vol.mode.toUpperCase() === 'RO';
    const info: Json = { type, size: p.size, maxSize: p.maxSize ?? null, profileName: p.profileName ?? null, constraints, readOnly };
    return [{ containerPath: vol.containerPath, key: JSON.stringify(info) }];
  });
}

/** Same number, and each old one found unchanged at its container path (the first new one there). */
function samePersistentVolumes(from: AppDefinition, to: AppDefinition): boolean {
  const before = persistentMounts(from);
  const after = persistentMounts(to);
  return before.length === after.length && before.every((old) => after.find((m) => m.containerPath === old.containerPath)?.key === old.key);
}

/**
 * `AppDefinition.hostPorts` flattened (M/state/AppDefinition.scala:330-331): the port mappings' host ports when the
 * container has mappings (a mapping without one has none), else the port definitions' ports.
 */
export function hostPortsOf(app: AppDefinition): number[] {
  const mappings = Array.isArray(app.container?.portMappings) ? (app.container.portMappings as Json[]) : [];
  if (mappings.length > 0) return mappings.flatMap((m) => (typeof m.hostPort === 'number' ? [m.hostPort] : []));
  return app.portDefinitions.map((p) => p.port);
}

const sameSet = (a: number[], b: number[]): boolean => {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((p) => y.has(p));
};
