/**
 * The schedule actor of each job (JOBS/jobspec/impl/JobSpecSchedulerActor.scala): only the first schedule counts,
 * and only while enabled. The next cron time is computed on the simulated clock, in the schedule's zone; the timer
 * fires at least 60 s after it was set (`fireAt`). After a fire the next time follows the previous cron time, so a
 * schedule created less than a minute before its first time keeps that lag. A new leader starts from now: times
 * that passed without a leader are dropped (the sandbox counts them in `missed` and marks them on the time bar).
 */
import { SIM_EPOCH_MS } from '../../common/clock.ts';
import { fireAt } from '../../common/metronome/cron.ts';
import { nextRunAfter } from '../../common/metronome/cron-next.ts';
import type { ScheduleSpec } from '../../common/metronome/job-spec.ts';
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { noteEvent } from '../core/notable.ts';
import type { JobRecord } from './model.ts';
import { startRun } from './runs.ts';

/** How many missed cron times a new leader counts at most per job (a cron every minute over a long outage). */
const MAX_MISSED_COUNTED = 10_000;

/** The schedule the actor follows: the first one, when enabled. */
export function activeSchedule(job: JobRecord): ScheduleSpec | undefined {
  const first = job.spec.schedules[0];
  return first?.enabled ? first : undefined;
}

/** The next cron time of `schedule` strictly after simulated time `afterMs`, in simulated ms (null: none). */
export function nextCronTime(schedule: ScheduleSpec, afterMs: number): number | null {
  const next = nextRunAfter(schedule.cron, schedule.timezone, SIM_EPOCH_MS + afterMs);
  return next === null ? null : next - SIM_EPOCH_MS;
}

/** (Re)start the job's schedule actor from now, or stop it (no enabled schedule, or no leader to run it). */
export function armTimer(ctx: SimContext, state: ClusterState, job: JobRecord): void {
  const schedule = state.masters.some((m) => m.metronome === 'leader') ? activeSchedule(job) : undefined;
  const cronAt = schedule ? nextCronTime(schedule, ctx.now) : null;
  setTimer(ctx, state, job, schedule, cronAt);
}

function setTimer(ctx: SimContext, state: ClusterState, job: JobRecord, schedule: ScheduleSpec | undefined, cronAt: number | null): void {
  if (!schedule || cronAt === null) {
    job.timer = null;
    return;
  }
  const token = ++state.metronome.timerSeq;
  const at = fireAt(cronAt, ctx.now);
  job.timer = { scheduleId: schedule.id, cronAt, fireAt: at, token };
  ctx.schedule(at - ctx.now, { type: 'metronome.fire', jobId: job.spec.id, token });
}

/**
 * The timer fires: a run starts unless the policy is FORBID and one is active (then nothing happens and nothing
 * is recorded, JobRunServiceActor.scala:72-80); the next time follows the cron time just served.
 */
export function onFire(ctx: SimContext, state: ClusterState, jobId: string, token: number): void {
  const job = state.metronome.jobs[jobId];
  if (!job?.timer || job.timer.token !== token) return;
  const schedule = activeSchedule(job);
  if (!schedule || schedule.id !== job.timer.scheduleId) {
    job.timer = null;
    return;
  }
  if (schedule.concurrencyPolicy === 'ALLOW' || job.runs.length === 0) startRun(ctx, state, job, schedule);
  setTimer(ctx, state, job, schedule, nextCronTime(schedule, job.timer.cronAt));
}

/**
 * A new leader starts every job's actor from now. Cron times that passed while no leader could fire them are
 * dropped, as Metronome drops them; the sandbox counts them and notes them on the time bar.
 */
export function resumeTimers(ctx: SimContext, state: ClusterState): void {
  for (const job of Object.values(state.metronome.jobs)) {
    const schedule = activeSchedule(job);
    const missed = schedule && job.timer ? countMissed(schedule, job.timer.cronAt, ctx.now) : 0;
    if (missed > 0) {
      job.missed += missed;
      noteEvent(
        state,
        ctx.now,
        'failure',
        `Job ${job.spec.id} missed ${missed} scheduled run${missed === 1 ? '' : 's'}: no Metronome leader`,
      );
    }
    armTimer(ctx, state, job);
  }
}

/** Cron times in [from, to): the first one is the time the dropped timer waited for. */
function countMissed(schedule: ScheduleSpec, from: number, to: number): number {
  let count = 0;
  for (let t: number | null = from; t !== null && t < to && count < MAX_MISSED_COUNTED; t = nextCronTime(schedule, t)) count++;
  return count;
}
