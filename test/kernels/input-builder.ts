/**
 * Builds an AllocationInput from a readable description (agents, roles by path, frameworks,
 * pools, quota, filters), computing the sorter tree the way the contract says: nodes for the
 * roles that have frameworks and their ancestors, a virtual leaf `role/.` for a role that has
 * frameworks and child nodes, ranks by byte-wise path order, subtree aggregates of allocations
 * and counts. Used by the hand-written cases, the random generator and the benchmark.
 */
import { Q, RESOURCE_NAMES, SCALARS, type AllocationInput, type AllocationOutput } from '../../src/kernels/allocator/contract.ts';

export type ResourceName = (typeof RESOURCE_NAMES)[number];
/** Quantities by name; a missing name is 0 (Infinity for quota limits). */
export type Res = Partial<Record<ResourceName, number>>;

export interface PoolSpec {
  role: string;
  free: Res;
}
export interface FilterSpec {
  framework: string;
  declined: Res;
}
export interface AgentSpec {
  id: string;
  free: Res;
  /** Default: the agent has gpus free, unreserved or in a pool. */
  hasGpus?: boolean;
  pools?: PoolSpec[];
  filters?: FilterSpec[];
}
export interface RoleSpec {
  weight?: number;
  /** Quota: top-level roles only. */
  guarantee?: Res;
  limit?: Res;
  /** Default: the subtree's pools plus its frameworks' allocations (scalars). */
  consumed?: Res;
  /** Allocation count of the role's leaf. Default: the sum of its frameworks' counts. */
  count?: number;
}
export interface FrameworkSpec {
  id: string;
  role: string;
  /** Default true. */
  active?: boolean;
  gpu?: boolean;
  alloc?: Res;
  count?: number;
}
export interface ClusterSpec {
  agents: AgentSpec[];
  frameworks: FrameworkSpec[];
  /** By role path ("a", "a/b"); ancestors and the roles of frameworks and pools are added. */
  roles?: Record<string, RoleSpec>;
  /** Overrides, per column, the default total: all free, pooled and allocated resources. */
  total?: Res;
  /**
   * Unallocated reservations on agents outside the run (not packed): in the default total, out of the headroom, and
   * in their top-level role's default consumption, as the packer aggregates them.
   */
  unpacked?: PoolSpec[];
  minCpus?: number;
  minMem?: number;
  /** Agent ids walked in stage 1 / stage 2. Default: every agent in the order given. */
  order1?: string[];
  order2?: string[];
  /** When given, role and node indices are shuffled (parents still before children): index order must not matter. */
  shuffle?: () => number;
}

export interface BuiltCluster {
  input: AllocationInput;
  agentIds: string[];
  roleNames: string[];
  frameworkIds: string[];
  nodePaths: string[];
  /** Readable pool names, `agent#i` (i-th pool of the agent), by pool index. */
  poolNames: string[];
}

export const vec = (r: Res | undefined, missing = 0): number[] => RESOURCE_NAMES.map((name) => r?.[name] ?? missing);
/** All five columns of a quantity, missing ones 0: for readable expectations. */
export const full = (r: Res): Required<Res> => ({ cpus: 0, mem: 0, disk: 0, gpus: 0, ports: 0, ...r });

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const ancestors = (path: string): string[] =>
  path
    .split('/')
    .slice(0, -1)
    .map((_, i, parts) => parts.slice(0, i + 1).join('/'));
const parentPath = (path: string): string | undefined => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : undefined);

function shuffled<T>(xs: T[], rng: (() => number) | undefined): T[] {
  const out = [...xs];
  if (!rng) return out;
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function indexOf(map: Map<string, number>, key: string, what: string): number {
  const i = map.get(key);
  if (i === undefined) throw new Error(`unknown ${what} '${key}'`);
  return i;
}

export function buildInput(spec: ClusterSpec): BuiltCluster {
  const rng = spec.shuffle;
  const roleSpecs = spec.roles ?? {};
  const agentIndex = new Map(spec.agents.map((a, i) => [a.id, i]));
  const fwIndex = new Map(spec.frameworks.map((f, i) => [f.id, i]));

  // Roles: every path mentioned, with its ancestors. Any index order works (shuffled on request).
  const unpacked = spec.unpacked ?? [];
  const mentioned = [
    ...Object.keys(roleSpecs),
    ...spec.frameworks.map((f) => f.role),
    ...spec.agents.flatMap((a) => (a.pools ?? []).map((p) => p.role)),
    ...unpacked.map((p) => p.role),
  ];
  const roleNames = shuffled([...new Set(mentioned.flatMap((r) => [...ancestors(r), r]))].sort(compare), rng);
  const roleIndex = new Map(roleNames.map((r, i) => [r, i]));
  const nRoles = roleNames.length;
  const roleParent = Int32Array.from(roleNames, (r) => {
    const p = parentPath(r);
    return p === undefined ? -1 : indexOf(roleIndex, p, 'role');
  });
  const roleTop = Int32Array.from(roleNames, (r) => indexOf(roleIndex, r.split('/')[0]!, 'role'));

  // Sorter tree: internal nodes are the ancestors of roles with frameworks; leaves hold frameworks.
  const withFrameworks = new Set(spec.frameworks.map((f) => f.role));
  const internal = new Set([...withFrameworks].flatMap(ancestors));
  const leafPath = (role: string) => (internal.has(role) ? `${role}/.` : role);
  const sortedPaths = [...new Set([...internal, ...[...withFrameworks].map(leafPath)])].sort(compare);
  const depth = (p: string) => p.split('/').length;
  const nodePaths = rng ? shuffled(sortedPaths, rng).sort((a, b) => depth(a) - depth(b)) : sortedPaths;
  const nodeIndex = new Map(nodePaths.map((p, i) => [p, i]));
  const nNodes = nodePaths.length;
  const nodeParent = Int32Array.from(nodePaths, (p) => {
    const parent = parentPath(p);
    return parent === undefined ? -1 : indexOf(nodeIndex, parent, 'node');
  });
  const rankOf = new Map(sortedPaths.map((p, i) => [p, i]));
  const nodeRank = Int32Array.from(nodePaths, (p) => rankOf.get(p)!);
  // A virtual leaf weighs 1 (as the engine packs it); other nodes carry their role's weight.
  const nodeWeight = Float64Array.from(nodePaths, (p) => (p.endsWith('/.') ? 1 : (roleSpecs[p]?.weight ?? 1)));
  const nodeRole = new Int32Array(nNodes).fill(-1);
  const roleLeaf = new Int32Array(nRoles).fill(-1);
  for (const role of withFrameworks) {
    const leaf = indexOf(nodeIndex, leafPath(role), 'node');
    nodeRole[leaf] = indexOf(roleIndex, role, 'role');
    roleLeaf[indexOf(roleIndex, role, 'role')] = leaf;
  }

  // Frameworks, and the leaf aggregates they make.
  const nF = spec.frameworks.length;
  const fwRole = Int32Array.from(spec.frameworks, (f) => indexOf(roleIndex, f.role, 'role'));
  const fwActive = Uint8Array.from(spec.frameworks, (f) => (f.active === false ? 0 : 1));
  const fwGpu = Uint8Array.from(spec.frameworks, (f) => (f.gpu ? 1 : 0));
  const byId = [...spec.frameworks.keys()].sort((x, y) => compare(spec.frameworks[x]!.id, spec.frameworks[y]!.id));
  const fwRank = new Int32Array(nF);
  byId.forEach((f, rank) => (fwRank[f] = rank));
  const fwAlloc = Float64Array.from(spec.frameworks.flatMap((f) => vec(f.alloc)));
  const fwCount = Int32Array.from(spec.frameworks, (f) => f.count ?? 0);
  const nodeAlloc = new Float64Array(nNodes * Q);
  const nodeCount = new Int32Array(nNodes);
  const leafCount = new Map<number, number>();
  spec.frameworks.forEach((f, i) => {
    const leaf = roleLeaf[fwRole[i]!]!;
    for (let q = 0; q < Q; q++) nodeAlloc[leaf * Q + q]! += fwAlloc[i * Q + q]!;
    leafCount.set(leaf, (leafCount.get(leaf) ?? 0) + fwCount[i]!);
  });
  for (const [leaf, count] of leafCount) nodeCount[leaf] = roleSpecs[roleNames[nodeRole[leaf]!]!]?.count ?? count;
  // Subtree aggregates: fold children into parents, deepest first.
  for (const n of [...nodePaths.keys()].sort((x, y) => depth(nodePaths[y]!) - depth(nodePaths[x]!))) {
    const p = nodeParent[n]!;
    if (p < 0) continue;
    for (let q = 0; q < Q; q++) nodeAlloc[p * Q + q]! += nodeAlloc[n * Q + q]!;
    nodeCount[p]! += nodeCount[n]!;
  }

  // Agents, pools, filters.
  const nAgents = spec.agents.length;
  const agentFree = Float64Array.from(spec.agents.flatMap((a) => vec(a.free)));
  const poolStart = new Int32Array(nAgents + 1);
  const filterStart = new Int32Array(nAgents + 1);
  const poolRole: number[] = [];
  const poolFree: number[] = [];
  const poolNames: string[] = [];
  const filterFw: number[] = [];
  const filterRes: number[] = [];
  const agentHasGpus = new Uint8Array(nAgents);
  spec.agents.forEach((a, i) => {
    poolStart[i] = poolRole.length;
    filterStart[i] = filterFw.length;
    let gpus = a.free.gpus ?? 0;
    (a.pools ?? []).forEach((p, k) => {
      poolRole.push(indexOf(roleIndex, p.role, 'role'));
      poolFree.push(...vec(p.free));
      poolNames.push(`${a.id}#${k}`);
      gpus += p.free.gpus ?? 0;
    });
    // The contract: an agent's filters sorted by framework index (stable: a framework's own keep their order).
    const agentFilters = (a.filters ?? []).map((f) => ({ fw: indexOf(fwIndex, f.framework, 'framework'), res: vec(f.declined) }));
    for (const f of agentFilters.sort((x, y) => x.fw - y.fw)) {
      filterFw.push(f.fw);
      filterRes.push(...f.res);
    }
    agentHasGpus[i] = (a.hasGpus ?? gpus > 0) ? 1 : 0;
  });
  poolStart[nAgents] = poolRole.length;
  filterStart[nAgents] = filterFw.length;

  // Quota on top-level roles; consumption defaults to the subtree's pools and allocations.
  const roleGuarantee = new Float64Array(nRoles * SCALARS);
  const roleLimit = new Float64Array(nRoles * SCALARS).fill(Infinity);
  const roleConsumed = new Float64Array(nRoles * SCALARS);
  // Packed pools first, then the unpacked ones (the packer sums agent by agent; any fixed order will do here).
  const reservations = [
    ...poolRole.map((r, p) => ({ role: r, free: poolFree.slice(p * Q, p * Q + Q) })),
    ...unpacked.map((p) => ({ role: indexOf(roleIndex, p.role, 'role'), free: vec(p.free) })),
  ];
  for (const { role, free } of reservations) for (let s = 0; s < SCALARS; s++) roleConsumed[roleTop[role]! * SCALARS + s]! += free[s]!;
  for (let f = 0; f < nF; f++) for (let s = 0; s < SCALARS; s++) roleConsumed[roleTop[fwRole[f]!]! * SCALARS + s]! += fwAlloc[f * Q + s]!;
  roleNames.forEach((name, r) => {
    const rs = roleSpecs[name];
    if (roleParent[r] !== -1) {
      if (rs?.guarantee || rs?.limit || rs?.consumed) throw new Error(`quota on '${name}': quota is for top-level roles only`);
      return;
    }
    if (!rs) return;
    roleGuarantee.set(vec(rs.guarantee).slice(0, SCALARS), r * SCALARS);
    roleLimit.set(vec(rs.limit, Infinity).slice(0, SCALARS), r * SCALARS);
    if (rs.consumed) roleConsumed.set(vec(rs.consumed).slice(0, SCALARS), r * SCALARS);
  });

  const total = new Float64Array(Q);
  for (let i = 0; i < agentFree.length; i++) total[i % Q]! += agentFree[i]!;
  for (let i = 0; i < poolFree.length; i++) total[i % Q]! += poolFree[i]!;
  for (let i = 0; i < fwAlloc.length; i++) total[i % Q]! += fwAlloc[i]!;
  for (const p of unpacked) vec(p.free).forEach((v, q) => (total[q]! += v));
  RESOURCE_NAMES.forEach((name, q) => {
    const t = spec.total?.[name];
    if (t !== undefined) total[q] = t;
  });
  // The contract's headroom: the total, minus the top-level nodes' allocations, minus every unallocated reservation.
  const headroom = new Float64Array(SCALARS);
  for (let s = 0; s < SCALARS; s++) {
    let h = total[s]!;
    for (let n = 0; n < nNodes; n++) if (nodeParent[n] === -1) h -= nodeAlloc[n * Q + s]!;
    for (const { free } of reservations) h -= free[s]!;
    headroom[s] = h;
  }

  const order = (ids: string[] | undefined) =>
    Int32Array.from(ids ?? spec.agents.map((a) => a.id), (id) => indexOf(agentIndex, id, 'agent'));
  const input: AllocationInput = {
    total,
    headroom,
    minCpus: spec.minCpus ?? 0.01,
    minMem: spec.minMem ?? 32,
    nAgents,
    agentFree,
    agentHasGpus,
    agentOrder1: order(spec.order1),
    agentOrder2: order(spec.order2),
    poolStart,
    poolRole: Int32Array.from(poolRole),
    poolFree: Float64Array.from(poolFree),
    nRoles,
    roleParent,
    roleTop,
    roleLeaf,
    roleGuarantee,
    roleLimit,
    roleConsumed,
    nNodes,
    nodeParent,
    nodeWeight,
    nodeRank,
    nodeAlloc,
    nodeCount,
    nodeRole,
    nFrameworks: nF,
    fwRole,
    fwActive,
    fwGpu,
    fwRank,
    fwAlloc,
    fwCount,
    filterStart,
    filterFw: Int32Array.from(filterFw),
    filterRes: Float64Array.from(filterRes),
  };
  return { input, agentIds: spec.agents.map((a) => a.id), roleNames, frameworkIds: spec.frameworks.map((f) => f.id), nodePaths, poolNames };
}

export interface ReadableOffer {
  framework: string;
  agent: string;
  unreserved: Required<Res>;
  pools: string[];
}

/** The offers with names instead of indices, for readable expectations. */
export function readOffers(built: BuiltCluster, out: AllocationOutput): ReadableOffer[] {
  return Array.from({ length: out.nOffers }, (_, o) => {
    const u = out.offerUnreserved.subarray(o * Q, o * Q + Q);
    const unreserved = Object.fromEntries(RESOURCE_NAMES.map((name, q) => [name, u[q]!])) as Required<Res>;
    const pools = [...out.offerPools.subarray(out.offerPoolStart[o]!, out.offerPoolStart[o + 1]!)].map((p) => built.poolNames[p]!);
    return { framework: built.frameworkIds[out.offerFw[o]!]!, agent: built.agentIds[out.offerAgent[o]!]!, unreserved, pools };
  });
}
