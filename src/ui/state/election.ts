/**
 * The Mesos leader election as a story a reader can follow, told from the frames' `ha` views:
 * each frame is compared with the one before it and what changed becomes a step ("master-1
 * crashed", "ZooKeeper lost its quorum", "master-2 holds the lowest znode: it recovers the
 * registry", "master-2 leads"). It also follows the master whose znode heads the election queue
 * (the leader, or the old leader until its ZooKeeper session expires) and when that session lost
 * the ensemble, so the UI can count the session timeout down. Frames come ~10 times a second, so
 * times are as observed (to a frame's precision), not the engine's exact event times.
 */
import type { HaView } from '../../engine/view-types.ts';
import { reachesEnsemble } from './ha.ts';

export type StepTone = 'info' | 'bad' | 'ok';

export interface ElectionStep {
  /** Counts up through the track: a key for lists. */
  seq: number;
  at: number;
  text: string;
  tone: StepTone;
}

export interface ElectionTrack {
  /** Simulated time of the last frame seen. */
  now: number;
  ha: HaView | null;
  /** The master whose znode heads the Mesos election: the leader, or the old leader until its session expires. */
  holder: number | null;
  /** When the holder's session was seen to lose the ensemble (null: connected, or not known). */
  lostAt: number | null;
  /** The latest steps, oldest first. */
  steps: readonly ElectionStep[];
}

export const MAX_STEPS = 8;

export const EMPTY_TRACK: ElectionTrack = { now: 0, ha: null, holder: null, lostAt: null, steps: [] };

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
  next.masters.forEach((m, i) => {
    const was = prev.masters[i]?.mesos;
    if (was === m.mesos) return;
    if (was === 'leader') add(`${host(i)} stopped leading`, 'bad');
    if (m.mesos === 'contender' && was === 'down') add(`${host(i)} joins the election: a new znode, at the back of the queue`, 'info');
    if (m.mesos === 'recovering') add(`${host(i)} holds the lowest znode: it recovers the registry`, 'info');
    if (m.mesos === 'leader') add(`${host(i)} is the leading Mesos master`, 'ok');
  });
  if (prev.marathonLeader !== next.marathonLeader && next.marathonLeader !== null) add(`Marathon on ${host(next.marathonLeader)} leads`, 'ok');
  return steps;
}

function partitionKey(partitions: HaView['partitions']): string {
  return JSON.stringify(partitions);
}

function sideLabel(hosts: readonly string[]): string {
  return hosts.length <= 3 ? hosts.join(', ') : `${hosts.slice(0, 2).join(', ')} +${hosts.length - 2}`;
}

/** The holder's session cannot reach the serving ensemble (its host is down, or cut off, or there is no quorum). */
function sessionLost(ha: HaView, holder: number, hostnames: readonly string[]): boolean {
  return !reachesEnsemble(ha, holder, hostnames);
}

/**
 * The track after a frame at `now`. Going back in time starts a new track (the story so far no
 * longer happened); `timeoutMs` is ZooKeeper's session timeout.
 */
export function trackElection(track: ElectionTrack, ha: HaView, now: number, hostnames: readonly string[], timeoutMs: number): ElectionTrack {
  const prev = track.ha;
  if (prev === null || now < track.now) {
    return { now, ha, holder: ha.leader, lostAt: null, steps: [] };
  }
  let seq = track.steps[track.steps.length - 1]?.seq ?? 0;
  const steps = [...track.steps, ...stepsBetween(prev, ha, hostnames, now).map((s) => ({ ...s, seq: ++seq }))];
  let holder = ha.leader ?? track.holder;
  // Someone else won: the old znode is gone.
  const winner = ha.masters.findIndex((m) => m.mesos === 'recovering' || m.mesos === 'leader');
  if (winner >= 0 && winner !== holder) holder = winner;

  let lostAt = holder === track.holder ? track.lostAt : null;
  if (holder !== null) {
    if (!sessionLost(ha, holder, hostnames)) lostAt = null;
    // A new ensemble leader gives every session a fresh timeout.
    else if (lostAt === null || (!prev.zk.serving && ha.zk.serving)) lostAt = now;
    if (lostAt !== null && ha.leader === null && ha.zk.serving && now >= lostAt + timeoutMs) {
      steps.push({ seq: ++seq, at: now, text: `${hostnames[holder] ?? '?'}'s ZooKeeper session expired: its znode is deleted`, tone: 'info' });
      holder = null;
      lostAt = null;
    }
  }
  return { now, ha, holder, lostAt, steps: steps.slice(-MAX_STEPS) };
}

/** Milliseconds until the holder's session expires, or null when it is connected (or not known). */
export function sessionLeft(track: ElectionTrack, timeoutMs: number): number | null {
  if (track.holder === null || track.lostAt === null) return null;
  return Math.max(0, track.lostAt + timeoutMs - track.now);
}
