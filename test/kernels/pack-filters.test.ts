/**
 * The packer's filters: grouped by agent and, within an agent, sorted by framework index (the Wasm kernel binary
 * searches them), every live filter once and no expired one; packing kept between runs answers what packing afresh
 * answers; and both kernels agree on runs that have many.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packAllocationRun } from '../../src/kernels/allocator/pack.ts';
import type { PackAgent, PackFilter, PackFramework, PackSource } from '../../src/kernels/allocator/pack-source.ts';
import { tsAllocator } from '../../src/kernels/allocator/twin.ts';
import { loadWasmAllocator } from '../../src/kernels/allocator/wasm.ts';
import { Q } from '../../src/kernels/allocator/contract.ts';

const NOW = 10_000;

function agent(filters: PackFilter[]): PackAgent {
  const total = [4, 4096, 1000, 0];
  return {
    registered: true,
    deactivated: false,
    disconnected: false,
    pools: [{ role: '*', total, free: total, totalPorts: [[31000, 31009]], freePorts: [[31000, 31009]] }],
    filters,
  };
}

/** Even frameworks are MULTI_ROLE: a second role, shared by all of them, and a filter names one of the two. */
const rolesOf = (i: number) => (i % 2 === 0 ? [`role-${i % 3}`, 'shared'] : [`role-${i % 3}`]);
const roleOf = (fw: number, k: number) => rolesOf(fw)[k % rolesOf(fw).length]!;

function framework(i: number): PackFramework {
  return { id: `fw-${i}`, roles: rolesOf(i), suppressedRoles: [], registered: true, gpuCapable: false, shares: {} };
}

const filterArb = (agents: number, frameworks: number) =>
  fc.record({
    agentIdx: fc.integer({ min: 0, max: agents - 1 }),
    fw: fc.integer({ min: 0, max: frameworks - 1 }),
    roleK: fc.integer({ min: 0, max: 1 }),
    // Some filter everything, some only a little (so the answer depends on which filters apply).
    declined: fc.constantFrom([4, 4096, 1000, 0, 10], [1, 512, 100, 0, 2]),
    expiresAt: fc.constantFrom(NOW - 1, NOW, NOW + 1, NOW + 60_000),
  });

const caseArb = fc
  .record({ agents: fc.integer({ min: 1, max: 6 }), frameworks: fc.integer({ min: 1, max: 8 }) })
  .chain(({ agents, frameworks }) =>
    fc.record({
      agents: fc.constant(agents),
      frameworks: fc.constant(frameworks),
      filters: fc.array(filterArb(agents, frameworks), { maxLength: 60 }),
    }),
  );

function sourceOf(c: {
  agents: number;
  frameworks: number;
  filters: Array<{ agentIdx: number; fw: number; roleK: number; declined: readonly number[]; expiresAt: number }>;
}): PackSource {
  const filtersOn = (a: number): PackFilter[] =>
    c.filters
      .filter((f) => f.agentIdx === a)
      .map((f) => ({ frameworkId: `fw-${f.fw}`, role: roleOf(f.fw, f.roleK), declined: f.declined, expiresAt: f.expiresAt }));
  return {
    agents: Array.from({ length: c.agents }, (_, a) => agent(filtersOn(a))),
    frameworks: Array.from({ length: c.frameworks }, (_, i) => framework(i)),
    roles: {},
    roleAllocationCounts: {},
  };
}

const order = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('packed filters', () => {
  it('are grouped by agent, sorted by framework within it, each live one once and no expired one', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const run = packAllocationRun(sourceOf(c), order(c.agents), order(c.agents), NOW);
        const { filterStart, filterFw, filterRes } = run.input;
        const slotIdx = new Map(run.slots.map((s, i) => [`${s.framework.id} ${s.role}`, i]));
        const packed: string[] = [];
        for (let a = 0; a < c.agents; a++)
          for (let k = filterStart[a]!; k < filterStart[a + 1]!; k++) {
            if (k > filterStart[a]!) expect(filterFw[k]!).toBeGreaterThanOrEqual(filterFw[k - 1]!);
            packed.push(`${a} ${filterFw[k]} ${[...filterRes.subarray(k * Q, k * Q + Q)].join(',')}`);
          }
        const live = c.filters
          .filter((f) => f.expiresAt > NOW)
          .map((f) => `${f.agentIdx} ${slotIdx.get(`fw-${f.fw} ${roleOf(f.fw, f.roleK)}`)} ${f.declined.join(',')}`);
        expect(packed.sort()).toEqual(live.sort());
      }),
      { seed: 14, numRuns: 300 },
    );
  });

  it('kept between runs, answer what packing afresh answers, as lists grow, are replaced, expire, frameworks leave and change roles', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), filter: filterArb(4, 5) }),
      fc.record({ kind: fc.constant('replace' as const), agentIdx: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('later' as const), ms: fc.constantFrom(1, 30_000, 70_000) }),
      fc.record({ kind: fc.constant('leave' as const), fw: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ kind: fc.constant('roles' as const), fw: fc.integer({ min: 0, max: 4 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const source = sourceOf({ agents: 4, frameworks: 5, filters: [] });
        const agents = source.agents as Array<PackAgent & { filters: PackFilter[] }>;
        let now = NOW;
        for (const s of steps) {
          if (s.kind === 'push') {
            const f = s.filter;
            agents[f.agentIdx]!.filters.push({
              frameworkId: `fw-${f.fw}`,
              role: roleOf(f.fw, f.roleK),
              declined: f.declined,
              expiresAt: now + f.expiresAt - NOW,
            });
          } else if (s.kind === 'replace') agents[s.agentIdx]!.filters = agents[s.agentIdx]!.filters.filter((f) => f.expiresAt > now);
          else if (s.kind === 'later') now += s.ms;
          else if (s.kind === 'roles') {
            // UPDATE_FRAMEWORK: a MULTI_ROLE framework leaves its second role, or takes it back (a new array).
            const fw = source.frameworks[s.fw] as PackFramework;
            fw.roles = fw.roles.length > 1 ? fw.roles.slice(0, 1) : rolesOf(s.fw);
          } else (source.frameworks[s.fw] as PackFramework).registered = false;
          const kept = packAllocationRun(source, order(4), order(4), now).input;
          // New agent objects: nothing packed before; the same frameworks, so the runs differ in that only.
          const fresh = packAllocationRun({ ...source, agents: agents.map((a) => ({ ...a })) }, order(4), order(4), now).input;
          expect([...kept.filterStart]).toEqual([...fresh.filterStart]);
          expect([...kept.filterFw]).toEqual([...fresh.filterFw]);
          expect([...kept.filterRes]).toEqual([...fresh.filterRes]);
        }
      }),
      { seed: 16, numRuns: 300 },
    );
  });

  it('give the same offers in the Wasm kernel and the twin', async () => {
    const wasm = await loadWasmAllocator();
    fc.assert(
      fc.property(caseArb, (c) => {
        const { input } = packAllocationRun(sourceOf(c), order(c.agents), order(c.agents), NOW);
        const a = wasm.allocate(input);
        const b = tsAllocator.allocate(input);
        expect([...a.offerFw.subarray(0, a.nOffers)]).toEqual([...b.offerFw.subarray(0, b.nOffers)]);
        expect([...a.offerAgent.subarray(0, a.nOffers)]).toEqual([...b.offerAgent.subarray(0, b.nOffers)]);
      }),
      { seed: 15, numRuns: 300 },
    );
  });
});
