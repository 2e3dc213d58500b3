/**
 * What Telegraf on an agent collected last: every input runs once a minute (dcos/dcos gen/dcos-config.yaml:
 * `[agent] interval = "60s"`, `[[inputs.dcos_containers]] interval = "60s"`), so an answer shows the usage at the
 * last whole minute of simulated time, stamped with that time.
 */
import { SIM_EPOCH_MS } from '../../common/clock.ts';
import { TERMINAL_STATES } from '../../common/task-states.ts';
import type { AgentState, ClusterState, TaskState } from '../../engine/core/model.ts';
import { containerIdOf, uuidOf } from '../../engine/usage/hash.ts';
import { taskUsage, type TaskUsage } from '../../engine/usage/task-usage.ts';

export const SAMPLE_INTERVAL_MS = 60_000;
export const MB = 1024 * 1024;

/** The simulated time of the last collection at or before `now`. */
export function sampleTime(now: number): number {
  return Math.floor(Math.max(0, now) / SAMPLE_INTERVAL_MS) * SAMPLE_INTERVAL_MS;
}

/** RFC 3339 in whole seconds, as Go's `time.RFC3339` prints UTC. */
export function rfc3339(simMs: number): string {
  if (simMs !== lastStamp.at) lastStamp = { at: simMs, text: new Date(SIM_EPOCH_MS + simMs).toISOString().replace(/\.\d{3}Z$/, 'Z') };
  return lastStamp.text;
}

/** Every datapoint of a collection has the same time: its text is made once. */
let lastStamp = { at: Number.NaN, text: '' };

/** The cluster's id (DC/OS writes a UUID to /var/lib/dcos/cluster-id at install): hashed from its name and seed. */
export function clusterIdOf(state: ClusterState): string {
  let id = clusterIds.get(state);
  if (id === undefined) {
    id = uuidOf(`cluster:${state.clusterName}:${state.seed}`);
    clusterIds.set(state, id);
  }
  return id;
}

const clusterIds = new WeakMap<ClusterState, string>();

/** The agent with this Mesos id, unless it was decommissioned. */
export function agentById(state: ClusterState, id: string | undefined): AgentState | undefined {
  if (id === undefined) return undefined;
  // Agents are only ever appended: the index is rebuilt when the list grew (a read of every agent's metrics must not scan them all).
  let index = agentIndex.get(state.agents);
  if (!index || index.size !== state.agents.length) {
    index = new Map(state.agents.map((a) => [a.id, a]));
    agentIndex.set(state.agents, index);
  }
  const agent = index.get(id);
  return agent && !agent.gone ? agent : undefined;
}

const agentIndex = new WeakMap<AgentState[], Map<string, AgentState>>();

export interface ContainerSample {
  task: TaskState;
  containerId: string;
  usage: TaskUsage;
}

/** Whether Telegraf's collection at `at` saw the task's container: live, and launched before it. */
const collected = (task: TaskState | undefined, at: number): task is TaskState =>
  task !== undefined && !TERMINAL_STATES.has(task.state) && (task.statuses[0]?.timestamp ?? 0) <= at;

/** The ids of the containers collected at `at` (no usage computed). */
export function containerIdsOf(state: ClusterState, agent: AgentState, at: number): string[] {
  return agent.taskIds.filter((id) => collected(state.tasks[id], at)).map(containerIdOf);
}

/** The containers Telegraf saw on the agent at its last collection: live tasks launched before it. */
export function containersOf(state: ClusterState, agent: AgentState, at: number): ContainerSample[] {
  const out: ContainerSample[] = [];
  for (const id of agent.taskIds) {
    const task = state.tasks[id];
    if (!collected(task, at)) continue;
    out.push({ task, containerId: containerIdOf(id), usage: taskUsage(state, task, at) });
  }
  return out;
}

/** One container of the agent by its id, as last collected. */
export function containerOf(state: ClusterState, agent: AgentState, containerId: string, at: number): ContainerSample | undefined {
  for (const id of agent.taskIds) {
    if (containerIdOf(id) !== containerId) continue;
    const task = state.tasks[id];
    if (!collected(task, at)) return undefined;
    return { task, containerId, usage: taskUsage(state, task, at) };
  }
  return undefined;
}
