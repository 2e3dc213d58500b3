/**
 * An instance whose tasks have all ended: expunged when it is not meant to run (or was replaced),
 * else its failure is recorded, the launch backoff grows and the same instance is scheduled again
 * (its next incarnation).
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState, TaskState } from '../core/model.ts';
import { noteEvent } from '../core/notable.ts';
import type { Condition, InstanceState, RunSpecRecord } from './model.ts';
import { addBackoff } from './backoff.ts';
import { setCondition } from './conditions.ts';
import { KILLED_UNHEALTHY } from './health.ts';
import { reviveForLaunches } from './revive.ts';
import { expungeInstance, markWaiting } from './store.ts';
import { changeInstance } from './instance-tally.ts';
import { rescheduleOnReservation } from './resident-lifecycle.ts';

export function onTerminal(
  ctx: SimContext,
  state: ClusterState,
  record: RunSpecRecord,
  instance: InstanceState,
  condition: Condition,
  task: TaskState,
): void {
  const m = state.marathon;
  setCondition(m, instance, condition, ctx.now);
  // The operator marked the agent gone: the reservation went with it, and the instance may go anywhere (`InstanceUpdater`).
  if (task.state === 'TASK_GONE_BY_OPERATOR') delete instance.reservation;
  // Stopped with a reservation: kept, its volumes detached, for a later scale up or restart.
  if (instance.goal === 'Stopped' && instance.reservation && !record.removing) return;
  // An instance replaced after its agent was lost is done for good when its task ends (else N + 1 would run).
  const replaced = instance.unreachableSince !== null && record.instanceIds.some((id) => m.instances[id]?.replaces === instance.id);
  if (instance.goal !== 'Running' || record.removing || replaced) {
    expungeInstance(m, instance);
    return;
  }
  const killedForHealth = instance.health?.lastFailureCause === KILLED_UNHEALTHY;
  if (condition !== 'Killed' || killedForHealth) {
    const failure = killedForHealth
      ? { note: 'task killed, unhealthy', message: 'Task was killed since health check failed.' }
      : { note: `task ${condition.toLowerCase()}`, message: failureMessage(task) };
    recordTaskFailure(ctx, state, record, instance, task, failure);
    addBackoff(ctx, record);
  }
  reschedule(ctx, state, record, instance);
}

/** The run spec's lastTaskFailure, and a mark on the time bar. */
function recordTaskFailure(
  ctx: SimContext,
  state: ClusterState,
  record: RunSpecRecord,
  instance: InstanceState,
  task: TaskState,
  failure: { note: string; message: string },
): void {
  const agent = instance.agentIdx === null ? null : state.agents[instance.agentIdx]!;
  noteEvent(state, ctx.now, 'failure', `${record.spec.id}: ${failure.note}${agent === null ? '' : ` on ${agent.hostname}`}`);
  record.lastTaskFailure = {
    appId: record.spec.id,
    host: agent === null ? '' : agent.hostname,
    message: failure.message,
    state: task.state,
    taskId: task.id,
    timestamp: ctx.now,
    version: instance.configVersion,
    slaveId: agent === null ? '' : agent.id,
  };
}

function failureMessage(task: TaskState): string {
  const detail = task.statuses.at(-1)?.detail;
  if (detail) return detail.message;
  if (task.state === 'TASK_FINISHED') return 'Command exited with status 0';
  if (task.state === 'TASK_FAILED') return 'Command exited with status 1';
  if (task.state === 'TASK_LOST' || task.state === 'TASK_GONE' || task.state === 'TASK_GONE_BY_OPERATOR') return 'Agent was removed';
  return task.state;
}

/** A terminal instance whose goal is Running is rescheduled: same instance, next incarnation (a resident one on its reservation). */
function reschedule(ctx: SimContext, state: ClusterState, record: RunSpecRecord, instance: InstanceState): void {
  if (instance.reservation) {
    rescheduleOnReservation(state.marathon, instance, ctx.now);
    markWaiting(record, ctx.now);
    reviveForLaunches(ctx, state);
    return;
  }
  for (const id of instance.taskIds) delete state.marathon.taskInstance[id];
  instance.taskIds = [];
  instance.taskStates = [];
  instance.agentIdx = null;
  changeInstance(state.marathon, instance, () => (instance.health = null));
  instance.forcedUnhealthy = false;
  setCondition(state.marathon, instance, 'Scheduled', ctx.now);
  markWaiting(record, ctx.now);
  reviveForLaunches(ctx, state);
}
