/**
 * Goals for operating a cluster: what the metrics API shows (dcos-metrics' v0 API behind Admin Router), OOM kills
 * as Mesos reports them, an app that outlives the limit it used to die at, and IAM (who is signed in, what a user
 * may do), all read through `TutorialApi` like the other goals.
 *
 * Goals' requests carry no credentials, so they act as the session's user (docs/iam.md): while a reader is signed
 * in as a restricted user, a read that user may not make answers 403 and `get` returns null. The IAM goals below
 * read the session first (an open route) and only read what the expected user may read.
 */
import type { MarathonApp } from '../api/shapes/marathon.ts';
import type { MesosState, MesosTask } from '../api/shapes/mesos.ts';
import type { ContainerMetrics, MetricsSnapshot, NodeMetrics } from '../api/metrics/shapes.ts';
import { appOf, isPublic, mesosState } from './goals.ts';
import type { Goal, GoalContext, TutorialApi } from './types.ts';

const goal = (description: string, check: (ctx: GoalContext) => Promise<boolean>): Goal => ({ description, check });

export const OOM_REASON = 'REASON_CONTAINER_LIMITATION_MEMORY';

// ---- Time -----------------------------------------------------------------------------------

/** The cluster's clock now, in epoch ms: the leading master's start plus its uptime (`/metrics/snapshot`). */
export async function clusterNowMs(api: TutorialApi): Promise<number | null> {
  const [state, snapshot] = await Promise.all([mesosState(api), api.get<MetricsSnapshot>('/mesos/metrics/snapshot')]);
  const uptime = snapshot?.['master/uptime_secs'];
  return state && uptime !== undefined ? (state.start_time + uptime) * 1000 : null;
}

// ---- Metrics --------------------------------------------------------------------------------

const datapoint = (m: { datapoints: { name: string; value: number }[] }, name: string): number | undefined =>
  m.datapoints.find((d) => d.name === name)?.value;

const privateAgentIds = (state: MesosState | null): string[] => (state?.slaves ?? []).filter((a) => !isPublic(a)).map((a) => a.id);

/** Telegraf's last collection on some private agent shows `cpu.total` at `percent` or more. */
export function nodeCpuAtLeast(percent: number, description: string): Goal {
  return goal(description, async ({ api }) => {
    for (const id of privateAgentIds(await mesosState(api))) {
      const node = await api.get<NodeMetrics>(`/system/v1/agent/${id}/metrics/v0/node`);
      if (node && (datapoint(node, 'cpu.total') ?? 0) >= percent) return true;
    }
    return false;
  });
}

/** Telegraf's last collection shows a container of Marathon app `appId` using `share` or more of its memory limit. */
export function containerNearMemLimit(appId: string, share: number, description: string): Goal {
  const taskName = appId.slice(1).split('/').reverse().join('.');
  return goal(description, async ({ api }) => {
    for (const id of privateAgentIds(await mesosState(api))) {
      const base = `/system/v1/agent/${id}/metrics/v0/containers`;
      for (const cid of (await api.get<string[]>(base)) ?? []) {
        const c = await api.get<ContainerMetrics>(`${base}/${cid}`);
        if (!c || c.dimensions.task_name !== taskName) continue;
        const used = datapoint(c, 'mem.total_bytes') ?? 0;
        const limit = datapoint(c, 'mem.limit_bytes') ?? 0;
        if (limit > 0 && used >= share * limit) return true;
      }
    }
    return false;
  });
}

// ---- OOM kills ------------------------------------------------------------------------------

/** The Mesos tasks of Marathon app `appId` (live and completed) whose last status is an OOM kill. */
export async function oomKilledTasks(api: TutorialApi, appId: string): Promise<MesosTask[] | null> {
  const state = await mesosState(api);
  if (!state) return null;
  const name = appId.slice(1).split('/').reverse().join('.');
  return state.frameworks
    .flatMap((f) => [...f.tasks, ...f.completed_tasks])
    .filter((t) => t.name === name && t.state === 'TASK_FAILED' && t.statuses.at(-1)?.reason === OOM_REASON);
}

/** At least `n` tasks of `appId` were OOM-killed: TASK_FAILED, reason REASON_CONTAINER_LIMITATION_MEMORY. */
export function oomKilled(appId: string, n: number): Goal {
  return goal(
    `The OOM killer ended ${n === 1 ? 'a task' : `${n} tasks`} of ${appId}`,
    async ({ api }) => ((await oomKilledTasks(api, appId))?.length ?? 0) >= n,
  );
}

/** The app's running tasks of its latest configuration, with how long each has run (seconds). */
async function latestTasksUptime(api: TutorialApi, app: MarathonApp): Promise<number[] | null> {
  const now = await clusterNowMs(api);
  if (now === null) return null;
  return (app.tasks ?? [])
    .filter((t) => t.state === 'TASK_RUNNING' && t.version === app.versionInfo.lastConfigChangeAt && t.startedAt)
    .map((t) => (now - Date.parse(t.startedAt!)) / 1000);
}

/** A working set as the scenario gives it (a `leak` usage with a peak): where it starts, how fast it grows, where it levels off. */
export interface WorkingSet {
  memMb: number;
  memMbPerMinute: number;
  peakMemMb: number;
}

/** Seconds the working set needs to grow to `limitMb`: Infinity for a limit above its peak, which it never reaches. */
export const secondsToFill = (ws: WorkingSet, limitMb: number): number =>
  limitMb > ws.peakMemMb ? Infinity : Math.max(0, ((limitMb - ws.memMb) / ws.memMbPerMinute) * 60);

/** What "the kills have ended" asks of the app: a limit, and tasks outliving the old one by a margin. */
export interface OutgrownLimit {
  minMemMb: number;
  oldMemMb: number;
  instances: number;
  marginSeconds: number;
}

/**
 * App `appId` asks for at least `minMemMb`, has finished deploying, no task of it was OOM-killed since that
 * configuration, and `instances` of its tasks have each run `marginSeconds` longer than `ws` needed to fill the old
 * limit: where they used to die, they live on.
 */
export function outgrewOldLimit(appId: string, ws: WorkingSet, fix: OutgrownLimit, description: string): Goal {
  return goal(description, async ({ api }) => {
    const app = await appOf(api, appId);
    if (!app || app.mem < fix.minMemMb || app.instances !== fix.instances || app.deployments.length > 0) return false;
    const since = Date.parse(app.versionInfo.lastConfigChangeAt) / 1000;
    const killed = await oomKilledTasks(api, appId);
    if (killed === null || killed.some((t) => (t.statuses.at(-1)?.timestamp ?? 0) >= since)) return false;
    const up = await latestTasksUptime(api, app);
    const needed = secondsToFill(ws, fix.oldMemMb) + fix.marginSeconds;
    return up !== null && up.filter((s) => s >= needed).length >= fix.instances;
  });
}

// ---- IAM ------------------------------------------------------------------------------------

interface Grant {
  rid: string;
  actions: { name: string }[];
}
interface UserPermissions {
  direct: Grant[];
  groups: Grant[];
}

/** The signed-in user (`GET /sandbox/v1/session`, open to all), or null when signed out. */
export async function sessionUid(api: TutorialApi): Promise<string | null> {
  return (await api.get<{ uid: string | null }>('/sandbox/v1/session'))?.uid ?? null;
}

/** The session is `uid`'s. */
export const signedInAs = (uid: string): Goal => goal(`Signed in as ${uid}`, async ({ api }) => (await sessionUid(api)) === uid);

const MARATHON_SERVICES = 'dcos:service:marathon:marathon:services:';

/** A Marathon services rid's path covers `path` (itself or an ancestor: `/dev` covers `/dev/a`, not `/devx`). */
const covers = (rid: string, path: string): boolean => {
  if (!rid.startsWith(MARATHON_SERVICES)) return false;
  const granted = rid.slice(MARATHON_SERVICES.length);
  return granted === '/' || path === granted || path.startsWith(`${granted}/`);
};

const holds = (grants: Grant[], test: (rid: string) => boolean, action: string): boolean =>
  grants.some((g) => test(g.rid) && g.actions.some((a) => a.name === 'full' || a.name === action));

/**
 * User `uid` (its grants and its groups', `GET /acs/api/v1/users/{uid}/permissions`) may reach Marathon (`full` on
 * `dcos:adminrouter:service:marathon`) and create apps under `allowed`, and holds nothing on `dcos:superuser` nor on
 * any Marathon path that covers `denied`. Read as the session's user: it needs `dcos:adminrouter:acs`.
 */
export function mayDeployOnlyUnder(uid: string, allowed: string, denied: string): Goal {
  return goal(`${uid} may deploy under ${allowed}, and nothing under ${denied}`, async ({ api }) => {
    const perms = await api.get<UserPermissions>(`/acs/api/v1/users/${encodeURIComponent(uid)}/permissions`);
    if (!perms) return false;
    const grants = [...perms.direct, ...perms.groups];
    const reachesMarathon = grants.some((g) => g.rid === 'dcos:adminrouter:service:marathon' && g.actions.some((a) => a.name === 'full'));
    const superuser = grants.some((g) => g.rid === 'dcos:superuser');
    const deniedPath = grants.some((g) => covers(g.rid, `${denied}/x`) && g.actions.length > 0);
    return reachesMarathon && !superuser && !deniedPath && holds(grants, (rid) => covers(rid, `${allowed}/x`), 'create');
  });
}

/** Marathon has no app `appId` (404), read as the session's user. */
export function appAbsent(appId: string): Goal {
  return goal(
    `No app ${appId}`,
    async ({ api }) => (await api.request({ method: 'GET', path: `/marathon/v2/apps${appId}` })).status === 404,
  );
}
