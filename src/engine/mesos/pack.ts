/**
 * Packs the cluster state into the allocator kernel's flat arrays (one allocation run), and
 * remembers how to map the kernel's integer answers back to agents, pools and frameworks.
 */
import { PORTS, Q, SCALARS, type AllocationInput } from '../../kernels/allocator/contract.ts';
import { portCount } from '../../common/resources.ts';
import type { ClusterState, FrameworkState } from '../core/model.ts';
import { buildSorterTree, compareStrings, indexRoles } from './role-tree.ts';

/** Mesos' default --min_allocatable_resources: cpus:0.01|mem:32. */
export const MIN_ALLOCATABLE_CPUS = 0.01;
export const MIN_ALLOCATABLE_MEM = 32;

export interface PackedRun {
  input: AllocationInput;
  /** Kernel agent index → index in state.agents. */
  agents: number[];
  frameworks: FrameworkState[];
  /** Kernel pool index → [agent index, pool index within the agent]. */
  pools: Array<[number, number]>;
}

/**
 * `order1`/`order2` hold state agent indices. Only those agents are packed, plus every agent that
 * holds a reservation (unallocated reservations count against headroom wherever they are), so
 * a run triggered by one agent registering does not pay for the whole cluster.
 */
export function packAllocationRun(state: ClusterState, order1: Int32Array, order2: Int32Array, now: number): PackedRun {
  const total = clusterTotal(state);
  const wanted = new Set<number>([...order1, ...order2]);
  state.agents.forEach((a, i) => {
    if (a.registered && !a.deactivated && !a.disconnected && a.pools.length > 1) wanted.add(i);
  });
  const packed = [...wanted].sort((x, y) => x - y);
  const agents = packed.map((a) => state.agents[a]!);
  const nAgents = agents.length;
  const frameworks = state.frameworks.filter((f) => f.registered);
  const fwIndex = new Map(frameworks.map((f, i) => [f.id, i]));

  const roleNames = new Set<string>(Object.keys(state.roles));
  for (const f of frameworks) roleNames.add(f.role);
  for (const a of agents) for (const p of a.pools.slice(1)) roleNames.add(p.role);
  const roles = indexRoles(roleNames);
  const tree = buildSorterTree(roles, new Set(frameworks.map((f) => f.role)));

  const agentFree = new Float64Array(nAgents * Q);
  const agentHasGpus = new Uint8Array(nAgents);
  const poolStart = new Int32Array(nAgents + 1);
  const poolRoleList: number[] = [];
  const poolFreeList: number[] = [];
  const pools: Array<[number, number]> = [];
  const reservedTotal = new Float64Array(roles.names.length * SCALARS);
  agents.forEach((agent, a) => {
    poolStart[a] = pools.length;
    if (!agent.registered || agent.deactivated || agent.disconnected) return; // nothing to offer: in maintenance, or not answering
    agent.pools.forEach((pool, p) => {
      if (pool.total[3]! > 0) agentHasGpus[a] = 1;
      if (p === 0) {
        for (let s = 0; s < SCALARS; s++) agentFree[a * Q + s] = pool.free[s]!;
        agentFree[a * Q + PORTS] = portCount(pool.freePorts);
        return;
      }
      const r = roles.index.get(pool.role)!;
      const top = roles.top[r]!;
      for (let s = 0; s < SCALARS; s++) reservedTotal[top * SCALARS + s]! += pool.total[s]!;
      pools.push([packed[a]!, p]);
      poolRoleList.push(r);
      poolFreeList.push(...pool.free, portCount(pool.freePorts));
    });
  });
  poolStart[nAgents] = pools.length;

  const nRoles = roles.names.length;
  const roleGuarantee = new Float64Array(nRoles * SCALARS);
  const roleLimit = new Float64Array(nRoles * SCALARS).fill(Infinity);
  const roleConsumed = new Float64Array(nRoles * SCALARS);
  roles.names.forEach((name, r) => {
    const quota = state.roles[name]?.quota;
    if (!quota || roles.parent[r] !== -1) return;
    for (let s = 0; s < SCALARS; s++) {
      roleGuarantee[r * SCALARS + s] = quota[s]!;
      // Legacy quota: guarantee = limit for each resource it names; a resource it leaves at 0 is not limited.
      roleLimit[r * SCALARS + s] = quota[s]! > 0 ? quota[s]! : Infinity;
    }
  });
  roleConsumed.set(reservedTotal);

  const nNodes = tree.paths.length;
  const nodeAlloc = new Float64Array(nNodes * Q);
  const nodeCount = new Int32Array(nNodes);
  const nodeWeight = new Float64Array(nNodes);
  const nodeRank = new Int32Array(nNodes);
  tree.paths.forEach((path, n) => {
    nodeRank[n] = n;
    nodeWeight[n] = path.endsWith('/.') ? 1 : (state.roles[path]?.weight ?? 1);
    const r = tree.role[n]!;
    if (r >= 0) nodeCount[n] = state.roleAllocationCounts[roles.names[r]!] ?? 0;
  });

  const nF = frameworks.length;
  const fwRole = new Int32Array(nF);
  const fwActive = new Uint8Array(nF);
  const fwGpu = new Uint8Array(nF);
  const fwRank = new Int32Array(nF);
  const fwAlloc = new Float64Array(nF * Q);
  const fwCount = new Int32Array(nF);
  [...frameworks.keys()].sort((x, y) => compareStrings(frameworks[x]!.id, frameworks[y]!.id)).forEach((f, rank) => (fwRank[f] = rank));
  frameworks.forEach((fw, f) => {
    const r = roles.index.get(fw.role)!;
    fwRole[f] = r;
    fwActive[f] = fw.active ? 1 : 0;
    fwGpu[f] = fw.gpuCapable ? 1 : 0;
    fwCount[f] = fw.allocationCount;
    for (let s = 0; s < SCALARS; s++) fwAlloc[f * Q + s] = fw.allocated[s]!;
    fwAlloc[f * Q + PORTS] = fw.allocatedPorts;
    const leaf = tree.leafOfRole[r]!;
    for (let q = 0; q < Q; q++) nodeAlloc[leaf * Q + q]! += fwAlloc[f * Q + q]!;
    const top = roles.top[r]!;
    for (let s = 0; s < SCALARS; s++) roleConsumed[top * SCALARS + s]! += fw.allocatedUnreserved[s]!;
  });
  // Children come after parents: fold subtree aggregates bottom-up.
  for (let n = nNodes - 1; n >= 0; n--) {
    const p = tree.parent[n]!;
    if (p < 0) continue;
    for (let q = 0; q < Q; q++) nodeAlloc[p * Q + q]! += nodeAlloc[n * Q + q]!;
    nodeCount[p]! += nodeCount[n]!;
  }

  // Counting sort of the live filters by packed agent: there can be hundreds of thousands.
  const localOf = new Int32Array(state.agents.length).fill(-1);
  packed.forEach((a, i) => (localOf[a] = i));
  const isLive = (f: (typeof state.filters)[number]) => f.expiresAt > now && localOf[f.agentIdx]! >= 0 && fwIndex.has(f.frameworkId);
  const filterStart = new Int32Array(nAgents + 1);
  for (const f of state.filters) if (isLive(f)) filterStart[localOf[f.agentIdx]! + 1]!++;
  for (let a = 0; a < nAgents; a++) filterStart[a + 1]! += filterStart[a]!;
  const nFilters = filterStart[nAgents]!;
  const filterFw = new Int32Array(nFilters);
  const filterRes = new Float64Array(nFilters * Q);
  const cursor = filterStart.slice(0, nAgents);
  for (const f of state.filters) {
    if (!isLive(f)) continue;
    const k = cursor[localOf[f.agentIdx]!]!++;
    filterFw[k] = fwIndex.get(f.frameworkId)!;
    filterRes.set(f.declined, k * Q);
  }

  const toLocal = (order: Int32Array) => Int32Array.from(order, (a) => localOf[a]!);
  return {
    agents: packed,
    frameworks,
    pools,
    input: {
      total,
      minCpus: MIN_ALLOCATABLE_CPUS,
      minMem: MIN_ALLOCATABLE_MEM,
      nAgents,
      agentFree,
      agentHasGpus,
      agentOrder1: toLocal(order1),
      agentOrder2: toLocal(order2),
      poolStart,
      poolRole: Int32Array.from(poolRoleList),
      poolFree: Float64Array.from(poolFreeList),
      nRoles,
      roleParent: roles.parent,
      roleTop: roles.top,
      roleLeaf: tree.leafOfRole,
      roleGuarantee,
      roleLimit,
      roleConsumed,
      nNodes,
      nodeParent: tree.parent,
      nodeWeight,
      nodeRank,
      nodeAlloc,
      nodeCount,
      nodeRole: tree.role,
      nFrameworks: nF,
      fwRole,
      fwActive,
      fwGpu,
      fwRank,
      fwAlloc,
      fwCount,
      filterStart,
      filterFw,
      filterRes,
    },
  };
}


/** [Q] totals of every registered agent: the DRF denominator. */
function clusterTotal(state: ClusterState): Float64Array {
  const total = new Float64Array(Q);
  for (const agent of state.agents) {
    if (!agent.registered) continue;
    for (const pool of agent.pools) {
      for (let s = 0; s < SCALARS; s++) total[s]! += pool.total[s]!;
      total[PORTS]! += portCount(pool.totalPorts);
    }
  }
  return total;
}
