/**
 * Mesos master leadership: a master that wins the ZooKeeper election recovers the registry from
 * the replicated log (which needs a quorum of masters) and leads; agents and frameworks then
 * (re-)register with it. A leader that loses its ZooKeeper session, its host, or a registry
 * write (no quorum) stops leading at once: offers are rescinded and nobody allocates until the
 * next leader is elected. Running tasks are untouched throughout.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState, FrameworkState, MasterState } from '../core/model.ts';
import { AGENT_REREGISTER_TIMEOUT_MS } from './timing.ts';
import { flushHeldUpdates } from './held-updates.ts';
import { clearFilters, rescindOffers } from './offers.ts';
import { noteEvent } from '../core/notable.ts';
import { agentTalksTo, mastersTalk } from '../network/reach.ts';
import { dropClient, quorumSize } from '../zookeeper/ensemble.ts';

/** Mesos holds allocation after a failover when quota is set, until this share of agents is back (or 10 min pass). */
const AGENT_CAPACITY_RATIO = 0.8;
const ALLOCATION_HOLD_OFF_RECOVERY_TIMEOUT_MS = 600_000;
/** How long a winner takes to read the registry from the replicated log. */
export const REGISTRY_RECOVERY_MS: [number, number] = [300, 800];
/** An agent notices a new leader (ZooKeeper watch) and registers after its backoff. */
const REGISTER_DELAY_MS: [number, number] = [500, 1500];
const SUBSCRIBE_DELAY_MS: [number, number] = [500, 1500];
/** systemd restarts a master process that exited. */
export const RESTART_DELAY_MS: [number, number] = [3000, 6000];

/** The index of the acting leading Mesos master, or null when there is none. */
export function leaderIndex(state: ClusterState): number | null {
  const i = state.masters.findIndex((m) => m.mesos === 'leader');
  return i >= 0 ? i : null;
}

/** The acting leading Mesos master, or null. */
export function leadingMaster(state: ClusterState): MasterState | null {
  const i = leaderIndex(state);
  return i === null ? null : state.masters[i]!;
}

/**
 * The id a Mesos master process reports (`/master/state` `id`, `leader_info.id`): each start of
 * each master is a new one, as in Mesos. Derived from the cluster's id (no random draw, so the
 * history does not change): its last 12 hex digits carry the master and the start.
 */
export function mesosMasterId(state: ClusterState, master: number): string {
  const tag = ((master + 1) * 0x100000 + state.masters[master]!.mesosStarts).toString(16).padStart(12, '0');
  return `${state.masterId.slice(0, -12)}${tag}`;
}

/** Masters whose Mesos master (a replica of the replicated log) `from` can reach, itself included. */
function reachableReplicas(state: ClusterState, from: number): number {
  return state.masters.filter((m, j) => m.units['mesos-master'] === 'up' && mastersTalk(state, from, j)).length;
}

/** The replicated log can be read or written from master `m`: a quorum of replicas answers. */
export function registryQuorum(state: ClusterState, m: number): boolean {
  return reachableReplicas(state, m) >= quorumSize(state);
}

/**
 * A registry write by the leader. Without a quorum of replicas it fails, and the master aborts
 * (as Mesos' registrar does): leadership is lost and the process restarts.
 */
export function registryWrite(ctx: SimContext, state: ClusterState, what: string): boolean {
  const leader = leaderIndex(state);
  if (leader === null) return false;
  if (registryQuorum(state, leader)) return true;
  abdicateMesos(ctx, state, leader, `registry write failed (${what}): no quorum of masters`);
  return false;
}

/** The winner read the registry: it leads from now. Agents and frameworks re-register with it. */
export function becomeLeader(ctx: SimContext, state: ClusterState, master: number): void {
  const m = state.masters[master]!;
  m.mesos = 'leader';
  state.ha.leaderEpoch++;
  state.electedAt = ctx.now;
  state.ha.leaderLostAt = null;
  noteEvent(state, ctx.now, 'leader', `${m.hostname} is the leading Mesos master`);
  clearFilters(state);
  for (const agent of state.agents) {
    agent.registered = false;
    agent.disconnected = true;
    agent.disconnectedAt = ctx.now;
  }
  for (const fw of state.frameworks) deactivate(state, fw);
  const failover = state.ha.leaderEpoch > 1;
  if (failover) {
    ctx.schedule(AGENT_REREGISTER_TIMEOUT_MS, { type: 'agent.reregister-timeout', epoch: state.ha.leaderEpoch });
    const quota = Object.values(state.roles).some((r) => r.quota !== null);
    state.ha.allocatorPausedUntil = quota ? ctx.now + ALLOCATION_HOLD_OFF_RECOVERY_TIMEOUT_MS : null;
  }
}

/** The leader stops leading (crash, lost session, failed registry write). */
export function loseLeadership(ctx: SimContext, state: ClusterState, master: number, why: string): void {
  const m = state.masters[master]!;
  if (m.mesos !== 'leader') return;
  m.mesos = 'down';
  state.ha.leaderLostAt = ctx.now;
  noteEvent(state, ctx.now, 'leader', `${m.hostname} stopped leading: ${why}`);
  rescindOffers(state, () => true);
  clearFilters(state);
  state.ha.allocatorPausedUntil = null;
  for (const agent of state.agents) {
    agent.registered = false;
    if (!agent.disconnected) {
      agent.disconnected = true;
      agent.disconnectedAt = ctx.now;
    }
  }
  for (const fw of state.frameworks) deactivate(state, fw);
}

/** The Mesos master process of `master` exits (lost its session, failed a write) and systemd restarts it. */
export function abdicateMesos(ctx: SimContext, state: ClusterState, master: number, why: string): void {
  const m = state.masters[master]!;
  loseLeadership(ctx, state, master, why);
  m.mesos = 'down';
  dropClient(ctx, state, master, 'mesos-master');
  if (!m.up) return;
  m.units['mesos-master'] = 'starting';
  ctx.schedule(ctx.randomInt(RESTART_DELAY_MS[0], RESTART_DELAY_MS[1]), { type: 'unit.up', master, unit: 'mesos-master', boot: m.boot });
}

/** A framework is no longer connected to a leader: its offers are withdrawn, it gets no more. */
export function deactivate(state: ClusterState, fw: FrameworkState): void {
  fw.registered = false;
  fw.subscribing = false;
  rescindOffers(state, (offer) => offer.frameworkId === fw.id);
}

/**
 * Agents follow the leader: one the leader cannot reach is disconnected (pings fail; after the
 * ping timeouts it is marked unreachable); one that reaches it again resumes, or (re-)registers
 * when it was not registered with this leader.
 */
export function refreshAgents(ctx: SimContext, state: ClusterState): void {
  const leader = leaderIndex(state);
  const { agentPingTimeoutMs, maxAgentPingTimeouts, leaderEpoch } = state.ha;
  state.agents.forEach((agent, i) => {
    if (agent.gone) return;
    const reach = leader !== null && agentTalksTo(state, i, leader);
    if (!reach) {
      if (agent.disconnected) return;
      agent.disconnected = true;
      agent.disconnectedAt = ctx.now;
      rescindOffers(state, (offer) => offer.agentIdx === i);
      if (agent.registered)
        ctx.schedule(agentPingTimeoutMs * maxAgentPingTimeouts, {
          type: 'agent.unreachable',
          agent: i,
          epoch: leaderEpoch,
          since: ctx.now,
        });
      return;
    }
    if (!agent.disconnected) return;
    agent.disconnected = false;
    agent.disconnectedAt = null;
    if (agent.registered) flushHeldUpdates(ctx, state, i);
    else ctx.schedule(ctx.randomInt(REGISTER_DELAY_MS[0], REGISTER_DELAY_MS[1]), { type: 'agent.register', agent: i, epoch: leaderEpoch });
  });
}

/**
 * Frameworks follow the leader: the load frameworks run off the masters and always reach it;
 * Marathon reaches it from its own leading instance. A framework that lost the leader is
 * deactivated; one that can reach it subscribes.
 */
export function refreshFrameworks(ctx: SimContext, state: ClusterState): void {
  const leader = leaderIndex(state);
  const marathonAt = state.masters.findIndex((m) => m.marathon === 'leader');
  const metronomeAt = state.masters.findIndex((m) => m.metronome === 'leader');
  state.frameworks.forEach((fw, i) => {
    const from = fw.kind === 'marathon' ? marathonAt : metronomeAt;
    // A service's scheduler runs in its Marathon task, on an agent: it reaches the leader while that task runs.
    const reach =
      leader !== null &&
      (fw.kind === 'synthetic' || ('schedulerUp' in fw ? fw.schedulerUp : from >= 0 && mastersTalk(state, from, leader)));
    if (!reach) {
      if (fw.registered || fw.subscribing) deactivate(state, fw);
      return;
    }
    if (fw.registered || fw.subscribing) return;
    fw.subscribing = true;
    ctx.schedule(ctx.randomInt(SUBSCRIBE_DELAY_MS[0], SUBSCRIBE_DELAY_MS[1]), {
      type: 'framework.subscribe',
      framework: i,
      epoch: state.ha.leaderEpoch,
    });
  });
}

/** A scheduler that runs in a Marathon task came up or went down: its framework subscribes or is deactivated. */
export function setSchedulerUp(ctx: SimContext, state: ClusterState, fw: FrameworkState & { schedulerUp: boolean }, up: boolean): void {
  if (fw.schedulerUp === up) return;
  fw.schedulerUp = up;
  refreshFrameworks(ctx, state);
}

/** After a failover with quota set, the allocator waits for most agents (or 10 min). */
export function allocatorPaused(state: ClusterState, now: number): boolean {
  const until = state.ha.allocatorPausedUntil;
  if (until === null) return false;
  const back = state.agents.filter((a) => a.registered).length;
  const live = state.agents.filter((a) => !a.gone).length;
  if (now >= until || back >= AGENT_CAPACITY_RATIO * live) {
    state.ha.allocatorPausedUntil = null;
    return false;
  }
  return true;
}

/** Agents that did not re-register with the leader of `epoch` within the timeout are unreachable. */
export function unreachableAfterFailover(state: ClusterState, epoch: number): number[] {
  if (epoch !== state.ha.leaderEpoch || leaderIndex(state) === null) return [];
  return state.agents.map((a, i) => (!a.registered && !a.gone && a.unreachableAt === null ? i : -1)).filter((i) => i >= 0);
}
