/**
 * The speculative offer operations, RESERVE, UNRESERVE, CREATE and DESTROY, applied by the master to the resources
 * a framework holds in an ACCEPT (or to an agent's free resources, for the operator endpoints: see operator-ops.ts).
 * Each checks everything before it changes anything, so a failing operation leaves the agent and the held resources
 * as they were and the next one goes on (docs/storage-sources-mesos.md §1.3–1.5).
 */
import { addInto, round3, subtractPorts, mergePorts, zero, type Scalars } from '../../common/resources.ts';
import type { PortRanges } from '../../common/scenario/types.ts';
import type { AgentState, DiskItem, DynamicReservation, Pool, Portion } from '../core/model.ts';
import { diskItem, nextDiskId } from './disks.ts';

/** Resources of one pool named by an operation: plain scalars (disk: ROOT disk only), ports, and whole disks by id. */
export interface PoolResources {
  pool: number;
  scalars: Scalars;
  ports: PortRanges;
  disks?: number[];
}

export interface VolumeSpec {
  /** MB: carved from the ROOT disk; ignored for a whole disk, whose size it takes. */
  size: number;
  persistence: { id: string; principal?: string };
  volume: { containerPath: string; mode: 'RW' | 'RO' };
  /** A PATH or MOUNT disk of the pool that becomes the volume, whole; absent: carved from the ROOT disk. */
  disk?: number;
}

/** The pool the last RESERVE of the same ACCEPT reserved into. */
export const RESERVED = 'reserved';

export type Conversion =
  | { type: 'RESERVE'; role: string; reservation: DynamicReservation; resources: PoolResources }
  | { type: 'UNRESERVE'; resources: PoolResources }
  | { type: 'CREATE'; pool: number | typeof RESERVED; volumes: VolumeSpec[] }
  | { type: 'DESTROY'; pool: number; persistenceIds: string[] };

/** Why Mesos refused an operation; the API turns each into Mesos' text. */
export type ConversionError =
  | { kind: 'star-role' }
  | { kind: 'not-unreserved' }
  | { kind: 'not-dynamic' }
  | { kind: 'unreserve-volume' }
  | { kind: 'unreserved-volume' }
  | { kind: 'not-unique'; persistenceId: string }
  | { kind: 'not-found' }
  | { kind: 'in-use' }
  | { kind: 'no-pool' }
  | { kind: 'not-contained' };

export type ConversionResult = { ok: true; pool: number } | { ok: false; error: ConversionError };

/** Tells whether a whole disk of the agent is held by one of its live tasks. */
export type DiskInUse = (pool: number, diskId: number) => boolean;

const fail = (error: ConversionError): ConversionResult => ({ ok: false, error });

/**
 * Applies one operation to `held` (the resources being converted, taken out of the agent's free resources) and to the
 * agent's pools. `lastReserved` is the pool of the ACCEPT's last RESERVE (for CREATE into `reserved`).
 */
export function applyConversion(
  agent: AgentState,
  held: Portion[],
  op: Conversion,
  inUse: DiskInUse,
  lastReserved: number | null,
): ConversionResult {
  switch (op.type) {
    case 'RESERVE':
      return reserve(agent, held, op);
    case 'UNRESERVE':
      return unreserve(agent, held, op.resources);
    case 'CREATE': {
      const pool = op.pool === RESERVED ? lastReserved : op.pool;
      if (pool === null || !agent.pools[pool]) return fail({ kind: 'no-pool' });
      return create(agent, held, pool, op.volumes);
    }
    case 'DESTROY':
      return destroy(agent, held, op.pool, op.persistenceIds, inUse);
  }
}

function reserve(agent: AgentState, held: Portion[], op: Extract<Conversion, { type: 'RESERVE' }>): ConversionResult {
  if (op.role === '*') return fail({ kind: 'star-role' });
  // A refined reservation (reserving a parent role's resources to a child) is Mesos', not modelled here.
  if (agent.pools[op.resources.pool]?.role !== '*') return fail({ kind: 'not-unreserved' });
  const from = heldPortion(held, op.resources.pool);
  if (!from || !contains(agent.pools[op.resources.pool]!, from, op.resources)) return fail({ kind: 'not-contained' });
  const target = poolFor(agent, op.role, op.reservation);
  move(agent, held, op.resources, target);
  return { ok: true, pool: target };
}

function unreserve(agent: AgentState, held: Portion[], resources: PoolResources): ConversionResult {
  const pool = agent.pools[resources.pool];
  if (!pool?.dynamic) return fail({ kind: 'not-dynamic' });
  if ((resources.disks ?? []).some((id) => diskItem(pool, id)?.persistence)) return fail({ kind: 'unreserve-volume' });
  const from = heldPortion(held, resources.pool);
  if (!from || !contains(pool, from, resources)) return fail({ kind: 'not-contained' });
  move(agent, held, resources, 0);
  return { ok: true, pool: 0 };
}

function create(agent: AgentState, held: Portion[], poolIdx: number, volumes: VolumeSpec[]): ConversionResult {
  const pool = agent.pools[poolIdx]!;
  if (pool.role === '*') return fail({ kind: 'unreserved-volume' });
  const taken = new Set<string>();
  for (const p of agent.pools) if (p.role === pool.role) for (const d of p.disks ?? []) if (d.persistence) taken.add(d.persistence.id);
  for (const v of volumes) {
    if (taken.has(v.persistence.id)) return fail({ kind: 'not-unique', persistenceId: v.persistence.id });
    taken.add(v.persistence.id);
  }
  const portion = heldPortion(held, poolIdx);
  const rootNeeded = round3(volumes.reduce((n, v) => (v.disk === undefined ? n + v.size : n), 0));
  const wholeOk = volumes.every(
    (v) => v.disk === undefined || (portion?.disks?.includes(v.disk) === true && !diskItem(pool, v.disk)?.persistence),
  );
  if (!portion || portion.scalars[2] < rootNeeded - 1e-9 || !wholeOk) return fail({ kind: 'not-contained' });
  for (const v of volumes) {
    const fields = { persistence: { ...v.persistence }, volume: { ...v.volume } };
    if (v.disk !== undefined) {
      Object.assign(diskItem(pool, v.disk)!, fields);
      continue;
    }
    const item: DiskItem = { id: nextDiskId(agent), source: null, size: v.size, ...fields, free: false };
    (pool.disks ??= []).push(item);
    portion.scalars[2] = round3(portion.scalars[2] - v.size);
    portion.disks = [...(portion.disks ?? []), item.id];
    portion.wholeDisk = round3((portion.wholeDisk ?? 0) + v.size);
  }
  return { ok: true, pool: poolIdx };
}

function destroy(agent: AgentState, held: Portion[], poolIdx: number, ids: string[], inUse: DiskInUse): ConversionResult {
  const pool = agent.pools[poolIdx];
  const items = ids.map((id) => pool?.disks?.find((d) => d.persistence?.id === id));
  if (!pool || items.length === 0 || items.some((d) => d === undefined)) return fail({ kind: 'not-found' });
  const volumes = items as DiskItem[];
  if (volumes.some((d) => inUse(poolIdx, d.id))) return fail({ kind: 'in-use' });
  const portion = heldPortion(held, poolIdx);
  if (!portion || volumes.some((d) => !portion.disks?.includes(d.id))) return fail({ kind: 'not-contained' });
  for (const d of volumes) {
    delete d.persistence;
    delete d.volume;
    if (d.source !== null) continue;
    // A volume on the ROOT disk goes back to being plain disk of its reservation.
    pool.disks = pool.disks!.filter((x) => x !== d);
    portion.disks = portion.disks!.filter((id) => id !== d.id);
    portion.wholeDisk = round3(portion.wholeDisk! - d.size);
    portion.scalars[2] = round3(portion.scalars[2] + d.size);
  }
  return { ok: true, pool: poolIdx };
}

function heldPortion(held: Portion[], pool: number): Portion | undefined {
  return held.find((p) => p.pool === pool);
}

/** Whether `portion` holds all of `r`: the scalars, every port and every whole disk. */
function contains(pool: Pool, portion: Portion, r: PoolResources): boolean {
  for (let s = 0; s < 4; s++) if (portion.scalars[s]! < r.scalars[s]! - 1e-9) return false;
  if (subtractPorts(r.ports, portion.ports).length > 0) return false;
  return (r.disks ?? []).every((id) => portion.disks?.includes(id) && diskItem(pool, id) !== undefined);
}

/**
 * The index of the pool a RESERVE of `role` with `reservation` would go to on the agent now: a framework that
 * launches on a reservation in the same ACCEPT names it in its LAUNCH.
 */
export function reservedPoolIndex(agent: AgentState, role: string, reservation: DynamicReservation): number {
  const same = agent.pools.findIndex((p) => p.role === role && p.dynamic && sameReservation(p.dynamic, reservation));
  if (same >= 0) return same;
  const emptied = agent.pools.findIndex((p, i) => i > 0 && p.dynamic && isEmptyPool(p));
  return emptied >= 0 ? emptied : agent.pools.length;
}

/** The pool a reservation goes to: one of the same role, principal and labels; else an emptied one; else a new one. */
function poolFor(agent: AgentState, role: string, reservation: DynamicReservation): number {
  const same = agent.pools.findIndex((p) => p.role === role && p.dynamic && sameReservation(p.dynamic, reservation));
  if (same >= 0) return same;
  const emptied = agent.pools.findIndex((p, i) => i > 0 && p.dynamic && isEmptyPool(p));
  const fresh: Pool = { role, dynamic: copyReservation(reservation), total: zero(), free: zero(), totalPorts: [], freePorts: [] };
  if (emptied >= 0) {
    agent.pools[emptied] = fresh;
    return emptied;
  }
  agent.pools.push(fresh);
  return agent.pools.length - 1;
}

export function isEmptyPool(p: Pool): boolean {
  return p.total.every((x) => x <= 0) && p.totalPorts.length === 0 && !p.disks?.length;
}

export function sameReservation(a: DynamicReservation, b: DynamicReservation): boolean {
  return (
    a.principal === b.principal &&
    a.labels.length === b.labels.length &&
    a.labels.every((l, i) => l.key === b.labels[i]!.key && l.value === b.labels[i]!.value)
  );
}

function copyReservation(r: DynamicReservation): DynamicReservation {
  return { ...(r.principal !== undefined ? { principal: r.principal } : {}), labels: r.labels.map((l) => ({ ...l })) };
}

/** Moves held resources from their pool to pool `to`: the agent's totals and the held portions both follow. */
function move(agent: AgentState, held: Portion[], r: PoolResources, to: number): void {
  const fromPool = agent.pools[r.pool]!;
  const toPool = agent.pools[to]!;
  const items = (r.disks ?? []).map((id) => diskItem(fromPool, id)!);
  const whole = round3(items.reduce((n, d) => n + d.size, 0));
  const amount: Scalars = [...r.scalars];
  amount[2] = round3(amount[2] + whole);
  addInto(fromPool.total, amount, -1);
  addInto(toPool.total, amount, 1);
  fromPool.totalPorts = subtractPorts(fromPool.totalPorts, r.ports);
  toPool.totalPorts = mergePorts(toPool.totalPorts, r.ports);
  if (items.length > 0) {
    fromPool.disks = fromPool.disks!.filter((d) => !items.includes(d));
    toPool.disks = [...(toPool.disks ?? []), ...items];
  }
  const source = heldPortion(held, r.pool)!;
  addInto(source.scalars, r.scalars, -1);
  source.ports = subtractPorts(source.ports, r.ports);
  let target = heldPortion(held, to);
  if (!target) {
    target = { pool: to, scalars: zero(), ports: [] };
    held.push(target);
  }
  addInto(target.scalars, r.scalars, 1);
  target.ports = mergePorts(target.ports, r.ports);
  if (items.length > 0) {
    const ids = items.map((d) => d.id);
    source.disks = source.disks!.filter((id) => !ids.includes(id));
    source.wholeDisk = round3(source.wholeDisk! - whole);
    target.disks = [...(target.disks ?? []), ...ids];
    target.wholeDisk = round3((target.wholeDisk ?? 0) + whole);
  }
}
