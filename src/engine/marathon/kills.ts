/** Killing Marathon's tasks: KILLs the master cannot deliver are retried, and instances decommissioned. */
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { TERMINAL_STATES } from '../../common/task-states.ts';
import { killTask } from '../mesos/master.ts';
import { TERMINAL_CONDITIONS, type InstanceState } from './model.ts';
import { expungeInstance } from './store.ts';
import { changeInstance } from './instance-tally.ts';

/** Marathon retries a kill after this long (--task_kill_retry_timeout). */
export const KILL_RETRY_MS = 10_000;

/** KILL a task; one whose agent the master cannot reach now is killed again later, until it ends. */
export function killMarathonTask(ctx: SimContext, state: ClusterState, taskId: string): void {
  const m = state.marathon;
  if (killTask(ctx, state, taskId, gracePeriodOf(state, taskId))) return;
  const task = state.tasks[taskId];
  if (!task || task.state === 'TASK_KILLING' || m.killRetries.includes(taskId)) return;
  if (m.killRetries.length === 0) ctx.schedule(KILL_RETRY_MS, { type: 'marathon.kill-retry' });
  m.killRetries.push(taskId);
}

/**
 * The `taskKillGracePeriodSeconds` the task was launched with (the KillPolicy in its TaskInfo: a later change of the
 * app does not reach running tasks), in ms; 0 without one (pods: not simulated).
 */
function gracePeriodOf(state: ClusterState, taskId: string): number {
  const m = state.marathon;
  const instance = m.instances[m.taskInstance[taskId] ?? ''];
  const record = instance && m.runSpecs[instance.runSpecId];
  if (!instance || !record) return 0;
  const launched = record.versions.find((v) => v.version === instance.configVersion)?.definition;
  const app = launched ? (launched.kind === 'app' ? launched.app : undefined) : record.app;
  const seconds = app?.extra.taskKillGracePeriodSeconds;
  return typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : 0;
}

/** The retry timer: kills that go through, and tasks that ended meanwhile, leave the list; the rest wait another round. */
export function onKillRetry(ctx: SimContext, state: ClusterState, leading: boolean): void {
  const m = state.marathon;
  const waiting = m.killRetries;
  m.killRetries = [];
  for (const taskId of waiting) {
    const task = state.tasks[taskId];
    if (!task || task.state === 'TASK_KILLING') continue;
    if (leading && killTask(ctx, state, taskId, gracePeriodOf(state, taskId))) continue;
    m.killRetries.push(taskId);
  }
  if (m.killRetries.length > 0) ctx.schedule(KILL_RETRY_MS, { type: 'marathon.kill-retry' });
}

/** KILL every task of the instance that has not ended yet. */
export function killLiveTasks(ctx: SimContext, state: ClusterState, instance: InstanceState): void {
  instance.taskIds.forEach((id, k) => {
    if (!TERMINAL_STATES.has(instance.taskStates[k]!)) killMarathonTask(ctx, state, id);
  });
}

/** Kill an instance for good (scale down, stop, decommission). Unlaunched ones simply go. */
export function decommission(ctx: SimContext, state: ClusterState, instance: InstanceState): void {
  changeInstance(state.marathon, instance, () => (instance.goal = 'Decommissioned'));
  if (instance.condition === 'Scheduled' || TERMINAL_CONDITIONS.has(instance.condition) || instance.condition === 'UnreachableInactive') {
    if (instance.condition === 'UnreachableInactive') state.marathon.orphanTasks.push(...instance.taskIds);
    expungeInstance(state.marathon, instance);
    return;
  }
  if (instance.condition === 'Unreachable') {
    state.marathon.orphanTasks.push(...instance.taskIds);
    expungeInstance(state.marathon, instance);
    return;
  }
  killLiveTasks(ctx, state, instance);
}
