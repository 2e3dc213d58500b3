import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Q, type AllocationOutput, type AllocatorKernel } from '../../src/kernels/allocator/contract.ts';
import { tsAllocator } from '../../src/kernels/allocator/twin.ts';
import { loadWasmAllocator } from '../../src/kernels/allocator/wasm.ts';
import { packAllocationRun } from '../../src/engine/mesos/pack.ts';
import { clusterArb } from './random-cluster.ts';

let wasm: AllocatorKernel;
beforeAll(async () => {
  wasm = await loadWasmAllocator();
});

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function identical(x: AllocationOutput, y: AllocationOutput): boolean {
  return x.nOffers === y.nOffers && sameBits(x.offerFw, y.offerFw) && sameBits(x.offerAgent, y.offerAgent) && sameBits(x.offerUnreserved, y.offerUnreserved) && sameBits(x.offerPoolStart, y.offerPoolStart) && sameBits(x.offerPools, y.offerPools);
}

describe('Wasm kernel vs TypeScript twin', () => {
  it('decide identical offers on thousands of random clusters', () => {
    let offersSeen = 0;
    fc.assert(
      fc.property(clusterArb, ({ state, order1, order2 }) => {
        const run = packAllocationRun(state, order1, order2, 0);
        const expected = tsAllocator.allocate(run.input);
        const actual = wasm.allocate(run.input);
        offersSeen += expected.nOffers;
        expect(identical(actual, expected)).toBe(true);
        // Never more than what is free: per agent, offered unreserved <= free unreserved.
        const offered = new Float64Array(run.input.nAgents * Q);
        for (let o = 0; o < expected.nOffers; o++) for (let q = 0; q < Q; q++) offered[expected.offerAgent[o]! * Q + q]! += expected.offerUnreserved[o * Q + q]!;
        offered.forEach((v, i) => expect(v).toBeLessThanOrEqual(run.input.agentFree[i]! + 1e-6));
        // A reservation pool is offered at most once per run.
        expect(new Set(expected.offerPools).size).toBe(expected.offerPools.length);
      }),
      { numRuns: 3000, seed: 20261123 },
    );
    // The generator must actually exercise offers, not only empty runs.
    expect(offersSeen).toBeGreaterThan(3000);
  });

  it('does not mutate its input', () => {
    fc.assert(
      fc.property(clusterArb, ({ state, order1, order2 }) => {
        const run = packAllocationRun(state, order1, order2, 0);
        const before = structuredClone(run.input);
        wasm.allocate(run.input);
        tsAllocator.allocate(run.input);
        expect(run.input).toEqual(before);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
