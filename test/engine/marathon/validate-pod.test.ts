import { describe, expect, it } from 'vitest';
import { podHostPorts, podResources } from '../../../src/common/marathon/pod-definition.ts';
import { readPod } from '../../../src/common/marathon/validate-pod.ts';

const ctx = { base: '/', defaultRole: '*' };

/** Marathon's docs example "a pod with multiple containers", as `GET /v2/pods` shows it. */
const multi = {
  id: '/pod-with-multiple-containers',
  version: '2017-01-03T18:21:19.31Z',
  containers: [
    { name: 'sleep1', exec: { command: { shell: 'sleep 1000' } }, resources: { cpus: 0.01, mem: 32, disk: 0, gpus: 0 } },
    { name: 'sleep2', exec: { command: { shell: 'sleep 1000' } }, resources: { cpus: 0.01, mem: 32, disk: 0, gpus: 0 } },
  ],
  networks: [{ mode: 'host' }],
  scaling: { kind: 'fixed', instances: 10, maxInstances: null },
  scheduling: {
    backoff: { backoff: 1, backoffFactor: 1.15, maxLaunchDelay: 300 },
    upgrade: { minimumHealthCapacity: 1, maximumOverCapacity: 1 },
    placement: { constraints: [], acceptedResourceRoles: [] },
    killSelection: 'YOUNGEST_FIRST',
    unreachableStrategy: { inactiveAfterSeconds: 900, expungeAfterSeconds: 604800 },
  },
  executorResources: { cpus: 0.1, mem: 32, disk: 10 },
  volumes: [],
  fetch: [],
};

/** A web pod on a container network with a Mesos HTTP health check on its endpoint. */
const web = {
  id: '/prod/web',
  labels: { HAPROXY_GROUP: 'external' },
  containers: [
    {
      name: 'nginx',
      resources: { cpus: 0.5, mem: 256 },
      image: { kind: 'DOCKER', id: 'nginx:1.25' },
      endpoints: [{ name: 'http', containerPort: 80, protocol: ['tcp'], labels: { VIP_0: '/web:80' } }],
      healthCheck: { http: { endpoint: 'http', path: '/health' }, gracePeriodSeconds: 30, intervalSeconds: 10, timeoutSeconds: 5 },
      volumeMounts: [{ name: 'logs', mountPath: 'var/log/nginx' }],
    },
    {
      name: 'shipper',
      resources: { cpus: 0.1, mem: 64 },
      exec: { command: { shell: './ship.sh' } },
      volumeMounts: [{ name: 'logs', mountPath: 'logs' }],
    },
  ],
  volumes: [{ name: 'logs' }],
  networks: [{ mode: 'container', name: 'dcos' }],
  scheduling: {
    placement: {
      constraints: [
        { fieldName: 'hostname', operator: 'unique' },
        { fieldName: 'rack', operator: 'GROUP_BY', value: '3' },
      ],
    },
  },
};

function accepted(raw: unknown) {
  const r = readPod(raw, ctx);
  if (!r.ok) throw new Error(JSON.stringify(r.body));
  return r.pod;
}

function rejected(raw: unknown) {
  const r = readPod(raw, ctx);
  if (r.ok) throw new Error('expected a rejection');
  return r;
}

const pod = (over: Record<string, unknown> = {}, container: Record<string, unknown> = {}) => ({
  id: '/p',
  containers: [{ name: 'c', resources: { cpus: 0.5, mem: 64 }, ...container }],
  ...over,
});

describe('reading a Marathon pod definition', () => {
  it('accepts the docs pod, keeps its scheduling, sums resources with the executor, keeps unsimulated fields', () => {
    const p = accepted(multi);
    expect(p).toMatchObject({
      id: '/pod-with-multiple-containers',
      instances: 10,
      networkMode: 'host',
      constraints: [],
      killSelection: 'YOUNGEST_FIRST',
    });
    expect(p.unreachableStrategy).toEqual({ inactiveAfterSeconds: 900, expungeAfterSeconds: 604800 });
    expect(p.acceptedResourceRoles).toBeUndefined();
    expect(p.maxInstances).toBeUndefined();
    expect(p.containers.map((c) => c.name)).toEqual(['sleep1', 'sleep2']);
    expect(p.containers[0]!.extra).toEqual({ exec: { command: { shell: 'sleep 1000' } } });
    expect(p.extra).toEqual({ networks: [{ mode: 'host' }], volumes: [], fetch: [] });
    expect(podResources(p)).toEqual([0.12, 96, 10, 0]);
    expect(podHostPorts(p)).toEqual([]);
  });

  it('fills the RAML defaults', () => {
    const p = accepted({ id: '/p', containers: [{ name: 'c', resources: {} }] });
    expect(p).toMatchObject({
      instances: 1,
      networkMode: 'host',
      role: '*',
      constraints: [],
      labels: {},
      upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 1 },
      backoffSeconds: 1,
      backoffFactor: 1.15,
      maxLaunchDelaySeconds: 300,
      unreachableStrategy: { inactiveAfterSeconds: 0, expungeAfterSeconds: 0 },
      killSelection: 'YOUNGEST_FIRST',
      executorResources: { cpus: 0.1, mem: 32, disk: 10 },
    });
    expect(p.containers[0]).toEqual({
      name: 'c',
      resources: { cpus: 1, mem: 128, disk: 0, gpus: 0 },
      endpoints: [],
      healthCheck: null,
      extra: {},
    });
    expect(podResources(p)).toEqual([1.1, 160, 10, 0]);
  });

  it('normalises the health check, the endpoints and object-form constraints', () => {
    const p = accepted(web);
    const nginx = p.containers[0]!;
    expect(nginx.healthCheck).toEqual({
      protocol: 'MESOS_HTTP',
      endpoint: 'http',
      path: '/health',
      gracePeriodSeconds: 30,
      intervalSeconds: 10,
      timeoutSeconds: 5,
      maxConsecutiveFailures: 3,
      delaySeconds: 15,
    });
    expect(nginx.endpoints).toEqual([{ name: 'http', containerPort: 80, protocol: ['tcp'], labels: { VIP_0: '/web:80' } }]);
    expect(nginx.extra).toMatchObject({ image: { kind: 'DOCKER', id: 'nginx:1.25' } });
    expect(p.networkMode).toBe('container');
    expect(p.labels).toEqual({ HAPROXY_GROUP: 'external' });
    expect(p.constraints).toEqual([
      ['hostname', 'UNIQUE'],
      ['rack', 'GROUP_BY', '3'],
    ]);
    // Container networking: endpoints without hostPort take no host port.
    expect(podHostPorts(p)).toEqual([]);
    expect(podResources(p)).toEqual([0.7, 352, 10, 0]);
  });

  it('gives host-network endpoints a dynamic host port unless one is fixed', () => {
    const p = accepted({
      id: '/lb',
      containers: [
        { name: 'a', resources: {}, endpoints: [{ name: 'admin' }, { name: 'stats', hostPort: 9090 }] },
        {
          name: 'b',
          resources: {},
          endpoints: [{ name: 'web', hostPort: 0, protocol: ['tcp', 'udp'] }],
          healthCheck: { tcp: { endpoint: 'web' } },
        },
      ],
    });
    expect(podHostPorts(p)).toEqual([0, 9090, 0]);
    expect(p.containers[1]!.healthCheck).toMatchObject({
      protocol: 'MESOS_TCP',
      endpoint: 'web',
      gracePeriodSeconds: 300,
      intervalSeconds: 60,
      timeoutSeconds: 20,
    });
  });

  it('maps https and exec checks, enums case-insensitively, and resident pods to their defaults', () => {
    const https = accepted(pod({}, { endpoints: [{ name: 'tls' }], healthCheck: { http: { endpoint: 'tls', scheme: 'https' } } }));
    // No path unless one was posted (HealthCheckConversion keeps it as given).
    expect(https.containers[0]!.healthCheck).toMatchObject({ protocol: 'MESOS_HTTPS' });
    expect(https.containers[0]!.healthCheck).not.toHaveProperty('path');
    const exec = accepted(pod({}, { healthCheck: { exec: { command: { argv: ['curl', '-f', 'localhost'] } } } }));
    expect(exec.containers[0]!.healthCheck).toMatchObject({
      protocol: 'COMMAND',
      command: { value: 'curl -f localhost' },
      argv: ['curl', '-f', 'localhost'],
    });
    const cased = accepted(
      pod({ scaling: { kind: 'FIXED', instances: 2 }, networks: [{ mode: 'HOST' }], scheduling: { killSelection: 'oldest_first' } }),
    );
    expect(cased).toMatchObject({ instances: 2, networkMode: 'host', killSelection: 'OLDEST_FIRST' });
    const resident = accepted(
      pod({ role: 'db', volumes: [{ name: 'data', persistent: { size: 10 } }] }, { volumeMounts: [{ name: 'data', mountPath: 'data' }] }),
    );
    expect(resident.upgradeStrategy).toEqual({ minimumHealthCapacity: 0.5, maximumOverCapacity: 0 });
    const unreserved = readPod(
      pod({ role: '*', volumes: [{ name: 'data', persistent: { size: 10 } }] }, { volumeMounts: [{ name: 'data', mountPath: 'data' }] }),
      ctx,
    );
    expect(unreserved.ok ? null : unreserved.body.details).toEqual([{ path: '/role', errors: ['Resident pods cannot have the role *'] }]);
    // A partial `upgrade` is filled with the reader's 1.0s, not the resident defaults, and must keep capacity.
    const volume = { volumes: [{ name: 'data', persistent: { size: 10 } }] };
    const mounted = { volumeMounts: [{ name: 'data', mountPath: 'data' }] };
    const noOver = accepted(pod({ role: 'db', ...volume, scheduling: { upgrade: { maximumOverCapacity: 0 } } }, mounted));
    expect(noOver.upgradeStrategy).toEqual({ minimumHealthCapacity: 1, maximumOverCapacity: 0 });
    const over = readPod(pod({ role: 'db', ...volume, scheduling: { upgrade: { minimumHealthCapacity: 0.5 } } }, mounted), ctx);
    expect(over.ok ? null : over.body.details).toEqual([{ path: '/upgrade/maximumOverCapacity', errors: ['got 1.0, expected 0.0'] }]);
    expect(resident.unreachableStrategy).toBe('disabled');
    const roled = accepted(pod({ role: 'slave_public', scheduling: { placement: { acceptedResourceRoles: ['slave_public'] } } }));
    expect(roled).toMatchObject({ role: 'slave_public', acceptedResourceRoles: ['slave_public'] });
  });

  it.each([
    ['a relative id', { ...pod(), id: 'p' }, '/id', 'Path needs to be absolute'],
    ['an upper-case id', { ...pod(), id: '/Prod/p' }, '/id', 'must fully match regular expression'],
    ['no containers', pod({ containers: [] }), '/containers', 'must not be empty'],
    [
      'two containers with one name',
      pod({
        containers: [
          { name: 'c', resources: {} },
          { name: 'c', resources: {} },
        ],
      }),
      '/containers',
      'container names are unique',
    ],
    [
      'a container name with capitals',
      pod({}, { name: 'Web' }),
      '/containers(0)/name',
      "must fully match regular expression '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'",
    ],
    ['negative cpus', pod({}, { resources: { cpus: -1 } }), '/containers(0)/resources/cpus', 'got -1, expected 0.0 or more'],
    ['fractional gpus', pod({}, { resources: { gpus: 0.5 } }), '/containers(0)/resources/gpus', 'got 0.5, expected an integer'],
    ['negative instances', pod({ scaling: { kind: 'fixed', instances: -1 } }), '/scaling/instances', 'got -1, expected 0 or more'],
    [
      'an unknown operator',
      pod({ scheduling: { placement: { constraints: [{ fieldName: 'rack', operator: 'NEAR' }] } } }),
      '/scheduling/placement/constraints(0)',
      'operator must be one of the following',
    ],
    [
      'UNIQUE with a value',
      pod({ scheduling: { placement: { constraints: [{ fieldName: 'hostname', operator: 'UNIQUE', value: 'x' }] } } }),
      '/scheduling/placement/constraints(0)',
      'UNIQUE does not accept a value',
    ],
    [
      'a foreign accepted role',
      pod({ scheduling: { placement: { acceptedResourceRoles: ['slave_public'] } } }),
      '/scheduling/placement/acceptedResourceRoles',
      'acceptedResourceRoles can only contain * and *',
    ],
    ['negative backoff', pod({ scheduling: { backoff: { backoff: -1 } } }), '/scheduling/backoff/backoff', 'got -1, expected 0.0 or more'],
    [
      'overcapacity above 1',
      pod({ scheduling: { upgrade: { maximumOverCapacity: 1.5 } } }),
      '/scheduling/upgrade/maximumOverCapacity',
      'got 1.5, expected 1.0 or less',
    ],
    [
      'unreachable strategy inverted',
      pod({ scheduling: { unreachableStrategy: { inactiveAfterSeconds: 10, expungeAfterSeconds: 5 } } }),
      '/scheduling/unreachableStrategy',
      'inactiveAfterSeconds (10) must be less or equal to expungeAfterSeconds, which is 5',
    ],
    ['negative executor memory', pod({ executorResources: { mem: -32 } }), '/executorResources/mem', 'got -32, expected 0.0 or more'],
    [
      'a check on a missing endpoint',
      pod({}, { healthCheck: { http: { endpoint: 'web' } } }),
      '/containers(0)/healthCheck/http/endpoint',
      'contained in the container endpoints',
    ],
    [
      'a check of two kinds',
      pod({}, { endpoints: [{ name: 'web' }], healthCheck: { http: { endpoint: 'web' }, tcp: { endpoint: 'web' } } }),
      '/containers(0)/healthCheck',
      'Only one of http, tcp, or command may be specified',
    ],
    [
      'a check timing out after its interval',
      pod({}, { endpoints: [{ name: 'web' }], healthCheck: { tcp: { endpoint: 'web' }, intervalSeconds: 10, timeoutSeconds: 20 } }),
      '/containers(0)/healthCheck/timeoutSeconds',
      'got 20, expected less than 10',
    ],
    [
      'a negative grace period',
      pod({}, { endpoints: [{ name: 'web' }], healthCheck: { tcp: { endpoint: 'web' }, gracePeriodSeconds: -1 } }),
      '/containers(0)/healthCheck/gracePeriodSeconds',
      'got -1, expected 0 or more',
    ],
    [
      'a containerPort on the host network',
      pod({ networks: [{ mode: 'host' }] }, { endpoints: [{ name: 'web', containerPort: 80 }] }),
      '/containers(0)/endpoints(0)/containerPort',
      'is not allowed when using host-mode networking',
    ],
    [
      'no containerPort on a container network',
      pod({ networks: [{ mode: 'container', name: 'dcos' }] }, { endpoints: [{ name: 'web' }] }),
      '/containers(0)/endpoints(0)/containerPort',
      'is required when using container-mode networking',
    ],
    [
      'a host port out of range',
      pod({}, { endpoints: [{ name: 'web', hostPort: 70000 }] }),
      '/containers(0)/endpoints(0)/hostPort',
      'got 70000, expected between 0 and 65535',
    ],
    [
      'a protocol twice',
      pod({}, { endpoints: [{ name: 'web', protocol: ['tcp', 'tcp'] }] }),
      '/containers(0)/endpoints(0)/protocol',
      'Duplicate protocols within the same endpoint are not allowed',
    ],
    [
      'one endpoint name twice',
      pod({
        containers: [
          { name: 'a', resources: {}, endpoints: [{ name: 'web' }] },
          { name: 'b', resources: {}, endpoints: [{ name: 'web' }] },
        ],
      }),
      '/',
      'Endpoint names are unique',
    ],
    [
      'one fixed host port twice',
      pod(
        {},
        {
          endpoints: [
            { name: 'a', hostPort: 80 },
            { name: 'b', hostPort: 80 },
          ],
        },
      ),
      '/',
      'Host ports are unique',
    ],
    [
      'host and container networks together',
      pod({ networks: [{ mode: 'host' }, { mode: 'container', name: 'dcos' }] }),
      '/networks',
      'May specify a single host network, single bridge network, or else 1-to-n container networks',
    ],
    [
      'a named host network',
      pod({ networks: [{ mode: 'host', name: 'dcos' }] }),
      '/networks',
      'Host networks may not have names or labels',
    ],
    ['an unmounted volume', pod({ volumes: [{ name: 'data' }] }), '/volumes(0)', 'volume must be referenced by at least one container'],
    [
      'a mount of a missing volume',
      pod({}, { volumeMounts: [{ name: 'data', mountPath: 'data' }] }),
      '/containers(0)/volumeMounts(0)/name',
      'Referenced Volume in VolumeMount should exist',
    ],
  ])('rejects %s with 422 at the field', (_name, raw, path, error) => {
    const r = rejected(raw);
    expect(r.status).toBe(422);
    expect(r.body.message).toBe('Object is not valid');
    expect(r.body.details).toContainEqual({ path, errors: expect.arrayContaining([expect.stringContaining(error)]) });
  });

  it('answers type errors as Marathon RAML reads do, before any rule', () => {
    const r = rejected({
      id: 5,
      containers: [{ name: 'c', resources: { cpus: '1' }, endpoints: {} }],
      scaling: { kind: 'autoscale', instances: -1 },
    });
    expect(r.status).toBe(422);
    expect(r.body).toEqual({
      message: 'Invalid JSON',
      details: [
        { path: '/id', errors: ['error.expected.jsstring'] },
        { path: '/containers(0)/resources/cpus', errors: ['error.expected.jsnumber'] },
        { path: '/containers(0)/endpoints', errors: ['error.expected.jsarray'] },
        { path: '/scaling/kind', errors: ['error.unknown.enum.literal'] },
      ],
    });
    expect(rejected([]).body.details).toEqual([{ path: '/', errors: ['error.expected.jsobject'] }]);
    expect(rejected({}).body.details).toEqual([
      { path: '/id', errors: ['error.path.missing'] },
      { path: '/containers', errors: ['error.path.missing'] },
    ]);
    expect(rejected(pod({}, { resources: undefined, endpoints: [{ hostPort: 0 }] })).body.details).toEqual([
      { path: '/containers(0)/resources', errors: ['error.path.missing'] },
      { path: '/containers(0)/endpoints(0)/name', errors: ['error.path.missing'] },
    ]);
    expect(rejected(pod({ scheduling: { unreachableStrategy: 'never' } })).body.details).toEqual([
      { path: '/scheduling/unreachableStrategy', errors: ['error.unknown.enum.literal'] },
    ]);
    expect(rejected(pod({ labels: { tier: 1 } })).body.details).toEqual([{ path: '/labels/tier', errors: ['error.expected.jsstring'] }]);
  });
});
