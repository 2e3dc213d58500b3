/**
 * What a variant's run is measured by: samples read through the API and the frame (roles, apps, the launch queue and
 * why it waits), placements at the end from Mesos' and Marathon's state, and deployments watched event by event
 * (their start is their version's time, their end the event that took them out of Marathon).
 */
import type { ApiRequest, ApiResponse } from '../../api/types.ts';
import { SIM_EPOCH_MS } from '../../common/clock.ts';
import type { ClusterState } from '../../engine/core/model.ts';
import type { DeploymentState } from '../../engine/marathon/model.ts';
import type { Sandbox } from '../types.ts';
import type { AppSample, DeploymentRecord, RoleSample, Sample } from './types.ts';

type Request = (req: ApiRequest) => ApiResponse;
type Json = Record<string, unknown>;

const get = (request: Request, path: string): unknown => {
  const answer = request({ method: 'GET', path });
  return answer.status === 200 ? answer.body : undefined;
};
const list = (v: unknown, key: string): Json[] => {
  const items = (v as Json | undefined)?.[key];
  return Array.isArray(items) ? (items as Json[]) : [];
};
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const simMsOf = (iso: unknown): number => (typeof iso === 'string' ? Date.parse(iso) - SIM_EPOCH_MS : Number.NaN);

/** Why an app's instances wait, in a few words: the placement funnel's stage that stops most agents, with an example. */
export function waitingReason(request: Request, app: string): string {
  const p = get(request, `/sandbox/v1/marathon/apps${app}/placement`) as Json | undefined;
  if (!p) return 'unknown (no placement diagnosis)';
  const agents = num(p.agents);
  if (agents === 0) return 'no agent is registered';
  const stages = list(p, 'stages').filter((s) => num(s.failed) > 0);
  if (stages.length === 0)
    return num(p.fits) > 0
      ? `${num(p.fits)} of ${agents} agents could take one: waiting for an offer or a launch delay`
      : 'waiting for offers';
  const worst = stages.reduce((a, b) => (num(b.failed) > num(a.failed) ? b : a));
  const example = list(p, 'failures').find((f) => f.stage === worst.stage);
  const detail = example ? ` (${String(example.hostname)} ${String(example.detail)})` : '';
  return `${String(worst.stage)}: ${num(worst.failed)} of ${agents} agents fail${detail}`;
}

/** In Marathon's launch queue: app id → [waiting instances, since (sim ms)]. */
function queueOf(request: Request): Map<string, [number, number]> {
  const queued = new Map<string, [number, number]>();
  for (const e of list(get(request, '/marathon/v2/queue'), 'queue')) {
    const id = (e.app as Json | undefined)?.id ?? (e.pod as Json | undefined)?.id;
    if (typeof id === 'string') queued.set(id, [num(e.count), simMsOf(e.since)]);
  }
  return queued;
}

/** One moment of a run; `since` gets the queue's waiting-since time of each waiting app. */
export function sampleOf(sandbox: Sandbox, since: Map<string, number>): Sample {
  const roles: RoleSample[] = sandbox
    .figures()
    .roles.map((r) => ({ role: r.role, share: r.usedShare * r.weight, weight: r.weight, tasks: r.tasks }))
    .sort((a, b) => a.role.localeCompare(b.role));
  const queued = queueOf(sandbox.request);
  since.clear();
  const apps: AppSample[] = list(get(sandbox.request, '/marathon/v2/apps'), 'apps')
    .map((a): AppSample => {
      const app = String(a.id);
      const [waiting, from] = queued.get(app) ?? [0, Number.NaN];
      if (waiting > 0) since.set(app, from);
      const reason = waiting > 0 ? waitingReason(sandbox.request, app) : null;
      return { app, instances: num(a.instances), running: num(a.tasksRunning), staged: num(a.tasksStaged), waiting, reason };
    })
    .sort((a, b) => a.app.localeCompare(b.app));
  return { at: sandbox.now, roles, apps };
}

/** App id (Marathon) or framework name (the rest) → agent hostname → live tasks, at this moment. */
export function placementsOf(request: Request): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  const add = (owner: string, host: string): void => {
    const row = (out[owner] ??= {});
    row[host] = (row[host] ?? 0) + 1;
  };
  for (const t of list(get(request, '/marathon/v2/tasks'), 'tasks')) add(String(t.appId), String(t.host));
  const state = get(request, '/mesos/master/state');
  const hosts = new Map(list(state, 'slaves').map((s) => [String(s.id), String(s.hostname)]));
  for (const fw of list(state, 'frameworks')) {
    if (fw.name === 'marathon') continue;
    for (const t of list(fw, 'tasks')) add(String(fw.name), hosts.get(String(t.slave_id)) ?? String(t.slave_id));
  }
  const byName = (a: [string, unknown], b: [string, unknown]) => a[0].localeCompare(b[0]);
  return Object.fromEntries(
    Object.entries(out)
      .sort(byName)
      .map(([owner, row]) => [owner, Object.fromEntries(Object.entries(row).sort(byName))]),
  );
}

/** Watches Marathon's deployments after every event and write: when each started, when it left, and how. */
export class DeploymentWatch {
  readonly #live = new Map<string, { dep: DeploymentState; record: DeploymentRecord }>();
  readonly #done: DeploymentRecord[] = [];

  observe(state: ClusterState, now: number): void {
    const deps = state.marathon.deployments;
    if (deps.length === 0 && this.#live.size === 0) return;
    const seen = new Set<string>();
    for (const dep of deps) {
      seen.add(dep.id);
      const known = this.#live.get(dep.id);
      if (known) known.dep = dep;
      else {
        const started = simMsOf(dep.version);
        const record: DeploymentRecord = {
          id: dep.id,
          apps: Object.keys(dep.target).sort(),
          startedAt: Number.isNaN(started) ? now : Math.min(started, now),
          endedAt: null,
          outcome: 'running',
        };
        this.#live.set(dep.id, { dep, record });
      }
    }
    for (const [id, { dep, record }] of this.#live) {
      if (seen.has(id)) continue;
      this.#live.delete(id);
      this.#done.push({ ...record, endedAt: now, outcome: dep.current >= dep.steps.length ? 'finished' : 'canceled' });
    }
  }

  /** Deployments live at or after `from`: ended ones in the order they ended, then those still running. */
  records(from: number): DeploymentRecord[] {
    const running = [...this.#live.values()].map((l) => l.record);
    return [...this.#done.filter((d) => (d.endedAt ?? from) >= from), ...running].map((d) => ({ ...d, apps: [...d.apps] }));
  }
}
