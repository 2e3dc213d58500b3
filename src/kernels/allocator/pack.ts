/**
 * Packs the cluster into the allocator kernel's flat arrays (one allocation run), and remembers
 * how to map the kernel's integer answers back to agents, pools and frameworks.
 */
import { portCount } from '../../common/resources.ts';
import { PORTS, Q, SCALARS, type AllocationInput } from './contract.ts';
import type { PackAgent, PackFramework, PackSource } from './pack-source.ts';
import { clusterAggregates, hasFree, startingHeadroom, usable } from './pack-cluster.ts';
import { packFilters } from './pack-filters.ts';
import { frameworkSlots, type FrameworkSlot } from './pack-slots.ts';
import { buildSorterTree, compareStrings, indexRoles, type RoleIndex, type SorterTree } from './role-tree.ts';
import { own } from '../../common/own.ts';

/** Mesos' default --min_allocatable_resources: cpus:0.01|mem:32. */
export const MIN_ALLOCATABLE_CPUS = 0.01;
export const MIN_ALLOCATABLE_MEM = 32;

export interface PackedRun<F extends PackFramework = PackFramework> {
  input: AllocationInput;
  /** Kernel agent index → index in the source's agents. */
  agents: number[];
  /** Kernel framework index → the framework and the role it is offered in. */
  slots: FrameworkSlot<F>[];
  /** Kernel pool index → [agent index, pool index within the agent]. */
  pools: Array<[number, number]>;
}

type AgentArrays = Pick<AllocationInput, 'nAgents' | 'agentFree' | 'agentHasGpus' | 'poolStart' | 'poolRole' | 'poolFree'>;
type QuotaArrays = Pick<AllocationInput, 'roleGuarantee' | 'roleLimit' | 'roleConsumed'>;
type NodeArrays = Pick<AllocationInput, 'nNodes' | 'nodeParent' | 'nodeWeight' | 'nodeRank' | 'nodeAlloc' | 'nodeCount' | 'nodeRole'>;
type FrameworkArrays = Pick<AllocationInput, 'nFrameworks' | 'fwRole' | 'fwActive' | 'fwGpu' | 'fwRank' | 'fwAlloc' | 'fwCount'>;

/**
 * `order1`/`order2` hold source agent indices. Only those agents are packed: what the run needs from the
 * others (the DRF denominator, the headroom their unallocated reservations take, the reserved totals that
 * count toward quota) comes aggregated (pack-cluster.ts), so a run triggered by one agent registering
 * packs one agent, however many hold reservations.
 */
export function packAllocationRun<F extends PackFramework>(
  source: PackSource<F>,
  order1: Int32Array,
  order2: Int32Array,
  now: number,
): PackedRun<F> {
  const packed = agentsToPack(order1, order2);
  const agents = packed.map((a) => source.agents[a]!);
  const cluster = clusterAggregates(source.agents);
  const registered = source.frameworks.filter((f) => f.registered);
  const { slots, byId } = frameworkSlots(source.frameworks, registered);
  const roles = indexRoles(roleNamesOf(source, slots, agents));
  const tree = buildSorterTree(roles, new Set(slots.map((s) => s.role)));
  const { pools, ...agentArrays } = packAgents(agents, packed, roles);
  const quota = packQuota(source, roles, cluster.reservedByTop);
  const nodes = packSorterNodes(source, roles, tree);
  const fws = packFrameworks(slots, roles, tree, nodes.nodeAlloc, quota.roleConsumed);
  foldSubtrees(tree, nodes);
  const localOf = localIndexes(source.agents.length, packed);
  const toLocal = (order: Int32Array) => Int32Array.from(order, (a) => localOf[a]!);
  const input: AllocationInput = {
    total: cluster.total,
    headroom: startingHeadroom(cluster, nodes.nodeParent, nodes.nodeAlloc),
    minCpus: MIN_ALLOCATABLE_CPUS,
    minMem: MIN_ALLOCATABLE_MEM,
    ...agentArrays,
    agentOrder1: toLocal(order1),
    agentOrder2: toLocal(order2),
    nRoles: roles.names.length,
    roleParent: roles.parent,
    roleTop: roles.top,
    roleLeaf: tree.leafOfRole,
    ...quota,
    ...nodes,
    ...fws,
    ...packFilters(agents, byId, now),
  };
  return { agents: packed, slots, pools, input };
}

/** The agents of the orders, in index order. */
function agentsToPack(order1: Int32Array, order2: Int32Array): number[] {
  const wanted = new Set<number>(order1);
  for (const a of order2) wanted.add(a);
  return [...wanted].sort((x, y) => x - y);
}

/** Configured roles, the frameworks' roles and the roles of the reservation pools packed. */
function roleNamesOf(source: PackSource, slots: readonly FrameworkSlot[], agents: readonly PackAgent[]): Set<string> {
  const roleNames = new Set<string>(Object.keys(source.roles));
  for (const s of slots) roleNames.add(s.role);
  for (const a of agents) {
    if (!usable(a)) continue;
    for (let p = 1; p < a.pools.length; p++) if (hasFree(a.pools[p]!)) roleNames.add(a.pools[p]!.role);
  }
  return roleNames;
}

/**
 * Unreserved free resources per agent, and the reservation pools with something free, grouped by agent (a used-up
 * pool, or a dynamic one emptied by UNRESERVE, could not be offered: leaving it out changes nothing).
 */
function packAgents(agents: readonly PackAgent[], packed: number[], roles: RoleIndex): AgentArrays & { pools: Array<[number, number]> } {
  const nAgents = agents.length;
  const agentFree = new Float64Array(nAgents * Q);
  const agentHasGpus = new Uint8Array(nAgents);
  const poolStart = new Int32Array(nAgents + 1);
  const poolRole: number[] = [];
  const poolFree: number[] = [];
  const pools: Array<[number, number]> = [];
  agents.forEach((agent, a) => {
    poolStart[a] = pools.length;
    if (!usable(agent)) return; // nothing to offer: in maintenance, or not answering
    agent.pools.forEach((pool, p) => {
      if (pool.total[3]! > 0) agentHasGpus[a] = 1;
      const ports = portCount(pool.freePorts);
      if (p === 0) {
        for (let s = 0; s < SCALARS; s++) agentFree[a * Q + s] = pool.free[s]!;
        agentFree[a * Q + PORTS] = ports;
        return;
      }
      if (!hasFree(pool)) return;
      pools.push([packed[a]!, p]);
      poolRole.push(roles.index.get(pool.role)!);
      for (let s = 0; s < SCALARS; s++) poolFree.push(pool.free[s]!);
      poolFree.push(ports);
    });
  });
  poolStart[nAgents] = pools.length;
  return { nAgents, agentFree, agentHasGpus, poolStart, poolRole: Int32Array.from(poolRole), poolFree: Float64Array.from(poolFree), pools };
}

/** Quota of top-level roles; consumption starts from their subtrees' reservations, cluster-wide (frameworks add theirs). */
function packQuota(source: PackSource, roles: RoleIndex, reservedByTop: ReadonlyMap<string, Float64Array>): QuotaArrays {
  const nRoles = roles.names.length;
  const roleGuarantee = new Float64Array(nRoles * SCALARS);
  const roleLimit = new Float64Array(nRoles * SCALARS).fill(Infinity);
  const roleConsumed = new Float64Array(nRoles * SCALARS);
  roles.names.forEach((name, r) => {
    if (roles.parent[r] !== -1) return;
    const reserved = reservedByTop.get(name);
    if (reserved) roleConsumed.set(reserved, r * SCALARS);
    const quota = own(source.roles, name)?.quota;
    if (!quota) return;
    for (let s = 0; s < SCALARS; s++) {
      roleGuarantee[r * SCALARS + s] = quota[s]!;
      // Legacy quota: guarantee = limit for each resource it names; a resource it leaves at 0 is not limited.
      roleLimit[r * SCALARS + s] = quota[s]! > 0 ? quota[s]! : Infinity;
    }
  });
  return { roleGuarantee, roleLimit, roleConsumed };
}

/** Sorter nodes with their weights and leaf allocation counts; allocations are added by the frameworks. */
function packSorterNodes(source: PackSource, roles: RoleIndex, tree: SorterTree): NodeArrays {
  const nNodes = tree.paths.length;
  const nodeCount = new Int32Array(nNodes);
  const nodeWeight = new Float64Array(nNodes);
  const nodeRank = new Int32Array(nNodes);
  tree.paths.forEach((path, n) => {
    nodeRank[n] = n;
    nodeWeight[n] = path.endsWith('/.') ? 1 : (own(source.roles, path)?.weight ?? 1);
    const r = tree.role[n]!;
    if (r >= 0) nodeCount[n] = own(source.roleAllocationCounts, roles.names[r]!) ?? 0;
  });
  return { nNodes, nodeParent: tree.parent, nodeWeight, nodeRank, nodeAlloc: new Float64Array(nNodes * Q), nodeCount, nodeRole: tree.role };
}

/**
 * Per slot: role, state, rank and allocation in that role; each allocation is also added to its leaf and its
 * top-level role's consumption. Slots of one framework never meet in a sorter, so they share its id's rank.
 */
function packFrameworks(
  slots: readonly FrameworkSlot[],
  roles: RoleIndex,
  tree: SorterTree,
  nodeAlloc: Float64Array,
  roleConsumed: Float64Array,
): FrameworkArrays {
  const nF = slots.length;
  const fwRole = new Int32Array(nF);
  const fwActive = new Uint8Array(nF);
  const fwGpu = new Uint8Array(nF);
  const fwRank = new Int32Array(nF);
  const fwAlloc = new Float64Array(nF * Q);
  const fwCount = new Int32Array(nF);
  const ids = [...new Set(slots.map((s) => s.framework.id))].sort(compareStrings);
  const rankOf = new Map(ids.map((id, rank) => [id, rank]));
  slots.forEach(({ framework: fw, role }, f) => {
    const r = roles.index.get(role)!;
    const share = own(fw.shares, role);
    fwRole[f] = r;
    fwRank[f] = rankOf.get(fw.id)!;
    fwActive[f] = fw.roles.includes(role) && !fw.suppressedRoles.includes(role) ? 1 : 0;
    fwGpu[f] = fw.gpuCapable ? 1 : 0;
    if (!share) return;
    fwCount[f] = share.allocationCount;
    for (let s = 0; s < SCALARS; s++) fwAlloc[f * Q + s] = share.allocated[s]!;
    fwAlloc[f * Q + PORTS] = share.allocatedPorts;
    const leaf = tree.leafOfRole[r]!;
    for (let q = 0; q < Q; q++) nodeAlloc[leaf * Q + q]! += fwAlloc[f * Q + q]!;
    const top = roles.top[r]!;
    for (let s = 0; s < SCALARS; s++) roleConsumed[top * SCALARS + s]! += share.allocatedUnreserved[s]!;
  });
  return { nFrameworks: nF, fwRole, fwActive, fwGpu, fwRank, fwAlloc, fwCount };
}

/** Children come after parents: fold subtree aggregates bottom-up. */
function foldSubtrees(tree: SorterTree, { nodeAlloc, nodeCount }: Pick<NodeArrays, 'nodeAlloc' | 'nodeCount'>): void {
  for (let n = tree.paths.length - 1; n >= 0; n--) {
    const p = tree.parent[n]!;
    if (p < 0) continue;
    for (let q = 0; q < Q; q++) nodeAlloc[p * Q + q]! += nodeAlloc[n * Q + q]!;
    nodeCount[p]! += nodeCount[n]!;
  }
}

/** Source agent index → packed index, -1 for an agent not packed. */
function localIndexes(nSourceAgents: number, packed: number[]): Int32Array {
  const localOf = new Int32Array(nSourceAgents).fill(-1);
  packed.forEach((a, i) => (localOf[a] = i));
  return localOf;
}
