/**
 * Reads a pasted Marathon pod definition (`POST /v2/pods`): type errors answer like Marathon's RAML readers
 * (422 "Invalid JSON", `error.expected.jsnumber`, `error.unknown.enum.literal`), rule violations like
 * `PodsValidation.scala`, `SchedulingValidation.scala` and `NetworkValidation.scala` (422 "Object is not valid").
 */
import { podSecretViolations } from './pod-secret-rules.ts';
import { roleViolations } from './role-settings.ts';
import { checkDepth, withoutNulls } from './json-shape.ts';
import { normalizePath, pathIdProblem } from './path-id.ts';
import { readContainers } from './pod-containers.ts';
import { POD_DEFAULTS, POD_KNOWN_FIELDS, type PodDefinition } from './pod-definition.ts';
import { readNetworks } from './pod-networks.ts';
import { atLeastInto, list, obj, type AtLeast, type Json } from './pod-read-helpers.ts';
import { readPodScheduling } from './pod-scheduling.ts';
import { checkPodShape } from './pod-shape.ts';
import { checkVolumes, hasPersistentVolume, volumeNamesOf } from './pod-volumes.ts';
import type { AppContext } from './validate-app.ts';
import { Violations, type Violation } from './violations.ts';
import { networkConfigOf } from './app-normalize.ts';
import { DCOS_MARATHON_FLAGS } from './flags.ts';

export type PodReadResult =
  { ok: true; pod: PodDefinition } | { ok: false; status: number; body: { message: string; details: Violation[] } };

/** `ctx.roleSettings` (or `ctx.defaultRole`) give the role of a pod that names none; `ctx.base` is not used: pod ids must be absolute. */
export function readPod(raw: unknown, ctx: AppContext): PodReadResult {
  const types = new Violations();
  if (checkDepth(raw, types)) checkPodShape(raw, types);
  if (!types.empty) return { ok: false, status: 422, body: types.body('Invalid JSON') };
  const json = withoutNulls(raw) as Json;
  const v = new Violations();
  const atLeast = atLeastInto(v);

  const rawId = readPodId(json.id as string, v);
  if (json.user === '') v.add('/user', 'must not be empty');
  const modes = readNetworks(list(json.networks), v);
  const networkMode = modes[0] ?? 'host';
  const volumes = list(json.volumes);
  const rawContainers = list(json.containers);
  const net = { networkMode, explicitModes: new Set(modes), volumeNames: volumeNamesOf(volumes) };
  const containers = readContainers(rawContainers, net, v, atLeast);
  checkVolumes(volumes, rawContainers, v);
  podSecretViolations(json, ctx.features ?? DCOS_MARATHON_FLAGS.features, v);
  const { instances, maxInstances } = readScaling(obj(json.scaling), v, atLeast);
  const settings = ctx.roleSettings?.(normalizePath(rawId));
  const resident = hasPersistentVolume(volumes);
  const scheduling = readPodScheduling(json, resident, settings?.defaultRole ?? ctx.defaultRole, v, atLeast);
  if (v.empty) roleViolations(scheduling.role, settings, { kind: 'pods', is: resident, force: ctx.force ?? false }, v);
  const executorResources = { ...POD_DEFAULTS.executorResources, ...obj(json.executorResources) } as PodDefinition['executorResources'];
  for (const key of ['cpus', 'mem', 'disk'] as const) atLeast(`/executorResources/${key}`, executorResources[key], 0, '0.0');
  if (!v.empty) return { ok: false, status: 422, body: v.body() };

  const extra: Json = {};
  for (const [k, val] of Object.entries(json)) if (!POD_KNOWN_FIELDS.has(k)) extra[k] = val;
  // A network's mode as the enum spells it (`container` when absent); a container network without a name gets
  // --default_network_name (`NetworkNormalization`).
  const defaultNetworkName = (ctx.network ?? networkConfigOf(DCOS_MARATHON_FLAGS)).defaultNetworkName;
  if (Array.isArray(json.networks))
    extra.networks = (json.networks as Json[]).map((n, i) => {
      const mode = modes[i] ?? 'container';
      return {
        ...n,
        mode,
        ...(mode === 'container' && n.name === undefined && defaultNetworkName !== null ? { name: defaultNetworkName } : {}),
      };
    });
  const pod: PodDefinition = {
    id: normalizePath(rawId),
    instances,
    containers,
    networkMode,
    constraints: scheduling.constraints,
    role: scheduling.role,
    upgradeStrategy: scheduling.upgradeStrategy,
    backoffSeconds: scheduling.backoffSeconds,
    backoffFactor: scheduling.backoffFactor,
    maxLaunchDelaySeconds: scheduling.maxLaunchDelaySeconds,
    unreachableStrategy: scheduling.unreachableStrategy,
    killSelection: scheduling.killSelection,
    executorResources,
    labels: (json.labels as Record<string, string> | undefined) ?? {},
    extra,
  };
  if (maxInstances !== undefined) pod.maxInstances = maxInstances;
  if (scheduling.acceptedResourceRoles?.length) pod.acceptedResourceRoles = scheduling.acceptedResourceRoles;
  return { ok: true, pod };
}

/** A pod id must be absolute (`PathId.absolutePathValidator`); groups resolve relative ids before calling. */
function readPodId(rawId: string, v: Violations): string {
  if (!rawId.startsWith('/')) v.add('/id', 'Path needs to be absolute');
  const idProblem = pathIdProblem(rawId);
  if (idProblem) v.add('/id', idProblem);
  return rawId;
}

function readScaling(scaling: Json, v: Violations, atLeast: AtLeast): { instances: number; maxInstances: number | undefined } {
  const instances = atLeast('/scaling/instances', (scaling.instances as number | undefined) ?? POD_DEFAULTS.instances, 0);
  if (!Number.isInteger(instances)) v.add('/scaling/instances', `got ${instances}, expected an integer`);
  const maxInstances = scaling.maxInstances as number | undefined;
  if (maxInstances !== undefined) atLeast('/scaling/maxInstances', maxInstances, 0);
  return { instances, maxInstances };
}
