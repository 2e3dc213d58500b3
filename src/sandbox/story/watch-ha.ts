/**
 * Masters, ZooKeeper and the network as beats: crashes and restores, the ensemble's quorum and
 * leader, sessions expiring, the Mesos, Marathon and Metronome elections, partitions and heals.
 */
import type { ClusterState } from '../../engine/core/model.ts';
import type { ZkClient } from '../../engine/zookeeper/model.ts';
import type { MarathonRole, MesosRole } from '../../common/units.ts';
import { merged, single, type Emit } from './beats.ts';
import { listOf } from './time.ts';

interface MasterFacts {
  up: boolean;
  mesos: MesosRole;
  marathon: MarathonRole;
  metronome: MarathonRole;
}

interface SessionFacts {
  master: number;
  client: ZkClient;
  lostAt: number | null;
}

const CLIENT_NAMES: Record<ZkClient, string> = { 'mesos-master': 'Mesos master', marathon: 'Marathon', metronome: 'Metronome' };

export class HaWatcher {
  #masters: MasterFacts[] = [];
  #serving = false;
  #zkLeader: number | null = null;
  #sessions = new Map<number, SessionFacts>();
  #partitions = '[]';

  observe(state: ClusterState, now: number, emit: Emit): void {
    const host = (i: number): string => state.masters[i]?.hostname ?? `master ${i + 1}`;
    this.#hosts(state, host, emit);
    this.#zookeeper(state, now, host, emit);
    this.#elections(state, host, emit);
    this.#masters = state.masters.map((m) => ({ up: m.up, mesos: m.mesos, marathon: m.marathon, metronome: m.metronome }));
    this.#network(state, emit);
  }

  /** Hosts first: a crash comes before what it sets off at the same moment. */
  #hosts(state: ClusterState, host: (i: number) => string, emit: Emit): void {
    state.masters.forEach((m, i) => {
      const was = this.#masters[i];
      const masters = [host(i)];
      if (was?.up && !m.up) emit(single('ha', `${host(i)} crashed`, `${host(i)} crashed`, { masters }));
      if (was && !was.up && m.up) emit(single('ha', `${host(i)} restored`, `${host(i)} was restored: its units boot again`, { masters }));
    });
  }

  #elections(state: ClusterState, host: (i: number) => string, emit: Emit): void {
    state.masters.forEach((m, i) => {
      const was = this.#masters[i] ?? { up: m.up, mesos: 'down', marathon: 'down', metronome: 'down' };
      const masters = [host(i)];
      if (was.mesos !== m.mesos) {
        if (was.mesos === 'leader') emit(single('ha', `${host(i)} stopped leading`, `${host(i)} stopped leading`, { masters }));
        if (m.mesos === 'recovering')
          emit(single('ha', 'Mesos leader election', `${host(i)} holds the lowest znode and recovers the registry`, { masters }));
        if (m.mesos === 'leader')
          emit(single('ha', 'Mesos leader election', `${host(i)} won the election: it is the leading Mesos master`, { masters }));
      }
      for (const group of ['marathon', 'metronome'] as const) {
        if (was[group] === m[group]) continue;
        const name = group === 'marathon' ? 'Marathon' : 'Metronome';
        if (was[group] === 'leader') emit(single('ha', `${name} failover`, `${name} on ${host(i)} stopped leading`, { masters }));
        if (m[group] === 'leader') emit(single('ha', `${name} leader election`, `${name} on ${host(i)} leads`, { masters }, true));
      }
    });
  }

  #zookeeper(state: ClusterState, now: number, host: (i: number) => string, emit: Emit): void {
    const zk = state.zk;
    if (this.#serving && !zk.serving)
      emit(single('ha', 'ZooKeeper lost its quorum', 'ZooKeeper lost its quorum: it stops answering', { masters: [] }));
    if (zk.serving && (!this.#serving || zk.leader !== this.#zkLeader) && zk.leader !== null) {
      const text = `ZooKeeper on ${host(zk.leader)} leads the ensemble (${zk.members.length} of ${state.masters.length} servers)`;
      emit(single('ha', 'ZooKeeper election', text, { masters: [host(zk.leader)] }));
    }
    this.#serving = zk.serving;
    this.#zkLeader = zk.serving ? zk.leader : null;
    const live = new Set<number>();
    for (const s of zk.sessions) {
      live.add(s.id);
      this.#sessions.set(s.id, { master: s.master, client: s.client, lostAt: s.lostAt });
    }
    for (const [id, s] of this.#sessions) {
      if (live.has(id)) continue;
      this.#sessions.delete(id);
      if (s.lostAt === null) continue; // closed, not expired
      const owner = host(s.master);
      const render = (items: readonly string[]): string =>
        items.length === 1
          ? `ZooKeeper's session for ${owner}'s ${items[0]!} expired ${Math.round((now - s.lostAt!) / 1000)} s after it lost the ensemble: its znode is deleted`
          : `ZooKeeper's sessions for ${owner}'s ${listOf(items, 5)} expired: their znodes are deleted`;
      emit(merged('ha', 'ZooKeeper session expired', `zk-expire:${s.master}`, CLIENT_NAMES[s.client], render, { masters: [owner] }, false));
    }
  }

  #network(state: ClusterState, emit: Emit): void {
    const key = JSON.stringify(state.network.partitions.map((p) => p.sides));
    if (key === this.#partitions) return;
    const had = JSON.parse(this.#partitions) as unknown[];
    this.#partitions = key;
    const parts = state.network.partitions;
    if (parts.length === 0) {
      emit(single('network', 'Network healed', 'The network healed: every host reaches every other again', {}));
      return;
    }
    if (parts.length <= had.length) return;
    const [a, b] = parts[parts.length - 1]!.sides;
    const hosts = [...a, ...b];
    const agents = hosts.filter((h) => state.agents.some((x) => x.hostname === h));
    const masters = hosts.filter((h) => state.masters.some((x) => x.hostname === h));
    emit(single('network', 'Network partition', `The network was cut between ${listOf(a)} and ${listOf(b)}`, { agents, masters }));
  }
}
