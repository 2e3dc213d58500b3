/**
 * The Mesos leader election as a story a reader can follow, told from the frames' `ha` views:
 * each frame is compared with the one before it and what changed becomes a step ("master-1
 * crashed", "master-2 joins the election: znode #7", "master-1's ZooKeeper session expired: znode
 * #3 deleted", "master-2 leads"). The election itself is read from ZooKeeper's znodes, not
 * guessed: the master of the lowest `mesos-master` znode holds the election (it leads, or, while
 * its session is lost but not expired, blocks everybody else), and its session's `lostAt` plus
 * the session timeout is when that znode goes. Frames come ~10 times a second, so a step's time is
 * the frame's (to a frame's precision); the countdown is exact.
 */
import type { NotableEvent } from '../../api/shapes/sandbox.ts';
import type { HaView } from '../../common/view-types.ts';
import { reachesEnsemble } from './ha.ts';

export type StepTone = 'info' | 'bad' | 'ok';

export interface ElectionStep {
  /** Counts up through the track: a key for lists. */
  seq: number;
  at: number;
  text: string;
  tone: StepTone;
}

export type Znode = HaView['zk']['znodes'][number];

export interface ElectionTrack {
  /** Simulated time of the last frame seen. */
  now: number;
  ha: HaView | null;
  /** The master of the lowest `mesos-master` znode: the leader, or the old leader until its session expires. */
  holder: number | null;
  /** When the holder's session lost the serving ensemble (null: connected, or no holder). */
  lostAt: number | null;
  /** The latest steps, oldest first. */
  steps: readonly ElectionStep[];
}

export const MAX_STEPS = 8;

export const EMPTY_TRACK: ElectionTrack = { now: 0, ha: null, holder: null, lostAt: null, steps: [] };

/** The Mesos election queue: the `mesos-master` znodes, lowest sequence (the one that leads) first. */
export function electionQueue(ha: HaView): Znode[] {
  return ha.zk.znodes.filter((z) => z.group === 'mesos-master').sort((a, b) => a.seq - b.seq);
}

/** The lowest `mesos-master` znode, or null when nobody is in the election. */
export function lowestZnode(ha: HaView): Znode | null {
  return electionQueue(ha)[0] ?? null;
}

/** The steps between two views, in the order a reader should see them (`seq` is set by the track). */
export function stepsBetween(prev: HaView, next: HaView, hostnames: readonly string[], at: number): ElectionStep[] {
  const steps: ElectionStep[] = [];
  const host = (i: number): string => hostnames[i] ?? `master ${i + 1}`;
  const add = (text: string, tone: StepTone): void => void steps.push({ seq: 0, at, text, tone });

  next.masters.forEach((m, i) => {
    const was = prev.masters[i];
    if (was?.up && !m.up) add(`${host(i)} crashed`, 'bad');
    if (was && !was.up && m.up) add(`${host(i)} restored: its units boot again`, 'info');
  });
  if (partitionKey(prev.partitions) !== partitionKey(next.partitions)) {
    if (next.partitions.length === 0) add('Network healed', 'ok');
    else {
      const [a, b] = next.partitions[next.partitions.length - 1]!;
      add(`Network cut: ${sideLabel(a)} | ${sideLabel(b)}`, 'bad');
    }
  }
  if (prev.zk.serving && !next.zk.serving) add('ZooKeeper lost its quorum: it stops answering', 'bad');
  if (!prev.zk.electing && next.zk.electing) add(`ZooKeeper servers elect a leader (${next.zk.quorum} needed)`, 'info');
  if (!prev.zk.serving && next.zk.serving) {
    const leader = next.zk.leader === null ? '' : `, leader ${host(next.zk.leader)}`;
    add(`ZooKeeper serving: ${next.zk.members.length} of ${next.masters.length}${leader}`, 'ok');
  }
  const before = electionQueue(prev);
  const after = electionQueue(next);
  const had = new Set(before.map((z) => z.seq));
  const has = new Set(after.map((z) => z.seq));
  for (const z of before) {
    if (!has.has(z.seq)) add(`${host(z.master)}'s ZooKeeper session expired: znode #${z.seq} deleted`, 'info');
  }
  for (const z of after) {
    if (!had.has(z.seq)) add(`${host(z.master)} joins the election: znode #${z.seq}`, 'info');
  }
  next.masters.forEach((m, i) => {
    const was = prev.masters[i]?.mesos;
    if (was === m.mesos) return;
    if (was === 'leader') add(`${host(i)} stopped leading`, 'bad');
    if (m.mesos === 'recovering') {
      const own = after.find((z) => z.master === i);
      add(`${host(i)} holds the lowest znode${own ? ` #${own.seq}` : ''}: it recovers the registry`, 'info');
    }
    if (m.mesos === 'leader') add(`${host(i)} is the leading Mesos master`, 'ok');
  });
  if (prev.marathonLeader !== next.marathonLeader && next.marathonLeader !== null)
    add(`Marathon on ${host(next.marathonLeader)} leads`, 'ok');
  if (prev.metronomeLeader !== next.metronomeLeader && next.metronomeLeader !== null)
    add(`Metronome on ${host(next.metronomeLeader)} leads`, 'ok');
  return steps;
}

function partitionKey(partitions: HaView['partitions']): string {
  return JSON.stringify(partitions);
}

function sideLabel(hosts: readonly string[]): string {
  return hosts.length <= 3 ? hosts.join(', ') : `${hosts.slice(0, 2).join(', ')} +${hosts.length - 2}`;
}

/** The track after a frame at `now`. Going back in time starts a new track (the story so far no longer happened). */
export function trackElection(track: ElectionTrack, ha: HaView, now: number, hostnames: readonly string[]): ElectionTrack {
  const lowest = lowestZnode(ha);
  const holder = lowest?.master ?? null;
  const lostAt = lowest?.lostAt ?? null;
  const prev = track.ha;
  if (now < track.now) return { now, ha, holder, lostAt, steps: [] };
  if (prev === null) return { now, ha, holder, lostAt, steps: track.steps }; // what the cluster told of its past stays
  let seq = track.steps[track.steps.length - 1]?.seq ?? 0;
  const steps = [...track.steps, ...stepsBetween(prev, ha, hostnames, now).map((s) => ({ ...s, seq: ++seq }))];
  return { now, ha, holder, lostAt, steps: steps.slice(-MAX_STEPS) };
}

/**
 * The track of a cluster first seen at `now`, past its start (reopened, or opened from a link): the
 * elections it had, from its notable events with their own times, not as if they happened now.
 */
export function trackFromPast(events: readonly NotableEvent[], now: number): ElectionTrack {
  const steps = events
    .filter((e) => e.kind === 'leader' && e.at <= now)
    .slice(-MAX_STEPS)
    .map((e, i): ElectionStep => ({ seq: i + 1, at: e.at, text: e.label, tone: 'ok' }));
  return { ...EMPTY_TRACK, now, steps };
}

/**
 * Milliseconds until the holder's session expires (0 once it is due: without a quorum the expiry
 * waits), or null when it is connected or nobody holds the election.
 */
export function sessionLeft(track: ElectionTrack): number | null {
  if (track.holder === null || track.lostAt === null || track.ha === null) return null;
  return Math.max(0, track.lostAt + track.ha.zk.sessionTimeoutMs - track.now);
}

/** What a znode's master is doing in the election, in a few words (`left`: the holder's `sessionLeft`). */
export function znodePlace(ha: HaView, queue: readonly Znode[], k: number, left: number | null): string {
  const z = queue[k]!;
  const m = ha.masters[z.master];
  const lost = z.lostAt !== null;
  if (!z.clientAlive) return k === 0 && left === 0 && !ha.zk.serving ? 'expired, awaits a quorum' : 'process gone, znode lingers';
  if (k === 0) {
    if (m?.mesos === 'leader') return lost ? 'leader, session lost' : 'leader';
    if (m?.mesos === 'recovering') return 'recovering registry';
    return lost ? 'session lost' : 'next leader';
  }
  return lost ? 'session lost' : `watches #${queue[k - 1]!.seq}`;
}

/** The masters without a `mesos-master` znode, and why they are not in the election. */
export function outsideElection(ha: HaView, hostnames: readonly string[]): Array<{ master: number; why: string }> {
  const inside = new Set(electionQueue(ha).map((z) => z.master));
  return ha.masters.flatMap((m, i) => {
    if (inside.has(i)) return [];
    const why = !m.up ? 'host down' : reachesEnsemble(ha, i, hostnames) ? 'starting' : 'cannot reach ZooKeeper';
    return [{ master: i, why }];
  });
}
