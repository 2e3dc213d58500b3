/**
 * What the Jobs pages read off Metronome's JSON, as the DC/OS UI (v6.1.19) words it: a job's status
 * (Job.ts:134-155), its last run (JobRunStatusSummary.ts:18-31), its next run (the first schedule's `nextRunAt`),
 * and the run history as one list of active and finished runs. Times are simulated: Metronome writes wall times
 * (`2026-01-01T00:01:05.123+0000`), which are SIM_EPOCH_MS + simulated ms.
 */
import type {
  JobHistoryRunJson,
  JobHistorySummaryJson,
  JobJson,
  JobRunJson,
  JobRunTaskJson,
  JobTaskStatus,
} from '../../../api/shapes/metronome.ts';
import { SIM_EPOCH_MS } from '../../../common/clock.ts';
import { formatClock } from '../../format.ts';

export type Tone = 'ok' | 'pending' | 'bad' | 'none';

/** A Metronome timestamp as simulated ms, or null (absent or unreadable). `+0000` is read as `+00:00`. */
export function simMsOf(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isFinite(t) ? t - SIM_EPOCH_MS : null;
}

/** Simulated ms as the header's clock writes it, to the second: `0d 02:00:00`. */
export function formatSim(simMs: number | null): string {
  return simMs === null ? '—' : formatClock(simMs).slice(0, -2);
}

/** A duration in words, to the second below an hour: `45 s`, `2 min 5 s`, `1 h 2 min`, `3 d 4 h`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86_400) {
    const m = Math.floor((s % 3600) / 60);
    return m === 0 ? `${Math.floor(s / 3600)} h` : `${Math.floor(s / 3600)} h ${m} min`;
  }
  const h = Math.floor((s % 86_400) / 3600);
  return h === 0 ? `${Math.floor(s / 86_400)} d` : `${Math.floor(s / 86_400)} d ${h} h`;
}

/** `in 5 min`, `3 s ago`, `now`: a simulated moment seen from simulated now. */
export function relative(simMs: number, nowMs: number): string {
  const d = simMs - nowMs;
  if (Math.abs(d) < 1000) return 'now';
  return d > 0 ? `in ${formatDuration(d)}` : `${formatDuration(-d)} ago`;
}

export type JobStatusKind = 'starting' | 'running' | 'scheduled' | 'unscheduled' | 'completed';

export interface JobStatus {
  kind: JobStatusKind;
  word: string;
  /** Why, in a sentence (a title). */
  detail: string;
}

const STATUS_WORDS: Record<JobStatusKind, string> = {
  starting: 'Starting',
  running: 'Running',
  scheduled: 'Scheduled',
  unscheduled: 'Unscheduled',
  completed: 'Completed',
};

/** The longest-running active run: its createdAt is the oldest. */
function longestRunning(runs: readonly JobRunJson[]): JobRunJson | undefined {
  let best: JobRunJson | undefined;
  for (const r of runs) if (!best || (simMsOf(r.createdAt) ?? 0) < (simMsOf(best.createdAt) ?? 0)) best = r;
  return best;
}

/**
 * DC/OS's job status: the longest-running active run's (INITIAL/STARTING → Starting, ACTIVE → Running); without one,
 * Scheduled when the first schedule is enabled, Completed when it is disabled, Unscheduled without a schedule.
 */
export function jobStatus(job: Pick<JobJson, 'schedules' | 'activeRuns'>): JobStatus {
  const active = longestRunning(job.activeRuns ?? []);
  const n = job.activeRuns?.length ?? 0;
  let kind: JobStatusKind;
  let detail: string;
  if (active) {
    kind = active.status === 'ACTIVE' ? 'running' : 'starting';
    detail = `${n} active run${n === 1 ? '' : 's'}`;
  } else if (job.schedules[0] === undefined) {
    kind = 'unscheduled';
    detail = 'No schedule: it runs when started by hand';
  } else if (job.schedules[0].enabled) {
    kind = 'scheduled';
    detail = `Runs on the schedule ${job.schedules[0].cron}`;
  } else {
    kind = 'completed';
    detail = 'Its schedule is disabled';
  }
  return { kind, word: STATUS_WORDS[kind], detail };
}

export interface LastRun {
  word: 'N/A' | 'Success' | 'Failed';
  tone: Tone;
  /** Simulated ms of the run that decided it, or null. */
  at: number | null;
}

/** N/A when the job never finished a run; else the later of its last success and last failure (a tie is a success). */
export function lastRun(summary: JobHistorySummaryJson | undefined): LastRun {
  const success = simMsOf(summary?.lastSuccessAt);
  const failure = simMsOf(summary?.lastFailureAt);
  if (success === null && failure === null) return { word: 'N/A', tone: 'none', at: null };
  if (failure === null || (success !== null && success >= failure)) return { word: 'Success', tone: 'ok', at: success };
  return { word: 'Failed', tone: 'bad', at: failure };
}

/** The next cron time of the first schedule while it is enabled (simulated ms), or null. */
export function nextRun(job: Pick<JobJson, 'schedules'>): number | null {
  const s = job.schedules[0];
  return s?.enabled ? simMsOf(s.nextRunAt) : null;
}

export type RunState = 'starting' | 'running' | 'success' | 'failed';

export interface RunRow {
  id: string;
  state: RunState;
  word: string;
  tone: Tone;
  /** Simulated ms. */
  startedAt: number | null;
  finishedAt: number | null;
  /** Active runs: their tasks as Metronome reports them. */
  tasks: readonly JobRunTaskJson[];
  /** Finished runs: their task ids (the history keeps no more). */
  taskIds: readonly string[];
  active: boolean;
}

const RUN_WORDS: Record<RunState, { word: string; tone: Tone }> = {
  starting: { word: 'Starting', tone: 'pending' },
  running: { word: 'Running', tone: 'pending' },
  success: { word: 'Success', tone: 'ok' },
  failed: { word: 'Failed', tone: 'bad' },
};

function activeRow(r: JobRunJson): RunRow {
  const state: RunState =
    r.status === 'ACTIVE' ? 'running' : r.status === 'SUCCESS' ? 'success' : r.status === 'FAILED' ? 'failed' : 'starting';
  return {
    id: r.id,
    state,
    ...RUN_WORDS[state],
    startedAt: simMsOf(r.createdAt),
    finishedAt: simMsOf(r.completedAt),
    tasks: r.tasks,
    taskIds: r.tasks.map((t) => t.id),
    active: true,
  };
}

function finishedRow(r: JobHistoryRunJson, state: 'success' | 'failed'): RunRow {
  return {
    id: r.id,
    state,
    ...RUN_WORDS[state],
    startedAt: simMsOf(r.createdAt),
    finishedAt: simMsOf(r.finishedAt),
    tasks: [],
    taskIds: r.tasks,
    active: false,
  };
}

/** Active runs, then finished ones, newest first (by start; a run id breaks ties). */
export function runRows(job: Pick<JobJson, 'activeRuns' | 'history'>): RunRow[] {
  const active = (job.activeRuns ?? []).map(activeRow);
  const finished = [
    ...(job.history?.successfulFinishedRuns ?? []).map((r) => finishedRow(r, 'success')),
    ...(job.history?.failedFinishedRuns ?? []).map((r) => finishedRow(r, 'failed')),
  ];
  const newest = (a: RunRow, b: RunRow): number => (b.startedAt ?? 0) - (a.startedAt ?? 0) || b.id.localeCompare(a.id);
  return [...active.sort(newest), ...finished.sort(newest)];
}

/** How long a run took, or has run so far (active: up to simulated now). */
export function runTime(row: Pick<RunRow, 'startedAt' | 'finishedAt' | 'active'>, nowMs: number): string {
  if (row.startedAt === null) return '—';
  const end = row.finishedAt ?? (row.active ? nowMs : null);
  return end === null ? '—' : formatDuration(end - row.startedAt);
}

/** A task's state, with what it says of the task's exit: Mesos' TASK_FINISHED is exit code 0, TASK_FAILED non-zero. */
export function taskOutcome(status: JobTaskStatus | string): { word: string; exit: string; tone: Tone } {
  switch (status) {
    case 'TASK_FINISHED':
      return { word: 'Finished', exit: 'exit 0', tone: 'ok' };
    case 'TASK_FAILED':
      return { word: 'Failed', exit: 'non-zero exit', tone: 'bad' };
    case 'TASK_KILLED':
      return { word: 'Killed', exit: 'killed', tone: 'bad' };
    case 'TASK_LOST':
    case 'TASK_GONE':
    case 'TASK_DROPPED':
    case 'TASK_UNREACHABLE':
    case 'TASK_ERROR':
      return { word: status.slice(5, 6) + status.slice(6).toLowerCase(), exit: 'no exit code', tone: 'bad' };
    case 'TASK_RUNNING':
      return { word: 'Running', exit: '—', tone: 'pending' };
    default:
      return {
        word: status.replace(/^TASK_/, '').replace(/^(.)(.*)$/, (_, a: string, b: string) => a + b.toLowerCase()),
        exit: '—',
        tone: 'pending',
      };
  }
}

/** What can be done to a job from its row or its page. */
export type JobAction = 'run' | 'edit' | 'delete' | 'schedule';
