/**
 * The `*_full` resource arrays of `/master/slaves` agents (MS:src/master/readonly_handler.cpp:361-437): each resource
 * as full `Resource` JSON in the ENDPOINT format, the reservation stack plus the old `role` (always) and `reservation`
 * (a single DYNAMIC one) (MS:src/common/resources_utils.cpp:371-413). Fields in declaration order, unset ones left out:
 * name, type, scalar/ranges, role, allocation_info, reservation, reservations, disk (mesos.proto:1281-1613); a
 * Volume's `mode` before `container_path`. Operators echo these back to /unreserve and /destroy-volumes.
 */
import type { ClusterState, Portion } from '../../engine/core/model.ts';
import { diskItem } from '../../engine/mesos/disks.ts';
import { isEmptyPool } from '../../engine/mesos/reservations.ts';
import type { MesosResourceJson, MesosReservationJson, MesosAgentFull } from '../shapes/mesos.ts';
import type { MesosDisk, MesosReservation, MesosResourceIn } from './resource-model.ts';
import { poolResources, ResourceSet } from './resource-set.ts';

function reservationJson(x: MesosReservation, withType = true): MesosReservationJson {
  const out: MesosReservationJson = {};
  if (withType && x.type !== undefined) out.type = x.type;
  if (withType && x.role !== undefined) out.role = x.role;
  if (x.principal !== undefined) out.principal = x.principal;
  if (x.labels !== undefined) out.labels = { labels: x.labels.map((l) => ({ ...l })) };
  return out;
}

function diskJson(d: MesosDisk): NonNullable<MesosResourceJson['disk']> {
  const out: NonNullable<MesosResourceJson['disk']> = {};
  if (d.persistence) out.persistence = { ...d.persistence };
  if (d.volume)
    out.volume = {
      mode: d.volume.mode,
      container_path: d.volume.containerPath,
      ...(d.volume.hostPath !== undefined ? { host_path: d.volume.hostPath } : {}),
    };
  if (d.source) {
    const root = d.source.root !== undefined ? { root: d.source.root } : {};
    out.source = { type: d.source.type };
    if (d.source.hasPath) out.source.path = d.source.type === 'PATH' ? root : {};
    if (d.source.hasMount) out.source.mount = d.source.type === 'MOUNT' ? root : {};
  }
  return out;
}

/** One resource as JSON: in the ENDPOINT format (`endpoint`), or as it stands (refined: the stack only). */
export function resourceJson(r: MesosResourceIn, endpoint = false): MesosResourceJson {
  const out: MesosResourceJson = { name: r.name, type: r.type };
  if (r.type === 'SCALAR') out.scalar = { value: r.scalar ?? 0 };
  else if (r.type === 'RANGES') out.ranges = { range: (r.ranges ?? []).map(([begin, end]) => ({ begin, end })) };
  else if (r.type === 'SET') out.set = { item: [...(r.set ?? [])] };
  const single = r.reservations.length === 1 ? r.reservations[0]! : undefined;
  if (endpoint && r.reservations.length <= 1) out.role = single?.role ?? '*';
  else if (r.role !== undefined) out.role = r.role;
  if (r.allocationRole !== undefined) out.allocation_info = r.allocationRole === null ? {} : { role: r.allocationRole };
  if (endpoint && single?.type === 'DYNAMIC') out.reservation = reservationJson(single, false);
  else if (r.reservation) out.reservation = reservationJson(r.reservation);
  if (r.reservations.length > 0) out.reservations = r.reservations.map((x) => reservationJson(x));
  if (r.disk) out.disk = diskJson(r.disk);
  return out;
}

const endpointJson = (set: ResourceSet): MesosResourceJson[] => set.items.map((r) => resourceJson(r, true));

type FullFields = Pick<
  MesosAgentFull,
  'reserved_resources_full' | 'unreserved_resources_full' | 'used_resources_full' | 'offered_resources_full'
>;

/** The agent's `*_full` fields: its total by reservation role, its unreserved total, and what tasks use and offers hold. */
export function agentFullResources(state: ClusterState, agentIdx: number): FullFields {
  const agent = state.agents[agentIdx]!;
  const reserved = new Map<string, ResourceSet>();
  const unreserved = new ResourceSet();
  agent.pools.forEach((pool, i) => {
    if (i > 0 && pool.dynamic && isEmptyPool(pool)) return;
    const plain = [...pool.total] as typeof pool.total;
    plain[2] = Math.max(0, plain[2] - (pool.disks ?? []).reduce((n, d) => n + d.size, 0));
    const set = pool.role === '*' ? unreserved : (reserved.get(pool.role) ?? new ResourceSet());
    if (pool.role !== '*') reserved.set(pool.role, set);
    for (const r of poolResources(pool, plain, pool.totalPorts, pool.disks ?? [])) set.add(r);
  });
  const held = (portions: readonly Portion[], role: string, into: ResourceSet): void => {
    for (const p of portions) {
      const pool = agent.pools[p.pool]!;
      const items = (p.disks ?? []).flatMap((id) => diskItem(pool, id) ?? []);
      for (const r of poolResources(pool, p.scalars, p.ports, items, role)) into.add(r);
    }
  };
  const used = new ResourceSet();
  for (const id of agent.taskIds) {
    const task = state.tasks[id];
    if (task) held(task.portions, task.role, used);
  }
  const offered = new ResourceSet();
  for (const offer of state.offers.values()) if (offer.agentIdx === agentIdx) held(offer.portions, offer.role, offered);
  const reservedJson: Record<string, MesosResourceJson[]> = Object.create(null) as Record<string, MesosResourceJson[]>;
  for (const [role, set] of reserved) if (set.items.length > 0) reservedJson[role] = endpointJson(set);
  return {
    reserved_resources_full: { ...reservedJson },
    unreserved_resources_full: endpointJson(unreserved),
    used_resources_full: endpointJson(used),
    offered_resources_full: endpointJson(offered),
  };
}
