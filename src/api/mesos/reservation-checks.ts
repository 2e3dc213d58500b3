/**
 * The operator path's semantic checks of RESERVE, UNRESERVE, CREATE and DESTROY, in Mesos' order and words
 * (MS:src/master/validation.cpp:849-1087 common resource checks, 2423-2822 per operation). No principal checks: DC/OS
 * open source runs Mesos without HTTP authentication, so the master sees no principal (docs/storage-sources-mesos.md
 * §3.2); agents have every capability asked about (HIERARCHICAL_ROLE, RESERVATION_REFINEMENT).
 */
import type { AgentState, ClusterState, DiskItem } from '../../engine/core/model.ts';
import { diskInUse } from '../../engine/mesos/accept.ts';
import { resourceJson } from './resources-full.ts';
import { resourceText, type MesosResourceIn } from './resource-model.ts';
import { diskInfoOf, poolReservations, resourceKey } from './resource-set.ts';

const isUnreserved = (r: MesosResourceIn): boolean => r.reservations.length === 0;
export const isDynamic = (r: MesosResourceIn): boolean => r.reservations.at(-1)?.type === 'DYNAMIC';
const reservationRole = (r: MesosResourceIn): string => r.reservations.at(-1)?.role ?? '*';

/** validateID (MS:src/common/validation.cpp:46-77); NAME_MAX is 255 on Linux. */
function idProblem(id: string): string | null {
  if (id === '') return 'ID must not be empty';
  if (id.length > 255) return 'ID must not be greater than 255 characters';
  if (id === '.' || id === '..') return `'${id}' is disallowed`;
  if (/[\x00-\x1f\x7f/\\]/.test(id)) return `'${id}' contains invalid characters`;
  return null;
}

function diskInfoProblem(r: MesosResourceIn): string | null {
  const d = r.disk;
  if (!d) return null;
  if (d.persistence) {
    if (r.revocable) return 'Persistent volumes cannot be created from revocable resources';
    if (isUnreserved(r)) return 'Persistent volumes cannot be created from unreserved resources';
    if (!d.volume) return "Expecting 'volume' to be set for persistent volume";
    if (d.volume.hostPath !== undefined) return "Expecting 'host_path' to be unset for persistent volume";
    const id = idProblem(d.persistence.id);
    if (id) return `Invalid persistence ID for persistent volume: ${id}`;
  } else if (d.volume) return 'Non-persistent volume not supported';
  else if (!d.source) return 'DiskInfo is set but empty';
  return null;
}

/** resource::validate, then validateSingleResourceProvider (the op's own prefix is added by the caller). */
function commonProblem(rs: readonly MesosResourceIn[]): string | null {
  const gpus = rs.reduce((n, r) => (r.name === 'gpus' && r.type === 'SCALAR' ? n + (r.scalar ?? 0) : n), 0);
  if (Math.trunc(gpus * 1000) % 1000 !== 0) return "Invalid 'gpus' resource: The 'gpus' resource must be an unsigned integer";
  for (const r of rs) {
    const disk = diskInfoProblem(r);
    if (disk) return `Invalid DiskInfo: ${disk}`;
  }
  for (const r of rs)
    if (isDynamic(r) && r.revocable)
      return `Invalid ReservationInfo: Dynamically reserved resource ${resourceText(r)} cannot be created from revocable resources`;
  return null;
}

function providerProblem(rs: readonly MesosResourceIn[]): string | null {
  const ids = new Set(rs.map((r) => r.provider ?? null));
  if (ids.size === 1) return null;
  if (ids.has(null)) return 'Some resources have a resource provider and some do not';
  return `The resources have multiple resource providers: ${[...ids].join(', ')}`;
}

function resourcesProblem(rs: readonly MesosResourceIn[], prefix = 'Invalid resources: '): string | null {
  const problem = commonProblem(rs) ?? null;
  return problem ? prefix + problem : null;
}

function volumeProblem(rs: readonly MesosResourceIn[]): string | null {
  for (const v of rs) {
    if (!v.disk) return `Not a persistent volume: Resource ${resourceText(v)} does not have DiskInfo`;
    if (!v.disk.persistence) return "Not a persistent volume: 'persistence' is not set in DiskInfo";
    if (!v.disk.volume) return "Not a persistent volume: Expecting 'volume' to be set for persistent volume";
    if (v.disk.volume.mode === 'RO') return 'Not a persistent volume: Read-only persistent volume not supported';
  }
  return null;
}

const unreserved = (r: MesosResourceIn): MesosResourceIn => ({ ...r, reservations: [] });

export function reserveProblem(resources: readonly MesosResourceIn[], source: readonly MesosResourceIn[]): string | null {
  const problem = resourcesProblem(resources) ?? resourcesProblem(source, 'Invalid source: ');
  if (problem) return problem;
  if (source.length > 0) {
    const mixed = (rs: readonly MesosResourceIn[]): string | null => {
      if (rs.length === 0) return 'Resource cannot be empty';
      const first = JSON.stringify(rs[0]!.reservations);
      if (rs.every((r) => JSON.stringify(r.reservations) === first)) return null;
      return `Mixed reservations are not supported${JSON.stringify(rs.map((r) => resourceJson(r)))}`;
    };
    const m = mixed(source);
    if (m) return `Invalid source: ${m}`;
    const t = mixed(resources);
    if (t) return `Invalid resources: ${t}`;
    const a = quantities(source.map(unreserved));
    const b = quantities(resources.map(unreserved));
    if (a !== b) return `Source and target resources should refer to identical resource quantities: ${a} vs. ${b}`;
  }
  const providers = providerProblem(resources);
  if (providers) return `Invalid resources: ${providers}`;
  for (const r of resources) {
    if (!isDynamic(r)) return `Resource ${resourceText(r)} is not dynamically reserved`;
    if (r.allocationRole !== undefined)
      return 'A reserve operation was attempted with an allocated resource, but the operator API only allows reservations to be made to unallocated resources';
  }
  return null;
}

/** Resources printed after merging (what `Resources(...)` then `stringify` gives). */
function quantities(rs: readonly MesosResourceIn[]): string {
  const keys = new Map<string, MesosResourceIn>();
  for (const r of rs) {
    const key = resourceKey(r);
    const had = keys.get(key);
    keys.set(key, had && r.type === 'SCALAR' ? { ...had, scalar: (had.scalar ?? 0) + (r.scalar ?? 0) } : (had ?? r));
  }
  return [...keys.values()].map(resourceText).join('; ') || '{}';
}

export function unreserveProblem(resources: readonly MesosResourceIn[]): string | null {
  const problem = resourcesProblem(resources) ?? (providerProblem(resources) ? `Invalid resources: ${providerProblem(resources)!}` : null);
  if (problem) return problem;
  for (const r of resources) {
    if (!isDynamic(r)) return `Resource ${resourceText(r)} is not dynamically reserved`;
    if (r.disk?.persistence)
      return `A dynamically reserved persistent volume ${resourceText(r)} cannot be unreserved directly. Please destroy the persistent volume first then unreserve the resource`;
  }
  return null;
}

/** The agent's volumes as resources (its checkpointed ones), with the pool and item they are. */
export function agentVolumes(agent: AgentState): Array<{ pool: number; item: DiskItem; role: string; key: string }> {
  const out: Array<{ pool: number; item: DiskItem; role: string; key: string }> = [];
  agent.pools.forEach((pool, i) => {
    for (const item of pool.disks ?? []) {
      if (!item.persistence) continue;
      const r: MesosResourceIn = {
        name: 'disk',
        type: 'SCALAR',
        scalar: item.size,
        reservations: poolReservations(pool),
        revocable: false,
        shared: false,
      };
      out.push({ pool: i, item, role: pool.role, key: volumeKey({ ...r, disk: diskInfoOf(item) }) });
    }
  });
  return out;
}

/** A volume's identity: the whole resource, amount included, allocation left out. */
export function volumeKey(r: MesosResourceIn): string {
  return `${resourceKey({ ...r, allocationRole: undefined })}|${Math.round((r.scalar ?? 0) * 1000)}`;
}

export function createProblem(agent: AgentState, volumes: readonly MesosResourceIn[]): string | null {
  const problem = resourcesProblem(volumes) ?? (providerProblem(volumes) ? `Invalid resources: ${providerProblem(volumes)!}` : null);
  if (problem) return problem;
  const notVolume = volumeProblem(volumes);
  if (notVolume) return notVolume;
  const seen = new Set(agentVolumes(agent).map((v) => JSON.stringify([v.role, v.item.persistence!.id])));
  for (const v of volumes) {
    const key = JSON.stringify([reservationRole(v), v.disk!.persistence!.id]);
    if (seen.has(key)) return `Persistence ID '${v.disk!.persistence!.id}' is not unique`;
    seen.add(key);
  }
  return null;
}

export function destroyProblem(state: ClusterState, agentIdx: number, volumes: readonly MesosResourceIn[]): string | null {
  const rs = volumes.map((v) => ({ ...v, allocationRole: undefined }));
  const problem = resourcesProblem(rs) ?? (providerProblem(rs) ? `Invalid resources: ${providerProblem(rs)!}` : null);
  if (problem) return problem;
  const notVolume = volumeProblem(rs);
  if (notVolume) return notVolume;
  const known = agentVolumes(state.agents[agentIdx]!);
  const found = rs.map((v) => (v.provider !== undefined ? null : known.find((k) => k.key === volumeKey(v))));
  if (found.some((f) => f === undefined)) return 'Persistent volumes not found';
  if (found.some((f) => f && diskInUse(state, agentIdx, f.pool, f.item.id))) return 'Persistent volumes in use';
  return null;
}
