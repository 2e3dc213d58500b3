/**
 * Tasks as beats, by app (Marathon's run spec) or framework: started running, failed (with the
 * reason Mesos gave, such as an OOM kill), unreachable, killed, finished. A run's bursts merge
 * into one sentence per app and outcome.
 */
import type { TaskStateName } from '../../common/task-states.ts';
import type { ClusterState, TaskState } from '../../engine/core/model.ts';
import { merged, type Emit } from './beats.ts';
import type { Highlights } from './types.ts';
import { count, listOf } from './time.ts';

interface Watched {
  task: TaskState;
  state: TaskStateName;
  thread: string;
  /** "/web", or "framework load". */
  owner: string;
  app: string | null;
}

/** Mesos' reasons a reader needs in words; others are named by their code. */
const REASONS: Record<string, string> = {
  REASON_CONTAINER_LIMITATION_MEMORY: 'out of memory: the kernel OOM-killed it (REASON_CONTAINER_LIMITATION_MEMORY)',
  REASON_COMMAND_EXECUTOR_FAILED: 'its command exited with an error (REASON_COMMAND_EXECUTOR_FAILED)',
  REASON_AGENT_REMOVED: 'its agent was removed (REASON_AGENT_REMOVED)',
  REASON_SLAVE_REMOVED: 'its agent was removed (REASON_SLAVE_REMOVED)',
  REASON_TASK_KILLED_DURING_LAUNCH: 'killed during launch (REASON_TASK_KILLED_DURING_LAUNCH)',
};

export class TaskWatcher {
  #tasks = new Map<string, Watched>();
  #counted = -1;

  observe(state: ClusterState, emit: Emit): void {
    let total = 0;
    for (const n of Object.values(state.taskStateCounts)) total += n ?? 0;
    if (total === this.#counted) return; // no task changed state since the last look
    this.#counted = total;
    for (const [id, task] of Object.entries(state.tasks)) {
      if (!this.#tasks.has(id)) this.#tasks.set(id, { task, state: 'TASK_STAGING', ...ownerOf(state, task) });
    }
    for (const [id, w] of this.#tasks) {
      const now = w.task.state;
      if (now === w.state) continue;
      w.state = now;
      const beat = taskBeat(state, w);
      if (beat) emit(beat);
      if (!state.tasks[id]) this.#tasks.delete(id);
    }
  }
}

function ownerOf(state: ClusterState, task: TaskState): Omit<Watched, 'task' | 'state'> {
  const instance = state.marathon.instances[state.marathon.taskInstance[task.id] ?? ''];
  if (instance) return { thread: `app:${instance.runSpecId}`, owner: instance.runSpecId, app: instance.runSpecId };
  const fw = state.frameworks.find((f) => f.id === task.frameworkId);
  const name = fw?.name ?? task.frameworkId;
  return { thread: `framework:${name}`, owner: `framework ${name}`, app: null };
}

function taskBeat(state: ClusterState, w: Watched): ReturnType<typeof merged> | null {
  const host = state.agents[w.task.agentIdx]?.hostname ?? '?';
  const highlights: Highlights = { tasks: [w.task.id], agents: [host], ...(w.app === null ? {} : { apps: [w.app] }) };
  const tasksOf = (n: number): string => `${count(n, 'task')} of ${w.owner}`;
  const on = (items: readonly string[]): string => (items.length === 0 ? '' : ` on ${listOf(items)}`);
  switch (w.state) {
    case 'TASK_RUNNING':
      return merged(
        w.thread,
        `${w.owner}: tasks started`,
        `running:${w.thread}`,
        host,
        (items) => `${tasksOf(items.length)} started running${on(items)}`,
        highlights,
      );
    case 'TASK_UNREACHABLE':
      return merged(
        w.thread,
        `${w.owner}: tasks unreachable`,
        `unreachable:${w.thread}`,
        host,
        (items) => `${tasksOf(items.length)} became TASK_UNREACHABLE${on(items)}`,
        highlights,
      );
    case 'TASK_KILLED':
      return merged(
        w.thread,
        `${w.owner}: tasks killed`,
        `killed:${w.thread}`,
        host,
        (items) => `${tasksOf(items.length)} were killed${on(items)}`,
        highlights,
      );
    case 'TASK_FINISHED':
      return merged(
        w.thread,
        `${w.owner}: tasks finished`,
        `finished:${w.thread}`,
        host,
        (items) => `${tasksOf(items.length)} finished${on(items)}`,
        highlights,
      );
    case 'TASK_FAILED':
    case 'TASK_ERROR':
    case 'TASK_LOST':
    case 'TASK_DROPPED':
    case 'TASK_GONE':
    case 'TASK_GONE_BY_OPERATOR': {
      const detail = w.task.statuses[w.task.statuses.length - 1]?.detail;
      const why = detail ? `: ${REASONS[detail.reason] ?? detail.reason}` : '';
      const verb = w.state === 'TASK_FAILED' ? 'failed' : `ended ${w.state}`;
      const render = (items: readonly string[]): string => `${tasksOf(items.length)} ${verb}${on(items)}${why}`;
      return merged(
        w.thread,
        `${w.owner}: tasks failed`,
        `failed:${w.thread}:${w.state}:${detail?.reason ?? ''}`,
        host,
        render,
        highlights,
      );
    }
    default:
      return null;
  }
}
