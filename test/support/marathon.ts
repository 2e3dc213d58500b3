/**
 * A small DSL for Marathon scenario tests, on top of cluster.ts: boot a cluster with a
 * `marathon` section, call `/marathon/v2` and `/sandbox/v1`, and read tasks, the queue and
 * deployments back. Everything goes through `sb.request`, as a user of the API would.
 */
import { createSandbox, type AllocatorChoice, type Sandbox } from '../../src/sandbox/index.ts';
import { TERMINAL_STATES } from '../../src/common/task-states.ts';
import { SIM_EPOCH_MS } from '../../src/common/clock.ts';
import type { MesosTask, MesosTaskList, MesosTaskState } from '../../src/api/shapes/mesos.ts';

export type { MesosTask };

/**
 * A JSON body read field by field in a test, where the test's own expectations are the check.
 * Typed shapes (src/api/shapes) are better where a test reads one kind of body.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk arbitrary bodies by path
export type Json = Record<string, any>;

export interface MarathonOptions {
  role?: string;
  defaultAcceptedResourceRoles?: string[] | null;
  /** Marathon flags other than DC/OS's (`marathon.flags` of the scenario). */
  flags?: Json;
  apps?: Json[];
  behavior?: Record<string, Json>;
}

export interface BootOptions {
  marathon?: MarathonOptions;
  frameworks?: Json[];
  roles?: Json;
  seed?: number;
  matcher?: AllocatorChoice;
  allocator?: AllocatorChoice;
  /** Simulated ms to run before handing the sandbox back (agents register, Marathon subscribes). */
  warmupMs?: number;
}

export function marathonScenario(agents: Json[], opts: BootOptions = {}): Json {
  return {
    seed: opts.seed ?? 1,
    cluster: { masters: 1, agents, roles: opts.roles ?? {} },
    frameworks: opts.frameworks ?? [],
    marathon: { role: '*', apps: [], ...opts.marathon },
  };
}

/** A cluster with Marathon, run for `warmupMs`, or by default until it has booted (see `untilBooted`). */
export async function boot(agents: Json[], opts: BootOptions = {}): Promise<Sandbox> {
  const sb = await createSandbox(marathonScenario(agents, opts), { allocator: opts.allocator ?? 'wasm', matcher: opts.matcher ?? 'wasm' });
  if (opts.warmupMs !== undefined) sb.advance(opts.warmupMs);
  else untilBooted(sb);
  return sb;
}

/** Run until a Marathon leads (its API answers), in 100 ms steps, at most a minute. */
export function untilMarathonLeads(sb: Sandbox): void {
  for (let waited = 0; waited <= 60_000; waited += 100) {
    if (sb.frame().ha.marathonLeader !== null) return;
    sb.advance(100);
  }
  throw new Error('no Marathon leader within a minute');
}

/**
 * Run until the boot sequence is over: a Mesos and a Marathon leader, every agent registered and
 * every framework subscribed (in 100 ms steps, at most a minute).
 */
export function untilBooted(sb: Sandbox): void {
  for (let waited = 0; waited <= 60_000; waited += 100) {
    const { ha, agentStatus, frameworks } = sb.frame();
    const expected = sb.snapshot().cluster.frameworks.length;
    if (ha.leader !== null && ha.marathonLeader !== null && agentStatus.every((s) => s === 1) && frameworks === expected) return;
    sb.advance(100);
  }
  throw new Error('the cluster did not boot within a minute');
}

export const get = (sb: Sandbox, path: string): Json => {
  const res = sb.request({ method: 'GET', path });
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Json;
};
export const post = (sb: Sandbox, path: string, body?: unknown) =>
  sb.request({ method: 'POST', path, body }) as { status: number; body: Json };
export const put = (sb: Sandbox, path: string, body?: unknown) =>
  sb.request({ method: 'PUT', path, body }) as { status: number; body: Json };
export const del = (sb: Sandbox, path: string) => sb.request({ method: 'DELETE', path }) as { status: number; body: Json };

/** POST /v2/apps, failing the test unless it is created. */
export function deploy(sb: Sandbox, app: Json): Json {
  const res = post(sb, '/marathon/v2/apps', app);
  if (res.status !== 201) throw new Error(`POST /v2/apps answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export const appOf = (sb: Sandbox, id: string): Json => get(sb, `/marathon/v2/apps${id}`).app;
export const tasksOf = (sb: Sandbox, id: string): Json[] => get(sb, `/marathon/v2/apps${id}/tasks`).tasks;
export const deployments = (sb: Sandbox): Json[] => get(sb, '/marathon/v2/deployments') as unknown as Json[];
export const queueEntry = (sb: Sandbox, id: string): Json | undefined =>
  (get(sb, '/marathon/v2/queue').queue as Json[]).find((e) => e.app?.id === id || e.pod?.id === id);

/** `declined` per reason of the current launch attempt (rejectSummaryLaunchAttempt). */
export function declinedByReason(entry: Json): Record<string, number> {
  return Object.fromEntries((entry.processedOffersSummary.rejectSummaryLaunchAttempt as Json[]).map((r) => [r.reason, r.declined]));
}

export function fault(sb: Sandbox, kind: string, target: string): void {
  const res = post(sb, '/sandbox/v1/faults', { kind, target });
  if (res.status !== 202) throw new Error(`fault ${kind} ${target} answered ${res.status}: ${JSON.stringify(res.body)}`);
}

export function behave(sb: Sandbox, id: string, behavior: Json): void {
  const res = put(sb, `/sandbox/v1/marathon/apps${id}/behavior`, behavior);
  if (res.status !== 200) throw new Error(`behavior ${id} answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** Simulated ms of an ISO timestamp from Marathon's API. */
export const simMs = (iso: string): number => Date.parse(iso) - SIM_EPOCH_MS;
/** Simulated ms of a Mesos float-seconds timestamp. */
export const mesosMs = (seconds: number): number => Math.round(seconds * 1000 - SIM_EPOCH_MS);

/** Every Mesos task (live and completed) named after the app, oldest first. */
export function mesosTasks(sb: Sandbox, appId: string): MesosTask[] {
  const name = appId.slice(1).split('/').reverse().join('.');
  const { tasks } = get(sb, '/mesos/master/tasks?limit=100000&order=asc') as MesosTaskList;
  return tasks.filter((t) => t.name === name);
}

export const isLiveMesosTask = (t: MesosTask): boolean => !TERMINAL_STATES.has(t.state);

/** When the task first reached `state` (simulated ms), or undefined. */
export function reachedAt(t: MesosTask, state: MesosTaskState): number | undefined {
  const s = t.statuses.find((x) => x.state === state);
  return s === undefined ? undefined : mesosMs(s.timestamp);
}

/** Advance in `stepMs` steps until `done()` holds; returns the simulated ms it took, or throws after `maxMs`. */
export function waitFor(sb: Sandbox, done: () => boolean, maxMs: number, stepMs = 100): number {
  const start = sb.now;
  while (!done()) {
    if (sb.now - start >= maxMs) throw new Error(`condition not met within ${maxMs} ms (at ${sb.now})`);
    sb.advance(stepMs);
  }
  return sb.now - start;
}

/** Running tasks whose (single) health check says alive; with `checks` false, every running task. */
export function healthyTasks(tasks: Json[], checks: boolean): Json[] {
  return tasks.filter((t) => t.state === 'TASK_RUNNING' && (!checks || t.healthCheckResults?.[0]?.alive === true));
}

/** Count per value, for spread assertions. */
export function countBy<T>(items: T[], key: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of items) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}

/** A fast Marathon-side health check for tests (results within a few seconds). */
export const quickHealthCheck = (extra: Json = {}): Json => ({
  protocol: 'HTTP',
  path: '/',
  portIndex: 0,
  gracePeriodSeconds: 10,
  intervalSeconds: 2,
  timeoutSeconds: 1,
  maxConsecutiveFailures: 3,
  ...extra,
});
