/**
 * `GET /mesos/metrics/snapshot`: the leading master's metrics, a flat map of numbers (apache/mesos
 * src/master/metrics.cpp, docs/monitoring.md). Resources are summed over registered agents as `/master/state` shows
 * them (total and used: resources of live tasks, not offers); task gauges are the live tasks by state, task counters
 * every state ever reached (since the cluster started: the sandbox keeps no per-master-process count, inferred).
 */
import type { ClusterState } from '../../engine/core/model.ts';
import type { TaskStateName } from '../../common/task-states.ts';
import { agentResources } from './resources-json.ts';
import { agentUsage } from './state.ts';
import type { MetricsSnapshot } from '../metrics/shapes.ts';

const GAUGE_STATES: ReadonlyArray<[string, TaskStateName]> = [
  ['staging', 'TASK_STAGING'],
  ['starting', 'TASK_STARTING'],
  ['running', 'TASK_RUNNING'],
  ['killing', 'TASK_KILLING'],
  ['unreachable', 'TASK_UNREACHABLE'],
];

const COUNTER_STATES: ReadonlyArray<[string, TaskStateName]> = [
  ['finished', 'TASK_FINISHED'],
  ['failed', 'TASK_FAILED'],
  ['killed', 'TASK_KILLED'],
  ['lost', 'TASK_LOST'],
  ['error', 'TASK_ERROR'],
  ['dropped', 'TASK_DROPPED'],
  ['gone', 'TASK_GONE'],
  ['gone_by_operator', 'TASK_GONE_BY_OPERATOR'],
];

const KINDS = ['cpus', 'mem', 'disk', 'gpus'] as const;

export function masterMetricsSnapshot(state: ClusterState, now: number): MetricsSnapshot {
  const out: MetricsSnapshot = {};
  const usage = agentUsage(state);
  const total = { cpus: 0, mem: 0, disk: 0, gpus: 0 };
  const used = { cpus: 0, mem: 0, disk: 0, gpus: 0 };
  state.agents.forEach((agent, i) => {
    if (!agent.registered) return;
    const t = agentResources(agent).total;
    const u = usage[i]!.used.json();
    for (const k of KINDS) {
      total[k] += t[k];
      used[k] += u[k];
    }
  });
  for (const k of KINDS) {
    out[`master/${k}_total`] = total[k];
    out[`master/${k}_used`] = used[k];
    out[`master/${k}_percent`] = total[k] > 0 ? used[k] / total[k] : 0;
    out[`master/${k}_revocable_total`] = 0;
    out[`master/${k}_revocable_used`] = 0;
    out[`master/${k}_revocable_percent`] = 0;
  }
  out['master/elected'] = 1;
  out['master/uptime_secs'] = Math.max(0, now - state.startedAt) / 1000;
  const registered = state.agents.filter((a) => a.registered);
  out['master/slaves_active'] = registered.filter((a) => !a.deactivated).length;
  out['master/slaves_inactive'] = registered.filter((a) => a.deactivated).length;
  out['master/slaves_connected'] = registered.filter((a) => !a.disconnected).length;
  out['master/slaves_disconnected'] = registered.filter((a) => a.disconnected).length;
  out['master/slaves_unreachable'] = state.agents.filter((a) => a.unreachableAt !== null).length;
  const frameworks = state.frameworks.filter((f) => f.registered);
  out['master/frameworks_active'] = frameworks.length;
  out['master/frameworks_inactive'] = 0;
  out['master/frameworks_connected'] = frameworks.length;
  out['master/frameworks_disconnected'] = state.frameworks.length - frameworks.length;
  out['master/outstanding_offers'] = state.offers.size;
  for (const [name, s] of GAUGE_STATES) out[`master/tasks_${name}`] = state.liveTasks.byState[s] ?? 0;
  for (const [name, s] of COUNTER_STATES) out[`master/tasks_${name}`] = state.taskStateCounts[s] ?? 0;
  return out;
}
