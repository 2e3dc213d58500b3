/**
 * Differential test: thousands of random clusters through the Wasm kernel and the TypeScript
 * twin. The answers must be identical, floats bit for bit (Object.is on every element), and
 * satisfy basic invariants.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CPUS, MEM, Q, type AllocationInput, type AllocationOutput } from '../../src/kernels/allocator/contract.ts';
import { tsAllocator } from '../../src/kernels/allocator/twin.ts';
import { loadWasmAllocator } from '../../src/kernels/allocator/wasm.ts';
import { buildInput } from './input-builder.ts';
import { mulberry32, randomCluster, type RandomSize } from './random-cluster.ts';

const wasm = await loadWasmAllocator();

function firstDifference(a: AllocationOutput, b: AllocationOutput): string | undefined {
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
function checkInvariants(input: AllocationInput, out: AllocationOutput): void {
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

const clusters = (max: RandomSize) =>
  fc
    .record({
      seed: fc.integer(),
      agents: fc.integer({ min: 1, max: max.agents }),
      frameworks: fc.integer({ min: 1, max: max.frameworks }),
      roles: fc.integer({ min: 1, max: max.roles }),
    })
    .map(({ seed, ...size }) => buildInput(randomCluster(mulberry32(seed), { ...size, quota: max.quota })).input);

function agree(max: RandomSize, numRuns: number, seed: number): number {
  let offers = 0;
  fc.assert(
    fc.property(clusters(max), (input) => {
      const expected = tsAllocator.allocate(input);
      const actual = wasm.allocate(input);
      const diff = firstDifference(actual, expected);
      if (diff) throw new Error(`Wasm and twin differ: ${diff}`);
      checkInvariants(input, expected);
      offers += expected.nOffers;
    }),
    { numRuns, seed },
  );
  return offers;
}

describe('Wasm kernel vs TypeScript twin: identical answers', () => {
  it('on small clusters', () => {
    expect(agree({ agents: 6, frameworks: 6, roles: 5, quota: 0.4 }, 3000, 20261123)).toBeGreaterThan(1500);
  });
  it('on medium clusters', () => {
    expect(agree({ agents: 40, frameworks: 24, roles: 12, quota: 0.4 }, 1000, 42)).toBeGreaterThan(5000);
  });
  it('on quota-heavy clusters', () => {
    expect(agree({ agents: 20, frameworks: 12, roles: 8, quota: 1 }, 800, 7)).toBeGreaterThan(1600);
  });
  it('on larger clusters', () => {
    expect(agree({ agents: 400, frameworks: 120, roles: 30, quota: 0.5 }, 60, 99)).toBeGreaterThan(1500);
  });
  it('without mutating the input', () => {
    fc.assert(
      fc.property(clusters({ agents: 12, frameworks: 8, roles: 6, quota: 0.5 }), (input) => {
        const before = structuredClone(input);
        wasm.allocate(input);
        tsAllocator.allocate(input);
        expect(input).toEqual(before);
      }),
      { numRuns: 100, seed: 5 },
    );
  });
});
