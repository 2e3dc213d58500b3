/**
 * Metronome behaviour tests: a cluster (one or three masters) with Metronome leading, and readers of its runs,
 * history and leader through the public API only (`/service/metronome`, `/mesos/master/state`, `/sandbox/v1`).
 */
import { expect } from 'vitest';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import { SIM_EPOCH_MS } from '../../../src/common/clock.ts';
import { agent } from '../../support/cluster.ts';
import type { Json } from '../../support/marathon.ts';
import { METRONOME, mt, untilMetronomeLeads } from '../../api/metronome/support.ts';
import { taskStates } from '../ha/support.ts';

export { mt, sleepJob } from '../../api/metronome/support.ts';
export type { Json };

export interface ClusterOptions {
  masters?: number;
  /** Agents a1..aN, 4 cpus each. */
  agents?: number;
  seed?: number;
  /** The scenario's `metronome` part (jobs at boot). */
  metronome?: Json;
  /** Check the engine's invariants after every event (throws on a violation). */
  invariants?: boolean;
}

export function jobsScenario(opts: ClusterOptions = {}): Json {
  const agents = Array.from({ length: opts.agents ?? 2 }, (_, i) => agent(`a${i + 1}`, { cpus: 4, mem: 8192, disk: 1024 }));
  return {
    seed: opts.seed ?? 3,
    cluster: { masters: opts.masters ?? 1, agents, roles: {} },
    frameworks: [],
    marathon: { role: '*', apps: [] },
    ...(opts.metronome ? { metronome: opts.metronome } : {}),
  };
}

export const SANDBOX_OPTS = { allocator: 'ts', matcher: 'ts' } as const;

export async function cluster(opts: ClusterOptions = {}): Promise<Sandbox> {
  const sb = await createSandbox(jobsScenario(opts), { ...SANDBOX_OPTS, checkInvariants: opts.invariants === true });
  untilMetronomeLeads(sb);
  return sb;
}

/** Simulated ms of an instant given as ISO text (e.g. `2026-01-01T00:02:00Z`). */
export const simAt = (iso: string): number => Date.parse(iso) - SIM_EPOCH_MS;
/** Simulated ms of one of Metronome's timestamps (`2026-01-01T00:02:00.000+0000`). */
export const simOf = (stamp: string): number => Date.parse(stamp.replace('+0000', 'Z')) - SIM_EPOCH_MS;

/** Simulated ms as Metronome prints it (`2026-01-01T00:02:00.000+0000`). */
export const stamp = (ms: number): string => new Date(SIM_EPOCH_MS + ms).toISOString().replace('Z', '+0000');

/** Advance the clock to simulated time `ms` (it must be ahead). */
export function advanceTo(sb: Sandbox, ms: number): void {
  if (ms < sb.now) throw new Error(`cannot go back from ${sb.now} to ${ms}`);
  sb.advance(ms - sb.now);
}

/** Advance in `stepMs` steps until `done` (at most `maxMs`); returns the time waited. */
export function until(sb: Sandbox, done: () => boolean, maxMs: number, stepMs = 100): number {
  const start = sb.now;
  while (!done()) {
    if (sb.now - start > maxMs) throw new Error(`condition not met within ${maxMs} ms`);
    sb.advance(stepMs);
  }
  return sb.now - start;
}

/** POST a job, failing unless it is created. */
export function createJob(sb: Sandbox, job: Json): Json {
  const res = mt.post(sb, '/v1/jobs', job);
  if (res.status !== 201) throw new Error(`POST /v1/jobs answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Json;
}

export function startRun(sb: Sandbox, id: string): Json {
  const res = mt.post(sb, `/v1/jobs/${id}/runs`, {});
  if (res.status !== 201) throw new Error(`POST runs answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Json;
}

export function behave(sb: Sandbox, id: string, behavior: Json): void {
  const res = sb.request({ method: 'PUT', path: `/sandbox/v1/metronome/jobs/${id}/behavior`, body: behavior });
  if (res.status !== 200) throw new Error(`behavior ${id} answered ${res.status}: ${JSON.stringify(res.body)}`);
}

export function fault(sb: Sandbox, body: Json): void {
  const res = sb.request({ method: 'POST', path: '/sandbox/v1/faults', body });
  if (res.status !== 202) throw new Error(`fault answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** Active runs of a job (GET …/runs). */
export function activeRuns(sb: Sandbox, id: string): Json[] {
  const res = mt.get(sb, `/v1/jobs/${id}/runs`);
  if (res.status !== 200) throw new Error(`GET runs answered ${res.status}`);
  return res.body as Json[];
}

export function history(sb: Sandbox, id: string): Json {
  const res = mt.get(sb, `/v1/jobs/${id}?embed=history`);
  if (res.status !== 200) throw new Error(`GET job answered ${res.status}`);
  return (res.body as Json).history as Json;
}

/** Every run a job has had, finished or active, by creation time (simulated ms). */
export function runTimes(sb: Sandbox, id: string): number[] {
  const h = history(sb, id);
  const finished = [...(h.successfulFinishedRuns as Json[]), ...(h.failedFinishedRuns as Json[])];
  return [...finished, ...activeRuns(sb, id)].map((r) => simOf(r.createdAt as string)).sort((a, b) => a - b);
}

/** The hostname of the master whose Metronome leads, from GET /leader (null: 404, or no Metronome answers). */
export function metronomeLeaderHost(sb: Sandbox): string | null {
  const res = sb.request({ method: 'GET', path: `${METRONOME}/leader` });
  if (res.status !== 200) return null;
  const ip = ((res.body as Json).leader as string).split(':')[0];
  return sb.layout().masters.find((m) => m.ip === ip)?.hostname ?? null;
}

export interface MasterTask {
  id: string;
  state: string;
  slave_id: string;
  framework_id: string;
}

/** The master's tasks (live and completed) of the `metronome` framework, from /mesos/master/state. */
export function metronomeTasks(sb: Sandbox): { live: MasterTask[]; completed: MasterTask[] } {
  const state = sb.request({ method: 'GET', path: '/mesos/master/state' }).body as Json;
  const fw = (state.frameworks as Json[]).find((f) => f.name === 'metronome');
  return { live: (fw?.tasks ?? []) as MasterTask[], completed: (fw?.completed_tasks ?? []) as MasterTask[] };
}

/** Agent id → hostname, from /mesos/master/state. */
export function agentHosts(sb: Sandbox): Map<string, string> {
  const state = sb.request({ method: 'GET', path: '/mesos/master/state' }).body as Json;
  return new Map((state.slaves as Json[]).map((s) => [s.id as string, s.hostname as string]));
}

export function notableLabels(sb: Sandbox): string[] {
  const body = sb.request({ method: 'GET', path: '/sandbox/v1/events' }).body as Json;
  return (body.events as Json[]).map((e) => e.label as string);
}

/** Three masters, checking the engine's invariants after every event. */
export const ha = (opts: { agents?: number } = {}): Promise<Sandbox> => cluster({ masters: 3, invariants: true, ...opts });

/** Masters whose Metronome acts as leader (the HA view). */
export const actingLeaders = (sb: Sandbox): number => sb.frame().ha.masters.filter((m) => m.metronome === 'leader').length;

/** Crash the master whose Metronome leads; returns its hostname. */
export function crashLeader(sb: Sandbox): string {
  const host = metronomeLeaderHost(sb);
  if (!host) throw new Error('no Metronome leads');
  fault(sb, { kind: 'master-crash', target: host });
  return host;
}

/**
 * Every live task of an active run is a task the master knows, in a live state: in /mesos/master/tasks always, and
 * in /mesos/master/state under the `metronome` framework whenever it lists it (the sandbox's /state leaves out a
 * framework while it is disconnected, tasks included).
 */
export function expectRunTasksKnown(sb: Sandbox, id: string): void {
  if (mt.get(sb, '/v1/jobs').status !== 200) return;
  // Without a Mesos leader there is no master state to read.
  if (sb.request({ method: 'GET', path: '/mesos/master/tasks' }).status !== 200) return;
  const master = taskStates(sb);
  const underFramework = new Map(metronomeTasks(sb).live.map((t) => [t.id, t.state]));
  const listed = underFramework.size > 0 || metronomeRegistered(sb);
  for (const run of activeRuns(sb, id))
    for (const task of run.tasks as Json[]) {
      if (!['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING'].includes(task.status as string)) continue;
      const live = expect.stringMatching(/^TASK_(STAGING|STARTING|RUNNING|KILLING)$/);
      expect([task.id, master.get(task.id as string)]).toEqual([task.id, live]);
      if (listed) expect([task.id, underFramework.get(task.id as string)]).toEqual([task.id, live]);
    }
}

function metronomeRegistered(sb: Sandbox): boolean {
  const state = sb.request({ method: 'GET', path: '/mesos/master/state' }).body as Json;
  return ((state.frameworks ?? []) as Json[]).some((f) => f.name === 'metronome');
}
