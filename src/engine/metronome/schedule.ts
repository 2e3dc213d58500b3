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

/** Cron steps a takeover spends counting missed times, across all jobs (about 0.7 s at 10,000: a long outage of every job). */
const MISSED_COUNT_BUDGET = 10_000;
/** Jobs a takeover names in events of their own; the rest share one. */
const MISSED_EVENTS = 10;

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
 * dropped, as Metronome drops them; the sandbox counts them and notes them on the time bar. Counting walks the cron,
 * so a takeover counts at most MISSED_COUNT_BUDGET times in all (each job's first miss needs no walk): after a long
 * outage of many jobs the counts become "or more", and past MISSED_EVENTS jobs one event names how many others missed.
 */
export function resumeTimers(ctx: SimContext, state: ClusterState): void {
  let budget = MISSED_COUNT_BUDGET;
  const missedJobs: string[] = [];
  for (const job of Object.values(state.metronome.jobs)) {
    const schedule = activeSchedule(job);
    if (schedule && job.timer && job.timer.cronAt < ctx.now) {
      const { count, complete } = countMissed(schedule, job.timer.cronAt, ctx.now, Math.max(1, budget));
      budget -= count;
      job.missed += count;
      missedJobs.push(job.spec.id);
      if (missedJobs.length <= MISSED_EVENTS) {
        const runs = `${count}${complete ? '' : ' or more'} scheduled run${count === 1 && complete ? '' : 's'}`;
        noteEvent(state, ctx.now, 'failure', `Job ${job.spec.id} missed ${runs}: no Metronome leader`);
      }
    }
    armTimer(ctx, state, job);
  }
  const others = missedJobs.length - MISSED_EVENTS;
  if (others > 0) noteEvent(state, ctx.now, 'failure', `${others} more jobs missed scheduled runs: no Metronome leader`);
}

/** Cron times in [from, to), the first being the time the dropped timer waited for; at `limit` it stops ("or more"). */
function countMissed(schedule: ScheduleSpec, from: number, to: number, limit: number): { count: number; complete: boolean } {
  let count = 0;
  for (let t: number | null = from; t !== null && t < to; t = nextCronTime(schedule, t)) {
    count++;
    if (count >= limit) return { count, complete: false };
  }
  return { count, complete: true };
}
