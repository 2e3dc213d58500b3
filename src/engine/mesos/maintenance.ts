/**
 * Agent maintenance, as the operator API and `dcos node` do it: DEACTIVATE_AGENT (no more
 * offers; its tasks keep running), DRAIN_AGENT (deactivated, and its tasks are killed, within a
 * grace period; DRAINING until none is left, then DRAINED) and REACTIVATE_AGENT. Each is a
 * registry write.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { killTask, tasksOn } from './master.ts';
import { rescindOffers } from './offers.ts';
import { leaderIndex, registryWrite } from './leader.ts';

export type MaintenanceResult = { ok: true } | { ok: false; status: number; message: string };

function precheck(ctx: SimContext, state: ClusterState, agentIdx: number, what: string): MaintenanceResult | null {
  if (leaderIndex(state) === null) return { ok: false, status: 503, message: 'No leader elected' };
  if (!registryWrite(ctx, state, what))
    return { ok: false, status: 503, message: 'The registry could not be written (no quorum of masters); the master stepped down' };
  void agentIdx;
  return null;
}

export function deactivateAgent(ctx: SimContext, state: ClusterState, agentIdx: number): MaintenanceResult {
  const agent = state.agents[agentIdx]!;
  const failed = precheck(ctx, state, agentIdx, `deactivating ${agent.hostname}`);
  if (failed) return failed;
  agent.deactivated = true;
  rescindOffers(state, (offer) => offer.agentIdx === agentIdx);
  return { ok: true };
}

export function reactivateAgent(ctx: SimContext, state: ClusterState, agentIdx: number): MaintenanceResult {
  const agent = state.agents[agentIdx]!;
  if (!agent.deactivated) return { ok: false, status: 400, message: `Agent ${agent.id} is not deactivated` };
  const failed = precheck(ctx, state, agentIdx, `reactivating ${agent.hostname}`);
  if (failed) return failed;
  agent.deactivated = false;
  agent.drain = null;
  ctx.triggerAllocation([agentIdx]);
  return { ok: true };
}

export function drainAgent(ctx: SimContext, state: ClusterState, agentIdx: number, maxGracePeriodMs: number | null): MaintenanceResult {
  const agent = state.agents[agentIdx]!;
  const failed = precheck(ctx, state, agentIdx, `draining ${agent.hostname}`);
  if (failed) return failed;
  agent.deactivated = true;
  agent.drain = { state: 'DRAINING', maxGracePeriodMs, since: ctx.now };
  rescindOffers(state, (offer) => offer.agentIdx === agentIdx);
  for (const task of tasksOn(state, agentIdx)) killTask(ctx, state, task.id);
  if (maxGracePeriodMs !== null) ctx.schedule(maxGracePeriodMs, { type: 'agent.drain-deadline', agent: agentIdx, since: ctx.now });
  return { ok: true };
}

/** DRAINING until the agent has no live task, then DRAINED. */
export function drainState(state: ClusterState, agentIdx: number): 'DRAINING' | 'DRAINED' | null {
  const drain = state.agents[agentIdx]!.drain;
  if (!drain) return null;
  return state.agents[agentIdx]!.taskIds.length > 0 ? 'DRAINING' : 'DRAINED';
}

/** The grace period is over: tasks still there are killed now (a second KILL). */
export function onDrainDeadline(ctx: SimContext, state: ClusterState, agentIdx: number, since: number): void {
  const drain = state.agents[agentIdx]!.drain;
  if (!drain || drain.since !== since) return;
  for (const task of tasksOn(state, agentIdx)) if (task.state !== 'TASK_KILLING') killTask(ctx, state, task.id);
}
