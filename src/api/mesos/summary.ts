/** GET /mesos/master/state-summary: per-agent and per-framework task counters. */
import type { ClusterState, TaskState } from '../../engine/core/model.ts';
import type { CountedTaskState, StateSummary, TaskCounters } from '../shapes/mesos.ts';
import { agentResources } from './resources-json.ts';
import { agentUsage, pushTo } from './state.ts';
import { MESOS_VERSION } from '../../common/versions.ts';
import { leaderOf } from './leader-of.ts';

const COUNTED: readonly CountedTaskState[] = [
  'TASK_STAGING',
  'TASK_STARTING',
  'TASK_RUNNING',
  'TASK_KILLING',
  'TASK_FINISHED',
  'TASK_KILLED',
  'TASK_FAILED',
  'TASK_LOST',
  'TASK_ERROR',
  'TASK_UNREACHABLE',
];

function counters(tasks: TaskState[]): TaskCounters {
  const out: Record<string, number> = Object.fromEntries(COUNTED.map((s) => [s, 0]));
  for (const t of tasks) if (t.state in out) out[t.state]!++;
  return out as TaskCounters;
}

export function stateSummary(state: ClusterState): StateSummary {
  const usage = agentUsage(state);
  const completedByAgent = new Map<number, TaskState[]>();
  const allByFramework = new Map<string, TaskState[]>();
  for (const fw of state.frameworks) {
    for (const t of fw.completedTasks) {
      pushTo(completedByAgent, t.agentIdx, t);
      pushTo(allByFramework, fw.id, t);
    }
  }
  for (const id in state.tasks) pushTo(allByFramework, state.tasks[id]!.frameworkId, state.tasks[id]!);
  return {
    hostname: leaderOf(state).hostname,
    cluster: state.clusterName,
    slaves: state.agents.flatMap((agent, i) => {
      if (!agent.registered) return [];
      const u = usage[i]!;
      const res = agentResources(agent);
      const tasks = [...u.tasks, ...(completedByAgent.get(i) ?? [])];
      return [
        {
          id: agent.id,
          pid: `slave(1)@${agent.ip}:5051`,
          hostname: agent.hostname,
          resources: res.total,
          used_resources: u.used.json(),
          offered_resources: u.offered.json(),
          reserved_resources: res.reserved,
          unreserved_resources: res.unreserved,
          attributes: { ...agent.attributes },
          active: true,
          version: MESOS_VERSION,
          ...counters(tasks),
          framework_ids: [...new Set(u.tasks.map((t) => t.frameworkId))],
        },
      ];
    }),
    frameworks: state.frameworks
      .filter((f) => f.registered)
      .map((fw) => {
        const tasks = allByFramework.get(fw.id) ?? [];
        return {
          id: fw.id,
          name: fw.name,
          active: true,
          connected: true,
          ...counters(tasks),
          slave_ids: [...new Set(tasks.filter((t) => state.tasks[t.id]).map((t) => state.agents[t.agentIdx]!.id))],
        };
      }),
  };
}
