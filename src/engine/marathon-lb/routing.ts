/**
 * Marathon-LB's routing table (PLATFORM.md §B; mesosphere/marathon-lb: marathon_lb.py, config.py), derived from the
 * cluster whenever asked: each running Marathon-LB task (an app labelled `DCOS_PACKAGE_NAME=marathon-lb`, or whose
 * args carry `--group`) binds, on its agent's address, HAProxy's frontends for the apps in its groups: one per service
 * port (`<app id without the leading / , / → _>_<servicePort>`), `marathon_http_in` on 80 and `marathon_https_in` on
 * 443 with a Host ACL per `HAPROXY_{n}_VHOST`, and `marathon_http_appid_in` on 9091 (header `X-Marathon-App-Id`, apps
 * in http mode); its stats on 9090. Backends: the app's tasks Marathon has in a kept state (running, unreachable), with
 * `--health-check` and an app health check only those whose last result is alive; `balance roundrobin`.
 *
 * Inferred: Marathon-LB's config follows Marathon at once (its SSE reload takes no simulated time), and HAProxy's own
 * server checks mark a server DOWN at once when its task stops answering or the LB's agent cannot reach it.
 */
import type { ClusterState, TaskState } from '../core/model.ts';
import type { InstanceState, RunSpecRecord } from '../marathon/model.ts';
import type { AppDefinition } from '../../common/marathon/app-definition.ts';
import { servicePortsOf } from '../marathon/service-ports.ts';
import { linked } from '../network/reach.ts';

export const STATS_PORT = 9090;
export const APPID_PORT = 9091;
/** The frontend names of marathon-lb's default templates (HAPROXY_HTTP_FRONTEND_HEAD and the others). */
export const HTTP_FRONTEND = 'marathon_http_in';
export const HTTPS_FRONTEND = 'marathon_https_in';
export const APPID_FRONTEND = 'marathon_http_appid_in';

export interface LbServer {
  /** HAProxy's server name: the task's host and port, other characters than letters, digits and '-' as '_'. */
  name: string;
  ip: string;
  port: number;
  taskId: string;
  agentIdx: number;
  /** HAProxy's check finds it answering (its task serves and the LB's agent reaches the task's). */
  up: boolean;
}

export interface LbBackend {
  name: string;
  appId: string;
  servicePort: number;
  mode: 'http' | 'tcp';
  /** By address (IP, then port): the order the config lists them and roundrobin takes them. */
  servers: LbServer[];
}

/** A frontend's routing: `match` is the header value an ACL asks for (lower case), null for the frontend's only backend. */
export interface LbRoute {
  match: string | null;
  backend: string;
}

export interface LbFrontend {
  name: string;
  port: number;
  mode: 'http' | 'tcp';
  routes: LbRoute[];
}

export interface LbInstance {
  appId: string;
  taskId: string;
  agentIdx: number;
  hostname: string;
  ip: string;
  groups: string[];
  /** `--health-check`: only tasks Marathon finds healthy are backends. */
  healthCheck: boolean;
  frontends: LbFrontend[];
  backends: LbBackend[];
}

const LB_PACKAGE = 'marathon-lb';

/** The app is a Marathon-LB: installed from the package, or run with `--group`. */
export function isMarathonLb(app: AppDefinition): boolean {
  return app.labels[DCOS_PACKAGE_NAME] === LB_PACKAGE || (app.args ?? []).includes('--group');
}
const DCOS_PACKAGE_NAME = 'DCOS_PACKAGE_NAME';

/** Whether the cluster runs any Marathon-LB app at all (the cheap test before a table is built). */
export function hasMarathonLb(state: ClusterState): boolean {
  for (const id in state.marathon.runSpecs) {
    const app = state.marathon.runSpecs[id]!.app;
    if (app && isMarathonLb(app)) return true;
  }
  return false;
}

interface LbFlags {
  groups: string[];
  healthCheck: boolean;
  strict: boolean;
  bindHttpHttps: boolean;
}

/** The flags of marathon_lb.py the table depends on; no `--group` means `external` (inferred: the package's default). */
function flagsOf(args: string[]): LbFlags {
  const groups: string[] = [];
  args.forEach((a, i) => {
    if (a === '--group' && i + 1 < args.length) groups.push(args[i + 1]!);
    else if (a.startsWith('--group=')) groups.push(a.slice('--group='.length));
  });
  return {
    groups: groups.length > 0 ? groups : ['external'],
    healthCheck: args.includes('--health-check'),
    strict: args.includes('--strict-mode'),
    bindHttpHttps: !args.includes('--dont-bind-http-https'),
  };
}

const splitList = (v: string | undefined): string[] =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** `/a/b` → `a_b` (config.py's backend name prefix). */
export const backendPrefix = (appId: string): string => appId.replace(/^\//, '').replace(/\//g, '_');

const cleaned = (s: string): string => s.replace(/[^a-zA-Z0-9-]/g, '_');

/** One service port of one app, as marathon-lb builds its `MarathonService`. */
interface Service {
  backend: LbBackend;
  vhosts: string[];
}

/** The instance's task serving port index `n`: its host port on the agent, else its container IP and container port. */
function serverOf(
  state: ClusterState,
  app: AppDefinition,
  instance: InstanceState,
  task: TaskState,
  n: number,
): { ip: string; port: number } | null {
  const agent = state.agents[task.agentIdx]!;
  const host = instance.hostPorts?.[n];
  if (typeof host === 'number') return { ip: agent.ip, port: host };
  const mapping = (app.container?.portMappings as Array<Record<string, unknown>> | undefined)?.[n];
  const ip = task.ips?.[0];
  if (ip !== undefined && mapping && typeof mapping.containerPort === 'number' && mapping.containerPort > 0)
    return { ip, port: mapping.containerPort };
  return null;
}

/** The app's tasks marathon-lb keeps: not staging, starting, killing or ended (running and unreachable ones stay). */
function keptTask(state: ClusterState, instance: InstanceState): TaskState | null {
  const kept = instance.condition === 'Running' || instance.condition === 'Unreachable' || instance.condition === 'UnreachableInactive';
  if (!kept || instance.agentIdx === null) return null;
  const task = state.tasks[instance.taskIds[0] ?? ''];
  return task && !state.agents[task.agentIdx]!.gone ? task : null;
}

const answers = (task: TaskState): boolean => task.state === 'TASK_RUNNING' || (task.state === 'TASK_KILLING' && task.draining === true);

function servicesOf(state: ClusterState, record: RunSpecRecord, flags: LbFlags, lbAgent: string): Service[] {
  const app = record.app!;
  const labels = app.labels;
  const appGroups = splitList(labels.HAPROXY_GROUP);
  const ports = servicePortsOf(app);
  const services: Service[] = [];
  const instances = record.instanceIds.map((id) => state.marathon.instances[id]!);
  ports.forEach((servicePort, n) => {
    if (servicePort <= 0) return;
    const label = (key: string): string | undefined => labels[`HAPROXY_${n}_${key}`];
    const groups = label('GROUP') !== undefined ? splitList(label('GROUP')) : appGroups;
    if (!flags.groups.includes('*') && !groups.some((g) => flags.groups.includes(g))) return;
    if (flags.strict && label('ENABLED')?.toLowerCase() !== 'true') return;
    const vhosts = splitList(label('VHOST')).map((h) => h.toLowerCase());
    const mode = vhosts.length > 0 || label('MODE') === 'http' ? 'http' : 'tcp';
    const servers: LbServer[] = [];
    for (const instance of instances) {
      const task = keptTask(state, instance);
      if (!task) continue;
      if (flags.healthCheck && record.spec.healthCheck && instance.health?.alive !== true) continue;
      const at = serverOf(state, app, instance, task, n);
      if (!at) continue;
      const taskAgent = state.agents[task.agentIdx]!;
      servers.push({
        name: cleaned(`${taskAgent.hostname}_${at.port}`),
        ip: at.ip,
        port: at.port,
        taskId: task.id,
        agentIdx: task.agentIdx,
        up: answers(task) && taskAgent.up && linked(state, lbAgent, taskAgent.hostname),
      });
    }
    servers.sort((a, b) => ipKey(a.ip) - ipKey(b.ip) || a.port - b.port || cmp(a.taskId, b.taskId));
    services.push({ backend: { name: `${backendPrefix(app.id)}_${servicePort}`, appId: app.id, servicePort, mode, servers }, vhosts });
  });
  return services;
}

/** The routing table of every running Marathon-LB task, in task order. */
export function routingTable(state: ClusterState): LbInstance[] {
  if (!hasMarathonLb(state)) return [];
  const records = Object.keys(state.marathon.runSpecs)
    .sort(cmp)
    .map((id) => state.marathon.runSpecs[id]!)
    .filter((r) => r.kind === 'app' && r.app !== null && !r.removing);
  const out: LbInstance[] = [];
  for (const lbRecord of records) {
    if (!isMarathonLb(lbRecord.app!)) continue;
    const flags = flagsOf(lbRecord.app!.args ?? []);
    for (const id of lbRecord.instanceIds) {
      const instance = state.marathon.instances[id]!;
      const task = state.tasks[instance.taskIds[0] ?? ''];
      if (instance.condition !== 'Running' || !task || !answers(task)) continue;
      const agent = state.agents[task.agentIdx]!;
      if (agent.gone || !agent.up) continue;
      out.push(instanceTable(state, records, lbRecord, flags, task, agent.hostname, agent.ip));
    }
  }
  return out;
}

function instanceTable(
  state: ClusterState,
  records: RunSpecRecord[],
  lbRecord: RunSpecRecord,
  flags: LbFlags,
  task: TaskState,
  hostname: string,
  ip: string,
): LbInstance {
  const services = records.filter((r) => !isMarathonLb(r.app!)).flatMap((r) => servicesOf(state, r, flags, hostname));
  const http: LbFrontend = { name: HTTP_FRONTEND, port: 80, mode: 'http', routes: [] };
  const https: LbFrontend = { name: HTTPS_FRONTEND, port: 443, mode: 'http', routes: [] };
  const appid: LbFrontend = { name: APPID_FRONTEND, port: APPID_PORT, mode: 'http', routes: [] };
  const perPort: LbFrontend[] = [];
  const appIdsRouted = new Set<string>();
  for (const { backend, vhosts } of services) {
    for (const vhost of vhosts) {
      http.routes.push({ match: vhost, backend: backend.name });
      https.routes.push({ match: vhost, backend: backend.name });
    }
    // Only an app's first http port is reachable on 9091 (config.py, HAPROXY_HTTP_FRONTEND_APPID_HEAD).
    if (backend.mode === 'http' && !appIdsRouted.has(backend.appId)) {
      appIdsRouted.add(backend.appId);
      appid.routes.push({ match: backend.appId.toLowerCase(), backend: backend.name });
    }
    perPort.push({ name: backend.name, port: backend.servicePort, mode: backend.mode, routes: [{ match: null, backend: backend.name }] });
  }
  const heads = flags.bindHttpHttps ? [http, appid, https] : [appid];
  return {
    appId: lbRecord.spec.id,
    taskId: task.id,
    agentIdx: task.agentIdx,
    hostname,
    ip,
    groups: flags.groups,
    healthCheck: flags.healthCheck,
    frontends: [...heads, ...perPort],
    backends: services.map((s) => s.backend),
  };
}

/** The Marathon-LB listening on `ip` (its agent's address), if one runs there. */
export function lbAt(table: LbInstance[], ip: string): LbInstance | null {
  return table.find((lb) => lb.ip === ip) ?? null;
}

export type LbRouting =
  /** HAProxy's own stats listener (9090). */
  | { kind: 'stats' }
  /** Nothing binds the port: the connection is refused. */
  | { kind: 'unbound' }
  /** A frontend took it; `backend` null when no ACL matched (HAProxy answers 503). */
  | { kind: 'frontend'; frontend: LbFrontend; backend: LbBackend | null };

/** Where the LB sends a request to `port` whose routing header (Host on 80/443, X-Marathon-App-Id on 9091) is `header`. */
export function routeIn(lb: LbInstance, port: number, header: string | null): LbRouting {
  if (port === STATS_PORT) return { kind: 'stats' };
  const frontend = lb.frontends.find((f) => f.port === port);
  if (!frontend) return { kind: 'unbound' };
  const wanted = header === null ? null : header.toLowerCase().replace(/:\d+$/, '');
  const route = frontend.routes.find((r) => r.match === null || r.match === wanted);
  const backend = route ? (lb.backends.find((b) => b.name === route.backend) ?? null) : null;
  return { kind: 'frontend', frontend, backend };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const ipKey = (ip: string): number => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
