/**
 * Runs over clusters full of reservations (static, dynamic, used-up, emptied by UNRESERVE; to hierarchical roles and
 * to roles no framework is in), packed as the engine packs them: a run packs only the agents it walks and carries the
 * rest as aggregates (headroom, reserved totals). The Wasm kernel and the twin give identical answers on them, and
 * every run, a triggered one over a few agents included, offers exactly what it offered when every agent holding a
 * reservation was packed into every run (reference-pack.ts, the packer before).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Q, SCALARS, type AllocationOutput } from '../../src/kernels/allocator/contract.ts';
import { packAllocationRun, type PackedRun } from '../../src/kernels/allocator/pack.ts';
import type { PackSource } from '../../src/kernels/allocator/pack-source.ts';
import { tsAllocator } from '../../src/kernels/allocator/twin.ts';
import { loadWasmAllocator } from '../../src/kernels/allocator/wasm.ts';
import { checkInvariants, firstDifference } from './allocator-checks.ts';
import { mulberry32 } from './random-cluster.ts';
import { randomPackSource, randomRunAgents, shuffledOrder, type PackSize } from './random-pack-source.ts';
import { referencePackAllocationRun } from './reference-pack.ts';

const wasm = await loadWasmAllocator();
const NOW = 50_000;

/** Every bit of a float (-0 too): String() is the shortest text that reads back to the same double. */
const bits = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));

/** The offers in source terms (framework, role, source agent, source pools), independent of the packing. */
function readable(run: PackedRun, out: AllocationOutput): string[] {
  return Array.from({ length: out.nOffers }, (_, o) => {
    const { framework, role } = run.slots[out.offerFw[o]!]!;
    const unreserved = [...out.offerUnreserved.subarray(o * Q, o * Q + Q)].map(bits).join(',');
    const pools = [...out.offerPools.subarray(out.offerPoolStart[o]!, out.offerPoolStart[o + 1]!)].map((p) => run.pools[p]!.join('#'));
    return `${framework.id} ${role} @${run.agents[out.offerAgent[o]!]} ${unreserved} [${pools.join(' ')}]`;
  });
}

/** Top-level role name → its quota consumption at the start of the run, as packed (every bit). */
function consumedByTop(run: PackedRun, source: PackSource): Map<string, string> {
  const names = roleNames(run, source);
  const { input } = run;
  const out = new Map<string, string>();
  for (let r = 0; r < input.nRoles; r++) {
    if (input.roleParent[r] !== -1) continue;
    out.set(names[r]!, [...input.roleConsumed.subarray(r * SCALARS, r * SCALARS + SCALARS)].map(bits).join(','));
  }
  return out;
}

interface Case {
  source: PackSource;
  order1: Int32Array;
  order2: Int32Array;
}

const cases = (size: PackSize) =>
  fc.integer().map((seed): Case => {
    const rng = mulberry32(seed);
    const source = randomPackSource(rng, size, NOW);
    const walked = randomRunAgents(rng, source);
    // The engine shuffles one candidate set twice; now and then the stages walk different sets (the kernel allows it).
    const other = rng() < 0.2 ? randomRunAgents(rng, source) : walked;
    return { source, order1: shuffledOrder(rng, walked), order2: shuffledOrder(rng, other) };
  });

function check({ source, order1, order2 }: Case): number {
  const run = packAllocationRun(source, order1, order2, NOW);
  const { input } = run;
  // Only the walked agents are packed, and no pool with nothing to offer.
  expect(run.agents).toEqual([...new Set([...order1, ...order2])].sort((x, y) => x - y));
  for (const [a, p] of run.pools) {
    const pool = source.agents[a]!.pools[p]!;
    expect(pool.free.some((v) => v > 0) || pool.freePorts.length > 0).toBe(true);
  }
  const expected = tsAllocator.allocate(input);
  const diff = firstDifference(wasm.allocate(input), expected);
  if (diff) throw new Error(`Wasm and twin differ: ${diff}`);
  checkInvariants(input, expected);

  // The packer before: every usable agent holding a reservation in every run, the headroom taken from its pools.
  const reference = referencePackAllocationRun(source, order1, order2, NOW);
  expect([...input.headroom].map(bits)).toEqual([...reference.input.headroom].map(bits));
  expect([...input.total].map(bits)).toEqual([...reference.input.total].map(bits));
  expect(readable(run, expected)).toEqual(readable(reference, tsAllocator.allocate(reference.input)));
  return expected.nOffers;
}

describe('runs over clusters with static and dynamic reservations', () => {
  const agree = (size: PackSize, numRuns: number, seed: number): number => {
    let offers = 0;
    fc.assert(
      fc.property(cases(size), (c) => void (offers += check(c))),
      { numRuns, seed },
    );
    return offers;
  };

  it('small clusters: identical answers in both kernels, and as packing every reservation gave', () => {
    expect(agree({ agents: 6, frameworks: 6, reserved: 0.6 }, 1500, 20260101)).toBeGreaterThan(800);
  });
  it('a reservation on nearly every agent, triggered runs over a few', () => {
    expect(agree({ agents: 40, frameworks: 12, reserved: 0.95 }, 400, 77)).toBeGreaterThan(800);
  });
  it('larger clusters', () => {
    expect(agree({ agents: 300, frameworks: 60, reserved: 0.8 }, 40, 3)).toBeGreaterThan(300);
  });

  it('quota consumption counts the reservations of agents outside the run, exactly as packing them did', () => {
    fc.assert(
      fc.property(cases({ agents: 30, frameworks: 8, reserved: 0.9 }), ({ source, order1, order2 }) => {
        const run = packAllocationRun(source, order1, order2, NOW);
        const reference = referencePackAllocationRun(source, order1, order2, NOW);
        // By name: the two runs' role universes differ (the reference's has the roles of every reservation).
        const mine = consumedByTop(run, source);
        const theirs = consumedByTop(reference, source);
        for (const [name, sums] of mine) expect(sums).toBe(theirs.get(name));
        // A role only the reference knows has no quota (quota roles are always in the universe): its consumption cannot matter.
        for (const name of theirs.keys()) if (!mine.has(name)) expect(source.roles[name]?.quota ?? null).toBeNull();
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it('a run triggered by one agent packs that agent only, however many hold reservations', () => {
    const source = randomPackSource(mulberry32(9), { agents: 200, frameworks: 10, reserved: 1 }, NOW);
    const one = source.agents.findIndex((a) => a.registered && !a.deactivated && !a.disconnected);
    const run = packAllocationRun(source, Int32Array.of(one), Int32Array.of(one), NOW);
    expect(run.input.nAgents).toBe(1);
    expect(run.input.poolStart[1]).toBeLessThanOrEqual(source.agents[one]!.pools.length - 1);
    expect(referencePackAllocationRun(source, Int32Array.of(one), Int32Array.of(one), NOW).input.nAgents).toBeGreaterThan(100);
  });
});

/** The packed role universe's names, by index (lexicographic: roles of the slots, the configured ones, the packed pools'). */
function roleNames(run: PackedRun, source: PackSource): string[] {
  const names = new Set<string>([...Object.keys(source.roles), ...run.slots.map((s) => s.role)]);
  for (const [a, p] of run.pools) names.add(source.agents[a]!.pools[p]!.role);
  for (const n of [...names]) {
    const parts = n.split('/');
    for (let i = 1; i < parts.length; i++) names.add(parts.slice(0, i).join('/'));
  }
  const sorted = [...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  expect(sorted.length).toBe(run.input.nRoles);
  return sorted;
}
