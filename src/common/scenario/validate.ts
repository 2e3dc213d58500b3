/**
 * Turns untrusted scenario JSON into a Scenario with every default filled in, or throws a
 * ScenarioError naming the first bad field.
 */
import { roleSettingsForService, topLevelName, type RoleContext } from '../marathon/role-settings.ts';
import { Reader, ScenarioError } from './reader.ts';
import { PUBLIC_ROLE, roleNameProblem } from './roles.ts';
import { readApp, type AppContext } from '../marathon/validate-app.ts';
import type {
  DiskSpec,
  AgentSpec,
  AppBehavior,
  MarathonSpec,
  ScriptAction,
  ClusterSpec,
  FrameworkSpec,
  PortRanges,
  QuotaSpec,
  Reservation,
  RoleSpec,
  Scenario,
  TaskSpec,
  UsageSpec,
} from './types.ts';
import { isUsageProblem, readUsageSpec } from './usage.ts';
import { setOwn } from '../own.ts';
import { jsonLimitProblem, limitText } from '../json-limits.ts';
import { MAX_RECORDED_BODY_DEPTH } from './limits.ts';
import { DCOS_MARATHON_ROLE, flagsWith } from '../marathon/flags.ts';
import { networkConfigOf } from '../marathon/app-normalize.ts';
import { readMarathonFlags } from './marathon-flags.ts';
import { readMetronomeSpec } from './metronome-spec.ts';

export const HOSTNAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
const SCALAR_KEYS = ['cpus', 'mem', 'disk', 'gpus'] as const;
/** Keep a pasted scenario from asking the tab for more than it can hold. */
export const MAX_AGENTS = 50_000;

export function validateScenario(json: unknown): Scenario {
  const root = new Reader(json, '');
  root.object(['seed', 'cluster', 'frameworks', 'marathon', 'metronome', 'script']);
  const seed = root.child('seed').number({ integer: true, min: 0, max: 0xffffffff, default: 1 });
  const cluster = readCluster(root.child('cluster'));
  const frameworks = root.child('frameworks').present ? root.child('frameworks').array().map(readFramework) : [];
  const names = new Set<string>();
  frameworks.forEach((fw, i) => {
    if (names.has(fw.name)) throw new ScenarioError(`frameworks[${i}].name`, `duplicate framework name '${fw.name}'`);
    names.add(fw.name);
  });
  const marathon = readMarathon(root.child('marathon'));
  // Absent stays absent: a scenario from before Metronome writes back as it was read.
  const metronome = root.child('metronome').present ? { metronome: readMetronomeSpec(root.child('metronome')) } : {};
  const script = root.child('script').present ? readScript(root.child('script')) : [];
  return { seed, cluster, frameworks, marathon, ...metronome, script };
}

const ACTION_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** A script longer than this is not a scenario a person made by hand or by clicking. */
export const MAX_SCRIPT_ACTIONS = 10_000;

function readScript(r: Reader): ScriptAction[] {
  const items = r.array();
  if (items.length > MAX_SCRIPT_ACTIONS) r.fail(`at most ${MAX_SCRIPT_ACTIONS} actions (got ${items.length})`);
  let last = 0;
  return items.map((item) => {
    item.object(['at', 'request']);
    // Simulated ms, fractional when the page's clock made it: JSON keeps a double exactly, so replays match.
    const at = item.child('at').number({ min: last, max: Number.MAX_SAFE_INTEGER });
    last = at;
    const req = item.child('request');
    req.object(['method', 'path', 'body', 'headers']);
    const method = req.child('method').string();
    if (!(ACTION_METHODS as readonly string[]).includes(method)) req.child('method').fail(`must be one of ${ACTION_METHODS.join(', ')}`);
    const path = req.child('path').string({ pattern: /^\/[^\s]*$/, patternText: 'an absolute path without spaces' });
    const request: ScriptAction['request'] = { method: method as ScriptAction['request']['method'], path };
    if (req.child('body').present) {
      // Copying the script (a snapshot, a share link) recurses through its bodies: one the sandbox could not have
      // recorded is refused here.
      const problem = jsonLimitProblem(req.child('body').value, { maxDepth: MAX_RECORDED_BODY_DEPTH, maxChars: Number.POSITIVE_INFINITY });
      if (problem) req.child('body').fail(limitText(problem));
      request.body = req.child('body').value;
    }
    if (req.child('headers').present) {
      const headers: Record<string, string> = {};
      for (const [name, value] of req.child('headers').entries()) headers[name] = value.string();
      request.headers = headers;
    }
    return { at, request };
  });
}

function readMarathon(r: Reader): MarathonSpec {
  if (!r.present) return { role: DCOS_MARATHON_ROLE, defaultAcceptedResourceRoles: null, flags: {}, apps: [], behavior: {} };
  r.object(['role', 'defaultAcceptedResourceRoles', 'flags', 'apps', 'behavior']);
  const role = r.child('role').string({ default: DCOS_MARATHON_ROLE });
  const flags = readMarathonFlags(r.child('flags'));
  const roleProblem = roleNameProblem(role);
  if (roleProblem) r.child('role').fail(`invalid role name: ${roleProblem}`);
  let defaultAcceptedResourceRoles: string[] | null = null;
  if (r.child('defaultAcceptedResourceRoles').present && r.child('defaultAcceptedResourceRoles').value !== null) {
    const list = r.child('defaultAcceptedResourceRoles').array();
    if (list.length === 0) r.child('defaultAcceptedResourceRoles').fail('must not be empty');
    defaultAcceptedResourceRoles = list.map((item) => item.string());
    defaultAcceptedResourceRoles.forEach((accepted, i) => {
      if (accepted !== '*' && accepted !== role) r.child('defaultAcceptedResourceRoles').child(i).fail(`can only contain * and ${role}`);
    });
  }
  const inForce = flagsWith(flags);
  // The apps are read as Marathon reads them posted one by one: the first below a new top-level group creates it.
  const created = new Map<string, boolean>();
  const roles: RoleContext = {
    mesosRole: role,
    newGroupEnforceRole: inForce.new_group_enforce_role,
    topLevelEnforceRole: (id) => created.get(id),
    existingRole: () => undefined,
  };
  const appContext: AppContext = {
    base: '/',
    defaultRole: role,
    roleSettings: (id) => roleSettingsForService(id, roles),
    network: networkConfigOf(inForce),
    features: inForce.features,
  };
  const ids = new Set<string>();
  const apps = r.child('apps').present
    ? r
        .child('apps')
        .array()
        .map((item, i) => {
          const read = readApp(item.value, appContext);
          if (!read.ok) {
            const detail = read.body.details?.[0];
            const path = detail && detail.path !== '/' ? detail.path.replace(/\//g, '.').replace(/\((\d+)\)/g, '[$1]') : '';
            throw new ScenarioError(`marathon.apps[${i}]${path}`, detail ? detail.errors.join('; ') : read.body.message);
          }
          if (ids.has(read.app.id)) item.child('id').fail(`duplicate app id '${read.app.id}'`);
          ids.add(read.app.id);
          const top = `/${topLevelName(read.app.id)}`;
          if (top !== read.app.id && !created.has(top)) created.set(top, inForce.new_group_enforce_role === 'top');
          return item.value;
        })
    : [];
  const behavior: Record<string, AppBehavior> = {};
  if (r.child('behavior').present) {
    for (const [appId, b] of r.child('behavior').entries()) {
      b.object(['healthCheckFailureRate', 'startFailureRate', 'meanSecondsToCrash', 'secondsUntilReady', 'usage']);
      behavior[appId] = {
        healthCheckFailureRate: b.child('healthCheckFailureRate').number({ min: 0, max: 1, default: 0 }),
        startFailureRate: b.child('startFailureRate').number({ min: 0, max: 1, default: 0 }),
        meanSecondsToCrash:
          b.child('meanSecondsToCrash').present && b.child('meanSecondsToCrash').value !== null
            ? b.child('meanSecondsToCrash').number({ min: 0, exclusiveMin: true })
            : null,
      };
      const ready = b.child('secondsUntilReady');
      if (ready.present) behavior[appId]!.secondsUntilReady = ready.value === null ? null : ready.number({ min: 0 });
      const usage = b.child('usage');
      if (usage.present) behavior[appId]!.usage = readUsage(b, usage.value);
    }
  }
  return { role, defaultAcceptedResourceRoles, flags, apps, behavior };
}

function readCluster(r: Reader): ClusterSpec {
  r.object(['name', 'masters', 'agents', 'roles', 'allocationIntervalMs', 'maxAgentPingTimeouts', 'overlay']);
  const masters = r.child('masters').number({ integer: true, min: 1, max: 9, default: 3 });
  const roles = r.child('roles').present ? readRoles(r.child('roles')) : {};
  const agentsReader = r.child('agents');
  const agents = agentsReader.array().map((a) => readAgent(a, roles));
  if (agents.length === 0) agentsReader.fail('must list at least one agent');
  const hostnames = new Set<string>();
  let total = 0;
  agents.forEach((agent, i) => {
    for (const hostname of expandHostnames(agent)) {
      if (hostnames.has(hostname)) {
        throw new ScenarioError(`cluster.agents[${i}].hostname`, `duplicate hostname '${hostname}'`);
      }
      if (
        /^master-\d+$/.test(hostname) &&
        Number(hostname.slice('master-'.length)) <= masters &&
        Number(hostname.slice('master-'.length)) >= 1
      ) {
        throw new ScenarioError(`cluster.agents[${i}].hostname`, `'${hostname}' is the hostname of a master`);
      }
      hostnames.add(hostname);
    }
    total += agent.count;
  });
  if (total > MAX_AGENTS) agentsReader.fail(`at most ${MAX_AGENTS} agents in all (got ${total})`);
  return {
    name: r.child('name').string({ default: 'sandbox' }),
    masters,
    agents,
    roles,
    allocationIntervalMs: r.child('allocationIntervalMs').number({ min: 10, max: 600_000, default: 1000 }),
    maxAgentPingTimeouts: r.child('maxAgentPingTimeouts').number({ integer: true, min: 1, max: 100, default: 5 }),
    overlay: r.child('overlay').boolean(true),
  };
}

/** Hostnames an agent entry stands for: `a1`, or `a1-1` … `a1-N` when count > 1. */
export function expandHostnames(agent: AgentSpec): string[] {
  if (agent.count === 1) return [agent.hostname];
  return Array.from({ length: agent.count }, (_, i) => `${agent.hostname}-${i + 1}`);
}

function readRoles(r: Reader): Record<string, RoleSpec> {
  const roles: Record<string, RoleSpec> = {};
  for (const [name, role] of r.entries()) {
    const problem = roleNameProblem(name);
    if (problem) role.fail(`invalid role name: ${problem}`);
    role.object(['weight', 'quota']);
    const spec: RoleSpec = { weight: role.child('weight').number({ min: 0, exclusiveMin: true, default: 1 }) };
    if (role.child('quota').present) {
      if (name.includes('/')) role.child('quota').fail('quota can only be set on top-level roles');
      spec.quota = readScalars(role.child('quota')) as QuotaSpec;
    }
    roles[name] = spec;
  }
  return roles;
}

function readAgent(r: Reader, roles: Record<string, RoleSpec>): AgentSpec {
  r.object(['hostname', 'public', 'resources', 'attributes', 'reservations', 'disks', 'count']);
  const hostname = r.child('hostname').string({ pattern: HOSTNAME, patternText: 'a DNS name (lowercase letters, digits, - and .)' });
  const isPublic = r.child('public').boolean(false);
  const res = r.child('resources');
  res.object(['cpus', 'mem', 'disk', 'gpus', 'ports']);
  const resources = {
    cpus: res.child('cpus').number({ min: 0 }),
    mem: res.child('mem').number({ min: 0 }),
    disk: res.child('disk').number({ min: 0, default: 0 }),
    gpus: res.child('gpus').number({ min: 0, integer: true, default: 0 }),
    ports: res.child('ports').present ? readPorts(res.child('ports')) : ([[1025, 32000]] as PortRanges),
  };
  const attributes: Record<string, string | number> = {};
  if (r.child('attributes').present) {
    for (const [key, value] of r.child('attributes').entries()) {
      // A validated scenario validates again (export, share, replay): the sandbox's own public_ip passes.
      if (key === 'public_ip' && isPublic && value.value === 'true') continue;
      if (key === 'hostname' || key === 'public_ip') value.fail(`'${key}' is set by the sandbox`);
      setOwn(attributes, key, typeof value.value === 'number' && Number.isFinite(value.value) ? value.value : value.string());
    }
  }
  if (isPublic) attributes.public_ip = 'true';
  const reservations: Record<string, Reservation> = {};
  if (r.child('reservations').present) {
    for (const [role, spec] of r.child('reservations').entries()) {
      if (isPublic) spec.fail(`public agents reserve everything to '${PUBLIC_ROLE}'`);
      if (role === '*') spec.fail("resources cannot be reserved to '*'");
      if (!(role in roles)) spec.fail(`unknown role '${role}' (declare it under cluster.roles)`);
      const scalars = readScalars(spec, ['ports']);
      const reservation: Reservation = { ...scalars };
      if (spec.child('ports').present) reservation.ports = readPorts(spec.child('ports'));
      for (const key of SCALAR_KEYS) {
        if ((reservation[key] ?? 0) > resources[key]) spec.child(key).fail(`reserves more than the agent has (${resources[key]})`);
      }
      reservations[role] = reservation;
    }
  }
  const disks = r.child('disks').present ? readDisks(r.child('disks')) : undefined;
  return {
    hostname,
    public: isPublic,
    resources,
    attributes,
    reservations,
    ...(disks ? { disks } : {}),
    count: r.child('count').number({ integer: true, min: 1, max: MAX_AGENTS, default: 1 }),
  };
}

/** MOUNT and PATH disks: an absolute root each, used once, and a size in MB (make_disk_resources.py refuses empty ones). */
function readDisks(r: Reader): DiskSpec[] {
  const disks: DiskSpec[] = [];
  r.array().forEach((item) => {
    item.object(['type', 'root', 'size']);
    const type = item.child('type').string({ pattern: /^(MOUNT|PATH)$/, patternText: 'MOUNT or PATH' }) as DiskSpec['type'];
    const root = item.child('root').string({ pattern: /^\/[^\0]*$/, patternText: 'an absolute path' });
    if (disks.some((d) => d.root === root)) item.child('root').fail(`'${root}' is listed twice`);
    disks.push({ type, root, size: item.child('size').number({ min: 1, integer: true }) });
  });
  return disks;
}

function readScalars(r: Reader, extra: string[] = []): Partial<Record<(typeof SCALAR_KEYS)[number], number>> {
  r.object([...SCALAR_KEYS, ...extra]);
  const out: Partial<Record<(typeof SCALAR_KEYS)[number], number>> = {};
  for (const key of SCALAR_KEYS) {
    if (r.child(key).present) out[key] = r.child(key).number({ min: 0, integer: key === 'gpus' });
  }
  return out;
}

function readPorts(r: Reader): PortRanges {
  const ranges = r.array().map((range) => {
    const pair = range.array();
    const [b, e] = pair;
    if (!b || !e || pair.length !== 2) return range.fail('must be a [begin, end] pair');
    const begin = b.number({ integer: true, min: 1, max: 65535 });
    const end = e.number({ integer: true, min: 1, max: 65535 });
    if (end < begin) range.fail('end must not be below begin');
    return [begin, end] as [number, number];
  });
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]![0] <= sorted[i - 1]![1]) r.fail('ranges must not overlap');
  }
  return sorted;
}

function readFramework(r: Reader): FrameworkSpec {
  r.object(['name', 'role', 'task', 'instances', 'tasksPerOffer', 'refuseSeconds', 'taskDurationSeconds']);
  const name = r
    .child('name')
    .string({ pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, patternText: 'a name of letters, digits, ., _ and - (at most 63)' });
  const role = r.child('role').string({ default: '*' });
  const problem = roleNameProblem(role);
  if (problem) r.child('role').fail(`invalid role name: ${problem}`);
  const instancesReader = r.child('instances');
  const instances =
    instancesReader.value === 'unlimited' || !instancesReader.present ? 'unlimited' : instancesReader.number({ integer: true, min: 0 });
  const duration = r.child('taskDurationSeconds');
  return {
    name,
    role,
    task: readTask(r.child('task')),
    instances,
    tasksPerOffer: r.child('tasksPerOffer').number({ integer: true, min: 1, default: 1 }),
    refuseSeconds: r.child('refuseSeconds').number({ min: 0, default: 5 }),
    taskDurationSeconds: duration.value === null || !duration.present ? null : duration.number({ min: 0, exclusiveMin: true }),
  };
}

function readTask(r: Reader): TaskSpec {
  r.object(['cpus', 'mem', 'disk', 'gpus', 'ports']);
  const task: TaskSpec = {
    cpus: r.child('cpus').number({ min: 0 }),
    mem: r.child('mem').number({ min: 0 }),
    disk: r.child('disk').number({ min: 0, default: 0 }),
    gpus: r.child('gpus').number({ min: 0, integer: true, default: 0 }),
    ports: r.child('ports').number({ min: 0, integer: true, max: 1000, default: 0 }),
  };
  if (task.cpus <= 0 && task.mem <= 0) r.fail('a task needs some cpus or mem');
  return task;
}

/** An app's `usage` (common/scenario/usage.ts), refused at the field at fault. */
function readUsage(behavior: Reader, raw: unknown): UsageSpec {
  const read = readUsageSpec(raw);
  if (!isUsageProblem(read)) return read;
  const [, ...rest] = read.path.split('.');
  return rest.reduce((r, key) => r.child(key), behavior.child('usage')).fail(read.message);
}
