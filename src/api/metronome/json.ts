/**
 * Metronome's answers as JSON (MT:api/src/main/scala/dcos/metronome/api/v1/models/package.scala): runs, histories and
 * jobs with their embeds, timestamps as `yyyy-MM-dd'T'HH:mm:ss.SSSZ` on a UTC master.
 */
import { SIM_EPOCH_MS } from '../../common/clock.ts';
import { jobJson as specJson, scheduleJson } from '../../common/metronome/job-shape.ts';
import type { ScheduleSpec } from '../../common/metronome/job-spec.ts';
import type { ClusterState } from '../../engine/core/model.ts';
import type { FinishedRun, JobHistory, JobRecord, RunRecord } from '../../engine/metronome/model.ts';
import { activeSchedule, nextCronTime } from '../../engine/metronome/schedule.ts';
import type { JobHistoryJson, JobHistoryRunJson, JobHistorySummaryJson, JobJson, JobRunJson, ScheduleJson } from '../shapes/metronome.ts';

/** `2026-01-01T00:01:02.345+0000`. */
export function metronomeTime(simMs: number): string {
  return new Date(SIM_EPOCH_MS + simMs).toISOString().replace('Z', '+0000');
}

/** A run as the API shows it; `ended` gives the status and time of one that just stopped. */
export function runJson(jobId: string, run: RunRecord, ended?: { status: 'FAILED' | 'SUCCESS'; at: number }): JobRunJson {
  return {
    id: run.id,
    jobId,
    status: ended ? ended.status : run.status,
    createdAt: metronomeTime(run.createdAt),
    completedAt: ended ? metronomeTime(ended.at) : null,
    tasks: run.tasks.map((t) => ({
      id: t.id,
      startedAt: metronomeTime(t.startedAt),
      ...(t.completedAt !== undefined ? { completedAt: metronomeTime(t.completedAt) } : {}),
      status: t.status,
    })),
  };
}

const finishedJson = (r: FinishedRun): JobHistoryRunJson => ({
  id: r.id,
  createdAt: metronomeTime(r.createdAt),
  finishedAt: metronomeTime(r.finishedAt),
  tasks: [...r.tasks],
});

const timeOrNull = (ms: number | null): string | null => (ms === null ? null : metronomeTime(ms));

export function historySummaryJson(h: JobHistory | null): JobHistorySummaryJson {
  return {
    successCount: h?.successCount ?? 0,
    failureCount: h?.failureCount ?? 0,
    lastSuccessAt: timeOrNull(h?.lastSuccessAt ?? null),
    lastFailureAt: timeOrNull(h?.lastFailureAt ?? null),
  };
}

export function historyJson(h: JobHistory | null): JobHistoryJson {
  return {
    ...historySummaryJson(h),
    successfulFinishedRuns: (h?.successful ?? []).map(finishedJson),
    failedFinishedRuns: (h?.failed ?? []).map(finishedJson),
  };
}

/**
 * `nextRunAt`: the next cron time after now (ScheduleSpec.scala:27), also for a disabled schedule. The running timer
 * already knows it for the active schedule; others are computed.
 */
function nextRunAt(state: ClusterState, now: number, job: JobRecord, s: ScheduleSpec): string | undefined {
  const timer = job.timer;
  const known = timer && activeSchedule(job) === s && timer.cronAt > now ? timer.cronAt : null;
  const next = known ?? nextCronTime(s, now);
  return next === null ? undefined : metronomeTime(next);
}

export function jobScheduleJson(state: ClusterState, now: number, job: JobRecord, s: ScheduleSpec): ScheduleJson {
  return scheduleJson(s, nextRunAt(state, now, job, s)) as unknown as ScheduleJson;
}

export type Embed = 'activeRuns' | 'schedules' | 'history' | 'historySummary';

/** A job for GET (`embeds`: what `?embed=` asked; `list`: in a list, where a job without active runs has no `activeRuns`). */
export function embeddedJobJson(state: ClusterState, now: number, job: JobRecord, embeds: ReadonlySet<Embed>, list: boolean): JobJson {
  const activeRuns =
    embeds.has('activeRuns') && !(list && job.runs.length === 0) ? job.runs.map((r) => runJson(job.spec.id, r)) : undefined;
  const body = specJson(
    job.spec,
    {
      ...(activeRuns ? { activeRuns } : {}),
      ...(embeds.has('history') ? { history: historyJson(job.history) as unknown as Record<string, unknown> } : {}),
      ...(embeds.has('historySummary') ? { historySummary: historySummaryJson(job.history) as unknown as Record<string, unknown> } : {}),
    },
    (s) => nextRunAt(state, now, job, s),
  );
  return body as unknown as JobJson;
}

/** A job as POST and PUT answer it (schedules before run, no embeds). */
export function writtenJobJson(state: ClusterState, now: number, job: JobRecord): JobJson {
  return specJson(job.spec, undefined, (s) => nextRunAt(state, now, job, s)) as unknown as JobJson;
}
