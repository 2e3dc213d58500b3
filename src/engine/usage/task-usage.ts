/** A live task's usage at the simulated now: its limits, its app's usage spec and its container's start, read from the state. */
import type { UsageSpec } from '../../common/scenario/types.ts';
import { own } from '../../common/own.ts';
import type { ClusterState, TaskState } from '../core/model.ts';
import { fnv1a } from './hash.ts';
import { usageAt, type Limits, type UsageSample } from './profile.ts';

/** The resources a task was launched with, summed over its portions. */
export function limitsOf(task: TaskState): Limits {
  let cpus = 0;
  let mem = 0;
  let disk = 0;
  for (const p of task.portions) {
    cpus += p.scalars[0];
    mem += p.scalars[1];
    disk += p.scalars[2] + (p.wholeDisk ?? 0);
  }
  return { cpus, mem, disk };
}

/** The usage spec of the app (or pod) a Marathon task belongs to; undefined for other frameworks' tasks (steady). */
export function usageSpecOf(state: ClusterState, taskId: string): UsageSpec | undefined {
  const m = state.marathon;
  const instanceId = own(m.taskInstance, taskId);
  const instance = instanceId === undefined ? undefined : own(m.instances, instanceId);
  return instance ? own(m.runSpecs, instance.runSpecId)?.behavior.usage : undefined;
}

/** When the task's container started: its first TASK_RUNNING, else its launch (it uses nothing before it runs). */
export function startedAt(task: TaskState): number {
  for (const s of task.statuses) if (s.state === 'TASK_RUNNING') return s.timestamp;
  return task.statuses[0]?.timestamp ?? 0;
}

export interface TaskUsage {
  limits: Limits;
  sample: UsageSample;
  startedAt: number;
}

/** What the task uses at `now`. */
export function taskUsage(state: ClusterState, task: TaskState, now: number): TaskUsage {
  const limits = limitsOf(task);
  const start = startedAt(task);
  const running = task.statuses.some((s) => s.state === 'TASK_RUNNING');
  const sample = usageAt(usageSpecOf(state, task.id), limits, fnv1a(task.id), running ? now - start : 0);
  return { limits, sample, startedAt: start };
}
