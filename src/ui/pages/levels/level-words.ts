/**
 * A level told in words for its page: times as m:ss, the fault schedule, what the player may change, a run's
 * result; and the editor's text read as changes. Pure: the level data and the checks come from the worker.
 */
import type { Allowed, Changes, Level, LevelFault } from '../../../sandbox/levels/types.ts';
import type { RunResult } from '../../../sandbox/levels/runner.ts';

/** Simulated ms as m:ss (the time bar's minutes), with the milliseconds when a moment falls between seconds. */
export function levelClock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const rest = ms % 1000;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}${rest ? `.${String(rest).padStart(3, '0')}` : ''}`;
}

/** A target as written in a level (`{{host:/shop}}`, `{{leader}}`, `master-1`) in words. */
export function targetWords(target: string): string {
  const m = /^\{\{(\w+)(?::(.+))?\}\}$/.exec(target);
  if (!m) return target;
  const [, what, of = ''] = m;
  if (what === 'leader') return 'the leading master';
  if (what === 'host') return `the agent running ${of}`;
  if (what === 'task') return `a task of ${of}`;
  if (what === 'podHost') return `an agent running a ${of} pod`;
  if (what === 'lostPod') return `the lost ${of} pod`;
  return target;
}

const FAULTS: Record<string, string> = {
  'agent-crash': 'crashes',
  'agent-restore': 'comes back',
  'master-crash': 'crashes',
  'master-restore': 'comes back',
  'task-crash': 'crashes',
  'task-unhealthy': 'hangs (fails its health checks)',
  'zk-session-expire': 'loses its ZooKeeper session',
};

export function faultWords(fault: LevelFault): string {
  if ('zone' in fault && typeof fault.zone === 'string') {
    const zone = `zone ${fault.zone}`;
    if (fault.kind === 'zone-outage') return `${zone} goes dark: every agent in it crashes`;
    if (fault.kind === 'zone-restore') return `${zone} comes back`;
    return `${zone} is cut off from the rest of the cluster`;
  }
  const f = fault as Exclude<LevelFault, { zone: string }>;
  if (f.kind === 'partition' && f.sides) return `${f.sides[0].map(targetWords).join(', ')} is cut off from ${f.sides[1].join(', ')}`;
  if (f.kind === 'heal') return 'the network heals';
  const who = targetWords(f.target ?? f.component ?? 'the cluster');
  return `${who} ${FAULTS[f.kind] ?? `suffers a ${f.kind}`}`;
}

export interface Moment {
  at: number;
  text: string;
}

/** A level's write in words where it has some (a traffic client started), else its method and path. */
function writeWords(request: { method: string; path: string; body?: unknown }): string {
  const b = request.body as { name?: unknown; target?: unknown; rps?: unknown; from?: unknown } | undefined;
  if (request.method === 'POST' && request.path === '/sandbox/v1/traffic' && typeof b?.name === 'string' && typeof b.target === 'string') {
    const rate = typeof b.rps === 'number' ? ` ${b.rps} requests a second` : ' requests';
    const from = typeof b.from === 'string' ? ` on ${b.from}` : '';
    return `the ${b.name} client${from} starts sending${rate} to ${b.target}`;
  }
  return `${request.method} ${request.path}`;
}

/** What the level does and when, faults and writes, in time order. */
export function scheduleWords(level: Level): Moment[] {
  const faults = (level.faults ?? []).map((f) => ({ at: f.at, text: faultWords(f.fault) }));
  const writes = (level.actions ?? []).map((a) => ({ at: a.at, text: writeWords(a.request) }));
  const moments = [...writes, ...faults].sort((a, b) => a.at - b.at);
  const r = level.randomFaults;
  if (r)
    moments.push({
      at: r.from,
      text: `${r.count} random ${r.kinds.join(' / ')} fault${r.count === 1 ? '' : 's'} between ${levelClock(r.from)} and ${levelClock(r.to)} (seed ${r.seed})`,
    });
  return moments;
}

/** The whitelist in words, one line a thing the player may change. */
export function allowedWords(allowed: Allowed): string[] {
  const lines = Object.entries(allowed.apps ?? {}).map(([id, fields]) => `${id}: ${fields.join(', ')}`);
  if (allowed.masters?.length) lines.push(`the number of masters: ${allowed.masters.join(', ')}`);
  for (const a of allowed.actions ?? []) lines.push(`an operator action at a time you choose: ${a}`);
  return lines;
}

export const changesText = (changes: Changes): string => JSON.stringify(changes, null, 2);

/** The editor's text as JSON, or why it is not (the whitelist is judged in the worker). */
export function readChanges(text: string): { ok: true; changes: unknown } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, changes: {} };
  try {
    return { ok: true, changes: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export interface Verdict {
  won: boolean;
  /** "Won" or "Lost at 2:15". */
  title: string;
  text: string;
  /** What is at fault, as label and value pairs. */
  blame: Array<[string, string]>;
}

export function verdictOf(result: RunResult): Verdict {
  if (result.won) return { won: true, title: 'Won', text: `The goals held to the end, ${levelClock(result.at)}.`, blame: [] };
  const v = result.violation;
  const blame = (['app', 'task', 'agent', 'master'] as const).flatMap((k): Array<[string, string]> => (v[k] ? [[k, v[k]]] : []));
  if ('refused' in result) return { won: false, title: 'Not run', text: v.text, blame };
  return { won: false, title: `Lost at ${levelClock(result.at)}`, text: v.text, blame };
}
