/**
 * The TypeScript twin of the allocator kernel: the readable specification of one allocation
 * run and the oracle the Wasm kernel is tested against. It re-sorts from scratch for every
 * agent; the Wasm kernel keeps sorted orders incrementally and must give identical answers.
 */
import { CPUS, EPSILON, MEM, PORTS, Q, SCALARS, type AllocationInput, type AllocationOutput, type AllocatorKernel } from './contract.ts';

interface Offer {
  fw: number;
  agent: number;
  unreserved: number[];
  pools: number[];
}

/** Dominant share of a row of `alloc`: max over scalars of allocated / total. */
function dominantShare(alloc: Float64Array, row: number, total: Float64Array): number {
  let share = 0;
  for (let s = 0; s < SCALARS; s++) {
    if (total[s]! > 0) share = Math.max(share, alloc[row * Q + s]! / total[s]!);
  }
  return share;
}

function isAncestorOrSelf(ancestor: number, role: number, parent: Int32Array): boolean {
  for (let r = role; r !== -1; r = parent[r]!) if (r === ancestor) return true;
  return false;
}

class Run {
  readonly agentFree: Float64Array;
  readonly poolFree: Float64Array;
  readonly nodeAlloc: Float64Array;
  readonly nodeCount: Int32Array;
  readonly fwAlloc: Float64Array;
  readonly fwCount: Int32Array;
  readonly consumed: Float64Array;
  readonly available = new Float64Array(SCALARS);
  readonly required = new Float64Array(SCALARS);
  readonly offers: Offer[] = [];

  constructor(readonly input: AllocationInput) {
    this.agentFree = input.agentFree.slice();
    this.poolFree = input.poolFree.slice();
    this.nodeAlloc = input.nodeAlloc.slice();
    this.nodeCount = input.nodeCount.slice();
    this.fwAlloc = input.fwAlloc.slice();
    this.fwCount = input.fwCount.slice();
    this.consumed = input.roleConsumed.slice();
    for (let s = 0; s < SCALARS; s++) {
      let headroom = input.total[s]!;
      for (let n = 0; n < input.nNodes; n++) if (input.nodeParent[n] === -1) headroom -= input.nodeAlloc[n * Q + s]!;
      const nPools = input.poolRole.length;
      for (let p = 0; p < nPools; p++) headroom -= input.poolFree[p * Q + s]!;
      this.available[s] = headroom;
      let required = 0;
      for (let r = 0; r < input.nRoles; r++) {
        if (input.roleParent[r] === -1) required += Math.max(0, input.roleGuarantee[r * SCALARS + s]! - input.roleConsumed[r * SCALARS + s]!);
      }
      this.required[s] = required;
    }
  }

  /** Sorter leaves in DRF order: siblings by (share / weight, allocation count, rank), pre-order. */
  leavesInOrder(): number[] {
    const { input } = this;
    const children = new Map<number, number[]>();
    for (let n = 0; n < input.nNodes; n++) {
      const p = input.nodeParent[n]!;
      children.set(p, [...(children.get(p) ?? []), n]);
    }
    const key = (n: number) => dominantShare(this.nodeAlloc, n, input.total) / input.nodeWeight[n]!;
    const out: number[] = [];
    const visit = (parent: number) => {
      const kids = [...(children.get(parent) ?? [])];
      kids.sort((a, b) => key(a) - key(b) || this.nodeCount[a]! - this.nodeCount[b]! || input.nodeRank[a]! - input.nodeRank[b]!);
      for (const n of kids) {
        if (input.nodeRole[n]! >= 0) out.push(n);
        else visit(n);
      }
    };
    visit(-1);
    return out;
  }

  frameworksInOrder(role: number): number[] {
    const { input } = this;
    const fws: number[] = [];
    for (let f = 0; f < input.nFrameworks; f++) if (input.fwRole[f] === role && input.fwActive[f] === 1) fws.push(f);
    const key = (f: number) => dominantShare(this.fwAlloc, f, input.total);
    return fws.sort((a, b) => key(a) - key(b) || this.fwCount[a]! - this.fwCount[b]! || input.fwRank[a]! - input.fwRank[b]!);
  }

  hasUnsatisfiedGuarantee(role: number): boolean {
    const { input } = this;
    if (input.roleParent[role] !== -1) return false;
    for (let s = 0; s < SCALARS; s++) {
      if (input.roleGuarantee[role * SCALARS + s]! > 0 && input.roleGuarantee[role * SCALARS + s]! - this.consumed[role * SCALARS + s]! > 0) return true;
    }
    return false;
  }

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

  /** What framework `fw` of role `role` would be offered on `agent` now, or undefined in stage 1 without a guarantee part. */
  candidate(stage: 1 | 2, agent: number, role: number): { unreserved: number[]; pools: number[]; total: number[] } | undefined {
    const { input } = this;
    const top = input.roleTop[role]!;
    const unreserved = new Array<number>(Q).fill(0);
    let guaranteeAny = false;
    for (let s = 0; s < SCALARS; s++) {
      const free = this.agentFree[agent * Q + s]!;
      const unsatisfied = Math.max(0, input.roleGuarantee[top * SCALARS + s]! - this.consumed[top * SCALARS + s]!);
      const guaranteePart = stage === 1 ? Math.min(free, unsatisfied) : 0;
      if (guaranteePart > 0) guaranteeAny = true;
      const limitLeft = Math.max(0, input.roleLimit[top * SCALARS + s]! - this.consumed[top * SCALARS + s]! - guaranteePart);
      const surplus = Math.max(0, this.available[s]! - this.required[s]!);
      const rest = free - guaranteePart;
      const cap = Math.min(limitLeft, surplus);
      // Not chopping by float dust: a 4-CPU leftover must stay 4, not 3.9999999.
      const extra = rest <= cap + EPSILON ? rest : Math.max(0, cap);
      unreserved[s] = guaranteePart + extra;
    }
    if (stage === 1 && !guaranteeAny) return undefined;
    unreserved[PORTS] = this.agentFree[agent * Q + PORTS]!;
    const total = unreserved.slice();
    const pools: number[] = [];
    for (let p = input.poolStart[agent]!; p < input.poolStart[agent + 1]!; p++) {
      if (!isAncestorOrSelf(input.poolRole[p]!, role, input.roleParent)) continue;
      let any = false;
      for (let q = 0; q < Q; q++) if (this.poolFree[p * Q + q]! > 0) any = true;
      if (!any) continue;
      pools.push(p);
      for (let q = 0; q < Q; q++) total[q] = total[q]! + this.poolFree[p * Q + q]!;
    }
    return { unreserved, pools, total };
  }

  filtered(agent: number, fw: number, candidate: number[]): boolean {
    const { input } = this;
    for (let k = input.filterStart[agent]!; k < input.filterStart[agent + 1]!; k++) {
      if (input.filterFw[k] !== fw) continue;
      let covered = true;
      for (let q = 0; q < Q; q++) if (!(candidate[q]! <= input.filterRes[k * Q + q]! + EPSILON)) covered = false;
      if (covered) return true;
    }
    return false;
  }

  offer(agent: number, fw: number, role: number, c: { unreserved: number[]; pools: number[]; total: number[] }): void {
    const { input } = this;
    this.offers.push({ fw, agent, unreserved: c.unreserved, pools: c.pools });
    for (let s = 0; s < SCALARS; s++) this.agentFree[agent * Q + s] = this.agentFree[agent * Q + s]! - c.unreserved[s]!;
    this.agentFree[agent * Q + PORTS] = this.agentFree[agent * Q + PORTS]! - c.unreserved[PORTS]!;
    for (const p of c.pools) for (let q = 0; q < Q; q++) this.poolFree[p * Q + q] = 0;
    for (let q = 0; q < Q; q++) this.fwAlloc[fw * Q + q] = this.fwAlloc[fw * Q + q]! + c.total[q]!;
    this.fwCount[fw] = this.fwCount[fw]! + 1;
    for (let n = input.roleLeaf[role]!; n !== -1; n = input.nodeParent[n]!) {
      for (let q = 0; q < Q; q++) this.nodeAlloc[n * Q + q] = this.nodeAlloc[n * Q + q]! + c.total[q]!;
      this.nodeCount[n] = this.nodeCount[n]! + 1;
    }
    const top = input.roleTop[role]!;
    for (let s = 0; s < SCALARS; s++) {
      const g = input.roleGuarantee[top * SCALARS + s]!;
      const before = Math.max(0, g - this.consumed[top * SCALARS + s]!);
      this.consumed[top * SCALARS + s] = this.consumed[top * SCALARS + s]! + c.unreserved[s]!;
      const after = Math.max(0, g - this.consumed[top * SCALARS + s]!);
      this.required[s] = this.required[s]! + (after - before);
      this.available[s] = this.available[s]! - c.unreserved[s]!;
    }
  }

  stage(stage: 1 | 2, order: Int32Array): void {
    const { input } = this;
    for (const agent of order) {
      if (this.nothingAllocatable(agent)) continue;
      for (const leaf of this.leavesInOrder()) {
        const role = input.nodeRole[leaf]!;
        if (stage === 1 && !this.hasUnsatisfiedGuarantee(role)) continue;
        for (const fw of this.frameworksInOrder(role)) {
          if (input.agentHasGpus[agent] === 1 && input.fwGpu[fw] === 0) continue;
          const c = this.candidate(stage, agent, role);
          if (!c) continue;
          if (!(c.total[CPUS]! >= input.minCpus || c.total[MEM]! >= input.minMem)) continue;
          if (this.filtered(agent, fw, c.total)) continue;
          this.offer(agent, fw, role, c);
        }
      }
    }
  }
}

function toOutput(offers: Offer[]): AllocationOutput {
  const n = offers.length;
  const out: AllocationOutput = {
    nOffers: n,
    offerFw: new Int32Array(n),
    offerAgent: new Int32Array(n),
    offerUnreserved: new Float64Array(n * Q),
    offerPoolStart: new Int32Array(n + 1),
    offerPools: new Int32Array(offers.reduce((k, o) => k + o.pools.length, 0)),
  };
  let k = 0;
  offers.forEach((o, i) => {
    out.offerFw[i] = o.fw;
    out.offerAgent[i] = o.agent;
    out.offerUnreserved.set(o.unreserved, i * Q);
    out.offerPoolStart[i] = k;
    for (const p of o.pools) out.offerPools[k++] = p;
  });
  out.offerPoolStart[n] = k;
  return out;
}

export const tsAllocator: AllocatorKernel = {
  name: 'ts',
  allocate(input: AllocationInput): AllocationOutput {
    const run = new Run(input);
    run.stage(1, input.agentOrder1);
    run.stage(2, input.agentOrder2);
    return toOutput(run.offers);
  },
};
