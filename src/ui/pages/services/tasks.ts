/** The Instances tab's view of an app's tasks: sorting, a cheap change check, state colours, times. */
import type { ColumnSort } from '../../components/table/sort.ts';
import { compareValues } from './compare.ts';
import { SIM_EPOCH_MS } from '../../../common/clock.ts';
import { formatClock } from '../../format.ts';
import type { MarathonTask, ReadinessResult } from './marathon-types.ts';
import { taskHealth } from './status.ts';

export type TaskSortKey = 'id' | 'host' | 'state' | 'health' | 'started';
export type TaskSort = ColumnSort<TaskSortKey>;

const HEALTH_ORDER = { unhealthy: 0, idle: 1, na: 2, healthy: 3 } as const;

function sortValue(t: MarathonTask, key: TaskSortKey): string | number {
  switch (key) {
    case 'id':
      return t.id;
    case 'host':
      return t.host;
    case 'state':
      return t.state;
    case 'health':
      return HEALTH_ORDER[taskHealth(t.healthCheckResults)];
    case 'started':
      return Date.parse(t.startedAt ?? t.stagedAt ?? '') || 0;
  }
}

/** A sorted copy; ties keep the API's order (ids break ties on text keys). */
export function sortTasks(tasks: readonly MarathonTask[], sort: TaskSort): MarathonTask[] {
  const dir = sort.descending ? -1 : 1;
  const keyed = tasks.map((t, i) => ({ t, i, v: sortValue(t, sort.key) }));
  keyed.sort((a, b) => {
    const c = compareValues(a.v, b.v);
    return c !== 0 ? c * dir : a.i - b.i;
  });
  return keyed.map((k) => k.t);
}

/**
 * A string that changes when anything the table shows changes; equal fingerprints let the page keep
 * the old array (and skip re-sorting 10,000 tasks) when a poll brings nothing new.
 */
export function tasksFingerprint(tasks: readonly MarathonTask[]): string {
  let s = `${tasks.length}`;
  for (const t of tasks) {
    s += `|${t.id}:${t.state}:${t.host}:${t.startedAt ?? ''}:`;
    for (const h of t.healthCheckResults) s += h.alive ? '1' : '0';
  }
  return s;
}

export type StateTone = 'ok' | 'pending' | 'done' | 'bad';

export function stateTone(state: string): StateTone {
  if (state === 'TASK_RUNNING') return 'ok';
  if (['TASK_STAGING', 'TASK_STARTING', 'TASK_KILLING', 'TASK_UNREACHABLE'].includes(state)) return 'pending';
  if (['TASK_FINISHED', 'TASK_KILLED'].includes(state)) return 'done';
  return 'bad';
}

/** `TASK_RUNNING` → `Running`. */
export function stateWord(state: string): string {
  const w = state.replace(/^TASK_/, '').toLowerCase();
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** An API timestamp (ISO, on the simulated calendar) as the header's simulated clock, or '—'. */
export function simTime(iso: string | undefined | null): string {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? formatClock(t - SIM_EPOCH_MS) : '—';
}

/** Counts per state word, most common first: `Running 9,997 · Staging 3`. */
export function stateCounts(tasks: ReadonlyArray<Pick<MarathonTask, 'state'>>): Array<{ state: string; count: number }> {
  const counts = new Map<string, number>();
  for (const t of tasks) counts.set(t.state, (counts.get(t.state) ?? 0) + 1);
  return [...counts].map(([state, count]) => ({ state, count })).sort((a, b) => b.count - a.count || a.state.localeCompare(b.state));
}

/** A task still waiting to answer its readiness check, in words: `Readiness check ready not passed yet (last answer: HTTP 503)`. */
export function notReadyText(r: ReadinessResult): string {
  const last = r.lastResponse ? ` (last answer: HTTP ${r.lastResponse.status})` : '';
  return `${r.name ? `Readiness check ${r.name}` : 'Readiness check'} not passed yet${last}`;
}
