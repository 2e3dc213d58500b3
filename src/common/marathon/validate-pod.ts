/**
 * Reads a pasted Marathon pod definition (`POST /v2/pods`): type errors answer like Marathon's RAML readers
 * (422 "Invalid JSON", `error.expected.jsnumber`, `error.unknown.enum.literal`), rule violations like
 * `PodsValidation.scala`, `SchedulingValidation.scala` and `NetworkValidation.scala` (422 "Object is not valid").
 */
import { roleNameProblem } from '../scenario/roles.ts';
import type { ConstraintSpec } from './app-definition.ts';
import { readConstraint } from './constraint-rules.ts';
import { normalizePath, pathIdProblem } from './path-id.ts';
import {
  CONTAINER_KNOWN_FIELDS, POD_DEFAULTS, POD_HEALTH_CHECK_DEFAULTS, POD_KNOWN_FIELDS,
  type NetworkMode, type PodContainer, type PodDefinition, type PodEndpoint, type PodHealthCheck,
} from './pod-definition.ts';
import { readUnreachable, type AppContext } from './validate-app.ts';
import { Violations, type Violation } from './violations.ts';

export type PodReadResult = { ok: true; pod: PodDefinition } | { ok: false; status: number; body: { message: string; details: Violation[] } };

type Json = Record<string, unknown>;
type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object';

/**
 * A JSON shape as Marathon's RAML readers check it: a kind, an object's fields (`required` ones missing →
 * `error.path.missing`), an array's items, a map's values, or an enum matched case-insensitively.
 */
export type Shape = Kind | { fields: Record<string, Shape>; required?: readonly string[] } | { items: Shape } | { values: Kind } | { oneOf: readonly string[] };

const NETWORK_MODES = ['container', 'container/bridge', 'host'] as const;
const KILL_SELECTIONS = ['YOUNGEST_FIRST', 'OLDEST_FIRST'] as const;
/** `NameValidation.NamePattern`: container, endpoint, volume and network names. */
const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NAME_PROBLEM = "must fully match regular expression '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'";

const RESOURCES: Shape = { fields: { cpus: 'number', mem: 'number', disk: 'number', gpus: 'number' } };
const COMMAND: Shape = { fields: { shell: 'string', argv: { items: 'string' } } };
const HEALTH_CHECK: Shape = {
  fields: {
    http: { fields: { endpoint: 'string', path: 'string', scheme: { oneOf: ['HTTP', 'HTTPS'] } }, required: ['endpoint'] },
    tcp: { fields: { endpoint: 'string' }, required: ['endpoint'] },
    exec: { fields: { command: COMMAND }, required: ['command'] },
    gracePeriodSeconds: 'number', intervalSeconds: 'number', maxConsecutiveFailures: 'number', timeoutSeconds: 'number', delaySeconds: 'number',
  },
};
const ENDPOINT: Shape = {
  fields: { name: 'string', containerPort: 'number', hostPort: 'number', protocol: { items: 'string' }, labels: { values: 'string' }, networkNames: { items: 'string' } },
  required: ['name'],
};
const CONTAINER: Shape = {
  fields: {
    name: 'string', resources: RESOURCES, endpoints: { items: ENDPOINT }, healthCheck: HEALTH_CHECK,
    exec: { fields: { command: COMMAND, overrideEntrypoint: 'boolean' }, required: ['command'] },
    image: { fields: { kind: { oneOf: ['DOCKER', 'APPC'] }, id: 'string', forcePull: 'boolean' }, required: ['kind', 'id'] },
    environment: 'object', user: 'string', labels: { values: 'string' }, artifacts: 'array', lifecycle: 'object',
    volumeMounts: { items: { fields: { name: 'string', mountPath: 'string' }, required: ['name', 'mountPath'] } },
  },
  required: ['name', 'resources'],
};
const POD: Shape = {
  fields: {
    id: 'string', containers: { items: CONTAINER }, labels: { values: 'string' }, user: 'string', role: 'string',
    environment: 'object', secrets: 'object', volumes: { items: { fields: { name: 'string' }, required: ['name'] } },
    networks: { items: { fields: { name: 'string', mode: { oneOf: NETWORK_MODES }, labels: { values: 'string' } } } },
    scaling: { fields: { kind: { oneOf: ['fixed'] }, instances: 'number', maxInstances: 'number' }, required: ['kind'] },
    scheduling: {
      fields: {
        backoff: { fields: { backoff: 'number', backoffFactor: 'number', maxLaunchDelay: 'number' } },
        upgrade: { fields: { minimumHealthCapacity: 'number', maximumOverCapacity: 'number' } },
        placement: { fields: { constraints: 'array', acceptedResourceRoles: { items: 'string' } } },
        killSelection: { oneOf: KILL_SELECTIONS },
      },
    },
    executorResources: { fields: { cpus: 'number', mem: 'number', disk: 'number' } },
  },
  required: ['id', 'containers'],
};

function fits(v: unknown, kind: Kind): boolean {
  if (kind === 'array') return Array.isArray(v);
  if (kind === 'object') return typeof v === 'object' && v !== null && !Array.isArray(v);
  return typeof v === kind && (kind !== 'number' || Number.isFinite(v));
}

/** Adds a type error per misfit below `at` (`''` is the document). Optional fields that are absent or null are skipped. */
export function checkShape(value: unknown, shape: Shape, at: string, types: Violations): void {
  const where = at || '/';
  if (typeof shape === 'string') {
    if (!fits(value, shape)) types.add(where, `error.expected.js${shape}`);
  } else if ('oneOf' in shape) {
    if (typeof value !== 'string') types.add(where, 'error.expected.jsstring');
    else if (!shape.oneOf.some((o) => o.toLowerCase() === value.toLowerCase())) types.add(where, 'error.unknown.enum.literal');
  } else if ('items' in shape) {
    if (!Array.isArray(value)) types.add(where, 'error.expected.jsarray');
    else value.forEach((x, i) => checkShape(x, shape.items, `${at}(${i})`, types));
  } else if (!fits(value, 'object')) {
    types.add(where, 'error.expected.jsobject');
  } else if ('values' in shape) {
    for (const [k, x] of Object.entries(value as Json)) checkShape(x, shape.values, `${at}/${k}`, types);
  } else {
    const o = value as Json;
    for (const f of shape.required ?? []) if (o[f] === undefined) types.add(`${at}/${f}`, 'error.path.missing');
    for (const [f, s] of Object.entries(shape.fields)) if (o[f] !== undefined && o[f] !== null) checkShape(o[f], s, `${at}/${f}`, types);
  }
}

/** Marathon reads an optional field that is null as absent (Play's `validateOpt`). */
function withoutNulls(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withoutNulls);
  if (typeof x !== 'object' || x === null) return x;
  return Object.fromEntries(Object.entries(x).flatMap(([k, val]) => (val === null ? [] : [[k, withoutNulls(val)]])));
}

const canonical = <T extends string>(x: string, options: readonly T[]): T => options.find((o) => o.toLowerCase() === x.toLowerCase())!;
const obj = (x: unknown): Json => (x ?? {}) as Json;
const list = (x: unknown): Json[] => (x ?? []) as Json[];

/** `ctx.defaultRole` is the role of a pod that names none; `ctx.base` is not used: pod ids must be absolute. */
export function readPod(raw: unknown, ctx: AppContext): PodReadResult {
  const types = new Violations();
  checkShape(raw, POD, '', types);
  if (types.empty) checkUnreachableShape(obj((raw as Json).scheduling).unreachableStrategy, types);
  if (!types.empty) return { ok: false, status: 422, body: types.body('Invalid JSON') };
  const json = withoutNulls(raw) as Json;
  const v = new Violations();
  /** `minText` is 0.0 for doubles, as accord prints them. */
  const atLeast: AtLeast = (at, x, min, minText = String(min)) => {
    if (x < min) v.add(at, `got ${x}, expected ${minText} or more`);
    return x;
  };

  // A pod id must be absolute (`PathId.absolutePathValidator`); groups resolve relative ids before calling.
  const rawId = json.id as string;
  if (!rawId.startsWith('/')) v.add('/id', 'Path needs to be absolute');
  const idProblem = pathIdProblem(rawId);
  if (idProblem) v.add('/id', idProblem);
  if (json.user === '') v.add('/user', 'must not be empty');

  const modes = readNetworks(list(json.networks), v);
  const networkMode = modes[0] ?? 'host';
  const explicitModes = new Set(modes);
  const volumes = list(json.volumes);
  const volumeNames = volumes.map((vol) => vol.name as string);
  const rawContainers = list(json.containers);
  if (rawContainers.length === 0) v.add('/containers', 'must not be empty');
  const names = rawContainers.map((c) => c.name as string);
  if (new Set(names).size !== names.length) v.add('/containers', 'container names are unique');
  const containers = rawContainers.map((c, i) => readContainer(c, `/containers(${i})`, { networkMode, explicitModes, volumeNames }, v, atLeast));

  const endpoints = containers.flatMap((c) => c.endpoints);
  const unique = (xs: unknown[]) => new Set(xs).size === xs.length;
  if (!unique(endpoints.map((e) => e.name))) v.add('/', 'Endpoint names are unique');
  if (!unique(endpoints.flatMap((e) => (e.containerPort === undefined ? [] : [e.containerPort])))) v.add('/', 'Container ports are unique');
  if (!unique(endpoints.flatMap((e) => (e.hostPort ? [e.hostPort] : [])))) v.add('/', 'Host ports are unique');
  if (!unique(volumeNames)) v.add('/volumes', 'volume names are unique');
  volumes.forEach((vol, i) => {
    if (!rawContainers.some((c) => list(c.volumeMounts).some((m) => m.name === vol.name))) v.add(`/volumes(${i})`, 'volume must be referenced by at least one container');
  });

  const scaling = obj(json.scaling);
  const instances = atLeast('/scaling/instances', (scaling.instances as number | undefined) ?? POD_DEFAULTS.instances, 0);
  if (!Number.isInteger(instances)) v.add('/scaling/instances', `got ${instances}, expected an integer`);
  const maxInstances = scaling.maxInstances as number | undefined;
  if (maxInstances !== undefined) atLeast('/scaling/maxInstances', maxInstances, 0);

  const scheduling = obj(json.scheduling);
  const backoff = { ...POD_DEFAULTS.backoff, ...obj(scheduling.backoff) } as typeof POD_DEFAULTS.backoff;
  for (const key of ['backoff', 'backoffFactor', 'maxLaunchDelay'] as const) atLeast(`/scheduling/backoff/${key}`, backoff[key], 0, '0.0');
  const resident = volumes.some((vol) => vol.persistent !== undefined);
  const upgrade = { ...(resident ? POD_DEFAULTS.residentUpgrade : POD_DEFAULTS.upgrade), ...obj(scheduling.upgrade) } as PodDefinition['upgradeStrategy'];
  for (const key of ['minimumHealthCapacity', 'maximumOverCapacity'] as const) {
    atLeast(`/scheduling/upgrade/${key}`, upgrade[key], 0, '0.0');
    if (upgrade[key] > 1) v.add(`/scheduling/upgrade/${key}`, `got ${upgrade[key]}, expected 1.0 or less`);
  }
  const placement = obj(scheduling.placement);
  const constraints: ConstraintSpec[] = [];
  list(placement.constraints).forEach((c, i) => {
    const read = readConstraint(c);
    if (read.ok) constraints.push(read.value);
    else v.add(`/scheduling/placement/constraints(${i})`, read.error);
  });
  const role = (json.role as string | undefined) ?? ctx.defaultRole;
  const roleProblem = roleNameProblem(role);
  if (roleProblem) v.add('/role', `invalid role: ${roleProblem}`);
  // Unlike apps, an empty list is allowed: it means "not set" (`SchedulingValidation.placementStrategyValidator`).
  const accepted = placement.acceptedResourceRoles as string[] | undefined;
  if (accepted?.some((r) => r !== '*' && r !== role)) v.add('/scheduling/placement/acceptedResourceRoles', `acceptedResourceRoles can only contain * and ${role}`);
  const unreachable = scheduling.unreachableStrategy;
  const unreachableStrategy =
    unreachable === undefined
      ? resident ? 'disabled' : { ...POD_DEFAULTS.unreachableStrategy }
      : readUnreachable(unreachable, v, '/scheduling/unreachableStrategy');
  const executorResources = { ...POD_DEFAULTS.executorResources, ...obj(json.executorResources) } as PodDefinition['executorResources'];
  for (const key of ['cpus', 'mem', 'disk'] as const) atLeast(`/executorResources/${key}`, executorResources[key], 0, '0.0');

  if (!v.empty) return { ok: false, status: 422, body: v.body() };
  const extra: Json = {};
  for (const [k, val] of Object.entries(json)) if (!POD_KNOWN_FIELDS.has(k)) extra[k] = val;
  const pod: PodDefinition = {
    id: normalizePath(rawId),
    instances, containers, networkMode, constraints, role,
    upgradeStrategy: upgrade,
    backoffSeconds: backoff.backoff,
    backoffFactor: backoff.backoffFactor,
    maxLaunchDelaySeconds: backoff.maxLaunchDelay,
    unreachableStrategy,
    killSelection: canonical((scheduling.killSelection as string | undefined) ?? POD_DEFAULTS.killSelection, KILL_SELECTIONS),
    executorResources,
    labels: (json.labels as Record<string, string> | undefined) ?? {},
    extra,
  };
  if (maxInstances !== undefined) pod.maxInstances = maxInstances;
  if (accepted?.length) pod.acceptedResourceRoles = accepted;
  return { ok: true, pod };
}

/** The networks' modes (a pod with none shares the agent's network: host). */
function readNetworks(networks: Json[], v: Violations): NetworkMode[] {
  const modes = networks.map((n) => canonical((n.mode as string | undefined) ?? 'container', NETWORK_MODES));
  const count = (m: NetworkMode) => modes.filter((x) => x === m).length;
  networks.forEach((n, i) => {
    if (typeof n.name === 'string' && !NAME.test(n.name)) v.add(`/networks(${i})/name`, NAME_PROBLEM);
  });
  if (networks.some((n, i) => modes[i] === 'host' && (n.name || (n.labels && Object.keys(n.labels).length > 0)))) v.add('/networks', 'Host networks may not have names or labels');
  if (networks.some((n, i) => modes[i] === 'container/bridge' && n.name)) v.add('/networks', 'Bridge networks may not have names');
  const named = networks.flatMap((n) => (typeof n.name === 'string' ? [n.name] : []));
  const unnamedContainer = networks.filter((n, i) => modes[i] === 'container' && n.name === undefined).length;
  if (unnamedContainer > 1 || new Set(named).size !== named.length) v.add('/networks', 'Duplicate networks are not allowed');
  const host = count('host');
  const bridge = count('container/bridge');
  const container = count('container');
  if (!((bridge === 0 && container === 0 && host <= 1) || (host === 0 && container === 0 && bridge <= 1) || (host === 0 && bridge === 0 && container > 0))) {
    v.add('/networks', 'May specify a single host network, single bridge network, or else 1-to-n container networks');
  }
  return modes;
}

/** Adds `got -1, expected 0 or more` at `at` when `x < min`; returns `x`. */
type AtLeast = (at: string, x: number, min: number, minText?: string) => number;

interface PodNetworking {
  networkMode: NetworkMode;
  /** Modes named in `networks` (host-mode endpoint rules apply only to an explicit host network). */
  explicitModes: Set<NetworkMode>;
  volumeNames: string[];
}

function readContainer(c: Json, at: string, net: PodNetworking, v: Violations, atLeast: AtLeast): PodContainer {
  const name = c.name as string;
  if (name.length > 63 || !NAME.test(name)) v.add(`${at}/name`, NAME_PROBLEM);
  const r = c.resources as Json;
  const d = POD_DEFAULTS.resources;
  const resources = {
    cpus: atLeast(`${at}/resources/cpus`, (r.cpus as number | undefined) ?? d.cpus, 0, '0.0'),
    mem: atLeast(`${at}/resources/mem`, (r.mem as number | undefined) ?? d.mem, 0, '0.0'),
    disk: atLeast(`${at}/resources/disk`, (r.disk as number | undefined) ?? d.disk, 0, '0.0'),
    gpus: atLeast(`${at}/resources/gpus`, (r.gpus as number | undefined) ?? d.gpus, 0),
  };
  if (!Number.isInteger(resources.gpus)) v.add(`${at}/resources/gpus`, `got ${resources.gpus}, expected an integer`);
  const endpoints = list(c.endpoints).map((e, i) => readEndpoint(e, `${at}/endpoints(${i})`, net, v));
  const imageId = obj(c.image).id as string | undefined;
  if (imageId !== undefined && (imageId.length < 1 || imageId.length > 1024)) v.add(`${at}/image/id`, `got ${imageId.length}, expected between 1 and 1024`);
  list(c.volumeMounts).forEach((m, i) => {
    if (!NAME.test(m.name as string)) v.add(`${at}/volumeMounts(${i})/name`, NAME_PROBLEM);
    if (!net.volumeNames.includes(m.name as string)) v.add(`${at}/volumeMounts(${i})/name`, 'Referenced Volume in VolumeMount should exist');
  });
  const healthCheck = c.healthCheck === undefined ? null : readHealthCheck(c.healthCheck as Json, `${at}/healthCheck`, endpoints, v, atLeast);
  const extra: Json = {};
  for (const [k, val] of Object.entries(c)) if (!CONTAINER_KNOWN_FIELDS.has(k)) extra[k] = val;
  return { name, resources, endpoints, healthCheck, extra };
}

function readEndpoint(e: Json, at: string, net: PodNetworking, v: Violations): PodEndpoint {
  const name = e.name as string;
  if (name.length > 63 || !NAME.test(name)) v.add(`${at}/name`, NAME_PROBLEM);
  const containerPort = e.containerPort as number | undefined;
  // PodNormalization: outside container networking an endpoint without hostPort gets a dynamic one (0).
  const hostPort = (e.hostPort as number | undefined) ?? (net.networkMode === 'container' ? undefined : 0);
  const port = (key: string, x: number | undefined) => {
    if (x !== undefined && !(Number.isInteger(x) && x >= 0 && x <= 65535)) v.add(`${at}/${key}`, `got ${x}, expected between 0 and 65535`);
  };
  port('containerPort', containerPort);
  port('hostPort', hostPort);
  if (net.explicitModes.has('host') && containerPort !== undefined) v.add(`${at}/containerPort`, 'is not allowed when using host-mode networking');
  if (net.explicitModes.has('container') && containerPort === undefined) v.add(`${at}/containerPort`, 'is required when using container-mode networking');
  const protocol = (e.protocol as string[] | undefined) ?? ['tcp'];
  if (new Set(protocol).size !== protocol.length) v.add(`${at}/protocol`, 'Duplicate protocols within the same endpoint are not allowed');
  const endpoint: PodEndpoint = { name, protocol, labels: (e.labels as Record<string, string> | undefined) ?? {} };
  if (containerPort !== undefined) endpoint.containerPort = containerPort;
  if (hostPort !== undefined) endpoint.hostPort = hostPort;
  return endpoint;
}

function readHealthCheck(hc: Json, at: string, endpoints: PodEndpoint[], v: Violations, atLeast: AtLeast): PodHealthCheck {
  const kinds = (['http', 'tcp', 'exec'] as const).filter((k) => hc[k] !== undefined);
  if (kinds.length !== 1) v.add(at, 'Only one of http, tcp, or command may be specified');
  const n = { ...POD_HEALTH_CHECK_DEFAULTS, ...hc } as typeof POD_HEALTH_CHECK_DEFAULTS;
  for (const key of ['gracePeriodSeconds', 'intervalSeconds', 'maxConsecutiveFailures', 'timeoutSeconds', 'delaySeconds'] as const) atLeast(`${at}/${key}`, n[key], 0);
  if (n.timeoutSeconds >= n.intervalSeconds) v.add(`${at}/timeoutSeconds`, `got ${n.timeoutSeconds}, expected less than ${n.intervalSeconds}`);
  const check: PodHealthCheck = {
    protocol: 'MESOS_TCP',
    gracePeriodSeconds: n.gracePeriodSeconds,
    intervalSeconds: n.intervalSeconds,
    timeoutSeconds: n.timeoutSeconds,
    maxConsecutiveFailures: n.maxConsecutiveFailures,
    delaySeconds: n.delaySeconds,
  };
  const kind = kinds[0];
  if (kind === 'http' || kind === 'tcp') {
    const target = hc[kind] as Json;
    const endpoint = target.endpoint as string;
    if (!endpoints.some((e) => e.name === endpoint)) v.add(`${at}/${kind}/endpoint`, 'contained in the container endpoints');
    check.endpoint = endpoint;
    if (kind === 'http') {
      check.protocol = ((target.scheme as string | undefined) ?? 'HTTP').toUpperCase() === 'HTTPS' ? 'MESOS_HTTPS' : 'MESOS_HTTP';
      check.path = (target.path as string | undefined) ?? '/';
    }
  } else if (kind === 'exec') {
    const command = obj(obj(hc.exec).command);
    check.protocol = 'COMMAND';
    if (typeof command.shell === 'string') {
      if (command.shell.length === 0) v.add(`${at}/exec/command/shell`, 'got 0, expected more than 0');
      check.command = { value: command.shell };
    } else {
      const argv = (command.argv as string[] | undefined) ?? [];
      if (argv.length === 0) v.add(`${at}/exec/command/argv`, 'got 0, expected more than 0');
      check.command = { value: argv.join(' ') };
      check.argv = argv;
    }
  }
  return check;
}

/** `scheduling.unreachableStrategy` is `"disabled"` or `{inactiveAfterSeconds, expungeAfterSeconds}`. */
function checkUnreachableShape(raw: unknown, types: Violations): void {
  const at = '/scheduling/unreachableStrategy';
  if (typeof raw === 'string') {
    if (raw !== 'disabled') types.add(at, 'error.unknown.enum.literal');
  } else if (raw !== undefined && raw !== null) {
    checkShape(raw, { fields: { inactiveAfterSeconds: 'number', expungeAfterSeconds: 'number' } }, at, types);
  }
}
