/**
 * Issue 13, item 3: no exception leaves the API. Non-string health-check protocols (POST, PUT, PATCH, apps in
 * groups, a link's script), bodies nested past the limits (env, environment, groups; Mesos and the sandbox's own
 * API), bodies too large, random bodies on every write route, and a handler that throws anyway: each answers a
 * clear 4xx (or 500 from the router's last resort), the cluster stays intact and its scenario replays the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../../src/api/router.ts';
import type { ApiContext, ApiService } from '../../src/api/service.ts';
import { marathonService } from '../../src/api/marathon/service.ts';
import { mesosService } from '../../src/api/mesos/service.ts';
import { MAX_BODY_CHARS, MAX_JSON_DEPTH, MESOS_MAX_JSON_DEPTH } from '../../src/common/json-limits.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { marathonScenario } from '../support/marathon.ts';
import {
  AGENTS,
  call,
  expectIntact,
  expectInvalidJson,
  expectReplays,
  hostileCluster,
  KEEPER,
  nested,
  nestedGroups,
} from './api-hostile-support.ts';

const RUNS = { numRuns: 12, seed: 13 };

/** Anything JSON that is not a string (null reads as an absent protocol, which is valid). */
const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

const depthText = (depth: number, limit: number, path: string) =>
  `JSON nesting depth (${depth}) exceeds the maximum allowed (${limit}) at ${path}`;

describe('a health check protocol that is not a string', () => {
  it('answers 422 at the protocol on POST, PUT and PATCH of an app and in a group, and the cluster goes on', async () => {
    const sb = await hostileCluster();
    let n = 0;
    fc.assert(
      fc.property(notAString, (protocol) => {
        const healthChecks = [{ protocol }];
        const at = [{ path: '/healthChecks(0)/protocol', errors: ['error.unknown.enum.literal'] }];
        expectInvalidJson(call(sb, 'POST', '/marathon/v2/apps', { id: `/hc-${n++}`, cmd: 'run x', healthChecks }), at);
        expectInvalidJson(call(sb, 'PUT', '/marathon/v2/apps/keeper', { healthChecks }), at);
        expectInvalidJson(call(sb, 'PATCH', '/marathon/v2/apps/keeper', { healthChecks }), at);
        expectInvalidJson(call(sb, 'POST', '/marathon/v2/groups', { id: `/grp-${n++}`, apps: [{ id: 'a', cmd: 'run x', healthChecks }] }), [
          { path: '/apps(0)/healthChecks(0)/protocol', errors: ['error.unknown.enum.literal'] },
        ]);
      }),
      RUNS,
    );
    expectIntact(sb);
    await expectReplays(sb);
  });

  it('in a link: the scripted POST is refused when replayed, and advance does not throw', async () => {
    await fc.assert(
      fc.asyncProperty(notAString, async (protocol) => {
        const scenario = marathonScenario(AGENTS, { marathon: { apps: [KEEPER] } });
        scenario.script = [
          {
            at: 15_000,
            request: { method: 'POST', path: '/marathon/v2/apps', body: { id: '/bad', cmd: 'run x', healthChecks: [{ protocol }] } },
          },
        ];
        const sb = await createSandbox(scenario, { allocator: 'wasm', matcher: 'wasm' });
        expect(() => sb.advance(30_000)).not.toThrow();
        expect(call(sb, 'GET', '/marathon/v2/apps/bad').status).toBe(404);
        expectIntact(sb);
        await expectReplays(sb);
      }),
      { ...RUNS, numRuns: 4 },
    );
  });
});

describe('bodies nested past the limits', () => {
  it('Marathon: env, pod environment and groups deeper than 1000 answer 422 "Invalid JSON" at the path', async () => {
    const sb = await hostileCluster();
    fc.assert(
      fc.property(fc.integer({ min: MAX_JSON_DEPTH, max: MAX_JSON_DEPTH + 300 }), (levels) => {
        // The app is level 1, env level 2: the object at level 1001 is env/a × 999.
        const app = call(sb, 'POST', '/marathon/v2/apps', { id: '/deep-env', cmd: 'run x', env: nested(levels, 'a') });
        const envPath = `/env${'/a'.repeat(MAX_JSON_DEPTH - 1)}`;
        expectInvalidJson(app, [{ path: envPath, errors: [depthText(MAX_JSON_DEPTH + 1, MAX_JSON_DEPTH, envPath)] }]);

        const container = { name: 'c', resources: { cpus: 0.1, mem: 32 }, environment: nested(levels, 'E') };
        const pod = call(sb, 'POST', '/marathon/v2/pods', { id: '/deep-pod', containers: [container] });
        // The pod, its containers, the container, its environment: levels 1 to 4.
        const podPath = `/containers(0)/environment${'/E'.repeat(MAX_JSON_DEPTH - 3)}`;
        expectInvalidJson(pod, [{ path: podPath, errors: [depthText(MAX_JSON_DEPTH + 1, MAX_JSON_DEPTH, podPath)] }]);

        // Each group is two levels (the group, its `groups` list).
        const group = call(sb, 'POST', '/marathon/v2/groups', nestedGroups(Math.ceil(levels / 2) + 1));
        expect(group.status).toBe(422);
        expect(group.body).toMatchObject({
          message: 'Invalid JSON',
          details: [{ errors: [expect.stringContaining('exceeds the maximum allowed (1000)')] }],
        });
      }),
      { ...RUNS, numRuns: 5 },
    );
    expect(call(sb, 'GET', '/marathon/v2/apps/deep-env').status).toBe(404);
    expectIntact(sb);
    await expectReplays(sb);
  });

  it('10,000 levels of env, environment or groups answer 4xx without an exception', async () => {
    const sb = await hostileCluster();
    const bodies: [string, unknown][] = [
      ['/marathon/v2/apps', { id: '/e', cmd: 'run x', env: nested(10_000, 'a') }],
      ['/marathon/v2/pods', { id: '/p', containers: [{ name: 'c', resources: { cpus: 0.1, mem: 32 }, environment: nested(10_000, 'E') }] }],
      ['/marathon/v2/groups', nestedGroups(5_000)],
      // As text (JSON.stringify itself cannot write it).
      ['/marathon/v2/apps', `{"id":"/s","cmd": "run x","env":${'{"a":'.repeat(10_000)}"x"${'}'.repeat(10_001)}`],
    ];
    for (const [path, body] of bodies) {
      const answer = call(sb, 'POST', path, body);
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.status, path).toBeLessThan(500);
    }
    expectIntact(sb);
    await expectReplays(sb);
  });

  it("Mesos refuses bodies deeper than stout's 200 with 400 text; the sandbox's API deeper than 1000 with 400", async () => {
    const sb = await hostileCluster();
    fc.assert(
      fc.property(fc.integer({ min: MESOS_MAX_JSON_DEPTH, max: MESOS_MAX_JSON_DEPTH + 100 }), (levels) => {
        const weights = call(sb, 'PUT', '/mesos/weights', [nested(levels, 'role')]);
        const path = `(0)${'/role'.repeat(MESOS_MAX_JSON_DEPTH - 1)}`;
        expect(weights).toEqual({
          status: 400,
          body: `Failed to parse JSON: ${depthText(MESOS_MAX_JSON_DEPTH + 1, MESOS_MAX_JSON_DEPTH, path)}`,
        });
        const fault = call(sb, 'POST', '/sandbox/v1/faults', {
          kind: 'heal',
          why: nested(levels + MAX_JSON_DEPTH - MESOS_MAX_JSON_DEPTH, 'w'),
        });
        expect(fault.status).toBe(400);
        expect(fault.body).toEqual({ message: expect.stringContaining(`exceeds the maximum allowed (${MAX_JSON_DEPTH})`) });
      }),
      { ...RUNS, numRuns: 5 },
    );
    expectIntact(sb);
    await expectReplays(sb);
  });
});

describe('random bodies on every write route', () => {
  const anyJson = fc.jsonValue({ maxDepth: 3 });
  const healthCheck = fc.dictionary(fc.constantFrom('protocol', 'portIndex', 'path', 'command', 'gracePeriodSeconds'), anyJson, {
    maxKeys: 3,
  });
  /** A valid app with one field replaced by anything JSON (health checks: a list of checks of anything). */
  const mangledApp = fc
    .tuple(
      fc.constantFrom(
        'cmd',
        'instances',
        'healthChecks',
        'unreachableStrategy',
        'env',
        'upgradeStrategy',
        'portDefinitions',
        'labels',
        'container',
        'dependencies',
        'constraints',
        'role',
      ),
      anyJson,
      fc.array(fc.oneof(healthCheck, anyJson), { maxLength: 3 }),
    )
    .map(([field, value, checks]) => ({
      id: '/rnd',
      cpus: 0.01,
      mem: 8,
      cmd: 'run x',
      [field]: field === 'healthChecks' ? checks : value,
    }));
  const routes = fc.constantFrom(
    ['POST', '/marathon/v2/apps'],
    ['PUT', '/marathon/v2/apps/rnd'],
    ['PATCH', '/marathon/v2/apps/rnd'],
    ['POST', '/marathon/v2/groups'],
    ['PUT', '/marathon/v2/groups/rnd-group'],
    ['POST', '/marathon/v2/pods'],
    ['PUT', '/marathon/v2/pods/rnd-pod'],
    ['POST', '/marathon/v2/tasks/delete'],
    ['PUT', '/mesos/weights'],
    ['POST', '/mesos/quota'],
    ['POST', '/mesos/api/v1'],
    ['POST', '/mesos/master/reserve'],
    ['POST', '/mesos/master/unreserve'],
    ['POST', '/mesos/master/create-volumes'],
    ['POST', '/mesos/master/destroy-volumes'],
    ['POST', '/sandbox/v1/faults'],
    ['PUT', '/sandbox/v1/marathon/apps/keeper/behavior'],
  ) as fc.Arbitrary<['POST' | 'PUT' | 'PATCH', string]>;

  it('never throw and never answer 5xx', async () => {
    const sb = await hostileCluster();
    fc.assert(
      fc.property(
        routes,
        fc.oneof(
          anyJson,
          mangledApp,
          mangledApp.map((app) => ({ id: '/rnd-group', apps: [{ ...app, id: 'a' }] })),
        ),
        ([method, path], body) => {
          const answer = call(sb, method, path, body);
          expect(answer.status, `${method} ${path} ${JSON.stringify(body)}`).toBeLessThan(500);
        },
      ),
      { numRuns: 300, seed: 13 },
    );
    expectIntact(sb);
    await expectReplays(sb);
  });
});

describe("the router's last resort", () => {
  const failing: ApiService = {
    prefix: 'boom',
    handle: () => {
      throw new TypeError('x.startsWith is not a function');
    },
  };

  it("answers a handler that throws with 500 in the service's error shape", () => {
    const route = createRouter([failing, marathonService, mesosService]);
    const broken = { state: {}, ctx: {} } as ApiContext; // every read of the cluster throws
    expect(route(broken, { method: 'POST', path: '/boom/x', body: {} })).toEqual({
      status: 500,
      body: { message: 'TypeError: x.startsWith is not a function' },
    });
    const marathon = route(broken, { method: 'GET', path: '/marathon/v2/apps' });
    expect(marathon.status).toBe(500);
    expect(marathon.body).toEqual({ message: expect.stringMatching(/^TypeError: /) });
    const mesos = route(broken, { method: 'GET', path: '/mesos/master/state' });
    expect(mesos.status).toBe(500);
    expect(mesos.body).toEqual(expect.stringMatching(/^TypeError: /));
  });

  it('answers a body larger than MAX_BODY_CHARS with 413, text or parsed, before the service sees it', () => {
    let seen = 0;
    const counting: ApiService = { prefix: 'count', handle: () => ((seen += 1), { status: 200, body: '' }) };
    const route = createRouter([counting, marathonService, mesosService]);
    const api = { state: {}, ctx: {} } as ApiContext;
    const big = 'x'.repeat(MAX_BODY_CHARS);
    const text = `Request Entity Too Large: the body has more than ${MAX_BODY_CHARS} characters of JSON`;
    expect(route(api, { method: 'POST', path: '/count', body: { cmd: big } })).toEqual({ status: 413, body: { message: text } });
    expect(route(api, { method: 'POST', path: '/marathon/v2/apps', body: JSON.stringify({ cmd: big }) })).toEqual({
      status: 413,
      body: { message: text },
    });
    expect(route(api, { method: 'PUT', path: '/mesos/weights', body: [{ role: big }] })).toEqual({ status: 413, body: text });
    expect(seen).toBe(0);
  });
});
