/**
 * Goal helpers: predicates over the cluster as the DC/OS API shows it, read only through
 * `TutorialApi`. Each returns a `Goal` with a sentence the tutorial panel shows.
 */
import type { ExhibitorClusterStatus } from '../api/shapes/exhibitor.ts';
import type { Deployment, MarathonApp, MarathonAppBody, MarathonQueue, MarathonTask, QueueEntry } from '../api/shapes/marathon.ts';
import type { MesosAgent, MesosState } from '../api/shapes/mesos.ts';
import type { MesosRoleList, MesosWeight } from '../api/shapes/mesos-roles.ts';
import type { NetHost, SandboxTraffic, SandboxTrafficClient, SandboxVip } from '../api/shapes/net.ts';
import type { NotableEventList, Placement } from '../api/shapes/sandbox.ts';
import { SIM_EPOCH_MS } from '../common/clock.ts';
import type { Goal, GoalContext, TutorialApi, UiEvent } from './types.ts';

/** dcos-net's load balancers poll their agent every 2 s (docs/networking.md). */
const LB_POLL_MS = 2000;

const goal = (description: string, check: (ctx: GoalContext) => Promise<boolean>): Goal => ({ description, check });

/** Every goal holds (checked in order, stopping at the first that does not). */
export function allOf(description: string, ...goals: Goal[]): Goal {
  return goal(description, async (ctx) => {
    for (const g of goals) if (!(await g.check(ctx))) return false;
    return true;
  });
}

/** The cluster's notable events (GET /sandbox/v1/events) include one whose label matches `label`: something happened. */
export function clusterSaw(label: RegExp, description: string): Goal {
  return goal(description, async ({ api }) => {
    const body = await api.get<NotableEventList>('/sandbox/v1/events');
    return body !== null && body.events.some((e) => label.test(e.label));
  });
}

/** The UI reported `event` since the lesson started. */
export const uiEvent = (event: UiEvent, description: string): Goal => goal(description, async ({ events }) => events.has(event));

// ---- Marathon -------------------------------------------------------------------------------

export async function appOf(api: TutorialApi, id: string): Promise<MarathonApp | null> {
  const body = await api.get<MarathonAppBody>(`/marathon/v2/apps${id}?embed=apps.tasks`);
  return body?.app ?? null;
}

const running = (app: MarathonApp): MarathonTask[] => (app.tasks ?? []).filter((t) => t.state === 'TASK_RUNNING');
const healthy = (t: MarathonTask): boolean => t.healthCheckResults?.[0]?.alive === true;

/** App `id` wants `n` instances and runs (with `healthy`, passes health checks on) at least `n` tasks. */
/** `settled`: and no deployment of the app is still under way (so the next change is not refused with a 409). */
export function appRunning(id: string, n: number, opts: { healthy?: boolean; settled?: boolean } = {}): Goal {
  const what = `An app ${id} with ${n} ${opts.healthy ? 'healthy' : 'running'} instance${n === 1 ? '' : 's'}`;
  return goal(what, async ({ api }) => {
    const app = await appOf(api, id);
    if (!app || app.instances !== n) return false;
    if (opts.settled && app.deployments.length > 0) return false;
    const tasks = running(app).filter((t) => !opts.healthy || healthy(t));
    return tasks.length >= n;
  });
}

/** App `id` matches `test` (its definition as Marathon returns it). */
export function appIs(id: string, description: string, test: (app: MarathonApp) => boolean): Goal {
  return goal(description, async ({ api }) => {
    const app = await appOf(api, id);
    return app !== null && test(app);
  });
}

/**
 * App `id` has finished rolling out: `n` running tasks, all of its latest configuration, healthy
 * when it has health checks, no deployment left, and `test` holds of the definition.
 */
export function appRolledOut(id: string, n: number, description: string, test: (app: MarathonApp) => boolean): Goal {
  return appIs(id, description, (app) => {
    const tasks = running(app);
    return (
      test(app) &&
      app.deployments.length === 0 &&
      tasks.length === n &&
      tasks.every((t) => t.version === app.versionInfo.lastConfigChangeAt && ((app.healthChecks?.length ?? 0) === 0 || healthy(t)))
    );
  });
}

/** Running tasks of app `id` grouped by an agent attribute (`hostname` for the host itself). */
export async function tasksBy(api: TutorialApi, id: string, attribute: string): Promise<Map<string, number> | null> {
  const [app, state] = await Promise.all([appOf(api, id), mesosState(api)]);
  if (!app || !state) return null;
  const agents = new Map(state.slaves.map((a) => [a.id, a]));
  const out = new Map<string, number>();
  for (const t of running(app)) {
    const agent = agents.get(t.slaveId);
    const key = attribute === 'hostname' ? t.host : String(agent?.attributes[attribute] ?? '');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** App `id` runs `n` tasks spread evenly over `groups` distinct values of `attribute`. */
export function appSpread(id: string, n: number, attribute: string, groups: number, description: string): Goal {
  return goal(description, async ({ api }) => {
    const by = await tasksBy(api, id, attribute);
    if (!by) return false;
    const counts = [...by.values()];
    const total = counts.reduce((s, c) => s + c, 0);
    return total === n && by.size === groups && Math.max(...counts) - Math.min(...counts) <= 1;
  });
}

/** Some running task of app `id` is on a public agent. */
export function appOnPublicAgent(id: string): Goal {
  return goal(`A task of ${id} running on a public agent`, async ({ api }) => {
    const [app, state] = await Promise.all([appOf(api, id), mesosState(api)]);
    if (!app || !state) return false;
    const publicIds = new Set(state.slaves.filter(isPublic).map((a) => a.id));
    return running(app).some((t) => publicIds.has(t.slaveId));
  });
}

export async function queueEntry(api: TutorialApi, id: string): Promise<QueueEntry | null> {
  const body = await api.get<MarathonQueue>('/marathon/v2/queue');
  return body?.queue.find((e) => e.app?.id === id) ?? null;
}

/** App `id` waits in Marathon's queue, having declined offers for `reason` (InsufficientCpus, ...). */
export function appDeclines(id: string, reason: string, description: string): Goal {
  return goal(description, async ({ api }) => {
    const entry = await queueEntry(api, id);
    const r = entry?.processedOffersSummary.rejectSummaryLaunchAttempt.find((x) => x.reason === reason);
    return entry !== null && entry.count > 0 && (r?.declined ?? 0) > 0;
  });
}

/** App `id`'s launch delay (backoff) has at least `seconds` left. */
export function launchDelayAtLeast(id: string, seconds: number): Goal {
  return goal(`${id} is delayed: its launch backoff has grown past ${seconds} s`, async ({ api }) => {
    const entry = await queueEntry(api, id);
    return entry !== null && entry.delay.timeLeftSeconds >= seconds;
  });
}

/** Sandbox placement report: one more instance of `id` fits nowhere, and `stage` rules some agents out. */
export function appBlockedAt(id: string, stage: string, description: string): Goal {
  return goal(description, async ({ api }) => {
    const p = await api.get<Placement>(`/sandbox/v1/marathon/apps${id}/placement`);
    return p !== null && p.waiting > 0 && p.fits === 0 && (p.stages.find((s) => s.stage === stage)?.failed ?? 0) > 0;
  });
}

/** A deployment touching app `id` is in progress. */
export function deploymentRunning(id: string, description: string): Goal {
  return goal(description, async ({ api }) => {
    const list = await api.get<Deployment[]>('/marathon/v2/deployments');
    return (list ?? []).some((d) => d.affectedApps.includes(id));
  });
}

/** At least `n` tasks of app `id` have ended (killed, failed, lost) and Mesos lists them as completed. */
export function appTasksEnded(id: string, n: number): Goal {
  const name = id.slice(1).split('/').reverse().join('.');
  return goal(`${n} task${n === 1 ? '' : 's'} of ${id} ended`, async ({ api }) => {
    const state = await mesosState(api);
    const ended = (state?.frameworks ?? []).flatMap((f) => f.completed_tasks).filter((t) => t.name === name);
    return ended.length >= n;
  });
}

// ---- Mesos ----------------------------------------------------------------------------------

export const mesosState = (api: TutorialApi): Promise<MesosState | null> => api.get<MesosState>('/mesos/master/state');

export const isPublic = (a: MesosAgent): boolean => String(a.attributes['public_ip']) === 'true';

/** A private agent has every CPU in use. */
export const privateAgentFull = (): Goal =>
  goal('A private agent with all of its CPUs in use', async ({ api }) => {
    const state = await mesosState(api);
    return (state?.slaves ?? []).some((a) => !isPublic(a) && a.resources.cpus > 0 && a.used_resources.cpus >= a.resources.cpus);
  });

/** `n` agents are out of the master's reach (marked unreachable). */
export const agentsUnreachable = (n: number): Goal =>
  goal(`${n} agent${n === 1 ? '' : 's'} marked unreachable`, async ({ api }) => ((await mesosState(api))?.unreachable_slaves ?? 0) >= n);

/** Running tasks per role, counted from the frameworks of /mesos/master/state. */
export async function tasksPerRole(api: TutorialApi): Promise<Map<string, number> | null> {
  const state = await mesosState(api);
  if (!state) return null;
  const out = new Map<string, number>();
  for (const f of state.frameworks) for (const t of f.tasks) if (t.state === 'TASK_RUNNING') out.set(t.role, (out.get(t.role) ?? 0) + 1);
  return out;
}

/** The roles run exactly these numbers of tasks: `{a: 3, b: 2}`. */
export function taskSplit(split: Record<string, number>, description: string): Goal {
  return goal(description, async ({ api }) => {
    const per = await tasksPerRole(api);
    return per !== null && Object.entries(split).every(([role, n]) => (per.get(role) ?? 0) === n);
  });
}

/** Role `a` holds more CPUs than role `b` (allocated, as /mesos/master/roles shows). */
export function roleHoldsMoreCpus(a: string, b: string): Goal {
  return goal(`Role ${a} holds more CPUs than role ${b}`, async ({ api }) => {
    const roles = (await api.get<MesosRoleList>('/mesos/master/roles'))?.roles ?? [];
    const cpus = (name: string) => roles.find((r) => r.name === name)?.allocated.cpus ?? 0;
    return cpus(a) > cpus(b);
  });
}

/** Role `role` has weight `weight`. */
export function roleWeight(role: string, weight: number): Goal {
  return goal(`Role ${role} has weight ${weight}`, async ({ api }) => {
    const list = await api.get<MesosWeight[]>('/mesos/weights');
    return (list ?? []).some((w) => w.role === role && w.weight === weight);
  });
}

// ---- Masters and ZooKeeper ------------------------------------------------------------------

/** Masters that are down, and whether a Mesos master leads (null: no leader answers). */
async function masters(api: TutorialApi): Promise<{ down: number; leading: boolean } | null> {
  const state = await mesosState(api);
  if (!state) return null;
  return {
    down: state.sandbox_masters.filter((m) => m.state === 'down').length,
    leading: state.sandbox_masters.some((m) => m.state === 'leading'),
  };
}

/** A Mesos master leads while exactly `down` masters are down. */
export const leaderWithMastersDown = (down: number, description: string): Goal =>
  goal(description, async ({ api }) => {
    const m = await masters(api);
    return m !== null && m.leading && m.down === down;
  });

/** No Mesos master leads and ZooKeeper serves on no master: the quorum is lost. */
export const quorumLost = (): Goal =>
  goal('ZooKeeper has lost its quorum and no Mesos master leads', async ({ api }) => {
    const res = await api.request({ method: 'GET', path: '/mesos/master/state' });
    const zk = await api.get<ExhibitorClusterStatus>('/exhibitor/exhibitor/v1/cluster/status');
    return res.status === 503 && zk !== null && zk.every((s) => s.code !== 3);
  });

// ---- Names, VIPs and traffic ----------------------------------------------------------------

/** Mesos-DNS answers `name` with an address (it answers an unknown name with one empty record). */
export function mesosDnsAnswers(name: string): Goal {
  return goal(`Mesos-DNS answers ${name}`, async ({ api }) => {
    const hosts = await api.get<NetHost[]>(`/mesos_dns/v1/hosts/${name}`);
    return (hosts ?? []).some((h) => h.ip !== '');
  });
}

/** The load balancer's view of `vip` (`name:port`, as GET /sandbox/v1/vips lists it). */
async function vipOf(api: TutorialApi, vip: string): Promise<SandboxVip | null> {
  return (await api.get<SandboxVip[]>('/sandbox/v1/vips'))?.find((v) => v.vip === vip) ?? null;
}

const runningBackends = (v: SandboxVip): number => v.backends.filter((b) => b.state === 'running').length;

/** The running traffic clients whose target is one of `targets` (`host:port`). */
async function clientsAt(api: TutorialApi, targets: readonly string[]): Promise<SandboxTrafficClient[]> {
  const body = await api.get<SandboxTraffic>('/sandbox/v1/traffic');
  return (body?.clients ?? []).filter((c) => c.stoppedAt === null && targets.includes(c.target));
}

/** The running clients aimed at `vip`, by its name or by its address. */
async function clientsAtVip(api: TutorialApi, vip: string): Promise<{ vip: SandboxVip; clients: SandboxTrafficClient[] } | null> {
  const v = await vipOf(api, vip);
  return v && { vip: v, clients: await clientsAt(api, [v.vip, `${v.address}:${v.port}`]) };
}

const errorCount = (c: SandboxTrafficClient): number => Object.values(c.totals.errors).reduce((s, n) => s + (n ?? 0), 0);

/** The last `seconds` whole seconds of `c` had requests and no error, and the last reached `backends` addresses. */
function allOkLately(c: SandboxTrafficClient, seconds: number, backends: number): boolean {
  const last = c.series.slice(-seconds);
  if (last.length < seconds || last.some((s) => s.errors > 0 || s.ok === 0)) return false;
  return Object.keys(last.at(-1)!.byBackend).length >= backends;
}

/** VIP `vip` (`name:port`) has at least `n` running backends. */
export function vipBackends(vip: string, n: number): Goal {
  return goal(`The VIP ${vip} balances over ${n} running backends`, async ({ api }) => {
    const v = await vipOf(api, vip);
    return v !== null && runningBackends(v) >= n;
  });
}

/** A running client aimed at one of `targets` has had at least `ok` answered requests. */
export function trafficOk(targets: readonly string[], ok: number, description: string): Goal {
  return goal(description, async ({ api }) => (await clientsAt(api, targets)).some((c) => c.totals.ok >= ok));
}

/** A running client aimed at `vip` got at least `ok` answers from each of `n` backends. */
export function vipSpread(vip: string, n: number, ok: number): Goal {
  return goal(`A traffic client at ${vip} answered by ${n} backends`, async ({ api }) => {
    const found = await clientsAtVip(api, vip);
    return (found?.clients ?? []).some((c) => c.backends.filter((b) => b.ok >= ok).length >= n);
  });
}

/**
 * A running client aimed at `vip` saw errors (a backend went away under it), then recovered: its last
 * `seconds` seconds had no error and reached `n` backends, and the VIP has `n` running backends again.
 */
export function vipRecovered(vip: string, n: number, seconds = 3): Goal {
  return goal(`A client at ${vip} saw errors, then all-ok again over ${n} backends`, async ({ api }) => {
    const found = await clientsAtVip(api, vip);
    if (!found || runningBackends(found.vip) < n) return false;
    return found.clients.some((c) => errorCount(c) > 0 && allOkLately(c, seconds, n));
  });
}

/**
 * App `id` changed its definition while a client aimed at `vip` was running and has finished deploying it, and
 * that client has had no error since the change (its per-second series, from the second of the change), still
 * reaching `n` backends.
 */
export function vipCleanSinceChange(vip: string, id: string, n: number): Goal {
  return goal(`No error at ${vip} since ${id}'s last deployment`, async ({ api }) => {
    const [found, app] = await Promise.all([clientsAtVip(api, vip), appOf(api, id)]);
    if (!found || !app || app.deployments.length > 0 || runningBackends(found.vip) < n) return false;
    // A restart is a new version without a change of configuration. Errors in the first poll interval after it are the
    // previous deployment's: its last task was killed as it ended, and the balancers learn of it at their next 2 s poll.
    const changedAt = Date.parse(app.version) - SIM_EPOCH_MS;
    const from = changedAt + LB_POLL_MS;
    return found.clients.some(
      (c) => c.startedAt < changedAt && c.series.every((s) => s.at + 1000 <= from || s.errors === 0) && allOkLately(c, 1, n),
    );
  });
}
