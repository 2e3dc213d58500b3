/**
 * The kernel's "frameworks": one slot per registered framework and role. Mesos puts a MULTI_ROLE framework in the
 * framework sorter of each of its roles, with what it holds in that role; the kernel sees each as a framework of
 * its own, so it needs no notion of several roles.
 */
import type { PackFramework } from './pack-source.ts';

/** One framework in one of its roles: the kernel's "framework" (a MULTI_ROLE framework has one slot per role). */
export interface FrameworkSlot<F extends PackFramework = PackFramework> {
  framework: F;
  role: string;
}

/** Framework id → role → kernel index. */
export type SlotIndex = ReadonlyMap<string, ReadonlyMap<string, number>>;

interface SlotCache {
  registered: readonly PackFramework[];
  /** Each framework's `roles` array and number of shares when packed: either changes the slots. */
  roles: ReadonlyArray<readonly string[]>;
  shareCounts: readonly number[];
  slots: FrameworkSlot[];
  byId: SlotIndex;
}

/** Per cluster (its framework list): the slots last packed, and their kernel indexes. */
const slotCaches = new WeakMap<readonly PackFramework[], SlotCache>();

/**
 * The slots of the `registered` frameworks of `all`, in framework order and, within one, its subscribed roles
 * then the other roles it holds resources in; the same objects while nothing changed (the filter blocks key on them).
 */
export function frameworkSlots<F extends PackFramework>(
  all: readonly F[],
  registered: readonly F[],
): { slots: FrameworkSlot<F>[]; byId: SlotIndex } {
  const last = slotCaches.get(all);
  if (
    last &&
    last.registered.length === registered.length &&
    registered.every(
      (f, i) => f === last.registered[i] && f.roles === last.roles[i] && Object.keys(f.shares).length === last.shareCounts[i],
    )
  )
    return { slots: last.slots as FrameworkSlot<F>[], byId: last.byId };
  const slots: FrameworkSlot<F>[] = [];
  const byId = new Map<string, Map<string, number>>();
  for (const framework of registered) {
    const roles = new Map<string, number>();
    for (const role of [...framework.roles, ...Object.keys(framework.shares)]) {
      if (roles.has(role)) continue;
      roles.set(role, slots.length);
      slots.push({ framework, role });
    }
    byId.set(framework.id, roles);
  }
  slotCaches.set(all, {
    registered,
    roles: registered.map((f) => f.roles),
    shareCounts: registered.map((f) => Object.keys(f.shares).length),
    slots,
    byId,
  });
  return { slots, byId };
}
