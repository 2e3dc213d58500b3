/**
 * What GET /v2/apps answers after a POST, as Marathon 1.11 writes it: normalization of the deprecated fields
 * (`AppNormalizationTest.scala`), the written shape (`AppConversion.appWriter` and the RAML serializers), service
 * ports (`AssignDynamicServiceLogicTest.scala`), and normalization that is its own fixed point (a property).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readApp, type AppContext } from '../../../src/common/marathon/validate-app.ts';
import { writtenApp } from '../../../src/api/marathon/app-shape.ts';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import { agent, scenario } from '../../support/cluster.ts';
import { boot, deploy, untilBooted, type Json } from '../../support/marathon.ts';

const CTX: AppContext = { base: '/', defaultRole: '*' };

/** The app as Marathon would write it right after normalization (service ports not yet assigned). */
function normalized(body: Json, ctx: AppContext = CTX): Json {
  const read = readApp(body, ctx);
  if (!read.ok) throw new Error(`refused: ${JSON.stringify(read.body)}`);
  return writtenApp(read.app);
}

function refused(body: Json, ctx: AppContext = CTX) {
  const read = readApp(body, ctx);
  if (read.ok) throw new Error('accepted');
  return read;
}

describe('normalization of deprecated fields (AppNormalizationTest)', () => {
  it('uris become fetch, extracting archives ("uris present, fetch absent"); both given is refused', () => {
    expect(normalized({ id: '/l', cmd: 'run x', uris: ['http://h/a.tgz', 'http://h/run.sh'] }).fetch).toEqual([
      { uri: 'http://h/a.tgz', extract: true, executable: false, cache: false },
      { uri: 'http://h/run.sh', extract: false, executable: false, cache: false },
    ]);
    expect(normalized({ id: '/l', cmd: 'run x', uris: ['a'], fetch: [] }).fetch).toEqual([
      { uri: 'a', extract: false, executable: false, cache: false },
    ]);
    expect(normalized({ id: '/l', cmd: 'run x', uris: [], fetch: [] })).not.toHaveProperty('fetch');
    const both = refused({ id: '/l', cmd: 'run x', uris: ['a'], fetch: [{ uri: 'b' }] });
    expect(both.body.details).toEqual([{ path: '/uris', errors: ['may not be set in conjunction with fetch'] }]);
  });

  it('ports become port definitions without names; no ports at all is one default port; [] stays []', () => {
    expect(normalized({ id: '/p', cmd: 'run x', ports: [0, 0] }).portDefinitions).toEqual([
      { port: 0, protocol: 'tcp' },
      { port: 0, protocol: 'tcp' },
    ]);
    expect(normalized({ id: '/p', cmd: 'run x' }).portDefinitions).toEqual([{ port: 0, name: 'default', protocol: 'tcp' }]);
    expect(normalized({ id: '/p', cmd: 'run x', portDefinitions: [] }).portDefinitions).toEqual([]);
    expect(refused({ id: '/p', cmd: 'run x', ports: [80, 80] }).body.details).toEqual([{ path: '/', errors: ['ports must be unique'] }]);
  });

  it('legacy Docker USER network with ipAddress: a container network named by ipAddress, docker port mappings moved', () => {
    const app = normalized({
      id: '/foo',
      container: {
        type: 'DOCKER',
        docker: {
          network: 'USER',
          image: 'image0',
          portMappings: [{ containerPort: 1, hostPort: 2, servicePort: 3, name: 'port0', protocol: 'udp' }],
        },
      },
      ipAddress: { networkName: 'some-user-network' },
    });
    expect(app.networks).toEqual([{ name: 'some-user-network', mode: 'container' }]);
    expect(app).not.toHaveProperty('portDefinitions');
    expect(app.container).toEqual({
      type: 'DOCKER',
      docker: { forcePullImage: false, image: 'image0', parameters: [], privileged: false },
      volumes: [],
      portMappings: [{ containerPort: 1, hostPort: 2, labels: {}, name: 'port0', protocol: 'udp', servicePort: 3 }],
    });
  });

  it('legacy IP-per-container on a MESOS container: discovery ports become port mappings', () => {
    const app = normalized({
      id: '/foo',
      container: { type: 'MESOS', docker: { image: 'image0' } },
      ipAddress: {
        networkName: 'some-user-network',
        discovery: { ports: [{ number: 34, name: 'port1', protocol: 'udp', labels: { VIP_0: '/namedvip:34' } }] },
      },
    });
    expect(app.networks).toEqual([{ name: 'some-user-network', mode: 'container' }]);
    expect(app.container.portMappings).toEqual([
      { containerPort: 34, labels: { VIP_0: '/namedvip:34' }, name: 'port1', protocol: 'udp', servicePort: 0 },
    ]);
  });

  it('Docker BRIDGE: bridge network, missing host ports become 0 ("BRIDGE mode w/ Docker")', () => {
    const app = normalized({
      id: '/d',
      container: { docker: { image: 'nginx', network: 'BRIDGE', portMappings: [{ containerPort: 80 }] } },
    });
    expect(app.networks).toEqual([{ mode: 'container/bridge' }]);
    expect(app.container.portMappings).toEqual([{ containerPort: 80, hostPort: 0, labels: {}, protocol: 'tcp', servicePort: 0 }]);
    expect(app.container.docker).not.toHaveProperty('network');
  });

  it('more port definitions than mappings on a non-host network adds empty mappings ("mismatched portDefinitions")', () => {
    const app = normalized({
      id: '/foo',
      portDefinitions: [{ port: 0 }, { port: 0 }],
      container: {
        type: 'DOCKER',
        docker: { network: 'BRIDGE', image: 'image0', portMappings: [{ containerPort: 1, hostPort: 2, servicePort: 3 }] },
      },
    });
    expect(app.container.portMappings).toEqual([
      { containerPort: 1, hostPort: 2, labels: {}, protocol: 'tcp', servicePort: 3 },
      { containerPort: 0, hostPort: 0, labels: {}, protocol: 'tcp', servicePort: 0 },
    ]);
  });

  it('a bridge network without a container gets a MESOS container with the default mapping', () => {
    const app = normalized({ id: '/b', cmd: 'run x', networks: [{ mode: 'container/bridge' }] });
    expect(app.container).toEqual({
      type: 'MESOS',
      volumes: [],
      portMappings: [{ containerPort: 0, hostPort: 0, labels: {}, name: 'default', protocol: 'tcp', servicePort: 0 }],
    });
  });

  it('a named container network: default mapping without host port; requirePorts dropped ("non-host networking discards requirePorts")', () => {
    const app = normalized({ id: '/c', cmd: 'run x', requirePorts: true, networks: [{ mode: 'container', name: 'dcos' }] });
    expect(app.networks).toEqual([{ name: 'dcos', mode: 'container' }]);
    expect(app.requirePorts).toBe(false);
    expect(app.container.portMappings).toEqual([{ containerPort: 0, labels: {}, name: 'default', protocol: 'tcp', servicePort: 0 }]);
    // Host networking keeps it ("host networking keeps requirePorts").
    expect(normalized({ id: '/h', cmd: 'run x', requirePorts: true, portDefinitions: [{ port: 0 }] }).requirePorts).toBe(true);
  });

  it("container network without a name: refused without --default_network_name, named with it (DC/OS's is dcos)", () => {
    const nameless = { id: '/c', cmd: 'run x', networks: [{ mode: 'container' }] };
    const noDefault = { ...CTX, network: { defaultNetworkName: null, mesosBridgeName: 'mesos-bridge' } };
    expect(refused(nameless, noDefault).body.details).toEqual([
      { path: '/networks', errors: ['Network name must be specified when container network is selected.'] },
    ]);
    const withDefault = { ...CTX, network: { defaultNetworkName: 'default-network0', mesosBridgeName: 'mesos-bridge' } };
    expect(normalized(nameless, withDefault).networks).toEqual([{ name: 'default-network0', mode: 'container' }]);
    expect(normalized(nameless).networks).toEqual([{ name: 'dcos', mode: 'container' }]);
  });

  it('ipAddress named like the Mesos bridge means the bridge; Docker NONE is a 500, as Marathon answers it', () => {
    const app = normalized({
      id: '/foo',
      container: { type: 'DOCKER', docker: { image: 'image0', portMappings: [] } },
      ipAddress: { networkName: 'mesos-bridge' },
    });
    expect(app.networks).toEqual([{ mode: 'container/bridge' }]);
    expect(app.container.portMappings).toEqual([]);
    const none = refused({ id: '/n', container: { docker: { image: 'i', network: 'NONE' } } });
    expect(none.status).toBe(500);
    expect(none.body.message).toBe('unsupported docker network type NONE');
  });

  it('the other legacy network forms: Docker HOST, USER without ipAddress, bridge labels; mixing forms is refused', () => {
    expect(normalized({ id: '/h', container: { docker: { image: 'i', network: 'HOST' } } }).networks).toEqual([{ mode: 'host' }]);
    expect(normalized({ id: '/u', container: { docker: { image: 'i', network: 'USER' } } }).networks).toEqual([
      { name: 'dcos', mode: 'container' },
    ]);
    const ip = { networkName: 'dcos', labels: { a: 'b' } };
    expect(normalized({ id: '/ih', cmd: 'run x', container: { type: 'MESOS', docker: { image: 'i' } }, ipAddress: ip }).networks).toEqual([
      { name: 'dcos', mode: 'container', labels: { a: 'b' } },
    ]);
    expect(
      normalized({ id: '/ib', container: { docker: { image: 'i', network: 'BRIDGE' } }, ipAddress: { labels: { a: 'b' } } }).networks,
    ).toEqual([{ mode: 'container/bridge', labels: { a: 'b' } }]);
    expect(normalized({ id: '/ih', container: { docker: { image: 'i', network: 'HOST' } }, ipAddress: {} }).networks).toEqual([
      { mode: 'host' },
    ]);
    // Mixing the forms is refused by the rules on deprecated fields before the translation could throw.
    const mixed = refused({
      id: '/m',
      container: { docker: { image: 'i', network: 'BRIDGE' } },
      ipAddress: {},
      networks: [{ mode: 'host' }],
    });
    expect(mixed.status).toBe(422);
    expect(mixed.body.details).toEqual([
      {
        path: '/',
        errors: ['must not specify both container.docker.network and networks', 'must not specify both networks and ipAddress'],
      },
    ]);
    const both = refused({
      id: '/d',
      container: { type: 'MESOS', docker: { image: 'i' }, portMappings: [] },
      ipAddress: { networkName: 'dcos', discovery: { ports: [{ number: 1, name: 'p' }] } },
    });
    expect(both.body.message).toBe('container.portMappings and ipAddress.discovery.ports must not both be set');
  });

  it('archives are extracted by their path, whatever the query or fragment; an opaque URI is not', () => {
    const fetch = (uri: string) => normalized({ id: '/f', cmd: 'run x', uris: [uri] }).fetch[0].extract;
    expect(fetch('https://h/a.zip?x=1')).toBe(true);
    expect(fetch('pkg.tar.gz#frag')).toBe(true);
    expect(fetch('a:b.tgz')).toBe(false);
  });

  it('port mappings at both levels: docker ones clash with any container list, even an empty one', () => {
    const both = refused({
      id: '/x',
      networks: [{ mode: 'container/bridge' }],
      container: { portMappings: [], docker: { image: 'i', portMappings: [{}] } },
    });
    expect(both.body.message).toBe('cannot specify both portMappings and docker.portMappings');
    const app = normalized({
      id: '/x',
      networks: [{ mode: 'container/bridge' }],
      container: { portMappings: [{}], docker: { image: 'i', portMappings: [] } },
    });
    expect(app.container.portMappings).toEqual([{ containerPort: 0, hostPort: 0, labels: {}, protocol: 'tcp', servicePort: 0 }]);
  });

  it('health checks on a port get portIndex 0; COMMAND checks do not; readiness checks are ready on 200', () => {
    const app = normalized({
      id: '/h',
      cmd: 'run x',
      portDefinitions: [{ port: 0, name: 'default' }],
      healthChecks: [
        { protocol: 'HTTP', path: '/' },
        { protocol: 'TCP', port: 88 },
        { protocol: 'COMMAND', command: { value: 'true' } },
      ],
      readinessChecks: [{ name: 'readinessCheck', portName: 'default' }],
    });
    expect(app.healthChecks.map((h: Json) => h.portIndex)).toEqual([0, undefined, undefined]);
    expect(app.readinessChecks[0].httpStatusCodesForReady).toEqual([200]);
  });

  it("role: the app's own, else --mesos_role", () => {
    expect(normalized({ id: '/r', cmd: 'run x' }).role).toBe('*');
    expect(normalized({ id: '/r', cmd: 'run x' }, { ...CTX, defaultRole: 'slave_public' }).role).toBe('slave_public');
  });
});

describe('the written app (AppConversion.appWriter)', () => {
  it('a minimal app: every defaulted field, omitEmpty lists left out', () => {
    expect(normalized({ id: 'app', cmd: 'sleep 100' })).toEqual({
      id: '/app',
      backoffFactor: 1.15,
      backoffSeconds: 1,
      cmd: 'sleep 100',
      cpus: 1,
      disk: 0,
      executor: '',
      instances: 1,
      labels: {},
      maxLaunchDelaySeconds: 300,
      mem: 128,
      gpus: 0,
      networks: [{ mode: 'host' }],
      portDefinitions: [{ port: 0, name: 'default', protocol: 'tcp' }],
      requirePorts: false,
      upgradeStrategy: { maximumOverCapacity: 1, minimumHealthCapacity: 1 },
      killSelection: 'YOUNGEST_FIRST',
      unreachableStrategy: { inactiveAfterSeconds: 0, expungeAfterSeconds: 0 },
      role: '*',
    });
  });

  it('HTTP checks are written with delaySeconds 15 and ignoreHttp1xx false whatever was posted; MESOS_HTTP keeps them', () => {
    const app = normalized({
      id: '/h',
      cmd: 'run x',
      healthChecks: [
        { protocol: 'HTTP', ignoreHttp1xx: true, delaySeconds: 3 },
        { protocol: 'MESOS_HTTP', delaySeconds: 3 },
      ],
    });
    expect(app.healthChecks[0]).toMatchObject({ ignoreHttp1xx: false, delaySeconds: 15, ipProtocol: 'IPv4' });
    expect(app.healthChecks[1]).toMatchObject({ delaySeconds: 3 });
    expect(app.healthChecks[1]).not.toHaveProperty('ignoreHttp1xx');
  });

  it('an app with a persistent volume: resident defaults (upgrade 0.5 / 0, unreachable disabled, residency)', () => {
    const app = normalized(
      {
        id: '/p',
        cmd: 'run x',
        role: 'foo',
        container: { type: 'MESOS', volumes: [{ containerPath: 'data', mode: 'RW', persistent: { size: 10 } }] },
      },
      { ...CTX, defaultRole: 'foo' },
    );
    expect(app.upgradeStrategy).toEqual({ maximumOverCapacity: 0, minimumHealthCapacity: 0.5 });
    expect(app.unreachableStrategy).toBe('disabled');
    expect(app.residency).toEqual({ relaunchEscalationTimeoutSeconds: 3600, taskLostBehavior: 'WAIT_FOREVER' });
    expect(app.container.volumes).toEqual([{ containerPath: 'data', persistent: { type: 'root', size: 10, constraints: [] }, mode: 'RW' }]);
  });
});

async function cluster(): Promise<Sandbox> {
  const sb = await createSandbox(scenario([agent('a1', { cpus: 8, mem: 8192 })], []));
  untilBooted(sb);
  return sb;
}

const get = (sb: Sandbox, path: string) => sb.request({ method: 'GET', path }).body as Json;
const post = (sb: Sandbox, path: string, body: unknown) => sb.request({ method: 'POST', path, body });
const put = (sb: Sandbox, path: string, body: unknown) => sb.request({ method: 'PUT', path, body });

describe('service ports (AssignDynamicServiceLogicTest) through the API', () => {
  it('POST answers with port 0 and no versionInfo; GET shows the assigned port, the lowest free from 10000', async () => {
    const sb = await cluster();
    const created = post(sb, '/marathon/v2/apps', { id: '/a', cmd: 'run x', cpus: 0.1, mem: 16 });
    expect(created.status).toBe(201);
    const body = created.body as Json;
    expect(body.portDefinitions).toEqual([{ port: 0, name: 'default', protocol: 'tcp' }]);
    expect(body).not.toHaveProperty('versionInfo');
    expect(body).toMatchObject({ tasksStaged: 0, tasksRunning: 0, tasksHealthy: 0, tasksUnhealthy: 0 });
    const app = get(sb, '/marathon/v2/apps/a').app;
    expect(app.portDefinitions).toEqual([{ port: 10000, name: 'default', protocol: 'tcp' }]);
    expect(app.versionInfo).toEqual({ lastScalingAt: app.version, lastConfigChangeAt: app.version });
    expect(app.tasks).toBeDefined();
    expect(get(sb, '/marathon/v2/apps').apps[0]).not.toHaveProperty('tasks');
  });

  it('ports stay unique across apps, fixed ones are kept and skipped, mappings get service ports and keep host ports', async () => {
    const sb = await cluster();
    post(sb, '/marathon/v2/apps', { id: '/fixed', cmd: 'run x', cpus: 0.1, mem: 16, portDefinitions: [{ port: 10001 }, { port: 0 }] });
    post(sb, '/marathon/v2/apps', { id: '/two', cmd: 'run x', cpus: 0.1, mem: 16, ports: [0, 0] });
    post(sb, '/marathon/v2/apps', {
      id: '/bridge',
      cpus: 0.1,
      mem: 16,
      networks: [{ mode: 'container/bridge' }],
      container: { docker: { image: 'nginx' }, portMappings: [{ containerPort: 80 }] },
    });
    const ports = (id: string) => get(sb, `/marathon/v2/apps${id}`).app.portDefinitions?.map((p: Json) => p.port);
    expect(ports('/fixed')).toEqual([10001, 10000]);
    expect(ports('/two')).toEqual([10002, 10003]);
    const mapping = get(sb, '/marathon/v2/apps/bridge').app.container.portMappings[0];
    expect(mapping).toMatchObject({ containerPort: 80, hostPort: 0, servicePort: 10004 });
  });

  it('a changed app keeps its fixed ports, and its 0s take back its own old ports before new ones', async () => {
    const sb = await cluster();
    post(sb, '/marathon/v2/apps', { id: '/a', cmd: 'run x', cpus: 0.1, mem: 16, ports: [0, 0] });
    post(sb, '/marathon/v2/apps', { id: '/b', cmd: 'run x', cpus: 0.1, mem: 16 });
    expect(
      put(sb, '/marathon/v2/apps/a?partialUpdate=false&force=true', {
        cmd: 'run y',
        cpus: 0.1,
        mem: 16,
        portDefinitions: [{ port: 10000 }, { port: 0 }, { port: 10001 }],
      }).status,
    ).toBe(200);
    // 10002 is /b's: the new port is the next free one.
    expect(get(sb, '/marathon/v2/apps/a').app.portDefinitions.map((p: Json) => p.port)).toEqual([10000, 10003, 10001]);
    expect(put(sb, '/marathon/v2/apps/a?partialUpdate=false&force=true', { cmd: 'run z', cpus: 0.1, mem: 16, ports: [0, 0] }).status).toBe(
      200,
    );
    expect(get(sb, '/marathon/v2/apps/a').app.portDefinitions.map((p: Json) => p.port)).toEqual([10000, 10003]);
  });

  it('scaling an app does not change its ports or its config version', async () => {
    const sb = await cluster();
    post(sb, '/marathon/v2/apps', { id: '/s', cmd: 'run x', cpus: 0.1, mem: 16, healthChecks: [{ protocol: 'HTTP' }] });
    sb.advance(5000);
    const before = get(sb, '/marathon/v2/apps/s').app;
    expect(put(sb, '/marathon/v2/apps/s?force=true', { instances: 2 }).status).toBe(200);
    const after = get(sb, '/marathon/v2/apps/s').app;
    expect(after.portDefinitions).toEqual(before.portDefinitions);
    expect(after.versionInfo.lastConfigChangeAt).toBe(before.versionInfo.lastConfigChangeAt);
  });
});

describe('normalization is idempotent (property)', () => {
  const port = fc.constantFrom(0, 0, 80, 8080, 10500);
  const mapping = fc.record(
    {
      containerPort: fc.constantFrom(0, 80, 443),
      hostPort: fc.constantFrom(0, 31000),
      name: fc.constantFrom('http', 'admin'),
      protocol: fc.constantFrom('tcp', 'udp'),
    },
    { requiredKeys: [] },
  );
  const networking = fc.oneof(
    fc.record({ portDefinitions: fc.array(port, { maxLength: 3 }).map((ps) => ps.map((p) => ({ port: p }))) }, { requiredKeys: [] }),
    fc.record({ ports: fc.array(fc.constant(0), { maxLength: 3 }) }),
    fc.record({
      networks: fc.constant([{ mode: 'container/bridge' }]),
      container: fc.record({ docker: fc.constant({ image: 'nginx' }), portMappings: fc.array(mapping, { maxLength: 2 }) }),
    }),
    fc.record({ networks: fc.constant([{ mode: 'container', name: 'dcos' }]) }),
    fc.record({ container: fc.constant({ docker: { image: 'nginx', network: 'BRIDGE' } }) }),
    fc.record({ ipAddress: fc.constant({ networkName: 'dcos' }) }),
  );
  const extras = fc.record(
    {
      uris: fc.constantFrom(['http://h/a.tgz'], ['b.sh']),
      labels: fc.constant({ A: 'b' }),
      env: fc.constant({ X: '1' }),
      instances: fc.integer({ min: 0, max: 5 }),
      healthChecks: fc.array(fc.record({ protocol: fc.constantFrom('HTTP', 'TCP', 'MESOS_HTTP'), delaySeconds: fc.constantFrom(3, 15) }), {
        maxLength: 1,
      }),
      constraints: fc.constant([['hostname', 'UNIQUE']]),
      user: fc.constant('nobody'),
    },
    { requiredKeys: [] },
  );

  it('an accepted definition reads back in a form that, posted again, is accepted and reads back the same (300 cases)', () => {
    fc.assert(
      fc.property(networking, extras, (net, more) => {
        const body = { id: '/p', cmd: 'run x', ...more, ...net };
        const first = readApp(body, CTX);
        fc.pre(first.ok);
        if (!first.ok) return;
        const written = writtenApp(first.app);
        const second = readApp(JSON.parse(JSON.stringify(written)), CTX);
        expect(second.ok).toBe(true);
        if (second.ok) expect(writtenApp(second.app)).toEqual(written);
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});

describe('host ports of port mappings', () => {
  /** A booted cluster of one agent with a single port, 31000. */
  async function onePortAgent(): Promise<Sandbox> {
    const sb = await createSandbox(scenario([agent('a1', { cpus: 8, mem: 8192, ports: [[31000, 31000]] })], []));
    untilBooted(sb);
    return sb;
  }

  it('a bridge mapping with a fixed host port takes that port: a second instance on a one-port agent waits', async () => {
    const sb = await onePortAgent();
    post(sb, '/marathon/v2/apps', {
      id: '/fixed',
      instances: 2,
      cpus: 0.1,
      mem: 16,
      networks: [{ mode: 'container/bridge' }],
      container: { docker: { image: 'nginx' }, portMappings: [{ containerPort: 80, hostPort: 31000 }] },
    });
    sb.advance(20_000);
    const app = get(sb, '/marathon/v2/apps/fixed').app;
    expect(app.tasks).toHaveLength(1);
    expect(app.tasks[0].ports).toEqual([31000]);
  });

  it('a container network mapping without a host port takes none', async () => {
    const sb = await onePortAgent();
    post(sb, '/marathon/v2/apps', {
      id: '/ip',
      instances: 3,
      cpus: 0.1,
      mem: 16,
      cmd: 'run x',
      networks: [{ mode: 'container', name: 'dcos' }],
    });
    sb.advance(20_000);
    expect(get(sb, '/marathon/v2/apps/ip').app.tasksRunning).toBe(3);
  });
});

describe('bad JSON in any field Marathon reads', () => {
  it('is refused with a 422, never a crash, at the top level, in a container and in its docker object (720 bodies)', () => {
    const bad: unknown[] = [null, 1, 'x', [], {}, [null], [1], { a: null }];
    const fields = [
      ['readinessChecks', 'secrets', 'check', 'resourceLimits', 'executorResources', 'fetch', 'uris', 'networks'],
      ['ipAddress', 'container', 'portDefinitions', 'ports', 'labels', 'env', 'user', 'tty'],
      [
        'taskKillGracePeriodSeconds',
        'args',
        'dependencies',
        'healthChecks',
        'constraints',
        'acceptedResourceRoles',
        'upgradeStrategy',
        'unreachableStrategy',
      ],
    ].flat();
    for (const field of fields)
      for (const value of bad)
        for (const body of [
          { id: '/h', cmd: 'run it', [field]: value },
          { id: '/h', cmd: 'run it', container: { type: 'MESOS', [field]: value } },
          { id: '/h', cmd: 'run it', container: { type: 'DOCKER', docker: { image: 'i', [field]: value } } },
        ]) {
          const read = readApp(body, CTX);
          expect(read.ok || read.status === 422, JSON.stringify(body)).toBe(true);
          if (read.ok) expect(() => writtenApp(read.app)).not.toThrow();
        }
  });
});

describe('tasksStats (embed=apps.taskStats; TaskStatsByVersion, TaskStats, TaskLifeTime)', () => {
  it('counts and life times of launched instances, in all and by version; only with the embed', async () => {
    const sb = await boot([agent('a1', { cpus: 4, mem: 4096 })]);
    deploy(sb, { id: '/s', cmd: 'run it', instances: 2, cpus: 0.1, mem: 16 });
    sb.advance(20_000);
    const byList = get(sb, '/marathon/v2/apps?embed=apps.taskStats').apps[0];
    expect(byList).not.toHaveProperty('taskStats');
    const stats = byList.tasksStats;
    expect(Object.keys(stats)).toEqual(['startedAfterLastScaling', 'withLatestConfig', 'totalSummary']);
    expect(stats.totalSummary.stats.counts).toEqual({ staged: 0, running: 2, healthy: 0, unhealthy: 0 });
    expect(stats.totalSummary.stats.lifeTime.averageSeconds).toBeGreaterThan(10);
    expect(stats.totalSummary.stats.lifeTime.medianSeconds).toBeLessThan(20);
    // A config change: the old instances are outdated until replaced.
    expect(put(sb, '/marathon/v2/apps/s', { env: { V: '2' } }).status).toBe(200);
    sb.advance(1_000);
    const during = get(sb, '/marathon/v2/apps/s?embed=app.taskStats').app.tasksStats;
    expect(during.withOutdatedConfig.stats.counts.running).toBe(2);
    expect(get(sb, '/marathon/v2/apps').apps[0]).not.toHaveProperty('tasksStats');
  });
});
