import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import { agent, scenario } from '../../support/cluster.ts';
import { untilBooted } from '../../support/marathon.ts';
import type { Json } from '../../support/marathon.ts';

async function cluster(agents = 3): Promise<Sandbox> {
  const sb = await createSandbox(
    scenario(
      Array.from({ length: agents }, (_, i) => agent(`a${i + 1}`, { cpus: 4, mem: 4096, disk: 1000 })),
      [],
    ),
  );
  untilBooted(sb);
  return sb;
}

const request = (sb: Sandbox, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
  sb.request({ method, path, body });
const get = (sb: Sandbox, path: string) => request(sb, 'GET', path).body as Json;

const POD = {
  id: '/web',
  scaling: { kind: 'fixed', instances: 2 },
  containers: [
    {
      name: 'nginx',
      resources: { cpus: 0.5, mem: 64 },
      endpoints: [{ name: 'http', hostPort: 0 }],
      healthCheck: { http: { endpoint: 'http', path: '/' }, gracePeriodSeconds: 10, intervalSeconds: 5, timeoutSeconds: 2 },
    },
    { name: 'sidecar', resources: { cpus: 0.1, mem: 32 }, exec: { command: { shell: 'sleep 1000' } } },
  ],
};

describe('Marathon pods', () => {
  it('runs each instance as one task per container, all on the same agent, sharing its IP', async () => {
    const sb = await cluster();
    expect(request(sb, 'POST', '/marathon/v2/pods', POD).status).toBe(201);
    sb.advance(30_000);
    const status = get(sb, '/marathon/v2/pods/web::status');
    expect(status.status).toBe('STABLE');
    expect(status.instances).toHaveLength(2);
    for (const instance of status.instances) {
      expect(instance.containers.map((c: Json) => [c.name, c.status])).toEqual([
        ['nginx', 'TASK_RUNNING'],
        ['sidecar', 'TASK_RUNNING'],
      ]);
      expect(instance.networks[0].addresses).toHaveLength(1);
    }
    const tasks = get(sb, '/mesos/master/tasks').tasks as Json[];
    const byInstance = new Map<string, Set<string>>();
    for (const t of tasks.filter((t) => t.name === 'web')) {
      const instance = t.id.slice(0, t.id.lastIndexOf('.'));
      byInstance.set(instance, new Set([...(byInstance.get(instance) ?? []), t.slave_id]));
    }
    expect(byInstance.size).toBe(2);
    for (const agents of byInstance.values()) expect(agents.size).toBe(1);
  });

  it('takes the executor share too: an agent without disk cannot host a pod, and the Debug view says why', async () => {
    const sb = await createSandbox(scenario([agent('a1', { cpus: 4, mem: 4096 })], []));
    untilBooted(sb);
    request(sb, 'POST', '/marathon/v2/pods', POD);
    sb.advance(10_000);
    expect(get(sb, '/marathon/v2/pods/web::status').status).toBe('DEGRADED');
    const placement = get(sb, '/sandbox/v1/marathon/apps/web/placement');
    expect(placement.failures[0]).toMatchObject({ hostname: 'a1', stage: 'disk', detail: 'has 0 MiB disk free, needs 10 MiB' });
    expect(placement.suggestions[0].change).toEqual({ kind: 'addAgents', count: 2, like: 'a1', atLeast: { disk: 10 } });
    expect(placement.suggestions[0].text).toContain('with at least 10 MiB disk');
  });

  it('answers 422 with pod paths and 404 for unknown pods', async () => {
    const sb = await cluster(1);
    const bad = request(sb, 'POST', '/marathon/v2/pods', { ...POD, containers: [{ name: 'x', resources: { cpus: -1, mem: 1 } }] });
    expect(bad.status).toBe(422);
    expect((bad.body as Json).details[0].path).toBe('/containers(0)/resources/cpus');
    expect(request(sb, 'GET', '/marathon/v2/pods/nope').status).toBe(404);
  });
});

describe('the deployment a write started, in the Marathon-Deployment-Id header (RestResource.DeploymentHeader)', () => {
  it('pods answer with the pod alone (POST 201, PUT 200) or nothing (DELETE 202); apps and groups name it in their body too', async () => {
    const sb = await cluster();
    const deploymentIds = () => (get(sb, '/marathon/v2/deployments') as unknown as Json[]).map((d) => d.id as string);
    const created = request(sb, 'POST', '/marathon/v2/pods', POD);
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('deployments');
    expect((created.body as Json).id).toBe('/web');
    expect(deploymentIds()).toContain(created.headers?.['Marathon-Deployment-Id']);
    const updated = request(sb, 'PUT', '/marathon/v2/pods/web?force=true', { ...POD, scaling: { kind: 'fixed', instances: 1 } });
    expect(updated.status).toBe(200);
    expect(deploymentIds()).toContain(updated.headers?.['Marathon-Deployment-Id']);
    const removed = request(sb, 'DELETE', '/marathon/v2/pods/web?force=true');
    expect(removed).toEqual({ status: 202, body: '', headers: { 'Marathon-Deployment-Id': expect.any(String) } });
    const app = request(sb, 'POST', '/marathon/v2/apps', { id: '/app', cmd: 'run x' });
    expect(app.headers?.['Marathon-Deployment-Id']).toBe((app.body as Json).deployments[0].id);
    const group = request(sb, 'PUT', '/marathon/v2/groups/g', { apps: [{ id: 'a', cmd: 'run x' }] });
    expect(group.headers?.['Marathon-Deployment-Id']).toBe((group.body as Json).deploymentId);
    // Reads have none.
    expect(request(sb, 'GET', '/marathon/v2/apps').headers).toBeUndefined();
  });

  it('a 201 names what it created in Location, resolved against the leader’s address (Response.created)', async () => {
    const sb = await cluster();
    const base = `http://${get(sb, '/marathon/v2/leader').leader}`;
    expect(request(sb, 'POST', '/marathon/v2/pods', POD).headers?.Location).toBe(`${base}/web`);
    expect(request(sb, 'POST', '/marathon/v2/apps', { id: '/app', cmd: 'run x' }).headers?.Location).toBe(`${base}/app`);
    const createdByPut = request(sb, 'PUT', '/marathon/v2/apps/other', { cmd: 'run x' });
    expect(createdByPut.status).toBe(201);
    expect(createdByPut.headers?.Location).toBe(`${base}/other`);
    expect(request(sb, 'POST', '/marathon/v2/groups', { id: '/g2', apps: [{ id: 'a', cmd: 'run x' }] }).headers?.Location).toBe(
      `${base}/g2`,
    );
    // Replacing what exists answers 200, without one.
    expect(request(sb, 'PUT', '/marathon/v2/apps/other?force=true', { cmd: 'run y' }).headers).not.toHaveProperty('Location');
  });
});

describe('Marathon groups', () => {
  it('deploys a group tree in dependency order and removes it', async () => {
    const sb = await cluster();
    const group = {
      id: '/prod',
      apps: [
        { id: 'api', cmd: 'api', cpus: 0.1, mem: 16, dependencies: ['/prod/db'] },
        { id: 'db', cmd: 'db', cpus: 0.1, mem: 16 },
      ],
      groups: [{ id: 'cache', apps: [{ id: 'redis', cmd: 'redis-server', cpus: 0.1, mem: 16 }] }],
    };
    const created = request(sb, 'POST', '/marathon/v2/groups', group);
    expect(created.status).toBe(201);
    const [dep] = get(sb, '/marathon/v2/deployments') as unknown as Json[];
    const steps = dep!.steps.map((s: Json) => s.actions.map((a: Json) => `${a.action} ${a.app}`).sort());
    expect(steps).toEqual([
      ['StartApplication /prod/api', 'StartApplication /prod/cache/redis', 'StartApplication /prod/db'],
      ['ScaleApplication /prod/cache/redis', 'ScaleApplication /prod/db'],
      ['ScaleApplication /prod/api'],
    ]);
    sb.advance(30_000);
    const api = get(sb, '/marathon/v2/apps/prod/api').app;
    const db = get(sb, '/marathon/v2/apps/prod/db').app;
    expect(Date.parse(api.tasks[0].stagedAt)).toBeGreaterThan(Date.parse(db.tasks[0].startedAt));
    const tree = get(sb, '/marathon/v2/groups');
    expect(tree.groups.map((g: Json) => g.id)).toEqual(['/prod']);
    expect(tree.groups[0].apps.map((a: Json) => a.id)).toEqual(['/prod/api', '/prod/db']);
    expect(tree.groups[0].groups[0].apps[0].id).toBe('/prod/cache/redis');
    // POST never changes an existing group, the root included (Marathon's GroupsResource answers 409).
    expect(request(sb, 'POST', '/marathon/v2/groups', { id: '/prod', apps: [] })).toEqual({
      status: 409,
      body: { message: 'Group /prod is already created. Use PUT to change this group.' },
    });
    expect(request(sb, 'POST', '/marathon/v2/groups', { id: '/', apps: [] })).toEqual({
      status: 409,
      body: { message: 'Group / is already created. Use PUT to change this group.' },
    });
    expect(request(sb, 'POST', '/marathon/v2/groups', { id: '/prod/db' }).status).toBe(409);
    expect(request(sb, 'DELETE', '/marathon/v2/groups/prod').status).toBe(200);
    sb.advance(10_000);
    expect(get(sb, '/marathon/v2/groups').groups).toEqual([]);
    expect((get(sb, '/mesos/master/tasks').tasks as Json[]).map((t) => t.state)).toEqual(['TASK_KILLED', 'TASK_KILLED', 'TASK_KILLED']);
  });

  it('rejects a dependency cycle with 422', async () => {
    const sb = await cluster(1);
    const cyclic = {
      id: '/c',
      apps: [
        { id: 'a', cmd: 'run a', dependencies: ['/c/b'] },
        { id: 'b', cmd: 'run b', dependencies: ['/c/a'] },
      ],
    };
    const answer = request(sb, 'POST', '/marathon/v2/groups', cyclic);
    expect(answer.status).toBe(422);
  });
});

describe('a pod as Marathon 1.11 writes it (PodConversion, pod.raml)', () => {
  it('leaves out empty lists and maps and what Marathon does not know, fills the defaults it writes', async () => {
    const sb = await cluster(1);
    const posted = {
      id: '/shape',
      labels: {},
      notAPodField: 1,
      scaling: { kind: 'fixed', instances: 1, maxInstances: 3 },
      networks: [{}],
      volumes: [{ name: 'data', persistent: { size: 10 } }],
      legacySharedCgroups: false,
      containers: [
        {
          name: 'c',
          resources: { cpus: 0.1, mem: 32 },
          exec: { command: { shell: 'sleep 1000', extra: 1 }, note: 'x' },
          endpoints: [{ name: 'web', containerPort: 80, networkNames: ['dcos'] }],
          image: { kind: 'docker', id: 'nginx', labels: {}, tag: 'latest' },
          lifecycle: { killGracePeriodSeconds: 5, typo: true },
          volumeMounts: [{ name: 'data', mountPath: 'data' }],
          artifacts: [{ uri: 'https://h/a.tgz' }],
          environment: {},
          check: { tcp: { endpoint: 'web' } },
          healthCheck: { http: { endpoint: 'web' } },
        },
      ],
    };
    expect(request(sb, 'POST', '/marathon/v2/pods', posted).status).toBe(201);
    const pod = get(sb, '/marathon/v2/pods/shape');
    for (const absent of ['labels', 'notAPodField', 'legacySharedCgroups']) expect(pod).not.toHaveProperty(absent);
    expect(pod.scaling).toEqual({ instances: 1, kind: 'fixed' });
    expect(pod.networks).toEqual([{ name: 'dcos', mode: 'container' }]);
    expect(pod.volumes).toEqual([{ name: 'data', persistent: { type: 'root', size: 10, constraints: [] } }]);
    expect(pod.scheduling.placement).toEqual({});
    expect(pod.executorResources).toEqual({ cpus: 0.1, mem: 32, disk: 10 });
    const c = pod.containers[0];
    for (const absent of ['environment', 'check']) expect(c).not.toHaveProperty(absent);
    expect(c.endpoints).toEqual([{ name: 'web', containerPort: 80, networkNames: ['dcos'] }]);
    // Inside image, exec and lifecycle too, only the fields of the RAML types are read.
    expect(c.image).toEqual({ kind: 'DOCKER', id: 'nginx' });
    expect(c.exec).toEqual({ command: { shell: 'sleep 1000' } });
    expect(c.lifecycle).toEqual({ killGracePeriodSeconds: 5 });
    expect(c.volumeMounts).toEqual([{ name: 'data', mountPath: 'data', readOnly: false }]);
    expect(c.artifacts).toEqual([{ uri: 'https://h/a.tgz', extract: true, executable: false, cache: false }]);
    expect(c.healthCheck.http).toEqual({ endpoint: 'web', scheme: 'HTTP' });
    // Keys in pod.raml's and podContainer.raml's order, as Marathon's serializer writes them.
    expect(Object.keys(pod)).toEqual([
      'id',
      'version',
      'containers',
      'volumes',
      'networks',
      'scaling',
      'scheduling',
      'executorResources',
      'role',
    ]);
    expect(Object.keys(c)).toEqual([
      'name',
      'exec',
      'resources',
      'endpoints',
      'image',
      'healthCheck',
      'volumeMounts',
      'artifacts',
      'lifecycle',
    ]);
  });
});

describe("a pod's secrets (PodsValidation: secrets, secret volumes, environment references, image pullConfig)", () => {
  const container = (extra: Json = {}): Json => ({
    name: 'c',
    resources: { cpus: 0.1, mem: 32 },
    exec: { command: { shell: 'sleep 1' } },
    ...extra,
  });
  const withSecrets: Json = {
    id: '/pod',
    secrets: { cfg: { source: '/config', note: 'x' } },
    environment: { TOKEN: { secret: 'cfg' } },
    containers: [container({ image: { kind: 'Docker', id: 'private/image', pullConfig: { secret: 'cfg' } } })],
  };
  const SECRETS_OFF = 'Feature secrets is not enabled. Enable with --enable_features secrets)';

  it('open DC/OS (no secrets feature) refuses each use, at its path', async () => {
    const sb = await cluster(1);
    const res = request(sb, 'POST', '/marathon/v2/pods', withSecrets);
    expect(res.status).toBe(422);
    expect((res.body as Json).details).toEqual([
      { path: '/environment', errors: ['use of secret-references in the environment requires the secrets feature to be enabled'] },
      { path: '/containers(0)/image/pullConfig', errors: ['must be empty', SECRETS_OFF] },
      { path: '/secrets', errors: ['must be empty', SECRETS_OFF] },
    ]);
  });

  it('with the feature on, a reference must name a declared secret; a valid pod reads back its secrets and pullConfig', async () => {
    const sb = await createSandbox({
      ...scenario([agent('a1', { cpus: 4, mem: 4096, disk: 1000 })], []),
      marathon: { role: '*', apps: [], flags: { features: ['vips', 'task_killing', 'external_volumes', 'gpu_resources', 'secrets'] } },
    });
    untilBooted(sb);
    const wrong = {
      ...withSecrets,
      id: '/wrong',
      containers: [container({ image: { kind: 'DOCKER', id: 'i', pullConfig: { secret: 'nope' } } })],
    };
    expect((request(sb, 'POST', '/marathon/v2/pods', wrong).body as Json).details).toEqual([
      { path: '/containers(0)/image/pullConfig', errors: ['pullConfig.secret must refer to an existing secret'] },
    ]);
    expect(request(sb, 'POST', '/marathon/v2/pods', withSecrets).status).toBe(201);
    const pod = get(sb, '/marathon/v2/pods/pod');
    expect(pod.secrets).toEqual({ cfg: { source: '/config' } });
    expect(pod.containers[0].image).toEqual({ kind: 'DOCKER', id: 'private/image', pullConfig: { secret: 'cfg' } });
  });
});

describe('bad JSON in the pod fields the writer fills in', () => {
  it('is refused with a 422, never a crash (the pod and container fields, 8 bad values each)', async () => {
    const sb = await cluster(1);
    const bad: unknown[] = [null, 1, 'x', [], {}, [null], [1], { a: null }];
    const container = { name: 'c', resources: { cpus: 0.1, mem: 32 }, exec: { command: { shell: 'sleep 1000' } } };
    const podFields = ['networks', 'volumes', 'secrets', 'environment', 'linuxInfo', 'user', 'legacySharedCgroups', 'labels'];
    const containerFields = [
      'endpoints',
      'image',
      'volumeMounts',
      'artifacts',
      'labels',
      'environment',
      'linuxInfo',
      'lifecycle',
      'healthCheck',
    ];
    const bodies = bad.flatMap((value) => [
      ...podFields.map((f) => ({ id: '/p', containers: [container], [f]: value })),
      ...containerFields.map((f) => ({ id: '/p', containers: [{ ...container, [f]: value }] })),
    ]);
    for (const body of bodies) {
      const answer = request(sb, 'POST', '/marathon/v2/pods', body);
      expect([201, 422], JSON.stringify(body)).toContain(answer.status);
      if (answer.status === 201) {
        expect(request(sb, 'GET', '/marathon/v2/pods/p').status).toBe(200);
        expect(request(sb, 'DELETE', '/marathon/v2/pods/p?force=true').status).toBe(202);
        sb.advance(5000);
      }
    }
  });
});
