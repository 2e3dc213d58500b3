/**
 * Metronome in HA: an instance on every master, one leader elected through ZooKeeper (Curator's latch on
 * `/metronome/leader-curator`). Jobs, active runs and histories live in ZooKeeper, so a new leader takes them
 * over: runs not yet active are re-loaded as STARTING, a starting deadline that passed meanwhile aborts its run,
 * schedules restart from now, and after subscribing Metronome reconciles its tasks with the master.
 */
import type { TaskStateName } from '../../common/task-states.ts';
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { noteEvent } from '../core/notable.ts';
import { frameworkById } from '../mesos/frameworks.ts';
import { deactivate, RESTART_DELAY_MS } from '../mesos/leader.ts';
import { dropClient } from '../zookeeper/ensemble.ts';
import { abortRun, isLive, jobTaskStatus, onRunTaskStatus, queueTask } from './runs.ts';
import { resumeTimers } from './schedule.ts';

/** The index of the master whose Metronome leads, or null. */
export function metronomeLeaderIndex(state: ClusterState): number | null {
  const i = state.masters.findIndex((m) => m.metronome === 'leader');
  return i >= 0 ? i : null;
}

export function becomeMetronomeLeader(ctx: SimContext, state: ClusterState, master: number): void {
  const m = state.masters[master]!;
  m.metronome = 'leader';
  state.ha.metronomeEpoch = (state.ha.metronomeEpoch ?? 0) + 1;
  state.ha.metronomeElectedAt = ctx.now;
  state.ha.metronomeLostAt = null;
  noteEvent(state, ctx.now, 'leader', `Metronome on ${m.hostname} leads`);
  for (const job of Object.values(state.metronome.jobs)) {
    for (const run of [...job.runs]) {
      if (run.status === 'ACTIVE') continue;
      if (run.startingDeadlineAt !== null && run.startingDeadlineAt <= ctx.now) abortRun(ctx, state, job, run);
      else {
        run.status = 'STARTING';
        if (run.startingDeadlineAt !== null)
          ctx.schedule(run.startingDeadlineAt - ctx.now, { type: 'metronome.starting-deadline', jobId: job.spec.id, runId: run.id });
      }
    }
  }
  resumeTimers(ctx, state);
}

/** The leading instance is gone (crash, lost session): the framework is disconnected from Mesos. */
export function loseMetronomeLeadership(ctx: SimContext, state: ClusterState, master: number, why: string): void {
  const m = state.masters[master]!;
  if (m.metronome !== 'leader') return;
  m.metronome = 'down';
  state.ha.metronomeLostAt = ctx.now;
  noteEvent(state, ctx.now, 'leader', `Metronome on ${m.hostname} stopped leading: ${why}`);
  deactivate(state, frameworkById(state, state.metronome.frameworkId));
}

/** The Metronome process of `master` exits (it lost its session) and systemd restarts it. */
export function abdicateMetronome(ctx: SimContext, state: ClusterState, master: number, why: string): void {
  const m = state.masters[master]!;
  loseMetronomeLeadership(ctx, state, master, why);
  m.metronome = 'down';
  dropClient(ctx, state, master, 'metronome');
  if (!m.up) return;
  m.units.metronome = 'starting';
  ctx.schedule(ctx.randomInt(RESTART_DELAY_MS[0], RESTART_DELAY_MS[1]), { type: 'unit.up', master, unit: 'metronome', boot: m.boot });
}

/**
 * Reconciliation (after subscribing, then every 15 min): each task a run tracks is compared with what the master
 * knows and a difference is handled as the missed update; a run left with no live and no queued task queues one.
 */
export function reconcileMetronomeTasks(ctx: SimContext, state: ClusterState): void {
  const fw = frameworkById(state, state.metronome.frameworkId);
  const completed = new Map(fw.completedTasks.map((t) => [t.id, t]));
  for (const job of Object.values(state.metronome.jobs)) {
    for (const run of [...job.runs]) {
      for (const task of [...run.tasks]) {
        if (!isLive(task.status)) continue;
        const actual = state.tasks[task.id] ?? completed.get(task.id);
        const now: TaskStateName = actual ? actual.state : 'TASK_GONE';
        if (actual?.state === 'TASK_STAGING' && task.status === 'TASK_CREATED') continue;
        if (jobTaskStatus(now) !== task.status) onRunTaskStatus(ctx, state, task.id, now);
      }
      if (job.runs.includes(run) && !run.queued && !run.tasks.some((t) => isLive(t.status))) queueTask(ctx, state, run);
    }
  }
}
