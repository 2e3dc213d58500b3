/**
 * Reads a pasted Marathon app definition: type errors answer like Marathon's JSON reader
 * (422 "Invalid JSON", `error.expected.jsnumber`), rule violations like its validator
 * (422 "Object is not valid" with details by path).
 */
import { roleViolations, type RoleSettings } from './role-settings.ts';
import { roleNameProblem } from '../scenario/roles.ts';
import { APP_DEFAULTS, UNSIMULATED_FIELDS, type AppDefinition, type ConstraintSpec, type PortDefinition } from './app-definition.ts';
import { checkHealthCheckTypes, readHealthChecks } from './app-health-checks.ts';
import { readConstraint } from './constraint-rules.ts';
import { checkEnvVars } from './env-vars.ts';
import { checkDepth, fitsKind, withoutNulls, type JsonKind } from './json-shape.ts';
import { ID_SEGMENT, ID_SEGMENT_TEXT, normalizePath, parentOf, pathIdProblem, RESERVED_LAST, RESERVED_TEXT } from './path-id.ts';
import { readUnreachable } from './unreachable-strategy.ts';
import { Violations, type Violation } from './violations.ts';
import { checkNetworkingTypes } from './app-networking-shape.ts';
import {
  deprecatedFieldViolations,
  networkConfigOf,
  migrateDeprecated,
  NormalizationError,
  normalizeNetworking,
  type NetworkConfig,
} from './app-normalize.ts';
import { readNetworks } from './pod-networks.ts';
import { hasPersistentVolume, volumesOf } from './pod-volumes.ts';
import { DCOS_MARATHON_FLAGS } from './flags.ts';
import { canonicalViolations, modelViolations } from './app-rules.ts';
import { appFacetViolations } from './app-facets.ts';

export type AppReadResult =
  | { ok: true; app: AppDefinition }
  /** A 500 (an exception Marathon does not map) has only a message. */
  | { ok: false; status: number; body: { message: string; details?: Violation[] } };

export interface AppContext {
  /** Where relative ids are resolved (`/` for POST /v2/apps). */
  base: string;
  /** Marathon's --mesos_role, used when the app names none and there are no role settings. */
  defaultRole: string;
  /** The roles the service with this (absolute) id may have, and its default (`RoleSettings`); none: any role. */
  roleSettings?: (serviceId: string) => RoleSettings;
  /** `?force=true`: a resident service may change its role. */
  force?: boolean;
  /** Marathon's --default_network_name and --mesos_bridge_name (DC/OS's when absent). */
  network?: NetworkConfig;
  /** Marathon's --enable_features (DC/OS's when absent: no `secrets`). */
  features?: readonly string[];
}

type Json = Record<string, unknown>;

/**
 * Marathon's order (`AppHelpers.appNormalization`): the JSON types, the rules on deprecated fields, their
 * migration to the canonical ones, the rules, then the defaults that depend on networking.
 */
export function readApp(raw: unknown, ctx: AppContext): AppReadResult {
  const types = checkAppTypes(raw);
  if (!types.empty) return { ok: false, status: 422, body: types.body('Invalid JSON') };
  // An optional field given as null is read as absent (`readNullable`); where null is not allowed the reader said so.
  const given = withoutNulls(raw) as Json;
  const deprecated = deprecatedFieldViolations(given);
  if (!deprecated.empty) return { ok: false, status: 422, body: deprecated.body() };
  const network = ctx.network ?? networkConfigOf(DCOS_MARATHON_FLAGS);
  const features = ctx.features ?? DCOS_MARATHON_FLAGS.features;
  let json: Json;
  try {
    json = migrateDeprecated(given, network);
  } catch (e) {
    if (e instanceof NormalizationError) return { ok: false, status: 500, body: { message: e.message } };
    throw e;
  }
  const v = new Violations();
  readAppNetworks(json, network, v);
  const id = normalizePath(json.id as string, ctx.base);
  // Marathon checks the id once made absolute, `.` and `..` resolved (`/test/.` is `/test`); the root is no app.
  const idProblem = pathIdProblem(id);
  if (idProblem) v.add('/id', idProblem);
  if (id === '/') v.add('/', 'must not be root');
  const n = readAppNumbers(json, v);
  const { cmd, args } = readCommand(json, v);
  const constraints = readConstraints(json, v);
  const settings = ctx.roleSettings?.(id);
  const role = (json.role as string | undefined) ?? settings?.defaultRole ?? ctx.defaultRole;
  const roleProblem = roleNameProblem(role);
  if (roleProblem) v.add('/role', `invalid role: ${roleProblem}`);
  const accepted = readAcceptedRoles(json, role, v);
  const portDefinitions = readPorts(json, v);
  const mappings = ((json.container as Json | undefined)?.portMappings as unknown[] | undefined) ?? [];
  const container = json.container as Json | undefined;
  const containerType = container ? (typeof container.type === 'string' ? container.type.toUpperCase() : 'DOCKER') : null;
  const { checks: healthChecks, conversionError } = readHealthChecks(
    (json.healthChecks as unknown[] | undefined) ?? [],
    { ports: portDefinitions.length + mappings.length, containerType },
    v,
  );
  // Apps with persistent or external volumes keep their data on one agent: other defaults (AppConversion, AppNormalization).
  const volumes = volumesOf(json.container);
  const persistent = hasPersistentVolume(volumes);
  const external = volumes.some((x) => x.external !== undefined);
  const upgradeStrategy = readUpgradeStrategy(json, persistent || external ? RESIDENT_UPGRADE_STRATEGY : APP_DEFAULTS.upgradeStrategy, v);
  const unreachableStrategy = readUnreachable(json.unreachableStrategy ?? (persistent ? 'disabled' : undefined), v, undefined, false);
  // An enum: read case-insensitively, anything else is the JSON reader's error (checkAppTypes).
  const killSelection = ((json.killSelection as string | undefined) ?? APP_DEFAULTS.killSelection).toUpperCase();
  const labels = (json.labels as Json | undefined) ?? {};
  const dependencies = readDependencies(json, ctx.base, v);
  canonicalViolations(json, features, v);
  if (!v.empty) return { ok: false, status: 422, body: v.body() };
  // Converting to Marathon's model throws for a check the rules let through: an unmapped exception, 500.
  if (conversionError) return { ok: false, status: 500, body: { message: conversionError } };
  // A second pass on the model answers a few rules of its own, only when the first found nothing.
  roleViolations(role, settings, { kind: 'apps', is: persistent, force: ctx.force ?? false }, v);
  modelViolations(json, v);
  if (!v.empty) return { ok: false, status: 422, body: v.body() };
  json = normalizeNetworking(json, network);

  // Marathon keeps the fields of its App type and ignores any other; `executor` "" is the default it writes anyway.
  const extra: Json = {};
  for (const k of UNSIMULATED_FIELDS) if (json[k] !== undefined && json[k] !== null) extra[k] = json[k];
  if (extra.executor === '') delete extra.executor;
  const app: AppDefinition = {
    id,
    instances: n.instances,
    cpus: n.cpus,
    mem: n.mem,
    disk: n.disk,
    gpus: n.gpus,
    constraints,
    role,
    portDefinitions,
    healthChecks,
    requirePorts: json.requirePorts === true,
    upgradeStrategy,
    backoffSeconds: n.backoffSeconds,
    backoffFactor: n.backoffFactor,
    maxLaunchDelaySeconds: n.maxLaunchDelaySeconds,
    unreachableStrategy,
    killSelection: killSelection as AppDefinition['killSelection'],
    labels: labels as Record<string, string>,
    env: (json.env as Json | undefined) ?? {},
    dependencies,
    extra,
  };
  if (cmd !== undefined) app.cmd = cmd;
  if (args !== undefined) app.args = args as string[];
  if (json.container) app.container = json.container as Json;
  if (accepted) app.acceptedResourceRoles = accepted as string[];
  return { ok: true, app };
}

/** `networks` by `NetworkValidation`: the pod rules, and a container network needs a name unless Marathon has a default one. */
function readAppNetworks(json: Json, network: NetworkConfig, v: Violations): void {
  const networks = (json.networks as Json[] | undefined) ?? [];
  readNetworks(networks, v);
  if (network.defaultNetworkName === null && networks.some((n) => n.mode === 'container' && n.name === undefined))
    v.add('/networks', 'Network name must be specified when container network is selected.');
}

/** The typed top-level fields, by kind, in the order their type errors are reported. */
const FIELD_KINDS: [JsonKind, string[]][] = [
  ['string', ['id']],
  ['number', ['instances', 'cpus', 'mem', 'disk', 'gpus', 'backoffSeconds', 'backoffFactor', 'maxLaunchDelaySeconds']],
  ['string', ['cmd', 'role', 'killSelection']],
  ['array', ['args', 'constraints', 'acceptedResourceRoles', 'healthChecks', 'dependencies']],
  ['object', ['upgradeStrategy', 'labels', 'env']],
  ['boolean', ['requirePorts']],
];

/** Type errors, as Marathon's JSON reader reports them (in this order); none means `raw` can be read by the rules. */
function checkAppTypes(raw: unknown): Violations {
  const types = new Violations();
  if (!fitsKind(raw, 'object')) {
    types.add('/', 'error.expected.jsobject');
    return types;
  }
  if (!checkDepth(raw, types)) return types;
  const json = raw as Json;
  for (const [kind, fields] of FIELD_KINDS)
    for (const field of fields)
      if (json[field] !== undefined && !fitsKind(json[field], kind)) types.add(`/${field}`, `error.expected.js${kind}`);
  if (typeof json.killSelection === 'string' && !['YOUNGEST_FIRST', 'OLDEST_FIRST'].includes(json.killSelection.toUpperCase()))
    types.add('/killSelection', 'error.unknown.enum.literal');
  if (Array.isArray(json.constraints)) checkConstraintTypes(json.constraints, types);
  checkNetworkingTypes(json, types);
  if (Array.isArray(json.healthChecks)) checkHealthCheckTypes(json.healthChecks, types);
  // UnreachableStrategy is `"disabled"` or an object (a RAML union: the object reader's error is the one reported).
  const unreachable = json.unreachableStrategy;
  if (unreachable !== undefined && unreachable !== null && unreachable !== 'disabled' && !fitsKind(unreachable, 'object'))
    types.add('/unreachableStrategy', 'error.expected.jsobject');
  if (fitsKind(json.env, 'object')) checkEnvVars(json.env, '/env', types);
  // Items of string lists and values of the labels map are read as strings too.
  for (const field of ['args', 'acceptedResourceRoles'])
    if (Array.isArray(json[field]))
      (json[field] as unknown[]).forEach((x, i) => {
        if (typeof x !== 'string') types.add(`/${field}(${i})`, 'error.expected.jsstring');
      });
  if (fitsKind(json.labels, 'object'))
    for (const [k, val] of Object.entries(json.labels as Json))
      if (typeof val !== 'string') types.add(`/labels/${k}`, 'error.expected.jsstring');
  appFacetViolations(json, types);
  return types;
}

/** Counts, resources and backoff: defaults filled in, each at least its minimum. */
function readAppNumbers(json: Json, v: Violations) {
  const num = (field: string, fallback: number, min: number, minText = String(min)) => {
    const x = (json[field] as number | undefined) ?? fallback;
    if (x < min) v.add(`/${field}`, `got ${x}, expected ${minText} or more`);
    return x;
  };
  const instances = num('instances', APP_DEFAULTS.instances, 0);
  if (!Number.isInteger(instances)) v.add('/instances', `got ${instances}, expected an integer`);
  return {
    instances,
    cpus: num('cpus', APP_DEFAULTS.cpus, 0, '0.0'),
    mem: num('mem', APP_DEFAULTS.mem, 0, '0.0'),
    disk: num('disk', APP_DEFAULTS.disk, 0, '0.0'),
    gpus: num('gpus', APP_DEFAULTS.gpus, 0),
    backoffSeconds: num('backoffSeconds', APP_DEFAULTS.backoffSeconds, 0),
    backoffFactor: num('backoffFactor', APP_DEFAULTS.backoffFactor, 1, '1.0'),
    maxLaunchDelaySeconds: num('maxLaunchDelaySeconds', APP_DEFAULTS.maxLaunchDelaySeconds, 0),
  };
}

/** `cmd` or `args`, unless a `container` runs its image's own. */
function readCommand(json: Json, v: Violations): { cmd: string | undefined; args: unknown[] | undefined } {
  const cmd = json.cmd as string | undefined;
  const args = json.args as unknown[] | undefined;
  // Exactly one of a command and arguments (`args: []` is none), or neither with a container (`AppValidation`).
  const hasArgs = args !== undefined && args.length > 0;
  if (cmd !== undefined && hasArgs) v.add('/', "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.");
  else if (cmd === undefined && !hasArgs && !json.container)
    v.add('/', "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.");
  // Marathon's rule is `length > 1` (so a one-character command fails too); "" is refused by the JSON reader first.
  if (cmd !== undefined && cmd.length === 1) v.add('/', 'must not be an empty string');
  return { cmd, args: hasArgs ? args : undefined };
}

/** An app's constraints are a set in Marathon: their rules report at `/constraints`, without an index. */
function readConstraints(json: Json, v: Violations): ConstraintSpec[] {
  const constraints: ConstraintSpec[] = [];
  for (const c of (json.constraints as unknown[] | undefined) ?? []) {
    const read = readConstraint(c);
    if (read.ok) constraints.push(read.value);
    else v.add('/constraints', read.error);
  }
  return constraints;
}

/** The JSON reader's view of `constraints`: arrays of 2 or 3 strings (the object form is a pod's only). */
function checkConstraintTypes(constraints: readonly unknown[], types: Violations): void {
  constraints.forEach((c, i) => {
    const at = `/constraints(${i})`;
    if (!Array.isArray(c)) return types.add(at, 'error.expected.jsarray');
    c.forEach((part, j) => {
      if (typeof part !== 'string') types.add(`${at}(${j})`, 'error.expected.jsstring');
    });
    if (c.length < 2) types.add(at, 'error.minLength');
    if (c.length > 3) types.add(at, 'error.maxLength');
  });
}

/** Unlike pods', an app's list must not be empty when given. */
function readAcceptedRoles(json: Json, role: string, v: Violations): unknown[] | undefined {
  const accepted = json.acceptedResourceRoles as unknown[] | undefined;
  if (accepted !== undefined) {
    if (accepted.length === 0) v.add('/acceptedResourceRoles', 'must not be empty');
    // One message however many entries are wrong: "* and <role>" (a sorted set of both), or "*" when the role is `*`.
    if (accepted.some((r) => typeof r === 'string' && r !== '*' && r !== role))
      v.add('/acceptedResourceRoles', `acceptedResourceRoles can only contain ${role === '*' ? '*' : `* and ${role}`}`);
  }
  return accepted;
}

const RESIDENT_UPGRADE_STRATEGY = { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 } as const;

function readUpgradeStrategy(json: Json, fallback: AppDefinition['upgradeStrategy'], v: Violations): AppDefinition['upgradeStrategy'] {
  const upgradeStrategy = { ...fallback, ...(json.upgradeStrategy as Json | undefined) } as {
    minimumHealthCapacity: unknown;
    maximumOverCapacity: unknown;
  };
  for (const key of ['minimumHealthCapacity', 'maximumOverCapacity'] as const) {
    const x = upgradeStrategy[key];
    if (typeof x !== 'number' || !(x >= 0 && x <= 1)) v.add(`/upgradeStrategy/${key}`, `got ${String(x)}, expected between 0.0 and 1.0`);
  }
  return upgradeStrategy as AppDefinition['upgradeStrategy'];
}

/**
 * Dependencies, checked as written (`PathId.pathIdValidator`: each segment, the reserved last one), resolved against
 * the base the app is read in (`withCanonizedIds`: the root for POST /v2/apps, the group for an app in a group).
 */
function readDependencies(json: Json, base: string, v: Violations): string[] {
  return ((json.dependencies as unknown[] | undefined) ?? []).map((d, i) => {
    if (typeof d !== 'string') return '';
    // `pathIdValidator`'s three rules, each on its own.
    const segments = d.split('/').filter(Boolean);
    if (segments.some((seg) => !ID_SEGMENT.test(seg)))
      v.add(`/dependencies(${i})`, `must fully match regular expression '${ID_SEGMENT_TEXT}'`);
    if (RESERVED_LAST.has(segments.at(-1) ?? '')) v.add(`/dependencies(${i})`, RESERVED_TEXT);
    // `childOf(path.parent)`: an absolute path whose `.` or `..` take it out of the parent it is written under.
    const writtenParent = `/${segments.slice(0, -1).join('/')}`;
    if (d.startsWith('/') && segments.length > 0 && parentOf(normalizePath(d)) !== writtenParent)
      v.add(`/dependencies(${i})`, `Identifier is not child of '${writtenParent}'`);
    return normalizePath(d, base);
  });
}

/** `portDefinitions` as migrated (absent under container networking: then the app has none). */
function readPorts(json: Json, v: Violations): PortDefinition[] {
  const raw = (json.portDefinitions as Json[] | undefined) ?? [];
  const defs = raw.map((o, i): PortDefinition => {
    const port = o.port ?? 0;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535)
      v.add(`/portDefinitions(${i})/port`, 'got an invalid port, expected 0 to 65535');
    const def: PortDefinition = {
      port: typeof port === 'number' ? port : 0,
      protocol: typeof o.protocol === 'string' ? o.protocol.toLowerCase() : 'tcp',
    };
    if (typeof o.name === 'string') def.name = o.name;
    if (o.labels !== undefined) def.labels = o.labels as Record<string, string>;
    return def;
  });
  const fixed = defs.map((d) => d.port).filter((p) => p !== 0);
  if (new Set(fixed).size !== fixed.length) v.add('/portDefinitions', 'Ports must be unique.');
  const names = defs.flatMap((d) => (d.name ? [d.name] : []));
  if (new Set(names).size !== names.length) v.add('/portDefinitions', 'Port names must be unique.');
  return defs;
}
