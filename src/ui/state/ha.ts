/**
 * Reading the frame's high-availability view (`HaView`) for people: who leads, whether ZooKeeper
 * has a quorum, and why nothing launches when there is no leader. Pure, so it is tested in Node.
 */
import type { HaView } from '../../common/view-types.ts';

/** A master's standing as the Nodes page and the fault panel show it. */
export type MasterStanding = 'leader' | 'recovering' | 'standby' | 'starting' | 'down';

export function masterStanding(ha: HaView, i: number): MasterStanding {
  const m = ha.masters[i];
  if (!m || !m.up) return 'down';
  switch (m.mesos) {
    case 'leader':
      return 'leader';
    case 'recovering':
      return 'recovering';
    case 'contender':
      return 'standby';
    case 'down':
      return 'starting';
  }
}

/** No partition puts hosts `a` and `b` on opposite sides. */
export function linked(partitions: HaView['partitions'], a: string, b: string): boolean {
  if (a === b) return true;
  for (const [x, y] of partitions) {
    if ((x.includes(a) && y.includes(b)) || (y.includes(a) && x.includes(b))) return false;
  }
  return true;
}

/** The largest set of running masters that can all talk to one another (ZooKeeper needs a majority of them). */
export function largestMasterGroup(ha: HaView, hostnames: readonly string[]): number[] {
  const up = ha.masters.map((m, i) => (m.up ? i : -1)).filter((i) => i >= 0);
  let best: number[] = [];
  const seen = new Set<number>();
  for (const start of up) {
    if (seen.has(start)) continue;
    const group = [start];
    seen.add(start);
    for (let k = 0; k < group.length; k++) {
      for (const other of up) {
        if (!seen.has(other) && linked(ha.partitions, hostnames[group[k]!] ?? '', hostnames[other] ?? '')) {
          seen.add(other);
          group.push(other);
        }
      }
    }
    if (group.length > best.length) best = group.sort((a, b) => a - b);
  }
  return best;
}

/** One line on the ZooKeeper ensemble: "3 of 3 serving, leader master-3" or why there is no quorum. */
export function quorumSummary(ha: HaView, hostnames: readonly string[]): { ok: boolean; text: string } {
  const total = ha.masters.length;
  const zk = ha.zk;
  if (zk.serving) {
    const leader = zk.leader === null ? '' : `, leader ${hostnames[zk.leader] ?? '?'}`;
    return { ok: true, text: `${zk.members.length} of ${total} serving${leader}` };
  }
  const group = largestMasterGroup(ha, hostnames);
  if (zk.electing) return { ok: false, text: `electing a leader (${group.length} of ${total} masters can talk, ${zk.quorum} needed)` };
  const up = ha.masters.filter((m) => m.up).length;
  if (up >= zk.quorum && group.length < zk.quorum) {
    return {
      ok: false,
      text: `no quorum: a partition splits the masters (at most ${group.length} of ${total} together, ${zk.quorum} needed)`,
    };
  }
  if (up >= zk.quorum) return { ok: false, text: `starting (${up} of ${total} masters up)` };
  return { ok: false, text: `no quorum: ${up} of ${total} masters reachable` };
}

/** Master `i` is up and can talk to a member of the serving ZooKeeper quorum. */
export function reachesEnsemble(ha: HaView, i: number, hostnames: readonly string[]): boolean {
  const host = hostnames[i] ?? '';
  return ha.zk.serving && (ha.masters[i]?.up ?? false) && ha.zk.members.some((m) => linked(ha.partitions, host, hostnames[m] ?? ''));
}

/** True until a Mesos master has led once: the cluster is still booting. */
export function booting(ha: HaView): boolean {
  return ha.leader === null && ha.electedAt === 0;
}

export interface LeaderNotice {
  tone: 'info' | 'bad';
  title: string;
  text: string;
}

const NO_LAUNCHES = 'Running tasks keep running; no offers, no launches until';

/** The banner's words when there is no Mesos leader (or no Marathon leader), or null when all lead. */
export function leaderNotice(ha: HaView, hostnames: readonly string[]): LeaderNotice | null {
  const host = (i: number | null): string => (i === null ? '?' : (hostnames[i] ?? '?'));
  if (booting(ha)) {
    return {
      tone: 'info',
      title: 'The cluster is booting',
      text: 'ZooKeeper forms a quorum, then the Mesos masters elect a leader; agents register with it.',
    };
  }
  if (!ha.zk.serving) {
    const up = ha.masters.filter((m) => m.up).length;
    const group = largestMasterGroup(ha, hostnames).length;
    const why =
      up >= ha.zk.quorum && group < ha.zk.quorum
        ? `a partition leaves at most ${group} of ${ha.masters.length} masters together, ${ha.zk.quorum} needed`
        : ha.zk.electing
          ? `its servers are electing a leader`
          : `${up} of ${ha.masters.length} masters up`;
    const lead = ha.leader === null ? 'No leading master' : `${host(ha.leader)} will stop leading when its session expires`;
    return { tone: 'bad', title: `${lead}: ZooKeeper has no quorum (${why}).`, text: `${NO_LAUNCHES} a quorum is back.` };
  }
  if (ha.leader === null) {
    const recovering = ha.masters.findIndex((m) => m.mesos === 'recovering');
    const why =
      recovering >= 0
        ? `${host(recovering)} won the election and is recovering the registry`
        : `the masters wait for the old leader's ZooKeeper session to expire`;
    return { tone: 'bad', title: `No leading master: ${why}.`, text: `${NO_LAUNCHES} a leader is elected.` };
  }
  if (!reachesEnsemble(ha, ha.leader, hostnames)) {
    return {
      tone: 'bad',
      title: `${host(ha.leader)} is cut off from ZooKeeper: it leads until its session expires, then the others elect a new leader.`,
      text: 'Agents and frameworks that cannot reach it get no offers meanwhile.',
    };
  }
  if (ha.marathonLeader === null) {
    return {
      tone: 'bad',
      title: 'No Marathon leader: the Marathon instances are electing one.',
      text: 'Running tasks keep running; services cannot be deployed, scaled or restarted until a leader is elected.',
    };
  }
  return null;
}
