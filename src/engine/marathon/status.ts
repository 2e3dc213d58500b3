/**
 * Status updates for Marathon's tasks move instances through their conditions (SEMANTICS 6.2–6.6):
 * unreachable, terminal (see terminal.ts), or on their way to Running, where health checks and the
 * scenario's scripted failures begin.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState, TaskState } from '../core/model.ts';
import { TERMINAL_STATES } from '../../common/task-states.ts';
import { TERMINAL_CONDITIONS, type Condition, type InstanceState, type RunSpecRecord } from './model.ts';
import { conditionOf, setCondition } from './conditions.ts';
import { requestCheck } from './deployment-check.ts';
import { startHealthChecks } from './health.ts';
import { startReadinessCheck } from './readiness.ts';
import { killLiveTasks, killMarathonTask } from './kills.ts';
import { onTerminal } from './terminal.ts';
import { onUnreachable } from './unreachable.ts';
import { scheduleOomKill } from '../usage/oom.ts';

/** A status update for one of Marathon's tasks. */
export function handleMarathonStatus(ctx: SimContext, state: ClusterState, task: TaskState): void {
  const m = state.marathon;
  const instanceId = m.taskInstance[task.id];
  const instance = instanceId === undefined ? undefined : m.instances[instanceId];
  if (!instance) {
    onUnknownTask(ctx, state, task);
    return;
  }
  const k = instance.taskIds.indexOf(task.id);
  if (k < 0) return;
  instance.taskStates[k] = task.state;
  const record = m.runSpecs[instance.runSpecId]!;
  const before = instance.condition;
  const condition = conditionOf(instance.taskStates);
  if (task.state === 'TASK_UNREACHABLE') {
    onUnreachable(ctx, m, record, instance);
  } else if (TERMINAL_CONDITIONS.has(condition)) {
    onTerminal(ctx, state, record, instance, condition, task);
  } else {
    if (TERMINAL_STATES.has(task.state)) killLiveTasks(ctx, state, instance); // one container of a pod ended: the group goes
    const running = condition === 'Running' && before !== 'Running';
    if (running) onRunning(ctx, state, record, instance, before);
    setCondition(m, instance, condition, ctx.now);
    if (running) startReadinessCheck(ctx, state, record, instance);
  }
  requestCheck(ctx, m);
}

/** A task Marathon no longer knows (its instance was expunged while the agent was away) is killed. */
function onUnknownTask(ctx: SimContext, state: ClusterState, task: TaskState): void {
  const m = state.marathon;
  if (!TERMINAL_STATES.has(task.state)) killMarathonTask(ctx, state, task.id);
  if (TERMINAL_STATES.has(task.state)) m.orphanTasks = m.orphanTasks.filter((id) => id !== task.id);
}

function onRunning(ctx: SimContext, state: ClusterState, record: RunSpecRecord, instance: InstanceState, before: Condition): void {
  if (before === 'Unreachable' || before === 'UnreachableInactive') {
    // Back from a lost agent. A replaced instance keeps its unreachable time: reconciliation expunges it.
    if (before === 'Unreachable') instance.unreachableSince = null;
    // Its health checks went on while it was away, unless it was lost before it ever ran: then they start now.
    if (instance.startedAt !== null) return;
  }
  instance.startedAt = ctx.now;
  startHealthChecks(ctx, state, record, instance);
  scheduleScriptedFailure(ctx, record, instance);
  for (const taskId of instance.taskIds) scheduleOomKill(ctx, state, taskId);
}

/** The scenario's behaviour for the app: a start that fails at once, or a crash after a random (exponential) time. */
function scheduleScriptedFailure(ctx: SimContext, record: RunSpecRecord, instance: InstanceState): void {
  const { behavior } = record;
  const firstTask = instance.taskIds[0]!;
  if (behavior.startFailureRate > 0 && ctx.random() < behavior.startFailureRate) {
    ctx.schedule(ctx.randomInt(500, 5000), { type: 'task.status', taskId: firstTask, state: 'TASK_FAILED' });
  } else if (behavior.meanSecondsToCrash !== null) {
    const seconds = -Math.log(1 - ctx.random()) * behavior.meanSecondsToCrash;
    ctx.schedule(Math.max(1, Math.round(seconds * 1000)), { type: 'task.status', taskId: firstTask, state: 'TASK_FAILED' });
  }
}
