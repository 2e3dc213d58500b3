/**
 * Determinism with Marathon: the same scenario gives the same history, and the two constraint
 * matchers (the Wasm kernel and its TypeScript twin) give identical histories inside the engine on
 * random clusters and constraints (a differential test, seeded, through fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSandbox, type AllocatorChoice, type Sandbox } from '../../../src/sandbox/index.ts';
import { agent } from '../../support/cluster.ts';
import { declinedByReason, get, marathonScenario, quickHealthCheck, type Json } from '../../support/marathon.ts';

const AGENTS = [1, 2, 3, 4].map((i) => agent(`a${i}`, { cpus: 4, mem: 4096 }, { attributes: { rack: `r${(i % 2) + 1}` } }));

/** Constraints, health checks, failures, crashes and dependencies: most of Marathon's code paths. */
const busy = marathonScenario(AGENTS, {
  seed: 7,
  marathon: {
    apps: [
      { id: '/db', cmd: 'db', instances: 2, cpus: 0.5, mem: 64, constraints: [['hostname', 'UNIQUE']], healthChecks: [quickHealthCheck()] },
      {
        id: '/web',
        cmd: 'web',
        instances: 4,
        cpus: 0.25,
        mem: 32,
        dependencies: ['/db'],
        constraints: [['rack', 'GROUP_BY']],
        healthChecks: [quickHealthCheck({ protocol: 'MESOS_HTTP' })],
      },
      { id: '/flaky', cmd: 'flaky', instances: 2, cpus: 0.1, mem: 16, backoffSeconds: 2 },
      { id: '/worker', cmd: 'work', instances: 3, cpus: 0.1, mem: 16, constraints: [['rack', 'MAX_PER', '2']] },
    ],
    behavior: { '/flaky': { startFailureRate: 0.5, meanSecondsToCrash: 20 }, '/web': { healthCheckFailureRate: 0.2 } },
  },
});

async function run(
  scenario: Json,
  opts: { allocator?: AllocatorChoice; matcher?: AllocatorChoice } = {},
  script?: (sb: Sandbox) => void,
): Promise<{ hash: string; events: number; sb: Sandbox }> {
  const sb = await createSandbox(structuredClone(scenario), opts);
  if (script) script(sb);
  else sb.advance(120_000);
  return { hash: sb.historyHash(), events: sb.eventCount, sb };
}

/** API calls at fixed simulated times are part of the history. */
function script(sb: Sandbox): void {
  sb.advance(30_000);
  sb.request({ method: 'PUT', path: '/marathon/v2/apps/worker', body: { instances: 5 } });
  sb.advance(10_000);
  const task = (get(sb, '/marathon/v2/apps/db/tasks').tasks as Json[])[0]!;
  sb.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-crash', target: task.host } });
  sb.advance(40_000);
  sb.request({ method: 'POST', path: '/marathon/v2/apps/web/restart' });
  sb.advance(40_000);
}

describe('Marathon determinism', () => {
  it('the same scenario gives the same history, with and without API calls', async () => {
    const a = await run(busy);
    const b = await run(busy);
    expect(a.events).toBeGreaterThan(500);
    expect({ hash: a.hash, events: a.events }).toEqual({ hash: b.hash, events: b.events });
    const c = await run(busy, {}, script);
    const d = await run(busy, {}, script);
    expect({ hash: c.hash, events: c.events }).toEqual({ hash: d.hash, events: d.events });
    expect(c.hash).not.toBe(a.hash);
  });

  it('a different seed gives a different history', async () => {
    const a = await run(busy);
    const b = await run({ ...busy, seed: 8 });
    expect(a.hash).not.toBe(b.hash);
  });

  it('the Wasm and TypeScript allocators and matchers give the same history', async () => {
    const wasm = await run(busy, {}, script);
    const ts = await run(busy, { allocator: 'ts', matcher: 'ts' }, script);
    expect(ts.hash).toBe(wasm.hash);
    expect(ts.events).toBe(wasm.events);
  });
});

// Random clusters and constraints for the matcher differential test.
const RACKS = ['r1', 'r2', 'r3'];
const ZONES = ['z1', 'z2'];
const LEVELS = [1, 2, 2.5, 1.0005];

const attributesArb = fc.record(
  { rack: fc.constantFrom(...RACKS), zone: fc.constantFrom(...ZONES), level: fc.constantFrom(...LEVELS) },
  { requiredKeys: [] },
);
const agentArb = fc.record({
  cpus: fc.constantFrom(1, 2, 4),
  mem: fc.constantFrom(512, 4096),
  attributes: attributesArb,
  isPublic: fc.boolean(),
});

const fieldArb = fc.oneof(
  { arbitrary: fc.constantFrom('hostname', 'rack', 'zone', 'level'), weight: 9 },
  { arbitrary: fc.constant('missing'), weight: 1 },
);
const valueArb = fc.constantFrom('r1', 'r2', 'z1', 'h0', 'h1', '2', '2.0', '1', '2.5');
const constraintArb: fc.Arbitrary<string[]> = fc.oneof(
  fieldArb.map((f) => [f, 'UNIQUE']),
  fc.tuple(fieldArb, fc.option(valueArb, { nil: undefined })).map(([f, v]) => (v === undefined ? [f, 'CLUSTER'] : [f, 'CLUSTER', v])),
  fc
    .tuple(fieldArb, fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }))
    .map(([f, n]) => (n === undefined ? [f, 'GROUP_BY'] : [f, 'GROUP_BY', String(n)])),
  fc
    .tuple(fieldArb, fc.constantFrom('LIKE', 'UNLIKE'), fc.constantFrom('r[12]', 'z.*', 'h[0-9]+', '2(\\.5)?', '.*'))
    .map(([f, op, re]) => [f, op, re]),
  fc.tuple(fieldArb, fc.integer({ min: 1, max: 3 })).map(([f, n]) => [f, 'MAX_PER', String(n)]),
  fc.tuple(fieldArb, valueArb).map(([f, v]) => [f, 'IS', v]),
);
const appArb = fc.record({
  instances: fc.integer({ min: 1, max: 6 }),
  cpus: fc.constantFrom(0.1, 0.5, 1),
  constraints: fc.array(constraintArb, { minLength: 1, maxLength: 2 }),
  public: fc.boolean(),
});
const clusterArb = fc.record({
  agents: fc.array(agentArb, { minLength: 2, maxLength: 8 }),
  apps: fc.array(appArb, { minLength: 1, maxLength: 4 }),
  seed: fc.integer({ min: 0, max: 1000 }),
  role: fc.constantFrom('*', 'slave_public'),
});

type RandomCluster = typeof clusterArb extends fc.Arbitrary<infer T> ? T : never;

function randomScenario(c: RandomCluster): Json {
  const agents = c.agents.map((a, i) => agent(`h${i}`, { cpus: a.cpus, mem: a.mem }, { attributes: a.attributes, public: a.isPublic }));
  const apps = c.apps.map((a, i) => ({
    id: `/app${i}`,
    cmd: 'run x',
    instances: a.instances,
    cpus: a.cpus,
    mem: 16,
    constraints: a.constraints,
    ...(a.public && c.role === 'slave_public' ? { acceptedResourceRoles: ['slave_public'] } : {}),
  }));
  return marathonScenario(agents, { seed: c.seed, marathon: { role: c.role, apps } });
}

describe('constraint matchers inside the engine (differential)', () => {
  it('ts and wasm give identical histories on random clusters', async () => {
    let placed = 0;
    let refusedByConstraint = 0;
    await fc.assert(
      fc.asyncProperty(clusterArb, async (c) => {
        const s = randomScenario(c);
        const ts = await run(s, { matcher: 'ts' }, (sb) => sb.advance(30_000));
        const wasm = await run(s, { matcher: 'wasm' }, (sb) => sb.advance(30_000));
        expect(wasm.hash).toBe(ts.hash);
        expect(wasm.events).toBe(ts.events);
        const tasks = (sb: Sandbox) => (get(sb, '/marathon/v2/tasks').tasks as Json[]).map((t) => `${t.id}@${t.host}`).sort();
        expect(tasks(wasm.sb)).toEqual(tasks(ts.sb));
        placed += tasks(ts.sb).length;
        for (const e of get(ts.sb, '/marathon/v2/queue').queue as Json[])
          refusedByConstraint += declinedByReason(e).UnfulfilledConstraint ?? 0;
      }),
      { numRuns: 30, seed: 20260101 },
    );
    // The random cases exercised both outcomes.
    expect(placed).toBeGreaterThan(0);
    expect(refusedByConstraint).toBeGreaterThan(0);
  });
});
