/**
 * The one event the usage model costs: a task whose app leaks memory is killed by the kernel's OOM killer when its
 * memory reaches its cgroup's limit. Mesos' cgroups memory isolator reports the limitation and the agent ends the
 * task TASK_FAILED, source SOURCE_SLAVE, reason REASON_CONTAINER_LIMITATION_MEMORY, with a message naming the
 * requested limit and the maximum used (apache/mesos src/slave/containerizer/mesos/isolators/cgroups/subsystems/
 * memory.cpp `oomWaited`, src/slave/slave.cpp `sendExecutorTerminatedStatusUpdate`). Marathon then handles it as
 * any TASK_FAILED: its backoff grows and the instance is launched again.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState, StatusDetail } from '../core/model.ts';
import { fnv1a } from './hash.ts';
import { oomSeconds } from './profile.ts';
import { limitsOf, startedAt, usageSpecOf } from './task-usage.ts';

export const OOM_REASON = 'REASON_CONTAINER_LIMITATION_MEMORY';

/** stout's `Bytes` printing: the largest unit that loses nothing (B, KB, MB, GB, TB). */
export function stoutBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = Math.round(bytes);
  let unit = 0;
  while (value !== 0 && value % 1024 === 0 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value}${units[unit]}`;
}

/** The status an OOM-killed task ends with. */
export function oomDetail(limitMb: number): StatusDetail {
  const limit = stoutBytes(limitMb * 1024 * 1024);
  return { source: 'SOURCE_SLAVE', reason: OOM_REASON, message: `Memory limit exceeded: Requested: ${limit} Maximum Used: ${limit}` };
}

/** When a task's memory reaches its limit (simulated ms), or null: it does not leak, or it is gone. */
export function oomAt(state: ClusterState, taskId: string): number | null {
  const task = state.tasks[taskId];
  if (!task) return null;
  const after = oomSeconds(usageSpecOf(state, taskId), limitsOf(task), fnv1a(taskId));
  return after === null ? null : startedAt(task) + Math.max(1, Math.round(after * 1000));
}

/**
 * A task of a leaking app has just started running, or its app's usage changed: its OOM kill is scheduled for when
 * its memory reaches the limit. The event checks again when it fires (the usage may have changed since).
 */
export function scheduleOomKill(ctx: SimContext, state: ClusterState, taskId: string): void {
  const at = oomAt(state, taskId);
  if (at !== null) ctx.schedule(Math.max(1, at - ctx.now), { type: 'usage.oom', taskId });
}

/** The OOM event fires: the task is killed if it still leaks and its memory has reached the limit by now. */
export function onOom(ctx: SimContext, state: ClusterState, taskId: string): void {
  const at = oomAt(state, taskId);
  if (at === null || at > ctx.now) return;
  const task = state.tasks[taskId]!;
  if (task.state !== 'TASK_RUNNING' && task.state !== 'TASK_KILLING') return;
  ctx.record(`${ctx.now} usage.oom ${taskId}`);
  ctx.schedule(0, { type: 'task.status', taskId, state: 'TASK_FAILED', detail: oomDetail(limitsOf(task).mem) });
}
