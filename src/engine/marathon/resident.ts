/**
 * Resident instances (apps with local persistent volumes, docs/storage-sources-marathon.md §3): the first offer that
 * fits is answered with RESERVE and CREATE only (`InstanceOpFactoryImpl.inferForResidents`); the instance keeps its
 * agent and reservation and is launched when an offer brings the labelled resources back, and relaunched there after
 * each task ends. Labelled resources whose instance is gone (or decommissioned and finished) are destroyed and
 * unreserved (`OfferMatcherReconciler`).
 */
import { SIM_EPOCH_MS } from '../../common/clock.ts';
import { timeUuid } from '../../common/metronome/time-uuid.ts';
import { round3, type Scalars } from '../../common/resources.ts';
import type { ClusterState, DynamicReservation, OfferState, Pool, Portion } from '../core/model.ts';
import { diskItem } from '../mesos/disks.ts';
import { RESERVED, type Conversion, type VolumeSpec } from '../mesos/reservations.ts';
import type { InstanceLaunch } from './placement.ts';
import { TERMINAL_CONDITIONS, type InstanceState, type LocalVolumeId, type MarathonState, type RunSpecRecord } from './model.ts';

/** DC/OS runs Marathon with `--mesos_authentication_principal dcos_marathon`: its reservations carry it. */
export const MARATHON_PRINCIPAL = 'dcos_marathon';
export const FRAMEWORK_LABEL = 'marathon_framework_id';
/** Holds the instance id, under the label name older Marathons used for task ids (`TaskLabels`). */
export const INSTANCE_LABEL = 'marathon_task_id';

/** The instance Marathon's labels on a pool name, when the pool is a reservation of this Marathon. */
export function reservationOwner(pool: Pool, frameworkId: string): string | undefined {
  const labels = pool.dynamic?.labels;
  if (!labels?.some((l) => l.key === FRAMEWORK_LABEL && l.value === frameworkId)) return undefined;
  return labels.find((l) => l.key === INSTANCE_LABEL)?.value;
}

/**
 * RESERVE the placed instance's resources for its role with Marathon's labels, then CREATE its volumes: the instance
 * stays Scheduled, now with its agent and a reservation that times out unless a task is launched on it.
 */
export function reserveFor(m: MarathonState, offer: OfferState, launch: InstanceLaunch, agentPool: Pool, now: number): Conversion[] {
  const { instance } = launch;
  const record = m.runSpecs[instance.runSpecId]!;
  const portion = launch.tasks[0]!.portions.find((p) => p.pool === 0)!;
  const reservation: DynamicReservation = {
    principal: MARATHON_PRINCIPAL,
    labels: [
      { key: FRAMEWORK_LABEL, value: m.frameworkId },
      { key: INSTANCE_LABEL, value: instance.id },
    ],
  };
  const wholeDisks = [...(portion.disks ?? [])];
  const volumeIds: LocalVolumeId[] = [];
  const volumes: VolumeSpec[] = (record.spec.residentVolumes ?? []).map((v) => {
    const uuid = volumeUuid(m, now);
    const id: LocalVolumeId = {
      runSpecId: record.spec.id,
      containerPath: v.containerPath,
      uuid,
      persistenceId: `${record.spec.id.slice(1).replaceAll('/', '_')}#${v.containerPath}#${uuid}`,
    };
    volumeIds.push(id);
    const disk = v.type === 'root' ? undefined : wholeDisks.shift();
    const size = disk === undefined ? v.size : diskItem(agentPool, disk)!.size;
    return {
      size,
      persistence: { id: id.persistenceId, principal: MARATHON_PRINCIPAL },
      volume: { containerPath: v.containerPath, mode: 'RW' },
      ...(disk === undefined ? {} : { disk }),
    };
  });
  instance.agentIdx = offer.agentIdx;
  instance.role = record.spec.role;
  instance.hostPorts = launch.hostPorts;
  instance.reservation = { volumeIds, state: 'New', timeoutAt: now + m.config.flags.task_reservation_timeout, launched: false };
  return [
    { type: 'RESERVE', role: offer.role, reservation, resources: { ...portion, scalars: [...portion.scalars] as Scalars } },
    { type: 'CREATE', pool: RESERVED, volumes },
  ];
}

/** What Marathon does with the labelled reservations an offer brings: launch on them, or clean them up. */
export interface ReservationWork {
  launches: InstanceLaunch[];
  cleanup: Conversion[];
}

export function reservationWork(state: ClusterState, offer: OfferState, now: number): ReservationWork | undefined {
  const m = state.marathon;
  const agent = state.agents[offer.agentIdx]!;
  const work: ReservationWork = { launches: [], cleanup: [] };
  for (const portion of offer.portions) {
    const pool = agent.pools[portion.pool]!;
    const owner = reservationOwner(pool, m.frameworkId);
    if (owner === undefined) continue;
    const instance = m.instances[owner];
    const record = instance && m.runSpecs[instance.runSpecId];
    if (!instance || !record || record.removing || (instance.goal === 'Decommissioned' && TERMINAL_CONDITIONS.has(instance.condition))) {
      work.cleanup.push(...cleanupOps(pool, portion));
      m.cleanup = m.cleanup?.filter((c) => c.instanceId !== owner);
      if (m.cleanup?.length === 0) delete m.cleanup;
      continue;
    }
    if (launchesOnReservation(record, instance, pool, portion, now)) {
      work.launches.push({ instance, tasks: [{ container: '', portions: [copyOf(portion)] }], hostPorts: instance.hostPorts ?? [] });
    }
  }
  return work.launches.length > 0 || work.cleanup.length > 0 ? work : undefined;
}

/** A scheduled resident instance launches when every one of its volumes is in the offer (`PersistentVolumeMatcher`). */
function launchesOnReservation(record: RunSpecRecord, instance: InstanceState, pool: Pool, portion: Portion, now: number): boolean {
  if (instance.goal !== 'Running' || instance.condition !== 'Scheduled' || !instance.reservation) return false;
  if (record.backoff !== null && record.backoff.until > now) return false;
  const offered = new Set((portion.disks ?? []).map((id) => diskItem(pool, id)?.persistence?.id));
  return instance.reservation.volumeIds.every((v) => offered.has(v.persistenceId));
}

/** DESTROY the volumes, then UNRESERVE everything the portion holds of the reservation (`InstanceOp.UnreserveAndDestroyVolumes`). */
function cleanupOps(pool: Pool, portion: Portion): Conversion[] {
  const items = (portion.disks ?? []).map((id) => diskItem(pool, id)!);
  const volumes = items.filter((d) => d.persistence);
  const rootVolumes = round3(volumes.reduce((n, d) => (d.source === null ? n + d.size : n), 0));
  const scalars = [...portion.scalars] as Scalars;
  scalars[2] = round3(scalars[2] + rootVolumes);
  const ops: Conversion[] = [];
  if (volumes.length > 0) ops.push({ type: 'DESTROY', pool: portion.pool, persistenceIds: volumes.map((d) => d.persistence!.id) });
  const whole = items.filter((d) => d.source !== null).map((d) => d.id);
  ops.push({
    type: 'UNRESERVE',
    resources: { pool: portion.pool, scalars, ports: portion.ports, ...(whole.length ? { disks: whole } : {}) },
  });
  return ops;
}

function copyOf(p: Portion): Portion {
  return { ...p, scalars: [...p.scalars] as Scalars, ports: p.ports.map(([b, e]) => [b, e]), ...(p.disks ? { disks: [...p.disks] } : {}) };
}

/** Time-based (v1) uuids, as `LocalVolumeId` makes them. */
function volumeUuid(m: MarathonState, now: number): string {
  m.volumeSeq = (m.volumeSeq ?? 0) + 1;
  return timeUuid(SIM_EPOCH_MS + now, m.volumeSeq, 0x1d05, 0x0200_0000_0001);
}
