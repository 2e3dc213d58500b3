/** GET /mesos/master/slaves, /frameworks and /tasks, with Mesos' query parameters. */
import type { ClusterState, TaskState } from '../../engine/core/model.ts';
import type { MesosAgentList, MesosFrameworkList, MesosTaskList } from '../shapes/mesos.ts';
import { agentJson, agentUsage, byFramework, frameworkJson, taskJson } from './state.ts';
import { agentFullResources } from './resources-full.ts';

export function slavesJson(state: ClusterState, query: URLSearchParams): MesosAgentList {
  const wanted = query.get('slave_id');
  const usage = agentUsage(state);
  return {
    slaves: state.agents.flatMap((a, i) =>
      a.registered && (!wanted || a.id === wanted) ? [{ ...agentJson(state, i, usage[i]!), ...agentFullResources(state, i) }] : [],
    ),
    recovered_slaves: [],
  };
}

export function frameworksJson(state: ClusterState, query: URLSearchParams): MesosFrameworkList {
  const wanted = query.get('framework_id');
  const grouped = byFramework(state);
  return {
    frameworks: state.frameworks
      .filter((f) => f.registered && (!wanted || f.id === wanted))
      .map((f) => frameworkJson(state, f, grouped.tasks.get(f.id) ?? [], grouped.offers.get(f.id) ?? [])),
    completed_frameworks: [],
    unregistered_frameworks: [],
  };
}

/** Live and completed tasks; `limit` (default 100), `offset`, `order` (asc|des, default des), `framework_id`, `task_id`. */
export function tasksJson(state: ClusterState, query: URLSearchParams): MesosTaskList {
  const frameworkId = query.get('framework_id');
  const taskId = query.get('task_id');
  const limit = clampInt(query.get('limit'), 100);
  const offset = clampInt(query.get('offset'), 0);
  const all: TaskState[] = [];
  for (const id in state.tasks) all.push(state.tasks[id]!);
  for (const fw of state.frameworks) all.push(...fw.completedTasks);
  const matching = all
    .filter((t) => (!frameworkId || t.frameworkId === frameworkId) && (!taskId || t.id === taskId))
    .sort((a, b) => a.statuses[0]!.timestamp - b.statuses[0]!.timestamp || (a.id < b.id ? -1 : 1));
  if (query.get('order') !== 'asc') matching.reverse();
  return { tasks: matching.slice(offset, offset + limit).map((t) => taskJson(state, t)) };
}

function clampInt(text: string | null, fallback: number): number {
  const n = text === null ? NaN : Number.parseInt(text, 10);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}
