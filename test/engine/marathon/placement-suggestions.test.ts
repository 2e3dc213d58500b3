/**
 * The placement diagnosis's suggestions are computed: each is a change after which every waiting
 * instance places (tried with the placement's own checks), smallest first, and there are none when
 * nothing waits. The property test applies every suggestion through the API (PUT the app, or a
 * cluster with the suggested agents added) and checks that the app then runs all its instances.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import type { Placement, PlacementSuggestion } from '../../../src/api/shapes/sandbox.ts';
import { agent } from '../../support/cluster.ts';
import { appOf, boot, deploy, deployments, get, put, type Json } from '../../support/marathon.ts';

const placement = (sb: Sandbox, id: string): Placement => get(sb, `/sandbox/v1/marathon/apps${id}/placement`) as unknown as Placement;

/** Every instance of the app runs with its current definition and no deployment is left. */
function allRunning(sb: Sandbox, id: string): boolean {
  const app = appOf(sb, id);
  return app.tasksRunning === app.instances && app.tasksStaged === 0 && deployments(sb).length === 0;
}

describe('placement suggestions', () => {
  it('UNIQUE on hostname, 10 instances on 14 agents, CPU short on 9: leads with the CPU change, not UNIQUE', async () => {
    const big = Array.from({ length: 5 }, (_, i) => agent(`big-${i + 1}`, { cpus: 4, mem: 8192 }));
    const small = Array.from({ length: 9 }, (_, i) => agent(`small-${i + 1}`, { cpus: 1, mem: 8192 }));
    const sb = await boot([...big, ...small]);
    deploy(sb, { id: '/u', cmd: 'sleep 1000', instances: 10, cpus: 1.2, mem: 64, constraints: [['hostname', 'UNIQUE']] });
    sb.advance(60_000);
    const p = placement(sb, '/u');
    expect(p.waiting).toBe(5);
    expect(p.stages.find((s) => s.stage === 'cpus')).toMatchObject({ passed: 0, failed: 9 });
    expect(p.suggestions[0]!.change).toEqual({ kind: 'cpus', from: 1.2, to: 1 });
    expect(p.suggestions[0]!.text).toContain('Lower cpus from 1.2 to 1');
    expect(p.suggestions.map((s) => s.text).join(' ')).not.toMatch(/distinct value/);
    // Ranked: sizes never decrease.
    const sizes = p.suggestions.map((s) => s.size);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
    // The GET changed nothing, and the suggestion does what it says.
    expect(placement(sb, '/u')).toEqual(p);
    expect(put(sb, '/marathon/v2/apps/u?force=true', { ...appDefinition(appOf(sb, '/u')), cpus: 1 }).status).toBe(200);
    sb.advance(600_000);
    expect(allRunning(sb, '/u')).toBe(true);
  });

  it('nothing waiting: no suggestions and no notes', async () => {
    const sb = await boot([agent('a1', { cpus: 4, mem: 4096 }), agent('a2', { cpus: 4, mem: 4096 })]);
    deploy(sb, { id: '/ok', cmd: 'sleep 1000', instances: 2, cpus: 1, mem: 64, constraints: [['hostname', 'UNIQUE']] });
    sb.advance(60_000);
    const p = placement(sb, '/ok');
    expect(p.waiting).toBe(0);
    expect(p.suggestions).toEqual([]);
    expect(p.notes).toEqual([]);
  });

  it('every suggested change places every instance; nothing waiting, nothing suggested (property)', async () => {
    const agentArb = fc.record({
      cpus: fc.constantFrom(1, 2, 4),
      mem: fc.constantFrom(512, 2048),
      rack: fc.constantFrom('r1', 'r2'),
    });
    const stats = { waiting: 0, suggestions: 0 };
    const appArb = fc.record({
      instances: fc.integer({ min: 1, max: 8 }),
      port: fc.constantFrom(null, 0, 10_000),
      cpus: fc.constantFrom(0.5, 1, 1.5, 3),
      mem: fc.constantFrom(128, 600, 1500),
      constraint: fc.constantFrom<Array<string[] | null>>(
        null,
        ['hostname', 'UNIQUE'],
        ['rack', 'MAX_PER', '1'],
        ['rack', 'CLUSTER', 'r1'],
        ['hostname', 'MAX_PER', '2'],
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(agentArb, { minLength: 1, maxLength: 4 }), appArb, async (agents, a) => {
        const hosts = agents.map((x, i) => agent(`h${i + 1}`, { cpus: x.cpus, mem: x.mem }, { attributes: { rack: x.rack } }));
        const app: Json = {
          id: '/p',
          cmd: 'sleep 1000',
          instances: a.instances,
          cpus: a.cpus,
          mem: a.mem,
          constraints: a.constraint ? [a.constraint] : [],
          ...(a.port === null ? {} : { portDefinitions: [{ port: a.port }], requirePorts: a.port !== 0 }),
        };
        const start = async (extra: Json[] = []): Promise<Sandbox> => {
          const sb = await boot([...hosts, ...extra]);
          deploy(sb, app);
          sb.advance(60_000);
          return sb;
        };
        const sb = await start();
        const p = placement(sb, '/p');
        if (p.waiting === 0) {
          expect(p.suggestions).toEqual([]);
          return;
        }
        stats.waiting++;
        stats.suggestions += p.suggestions.length;
        for (const s of p.suggestions) {
          const after = await applied(s, app, hosts, start);
          expect(allRunning(after, '/p'), `${s.text} ${JSON.stringify(s.change)}`).toBe(true);
        }
      }),
      { numRuns: 30, seed: 2 },
    );
    // The generator must reach the interesting part: apps that wait, and suggestions to apply.
    expect(stats.waiting).toBeGreaterThan(5);
    expect(stats.suggestions).toBeGreaterThan(10);
  }, 60_000);
});

/** The app's definition as it can be PUT back (the read-only fields left out). */
function appDefinition(app: Json): Json {
  const { id, cmd, instances, cpus, mem, disk, gpus, constraints, acceptedResourceRoles, portDefinitions, requirePorts } = app;
  return { id, cmd, instances, cpus, mem, disk, gpus, constraints, acceptedResourceRoles, portDefinitions, requirePorts };
}

/** Apply one suggestion: PUT the changed app on a copy of the cluster, or boot the cluster with the agents added. */
async function applied(s: PlacementSuggestion, app: Json, hosts: Json[], start: (extra: Json[]) => Promise<Sandbox>): Promise<Sandbox> {
  const c = s.change;
  if (c.kind === 'addAgents') {
    const like = hosts.find((h) => h.hostname === c.like)!;
    const resources = { ...(like.resources as Json) };
    for (const [k, v] of Object.entries(c.atLeast ?? {})) if (k !== 'ports') resources[k] = Math.max(Number(resources[k] ?? 0), v);
    const extra = Array.from({ length: c.count }, (_, i) => ({ ...like, hostname: `${String(like.hostname)}-new-${i + 1}`, resources }));
    const after = await start(extra);
    after.advance(600_000);
    return after;
  }
  // The same cluster at the same moment (the simulation is deterministic), so each suggestion starts from it.
  const copy = await start([]);
  const def = appDefinition(appOf(copy, String(app.id)));
  switch (c.kind) {
    case 'cpus':
    case 'mem':
    case 'disk':
    case 'gpus':
      def[c.kind] = c.to;
      break;
    case 'scale':
      def.instances = c.to;
      break;
    case 'dropConstraint':
      def.constraints = (def.constraints as string[][]).filter((x) => JSON.stringify(x) !== JSON.stringify(c.constraint));
      break;
    case 'relaxConstraint':
      def.constraints = (def.constraints as string[][]).map((x) => (JSON.stringify(x) === JSON.stringify(c.constraint) ? c.to : x));
      break;
    case 'acceptedResourceRoles':
      def.acceptedResourceRoles = c.to;
      break;
    case 'ports':
      def.portDefinitions = [];
      break;
    case 'requirePorts':
      def.requirePorts = false;
      break;
  }
  const res = put(copy, `/marathon/v2/apps${String(app.id)}?force=true`, def);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  copy.advance(600_000);
  return copy;
}
