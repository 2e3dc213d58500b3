/**
 * Issue 13, item 6: JSON of the wrong type where Marathon's RAML readers (`app.raml`, `healthCheck.raml`,
 * `unreachableStrategy.raml`, `environmentVariable.raml`; play-json's messages) answer 422 "Invalid JSON":
 * - `unreachableStrategy` neither "disabled" nor an object: the union reads UnreachableDisabled, else
 *   UnreachableEnabled, and reports the object reader's `error.expected.jsobject`;
 * - a health check that is not an object: `error.expected.jsobject` at `/healthChecks(i)`;
 * - `portIndex` not a number: `error.expected.jsnumber`;
 * - an env value neither a string nor `{"secret": …}`: EnvVarValueOrSecret reads EnvVarValue, else EnvVarSecret,
 *   whose missing `secret` is `error.path.missing` at `…/NAME/secret` (apps, pods and their containers, apps in groups).
 * Each answer is checked exactly; the cluster stays intact and its scenario replays the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { call, expectIntact, expectInvalidJson, expectReplays, hostileCluster } from './api-hostile-support.ts';

const RUNS = { numRuns: 15, seed: 6 };
const smallJson = fc.jsonValue({ maxDepth: 2 });
const notAnObject = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.array(smallJson, { maxLength: 3 }),
);
const notANumber = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.array(smallJson, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), smallJson, { maxKeys: 2 }),
);
/** Not a string, and not an object (objects without a string `secret` are tried separately). */
const notAnEnvValue = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(smallJson, { maxLength: 3 }),
);
const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/);

let serial = 0;
const fresh = (prefix: string) => `/${prefix}-${serial++}`;

/** An app posted alone, put over KEEPER, and inside a group, each refused with `details` (re-pathed in the group). */
function refusedEverywhere(sb: Sandbox, fields: Record<string, unknown>, details: { path: string; errors: string[] }[]): void {
  expectInvalidJson(call(sb, 'POST', '/marathon/v2/apps', { id: fresh('app'), cmd: 'run x', ...fields }), details);
  expectInvalidJson(call(sb, 'PUT', '/marathon/v2/apps/keeper', fields), details);
  expectInvalidJson(
    call(sb, 'POST', '/marathon/v2/groups', { id: fresh('grp'), apps: [{ id: 'a', cmd: 'run x', ...fields }] }),
    details.map((d) => ({ ...d, path: `/apps(0)${d.path}` })),
  );
}

describe('validation gaps: 422 where Marathon answers 422', () => {
  it('unreachableStrategy that is neither "disabled" nor an object', async () => {
    const sb = await hostileCluster();
    fc.assert(
      fc.property(
        notAnObject.filter((u) => u !== 'disabled'),
        (unreachableStrategy) =>
          refusedEverywhere(sb, { unreachableStrategy }, [{ path: '/unreachableStrategy', errors: ['error.expected.jsobject'] }]),
      ),
      RUNS,
    );
    for (const unreachableStrategy of ['x', 1, [], true])
      refusedEverywhere(sb, { unreachableStrategy }, [{ path: '/unreachableStrategy', errors: ['error.expected.jsobject'] }]);
    expectIntact(sb);
    await expectReplays(sb);
  });

  it('a health check that is null, a string, a number or a list', async () => {
    const sb = await hostileCluster();
    fc.assert(
      fc.property(fc.oneof(fc.constant(null), notAnObject), fc.integer({ min: 0, max: 2 }), (check, before) => {
        const healthChecks = [...Array.from({ length: before }, () => ({ protocol: 'TCP' })), check];
        refusedEverywhere(sb, { healthChecks }, [{ path: `/healthChecks(${before})`, errors: ['error.expected.jsobject'] }]);
      }),
      RUNS,
    );
    expectIntact(sb);
    await expectReplays(sb);
  });

  it('a health check portIndex that is not a number', async () => {
    const sb = await hostileCluster();
    fc.assert(
      fc.property(notANumber, (portIndex) =>
        refusedEverywhere(sb, { healthChecks: [{ protocol: 'HTTP', portIndex }] }, [
          { path: '/healthChecks(0)/portIndex', errors: ['error.expected.jsnumber'] },
        ]),
      ),
      RUNS,
    );
    refusedEverywhere(sb, { healthChecks: [{ portIndex: '0' }] }, [
      { path: '/healthChecks(0)/portIndex', errors: ['error.expected.jsnumber'] },
    ]);
    expectIntact(sb);
    await expectReplays(sb);
  });

  it('an app env value that is not a string or a secret', async () => {
    const sb = await hostileCluster();
    fc.assert(
      fc.property(
        envName,
        fc.oneof(notAnEnvValue, fc.dictionary(fc.constantFrom('value', 'name', 'x'), smallJson, { maxKeys: 2 })),
        (name, value) =>
          refusedEverywhere(sb, { env: { OK: 'fine', [name]: value } }, [{ path: `/env/${name}/secret`, errors: ['error.path.missing'] }]),
      ),
      RUNS,
    );
    refusedEverywhere(sb, { env: { S: { secret: 5 } } }, [{ path: '/env/S/secret', errors: ['error.expected.jsstring'] }]);
    expectIntact(sb);
    await expectReplays(sb);
  });

  it("a pod environment value (the pod's or a container's) that is not a string or a secret", async () => {
    const sb = await hostileCluster();
    fc.assert(
      fc.property(envName, notAnEnvValue, fc.boolean(), (name, value, inContainer) => {
        const environment = { OK: 'fine', [name]: value };
        const container = { name: 'c', resources: { cpus: 0.1, mem: 32 }, ...(inContainer ? { environment } : {}) };
        const pod = { id: fresh('pod'), containers: [container], ...(inContainer ? {} : { environment }) };
        const path = `${inContainer ? '/containers(0)' : ''}/environment/${name}/secret`;
        expectInvalidJson(call(sb, 'POST', '/marathon/v2/pods', pod), [{ path, errors: ['error.path.missing'] }]);
        expectInvalidJson(call(sb, 'PUT', `/marathon/v2/pods${fresh('pod')}`, pod), [{ path, errors: ['error.path.missing'] }]);
      }),
      RUNS,
    );
    expectIntact(sb);
    await expectReplays(sb);
  });

  it('a pod enum (scaling kind, network mode, kill selection, http scheme) that is not a string', async () => {
    const sb = await hostileCluster();
    const container = (extra: Record<string, unknown> = {}) => ({ name: 'c', resources: { cpus: 0.1, mem: 16 }, ...extra });
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.boolean(), fc.array(smallJson, { maxLength: 2 })), (value) => {
        const cases: [Record<string, unknown>, string][] = [
          [{ scaling: { kind: value } }, '/scaling/kind'],
          [{ networks: [{ mode: value }] }, '/networks(0)/mode'],
          [{ scheduling: { killSelection: value } }, '/scheduling/killSelection'],
          [
            { containers: [container({ endpoints: [{ name: 'e' }], healthCheck: { http: { endpoint: 'e', scheme: value } } })] },
            '/containers(0)/healthCheck/http/scheme',
          ],
        ];
        for (const [fields, path] of cases)
          expectInvalidJson(call(sb, 'POST', '/marathon/v2/pods', { id: fresh('pod'), containers: [container()], ...fields }), [
            { path, errors: ['error.unknown.enum.literal'] },
          ]);
      }),
      RUNS,
    );
    expectIntact(sb);
    await expectReplays(sb);
  });

  it('string env values are taken; secret references need the secrets feature, which open DC/OS does not enable', async () => {
    const sb = await hostileCluster();
    const app = call(sb, 'POST', '/marathon/v2/apps', { id: '/env-ok', cmd: 'run x', cpus: 0.1, mem: 16, env: { A: 'a' } });
    expect(app.status).toBe(201);
    expect(app.body).toMatchObject({ env: { A: 'a' } });
    const secret = call(sb, 'POST', '/marathon/v2/apps', {
      id: '/env-secret',
      cmd: 'run x',
      cpus: 0.1,
      mem: 16,
      env: { S: { secret: 'db' } },
    });
    expect(secret.status).toBe(422);
    expect(secret.body).toMatchObject({
      details: [
        { path: '/env', errors: ['use of secret-references in the environment requires the secrets feature to be enabled'] },
        { path: '/env/S/secret', errors: ['references an undefined secret'] },
      ],
    });
    const pod = call(sb, 'POST', '/marathon/v2/pods', {
      id: '/pod-ok',
      environment: { A: 'a' },
      containers: [{ name: 'c', resources: { cpus: 0.1, mem: 16 }, environment: { B: 'b' } }],
    });
    expect(pod.status).toBe(201);
    // A protocol is read case-insensitively, as Marathon's enum readers do.
    expect(
      call(sb, 'POST', '/marathon/v2/apps', { id: '/hc-lower', cmd: 'run x', cpus: 0.1, mem: 16, healthChecks: [{ protocol: 'tcp' }] })
        .body,
    ).toMatchObject({
      healthChecks: [{ protocol: 'TCP' }],
    });
    expectIntact(sb);
    await expectReplays(sb);
  });
});
