/**
 * Marathon 1.11's rules on an app that the sandbox answers without simulating what they guard, each with the input
 * of the upstream test named in its title (AppValidationTest, AppsResourceTest, RunSpecValidatorTest,
 * AppDefinitionTest, EnvVarValidationTest, SchedulingValidationTest in mesosphere/marathon), written fresh, on a
 * Marathon as DC/OS runs it (no `secrets` feature, role slave_public).
 */
import { describe, expect, it } from 'vitest';
import { readApp, type AppContext } from '../../../src/common/marathon/validate-app.ts';
import { scalaDouble } from '../../../src/common/marathon/app-rules.ts';

const CTX: AppContext = { base: '/', defaultRole: 'slave_public' };
type Json = Record<string, unknown>;

function details(body: Json, ctx: AppContext = CTX) {
  const read = readApp(body, ctx);
  if (read.ok) throw new Error('accepted');
  return { status: read.status, message: read.body.message, details: read.body.details };
}
const accepted = (body: Json, ctx: AppContext = CTX) => readApp(body, ctx).ok;
const SECRETS_OFF = 'Feature secrets is not enabled. Enable with --enable_features secrets)';

describe('commands and containers', () => {
  it('cmd and args together are refused, container or not; args [] counts as none (RunSpecValidatorTest "container, cmd and args is not valid")', () => {
    const both = { id: '/a', cmd: 'run it', args: ['a'], container: { type: 'MESOS', docker: { image: 'i' } } };
    expect(details(both).details).toEqual([
      { path: '/', errors: ["AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'."] },
    ]);
    expect(accepted({ id: '/a', cmd: 'run it', args: [] })).toBe(true);
  });

  it('a one-character cmd is refused (Marathon checks length > 1); "" is a JSON reader error', () => {
    expect(details({ id: '/a', cmd: 'x' }).details).toEqual([{ path: '/', errors: ['must not be an empty string'] }]);
    expect(details({ id: '/a', cmd: '' })).toMatchObject({
      message: 'Invalid JSON',
      details: [{ path: '/cmd', errors: ['error.minLength'] }],
    });
  });

  it('a MESOS container without an image needs a command, in the second pass (RunSpecValidatorTest "empty container is invalid")', () => {
    expect(details({ id: '/a', container: { type: 'MESOS' } }).details).toEqual([
      { path: '/', errors: ["AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'."] },
    ]);
    expect(accepted({ id: '/a', cmd: 'run it', container: { type: 'MESOS' } })).toBe(true);
  });

  it('DOCKER without docker: /container/docker not defined (AppsResourceTest "Replace an existing application fails due to docker container validation")', () => {
    expect(details({ id: '/a', cmd: 'run it', container: { type: 'DOCKER' } }).details).toEqual([
      { path: '/container/docker', errors: ['not defined'] },
    ]);
  });

  it('Docker-only fields on a MESOS container must be empty (validateOldAppAPI)', () => {
    const d = details({
      id: '/a',
      cmd: 'run it',
      container: { type: 'MESOS', docker: { image: 'i', network: 'BRIDGE', parameters: [{ key: 'k', value: 'v' }], portMappings: [] } },
    });
    expect(d.details).toEqual([
      { path: '/container/docker/network', errors: ['must be empty'] },
      { path: '/container/docker/parameters', errors: ['must be empty'] },
      { path: '/container/docker/portMappings', errors: ['must be empty'] },
    ]);
  });

  it('pullConfig: not with Docker; with Mesos it needs the secrets feature and a secret (AppValidationTest "pull config when secrets feature is disabled")', () => {
    expect(
      details({ id: '/a', cmd: 'run it', container: { type: 'DOCKER', docker: { image: 'i', pullConfig: { secret: 's' } } } }).details,
    ).toEqual([{ path: '/container/docker/pullConfig', errors: ['pullConfig is not supported with Docker containerizer'] }]);
    expect(
      details({ id: '/a', cmd: 'run it', container: { type: 'MESOS', docker: { image: 'i', pullConfig: { secret: 'aSecret' } } } }).details,
    ).toEqual([
      {
        path: '/container/docker/pullConfig',
        errors: ['must be empty', SECRETS_OFF, 'pullConfig.secret must refer to an existing secret'],
      },
    ]);
  });

  it('GPUs only with the Mesos containerizer (AppDefinitionTest); one container network with Docker (AppValidationTest "limit docker containers to a single network")', () => {
    expect(details({ id: '/g', cmd: 'run it', gpus: 1, container: { type: 'DOCKER', docker: { image: 'i' } } }).details).toEqual([
      { path: '/', errors: ['GPU resources only work with the Mesos containerizer'] },
    ]);
    const two = {
      id: '/n',
      cmd: 'run it',
      container: { type: 'DOCKER', docker: { image: 'i' } },
      networks: [
        { mode: 'container', name: 'one' },
        { mode: 'container', name: 'two' },
      ],
    };
    expect(details(two).details).toContainEqual({
      path: '/',
      errors: ['may only specify a single container network when using the Docker container engine'],
    });
  });

  it('checks are not for Docker apps (AppDefinitionTest)', () => {
    expect(
      details({ id: '/c', cmd: 'run it', container: { type: 'DOCKER', docker: { image: 'i' } }, check: { tcp: { portIndex: 0 } } }).details,
    ).toEqual([{ path: '/', errors: ["AppDefinition must not use 'checks' if using docker"] }]);
  });
});

describe('secrets on open DC/OS (no secrets feature)', () => {
  it('secrets, env references and file secrets are refused (AppsResourceTest "The secrets feature is NOT enabled and create app … fails")', () => {
    const d = details({ id: '/s', cmd: 'run it', secrets: { foo: { source: '/bar' } }, env: { NAMED_FOO: { secret: 'foo' } } });
    expect(d.details).toEqual([
      { path: '/secrets', errors: [SECRETS_OFF] },
      { path: '/env', errors: ['use of secret-references in the environment requires the secrets feature to be enabled'] },
    ]);
    const file = details({ id: '/s', cmd: 'run it', container: { type: 'MESOS', volumes: [{ containerPath: '/path', secret: 'foo' }] } });
    expect(file.details).toEqual([
      { path: '/container/secretVolumes(container)', errors: ['must be empty', SECRETS_OFF] },
      { path: '/container/volumes(0)', errors: ['volume.secret must refer to an existing secret'] },
    ]);
  });

  it('with the feature on, a reference to an undefined secret (AppsResourceTest "Create a new app (that uses undefined secret ref) and fails")', () => {
    const withSecrets = { ...CTX, features: ['secrets'] };
    expect(details({ id: '/s', cmd: 'run it', env: { NAMED_FOO: { secret: 'foo' } } }, withSecrets).details).toEqual([
      { path: '/env/NAMED_FOO/secret', errors: ['references an undefined secret'] },
    ]);
    expect(
      accepted({ id: '/s', cmd: 'run it', secrets: { foo: { source: '/bar' } }, env: { NAMED_FOO: { secret: 'foo' } } }, withSecrets),
    ).toBe(true);
  });
});

describe('port mappings over networks (AppValidationTest)', () => {
  const net = (names: string[]) => names.map((name) => ({ mode: 'container', name }));
  it('"general port validation": names unique', () => {
    const body = {
      id: '/p',
      cmd: 'run it',
      networks: net(['one']),
      container: {
        type: 'MESOS',
        portMappings: [
          { name: 'name', hostPort: 123 },
          { name: 'name', hostPort: 123 },
        ],
      },
    };
    expect(details(body).details).toEqual([{ path: '/container/portMappings', errors: ['Port names must be unique.'] }]);
  });
  it('"require networkNames for hostPort to containerPort mapping" and "non-matching network name"', () => {
    const multi = {
      id: '/p',
      cmd: 'run it',
      networks: net(['one', 'two']),
      container: { type: 'MESOS', portMappings: [{ containerPort: 80, hostPort: 0 }] },
    };
    expect(details(multi).details).toEqual([
      {
        path: '/container/portMappings(0)',
        errors: ['networkNames must be a single item list when hostPort is specified and more than 1 container network is defined'],
      },
    ]);
    const unknown = {
      id: '/p',
      cmd: 'run it',
      networks: net(['one']),
      container: { type: 'MESOS', portMappings: [{ containerPort: 80, networkNames: ['undefined-network-name'] }] },
    };
    expect(details(unknown).details).toEqual([{ path: '/container/portMappings(0)/networkNames(0)', errors: ['is not one of (one)'] }]);
    expect(
      accepted({ ...multi, container: { type: 'MESOS', portMappings: [{ containerPort: 80, hostPort: 0, networkNames: ['two'] }] } }),
    ).toBe(true);
  });
});

describe('readiness checks (AppDefinitionReadinessCheckValidationTest, ReadinessCheckValidatorTest)', () => {
  const base = { id: '/r', cmd: 'run it', portDefinitions: [{ port: 0, name: 'http-api' }] };
  it('one at most, on a named port, timing out before the next one', () => {
    expect(accepted({ ...base, readinessChecks: [{ name: 'readinessCheck' }] })).toBe(true);
    expect(details({ ...base, readinessChecks: [{}, {}] }).details).toEqual([
      { path: '/readinessChecks/size', errors: ['got 2, expected 1 or less'] },
    ]);
    expect(details({ id: '/r', cmd: 'run it', readinessChecks: [{}] }).details).toEqual([
      { path: '/readinessChecks(0)/portName', errors: ['No port definition reference for portName http-api'] },
    ]);
    expect(details({ ...base, readinessChecks: [{ timeoutSeconds: 30, intervalSeconds: 30 }] }).details).toEqual([
      { path: '/readinessChecks(0)/timeoutSeconds', errors: ['got 30, expected less than 30'] },
    ]);
  });
});

describe('resource limits (AppValidationTest "resourceLimits validation")', () => {
  const app = { id: '/l', cmd: 'run it', mem: 256, cpus: 2 };
  it('unlimited or at least the request', () => {
    for (const ok of [{ mem: 256 }, { mem: 300 }, { mem: 'unlimited' }, { cpus: 2 }, { cpus: 10 }])
      expect(accepted({ ...app, resourceLimits: ok })).toBe(true);
    expect(details({ ...app, resourceLimits: { mem: 200 } }).details).toEqual([
      { path: '/resourceLimits/mem', errors: ['resource limit must be greater than or equal to requested resource (256.0)'] },
    ]);
    expect(details({ ...app, resourceLimits: { cpus: 1 } }).details).toEqual([
      { path: '/resourceLimits/cpus', errors: ['resource limit must be greater than or equal to requested resource (2.0)'] },
    ]);
    expect(details({ ...app, resourceLimits: { mem: 'Infinity' } }).details).toEqual([
      { path: '/resourceLimits/mem', errors: ["'Infinity' is an invalid resource limit. It must be 'unlimited' or a number"] },
    ]);
  });
});

describe('labels of DC/OS packages (RunSpecValidatorTest, AppDefinitionSchedulerValidationTest)', () => {
  const single = { id: '/sdk', cmd: 'run it', labels: { MARATHON_SINGLE_INSTANCE_APP: 'true' } };
  it('a single-instance app runs at most one instance, with the {0, 0} upgrade strategy it must state', () => {
    expect(accepted({ ...single, instances: 1, upgradeStrategy: { minimumHealthCapacity: 0, maximumOverCapacity: 0 } })).toBe(true);
    expect(details({ ...single, instances: 2, upgradeStrategy: { minimumHealthCapacity: 0, maximumOverCapacity: 0 } }).details).toEqual([
      { path: '/', errors: ['Single instance app may only have one instance'] },
    ]);
    expect(details({ ...single, upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 0 } }).details).toEqual([
      { path: '/upgradeStrategy/minimumHealthCapacity', errors: ['got 1.0, expected 0.0'] },
    ]);
    expect(details(single).details).toEqual([
      { path: '/isSingleInstance', errors: ['must be false'] },
      { path: '/upgradeStrategy/minimumHealthCapacity', errors: ['got 1.0, expected 0.0'] },
      { path: '/upgradeStrategy/maximumOverCapacity', errors: ['got 1.0, expected 0.0'] },
    ]);
  });
  it('the migration API labels come together', () => {
    const labels = { DCOS_MIGRATION_API_VERSION: 'v1', DCOS_PACKAGE_FRAMEWORK_NAME: 'kafka', DCOS_MIGRATION_API_PATH: '/v1/plan' };
    expect(accepted({ id: '/m', cmd: 'run it', labels })).toBe(true);
    const message = 'DCOS_PACKAGE_FRAMEWORK_NAME and DCOS_MIGRATION_API_PATH must be defined when using DCOS_MIGRATION_API_VERSION';
    expect(details({ id: '/m', cmd: 'run it', labels: { DCOS_MIGRATION_API_VERSION: 'v1' } }).details).toEqual([
      { path: '/', errors: [message] },
    ]);
    expect(details({ id: '/m', cmd: 'run it', labels: { ...labels, DCOS_MIGRATION_API_VERSION: 'v2' } }).details).toEqual([
      { path: '/', errors: [message] },
    ]);
  });
});

describe('resident apps (persistent volumes)', () => {
  const volume = { containerPath: 'data', mode: 'RW', persistent: { size: 10 } };
  const resident = { id: '/db', cmd: 'run it', role: 'slave_public', container: { type: 'MESOS', volumes: [volume] } };
  it('accepted with their defaults; refused with role * (AppsResourceTest "Create a new resident app with role * should reject")', () => {
    expect(accepted(resident)).toBe(true);
    expect(details({ ...resident, role: '*' }, { ...CTX, defaultRole: '*' }).details).toEqual([
      { path: '/role', errors: ['Resident apps cannot have the role *'] },
    ]);
  });
  it('keep their data on one agent: no over-capacity, no unreachable replacement, only unreserved roles', () => {
    expect(details({ ...resident, upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0.5 } }).details).toEqual([
      { path: '/upgradeStrategy/maximumOverCapacity', errors: ['got 0.5, expected 0.0'] },
    ]);
    expect(details({ ...resident, unreachableStrategy: { inactiveAfterSeconds: 0, expungeAfterSeconds: 0 } }).details).toEqual([
      { path: '/', errors: ['unreachableStrategy must be disabled for resident tasks'] },
    ]);
    expect(details({ ...resident, acceptedResourceRoles: ['slave_public'] }).details).toEqual([
      { path: '/acceptedResourceRoles', errors: ['A resident app must have `acceptedResourceRoles = ["*"]`.'] },
    ]);
  });
});

describe('roles and constraints', () => {
  it('acceptedResourceRoles: one message however many entries are wrong ("Create an app in root with acceptedResourceRoles = customMesosRole")', () => {
    expect(details({ id: '/a', cmd: 'run it', acceptedResourceRoles: ['x', 'y'] }, { ...CTX, defaultRole: '*' }).details).toEqual([
      { path: '/acceptedResourceRoles', errors: ['acceptedResourceRoles can only contain *'] },
    ]);
    expect(details({ id: '/a', cmd: 'run it', acceptedResourceRoles: ['x'] }).details).toEqual([
      { path: '/acceptedResourceRoles', errors: ['acceptedResourceRoles can only contain * and slave_public'] },
    ]);
  });
  it('constraints are a set: rules at /constraints; the JSON reader wants arrays of 2 or 3 strings (SchedulingValidationTest)', () => {
    expect(details({ id: '/a', cmd: 'run it', constraints: [['a', 'b', 'c']] }).details).toEqual([
      { path: '/constraints', errors: ['operator must be one of the following UNIQUE, CLUSTER, GROUP_BY, LIKE, MAX_PER, UNLIKE or IS'] },
    ]);
    expect(details({ id: '/a', cmd: 'run it', constraints: [['rack', 'IS', '[0-9]']] }).details).toEqual([
      {
        path: '/constraints',
        errors: ['IS only supports Mesos text and float values (see http://mesos.apache.org/documentation/latest/attributes-resources/)'],
      },
    ]);
    expect(details({ id: '/a', cmd: 'run it', constraints: [['rack'], { fieldName: 'rack', operator: 'UNIQUE' }] })).toMatchObject({
      message: 'Invalid JSON',
      details: [
        { path: '/constraints(0)', errors: ['error.minLength'] },
        { path: '/constraints(1)', errors: ['error.expected.jsarray'] },
      ],
    });
  });
});

describe('killSelection (an enum of the JSON reader)', () => {
  it("is read case-insensitively and written in upper case; anything else is the reader's error", () => {
    const read = readApp({ id: '/k', cmd: 'run it', killSelection: 'oldest_first' }, CTX);
    expect(read.ok && read.app.killSelection).toBe('OLDEST_FIRST');
    expect(details({ id: '/k', cmd: 'run it', killSelection: 'NEWEST' })).toMatchObject({
      message: 'Invalid JSON',
      details: [{ path: '/killSelection', errors: ['error.unknown.enum.literal'] }],
    });
  });
});

describe('numbers in messages are printed as Scala prints a Double', () => {
  it.each([
    [1, '1.0'],
    [0.5, '0.5'],
    [256, '256.0'],
    [0.0001, '1.0E-4'],
    [1e7, '1.0E7'],
    [1.5e-5, '1.5E-5'],
  ])('%d → %s', (x, text) => expect(scalaDouble(x)).toBe(text));
});

describe('URIs and role names', () => {
  it('fetch and uris must parse as java.net.URI does (AppDefinitionTest: "d://\\nnot-a-uri")', () => {
    expect(details({ id: '/f', cmd: 'run it', fetch: [{ uri: 'http://example.com/valid' }, { uri: 'd://\nnot-a-uri' }] }).details).toEqual([
      { path: '/fetch(1)/uri', errors: ['URI has invalid syntax.'] },
    ]);
    expect(details({ id: '/f', cmd: 'run it', uris: ['http://h/a b.tgz'] }).details).toEqual([
      { path: '/uris(0)', errors: ['URI has invalid syntax.'] },
    ]);
    for (const ok of ['/root/file', 'file:///tmp/x', 'https://user@[::1]:8080/a?b#c', 'hdfs://namenode/x.tgz', 'relative/path.zip'])
      expect(accepted({ id: '/f', cmd: 'run it', fetch: [{ uri: ok }] }), ok).toBe(true);
    for (const bad of ['http://', 'a%zz', 'x#y#z', '1http://h', 'mailto:', 'http://h/[x]'])
      expect(accepted({ id: '/f', cmd: 'run it', fetch: [{ uri: bad }] }), bad).toBe(false);
  });

  it('role names in acceptedResourceRoles (ResourceRole): not "", ".", "..", no leading dash, no space or slash', () => {
    expect(details({ id: '/r', cmd: 'run it', acceptedResourceRoles: ['..'] }).details).toContainEqual({
      path: '/acceptedResourceRoles',
      // Marathon gathers a path's errors in a set: their order is not part of the answer.
      errors: expect.arrayContaining([
        'A role name must not be "..".',
        'acceptedResourceRoles can only contain * and slave_public',
      ]) as string[],
    });
    expect(details({ id: '/r', cmd: 'run it', acceptedResourceRoles: ['a b'] }).details).toContainEqual({
      path: '/acceptedResourceRoles(1)',
      errors: ['A role name must not include a space (\\x20) character.'],
    });
  });
});

describe('volumes (RunSpecValidatorTest, AppsResourceTest external-volume cases)', () => {
  const app = (volumes: Json[], type = 'MESOS') => ({
    id: '/v',
    cmd: 'run it',
    container: { type, ...(type === 'DOCKER' ? { docker: { image: 'i' } } : {}), volumes },
  });
  const persistent = (over: Json = {}, inner: Json = {}) => ({
    containerPath: 'data',
    mode: 'RW',
    persistent: { size: 10, ...inner },
    ...over,
  });
  it('a persistent volume: a relative single-segment path, RW, a positive size; maxSize only on mount volumes, above size', () => {
    expect(accepted(app([persistent({ containerPath: '.hidden' })]))).toBe(true);
    expect(details(app([persistent({ containerPath: '..' })])).details).toEqual([
      { path: '/container/volumes(0)/containerPath', errors: ['can not be one of (.,..)'] },
    ]);
    expect(details(app([persistent({ containerPath: 'foo/bar' })])).details).toEqual([
      { path: '/container/volumes(0)/containerPath', errors: ['value must not contain "/"'] },
    ]);
    expect(details(app([persistent({ mode: 'RO' })])).details).toEqual([
      { path: '/container/volumes(0)/mode', errors: ['does not equal RW'] },
    ]);
    expect(details(app([persistent({}, { size: 0 })])).details).toEqual([
      { path: '/container/volumes(0)/persistent/size', errors: ['got 0, expected more than 0'] },
    ]);
    expect(details(app([persistent({}, { maxSize: 20 })])).details).toEqual([
      { path: '/container/volumes(0)/persistent', errors: ['Only mount volumes can have maxSize'] },
    ]);
    expect(details(app([persistent({}, { type: 'mount', maxSize: 5 })])).details).toEqual([
      { path: '/container/volumes(0)/persistent', errors: ['Max size must be larger than size'] },
    ]);
  });
  it('persistent-volume constraints: path LIKE/UNLIKE only, not on root volumes', () => {
    expect(details(app([persistent({}, { constraints: [['path', 'LIKE', 'x']] })])).details).toEqual([
      { path: '/container/volumes(0)/persistent', errors: ['Constraints on root volumes are not supported'] },
    ]);
    const mount = (c: unknown[]) => app([persistent({}, { type: 'mount', constraints: [c] })]);
    expect(accepted(mount(['path', 'LIKE', '/mnt/.*']))).toBe(true);
    expect(details(mount(['rack', 'LIKE', 'x'])).details).toEqual([
      { path: '/container/volumes(0)/persistent/constraints', errors: ['Unsupported constraint rack,LIKE,x'] },
    ]);
    expect(details(mount(['path', 'UNIQUE', 'x'])).details).toEqual([
      { path: '/container/volumes(0)/persistent/constraints', errors: ['Operator must be one of LIKE, UNLIKE'] },
    ]);
    expect(details(mount(['path', 'NEAR', 'x'])).details).toEqual([
      { path: '/container/volumes(0)/persistent/constraints', errors: ['unknown constraint operator NEAR'] },
    ]);
    expect(details(mount(['path', 'LIKE', '('])).details).toEqual([
      { path: '/container/volumes(0)/persistent/constraints/(', errors: ['Invalid regular expression'] },
    ]);
  });
  it('external volumes: a known provider, a name, a driver; Docker takes only the driver and no size', () => {
    const ext = (external: Json, type = 'MESOS', over: Json = {}) => app([{ containerPath: '/var', mode: 'RW', external, ...over }], type);
    expect(accepted(ext({ name: 'vol', provider: 'dvdi', options: { 'dvdi/driver': 'rexray' } }))).toBe(true);
    expect(details(ext({ name: 'vol', provider: 'acme' })).details).toEqual([
      { path: '/container/volumes(0)/external/provider', errors: ['is unknown provider'] },
    ]);
    expect(details(ext({ size: 10 })).details).toEqual([
      { path: '/container/volumes(0)/external/name', errors: ['must not be empty'] },
      { path: '/container/volumes(0)/external/provider', errors: ['not defined'] },
    ]);
    expect(details(ext({ name: 'vol', provider: 'dvdi', options: {} }, 'DOCKER')).details).toEqual([
      { path: '/container/volumes(0)/external/options("dvdi/driver")', errors: ['not defined'] },
    ]);
    expect(details(ext({ name: 'vol', provider: 'dvdi', size: 10, options: { 'dvdi/driver': 'rexray' } }, 'DOCKER')).details).toEqual([
      { path: '/container/volumes(0)/external/size', errors: ['must be undefined for Docker containers'] },
    ]);
    expect(
      details(ext({ name: 'vol', provider: 'dvdi', options: { 'dvdi/driver': 'rexray' } }, 'MESOS', { containerPath: '.' })).details,
    ).toEqual([{ path: '/container/volumes(0)/containerPath', errors: ['can not be one of (.,..)'] }]);
  });
});

describe('health checks (AppValidation.scala 466-510, HealthCheckConversion)', () => {
  const docker = {
    id: '/hc',
    container: { type: 'DOCKER', docker: { image: 'nginx' }, portMappings: [{ containerPort: 80 }] },
    networks: [{ mode: 'container/bridge' }],
  };
  const IPV6 = 'IPv6 can only be used for container type DOCKER and Mesos http/https/tcp health checks';

  it('IPv6 only for Mesos http/https/tcp checks of a DOCKER container (AppValidationTest "health check validation")', () => {
    for (const protocol of ['MESOS_HTTP', 'MESOS_HTTPS', 'MESOS_TCP'])
      expect(accepted({ ...docker, healthChecks: [{ protocol, ipProtocol: 'IPv6' }] })).toBe(true);
    for (const protocol of ['HTTP', 'HTTPS', 'TCP'])
      expect(details({ ...docker, healthChecks: [{ protocol, ipProtocol: 'IPv6' }] }).details).toEqual([
        { path: '/healthChecks(0)', errors: [IPV6] },
      ]);
    expect(details({ ...docker, healthChecks: [{ protocol: 'COMMAND', command: { value: 'true' }, ipProtocol: 'IPv6' }] }).details).toEqual(
      [{ path: '/healthChecks(0)', errors: [IPV6] }],
    );
    // A UCR container (MESOS with a docker image) may not either, whatever the protocol.
    const ucr = { ...docker, container: { ...docker.container, type: 'MESOS' } };
    expect(details({ ...ucr, healthChecks: [{ protocol: 'MESOS_HTTP', ipProtocol: 'IPv6' }] }).details).toEqual([
      { path: '/healthChecks(0)', errors: [IPV6] },
    ]);
    expect(accepted({ ...ucr, healthChecks: [{ protocol: 'MESOS_HTTP', ipProtocol: 'IPv4' }] })).toBe(true);
  });

  it('a port index must address a port; a check with its own port needs none (AppDefinitionTest, RunSpecValidatorTest "should allow port specifications without port indices")', () => {
    const bridged = { ...docker, container: { ...docker.container, portMappings: [{ containerPort: 80 }, { containerPort: 81 }] } };
    expect(accepted({ ...bridged, healthChecks: [{ protocol: 'HTTP', portIndex: 1 }] })).toBe(true);
    expect(
      accepted({
        id: '/hc',
        container: { type: 'DOCKER', docker: { image: 'nginx' } },
        portDefinitions: [],
        healthChecks: [{ protocol: 'HTTP', port: 8000 }],
      }),
    ).toBe(true);
    expect(details({ id: '/hc', cmd: 'serve', portDefinitions: [], healthChecks: [{ protocol: 'HTTP', portIndex: 1 }] }).details).toEqual([
      {
        path: '/healthChecks(0)',
        errors: ['Health check port indices must address an element of the ports array or container port mappings.'],
      },
    ]);
    // Without an index or a port, the app's only port.
    expect(accepted({ id: '/hc', cmd: 'serve', healthChecks: [{ protocol: 'TCP' }] })).toBe(true);
  });

  it('at most one Mesos http/https/tcp check; COMMAND checks do not count (AppDefinitionMesosHealthCheckValidationTest)', () => {
    const command = { protocol: 'COMMAND', command: { value: 'true' } };
    expect(accepted({ id: '/hc', cmd: 'serve', healthChecks: [command, command] })).toBe(true);
    expect(accepted({ id: '/hc', cmd: 'serve', healthChecks: [command, { protocol: 'MESOS_HTTP' }] })).toBe(true);
    expect(
      details({
        id: '/hc',
        cmd: 'serve',
        portDefinitions: [{ port: 0 }, { port: 0 }],
        healthChecks: [{ protocol: 'MESOS_HTTP' }, { protocol: 'MESOS_TCP', portIndex: 1 }],
      }).details,
    ).toEqual([{ path: '/', errors: ['AppDefinition can contain at most one Mesos health check'] }]);
  });

  it('checks the conversion to the model cannot take are answered 500 with its message (HealthCheckConversion.appHealthCheckRamlReader)', () => {
    expect(details({ id: '/hc', cmd: 'serve', healthChecks: [{ protocol: 'COMMAND' }] })).toEqual({
      status: 500,
      message: 'illegal protocol COMMAND for non-command health check',
      details: undefined,
    });
    expect(details({ id: '/hc', cmd: 'serve', healthChecks: [{ command: { value: 'true' } }] })).toMatchObject({
      status: 500,
      message: 'illegal protocol HTTP specified with command',
    });
    expect(
      details({ id: '/hc', cmd: 'serve', healthChecks: [{ protocol: 'COMMAND', command: { value: 'true' }, path: '/x' }] }),
    ).toMatchObject({
      status: 500,
      message:
        'Invalid combination of HealthCheck parameters in AppHealthCheck(Some(AppCommandCheck(true)),300,None,60,3,Some(/x),None,None,COMMAND,IPv4,20,15)',
    });
  });
});

describe('constraint values as Marathon reads them (SchedulingValidation.complyWithConstraintRules, SchedulingValidationTest)', () => {
  const withConstraint = (c: string[]) => ({ id: '/c', cmd: 'serve', constraints: [c] });
  const refusal = (c: string[]) => details(withConstraint(c)).details;

  it('GROUP_BY and MAX_PER values are read by Integer.parseInt: a sign and leading zeros are fine, a fraction or beyond int32 is not', () => {
    for (const value of ['123', '+5', '-3', '007']) {
      expect(accepted(withConstraint(['rack', 'GROUP_BY', value]))).toBe(true);
      expect(accepted(withConstraint(['rack', 'MAX_PER', value]))).toBe(true);
    }
    for (const value of ['1.5', '99999999999', 'AbcDZ', '']) {
      expect(refusal(['rack', 'GROUP_BY', value])).toEqual([
        { path: '/constraints', errors: ['GROUP BY must define an integer value or else no value at all'] },
      ]);
      expect(refusal(['rack', 'MAX_PER', value])).toEqual([{ path: '/constraints', errors: ['MAX_PER requires an integer value'] }]);
    }
    expect(accepted(withConstraint(['rack', 'GROUP_BY']))).toBe(true);
  });

  it('IS without a value reads as "", which the pattern takes; LIKE "" compiles; a bad regex has Marathon\'s words', () => {
    expect(accepted(withConstraint(['rack', 'IS']))).toBe(true);
    expect(accepted(withConstraint(['rack', 'IS', 'value-1.2/3_4']))).toBe(true);
    expect(refusal(['rack', 'IS', '[0-9]'])?.[0]?.errors[0]).toMatch(/^IS only supports Mesos text and float values/);
    expect(accepted(withConstraint(['rack', 'LIKE', '']))).toBe(true);
    expect(accepted(withConstraint(['rack', 'UNLIKE', '.*']))).toBe(true);
    expect(refusal(['rack', 'LIKE'])).toEqual([
      { path: '/constraints', errors: ['LIKE and UNLIKE require a non-empty, regular expression value'] },
    ]);
    expect(refusal(['rack', 'LIKE', '*'])).toEqual([{ path: '/constraints', errors: ['is not a valid regular expression'] }]);
  });
});

describe('DVDI external volumes (DVDIProvider.scala, AppValidation.scala 239-242)', () => {
  const dvdi = (options: Json = { 'dvdi/driver': 'rexray' }, extra: Json = {}) => ({
    containerPath: 'data',
    mode: 'RW',
    external: { provider: 'dvdi', name: 'vol', options, ...extra },
  });
  const mesosApp = (volumes: Json[], extra: Json = {}) => ({
    id: '/dvdi',
    cmd: 'serve',
    container: { type: 'MESOS', volumes },
    upgradeStrategy: { minimumHealthCapacity: 0, maximumOverCapacity: 0 },
    ...extra,
  });

  it('rexray options are checked where Marathon quotes them (AppsResourceTest "...using an invalid rexray option should fail")', () => {
    expect(details(mesosApp([dvdi({ 'dvdi/driver': 'rexray', 'dvdi/iops': '0' })])).details).toEqual([
      { path: '/container/volumes(0)/external/options/"dvdi/iops"', errors: ['Expected a valid, positive integer instead of 0'] },
    ]);
    expect(details(mesosApp([dvdi({ 'dvdi/driver': 'rexray', 'dvdi/overwritefs': 'yes', 'dvdi/volumetype': 'IO1' })])).details).toEqual([
      {
        path: '/container/volumes(0)/external/options/"dvdi/volumetype"',
        errors: ["must match regular expression '^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$'"],
      },
      { path: '/container/volumes(0)/external/options/"dvdi/overwritefs"', errors: ['Expected a valid boolean'] },
    ]);
    expect(
      accepted(mesosApp([dvdi({ 'dvdi/driver': 'rexray', 'dvdi/iops': '300', 'dvdi/overwritefs': 'TRUE', 'dvdi/volumetype': 'io1' })])),
    ).toBe(true);
  });

  it('option keys must be namespaced labels', () => {
    expect(details(mesosApp([dvdi({ 'dvdi/driver': 'rexray', size: '10' })])).details).toEqual([
      {
        path: '/container/volumes(0)/external/options/keys',
        errors: ["must match regular expression '^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?/[A-Za-z0-9](?:[-A-Za-z0-9\\._:]*[A-Za-z0-9])?$'"],
      },
    ]);
  });

  it('one instance, unique names (shared ones aside), and a strategy fit for resident tasks (DVDIProviderValidations.ramlApp)', () => {
    const two = mesosApp([dvdi(), { ...dvdi(), containerPath: 'other' }], {
      instances: 2,
      upgradeStrategy: { minimumHealthCapacity: 0, maximumOverCapacity: 0.5 },
    });
    expect(details(two).details).toEqual([
      { path: '/container/volumes', errors: ['Volume names must be unique'] },
      {
        path: '/',
        errors: [
          "Requested DVDI volume 'vol' is declared more than once within app /dvdi",
          'Number of instances is limited to 1 when declaring DVDI volumes in app [/dvdi]',
        ],
      },
      { path: '/upgradeStrategy/maximumOverCapacity', errors: ['got 0.5, expected 0.0'] },
    ]);
  });

  it('the per-volume rules run again indexed among the external volumes only; the same error at the same path is said once', () => {
    const host = { containerPath: 'tmp', hostPath: '/tmp', mode: 'RW' };
    expect(details(mesosApp([host, { ...dvdi(), mode: 'RO' }])).details).toEqual([
      { path: '/container/volumes(1)/mode', errors: ['does not equal RW'] },
      { path: '/container/volumes(0)/mode', errors: ['does not equal RW'] },
    ]);
    expect(details(mesosApp([{ ...dvdi(), mode: 'RO' }])).details).toEqual([
      { path: '/container/volumes(0)/mode', errors: ['does not equal RW'] },
    ]);
  });

  it('external volumes need the external_volumes feature (on in DC/OS)', () => {
    const ctx: AppContext = { ...CTX, features: ['vips'] };
    expect(details(mesosApp([dvdi()]), ctx).details).toContainEqual({
      path: '/container/volumes(0)',
      errors: ['Feature external_volumes is not enabled. Enable with --enable_features external_volumes)'],
    });
  });
});

describe('rules of the model (AppDefinition.validAppDefinition, LinuxInfo, CSIProviderValidations)', () => {
  const mesos = (linuxInfo: Json) => ({ id: '/m', cmd: 'run it', container: { type: 'MESOS', linuxInfo } });

  it('seccomp: a profile or unconfined, not both, not neither (AppsResourceTest "Decline an app definition with seccomp profiled defined and unconfined = true")', () => {
    expect(details(mesos({ seccomp: { profileName: 'default.json', unconfined: true } })).details).toEqual([
      { path: '/container/linuxInfo/seccomp', errors: ['Seccomp unconfined can NOT be true when Profile is defined'] },
    ]);
    expect(details(mesos({ seccomp: { unconfined: false } })).details).toEqual([
      { path: '/container/linuxInfo/seccomp', errors: ['Seccomp unconfined must be true when Profile is NOT defined'] },
    ]);
    expect(accepted(mesos({ seccomp: { profileName: 'default.json', unconfined: false } }))).toBe(true);
    expect(accepted(mesos({ seccomp: { unconfined: true } }))).toBe(true);
  });

  it('IPC: no shmSize when sharing the parent\'s (AppsResourceTest "...ipcMode defined sharedParent and shmSize set")', () => {
    expect(details(mesos({ ipcInfo: { mode: 'SHARE_PARENT', shmSize: 64 } })).details).toEqual([
      { path: '/container/linuxInfo/ipcInfo', errors: ['ipcInfo shmSize can NOT be set when mode is SHARE_PARENT'] },
    ]);
    expect(accepted(mesos({ ipcInfo: { mode: 'PRIVATE', shmSize: 64 } }))).toBe(true);
  });

  it('an http check must address a port', () => {
    expect(details({ id: '/c', cmd: 'run it', portDefinitions: [], check: { http: { portIndex: 0, path: '/' } } }).details).toEqual([
      { path: '/check', errors: ['check port index must address an element of the ports array or container port mappings.'] },
    ]);
    expect(accepted({ id: '/c', cmd: 'run it', check: { http: { portIndex: 0, path: '/' } } })).toBe(true);
  });

  it('CSI volumes: no scaling over non-shareable ones; read-only access modes mounted read-only (CSIProviderValidationsTest)', () => {
    const csi = (accessMode: string, mode = 'RW') => ({
      containerPath: 'data',
      mode,
      external: {
        provider: 'csi',
        name: 'v',
        options: { pluginName: 'p', capability: { accessType: 'mount', accessMode, fsType: 'ext4' } },
      },
    });
    const app = (volume: Json, instances: number) => ({
      id: '/csi',
      cmd: 'run it',
      instances,
      container: { type: 'MESOS', volumes: [volume] },
    });
    expect(details(app(csi('SINGLE_NODE_WRITER'), 2)).details).toEqual([
      { path: '/instances', errors: ['got 2, expected 1 or less while non-shareable CSI volumes are defined'] },
    ]);
    expect(details(app(csi('MULTI_NODE_SINGLE_WRITER'), 2)).details).toEqual([
      {
        path: '/instances',
        errors: ['got 2, expected 1 or less while a multi-node single-writer volume is defined mounted as read/write'],
      },
    ]);
    expect(accepted(app(csi('MULTI_NODE_SINGLE_WRITER', 'RO'), 2))).toBe(true);
    expect(details(app(csi('MULTI_NODE_READER_ONLY'), 1)).details).toEqual([
      { path: '/container/volumes(0)/volume', errors: ['CSI volume must be mounted readonly with a read-only access mode'] },
    ]);
  });
});

describe('ids and dependencies (PathId.scala; AppValidation 315-319; RunSpecValidatorTest "single dots in id")', () => {
  it("the id is checked once resolved (/a/b/.. is /a; a lone . is the JSON reader's error.pattern); the root is answered at /id and at /", () => {
    const read = readApp({ id: '/a/b/..', cmd: 'run it' }, CTX);
    expect(read.ok && read.app.id).toBe('/a');
    expect(details({ id: '/test/.', cmd: 'run it' })).toMatchObject({
      message: 'Invalid JSON',
      details: [{ path: '/id', errors: ['error.pattern'] }],
    });
    expect(details({ id: '/', cmd: 'run it' }).details).toEqual([
      { path: '/id', errors: ['Path must contain at least one path element'] },
      { path: '/', errors: ['must not be root'] },
    ]);
    expect(details({ id: '/a/versions', cmd: 'run it' }).details).toEqual([
      { path: '/id', errors: ['must not end with any of the following reserved keywords: restart, tasks, versions, ., ..'] },
    ]);
  });

  it('dependencies are checked as written and resolved against the root on POST /v2/apps', () => {
    expect(details({ id: '/prod/web', cmd: 'run it', dependencies: ['/db/tasks'] }).details).toEqual([
      { path: '/dependencies(0)', errors: ['must not end with any of the following reserved keywords: restart, tasks, versions, ., ..'] },
    ]);
    const read = readApp({ id: '/prod/web', cmd: 'run it', dependencies: ['db', '../cache'] }, CTX);
    expect(read.ok && read.app.dependencies).toEqual(['/db', '/cache']);
    // PathId's childOf(path.parent): an absolute dependency whose `..` leaves the parent it is written under (a `.`
    // segment is already the JSON reader's error.pattern); the three rules of pathIdValidator each report.
    expect(details({ id: '/prod/web', cmd: 'run it', dependencies: ['/a/../b', '/a/..'] }).details).toEqual([
      { path: '/dependencies(0)', errors: ["Identifier is not child of '/a/..'"] },
      {
        path: '/dependencies(1)',
        errors: [
          'must not end with any of the following reserved keywords: restart, tasks, versions, ., ..',
          "Identifier is not child of '/a'",
        ],
      },
    ]);
  });
});

describe("list items and label values of the wrong type are the JSON reader's errors (Invalid JSON)", () => {
  it('args, acceptedResourceRoles items and label values', () => {
    expect(details({ id: '/t', args: ['run', 1], acceptedResourceRoles: ['*', 2], labels: { A: 1 } })).toEqual({
      status: 422,
      message: 'Invalid JSON',
      details: [
        { path: '/args(1)', errors: ['error.expected.jsstring'] },
        { path: '/acceptedResourceRoles(1)', errors: ['error.expected.jsstring'] },
        { path: '/labels/A', errors: ['error.expected.jsstring'] },
      ],
    });
  });
});

describe('features and enums read in any case (AppValidation, SecretValidation)', () => {
  it('G-feat: GPUs need the gpu_resources feature (on in DC/OS)', () => {
    const gpu = { id: '/g', cmd: 'run it', gpus: 1 };
    expect(accepted(gpu)).toBe(true);
    expect(details(gpu, { ...CTX, features: ['vips'] }).details).toEqual([
      { path: '/', errors: ['Feature gpu_resources is not enabled. Enable with --enable_features gpu_resources)'] },
    ]);
  });

  it('S-key: with the secrets feature on, a secret needs a name (SecretValidationTest)', () => {
    const app = { id: '/s', cmd: 'run it', secrets: { '': { source: '/a' }, b: { source: '/b' } } };
    expect(details(app, { ...CTX, features: ['secrets'] }).details).toEqual([{ path: '/secrets/keys(0)', errors: ['must not be empty'] }]);
  });

  it('a volume mode rw and an ipProtocol ipv6 read as RW and IPv6', () => {
    const persistent = {
      id: '/p',
      cmd: 'run it',
      container: { type: 'MESOS', volumes: [{ containerPath: 'data', mode: 'rw', persistent: { size: 1 } }] },
    };
    expect(accepted(persistent)).toBe(true);
    const hc = { id: '/h', cmd: 'run it', healthChecks: [{ protocol: 'HTTP', ipProtocol: 'ipv6' }] };
    expect(details(hc).details).toEqual([
      { path: '/healthChecks(0)', errors: ['IPv6 can only be used for container type DOCKER and Mesos http/https/tcp health checks'] },
    ]);
  });
});

describe('R-rc: readiness status codes (readinessCheck.raml: int32 items, 100 to 999)', () => {
  it('refuses a code out of range with the JSON reader’s error', () => {
    const app = { id: '/r', cmd: 'run it', readinessChecks: [{ httpStatusCodesForReady: [200, 99, 1000] }] };
    expect(details(app)).toEqual({
      status: 422,
      message: 'Invalid JSON',
      details: [
        { path: '/readinessChecks(0)/httpStatusCodesForReady(1)', errors: ['error.min'] },
        { path: '/readinessChecks(0)/httpStatusCodesForReady(2)', errors: ['error.max'] },
      ],
    });
  });
});
