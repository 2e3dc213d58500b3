/**
 * Differential test: thousands of random clusters through the Wasm kernel and the TypeScript
 * twin. The answers must be identical, floats bit for bit (Object.is on every element), and
 * satisfy basic invariants.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AllocationInput } from '../../src/kernels/allocator/contract.ts';
import { tsAllocator } from '../../src/kernels/allocator/twin.ts';
import { loadWasmAllocator } from '../../src/kernels/allocator/wasm.ts';
import { checkInvariants, firstDifference } from './allocator-checks.ts';
import { buildInput } from './input-builder.ts';
import { mulberry32, randomCluster, type RandomSize } from './random-cluster.ts';
import { reservedCluster, type ReservedSize } from './random-reserved.ts';

const wasm = await loadWasmAllocator();

const clusters = (max: RandomSize) =>
  fc
    .record({
      seed: fc.integer(),
      agents: fc.integer({ min: 1, max: max.agents }),
      frameworks: fc.integer({ min: 1, max: max.frameworks }),
      roles: fc.integer({ min: 1, max: max.roles }),
    })
    .map(({ seed, ...size }) => buildInput(randomCluster(mulberry32(seed), { ...size, quota: max.quota, unpacked: max.unpacked })).input);

function agree(max: RandomSize, numRuns: number, seed: number): number {
  return agreeOn(clusters(max), numRuns, seed);
}

function agreeOn(inputs: fc.Arbitrary<AllocationInput>, numRuns: number, seed: number): number {
  let offers = 0;
  fc.assert(
    fc.property(inputs, (input) => {
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
  it('with unallocated reservations outside the run (in the headroom and quota consumption only)', () => {
    expect(agree({ agents: 20, frameworks: 12, roles: 8, quota: 0.7, unpacked: 0.8 }, 800, 31)).toBeGreaterThan(1600);
  });
  it('on larger clusters', () => {
    expect(agree({ agents: 400, frameworks: 120, roles: 30, quota: 0.5 }, 60, 99)).toBeGreaterThan(1500);
  });
  it('on agents whose unreserved part is used up or below the minimum while pools of several roles remain', () => {
    // The kernel then walks only the subtrees of the roles those pools can go to (assembly/pool-reach.ts).
    const reserved = (max: ReservedSize) =>
      fc
        .record({
          seed: fc.integer(),
          agents: fc.integer({ min: 1, max: max.agents }),
          frameworks: fc.integer({ min: 1, max: max.frameworks }),
        })
        .map(({ seed, ...size }) => buildInput(reservedCluster(mulberry32(seed), size)).input);
    expect(agreeOn(reserved({ agents: 8, frameworks: 10 }), 2000, 424242)).toBeGreaterThan(4000);
    expect(agreeOn(reserved({ agents: 60, frameworks: 40 }), 300, 1717)).toBeGreaterThan(6000);
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
