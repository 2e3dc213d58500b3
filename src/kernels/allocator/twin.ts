/**
 * The TypeScript twin of the allocator kernel: the readable specification of one allocation run
 * and the oracle the Wasm kernel (assembly/allocator.ts) is tested against, bit for bit.
 *
 * It follows the rules literally: the DRF order is sorted from scratch for every agent and every
 * sorter leaf is visited. The Wasm kernel keeps its orders incrementally, stops early, and once an
 * agent's unreserved part is below the minimum visits only the leaves its pools can go to, but must
 * give identical answers, so every quantity here is computed with the same f64 operations in the
 * same order as there. (Math.max and Math.min behave exactly like Wasm's f64.max and f64.min,
 * NaN and signed zeros included.)
 */
import { CPUS, EPSILON, MEM, PORTS, Q, SCALARS, type AllocationInput, type AllocationOutput, type AllocatorKernel } from './contract.ts';

/** max over scalars (with a non-zero total) of allocated / total: the dominant share, weight 1. */
function dominantShare(alloc: Float64Array, row: number, total: Float64Array): number {
  let share = 0;
  for (let s = 0; s < SCALARS; s++) {
    const t = total[s]!;
    if (t > 0) share = Math.max(share, alloc[row * Q + s]! / t);
  }
  return share;
}

/** DRF order: lower share first, then fewer allocations, then lower rank (ranks are unique). */
function compareKeys(shareA: number, countA: number, rankA: number, shareB: number, countB: number, rankB: number): number {
  if (shareA < shareB) return -1;
  if (shareA > shareB) return 1;
  if (countA !== countB) return countA - countB;
  return rankA - rankB;
}

class Run {
  // The kernel's working state: copies, the caller's input is never mutated.
  readonly agentFree: Float64Array;
  readonly poolFree: Float64Array;
  readonly nodeAlloc: Float64Array;
  readonly nodeCount: Int32Array;
  readonly fwAlloc: Float64Array;
  readonly fwCount: Int32Array;
  readonly consumed: Float64Array;
  /** Unreserved headroom not yet offered or used, per scalar. */
  readonly available = new Float64Array(SCALARS);
  /** Headroom the unsatisfied guarantees of top-level roles still need, per scalar. */
  readonly required = new Float64Array(SCALARS);
  /** Children of the root (index 0) and of each node n (index n + 1), in index order: the shape never changes. */
  readonly children: number[][];
  /** Active frameworks of each role, in index order. */
  readonly roleFrameworks: number[][];
  // The current candidate (see `candidate`).
  readonly unreserved = new Float64Array(Q);
  readonly offered = new Float64Array(Q);
  readonly pools: number[] = [];
  readonly out = { fw: [] as number[], agent: [] as number[], unreserved: [] as number[], poolStart: [0], pools: [] as number[] };

  constructor(readonly input: AllocationInput) {
    this.agentFree = input.agentFree.slice();
    this.poolFree = input.poolFree.slice();
    this.nodeAlloc = input.nodeAlloc.slice();
    this.nodeCount = input.nodeCount.slice();
    this.fwAlloc = input.fwAlloc.slice();
    this.fwCount = input.fwCount.slice();
    this.consumed = input.roleConsumed.slice();
    for (let s = 0; s < SCALARS; s++) {
      // Every unallocated reservation is out of the headroom, on the run's agents or not: the packer aggregates it.
      this.available[s] = input.headroom[s]!;
      let required = 0;
      for (let r = 0; r < input.nRoles; r++) {
        if (input.roleParent[r] === -1)
          required += Math.max(0, input.roleGuarantee[r * SCALARS + s]! - input.roleConsumed[r * SCALARS + s]!);
      }
      this.required[s] = required;
    }
    this.children = Array.from({ length: input.nNodes + 1 }, () => []);
    for (let n = 0; n < input.nNodes; n++) this.children[input.nodeParent[n]! + 1]!.push(n);
    this.roleFrameworks = Array.from({ length: input.nRoles }, () => []);
    for (let f = 0; f < input.nFrameworks; f++) if (input.fwActive[f] === 1) this.roleFrameworks[input.fwRole[f]!]!.push(f);
  }

  /** Sorter leaves in DRF order, as it stands now: siblings sorted level by level, leaves emitted in pre-order. */
  leavesInDrfOrder(): number[] {
    const { input } = this;
    const share = new Float64Array(input.nNodes);
    for (let n = 0; n < input.nNodes; n++) share[n] = dominantShare(this.nodeAlloc, n, input.total) / input.nodeWeight[n]!;
    const byKey = (a: number, b: number) =>
      compareKeys(share[a]!, this.nodeCount[a]!, input.nodeRank[a]!, share[b]!, this.nodeCount[b]!, input.nodeRank[b]!);
    const leaves: number[] = [];
    const visit = (slot: number) => {
      for (const n of [...this.children[slot]!].sort(byKey)) {
        if (input.nodeRole[n]! >= 0) leaves.push(n);
        else visit(n + 1);
      }
    };
    visit(0);
    return leaves;
  }

  frameworksInDrfOrder(role: number): number[] {
    const { input } = this;
    const share = (f: number) => dominantShare(this.fwAlloc, f, input.total);
    return [...this.roleFrameworks[role]!].sort((a, b) =>
      compareKeys(share(a), this.fwCount[a]!, input.fwRank[a]!, share(b), this.fwCount[b]!, input.fwRank[b]!),
    );
  }

  /** Stage 1 serves the roles under a top-level role whose guarantee is not yet satisfied (sub-roles consume their top-level role's quota). */
  hasUnsatisfiedGuarantee(role: number): boolean {
    const { input } = this;
    const top = input.roleTop[role]!;
    for (let s = 0; s < SCALARS; s++) {
      const g = input.roleGuarantee[top * SCALARS + s]!;
      if (g > 0 && g - this.consumed[top * SCALARS + s]! > 0) return true;
    }
    return false;
  }

  /** Even everything left on the agent (unreserved and every pool) is below the minimum allocatable. */
  nothingAllocatable(agent: number): boolean {
    const { input } = this;
    let cpus = this.agentFree[agent * Q + CPUS]!;
    let mem = this.agentFree[agent * Q + MEM]!;
    for (let p = input.poolStart[agent]!; p < input.poolStart[agent + 1]!; p++) {
      cpus += this.poolFree[p * Q + CPUS]!;
      mem += this.poolFree[p * Q + MEM]!;
    }
    return cpus < input.minCpus && mem < input.minMem;
  }

  /** The pool is reserved to `role` or to one of its ancestors. */
  poolServes(pool: number, role: number): boolean {
    const owner = this.input.poolRole[pool]!;
    for (let r = role; r !== -1; r = this.input.roleParent[r]!) if (r === owner) return true;
    return false;
  }

  /**
   * What a framework of `role` would be offered on `agent` now, into this.unreserved, this.pools
   * and this.offered (unreserved + pools). False in stage 1 when there is no guarantee part.
   */
  candidate(stage: 1 | 2, agent: number, role: number): boolean {
    const { input } = this;
    const top = input.roleTop[role]!; // quota lives on top-level roles
    let guaranteeAny = false;
    for (let s = 0; s < SCALARS; s++) {
      const free = this.agentFree[agent * Q + s]!;
      const consumed = this.consumed[top * SCALARS + s]!;
      const unsatisfied = Math.max(0, input.roleGuarantee[top * SCALARS + s]! - consumed);
      // Stage 1 hands out the guarantee part first; the rest obeys the limit and the headroom.
      const guaranteePart = stage === 1 ? Math.min(free, unsatisfied) : 0;
      if (guaranteePart !== 0) guaranteeAny = true;
      const limitLeft = Math.max(0, input.roleLimit[top * SCALARS + s]! - consumed - guaranteePart);
      // Unreserved resources other roles' unsatisfied guarantees need are held back.
      const surplus = Math.max(0, this.available[s]! - this.required[s]!);
      const rest = free - guaranteePart;
      const x = Math.min(limitLeft, surplus);
      // Chop only for real: a leftover within float dust of the cap is offered whole.
      const extra = rest <= x + EPSILON ? rest : Math.max(0, x);
      this.unreserved[s] = guaranteePart + extra;
    }
    if (stage === 1 && !guaranteeAny) return false;
    this.unreserved[PORTS] = this.agentFree[agent * Q + PORTS]!; // ports are never chopped
    this.offered.set(this.unreserved);
    this.pools.length = 0;
    for (let p = input.poolStart[agent]!; p < input.poolStart[agent + 1]!; p++) {
      let any = false;
      for (let q = 0; q < Q; q++) if (this.poolFree[p * Q + q]! > 0) any = true;
      if (!any || !this.poolServes(p, role)) continue;
      this.pools.push(p);
      for (let q = 0; q < Q; q++) this.offered[q] = this.offered[q]! + this.poolFree[p * Q + q]!;
    }
    return true;
  }

  /** A live filter of `fw` on `agent` that declined at least this much in every column. */
  filtered(agent: number, fw: number): boolean {
    const { input } = this;
    for (let k = input.filterStart[agent]!; k < input.filterStart[agent + 1]!; k++) {
      if (input.filterFw[k] !== fw) continue;
      let within = true;
      for (let q = 0; q < Q; q++) if (!(this.offered[q]! <= input.filterRes[k * Q + q]! + EPSILON)) within = false;
      if (within) return true;
    }
    return false;
  }

  /** Records the current candidate as an offer to `fw` and updates the state. */
  offer(agent: number, fw: number, role: number): void {
    const { input, out } = this;
    out.fw.push(fw);
    out.agent.push(agent);
    out.unreserved.push(...this.unreserved);
    out.pools.push(...this.pools);
    out.poolStart.push(out.pools.length);
    for (let s = 0; s < SCALARS; s++) this.agentFree[agent * Q + s] = this.agentFree[agent * Q + s]! - this.unreserved[s]!;
    this.agentFree[agent * Q + PORTS] = this.agentFree[agent * Q + PORTS]! - this.unreserved[PORTS]!;
    for (const p of this.pools) for (let q = 0; q < Q; q++) this.poolFree[p * Q + q] = 0; // pools go whole
    for (let q = 0; q < Q; q++) this.fwAlloc[fw * Q + q] = this.fwAlloc[fw * Q + q]! + this.offered[q]!;
    this.fwCount[fw] = this.fwCount[fw]! + 1;
    for (let n = input.roleLeaf[role]!; n !== -1; n = input.nodeParent[n]!) {
      for (let q = 0; q < Q; q++) this.nodeAlloc[n * Q + q] = this.nodeAlloc[n * Q + q]! + this.offered[q]!;
      this.nodeCount[n] = this.nodeCount[n]! + 1;
    }
    // Reservations already count as consumed: only the unreserved part adds to quota consumption.
    const top = input.roleTop[role]!;
    for (let s = 0; s < SCALARS; s++) {
      const g = input.roleGuarantee[top * SCALARS + s]!;
      const before = Math.max(0, g - this.consumed[top * SCALARS + s]!);
      this.consumed[top * SCALARS + s] = this.consumed[top * SCALARS + s]! + this.unreserved[s]!;
      const after = Math.max(0, g - this.consumed[top * SCALARS + s]!);
      this.required[s] = this.required[s]! + (after - before);
      this.available[s] = this.available[s]! - this.unreserved[s]!;
    }
  }

  stage(stage: 1 | 2, order: Int32Array): void {
    const { input } = this;
    for (const agent of order) {
      if (this.nothingAllocatable(agent)) continue;
      // The order is fixed for the whole agent: offers made on it count from the next agent on.
      for (const leaf of this.leavesInDrfOrder()) {
        const role = input.nodeRole[leaf]!;
        if (stage === 1 && !this.hasUnsatisfiedGuarantee(role)) continue;
        for (const fw of this.frameworksInDrfOrder(role)) {
          if (input.agentHasGpus[agent] === 1 && input.fwGpu[fw] === 0) continue;
          if (!this.candidate(stage, agent, role)) continue;
          if (!(this.offered[CPUS]! >= input.minCpus || this.offered[MEM]! >= input.minMem)) continue;
          if (this.filtered(agent, fw)) continue;
          this.offer(agent, fw, role);
        }
      }
    }
  }

  output(): AllocationOutput {
    const { out } = this;
    return {
      nOffers: out.fw.length,
      offerFw: Int32Array.from(out.fw),
      offerAgent: Int32Array.from(out.agent),
      offerUnreserved: Float64Array.from(out.unreserved),
      offerPoolStart: Int32Array.from(out.poolStart),
      offerPools: Int32Array.from(out.pools),
    };
  }
}

export const tsAllocator: AllocatorKernel = {
  name: 'ts',
  allocate(input: AllocationInput): AllocationOutput {
    const run = new Run(input);
    run.stage(1, input.agentOrder1);
    run.stage(2, input.agentOrder2);
    return run.output();
  },
};
