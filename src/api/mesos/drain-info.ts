/**
 * An agent's `drain_info` as Mesos (1.9+) reports it in /master/slaves and /master/state:
 * `{state: "DRAINING" | "DRAINED", config: {max_grace_period?: {nanoseconds}, mark_gone}}`, absent
 * when the agent is not being drained. DRAINED once no task of the agent is left.
 */
import type { ClusterState } from '../../engine/core/model.ts';
import { drainState } from '../../engine/mesos/maintenance.ts';
import type { DrainInfo } from '../shapes/mesos.ts';

export function drainInfoJson(state: ClusterState, agentIdx: number): DrainInfo | null {
  const drain = state.agents[agentIdx]!.drain;
  const now = drainState(state, agentIdx);
  if (!drain || !now) return null;
  const config: DrainInfo['config'] = { mark_gone: false };
  if (drain.maxGracePeriodMs !== null) config.max_grace_period = { nanoseconds: drain.maxGracePeriodMs * 1e6 };
  return { state: now, config };
}
