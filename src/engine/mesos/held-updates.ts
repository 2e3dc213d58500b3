/** Status updates an agent holds while the leading master cannot hear it, and whether it can now. */
import type { SimContext } from '../core/events.ts';
import type { ClusterState, StatusDetail } from '../core/model.ts';
import { MESSAGE_LATENCY_MS } from './timing.ts';

/** A registered agent answers pings again before it was marked unreachable: what it held goes out. */
export function flushHeldUpdates(ctx: SimContext, state: ClusterState, agentIdx: number): void {
  const agent = state.agents[agentIdx]!;
  for (const update of agent.heldUpdates)
    ctx.schedule(MESSAGE_LATENCY_MS, { type: 'task.status', taskId: update.taskId, state: update.state, ...withDetail(update.detail) });
  agent.heldUpdates = [];
}

/** Whether an update from this agent reaches the leader now (else the agent holds it). */
export function agentDelivers(state: ClusterState, agentIdx: number): boolean {
  const agent = state.agents[agentIdx]!;
  return agent.registered && !agent.disconnected;
}

/** A held update's detail, spread into the status event it becomes (nothing when it had none). */
export function withDetail(detail: StatusDetail | undefined): { detail?: StatusDetail } {
  return detail ? { detail } : {};
}
