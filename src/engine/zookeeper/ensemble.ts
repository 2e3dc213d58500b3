/**
 * ZooKeeper on the masters (started by Exhibitor): the ensemble serves while a majority of its
 * servers can reach each other and follow one leader. Clients (each master's Mesos master and
 * Marathon) hold sessions; a session that cannot reach the serving quorum expires one session
 * timeout after it lost contact, and its ephemeral znodes go with it. Leader elections use
 * ephemeral sequential znodes: the lowest sequence of a group leads.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { mastersTalk } from '../network/reach.ts';
import type { ZkClient, ZkSession, Znode } from './model.ts';

/** How long the servers take to elect a leader once a quorum can talk (fast leader election). */
const ELECTION_MS: [number, number] = [200, 1000];

export function quorumSize(state: ClusterState): number {
  return Math.floor(state.masters.length / 2) + 1;
}

/** The servers (masters running ZooKeeper) that can form a quorum together, or null when none can. */
export function quorumComponent(state: ClusterState): number[] | null {
  const servers = state.masters.map((m, i) => (m.up && m.units.zookeeper === 'up' ? i : -1)).filter((i) => i >= 0);
  const seen = new Set<number>();
  for (const start of servers) {
    if (seen.has(start)) continue;
    const component = [start];
    seen.add(start);
    for (let k = 0; k < component.length; k++) {
      for (const other of servers) {
        if (!seen.has(other) && mastersTalk(state, component[k]!, other)) {
          seen.add(other);
          component.push(other);
        }
      }
    }
    if (component.length >= quorumSize(state)) return component.sort((a, b) => a - b);
  }
  return null;
}

/**
 * Follow the servers: a serving ensemble keeps serving while its leader is in a quorum (members
 * come and go); otherwise it stops, and a new election starts when a quorum can talk.
 */
export function refreshEnsemble(ctx: SimContext, state: ClusterState): void {
  const zk = state.zk;
  const component = quorumComponent(state);
  if (zk.serving) {
    if (component && zk.leader !== null && component.includes(zk.leader)) {
      zk.members = component;
      return;
    }
    zk.serving = false;
    zk.leader = null;
    zk.members = [];
  }
  if (component && !zk.electing) {
    zk.electing = true;
    ctx.schedule(ctx.randomInt(ELECTION_MS[0], ELECTION_MS[1]), { type: 'zk.elect' });
  }
}

/**
 * The election ends: the quorum that can talk now follows its highest server id (equal zxids).
 * The new leader gives every session a fresh timeout.
 */
export function finishElection(state: ClusterState): boolean {
  const zk = state.zk;
  zk.electing = false;
  const component = quorumComponent(state);
  if (!component) return false;
  zk.serving = true;
  zk.leader = component[component.length - 1]!;
  zk.members = component;
  zk.epoch++;
  for (const s of zk.sessions) s.lostAt = null;
  return true;
}

/** Whether master `m` can reach a server of the serving quorum. */
export function reachesEnsemble(state: ClusterState, m: number): boolean {
  const zk = state.zk;
  return zk.serving && state.masters[m]!.up && zk.members.some((member) => mastersTalk(state, m, member));
}

/** Mark sessions that lost the ensemble (their expiry is scheduled) and those that found it again. */
export function refreshSessions(ctx: SimContext, state: ClusterState): void {
  const zk = state.zk;
  for (const s of zk.sessions) {
    const connected = s.clientAlive && reachesEnsemble(state, s.master);
    if (connected) s.lostAt = null;
    else if (s.lostAt === null) {
      s.lostAt = ctx.now;
      ctx.schedule(zk.sessionTimeoutMs, { type: 'zk.expire', session: s.id, lostAt: ctx.now });
    }
  }
}

export function sessionOf(state: ClusterState, master: number, client: ZkClient): ZkSession | undefined {
  return state.zk.sessions.find((s) => s.master === master && s.client === client && s.clientAlive);
}

/** A client opens a session and enters its group's election with a new ephemeral sequential znode. */
export function openSession(state: ClusterState, master: number, client: ZkClient): ZkSession {
  const zk = state.zk;
  const session: ZkSession = { id: zk.nextSessionId++, master, client, clientAlive: true, lostAt: null };
  zk.sessions.push(session);
  zk.znodes.push({ group: client, seq: zk.nextSeq++, session: session.id, master });
  return session;
}

/** The client is gone (crashed or gave up): the server keeps its session until it expires. */
export function dropClient(ctx: SimContext, state: ClusterState, master: number, client: ZkClient): void {
  for (const s of state.zk.sessions) {
    if (s.master !== master || s.client !== client || !s.clientAlive) continue;
    s.clientAlive = false;
    if (s.lostAt === null) {
      s.lostAt = ctx.now;
      ctx.schedule(state.zk.sessionTimeoutMs, { type: 'zk.expire', session: s.id, lostAt: ctx.now });
    }
  }
}

/** The serving ensemble removes a session and its ephemeral znodes. */
export function removeSession(state: ClusterState, id: number): void {
  const zk = state.zk;
  zk.sessions = zk.sessions.filter((s) => s.id !== id);
  zk.znodes = zk.znodes.filter((z) => z.session !== id);
}

/** The lowest znode of a group: who should lead it. */
export function lowestZnode(state: ClusterState, group: ZkClient): Znode | null {
  let best: Znode | null = null;
  for (const z of state.zk.znodes) if (z.group === group && (best === null || z.seq < best.seq)) best = z;
  return best;
}
