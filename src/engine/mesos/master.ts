/**
 * The leading Mesos master: agent registration, framework subscription, allocation runs,
 * offer accept/decline with filters, and task status updates flowing agent → master → framework.
 */
import type { AllocatorKernel } from '../../kernels/allocator/contract.ts';
import { isEmpty, portCount } from '../../common/resources.ts';
import type { Rng } from '../core/rng.ts';
import type { SimContext } from '../core/events.ts';
import { TERMINAL_STATES, type TaskStateName } from '../../common/task-states.ts';
import type {
  AgentState,
  ClusterState,
  FrameworkState,
  OfferFilter,
  OfferState,
  Portion,
  StatusDetail,
  Subscription,
  TaskState,
} from '../core/model.ts';
import { chargeFramework, createOffers, quantitiesOf, rescindOffers, returnToAgent } from './offers.ts';
import { frameworkById, wantsOffers, wantsOffersIn } from './frameworks.ts';
import { agentDelivers, withDetail } from './held-updates.ts';
import { AGENT_REREGISTER_TIMEOUT_MS, MESSAGE_LATENCY_MS } from './timing.ts';
import { packAllocationRun } from '../../kernels/allocator/pack.ts';
import { noteEvent } from '../core/notable.ts';
import { registryWrite } from './leader.ts';
import { own, setOwn } from '../../common/own.ts';
import { joinOverlay, overlayOf } from '../network/overlay.ts';

/** Mesos' --max_completed_tasks_per_framework. */
export const MAX_COMPLETED_TASKS_PER_FRAMEWORK = 1000;

/** Mesos clamps refuse_seconds to a year. */
const MAX_REFUSE_SECONDS = 365 * 24 * 3600;

/**
 * An agent registers with the leader, or re-registers (after a failover, or after being marked
 * unreachable). Status updates it held while cut off go out first; tasks the master had as
 * unreachable report RUNNING again, or, when the agent stayed away longer than the re-register
 * timeout, are killed (SEMANTICS 6.5).
 */
export function registerAgent(ctx: SimContext, state: ClusterState, agentIdx: number): void {
  const agent = state.agents[agentIdx]!;
  // A gone agent is never admitted again (Mesos refuses its registration).
  if (agent.disconnected || agent.registered || agent.gone) return;
  // Admitting an agent the registry has as unreachable is a registry write.
  if (agent.unreachableAt !== null && !registryWrite(ctx, state, `re-admitting agent ${agent.hostname}`)) return;
  agent.registered = true;
  agent.registeredAt = ctx.now;
  if (!state.network.overlayDisabled) joinOverlay(overlayOf(state), agent.ip, true);
  // The agent reports what it held in order; a task the master has as unreachable gets one
  // report of its state now instead: how it ended, or RUNNING (KILLED when it came back too late).
  const latest = new Map(agent.heldUpdates.map((u) => [u.taskId, u.state]));
  for (const update of agent.heldUpdates) {
    if (state.tasks[update.taskId]?.state === 'TASK_UNREACHABLE') continue;
    ctx.schedule(MESSAGE_LATENCY_MS, { type: 'task.status', taskId: update.taskId, state: update.state, ...withDetail(update.detail) });
  }
  agent.heldUpdates = [];
  if (agent.unreachableAt !== null) {
    const late = ctx.now - agent.unreachableAt > AGENT_REREGISTER_TIMEOUT_MS;
    noteEvent(state, ctx.now, 'recovery', `Agent ${agent.hostname} re-registered`);
    agent.unreachableAt = null;
    for (const task of tasksOn(state, agentIdx)) {
      if (task.state !== 'TASK_UNREACHABLE') continue;
      const held = latest.get(task.id);
      const now: TaskStateName = held !== undefined && TERMINAL_STATES.has(held) ? held : late ? 'TASK_KILLED' : 'TASK_RUNNING';
      ctx.schedule(MESSAGE_LATENCY_MS, { type: 'task.status', taskId: task.id, state: now });
    }
  }
  ctx.triggerAllocation([agentIdx]);
}

/**
 * Ping timeouts ran out: the agent leaves the cluster, its offers are rescinded, and its tasks
 * become TASK_UNREACHABLE for partition-aware frameworks (TASK_LOST for the others). Recording
 * it in the registry needs a quorum.
 */
export function markAgentUnreachable(ctx: SimContext, state: ClusterState, agentIdx: number): void {
  const agent = state.agents[agentIdx]!;
  if (!agent.disconnected || agent.unreachableAt !== null || agent.gone) return;
  if (!registryWrite(ctx, state, `marking agent ${agent.hostname} unreachable`)) return;
  agent.registered = false;
  agent.unreachableAt = ctx.now;
  noteEvent(state, ctx.now, 'failure', `Agent ${agent.hostname} unreachable`);
  rescindOffers(state, (offer) => offer.agentIdx === agentIdx);
  const reachable = tasksOn(state, agentIdx).filter((task) => task.state !== 'TASK_UNREACHABLE');
  reportAgentTasks(ctx, state, reachable, 'TASK_UNREACHABLE');
}

/**
 * The master's own status update for each of `tasks` (their agent left): `awareState` for the
 * frameworks that are PARTITION_AWARE, TASK_LOST for the others. Returns how many.
 */
export function reportAgentTasks(
  ctx: SimContext,
  state: ClusterState,
  tasks: readonly TaskState[],
  awareState: 'TASK_UNREACHABLE' | 'TASK_GONE_BY_OPERATOR',
): number {
  for (const task of tasks) {
    const fw = frameworkById(state, task.frameworkId);
    ctx.schedule(0, { type: 'task.status', taskId: task.id, state: fw.partitionAware ? awareState : 'TASK_LOST', origin: 'master' });
  }
  return tasks.length;
}

/** The live tasks on an agent, in launch order (its own index: a partition of N agents does not walk all tasks N times). */
export function tasksOn(state: ClusterState, agentIdx: number): TaskState[] {
  return state.agents[agentIdx]!.taskIds.map((id) => state.tasks[id]!);
}

/**
 * KILL: the agent's executor stops the task; TASK_KILLING now, TASK_KILLED shortly. With a kill policy's grace period
 * the process gets SIGTERM and the period to finish what it serves (it keeps answering: `task.draining`), then ends.
 * Unreachable tasks cannot be reached.
 */
export function killTask(ctx: SimContext, state: ClusterState, taskId: string, gracePeriodMs = 0): boolean {
  const task = state.tasks[taskId];
  if (!task || task.state === 'TASK_KILLING' || task.state === 'TASK_UNREACHABLE') return false;
  if (!agentDelivers(state, task.agentIdx)) return false;
  if (gracePeriodMs > 0) task.draining = true;
  ctx.schedule(MESSAGE_LATENCY_MS, { type: 'task.status', taskId, state: 'TASK_KILLING' });
  ctx.schedule(MESSAGE_LATENCY_MS + gracePeriodMs + ctx.randomInt(200, 1200), { type: 'task.status', taskId, state: 'TASK_KILLED' });
  return true;
}

/** SUBSCRIBE with FrameworkInfo.roles and the roles it wants no offers for yet. */
export function subscribeFramework(ctx: SimContext, fw: FrameworkState, { roles, suppressedRoles }: Subscription): void {
  fw.registered = true;
  fw.registeredAt = ctx.now;
  fw.roles = [...roles];
  fw.suppressedRoles = suppressedRoles.filter((r) => roles.includes(r));
  ctx.triggerAllocation('all');
}

/** One allocation run over `candidates` (registered agents only); offers go out after the message latency. */
export function runAllocation(ctx: SimContext, state: ClusterState, kernel: AllocatorKernel, rng: Rng, candidates: number[]): OfferState[] {
  // A disconnected agent is deactivated in the allocator until it answers again.
  const agents = candidates.filter((a) => state.agents[a]!.registered && !state.agents[a]!.deactivated && !state.agents[a]!.disconnected);
  if (agents.length === 0) return [];
  // No framework wants offers (all suppressed, or none subscribed): the kernel would offer nothing, so the
  // run stops here. The random stream still moves on as the run's two shuffles would move it.
  if (!state.frameworks.some((f) => f.registered && wantsOffers(f))) {
    rng.skipPermutation(agents.length);
    rng.skipPermutation(agents.length);
    return [];
  }
  for (const a of agents) dropExpiredFilters(state.agents[a]!, ctx.now);
  const order1 = shuffled(agents, rng);
  const order2 = shuffled(agents, rng);
  const run = packAllocationRun(state, order1, order2, ctx.now);
  const offers = createOffers(state, run, kernel.allocate(run.input), ctx.now);
  const byFramework = new Map<string, string[]>();
  for (const offer of offers) {
    ctx.record(offerRecord(offer));
    const ids = byFramework.get(offer.frameworkId);
    if (ids) ids.push(offer.id);
    else byFramework.set(offer.frameworkId, [offer.id]);
  }
  for (const [frameworkId, offerIds] of byFramework) ctx.schedule(MESSAGE_LATENCY_MS, { type: 'offers.deliver', frameworkId, offerIds });
  return offers;
}

/** The offer as the history hash takes it: "offer <id> <framework> <agent> <pool>:<cpus>,<mem>,<disk>,<gpus>:<ports> …". */
function offerRecord(offer: OfferState): string {
  let text = `offer ${offer.id} ${offer.frameworkId} ${offer.agentIdx} `;
  offer.portions.forEach((p, k) => {
    const [cpus, mem, disk, gpus] = p.scalars;
    text += `${k > 0 ? ' ' : ''}${p.pool}:${cpus},${mem},${disk},${gpus}:${portCount(p.ports)}`;
  });
  return text;
}

function dropExpiredFilters(agent: AgentState, now: number): void {
  if (agent.filters.some((f) => f.expiresAt <= now)) agent.filters = agent.filters.filter((f) => f.expiresAt > now);
}

function shuffled(agents: number[], rng: Rng): Int32Array {
  const perm = rng.permutation(agents.length);
  for (let k = 0; k < perm.length; k++) perm[k] = agents[perm[k]!]!;
  return perm;
}

export function declineOffer(ctx: SimContext, state: ClusterState, offerId: string, refuseSeconds: number): void {
  const offer = takeOffer(state, offerId);
  recover(ctx, state, frameworkById(state, offer.frameworkId), offer, offer.portions, refuseSeconds);
}

/** Resources come back to the agent; with refuse_seconds > 0 the framework is not offered them again (in the offer's role) for a while. */
export function recover(
  ctx: SimContext,
  state: ClusterState,
  fw: FrameworkState,
  { agentIdx, role }: OfferState,
  portions: Portion[],
  refuseSeconds: number,
): void {
  const live = portions.filter((p) => !isEmpty(p.scalars) || p.ports.length > 0 || (p.disks?.length ?? 0) > 0);
  if (live.length === 0) return;
  returnToAgent(state, agentIdx, live);
  chargeFramework(fw, role, live, -1);
  if (refuseSeconds <= 0) return;
  const seconds = Math.min(refuseSeconds, MAX_REFUSE_SECONDS);
  // A filter always outlives at least one batch allocation (MESOS-4302).
  const lifetime = Math.max(state.allocationIntervalMs, seconds * 1000);
  state.agents[agentIdx]!.filters.push({ frameworkId: fw.id, role, declined: quantitiesOf(live), expiresAt: ctx.now + lifetime });
}

/** A status update from an agent: the master records it and forwards it to the framework. */
export function updateTaskStatus(
  ctx: SimContext,
  state: ClusterState,
  taskId: string,
  next: TaskStateName,
  detail?: StatusDetail,
): TaskState | undefined {
  const task = state.tasks[taskId];
  if (!task || TERMINAL_STATES.has(task.state) || task.state === next) return undefined;
  // A task being killed only finishes; one on a lost agent only comes back through re-registration.
  if (task.state === 'TASK_KILLING' && !TERMINAL_STATES.has(next)) return undefined;
  if (task.state === 'TASK_UNREACHABLE' && next !== 'TASK_RUNNING' && !TERMINAL_STATES.has(next)) return undefined;
  const fw = frameworkById(state, task.frameworkId);
  if (next === 'TASK_UNREACHABLE') chargeFramework(fw, task.role, task.portions, -1);
  if (task.state === 'TASK_UNREACHABLE') chargeFramework(fw, task.role, task.portions, 1);
  countLive(state, task, -1);
  task.state = next;
  task.statuses.push(detail ? { state: next, timestamp: ctx.now, detail } : { state: next, timestamp: ctx.now });
  countState(state, next);
  if (!TERMINAL_STATES.has(next)) countLive(state, task, 1);
  if (TERMINAL_STATES.has(next)) {
    delete state.tasks[taskId];
    const onAgent = state.agents[task.agentIdx]!.taskIds;
    onAgent.splice(onAgent.indexOf(taskId), 1);
    returnToAgent(state, task.agentIdx, task.portions);
    chargeFramework(fw, task.role, task.portions, -1);
    fw.completedTasks.push(task);
    if (fw.completedTasks.length > MAX_COMPLETED_TASKS_PER_FRAMEWORK) fw.completedTasks.shift();
  }
  return task;
}

/** SUPPRESS (of `roles`, all of the framework's by default): no more offers there until REVIVE; its allocation still counts for DRF. */
export function suppress(fw: FrameworkState, roles: readonly string[] = fw.roles): void {
  fw.suppressedRoles = [...new Set([...fw.suppressedRoles, ...roles.filter((r) => fw.roles.includes(r))])];
}

/** REVIVE (of `roles`, all of the framework's by default): clears its filters in them, un-suppresses them and triggers an allocation run. */
export function revive(ctx: SimContext, state: ClusterState, fw: FrameworkState, roles: readonly string[] = fw.roles): void {
  fw.suppressedRoles = fw.suppressedRoles.filter((r) => !roles.includes(r));
  const cleared = (f: OfferFilter) => f.frameworkId === fw.id && roles.includes(f.role);
  for (const agent of state.agents) if (agent.filters.some(cleared)) agent.filters = agent.filters.filter((f) => !cleared(f));
  ctx.triggerAllocation('all');
}

/**
 * UPDATE_FRAMEWORK with new roles and suppressed roles: offers outstanding in a role it leaves are rescinded;
 * a role that newly wants offers gets an allocation run.
 */
export function updateFramework(ctx: SimContext, state: ClusterState, fw: FrameworkState, { roles, suppressedRoles }: Subscription): void {
  const wanted = (r: string) => roles.includes(r) && !suppressedRoles.includes(r);
  const newlyWanted = roles.some((r) => wanted(r) && !wantsOffersIn(fw, r));
  const left = fw.roles.filter((r) => !roles.includes(r));
  fw.roles = [...roles];
  fw.suppressedRoles = suppressedRoles.filter((r) => roles.includes(r));
  if (left.length > 0) rescindOffers(state, (o) => o.frameworkId === fw.id && left.includes(o.role));
  if (newlyWanted) ctx.triggerAllocation('all');
}

export function takeOffer(state: ClusterState, offerId: string): OfferState {
  const offer = state.offers.get(offerId);
  if (!offer) throw new Error(`unknown offer ${offerId}`);
  state.offers.delete(offerId);
  return offer;
}

export function countState(state: ClusterState, s: TaskStateName): void {
  state.taskStateCounts[s] = (state.taskStateCounts[s] ?? 0) + 1;
}

/** A live task joins (+1) or leaves (-1) the live counts, under its current state and its role. */
export function countLive(state: ClusterState, task: TaskState, sign: 1 | -1): void {
  const { byState, byRole } = state.liveTasks;
  byState[task.state] = (byState[task.state] ?? 0) + sign;
  setOwn(byRole, task.role, (own(byRole, task.role) ?? 0) + sign);
}
