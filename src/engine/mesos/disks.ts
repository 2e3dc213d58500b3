/**
 * Disks kept whole inside a pool (PATH and MOUNT disks, persistent volumes): which of them an offer or a task
 * carries, and how much plain ROOT disk is left beside them.
 */
import { round3, type Scalars } from '../../common/resources.ts';
import type { DiskItem, Pool, Portion } from '../core/model.ts';

const DISK = 2;

/** The pool's item with this id, if any. */
export function diskItem(pool: Pool, id: number): DiskItem | undefined {
  return pool.disks?.find((d) => d.id === id);
}

/** Plain ROOT disk of the pool neither offered nor used. */
export function freeRootDisk(pool: Pool): number {
  let whole = 0;
  for (const d of pool.disks ?? []) if (d.free) whole += d.size;
  return round3(pool.free[DISK] - whole);
}

/** A portion's scalars with its whole disks counted in (what it holds of the pool). */
export function heldScalars(portion: Portion): Scalars {
  const s: Scalars = [...portion.scalars];
  if (portion.wholeDisk) s[DISK] = round3(s[DISK] + portion.wholeDisk);
  return s;
}

/**
 * Splits `scalars` taken from the pool's free resources into plain resources and whole disks. Offered whole (the
 * allocator offered the pool's free disk): every free item, and `scalars` keeps only the ROOT disk beside them.
 * Chopped (quota headroom cut the unreserved disk): no item, and the disk is cut to the free ROOT disk, so a MOUNT
 * disk is never split (Mesos cannot shrink one either).
 */
export function takeDisks(pool: Pool, scalars: Scalars): Pick<Portion, 'disks' | 'wholeDisk'> {
  if (!pool.disks?.length) return {};
  const root = Math.max(0, freeRootDisk(pool));
  if (scalars[DISK] >= pool.free[DISK] - 1e-9) {
    const items = pool.disks.filter((d) => d.free);
    for (const d of items) d.free = false;
    scalars[DISK] = root;
    if (items.length === 0) return {};
    return { disks: items.map((d) => d.id), wholeDisk: round3(items.reduce((n, d) => n + d.size, 0)) };
  }
  scalars[DISK] = Math.min(scalars[DISK], root);
  return {};
}

/** Whole disks come back to the pool (or leave it: `free` false). */
export function markDisks(pool: Pool, ids: readonly number[] | undefined, free: boolean): void {
  for (const id of ids ?? []) {
    const item = diskItem(pool, id);
    if (item) item.free = free;
  }
}

/** The next item id of an agent. */
export function nextDiskId(agent: { diskSeq?: number }): number {
  agent.diskSeq = (agent.diskSeq ?? 0) + 1;
  return agent.diskSeq;
}
