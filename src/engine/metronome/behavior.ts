/**
 * How a job's tasks behave in the sandbox (the scenario's `metronome.behavior`, or `PUT /sandbox/v1/metronome/jobs/{id}/behavior`):
 * a task runs `durationSeconds` once RUNNING, then finishes, or exits non-zero with probability `failureRate`,
 * one draw of the seeded generator per task. Without a declared behaviour a `sleep N` in the command sets the
 * duration (a job whose command is `sleep 30` runs 30 s), else 10 s; failures only when declared.
 */
import type { JobSpec } from '../../common/metronome/job-spec.ts';
import type { SimContext } from '../core/events.ts';
import type { ClusterState, TaskState } from '../core/model.ts';
import type { JobBehavior } from './model.ts';

export const DEFAULT_DURATION_SECONDS = 10;

export function defaultBehavior(spec: JobSpec): JobBehavior {
  const sleep = /(?:^|[;&|\s])sleep\s+([0-9]+(?:\.[0-9]+)?)(?=$|[;&|\s])/.exec(spec.run.cmd ?? '');
  return { durationSeconds: sleep ? Number(sleep[1]) : DEFAULT_DURATION_SECONDS, failureRate: 0 };
}

/** The task is RUNNING on its agent: its exit is scheduled there, by its job's behaviour. */
export function scheduleTaskExit(ctx: SimContext, state: ClusterState, task: TaskState): void {
  const jobId = state.metronome.taskJob[task.id];
  const job = jobId === undefined ? undefined : state.metronome.jobs[jobId];
  if (!job) return;
  const { durationSeconds, failureRate } = job.behavior;
  const fails = failureRate > 0 && ctx.random() < failureRate;
  ctx.schedule(Math.max(1, Math.round(durationSeconds * 1000)), {
    type: 'task.status',
    taskId: task.id,
    state: fails ? 'TASK_FAILED' : 'TASK_FINISHED',
  });
}
