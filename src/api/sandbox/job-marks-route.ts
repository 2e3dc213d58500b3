/**
 * `GET /sandbox/v1/metronome/marks?from=<ms>&to=<ms>` (the sandbox's own): the runs of DC/OS Jobs for the time bar.
 * Finished runs in [from, now] at their `finishedAt`, and the times each job's schedule will fire in (now, to], oldest
 * first. `from` defaults to 0 and `to` to now.
 *
 * Bounded and cheap at 10,000 jobs: at most MAX_MARKS finished runs (the newest) and MAX_MARKS scheduled times (the
 * soonest), each taken by merging the jobs' lists through a heap, so a history is read only as far back as the
 * marks it gives (each list is newest first) and a schedule only as far ahead.
 *
 * A scheduled time is when the job's timer fires: `timer.fireAt` for the one set now, then each following one as the
 * schedule actor will set it (the next cron time, fired at least 60 s after the previous fire: `fireAt` of
 * common/metronome/cron.ts), so a schedule that lags its cron times keeps its lag here too. Exact while the schedule
 * and Metronome's leader stay as they are; a FORBID schedule's fire while a run is active still shows (it is skipped).
 * The label names the cron time, in UTC. Reads only: no state changes, no random draws.
 */
import { SIM_EPOCH_MS } from '../../common/clock.ts';
import { fireAt } from '../../common/metronome/cron.ts';
import type { ScheduleSpec } from '../../common/metronome/job-spec.ts';
import type { FinishedRun, JobRecord } from '../../engine/metronome/model.ts';
import { activeSchedule, nextCronTime } from '../../engine/metronome/schedule.ts';
import { methodNotAllowed } from '../http.ts';
import type { ApiContext } from '../service.ts';
import type { JobMark, JobMarkList } from '../shapes/sandbox.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';

/** At most this many finished runs, and as many scheduled times. */
export const MAX_MARKS = 300;

export function jobMarksRoute(api: ApiContext, req: ApiRequest, query: URLSearchParams): ApiResponse {
  if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
  const now = api.ctx.now;
  const from = timeParam(query, 'from', 0);
  const to = timeParam(query, 'to', now);
  if (from === null || to === null)
    return { status: 400, body: { message: 'from and to must be simulated milliseconds (numbers, 0 or more)' } };
  const jobs = Object.values(api.state.metronome.jobs);
  const done = doneMarks(jobs, from, now);
  const upcoming = upcomingMarks(jobs, now, to);
  const body: JobMarkList = {
    marks: [...done.marks, ...upcoming.marks],
    truncated: { done: done.truncated, upcoming: upcoming.truncated },
    activeRuns: jobs.reduce((n, job) => n + job.runs.length, 0),
    scheduledJobs: jobs.reduce((n, job) => n + (job.timer ? 1 : 0), 0),
  };
  return { status: 200, body };
}

function timeParam(query: URLSearchParams, name: string, fallback: number): number | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

interface Bounded {
  /** Oldest first. */
  marks: JobMark[];
  truncated: boolean;
}

/** A job's finished runs of one outcome, read from `index` on (newest first). */
interface HistoryCursor {
  job: JobRecord;
  runs: readonly FinishedRun[];
  index: number;
  success: boolean;
}

/** The newest MAX_MARKS finished runs in [from, now] of all jobs. */
function doneMarks(jobs: readonly JobRecord[], from: number, now: number): Bounded {
  const latest = (c: HistoryCursor): number => c.runs[c.index]!.finishedAt;
  const cursors: HistoryCursor[] = [];
  for (const job of jobs) {
    const history = job.history;
    if (!history) continue;
    for (const [runs, success] of [
      [history.successful, true],
      [history.failed, false],
    ] as const) {
      // Skip what lies after now: none in a live history, but a list is not trusted to be sorted beyond its head.
      let index = 0;
      while (index < runs.length && runs[index]!.finishedAt > now) index++;
      if (index < runs.length && runs[index]!.finishedAt >= from) cursors.push({ job, runs, index, success });
    }
  }
  const heap = new Heap<HistoryCursor>((a, b) => latest(a) > latest(b), cursors);
  const marks: JobMark[] = [];
  while (marks.length < MAX_MARKS) {
    const cursor = heap.pop();
    if (!cursor) break;
    const run = cursor.runs[cursor.index]!;
    marks.push({
      at: run.finishedAt,
      kind: cursor.success ? 'job-success' : 'job-failure',
      label: `Job ${cursor.job.spec.id}: run ${run.id} ${cursor.success ? 'succeeded' : 'failed'}`,
    });
    cursor.index++;
    if (cursor.index < cursor.runs.length && latest(cursor) >= from && latest(cursor) <= run.finishedAt) heap.push(cursor);
  }
  return { marks: marks.reverse(), truncated: heap.size > 0 };
}

/** A job's schedule from one fire of its timer on. */
interface ScheduleCursor {
  job: JobRecord;
  schedule: ScheduleSpec;
  cronAt: number;
  fireAt: number;
}

/** The soonest MAX_MARKS times in (now, to] at which the jobs' schedules fire. */
function upcomingMarks(jobs: readonly JobRecord[], now: number, to: number): Bounded {
  const cursors: ScheduleCursor[] = [];
  for (const job of jobs) {
    const schedule = activeSchedule(job);
    const timer = job.timer;
    if (!schedule || !timer || timer.scheduleId !== schedule.id || timer.fireAt > to) continue;
    cursors.push({ job, schedule, cronAt: timer.cronAt, fireAt: timer.fireAt });
  }
  const heap = new Heap<ScheduleCursor>((a, b) => a.fireAt < b.fireAt, cursors);
  // Jobs often share a cron (and zone): each next time is computed once per request.
  const nextTimes = new Map<string, number | null>();
  const nextAfter = (schedule: ScheduleSpec, after: number): number | null => {
    const key = `${schedule.timezone} ${schedule.cron} ${after}`;
    let next = nextTimes.get(key);
    if (next === undefined) nextTimes.set(key, (next = nextCronTime(schedule, after)));
    return next;
  };
  const marks: JobMark[] = [];
  while (marks.length < MAX_MARKS) {
    const cursor = heap.pop();
    if (!cursor) break;
    if (cursor.fireAt > now) {
      marks.push({ at: cursor.fireAt, kind: 'job-upcoming', label: `Job ${cursor.job.spec.id}: scheduled ${utcTime(cursor.cronAt, now)}` });
    }
    // The actor's next timer: the cron time after the one served, set when this one fires.
    const next = nextAfter(cursor.schedule, cursor.cronAt);
    if (next === null) continue;
    const fire = fireAt(next, cursor.fireAt);
    if (fire <= to) heap.push({ ...cursor, cronAt: next, fireAt: fire });
  }
  return { marks, truncated: heap.size > 0 };
}

/** `00:05 UTC` on the day of `now`, `2026-01-02 00:05 UTC` on another day. */
function utcTime(at: number, now: number): string {
  const iso = new Date(SIM_EPOCH_MS + at).toISOString();
  const today = new Date(SIM_EPOCH_MS + now).toISOString().slice(0, 10);
  const day = iso.slice(0, 10);
  return `${day === today ? '' : `${day} `}${iso.slice(11, 16)} UTC`;
}

/** A binary heap: `before(a, b)` when `a` comes out first. Ties come out in an order fixed by the pushes. */
class Heap<T> {
  readonly #items: T[];
  readonly #before: (a: T, b: T) => boolean;

  /** `items` (taken over) arranged into a heap at once. */
  constructor(before: (a: T, b: T) => boolean, items: T[] = []) {
    this.#before = before;
    this.#items = items;
    for (let i = (items.length >> 1) - 1; i >= 0; i--) this.#down(i);
  }

  get size(): number {
    return this.#items.length;
  }

  push(item: T): void {
    const items = this.#items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    this.#down(0);
    return top;
  }

  #down(from: number): void {
    const items = this.#items;
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < items.length && this.#before(items[l]!, items[best]!)) best = l;
      if (r < items.length && this.#before(items[r]!, items[best]!)) best = r;
      if (best === i) return;
      [items[i], items[best]] = [items[best]!, items[i]!];
      i = best;
    }
  }
}
