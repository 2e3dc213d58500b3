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
    ['negative cpus', { id: '/a', cmd: 'run x', cpus: -1 }, '/cpus', 'got -1, expected 0.0 or more'],
    ['negative instances', { id: '/a', cmd: 'run x', instances: -2 }, '/instances', 'got -2, expected 0 or more'],
    ['upper-case id', { id: '/Prod/app', cmd: 'run x' }, '/id', 'must fully match regular expression'],
    ['id ending in tasks', { id: '/a/tasks', cmd: 'run x' }, '/id', "must not end with 'tasks'"],
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
      "'(' is not a valid regular expression",
    ],
    [
      'upgradeStrategy out of range',
      { id: '/a', cmd: 'run x', upgradeStrategy: { minimumHealthCapacity: 1.2 } },
      '/upgradeStrategy/minimumHealthCapacity',
      'got 1.2, expected between 0.0 and 1.0',
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
      '/unreachableStrategy',
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
    expect(errorsOf({ cmd: 'run x' }).body.details).toEqual([{ path: '/id', errors: ['error.path.missing'] }]);
  });

  it('accepts slave_public in acceptedResourceRoles when the app role is slave_public', () => {
    expect(readApp({ id: '/lb', cmd: 'run x', role: 'slave_public', acceptedResourceRoles: ['slave_public'] }, ctx).ok).toBe(true);
  });
});
