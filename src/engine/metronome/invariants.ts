/**
 * Metronome's safety invariants, for the fault-testing runs (src/engine/invariants.ts): every task a run tracks as
 * live is a task the master knows (live, or ended with its update on the way), a run has at most one live task
 * and none while it waits in the queue, and the task → job index matches the runs.
 */
import type { ClusterState } from '../core/model.ts';
import { completedLookup } from '../mesos/frameworks.ts';
import { isLive } from './runs.ts';

export function checkMetronome(state: ClusterState, out: string[]): void {
  const m = state.metronome;
  const isCompleted = completedLookup(state, m.frameworkId);
  const indexed = new Set<string>();
  for (const [jobId, job] of Object.entries(m.jobs)) {
    if (job.spec.id !== jobId) out.push(`Metronome keeps job ${job.spec.id} under ${jobId}`);
    for (const run of job.runs) {
      const live = run.tasks.filter((t) => isLive(t.status));
      if (live.length > 1) out.push(`run ${jobId}/${run.id} has ${live.length} live tasks`);
      if (run.queued && live.length > 0) out.push(`run ${jobId}/${run.id} waits in the queue with a live task`);
      for (const task of run.tasks) {
        indexed.add(task.id);
        if (m.taskJob[task.id] !== jobId)
          out.push(`task ${task.id} of run ${jobId}/${run.id} is indexed to ${m.taskJob[task.id] ?? 'nothing'}`);
        if (isLive(task.status) && !state.tasks[task.id] && !isCompleted(task.id))
          out.push(`run ${jobId}/${run.id} believes task ${task.id} is ${task.status}, but the master has no such task`);
      }
    }
  }
  for (const taskId in m.taskJob) if (!indexed.has(taskId)) out.push(`Metronome indexes task ${taskId}, which no run lists`);
}
