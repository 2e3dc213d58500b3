/** The handlers of the HA events: boot steps, ZooKeeper, the Mesos and Marathon elections. */
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { abdicateMesos, becomeLeader, registryQuorum } from '../mesos/leader.ts';
import { abdicateMarathon, becomeMarathonLeader } from '../marathon/leader.ts';
import { abdicateMetronome, becomeMetronomeLeader } from '../metronome/leader.ts';
import { noteEvent } from '../core/notable.ts';
import { finishElection, removeSession } from '../zookeeper/ensemble.ts';
import type { MasterUnit } from '../../common/units.ts';
import { refreshCluster } from './refresh.ts';
import { unitUp } from './units.ts';

/** A recovering leader that cannot read the registry yet (no quorum) tries again after this long. */
const RECOVERY_RETRY_MS = 1000;

export function onUnitUp(ctx: SimContext, state: ClusterState, master: number, unit: MasterUnit, boot: number): void {
  if (unitUp(state, master, unit, boot)) refreshCluster(ctx, state);
}

export function onZkElect(ctx: SimContext, state: ClusterState): void {
  if (finishElection(state))
    noteEvent(state, ctx.now, 'leader', `ZooKeeper on ${state.masters[state.zk.leader!]!.hostname} leads the ensemble`);
  refreshCluster(ctx, state);
}

/**
 * A session reached its timeout without reaching the ensemble. Its client (if still running)
 * takes it as expired and gives up: a leader stops leading and the process restarts. A serving
 * ensemble removes the session and its znodes; one without quorum keeps it until it serves again.
 */
export function onZkExpire(ctx: SimContext, state: ClusterState, id: number, lostAt: number): void {
  const session = state.zk.sessions.find((s) => s.id === id);
  if (!session || session.lostAt !== lostAt) return;
  if (session.clientAlive) {
    session.clientAlive = false;
    if (session.client === 'mesos-master') abdicateMesos(ctx, state, session.master, 'its ZooKeeper session expired');
    else if (session.client === 'marathon') abdicateMarathon(ctx, state, session.master, 'its ZooKeeper session expired');
    else abdicateMetronome(ctx, state, session.master, 'its ZooKeeper session expired');
  }
  if (state.zk.serving) removeSession(state, id);
  refreshCluster(ctx, state);
}

export function onMesosRecovered(ctx: SimContext, state: ClusterState, master: number, id: number): void {
  const session = state.zk.sessions.find((s) => s.id === id);
  if (state.masters[master]!.mesos !== 'recovering' || !session?.clientAlive) return;
  if (session.lostAt !== null || !registryQuorum(state, master)) {
    ctx.schedule(RECOVERY_RETRY_MS, { type: 'mesos.recovered', master, session: id });
    return;
  }
  becomeLeader(ctx, state, master);
  refreshCluster(ctx, state);
}

/** A Marathon or Metronome instance that won its election has loaded its state: it leads, unless its session is gone. */
export function onSchedulerElected(
  ctx: SimContext,
  state: ClusterState,
  group: 'marathon' | 'metronome',
  master: number,
  id: number,
): void {
  const session = state.zk.sessions.find((s) => s.id === id);
  if (state.masters[master]![group] !== 'electing' || !session?.clientAlive) return;
  if (session.lostAt !== null) {
    ctx.schedule(RECOVERY_RETRY_MS, { type: group === 'marathon' ? 'marathon.elected' : 'metronome.elected', master, session: id });
    return;
  }
  if (group === 'marathon') becomeMarathonLeader(ctx, state, master);
  else becomeMetronomeLeader(ctx, state, master);
  refreshCluster(ctx, state);
}
