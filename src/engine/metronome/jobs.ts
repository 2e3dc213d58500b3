/**
 * What the API asks of Metronome's leader: jobs created, replaced and deleted with Metronome's service checks
 * (duplicates, unknown dependencies, dependants, active runs), schedules changed, runs started and stopped.
 * Each answer is the record or Metronome's error (status and `{message}`), never an exception.
 */
import type { JobSpec, ScheduleSpec } from '../../common/metronome/job-spec.ts';
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { defaultBehavior } from './behavior.ts';
import type { JobBehavior, JobRecord, RunRecord } from './model.ts';
import { abortRun, startRun } from './runs.ts';
import { armTimer } from './schedule.ts';

export type JobOp<T> = { ok: true; value: T } | { ok: false; status: 404 | 409 | 422; message: string };

const fail = <T>(status: 404 | 409 | 422, message: string): JobOp<T> => ({ ok: false, status, message });

export function jobOf(state: ClusterState, id: string): JobRecord | undefined {
  return Object.hasOwn(state.metronome.jobs, id) ? state.metronome.jobs[id] : undefined;
}

function unknownDependencies(state: ClusterState, spec: JobSpec): string | null {
  const unknown = spec.dependencies.filter((d) => !jobOf(state, d));
  return unknown.length > 0 ? `Dependencies contain unknown jobs. unknown=[${unknown.join(', ')}]` : null;
}

export function createJob(ctx: SimContext, state: ClusterState, spec: JobSpec, behavior?: JobBehavior): JobOp<JobRecord> {
  if (jobOf(state, spec.id)) return fail(409, 'Job with this id already exists');
  const unknown = unknownDependencies(state, spec);
  if (unknown) return fail(422, unknown);
  const job: JobRecord = { spec, behavior: behavior ?? defaultBehavior(spec), runs: [], history: null, timer: null, missed: 0 };
  state.metronome.jobs[spec.id] = job;
  armTimer(ctx, state, job);
  return { ok: true, value: job };
}

/**
 * PUT: the run spec and the rest replaced; `v1` keeps the stored schedules, `v0` replaces them too. Either way the
 * schedule actor gets the new spec and starts over from now (JobSpecServiceActor.jobSpecUpdated → UpdateJobSpec,
 * which resets `scheduledAt`: JobSpecSchedulerActor.scala:42-47), so the 60 s minimum applies again.
 */
export function replaceJob(ctx: SimContext, state: ClusterState, spec: JobSpec, api: 'v1' | 'v0'): JobOp<JobRecord> {
  const job = jobOf(state, spec.id);
  if (!job) return fail(404, 'Job not found');
  const unknown = unknownDependencies(state, spec);
  if (unknown) return fail(422, unknown);
  if (dependsOn(state, spec, spec.id)) return fail(422, 'Dependencies have a cycle.');
  job.spec = api === 'v1' ? { ...spec, schedules: job.spec.schedules } : spec;
  armTimer(ctx, state, job);
  return { ok: true, value: job };
}

/** Whether `spec`'s dependencies reach `target`. */
function dependsOn(state: ClusterState, spec: JobSpec, target: string, seen = new Set<string>()): boolean {
  for (const d of spec.dependencies) {
    if (d === target) return true;
    if (seen.has(d)) continue;
    seen.add(d);
    const dep = jobOf(state, d);
    if (dep && dependsOn(state, dep.spec, target, seen)) return true;
  }
  return false;
}

export function deleteJob(ctx: SimContext, state: ClusterState, id: string, stopCurrentJobRuns: boolean): JobOp<JobRecord> {
  const job = jobOf(state, id);
  if (!job) return fail(404, 'Job not found');
  const children = Object.values(state.metronome.jobs)
    .filter((j) => j.spec.dependencies.includes(id))
    .map((j) => j.spec.id);
  if (children.length > 0) return fail(409, `There are jobs with a dependency on ${id}. children=[${children.join(', ')}]`);
  if (job.runs.length > 0 && !stopCurrentJobRuns) return fail(409, 'There are active job runs. Override with stopCurrentJobRuns=true');
  for (const run of [...job.runs]) abortRun(ctx, state, job, run);
  delete state.metronome.jobs[id];
  return { ok: true, value: job };
}

export function addSchedule(ctx: SimContext, state: ClusterState, id: string, schedule: ScheduleSpec): JobOp<ScheduleSpec> {
  const job = jobOf(state, id);
  if (!job) return fail(404, 'Job not found');
  if (job.spec.schedules.some((s) => s.id === schedule.id)) return fail(409, `A schedule with id ${schedule.id} already exists`);
  if (job.spec.schedules.length > 0) return fail(409, 'Only one schedule supported at the moment');
  job.spec = { ...job.spec, schedules: [schedule] };
  armTimer(ctx, state, job);
  return { ok: true, value: schedule };
}

export function replaceSchedule(ctx: SimContext, state: ClusterState, id: string, schedule: ScheduleSpec): JobOp<ScheduleSpec> {
  const job = jobOf(state, id);
  if (!job) return fail(404, 'Job not found');
  if (!job.spec.schedules.some((s) => s.id === schedule.id)) return fail(404, 'Schedule not found');
  job.spec = { ...job.spec, schedules: job.spec.schedules.map((s) => (s.id === schedule.id ? schedule : s)) };
  armTimer(ctx, state, job);
  return { ok: true, value: schedule };
}

export function deleteSchedule(ctx: SimContext, state: ClusterState, id: string, scheduleId: string): JobOp<ScheduleSpec> {
  const job = jobOf(state, id);
  if (!job) return fail(404, 'Job not found');
  const schedule = job.spec.schedules.find((s) => s.id === scheduleId);
  if (!schedule) return fail(404, 'Schedule not found');
  job.spec = { ...job.spec, schedules: job.spec.schedules.filter((s) => s !== schedule) };
  armTimer(ctx, state, job);
  return { ok: true, value: schedule };
}

export function runNow(ctx: SimContext, state: ClusterState, id: string): JobOp<RunRecord> {
  const job = jobOf(state, id);
  if (!job) return fail(404, 'Job not found');
  return { ok: true, value: startRun(ctx, state, job) };
}

export function stopRun(ctx: SimContext, state: ClusterState, id: string, runId: string): JobOp<RunRecord> {
  const job = jobOf(state, id);
  if (!job) return fail(404, 'Job not found');
  const run = job.runs.find((r) => r.id === runId);
  if (!run) return fail(404, 'Job Run not found');
  return { ok: true, value: abortRun(ctx, state, job, run) };
}

export function setJobBehavior(state: ClusterState, id: string, behavior: Partial<JobBehavior>): JobOp<JobBehavior> {
  const job = jobOf(state, id);
  if (!job) return fail(404, 'Job not found');
  job.behavior = { ...job.behavior, ...behavior };
  return { ok: true, value: job.behavior };
}
