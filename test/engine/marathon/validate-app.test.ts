import { describe, expect, it } from 'vitest';
import { readApp } from '../../../src/common/marathon/validate-app.ts';

const ctx = { base: '/', defaultRole: '*' };

/** A real-world style app definition, as users paste it. */
const nginx = {
  id: '/prod/web/nginx',
  instances: 3,
  cpus: 0.5,
  mem: 256,
  container: {
    type: 'DOCKER',
    docker: { image: 'nginx:1.25', forcePullImage: false },
    portMappings: [{ containerPort: 80, hostPort: 0, name: 'http' }],
  },
  networks: [{ mode: 'container/bridge' }],
  constraints: [
    ['hostname', 'UNIQUE'],
    ['rack', 'group_by', '3'],
  ],
  healthChecks: [{ protocol: 'MESOS_HTTP', path: '/health', portIndex: 0, gracePeriodSeconds: 30 }],
  labels: { HAPROXY_GROUP: 'external' },
  env: { MODE: 'prod' },
  fetch: [{ uri: 'https://example.invalid/config.tgz', extract: true }],
  upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0.2 },
};

function errorsOf(raw: unknown) {
  const r = readApp(raw, ctx);
  if (r.ok) throw new Error('expected a rejection');
  return r;
}

describe('reading a Marathon app definition', () => {
  it('accepts a real app, fills defaults, normalises constraints, keeps unsimulated fields', () => {
    const r = readApp(nginx, ctx);
    if (!r.ok) throw new Error(JSON.stringify(r.body));
    expect(r.app.id).toBe('/prod/web/nginx');
    expect(r.app.constraints).toEqual([
      ['hostname', 'UNIQUE'],
      ['rack', 'GROUP_BY', '3'],
    ]);
    expect(r.app.healthChecks[0]).toMatchObject({
      protocol: 'MESOS_HTTP',
      path: '/health',
      intervalSeconds: 60,
      timeoutSeconds: 20,
      maxConsecutiveFailures: 3,
      gracePeriodSeconds: 30,
    });
    expect(r.app.backoffFactor).toBe(1.15);
    expect(r.app.unreachableStrategy).toEqual({ inactiveAfterSeconds: 0, expungeAfterSeconds: 0 });
    expect(r.app.extra).toEqual({ networks: nginx.networks, fetch: nginx.fetch });
    expect(r.app.container).toEqual(nginx.container);
  });

  it('resolves a relative id against the root and applies defaults', () => {
    const r = readApp({ id: 'sleep', cmd: 'sleep 1000' }, ctx);
    if (!r.ok) throw new Error('rejected');
    expect(r.app).toMatchObject({
      id: '/sleep',
      instances: 1,
      cpus: 1,
      mem: 128,
      disk: 0,
      role: '*',
      portDefinitions: [{ port: 0, protocol: 'tcp', name: 'default' }],
    });
  });

  it.each([
    [
      'id ending in tasks',
      { id: '/a/tasks', cmd: 'run x' },
      '/id',
      'must not end with any of the following reserved keywords: restart, tasks, versions, ., ..',
    ],
    ['no cmd, args or container', { id: '/a' }, '/', "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'."],
    [
      'unknown operator',
      { id: '/a', cmd: 'run x', constraints: [['rack', 'NEAR']] },
      '/constraints',
      'operator must be one of the following UNIQUE, CLUSTER, GROUP_BY, LIKE, MAX_PER, UNLIKE or IS',
    ],
    [
      'UNIQUE with a value',
      { id: '/a', cmd: 'run x', constraints: [['hostname', 'UNIQUE', 'x']] },
      '/constraints',
      'UNIQUE does not accept a value',
    ],
    [
      'MAX_PER without a number',
      { id: '/a', cmd: 'run x', constraints: [['rack', 'MAX_PER']] },
      '/constraints',
      'MAX_PER requires an integer value',
    ],
    [
      'LIKE with a broken regex',
      { id: '/a', cmd: 'run x', constraints: [['rack', 'LIKE', '(']] },
      '/constraints',
      'is not a valid regular expression',
    ],
    [
      'duplicate ports',
      { id: '/a', cmd: 'run x', portDefinitions: [{ port: 80 }, { port: 80 }] },
      '/portDefinitions',
      'Ports must be unique.',
    ],
    [
      'health check on a missing port',
      { id: '/a', cmd: 'run x', portDefinitions: [], healthChecks: [{ protocol: 'HTTP' }] },
      '/healthChecks(0)',
      'Health check port indices must address an element of the ports array or container port mappings.',
    ],
    [
      'unreachable strategy inverted',
      { id: '/a', cmd: 'run x', unreachableStrategy: { inactiveAfterSeconds: 10, expungeAfterSeconds: 5 } },
      '/unreachableStrategy/inactiveAfterSeconds',
      'inactiveAfterSeconds (10) must be less or equal to expungeAfterSeconds, which is 5',
    ],
    [
      'a foreign accepted role',
      { id: '/a', cmd: 'run x', acceptedResourceRoles: ['slave_public'] },
      '/acceptedResourceRoles',
      'acceptedResourceRoles can only contain *',
    ],
  ])('rejects %s with 422 at the field', (_name, raw, path, error) => {
    const r = errorsOf(raw);
    expect(r.status).toBe(422);
    expect(r.body.message).toBe('Object is not valid');
    expect(r.body.details).toContainEqual({ path, errors: expect.arrayContaining([expect.stringContaining(error)]) });
  });

  it('answers type errors as Marathon JSON reads do', () => {
    const r = errorsOf({ id: '/a', cmd: 'run x', cpus: '2', labels: [] });
    expect(r.status).toBe(422);
    expect(r.body).toEqual({
      message: 'Invalid JSON',
      details: [
        { path: '/cpus', errors: ['error.expected.jsnumber'] },
        { path: '/labels', errors: ['error.expected.jsobject'] },
      ],
    });
    expect(errorsOf([1, 2]).body.details).toEqual([{ path: '/', errors: ['error.expected.jsobject'] }]);
    // App is read field by field: a missing field is named with the object (AppsResourceTest "Creating an app with
    // broken volume definition fails with readable error message" expects the word `undefined`).
    expect(errorsOf({ cmd: 'run x' }).body.details).toEqual([{ path: '/id', errors: ['\'id\' is undefined on object: {"cmd":"run x"}'] }]);
  });

  it('accepts slave_public in acceptedResourceRoles when the app role is slave_public', () => {
    expect(readApp({ id: '/lb', cmd: 'run x', role: 'slave_public', acceptedResourceRoles: ['slave_public'] }, ctx).ok).toBe(true);
  });
});

describe("the JSON reader's facets (types/*.raml), answered before any rule as Invalid JSON", () => {
  const base = { id: '/a', cmd: 'run x' };
  it.each([
    ['negative cpus (cpus minimum 0.001)', { cpus: -1 }, [{ path: '/cpus', errors: ['error.min'] }]],
    ['cpus 0', { cpus: 0 }, [{ path: '/cpus', errors: ['error.min'] }]],
    ['negative instances', { instances: -2 }, [{ path: '/instances', errors: ['error.min'] }]],
    [
      'a fraction of an int32',
      { instances: 0.5, gpus: 1.5 },
      [
        { path: '/instances', errors: ['error.expected.int'] },
        { path: '/gpus', errors: ['error.expected.int'] },
      ],
    ],
    ['an upper-case id (strings.PathId)', { id: '/Prod/app' }, [{ path: '/id', errors: ['error.pattern'] }]],
    ['an empty id', { id: '' }, [{ path: '/id', errors: ['error.minLength'] }]],
    ['an empty cmd', { cmd: '' }, [{ path: '/cmd', errors: ['error.minLength'] }]],
    ['backoffFactor below 1.0', { backoffFactor: 0.5 }, [{ path: '/backoffFactor', errors: ['error.min'] }]],
    [
      'a partial upgradeStrategy out of range (both fields are required)',
      { upgradeStrategy: { minimumHealthCapacity: 1.2 } },
      [
        {
          path: '/upgradeStrategy/maximumOverCapacity',
          errors: ['\'maximumOverCapacity\' is undefined on object: {"minimumHealthCapacity":1.2}'],
        },
        { path: '/upgradeStrategy/minimumHealthCapacity', errors: ['error.max'] },
      ],
    ],
    [
      'a port out of range and a name that is not a LegacyName',
      { portDefinitions: [{ port: 70000, name: 'Web' }] },
      [
        { path: '/portDefinitions(0)/port', errors: ['error.max'] },
        { path: '/portDefinitions(0)/name', errors: ['error.pattern'] },
      ],
    ],
    [
      'an empty network name (NetworkName: both facets fail)',
      { networks: [{ mode: 'container', name: '' }] },
      [{ path: '/networks(0)/name', errors: ['error.minLength', 'error.pattern'] }],
    ],
    [
      'a readiness check with a bad port name, timeout 0 and no ready codes',
      {
        portDefinitions: [{ port: 0, name: 'http' }],
        readinessChecks: [{ portName: 'HTTP', timeoutSeconds: 0, httpStatusCodesForReady: [] }],
      },
      [
        { path: '/readinessChecks(0)/portName', errors: ['error.pattern'] },
        { path: '/readinessChecks(0)/timeoutSeconds', errors: ['error.min'] },
        { path: '/readinessChecks(0)/httpStatusCodesForReady', errors: ['error.minLength'] },
      ],
    ],
    [
      'a fetch entry without uri',
      { fetch: [{ extract: true }] },
      [{ path: '/fetch(0)/uri', errors: ['\'uri\' is undefined on object: {"extract":true}'] }],
    ],
    [
      'a Docker container without image',
      { container: { type: 'DOCKER', docker: { forcePullImage: true } } },
      [{ path: '/container/docker/image', errors: ['\'image\' is undefined on object: {"forcePullImage":true}'] }],
    ],
    [
      'a negative unreachable timeout (int64)',
      { unreachableStrategy: { inactiveAfterSeconds: -1, expungeAfterSeconds: 0.5 } },
      [
        { path: '/unreachableStrategy/inactiveAfterSeconds', errors: ['error.min'] },
        { path: '/unreachableStrategy/expungeAfterSeconds', errors: ['error.expected.long'] },
      ],
    ],
    [
      'health check numbers (timeoutSeconds has no minimum)',
      { healthChecks: [{ protocol: 'TCP', gracePeriodSeconds: -1, portIndex: 70000, timeoutSeconds: -5 }] },
      [
        { path: '/healthChecks(0)/gracePeriodSeconds', errors: ['error.min'] },
        { path: '/healthChecks(0)/portIndex', errors: ['error.max'] },
      ],
    ],
    ['an executor that is not a path', { executor: 'a//b' }, [{ path: '/executor', errors: ['error.pattern'] }]],
    [
      'executor resources below their minimum',
      { executorResources: { cpus: 0.05, mem: 16 } },
      [
        { path: '/executorResources/cpus', errors: ['error.min'] },
        { path: '/executorResources/mem', errors: ['error.min'] },
      ],
    ],
    [
      'a port mapping network name with _ (Name)',
      { networks: [{ mode: 'container', name: 'dcos' }], container: { portMappings: [{ containerPort: 80, networkNames: ['my_net'] }] } },
      [{ path: '/container/portMappings(0)/networkNames(0)', errors: ['error.pattern'] }],
    ],
  ])('%s', (_name, fields, details) => {
    const r = errorsOf({ ...base, ...fields });
    expect(r.status).toBe(422);
    expect(r.body).toEqual({ message: 'Invalid JSON', details });
  });

  it('accepts the edges: cpus 0.001, ports 0 and 65535, the // executor, a relative ../ id', () => {
    const r = readApp(
      { id: '../b', cmd: 'run x', cpus: 0.001, executor: '//cmd', portDefinitions: [{ port: 65535, name: 'a-1' }, { port: 0 }] },
      ctx,
    );
    expect(r.ok).toBe(true);
  });
});

describe('an optional field given as null reads as absent (readNullable)', () => {
  it('the same app as without it: no deprecated-field rule, no crash, the same defaults', () => {
    const cases: Array<Record<string, unknown>> = [
      { id: '/a', cmd: 'run x', ports: [80], portDefinitions: null },
      { id: '/b', cmd: 'run x', ipAddress: null, container: { type: 'DOCKER', docker: { image: 'i', network: null, portMappings: null } } },
      { id: '/c', cmd: 'run x', healthChecks: [{ protocol: 'MESOS_HTTP', path: '/', portIndex: null }] },
    ];
    for (const app of cases) {
      const withNulls = readApp(app, ctx);
      const without = readApp(JSON.parse(JSON.stringify(app, (_k, v: unknown) => (v === null ? undefined : v))), ctx);
      expect(withNulls).toEqual(without);
    }
    expect(readApp(cases[0]!, ctx)).toMatchObject({ ok: true, app: { portDefinitions: [{ port: 80 }] } });
  });
});

describe('a volume no member of the AppVolume union reads (volumes.raml; UnionVisitor)', () => {
  const withVolume = (volume: Record<string, unknown>) => ({ id: '/v', cmd: 'run x', container: { type: 'MESOS', volumes: [volume] } });

  it('gets the host volume reader\'s errors (AppsResourceTest "Creating an app with broken volume definition fails with readable error message")', () => {
    const external = { containerPath: 'data', external: { provider: 'dvdi', name: 'v', options: { 'dvdi/driver': 'rexray' } } };
    expect(errorsOf(withVolume(external)).body).toEqual({
      message: 'Invalid JSON',
      details: [
        { path: '/container/volumes(0)/hostPath', errors: [`'hostPath' is undefined on object: ${JSON.stringify(external)}`] },
        { path: '/container/volumes(0)/mode', errors: [`'mode' is undefined on object: ${JSON.stringify(external)}`] },
      ],
    });
    const noSize = { containerPath: 'data', mode: 'RW', persistent: { type: 'root' } };
    expect(errorsOf(withVolume(noSize)).body.details).toEqual([
      { path: '/container/volumes(0)/hostPath', errors: [`'hostPath' is undefined on object: ${JSON.stringify(noSize)}`] },
    ]);
    expect(errorsOf(withVolume({ containerPath: '/c', hostPath: '/h', mode: 'rx' })).body.details).toEqual([
      { path: '/container/volumes(0)/mode', errors: ['error.unknown.enum.literal'] },
    ]);
  });

  it("a member that fails one facet is not read either: only the host volume's errors are said (Play's orElse)", () => {
    const negative = { containerPath: 'data', mode: 'RW', persistent: { size: -1 } };
    expect(errorsOf(withVolume(negative)).body.details).toEqual([
      { path: '/container/volumes(0)/hostPath', errors: [`'hostPath' is undefined on object: ${JSON.stringify(negative)}`] },
    ]);
    expect(errorsOf(withVolume({ containerPath: '', hostPath: '/h', mode: 'RW' })).body.details).toEqual([
      { path: '/container/volumes(0)/containerPath', errors: ['error.minLength'] },
    ]);
    const badConstraint = { containerPath: 'data', mode: 'RW', persistent: { size: 1, constraints: [['a']] } };
    expect(errorsOf(withVolume(badConstraint)).body.details?.map((d) => d.path)).toEqual(['/container/volumes(0)/hostPath']);
  });

  it('reads a member with all its fields (mode in any case)', () => {
    expect(readApp(withVolume({ containerPath: '/c', hostPath: '/h', mode: 'ro' }), ctx).ok).toBe(true);
    // A resident app cannot have the role *: read it as DC/OS's Marathon does, in slave_public.
    expect(
      readApp(withVolume({ containerPath: 'data', mode: 'RW', persistent: { size: 10 } }), { ...ctx, defaultRole: 'slave_public' }).ok,
    ).toBe(true);
  });
});
