/**
 * A Mesos agent's `GET /metrics/snapshot`, reached through Admin Router's `/slave/{agentId}/…` (the agent's port
 * 5051): resources of the agent and what its live tasks use, task gauges, registration and uptime (apache/mesos
 * src/slave/metrics.cpp, docs/monitoring.md). The agent keeps no counters of ended tasks here (inferred: left out).
 */
import type { TaskStateName } from '../../common/task-states.ts';
import type { AgentState, ClusterState } from '../../engine/core/model.ts';
import { limitsOf } from '../../engine/usage/task-usage.ts';
import { agentTotals } from './node.ts';
import type { MetricsSnapshot } from './shapes.ts';

const GAUGES: ReadonlyArray<[string, TaskStateName]> = [
  ['staging', 'TASK_STAGING'],
  ['starting', 'TASK_STARTING'],
  ['running', 'TASK_RUNNING'],
  ['killing', 'TASK_KILLING'],
];

export function agentMetricsSnapshot(state: ClusterState, agent: AgentState, now: number): MetricsSnapshot {
  const total = { ...agentTotals(agent), gpus: agent.pools.reduce((s, p) => s + p.total[3], 0) };
  const used = { cpus: 0, mem: 0, disk: 0, gpus: 0 };
  const byState = new Map<TaskStateName, number>();
  for (const id of agent.taskIds) {
    const task = state.tasks[id];
    if (!task) continue;
    const l = limitsOf(task);
    used.cpus += l.cpus;
    used.mem += l.mem;
    used.disk += l.disk;
    used.gpus += task.portions.reduce((s, p) => s + p.scalars[3], 0);
    byState.set(task.state, (byState.get(task.state) ?? 0) + 1);
  }
  const out: MetricsSnapshot = {};
  for (const k of ['cpus', 'mem', 'disk', 'gpus'] as const) {
    out[`slave/${k}_total`] = total[k];
    out[`slave/${k}_used`] = used[k];
    out[`slave/${k}_percent`] = total[k] > 0 ? used[k] / total[k] : 0;
  }
  for (const [name, s] of GAUGES) out[`slave/tasks_${name}`] = byState.get(s) ?? 0;
  out['slave/executors_running'] = agent.taskIds.length;
  out['slave/registered'] = agent.registered ? 1 : 0;
  out['slave/uptime_secs'] = Math.max(0, now - state.startedAt) / 1000;
  return out;
}
