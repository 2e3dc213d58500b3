/**
 * The agents the UI shows: the live ones (decommissioned agents stay in the cluster's list, see
 * mesos/agents.ts, but not in the layout), and a number that changes with every agent added or
 * decommissioned, so the page knows a frame's per-agent arrays need a new layout.
 */
import type { ClusterState } from './core/model.ts';

/** Agents added + agents decommissioned: grows with each change to the list of live agents. */
export function agentsVersion(state: ClusterState): number {
  let gone = 0;
  for (const agent of state.agents) if (agent.gone) gone++;
  return state.agents.length + gone;
}

interface AgentArrays {
  agentAllocated: Float64Array;
  agentTasks: Int32Array;
  agentStatus: Uint8Array;
}

/** Per-agent arrays indexed by the cluster's list, narrowed to the live agents (the layout's order). */
export function liveAgentArrays(state: ClusterState, arrays: AgentArrays): AgentArrays {
  if (!state.agents.some((a) => a.gone)) return arrays;
  const live = state.agents.flatMap((a, i) => (a.gone ? [] : [i]));
  const agentAllocated = new Float64Array(live.length * 4);
  live.forEach((a, k) => agentAllocated.set(arrays.agentAllocated.subarray(a * 4, a * 4 + 4), k * 4));
  return {
    agentAllocated,
    agentTasks: Int32Array.from(live, (a) => arrays.agentTasks[a]!),
    agentStatus: Uint8Array.from(live, (a) => arrays.agentStatus[a]!),
  };
}
