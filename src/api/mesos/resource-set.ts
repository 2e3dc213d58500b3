/**
 * A small `Resources` (MS:src/common/resources.cpp:353-560, 2080-2092, 2708-2716) over refined resources: adding merges
 * like resources (never two MOUNT disks or two volumes), `contains` and subtraction match exactly (whole reservation
 * stack, whole DiskInfo), and a conversion that does not fit says `<resources> does not contain <consumed>`. Also the
 * resources of an agent's pools in these terms: each pool's plain resources, then each whole disk of it on its own.
 */
import { mergePorts, round3, subtractPorts, type Scalars } from '../../common/resources.ts';
import type { PortRanges } from '../../common/scenario/types.ts';
import type { AgentState, DiskItem, Pool } from '../../engine/core/model.ts';
import { freeRootDisk } from '../../engine/mesos/disks.ts';
import { resourcesText, type MesosDisk, type MesosReservation, type MesosResourceIn } from './resource-model.ts';

/** Everything but the amount: two resources with the same key are the same kind of resource. */
export function resourceKey(r: MesosResourceIn): string {
  const labels = (ls: MesosReservation['labels']) => ls?.map((l) => [l.key, l.value ?? null]) ?? null;
  const reservations = r.reservations.map((x) => [x.type ?? null, x.role ?? '', x.principal ?? null, labels(x.labels)]);
  return JSON.stringify([
    r.name,
    r.type,
    r.allocationRole ?? null,
    reservations,
    diskKey(r.disk),
    r.provider ?? null,
    r.revocable,
    r.shared,
  ]);
}

function diskKey(d: MesosDisk | undefined): unknown {
  if (!d) return null;
  const { persistence: p, volume: v, source: s } = d;
  return [
    p ? [p.id, p.principal ?? null] : null,
    v ? [v.mode, v.containerPath, v.hostPath ?? null] : null,
    s ? [s.type, s.root ?? null, s.hasPath, s.hasMount, s.csi ?? null] : null,
  ];
}

/** MOUNT disks and persistent volumes are kept whole: they never merge, and subtract only when identical. */
const whole = (r: MesosResourceIn): boolean => r.disk?.source?.type === 'MOUNT' || r.disk?.persistence !== undefined;

const sameAmount = (a: MesosResourceIn, b: MesosResourceIn): boolean =>
  round3(a.scalar ?? 0) === round3(b.scalar ?? 0) && JSON.stringify(a.ranges ?? []) === JSON.stringify(b.ranges ?? []);

function merged(a: MesosResourceIn, b: MesosResourceIn): MesosResourceIn {
  if (a.type === 'SCALAR') return { ...a, scalar: round3((a.scalar ?? 0) + (b.scalar ?? 0)) };
  return { ...a, ranges: mergePorts(a.ranges ?? [], b.ranges ?? []) };
}

export class ResourceSet {
  readonly items: MesosResourceIn[] = [];

  add(r: MesosResourceIn): this {
    const isEmpty = r.type === 'SCALAR' ? round3(r.scalar ?? 0) <= 0 : (r.ranges ?? []).length === 0;
    if (isEmpty) return this;
    const key = resourceKey(r);
    const at = whole(r) ? -1 : this.items.findIndex((x) => resourceKey(x) === key);
    if (at >= 0) this.items[at] = merged(this.items[at]!, r);
    else this.items.push({ ...r });
    return this;
  }

  addAll(rs: readonly MesosResourceIn[]): this {
    for (const r of rs) this.add(r);
    return this;
  }

  /** The item that holds all of `r`, if one does. */
  #holder(r: MesosResourceIn): number {
    const key = resourceKey(r);
    return this.items.findIndex((x) => {
      if (resourceKey(x) !== key) return false;
      if (whole(x)) return sameAmount(x, r);
      if (x.type === 'SCALAR') return round3(r.scalar ?? 0) <= round3(x.scalar ?? 0);
      return subtractPorts(r.ranges ?? [], x.ranges ?? []).length === 0;
    });
  }

  /** Takes all of `rs` out, or says which is missing (and leaves the set as it was). */
  take(rs: readonly MesosResourceIn[]): boolean {
    const before = [...this.items];
    for (const r of rs) {
      const at = this.#holder(r);
      if (at < 0) {
        this.items.splice(0, this.items.length, ...before);
        return false;
      }
      const x = this.items[at]!;
      const left: MesosResourceIn =
        x.type === 'SCALAR'
          ? { ...x, scalar: round3((x.scalar ?? 0) - (r.scalar ?? 0)) }
          : { ...x, ranges: subtractPorts(x.ranges ?? [], r.ranges ?? []) };
      const gone = whole(x) || (x.type === 'SCALAR' ? (left.scalar ?? 0) <= 0 : (left.ranges ?? []).length === 0);
      if (gone) this.items.splice(at, 1);
      else this.items[at] = left;
    }
    return true;
  }

  /** `ResourceConversion::apply`: null when `consumed` fits (and is replaced by `converted`), else Mesos' text. */
  convert(consumed: readonly MesosResourceIn[], converted: readonly MesosResourceIn[]): string | null {
    const text = resourcesText(this.items);
    if (!this.take(consumed)) return `${text} does not contain ${resourcesText(consumed)}`;
    for (const r of converted) this.add(r);
    return null;
  }
}

/** A pool's reservation stack: none for '*', STATIC for a --resources reservation, else its DYNAMIC one. */
export function poolReservations(pool: Pool): MesosReservation[] {
  if (pool.role === '*') return [];
  if (!pool.dynamic) return [{ type: 'STATIC', role: pool.role }];
  const r: MesosReservation = { type: 'DYNAMIC', role: pool.role };
  if (pool.dynamic.principal !== undefined) r.principal = pool.dynamic.principal;
  if (pool.dynamic.labels.length > 0) r.labels = pool.dynamic.labels.map((l) => ({ ...l }));
  return [r];
}

export function diskInfoOf(item: DiskItem): MesosDisk {
  const d: MesosDisk = {};
  if (item.persistence) d.persistence = { ...item.persistence };
  if (item.volume) d.volume = { mode: item.volume.mode, containerPath: item.volume.containerPath };
  if (item.source)
    d.source = {
      type: item.source.type,
      root: item.source.root,
      hasPath: item.source.type === 'PATH',
      hasMount: item.source.type === 'MOUNT',
    };
  return d;
}

const NAMES = ['cpus', 'mem', 'disk', 'gpus'] as const;

/**
 * Resources of one pool: plain scalars (their disk the ROOT disk only), then the whole disks, then ports;
 * `allocationRole` for offered and used ones. Zero amounts are left out.
 */
export function poolResources(
  pool: Pool,
  plain: Scalars,
  ports: PortRanges,
  items: readonly DiskItem[],
  allocationRole?: string,
): MesosResourceIn[] {
  const base = (name: string, type: 'SCALAR' | 'RANGES'): MesosResourceIn => ({
    name,
    type,
    ...(allocationRole !== undefined ? { allocationRole } : {}),
    reservations: poolReservations(pool),
    revocable: false,
    shared: false,
  });
  const out: MesosResourceIn[] = [];
  NAMES.forEach((name, i) => {
    if (name === 'gpus') for (const d of items) out.push({ ...base('disk', 'SCALAR'), scalar: d.size, disk: diskInfoOf(d) });
    if (plain[i]! > 0) out.push({ ...base(name, 'SCALAR'), scalar: plain[i]! });
  });
  if (ports.length > 0) out.push({ ...base('ports', 'RANGES'), ranges: ports.map(([b, e]) => [b, e]) });
  return out;
}

/** What the allocator could still hand out on the agent (neither offered nor used), as Mesos' `available`. */
export function unallocated(agent: AgentState): ResourceSet {
  const set = new ResourceSet();
  for (const pool of agent.pools) {
    const plain: Scalars = [...pool.free];
    plain[2] = Math.max(0, freeRootDisk(pool));
    for (const r of poolResources(
      pool,
      plain,
      pool.freePorts,
      (pool.disks ?? []).filter((d) => d.free),
    ))
      set.add(r);
  }
  return set;
}
