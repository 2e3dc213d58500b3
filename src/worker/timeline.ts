/**
 * What the time-travel bar shows: every action of the scenario's script with its simulated time,
 * the notable ones (deployments, injected failures, ...) labelled, and what the cluster itself
 * reported as notable (GET /sandbox/v1/events: deployments done, tasks failed, agents lost and
 * back), and the runs of DC/OS Jobs (GET /sandbox/v1/metronome/marks: finished ones, and the times
 * the schedules fire a little way ahead of the clock). Nothing is guessed from frames.
 */
import type { JobMark, JobMarkList, NotableEvent, NotableEventKind } from '../api/shapes/sandbox.ts';
import type { ScriptAction } from '../common/scenario/types.ts';

/** The cluster's own kinds, and `config`: a change of weights, quotas or agents, which only the script marks. */
export type TimelineEventKind = NotableEventKind | 'config';

export interface TimelineAction {
  at: number;
  method: string;
  path: string;
}

/** A notable action of the script, labelled as the cluster labels its own events. */
export type TimelineEvent = Omit<NotableEvent, 'kind'> & { kind: TimelineEventKind };

/** The runs of DC/OS Jobs on the time bar. */
export interface TimelineJobs {
  /** Finished runs up to now (at their end) and scheduled fires after it, oldest first. */
  marks: JobMark[];
  /** Scheduled fires are listed up to this far past max(now, end), and the axis shows as far (0: no job is scheduled). */
  lookAheadMs: number;
  /** From this simulated time on the marks may be out of date (a fire due, a run active); null: only an action changes them. */
  refreshAt: number | null;
}

export const NO_JOBS: TimelineJobs = { marks: [], lookAheadMs: 0, refreshAt: null };

/** The look-ahead for scheduled runs: 5 simulated minutes, or a tenth of the span when that is longer. */
export function jobLookAheadMs(span: number): number {
  return Math.max(5 * 60_000, Math.round(span / 10));
}

/** While runs are due or active, the marks are fetched again at least this often (simulated ms), and as often as a fortieth of the look-ahead. */
const MIN_REFRESH_MS = 5_000;

/** The time bar's jobs from GET /sandbox/v1/metronome/marks at `now`, listed up to `lookAheadMs` ahead. */
export function timelineJobs(list: JobMarkList, now: number, lookAheadMs: number): TimelineJobs {
  const due = list.marks.find((m) => m.at > now)?.at ?? Infinity;
  const busy = list.activeRuns > 0 || list.scheduledJobs > 0 ? now + Math.max(MIN_REFRESH_MS, lookAheadMs / 40) : Infinity;
  const refreshAt = Math.min(due, busy);
  return {
    marks: list.marks,
    lookAheadMs: list.scheduledJobs > 0 ? lookAheadMs : 0,
    refreshAt: Number.isFinite(refreshAt) ? refreshAt : null,
  };
}

export interface Timeline {
  /** Simulated ms now. */
  now: number;
  /** The latest simulated ms reached in this session (scrubbing back does not lower it; a fork does). */
  end: number;
  actions: TimelineAction[];
  /** The notable actions, labelled. */
  events: TimelineEvent[];
  /** What happened in the cluster, oldest first: up to now, and after it when the history ahead is known (after going back). */
  happenings: NotableEvent[];
  /** How many notable events the cluster had when this was made (frames carry the current count). */
  happeningsSeen: number;
  jobs: TimelineJobs;
}

export const EMPTY_TIMELINE: Timeline = { now: 0, end: 0, actions: [], events: [], happenings: [], happeningsSeen: 0, jobs: NO_JOBS };

function bodyObject(body: unknown): Record<string, unknown> {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return {};
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `s` URI-decoded, or as it is when it is not valid URI encoding. */
function decodedOr(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const VERBS: Record<string, string> = { POST: 'Deploy', PUT: 'Update', PATCH: 'Update', DELETE: 'Remove' };

/** The notable event an action is, or null for one that is not (e.g. a delay reset). */
export function eventOf(action: ScriptAction): TimelineEvent | null {
  const { method, path, body } = action.request;
  const at = action.at;
  const bare = path.split('?')[0]!;
  const m = /^\/marathon\/v2\/(apps|groups|pods)(\/.*)?$/.exec(bare);
  if (m) {
    const rest = m[2] ?? '';
    if (method === 'POST' && rest.endsWith('/restart'))
      return { at, kind: 'deployment', label: `Restart ${rest.slice(0, -'/restart'.length)}` };
    if (/\/tasks(\/|$)/.test(rest)) return { at, kind: 'deployment', label: `Kill tasks of ${rest.replace(/\/tasks.*$/, '')}` };
    const id = rest || (typeof bodyObject(body).id === 'string' ? String(bodyObject(body).id) : `/${m[1]}`);
    return { at, kind: 'deployment', label: `${VERBS[method] ?? method} ${id}` };
  }
  if (bare.startsWith('/marathon/v2/deployments/') && method === 'DELETE') {
    return { at, kind: 'deployment', label: /[?&]force=true/.test(path) ? 'Stop a deployment' : 'Roll back a deployment' };
  }
  if (bare === '/marathon/v2/tasks/delete') return { at, kind: 'deployment', label: 'Kill tasks' };
  if (bare === '/sandbox/v1/faults') {
    const b = bodyObject(body);
    const kind = typeof b.kind === 'string' ? b.kind : 'fault';
    const target = typeof b.target === 'string' ? ` ${b.target}` : '';
    return { at, kind: kind === 'agent-restore' ? 'recovery' : 'failure', label: `${kind}${target}` };
  }
  if (bare.startsWith('/sandbox/v1/marathon/apps/') && bare.endsWith('/behavior')) {
    return { at, kind: 'failure', label: `Behaviour of ${bare.slice('/sandbox/v1/marathon/apps'.length, -'/behavior'.length)}` };
  }
  if (bare === '/sandbox/v1/agents' && method === 'POST') {
    const hostname = bodyObject(body).hostname;
    return { at, kind: 'config', label: `Add agent${typeof hostname === 'string' ? ` ${hostname}` : ''}` };
  }
  if (bare.startsWith('/sandbox/v1/agents/') && method === 'DELETE') {
    return { at, kind: 'config', label: `Decommission ${decodedOr(bare.slice('/sandbox/v1/agents/'.length))}` };
  }
  if (bare.startsWith('/mesos/weights') || bare.startsWith('/mesos/quota')) {
    return { at, kind: 'config', label: `${method} ${bare.slice('/mesos/'.length)}` };
  }
  return null;
}

export function timelineOf(
  script: readonly ScriptAction[],
  now: number,
  end: number,
  happenings: NotableEvent[] = [],
  happeningsSeen = 0,
  jobs: TimelineJobs = NO_JOBS,
): Timeline {
  const events: TimelineEvent[] = [];
  for (const action of script) {
    const event = eventOf(action);
    if (event) events.push(event);
  }
  return {
    now,
    end: Math.max(end, now),
    actions: script.map((a) => ({ at: a.at, method: a.request.method, path: a.request.path })),
    events,
    happenings,
    happeningsSeen,
    jobs,
  };
}
