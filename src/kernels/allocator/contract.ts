/**
 * The contract of one allocation cycle, shared by the Wasm kernel (assembly/allocator.ts)
 * and its TypeScript twin (twin.ts). Everything is a flat typed array indexed by dense
 * integers; no strings cross. The engine packs its state into an AllocationInput
 * (pack.ts), a kernel decides the offers, and the engine applies the AllocationOutput.
 *
 * Semantics follow Mesos' hierarchical allocator (`__generateOffers`): see the README,
 * "Allocator", and SEMANTICS.md section 1.
 */

/** Quantity columns, in this order, for every `[n * Q]` array. */
export const Q = 5;
/** The first SCALARS columns are scalars: they count for DRF shares, quota and headroom. */
export const SCALARS = 4;
export const CPUS = 0;
export const MEM = 1;
export const DISK = 2;
export const GPUS = 3;
/** Number of free ports: offered whole, never chopped, never part of a share. */
export const PORTS = 4;

export const RESOURCE_NAMES = ['cpus', 'mem', 'disk', 'gpus', 'ports'] as const;

/**
 * Sorter tree. Internal nodes are role-path prefixes; leaves hold the frameworks of one
 * role. A role that has frameworks of its own and child roles gets a virtual leaf `a/.`.
 * Node arrays are precomputed by the packer (subtree aggregates), then updated by the
 * kernel as it offers.
 */
export interface AllocationInput {
  /** [Q] whole-cluster totals: the DRF denominator (reserved resources included). */
  total: Float64Array;
  /**
   * [SCALARS] unreserved headroom at the start of the run: `total`, minus what the sorter's top-level nodes hold
   * (every framework's allocation), minus every unallocated reservation of the cluster (on the run's agents or not),
   * subtracted in that order, pool by pool in agent order. Aggregated by the packer, so the run's pools need not be
   * all of the cluster's.
   */
  headroom: Float64Array;
  /** Minimum allocatable: an offer needs cpus >= minCpus OR mem >= minMem. */
  minCpus: number;
  minMem: number;

  nAgents: number;
  /** [nAgents * Q] unreserved resources neither offered nor used. */
  agentFree: Float64Array;
  /** [nAgents] 1 when the agent has GPUs: offered only to GPU-capable frameworks. */
  agentHasGpus: Uint8Array;
  /** The agents of this run, in the order stage 1 and stage 2 walk them (seeded shuffles; a triggered run lists only some agents). */
  agentOrder1: Int32Array;
  agentOrder2: Int32Array;

  /** Reservation pools with something free, grouped by agent: pools of agent a are [poolStart[a], poolStart[a+1]). Only the agents of the orders are packed. */
  poolStart: Int32Array; // [nAgents + 1]
  poolRole: Int32Array; // [nPools] role the pool is reserved to
  poolFree: Float64Array; // [nPools * Q] reserved resources neither offered nor used

  nRoles: number;
  /** [nRoles] parent role index, -1 for a top-level role. */
  roleParent: Int32Array;
  /** [nRoles] index of the top-level ancestor (itself for a top-level role). */
  roleTop: Int32Array;
  /** [nRoles] sorter leaf of the role's own frameworks, -1 if it has none. */
  roleLeaf: Int32Array;
  /** [nRoles * SCALARS] quota guarantees (0 = none) and limits (Infinity = none); top-level roles only. */
  roleGuarantee: Float64Array;
  roleLimit: Float64Array;
  /** [nRoles * SCALARS] quota consumption of each top-level role: all its subtree's reservations, cluster-wide (not only the packed agents'), + unreserved resources offered or used. */
  roleConsumed: Float64Array;

  nNodes: number;
  /** [nNodes] parent node, -1 for children of the root. Parents come before children. */
  nodeParent: Int32Array;
  nodeWeight: Float64Array;
  /** [nNodes] rank of the node's full path in lexicographic order: the last tie-break. */
  nodeRank: Int32Array;
  /** [nNodes * Q] resources offered or used in the node's subtree. */
  nodeAlloc: Float64Array;
  /** [nNodes] times the subtree was allocated to (DRF's second tie-break). */
  nodeCount: Int32Array;
  /** [nNodes] role whose frameworks this leaf holds, -1 for an internal node. */
  nodeRole: Int32Array;

  nFrameworks: number;
  fwRole: Int32Array;
  /** [nFrameworks] 1 = active and not suppressed (has pending work). */
  fwActive: Uint8Array;
  /** [nFrameworks] 1 = GPU_RESOURCES capability. */
  fwGpu: Uint8Array;
  /** [nFrameworks] lexicographic rank of the framework id. */
  fwRank: Int32Array;
  /** [nFrameworks * Q] resources offered to or used by the framework. */
  fwAlloc: Float64Array;
  fwCount: Int32Array;

  /** Live offer filters, grouped by agent: [filterStart[a], filterStart[a+1]), each agent's sorted by framework index. */
  filterStart: Int32Array; // [nAgents + 1]
  filterFw: Int32Array; // [nFilters]
  /** [nFilters * Q] the declined quantities: a candidate is filtered when every column is <= these. */
  filterRes: Float64Array;
}

/** One offer per entry. Reservation pools listed for an offer are offered whole (all their free resources). */
export interface AllocationOutput {
  nOffers: number;
  offerFw: Int32Array;
  offerAgent: Int32Array;
  /** [nOffers * Q] unreserved quantities offered. */
  offerUnreserved: Float64Array;
  /** Pools offered whole, grouped by offer: [offerPoolStart[o], offerPoolStart[o+1]). */
  offerPoolStart: Int32Array; // [nOffers + 1]
  offerPools: Int32Array;
}

export interface AllocatorKernel {
  readonly name: 'wasm' | 'ts';
  allocate(input: AllocationInput): AllocationOutput;
}

/** Comparisons of quantities tolerate float dust (two 0.1 CPU leftovers must still fit 0.2). */
export const EPSILON = 1e-9;
