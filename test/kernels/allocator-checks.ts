/**
 * What the differential tests of the allocator check on every answer: the two kernels' answers are identical, floats
 * bit for bit, and an answer satisfies the invariants that hold whatever the cluster.
 */
import { expect } from 'vitest';
import { CPUS, MEM, Q, type AllocationInput, type AllocationOutput } from '../../src/kernels/allocator/contract.ts';

export function firstDifference(a: AllocationOutput, b: AllocationOutput): string | undefined {
  if (a.nOffers !== b.nOffers) return `nOffers ${a.nOffers} vs ${b.nOffers}`;
  for (const key of ['offerFw', 'offerAgent', 'offerUnreserved', 'offerPoolStart', 'offerPools'] as const) {
    const x = a[key];
    const y = b[key];
    if (x.length !== y.length) return `${key}.length ${x.length} vs ${y.length}`;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return `${key}[${i}] ${x[i]} vs ${y[i]}`;
  }
  return undefined;
}

function isAncestorOrSelf(input: AllocationInput, ancestor: number, role: number): boolean {
  for (let r = role; r !== -1; r = input.roleParent[r]!) if (r === ancestor) return true;
  return false;
}

/** What every answer must satisfy, whatever the cluster. */
export function checkInvariants(input: AllocationInput, out: AllocationOutput): void {
  const walked = new Set([...input.agentOrder1, ...input.agentOrder2]);
  const offered = new Float64Array(input.nAgents * Q);
  const poolsSeen = new Set<number>();
  expect(out.offerPoolStart[0]).toBe(0);
  expect(out.offerPoolStart[out.nOffers]).toBe(out.offerPools.length);
  for (let o = 0; o < out.nOffers; o++) {
    const fw = out.offerFw[o]!;
    const agent = out.offerAgent[o]!;
    expect(walked.has(agent)).toBe(true);
    expect(input.fwActive[fw]).toBe(1);
    if (input.agentHasGpus[agent] === 1) expect(input.fwGpu[fw]).toBe(1);
    const size = out.offerUnreserved.slice(o * Q, o * Q + Q);
    for (let k = out.offerPoolStart[o]!; k < out.offerPoolStart[o + 1]!; k++) {
      const p = out.offerPools[k]!;
      expect(poolsSeen.has(p)).toBe(false); // a pool is offered at most once
      poolsSeen.add(p);
      expect(p >= input.poolStart[agent]! && p < input.poolStart[agent + 1]!).toBe(true);
      expect(isAncestorOrSelf(input, input.poolRole[p]!, input.fwRole[fw]!)).toBe(true);
      for (let q = 0; q < Q; q++) size[q]! += input.poolFree[p * Q + q]!;
    }
    expect(size[CPUS]! >= input.minCpus || size[MEM]! >= input.minMem).toBe(true);
    for (let q = 0; q < Q; q++) offered[agent * Q + q]! += out.offerUnreserved[o * Q + q]!;
  }
  // No agent's unreserved resources are offered twice: the offers on it add up to at most its free.
  offered.forEach((v, i) => expect(v).toBeLessThanOrEqual(input.agentFree[i]! + 1e-9 * Math.max(1, Math.abs(input.agentFree[i]!))));
}
