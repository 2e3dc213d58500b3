/**
 * A job run's life (JOBS/jobrun/impl/JobRunExecutorActor.scala): one task on the launch queue; INITIAL until a
 * task of it is active, then ACTIVE; TASK_FINISHED ends it in SUCCESS; a failed task is replaced while the
 * restart policy allows (`ON_FAILURE` within `activeDeadlineSeconds` of the run's creation), else the run FAILED.
 * A scheduled run without an active task by its starting deadline is aborted; so is a stopped one. Finished
 * runs leave the active list at once for the job's history (JobHistoryServiceActor.scala:64-93).
 */
import { SIM_EPOCH_MS } from '../../common/clock.ts';
import type { JobRunSpec, ScheduleSpec } from '../../common/metronome/job-spec.ts';
import type { JobTaskStatus } from '../../common/metronome/run-states.ts';
import type { TaskStateName } from '../../common/task-states.ts';
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { frameworkById } from '../mesos/frameworks.ts';
import { killTask, revive } from '../mesos/master.ts';
import { HISTORY_COUNT, type FinishedRun, type JobHistory, type JobRecord, type RunRecord } from './model.ts';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `yyyyMMddHHmmss` of the wall clock (UTC masters) and 5 of `Random.alphanumeric` (JobRunId.scala:15-23). */
export function newRunId(ctx: SimContext): string {
  const stamp = new Date(SIM_EPOCH_MS + ctx.now).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += ALPHANUMERIC[ctx.randomInt(0, ALPHANUMERIC.length - 1)];
  return stamp + suffix;
}

export function emptyHistory(): JobHistory {
  return { successCount: 0, failureCount: 0, lastSuccessAt: null, lastFailureAt: null, successful: [], failed: [] };
}

/** A new run of `job`, its task on the launch queue; `schedule` when a schedule started it (it then has a starting deadline). */
export function startRun(ctx: SimContext, state: ClusterState, job: JobRecord, schedule?: ScheduleSpec): RunRecord {
  const run: RunRecord = {
    id: newRunId(ctx),
    status: 'INITIAL',
    createdAt: ctx.now,
    tasks: [],
    queued: false,
    startingDeadlineAt: schedule ? ctx.now + schedule.startingDeadlineSeconds * 1000 : null,
    spec: job.spec.run,
  };
  job.history ??= emptyHistory();
  job.runs.push(run);
  if (run.startingDeadlineAt !== null)
    ctx.schedule(run.startingDeadlineAt - ctx.now, { type: 'metronome.starting-deadline', jobId: job.spec.id, runId: run.id });
  queueTask(ctx, state, run);
  return run;
}

/** The run spec a run follows: the one it started with. */
export function runSpecOf(job: JobRecord, run: RunRecord): JobRunSpec {
  return run.spec ?? job.spec.run;
}

/** One more task of the run waits for an offer; Metronome's Marathon revives offers for new launches. */
export function queueTask(ctx: SimContext, state: ClusterState, run: RunRecord): void {
  run.queued = true;
  requestRevive(ctx, state);
}

/** Marathon's --min_revive_offers_interval (default 5 s, not set for Metronome): at most one REVIVE in that time. */
export const MIN_REVIVE_INTERVAL_MS = 5000;

/** REVIVE now, or at the end of the interval since the last one (one deferred revive serves every request meanwhile). */
export function requestRevive(ctx: SimContext, state: ClusterState): void {
  const m = state.metronome;
  const fw = frameworkById(state, m.frameworkId);
  if (!fw.registered) return;
  const last = m.lastReviveAt ?? null;
  if (last === null || ctx.now - last >= MIN_REVIVE_INTERVAL_MS) {
    m.lastReviveAt = ctx.now;
    revive(ctx, state, fw);
  } else if (!m.revivePending) {
    m.revivePending = true;
    ctx.schedule(last + MIN_REVIVE_INTERVAL_MS - ctx.now, { type: 'metronome.revive' });
  }
}

/** The deferred revive is due: made if a run still waits for an offer. */
export function onReviveDue(ctx: SimContext, state: ClusterState): void {
  state.metronome.revivePending = false;
  const waiting = Object.values(state.metronome.jobs).some((job) => job.runs.some((run) => run.queued));
  if (waiting) requestRevive(ctx, state);
}

/** Stop (or abort at the starting deadline): live tasks are killed, the run FAILED. Returns the run as it ended. */
export function abortRun(ctx: SimContext, state: ClusterState, job: JobRecord, run: RunRecord): RunRecord {
  const grace = (runSpecOf(job, run).taskKillGracePeriodSeconds ?? 0) * 1000;
  for (const task of run.tasks) if (isLive(task.status)) killTask(ctx, state, task.id, grace);
  endRun(state, job, run, false, ctx.now);
  return run;
}

/** The run leaves the active list for the history; its tasks are forgotten. */
function endRun(state: ClusterState, job: JobRecord, run: RunRecord, success: boolean, now: number): void {
  job.runs = job.runs.filter((r) => r !== run);
  run.queued = false;
  for (const task of run.tasks) delete state.metronome.taskJob[task.id];
  const history = (job.history ??= emptyHistory());
  const finished: FinishedRun = { id: run.id, createdAt: run.createdAt, finishedAt: now, tasks: run.tasks.map((t) => t.id) };
  if (success) {
    history.successCount++;
    history.lastSuccessAt = now;
  } else {
    history.failureCount++;
    history.lastFailureAt = now;
  }
  // Newest first, in place (no copy of up to 1,000 entries for each run that ends).
  const list = success ? history.successful : history.failed;
  list.unshift(finished);
  if (list.length > HISTORY_COUNT) list.length = HISTORY_COUNT;
}

/** How Metronome names a Mesos task state (TaskState.scala:47-60: Marathon's lost conditions count as failed; killing still runs). */
export function jobTaskStatus(state: TaskStateName): JobTaskStatus {
  switch (state) {
    case 'TASK_STAGING':
    case 'TASK_STARTING':
    case 'TASK_RUNNING':
    case 'TASK_FINISHED':
    case 'TASK_KILLED':
      return state;
    case 'TASK_KILLING':
      return 'TASK_RUNNING';
    default:
      return 'TASK_FAILED';
  }
}

export function isLive(status: JobTaskStatus): boolean {
  return status === 'TASK_CREATED' || status === 'TASK_STAGING' || status === 'TASK_STARTING' || status === 'TASK_RUNNING';
}

/** The run `taskId` belongs to, if Metronome still tracks one. */
export function runOfTask(state: ClusterState, taskId: string): { job: JobRecord; run: RunRecord } | undefined {
  const jobId = state.metronome.taskJob[taskId];
  const job = jobId === undefined ? undefined : state.metronome.jobs[jobId];
  const run = job?.runs.find((r) => r.tasks.some((t) => t.id === taskId));
  return job && run ? { job, run } : undefined;
}

/**
 * A status update of one of Metronome's tasks, as its leader sees it. A task no run tracks any more that still
 * runs is killed (Marathon's scheduler kills unknown tasks).
 */
export function onRunTaskStatus(ctx: SimContext, state: ClusterState, taskId: string, mesosState: TaskStateName): void {
  const found = runOfTask(state, taskId);
  const status = jobTaskStatus(mesosState);
  const task = found?.run.tasks.find((t) => t.id === taskId);
  // A task no run tracks, or one its run already counted as ended (lost, then its agent came back), does not come back
  // to life: Marathon expunged its instance at once (UnreachableEnabled(0 s, 0 s), MA:state/UnreachableStrategy.scala)
  // and kills it as unknown; later updates of it change nothing.
  if (!found || !task || !isLive(task.status)) {
    if (isLive(status) && mesosState !== 'TASK_KILLING') killTask(ctx, state, taskId);
    return;
  }
  if (task.status === status) return;
  const { job, run } = found;
  task.status = status;
  if (isLive(status)) {
    if (status !== 'TASK_CREATED') run.status = 'ACTIVE';
    return;
  }
  if (status === 'TASK_FINISHED') {
    task.completedAt = ctx.now;
    endRun(state, job, run, true, ctx.now);
    return;
  }
  const { policy, activeDeadlineSeconds } = runSpecOf(job, run).restart;
  const withinDeadline = activeDeadlineSeconds === undefined || run.createdAt + activeDeadlineSeconds * 1000 > ctx.now;
  if (policy === 'ON_FAILURE' && withinDeadline) queueTask(ctx, state, run);
  else endRun(state, job, run, false, ctx.now);
}

/** A scheduled run's starting deadline passed: aborted unless a task of it became active. */
export function onStartingDeadline(ctx: SimContext, state: ClusterState, jobId: string, runId: string): void {
  const job = state.metronome.jobs[jobId];
  const run = job?.runs.find((r) => r.id === runId);
  if (!job || !run || run.status === 'ACTIVE' || run.startingDeadlineAt === null || ctx.now < run.startingDeadlineAt) return;
  abortRun(ctx, state, job, run);
}
