/**
 * A level's schedule: its actions, the player's, and its faults (fixed, whole zones, or drawn from a seed), as
 * API writes at simulated times. Some name what only the running cluster knows; they hold placeholders resolved
 * through the API when they fire:
 *
 *   {{leader}}        the leading Mesos master
 *   {{host:/shop}}    the agent of the first running task of /shop (Marathon's order)
 *   {{task:/shop}}    that task's id
 *   {{podHost:kafka}} the agent of the first running pod task of SDK service kafka (not its scheduler)
 *   {{lostPod:kafka}} the first pod instance of kafka whose tasks are unreachable (`kafka-0`)
 */
import { expandHostnames } from '../../common/scenario/validate.ts';
import type { Scenario } from '../../common/scenario/types.ts';
import type { LevelFault, RandomFaults, RequestFn, TimedRequest } from './types.ts';

const FAULTS = '/sandbox/v1/faults';

/** The hosts whose `zone` attribute is `zone`, and every other host (masters included). */
function zoneSides(scenario: Scenario, zone: string): [string[], string[]] {
  const inside: string[] = [];
  const outside: string[] = Array.from({ length: scenario.cluster.masters }, (_, i) => `master-${i + 1}`);
  for (const agent of scenario.cluster.agents) (agent.attributes.zone === zone ? inside : outside).push(...expandHostnames(agent));
  return [inside, outside];
}

/** A fault as the writes that make it: a zone outage is one crash per agent of the zone. */
export function faultRequests(scenario: Scenario, at: number, fault: LevelFault): TimedRequest[] {
  const post = (body: unknown): TimedRequest => ({ at, request: { method: 'POST', path: FAULTS, body } });
  if ('zone' in fault) {
    const [inside, outside] = zoneSides(scenario, fault.zone);
    if (fault.kind === 'zone-partition') return [post({ kind: 'partition', sides: [inside, outside] })];
    const kind = fault.kind === 'zone-outage' ? 'agent-crash' : 'agent-restore';
    return inside.map((target) => post({ kind, target }));
  }
  return [post(fault)];
}

/** mulberry32: a small seeded generator of its own, so the level's draws never touch the cluster's. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `spec.count` faults at whole seconds in [from, to), in time order. Same spec, same faults. */
export function randomFaults(scenario: Scenario, spec: RandomFaults): Array<{ at: number; fault: LevelFault }> {
  const next = generator(spec.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const agents = spec.agents ?? scenario.cluster.agents.filter((a) => !a.public).flatMap(expandHostnames);
  const apps = spec.apps ?? [];
  const out: Array<{ at: number; fault: LevelFault }> = [];
  const span = Math.max(1, Math.floor((spec.to - spec.from) / 1000));
  for (let i = 0; i < spec.count; i++) {
    const at = spec.from + Math.floor(next() * span) * 1000;
    const kind = pick(spec.kinds);
    if (kind === 'leader-crash') out.push({ at, fault: { kind: 'master-crash', target: '{{leader}}' } });
    else if (kind === 'task-crash' && apps.length > 0) out.push({ at, fault: { kind: 'task-crash', target: `{{task:${pick(apps)}}}` } });
    else if (agents.length > 0) out.push({ at, fault: { kind: 'agent-crash', target: pick(agents) } });
  }
  return out.sort((a, b) => a.at - b.at);
}

interface MarathonTaskView {
  id: string;
  host: string;
  state: string;
}

function read<T>(request: RequestFn, path: string): T | null {
  const answer = request({ method: 'GET', path });
  return answer.status === 200 ? (answer.body as T) : null;
}

function podTasks(request: RequestFn, service: string): Array<{ name: string; tasks: Array<{ status: string; agent?: string }> }> {
  type Status = { pods?: Array<{ instances?: Array<{ name: string; tasks?: Array<{ status: string }> }> }> };
  const status = read<Status>(request, `/service/${service}/v1/pod/status`);
  return (status?.pods ?? []).flatMap((p) => (p.instances ?? []).map((i) => ({ name: i.name, tasks: i.tasks ?? [] })));
}

function valueOf(request: RequestFn, kind: string, arg: string | undefined): string | undefined {
  switch (kind) {
    case 'leader':
      return read<{ hostname?: string }>(request, '/mesos/master/state-summary')?.hostname;
    case 'host':
    case 'task': {
      const app = read<{ app: { tasks?: MarathonTaskView[] } }>(request, `/marathon/v2/apps${arg ?? ''}?embed=apps.tasks`)?.app;
      const task = (app?.tasks ?? []).find((t) => t.state === 'TASK_RUNNING');
      return kind === 'host' ? task?.host : task?.id;
    }
    case 'podHost': {
      type Tasks = { tasks?: Array<{ name: string; framework_id: string; slave_id: string; state: string }> };
      type Summary = { frameworks?: Array<{ id: string; name: string }>; slaves?: Array<{ id: string; hostname: string }> };
      const summary = read<Summary>(request, '/mesos/master/state-summary');
      const fw = summary?.frameworks?.find((f) => f.name === arg);
      const tasks = read<Tasks>(request, '/mesos/master/tasks')?.tasks ?? [];
      const task = tasks.find((t) => t.framework_id === fw?.id && t.state === 'TASK_RUNNING');
      return summary?.slaves?.find((s) => s.id === task?.slave_id)?.hostname;
    }
    case 'lostPod':
      return podTasks(request, arg ?? '').find((p) => p.tasks.length > 0 && p.tasks.every((t) => t.status === 'UNREACHABLE'))?.name;
    default:
      return undefined;
  }
}

const PLACEHOLDER = /\{\{(\w+)(?::([^}]+))?\}\}/g;

/** `text` with its placeholders filled in now; a string naming the first one that has no value. */
export function resolveText(request: RequestFn, text: string): { ok: true; text: string } | { ok: false; error: string } {
  let out = text;
  for (const m of [...text.matchAll(PLACEHOLDER)]) {
    const value = valueOf(request, m[1]!, m[2]);
    if (value === undefined) return { ok: false, error: `cannot resolve ${m[0]} now` };
    out = out.replace(m[0], value);
  }
  return { ok: true, text: out };
}

/** The request with every placeholder in its path and body filled in, or why it cannot be. */
export function resolveRequest(
  request: RequestFn,
  req: TimedRequest['request'],
): { ok: true; req: TimedRequest['request'] } | { ok: false; error: string } {
  const text = JSON.stringify(req);
  if (!text.includes('{{')) return { ok: true, req };
  const resolved = resolveText(request, text);
  return resolved.ok ? { ok: true, req: JSON.parse(resolved.text) as TimedRequest['request'] } : resolved;
}
