/**
 * The boot sequence of a master, as in DC/OS: Exhibitor starts ZooKeeper; the Mesos master and
 * Marathon start once ZooKeeper runs; Mesos-DNS once a leader can be resolved (leader.mesos);
 * Admin Router after Mesos-DNS. A crash takes every unit down; a restore boots them again.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { leaderIndex, loseLeadership } from '../mesos/leader.ts';
import { loseMarathonLeadership } from '../marathon/leader.ts';
import { loseMetronomeLeadership } from '../metronome/leader.ts';
import { METRONOME_START_MS } from '../metronome/boot.ts';
import { dropClient } from '../zookeeper/ensemble.ts';
import { MASTER_UNITS, type MasterUnit } from '../../common/units.ts';

/** How long each unit takes to start once what it needs is there. */
const START_MS: Record<MasterUnit, [number, number]> = {
  exhibitor: [100, 300],
  zookeeper: [100, 300],
  'mesos-master': [100, 300],
  'mesos-dns': [100, 300],
  marathon: [800, 1500],
  metronome: METRONOME_START_MS,
  adminrouter: [50, 150],
};

function canStart(state: ClusterState, master: number, unit: MasterUnit): boolean {
  const units = state.masters[master]!.units;
  switch (unit) {
    case 'exhibitor':
      return true;
    case 'zookeeper':
      return units.exhibitor === 'up';
    case 'mesos-master':
    case 'marathon':
      return units.zookeeper === 'up';
    case 'mesos-dns':
      return leaderIndex(state) !== null;
    // dcos-metronome's pre-start pings leader.mesos (packages/metronome/build).
    case 'metronome':
      return units['mesos-dns'] === 'up' && leaderIndex(state) !== null;
    case 'adminrouter':
      return units['mesos-dns'] === 'up';
  }
}

/** Start every waiting unit whose needs are met. */
export function startWaitingUnits(ctx: SimContext, state: ClusterState): void {
  state.masters.forEach((m, i) => {
    if (!m.up) return;
    for (const unit of MASTER_UNITS) {
      if (m.units[unit] !== 'waiting' || !canStart(state, i, unit)) continue;
      m.units[unit] = 'starting';
      const [lo, hi] = START_MS[unit];
      ctx.schedule(ctx.randomInt(lo, hi), { type: 'unit.up', master: i, unit, boot: m.boot });
    }
  });
}

/** A unit finished starting; false when the event is void (the host rebooted, or the unit is not starting). */
export function unitUp(state: ClusterState, master: number, unit: MasterUnit, boot: number): boolean {
  const m = state.masters[master]!;
  if (!m.up || m.boot !== boot || m.units[unit] !== 'starting') return false;
  m.units[unit] = 'up';
  if (unit === 'mesos-master') {
    m.mesos = 'contender';
    m.mesosStarts++;
  }
  if (unit === 'marathon') m.marathon = 'standby';
  if (unit === 'metronome') m.metronome = 'standby';
  return true;
}

/** The host goes down with everything on it; its ZooKeeper sessions expire a timeout later. */
export function crashMaster(ctx: SimContext, state: ClusterState, master: number): void {
  const m = state.masters[master]!;
  if (!m.up) return;
  loseLeadership(ctx, state, master, 'its host crashed');
  loseMarathonLeadership(ctx, state, master, 'its host crashed');
  loseMetronomeLeadership(ctx, state, master, 'its host crashed');
  m.up = false;
  m.boot++;
  for (const unit of MASTER_UNITS) m.units[unit] = 'down';
  m.mesos = 'down';
  m.marathon = 'down';
  m.metronome = 'down';
  dropClient(ctx, state, master, 'mesos-master');
  dropClient(ctx, state, master, 'marathon');
  dropClient(ctx, state, master, 'metronome');
}

/** The host is back: its units boot again in order. */
export function restoreMaster(state: ClusterState, master: number): void {
  const m = state.masters[master]!;
  if (m.up) return;
  m.up = true;
  m.boot++;
  for (const unit of MASTER_UNITS) m.units[unit] = 'waiting';
}
