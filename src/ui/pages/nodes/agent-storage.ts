/**
 * An agent's reservations and persistent volumes, read from the `reserved_resources_full` of its entry in
 * GET /mesos/master/slaves (role → the full Resource JSON reserved to it; Mesos 1.11). A resource with
 * `disk.persistence` is a volume. Read defensively: an agent without the field (older data) has none.
 */
import { formatMem, formatNumber } from '../../format.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

export interface Reservation {
  role: string;
  /** `cpus`, `mem`, `disk`, `ports`, … */
  resource: string;
  amount: string;
  /** The type of the newest reservation on the stack. */
  type: 'Static' | 'Dynamic';
  principal: string;
  /** The persistence id when the resource is a volume. */
  volume?: string;
}

export interface AgentVolume {
  persistenceId: string;
  role: string;
  /** MiB */
  size: number;
  containerPath: string;
  mode: string;
  /** `ROOT`, or `MOUNT` / `PATH` with the disk's root. */
  source: string;
  principal: string;
}

/** The resource's quantity in words: a scalar (memory and disk in MiB), ranges, or a set. */
export function amountOf(r: Json): string {
  const name = text(r.name);
  if (isObject(r.scalar) && typeof r.scalar.value === 'number') {
    return name === 'mem' || name === 'disk' ? formatMem(r.scalar.value) : formatNumber(r.scalar.value);
  }
  if (isObject(r.ranges))
    return list(r.ranges.range)
      .map((x) => `[${String(x.begin)}-${String(x.end)}]`)
      .join(', ');
  if (isObject(r.set) && Array.isArray(r.set.item)) return r.set.item.map(String).join(', ');
  return '';
}

function sourceOf(disk: Json): string {
  const source = isObject(disk.source) ? disk.source : undefined;
  if (!source) return 'ROOT';
  const type = text(source.type);
  const at = isObject(source.mount) ? source.mount : isObject(source.path) ? source.path : {};
  return [type, text(at.root)].filter(Boolean).join(' ');
}

/** The reservations of an agent entry, by role, and its volumes by persistence id; null when it has no full listing. */
export function agentStorage(agent: object): { reservations: Reservation[]; volumes: AgentVolume[] } | null {
  const full = 'reserved_resources_full' in agent ? agent.reserved_resources_full : undefined;
  if (!isObject(full)) return null;
  const reservations: Reservation[] = [];
  const volumes: AgentVolume[] = [];
  for (const role of Object.keys(full).sort()) {
    for (const r of list(full[role])) {
      const stack = list(r.reservations);
      const top = stack.at(-1);
      const principal = text(top?.principal) || (isObject(r.reservation) ? text(r.reservation.principal) : '');
      const disk = isObject(r.disk) ? r.disk : {};
      const persistence = isObject(disk.persistence) ? disk.persistence : undefined;
      const persistenceId = persistence ? text(persistence.id) : undefined;
      reservations.push({
        role,
        resource: text(r.name),
        amount: amountOf(r),
        type: top ? (top.type === 'STATIC' ? 'Static' : 'Dynamic') : isObject(r.reservation) ? 'Dynamic' : 'Static',
        principal,
        ...(persistenceId !== undefined ? { volume: persistenceId } : {}),
      });
      if (persistence) {
        const volume = isObject(disk.volume) ? disk.volume : {};
        volumes.push({
          persistenceId: persistenceId ?? '',
          role,
          size: isObject(r.scalar) && typeof r.scalar.value === 'number' ? r.scalar.value : 0,
          containerPath: text(volume.container_path),
          mode: text(volume.mode),
          source: sourceOf(disk),
          principal: text(persistence.principal),
        });
      }
    }
  }
  volumes.sort((a, b) => (a.persistenceId < b.persistenceId ? -1 : a.persistenceId > b.persistenceId ? 1 : 0));
  return { reservations, volumes };
}
