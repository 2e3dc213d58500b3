/**
 * Where a resident instance's volumes go (`ResourceMatcher` for reservable resources): `root` volumes are carved
 * out of the ROOT disk beside the sandbox disk; each `path` or `mount` volume takes one whole PATH or MOUNT disk of
 * the unreserved pool that is large enough (a MOUNT disk at most `maxSize`) and whose path passes the volume's
 * LIKE/UNLIKE constraints. The sandbox never splits a PATH disk (Mesos can).
 */
import type { AgentState, Portion } from '../core/model.ts';

/** Whatever carries whole disk ids: an offer's portion, a placement trial's room. */
interface WithDisks {
  disks?: readonly number[];
}
import type { ResidentVolume, RunSpec } from './model.ts';
import { round3 } from '../../common/resources.ts';

const DISK = 2;

/** MB of ROOT disk the volumes need beside the sandbox's `disk`. */
export function rootVolumeSize(volumes: readonly ResidentVolume[]): number {
  return volumes.reduce((n, v) => (v.type === 'root' ? n + v.size : n), 0);
}

/** The whole disks, one per `path`/`mount` volume in order (null for a root volume), or undefined when one has none. */
export function pickWholeDisks(
  agent: AgentState,
  unreserved: WithDisks | undefined,
  volumes: readonly ResidentVolume[],
): Array<number | null> | undefined {
  const picked: Array<number | null> = [];
  const pool = agent.pools[0]!;
  for (const v of volumes) {
    if (v.type === 'root') {
      picked.push(null);
      continue;
    }
    const id = (unreserved?.disks ?? []).find((candidate) => {
      if (picked.includes(candidate)) return false;
      const d = pool.disks?.find((x) => x.id === candidate);
      if (!d || d.persistence || d.source?.type !== (v.type === 'mount' ? 'MOUNT' : 'PATH') || d.size < v.size) return false;
      if (v.type === 'mount' && v.maxSize !== undefined && d.size > v.maxSize) return false;
      return v.constraints.every((c) => pathConstraintHolds(c, d.source!.root));
    });
    if (id === undefined) return undefined;
    picked.push(id);
  }
  return picked;
}

/** `["path", "LIKE", re]`: the disk's path matches the whole expression; UNLIKE: it does not. */
function pathConstraintHolds(c: readonly string[], root: string): boolean {
  const [field, op, re] = c;
  if (field !== 'path' || re === undefined) return true;
  let matches: boolean;
  try {
    matches = new RegExp(`^(?:${re})$`).test(root);
  } catch {
    return false;
  }
  return op === 'UNLIKE' ? !matches : matches;
}

/** The pools a run spec may use: those of its accepted roles; a resident one reserves unreserved resources only. */
export function usablePortions<P extends { role: string }>(portions: P[], spec: RunSpec): P[] {
  return portions.filter((p) => (spec.residentVolumes ? p.role === '*' : spec.acceptedResourceRoles.includes(p.role)));
}

/** What an instance needs of scalar `s`: a resident one's root volumes come on top of its sandbox disk. */
export function needOf(spec: RunSpec, s: number): number {
  return s === DISK && spec.residentVolumes ? round3(spec.resources[s]! + rootVolumeSize(spec.residentVolumes)) : spec.resources[s]!;
}

/** The whole disks go with the instance's unreserved portion and leave what is left of the offer. */
export function attachWholeDisks(agent: AgentState, left: Portion[], portions: Portion[], ids: number[]): void {
  const from = left.find((p) => p.pool === 0)!;
  from.disks = from.disks!.filter((id) => !ids.includes(id));
  const size = ids.reduce((n, id) => n + (agent.pools[0]!.disks!.find((d) => d.id === id)?.size ?? 0), 0);
  let to = portions.find((p) => p.pool === 0);
  if (!to) {
    to = { pool: 0, scalars: [0, 0, 0, 0], ports: [] };
    portions.push(to);
  }
  to.disks = ids;
  to.wholeDisk = round3(size);
}

/** Why an agent cannot hold a resident instance's volumes (the Debug view's disk line), or null when it can. */
export function diskShortfall(agent: AgentState, rootFree: number, unreserved: WithDisks | undefined, spec: RunSpec): string | null {
  const volumes = spec.residentVolumes ?? [];
  const need = needOf(spec, DISK);
  if (rootFree < need) {
    const parts = [
      `${spec.resources[DISK]} MB sandbox`,
      ...volumes.filter((v) => v.type === 'root').map((v) => `${v.size} MB volume ${v.containerPath}`),
    ];
    return `has ${rootFree} MB of ROOT disk free, needs ${need} MB (${parts.join(' + ')})`;
  }
  const picked = pickWholeDisks(agent, unreserved, volumes);
  if (picked) return null;
  const missing = volumes.find((v, k) => v.type !== 'root' && pickWholeDisks(agent, unreserved, volumes.slice(0, k + 1)) === undefined)!;
  const kind = missing.type === 'mount' ? 'MOUNT' : 'PATH';
  const range = missing.maxSize !== undefined ? `${missing.size} to ${missing.maxSize} MB` : `at least ${missing.size} MB`;
  const constraints = missing.constraints.length > 0 ? ` matching ${missing.constraints.map((c) => c.join(':')).join(', ')}` : '';
  return `has no free ${kind} disk of ${range}${constraints} for volume ${missing.containerPath}`;
}
