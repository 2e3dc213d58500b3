/**
 * What one allocation run needs from every agent, not only from the agents it walks: the DRF
 * denominator, the unallocated reservations (taken out of the headroom wherever they are) and each
 * top-level role's reserved total (its quota consumption). One pass over the agents' pools per run;
 * the run then packs only its own agents, so a run triggered by one agent costs one agent, however
 * many agents hold static or dynamic reservations.
 *
 * Mesos (docs/storage-sources-mesos.md §4): unallocated reservations count toward their role's
 * quota consumption and are taken out of the headroom, but not toward DRF shares.
 */
import type { PortRanges } from '../../common/scenario/types.ts';
import { PORTS, Q, SCALARS } from './contract.ts';
import type { PackAgent, PackPool } from './pack-source.ts';

export interface ClusterAggregates {
  /** [Q] totals of every registered agent: the DRF denominator. */
  total: Float64Array;
  /** The free scalars of every unallocated reservation on a usable agent, SCALARS per pool, agent by agent. */
  reservedFree: Float64Array;
  nReservedFree: number;
  /** Top-level role → [SCALARS] the totals of the reservations (on usable agents) of its subtree, summed agent by agent. */
  reservedByTop: Map<string, Float64Array>;
}

/** An agent the allocator offers: registered, not in maintenance, answering. */
export function usable(agent: PackAgent): boolean {
  return agent.registered && !agent.deactivated && !agent.disconnected;
}

/** The reservation pool has something left to offer (a used-up one, or a dynamic one emptied by UNRESERVE, has not). */
export function hasFree(pool: PackPool): boolean {
  if (pool.freePorts.length > 0) return true;
  for (let s = 0; s < SCALARS; s++) if (pool.free[s]! > 0) return true;
  return false;
}

/** portCount, without the iterator: this pass reads every pool of the cluster in every run. */
function countPorts(ranges: PortRanges): number {
  let n = 0;
  for (let k = 0; k < ranges.length; k++) n += ranges[k]![1] - ranges[k]![0] + 1;
  return n;
}

/** The reservedFree buffer, kept between runs (it grows to the cluster's reservations): valid until the next call. */
let freeBuffer = new Float64Array(64 * SCALARS);

export function clusterAggregates(agents: readonly PackAgent[]): ClusterAggregates {
  const total = new Float64Array(Q);
  let reservedFree = freeBuffer;
  let nFree = 0;
  const reservedByTop = new Map<string, Float64Array>();
  /** Pool role → its top-level role's sums: one string cut per role, not per pool. */
  const sumsOf = new Map<string, Float64Array>();
  for (let a = 0; a < agents.length; a++) {
    const agent = agents[a]!;
    if (!agent.registered) continue;
    const reserving = usable(agent);
    const pools = agent.pools;
    for (let p = 0; p < pools.length; p++) {
      const pool = pools[p]!;
      const poolTotal = pool.total;
      for (let s = 0; s < SCALARS; s++) total[s]! += poolTotal[s]!;
      total[PORTS]! += countPorts(pool.totalPorts);
      if (p === 0 || !reserving) continue;
      let sums = sumsOf.get(pool.role);
      if (!sums) {
        const cut = pool.role.indexOf('/');
        const top = cut < 0 ? pool.role : pool.role.slice(0, cut);
        sums = reservedByTop.get(top) ?? new Float64Array(SCALARS);
        reservedByTop.set(top, sums);
        sumsOf.set(pool.role, sums);
      }
      for (let s = 0; s < SCALARS; s++) sums[s]! += poolTotal[s]!;
      if (!hasFree(pool)) continue; // subtracting zeros from the headroom changes nothing
      if (nFree + SCALARS > reservedFree.length) {
        const grown = new Float64Array(reservedFree.length * 2);
        grown.set(reservedFree);
        reservedFree = freeBuffer = grown;
      }
      for (let s = 0; s < SCALARS; s++) reservedFree[nFree++] = pool.free[s]!;
    }
  }
  return { total, reservedFree, nReservedFree: nFree / SCALARS, reservedByTop };
}

/**
 * [SCALARS] the unreserved headroom at the start of a run: the total, minus what the sorter's top-level nodes hold
 * (every framework's allocation), minus every unallocated reservation, in that order (the kernels once computed it
 * so from the pools they were given: the same f64 operations give the same bits).
 */
export function startingHeadroom(cluster: ClusterAggregates, nodeParent: Int32Array, nodeAlloc: Float64Array): Float64Array {
  const headroom = new Float64Array(SCALARS);
  const { total, reservedFree, nReservedFree: nPools } = cluster;
  for (let s = 0; s < SCALARS; s++) {
    let h = total[s]!;
    for (let n = 0; n < nodeParent.length; n++) if (nodeParent[n] === -1) h -= nodeAlloc[n * Q + s]!;
    for (let p = 0; p < nPools; p++) h -= reservedFree[p * SCALARS + s]!;
    headroom[s] = h;
  }
  return headroom;
}
