/**
 * The handlers of the Mesos events: agents registering and going silent, frameworks subscribing,
 * allocation runs, offers reaching their framework and status updates reaching the master.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState, StatusDetail } from '../core/model.ts';
import type { TaskStateName } from '../../common/task-states.ts';
import type { World } from '../core/subsystem.ts';
import { agentDelivers } from './held-updates.ts';
import { frameworkById } from './frameworks.ts';
import { markAgentUnreachable, registerAgent, runAllocation, subscribeFramework, updateTaskStatus } from './master.ts';
import { allocatorPaused, leaderIndex, unreachableAfterFailover } from './leader.ts';

/** An agent's (re-)registration reaches the leader it was meant for. */
export function onAgentRegister(ctx: SimContext, state: ClusterState, agent: number, epoch: number): void {
  if (epoch !== state.ha.leaderEpoch || leaderIndex(state) === null || state.agents[agent]!.gone) return;
  registerAgent(ctx, state, agent);
}

/** The ping timeouts ran out for an agent silent since `since`, under the leader of `epoch`. */
export function onAgentUnreachable(ctx: SimContext, state: ClusterState, agent: number, epoch: number, since: number): void {
  if (epoch !== state.ha.leaderEpoch || leaderIndex(state) === null || state.agents[agent]!.disconnectedAt !== since) return;
  markAgentUnreachable(ctx, state, agent);
}

export function onReregisterTimeout(ctx: SimContext, state: ClusterState, epoch: number): void {
  for (const agent of unreachableAfterFailover(state, epoch)) markAgentUnreachable(ctx, state, agent);
}

/** A SUBSCRIBE reaches the leader it was sent to; a framework that has just subscribed hears from its scheduler. */
export function onFrameworkSubscribe(world: World, framework: number, epoch: number): void {
  const { ctx, state } = world;
  const fw = state.frameworks[framework]!;
  if (epoch !== state.ha.leaderEpoch || !fw.subscribing || leaderIndex(state) === null) return;
  fw.subscribing = false;
  const scheduler = world.schedulerOf(fw);
  subscribeFramework(ctx, fw, scheduler.subscription(world, fw));
  scheduler.subscribed?.(world, fw);
}

/** The allocator runs only in an acting leader, and not while it holds off after a failover. */
function allocating(state: ClusterState, now: number): boolean {
  return leaderIndex(state) !== null && !allocatorPaused(state, now);
}

export function onAllocateBatch(world: World): void {
  const { ctx, state } = world;
  if (allocating(state, ctx.now))
    runAllocation(
      ctx,
      state,
      world.allocator,
      world.rng,
      state.agents.map((_, i) => i),
    );
  ctx.schedule(state.allocationIntervalMs, { type: 'allocate.batch' });
}

export function onAllocateTriggered(world: World): void {
  const { ctx, state } = world;
  const candidates = world.takeAllocationCandidates();
  ctx.record(`${ctx.now} allocate.triggered ${candidates.length}`);
  if (allocating(state, ctx.now)) runAllocation(ctx, state, world.allocator, world.rng, candidates);
}

export function onOffersDeliver(world: World, frameworkId: string, offerIds: string[]): void {
  const { state } = world;
  const fw = frameworkById(state, frameworkId);
  if (!fw.registered) return; // rescinded when the framework lost the leader
  const offers = offerIds.flatMap((id) => state.offers.get(id) ?? []);
  world.schedulerOf(fw).offers(world, fw, offers);
}

/**
 * A status update. One from an agent the leader cannot hear (no leader, cut off, not registered
 * yet) waits on the agent. The master records it and forwards it to the framework's scheduler.
 */
export function onTaskStatus(world: World, taskId: string, next: TaskStateName, fromMaster: boolean, detail?: StatusDetail): void {
  const { ctx, state } = world;
  const live = state.tasks[taskId];
  if (!fromMaster && live && !agentDelivers(state, live.agentIdx)) {
    state.agents[live.agentIdx]!.heldUpdates.push(detail ? { taskId, state: next, detail } : { taskId, state: next });
    ctx.record(`${ctx.now} task.status ${taskId} ${next} held`);
    return;
  }
  const task = updateTaskStatus(ctx, state, taskId, next, detail);
  ctx.record(`${ctx.now} task.status ${taskId} ${next} ${task ? 'ok' : 'stale'}`);
  if (!task) return;
  const fw = frameworkById(state, task.frameworkId);
  if (next === 'TASK_STARTING') ctx.schedule(ctx.randomInt(200, 1200), { type: 'task.status', taskId: task.id, state: 'TASK_RUNNING' });
  world.schedulerOf(fw).status(world, fw, task, next);
}
