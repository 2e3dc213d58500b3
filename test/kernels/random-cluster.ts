/**
 * Random cluster states for differential tests and benchmarks: built as the engine's own
 * ClusterState and packed by the engine's packer, so the kernels see exactly what the engine feeds them.
 */
import fc from 'fast-check';
import type { Scalars } from '../../src/engine/core/resources.ts';
import type { AgentState, ClusterState, FrameworkState, Pool } from '../../src/engine/mesos/model.ts';
import type { FrameworkSpec } from '../../src/engine/scenario/types.ts';

const ROLE_POOL = ['a', 'b', 'c', 'a/x', 'a/y', 'a/x/deep', 'b/z', '*', 'slave_public'];

/** A quantity: often zero, sometimes dust, sometimes a round or odd amount (three decimals, as the engine keeps them). */
const amount = (max: number) =>
  fc.oneof(fc.constant(0), fc.constant(0.001), fc.integer({ min: 0, max }), fc.integer({ min: 0, max: max * 1000 }).map((x) => x / 1000));

const scalars = (scale: number): fc.Arbitrary<Scalars> =>
  fc.tuple(amount(16 * scale), amount(65536 * scale), amount(1000 * scale), fc.oneof(fc.constant(0), fc.constant(0), amount(4)));

const poolArb = (role: fc.Arbitrary<string>) =>
  fc.record({ role, total: scalars(1), usedFraction: fc.double({ min: 0, max: 1, noNaN: true }), ports: fc.integer({ min: 0, max: 3 }) });

export const clusterArb = fc
  .record({
    agents: fc.array(fc.record({ unreserved: poolArb(fc.constant('*')), reserved: fc.array(poolArb(fc.constantFrom(...ROLE_POOL.filter((r) => r !== '*'))), { maxLength: 2 }), registered: fc.boolean() }), { minLength: 1, maxLength: 12 }),
    frameworks: fc.array(
      fc.record({ role: fc.constantFrom(...ROLE_POOL), active: fc.boolean(), gpu: fc.boolean(), allocated: scalars(2), count: fc.integer({ min: 0, max: 5 }) }),
      { minLength: 1, maxLength: 8 },
    ),
    roles: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'a/x', 'b/z', 'slave_public'), fc.record({ weight: fc.constantFrom(0.5, 1, 2, 3.5), quota: fc.option(scalars(2), { nil: null }) })),
    roleCounts: fc.dictionary(fc.constantFrom(...ROLE_POOL), fc.integer({ min: 0, max: 6 })),
    filters: fc.array(fc.record({ fw: fc.nat(), agent: fc.nat(), declined: fc.tuple(amount(16), amount(65536), amount(1000), amount(4), fc.integer({ min: 0, max: 40000 })) }), { maxLength: 6 }),
    shuffle1: fc.array(fc.nat(), { maxLength: 12 }),
    shuffle2: fc.array(fc.nat(), { maxLength: 12 }),
  })
  .map((r) => {
    const agents: AgentState[] = r.agents.map((a, i) => {
      const seen = new Set<string>();
      const pools: Pool[] = [a.unreserved, ...a.reserved.filter((p) => !seen.has(p.role) && seen.add(p.role))].map((p) => {
        const free = p.total.map((x) => Math.round(x * (1 - p.usedFraction) * 1000) / 1000) as Scalars;
        const ports: Array<[number, number]> = Array.from({ length: p.ports }, (_, k) => [1000 + k * 100, 1000 + k * 100 + 9]);
        return { role: p.role, total: p.total, free, totalPorts: ports, freePorts: ports.slice(0, Math.ceil(ports.length * (1 - p.usedFraction))) };
      });
      return { id: `agent-${i}`, hostname: `a${i}`, ip: '10.0.0.1', public: false, attributes: {}, pools, registered: a.registered || i === 0, registeredAt: 0 };
    });
    const frameworks: FrameworkState[] = r.frameworks.map((f, i) => {
      const spec: FrameworkSpec = { name: `f${i}`, role: f.role, task: { cpus: 1, mem: 1, disk: 0, gpus: f.gpu ? 1 : 0, ports: 0 }, instances: 'unlimited', tasksPerOffer: 1, refuseSeconds: 5, taskDurationSeconds: null };
      const unreserved = f.allocated.map((x) => Math.round(x * 500) / 1000) as Scalars;
      return { id: `fw-${String(i).padStart(4, '0')}`, name: spec.name, role: f.role, spec, registered: true, registeredAt: 0, active: f.active, allocated: f.allocated, allocatedUnreserved: unreserved, allocatedPorts: 0, allocationCount: f.count, queued: 0, launched: 0, taskSeq: 0, completedTasks: [], finished: 0, failed: 0 };
    });
    const state: ClusterState = {
      clusterName: 'random', seed: 1, startedAt: 0, masterId: 'm', masters: [], electedAt: 0, allocationIntervalMs: 1000, agents, frameworks,
      roles: Object.fromEntries(Object.entries(r.roles).map(([name, role]) => [name, { weight: role.weight, quota: name.includes('/') ? null : role.quota }])),
      roleAllocationCounts: r.roleCounts, offers: {}, tasks: {},
      filters: r.filters.map((f) => ({ frameworkId: frameworks[f.fw % frameworks.length]!.id, agentIdx: f.agent % agents.length, declined: f.declined, expiresAt: 10 })),
      offerSeq: 0, taskStateCounts: {},
    };
    const registered = agents.flatMap((a, i) => (a.registered ? [i] : []));
    const order = (keys: number[]) => Int32Array.from([...registered].sort((x, y) => (keys[x] ?? x) - (keys[y] ?? y) || x - y));
    return { state, order1: order(r.shuffle1), order2: order(r.shuffle2) };
  });
