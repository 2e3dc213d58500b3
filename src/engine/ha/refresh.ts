/**
 * After anything that changes who can reach whom (a boot step, a crash, a partition, an
 * election, an expired session), the cluster settles in dependency order: the ZooKeeper
 * ensemble, its sessions, the elections, then agents and frameworks following the leader, then
 * the units that were waiting for any of it.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { refreshAgents, refreshFrameworks, REGISTRY_RECOVERY_MS } from '../mesos/leader.ts';
import { lowestZnode, openSession, reachesEnsemble, refreshEnsemble, refreshSessions, sessionOf } from '../zookeeper/ensemble.ts';
import { startWaitingUnits } from './units.ts';

/** How long a Marathon instance that won takes to load its state from ZooKeeper. */
const MARATHON_TAKEOVER_MS: [number, number] = [500, 1500];

export function refreshCluster(ctx: SimContext, state: ClusterState): void {
  refreshEnsemble(ctx, state);
  refreshSessions(ctx, state);
  joinElections(state);
  electMesos(ctx, state);
  electScheduler(ctx, state, 'marathon');
  electScheduler(ctx, state, 'metronome');
  refreshAgents(ctx, state);
  refreshFrameworks(ctx, state);
  startWaitingUnits(ctx, state);
}

/** Running Mesos masters and Marathons without a session open one and enter their election. */
function joinElections(state: ClusterState): void {
  state.masters.forEach((m, i) => {
    if (!m.up || !reachesEnsemble(state, i)) return;
    if (m.mesos === 'contender' && !sessionOf(state, i, 'mesos-master')) openSession(state, i, 'mesos-master');
    if (m.marathon === 'standby' && !sessionOf(state, i, 'marathon')) openSession(state, i, 'marathon');
    if (m.metronome === 'standby' && !sessionOf(state, i, 'metronome')) openSession(state, i, 'metronome');
  });
}

/** The contender with the lowest znode, connected, starts recovering the registry (nobody else leads). */
function electMesos(ctx: SimContext, state: ClusterState): void {
  if (!state.zk.serving || state.masters.some((m) => m.mesos === 'leader' || m.mesos === 'recovering')) return;
  const z = lowestZnode(state, 'mesos-master');
  const session = z && state.zk.sessions.find((s) => s.id === z.session);
  if (!z || !session?.clientAlive || session.lostAt !== null || state.masters[z.master]!.mesos !== 'contender') return;
  state.masters[z.master]!.mesos = 'recovering';
  ctx.schedule(ctx.randomInt(REGISTRY_RECOVERY_MS[0], REGISTRY_RECOVERY_MS[1]), {
    type: 'mesos.recovered',
    master: z.master,
    session: session.id,
  });
}

/** Marathon and Metronome (Curator's latch on `/marathon/leader`, `/metronome/leader-curator`): the lowest znode of the
 * group takes over after loading its state from ZooKeeper. */
type Scheduler = 'marathon' | 'metronome';

function electScheduler(ctx: SimContext, state: ClusterState, group: Scheduler): void {
  if (!state.zk.serving || state.masters.some((m) => m[group] === 'leader' || m[group] === 'electing')) return;
  const z = lowestZnode(state, group);
  const session = z && state.zk.sessions.find((s) => s.id === z.session);
  if (!z || !session?.clientAlive || session.lostAt !== null || state.masters[z.master]![group] !== 'standby') return;
  state.masters[z.master]![group] = 'electing';
  ctx.schedule(ctx.randomInt(MARATHON_TAKEOVER_MS[0], MARATHON_TAKEOVER_MS[1]), {
    type: group === 'marathon' ? 'marathon.elected' : 'metronome.elected',
    master: z.master,
    session: session.id,
  });
}
