import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/ui/pages/services/form-fields.ts';
import { editableDefinition } from '../../src/ui/pages/services/app-form.ts';
import { liveAction, podActions } from '../../src/ui/pages/services/actions.ts';
import { MarathonClient } from '../../src/ui/pages/services/marathon-client.ts';
import type { MarathonPod } from '../../src/ui/pages/services/marathon-types.ts';
import {
  newContainer,
  newEndpoint,
  newPodDefinition,
  newVolume,
  podFieldErrors,
  podFieldOf,
  podFormFromJson,
  podJsonFromForm,
  type PodForm,
} from '../../src/ui/pages/services/pod-form.ts';
import { agent } from '../support/cluster.ts';
import { boot } from '../support/marathon.ts';

/** A pod with a field the form does not show at every level it edits. */
const pod = {
  id: '/shop/web',
  labels: { team: 'a' },
  user: 'nobody',
  containers: [
    {
      name: 'nginx',
      exec: { command: { shell: 'nginx -g daemon off;' }, overrideEntrypoint: true },
      resources: { cpus: 0.5, mem: 256, disk: 0, gpus: 0 },
      endpoints: [{ name: 'http', containerPort: 80, hostPort: 0, protocol: ['tcp'], labels: { VIP_0: '/web:80' } }],
      image: { kind: 'DOCKER', id: 'nginx:1.25', forcePull: true },
      healthCheck: { http: { endpoint: 'http', path: '/' } },
      volumeMounts: [{ name: 'data', mountPath: '/usr/share/nginx/html', readOnly: true }],
    },
    { name: 'sidecar', resources: { cpus: 0.1, mem: 32 }, exec: { command: { argv: ['tail', '-f', '/dev/null'] } }, endpoints: [] },
  ],
  volumes: [{ name: 'data', host: '/srv/www' }, { name: 'scratch' }],
  networks: [{ name: 'dcos', mode: 'container', labels: { zone: 'a' } }],
  scaling: { kind: 'fixed', instances: 2, maxInstances: 5 },
  scheduling: { placement: { constraints: [{ fieldName: 'hostname', operator: 'UNIQUE' }] } },
  executorResources: { cpus: 0.1, mem: 32, disk: 10 },
};

describe('the pod form', () => {
  it('reads the main fields, each item with the index it came from', () => {
    const form = podFormFromJson(pod);
    expect(form).toMatchObject({ id: '/shop/web', instances: '2', network: 'container' });
    expect(form.containers[0]).toEqual({
      from: 0,
      name: 'nginx',
      cpus: '0.5',
      mem: '256',
      disk: '0',
      command: 'nginx -g daemon off;',
      image: 'nginx:1.25',
      endpoints: [{ from: 0, name: 'http', containerPort: '80', hostPort: '0', protocol: 'tcp' }],
      mounts: [{ from: 0, name: 'data', mountPath: '/usr/share/nginx/html' }],
    });
    expect(form.containers[1]).toMatchObject({ command: '', image: '', endpoints: [], mounts: [] });
    expect(form.volumes).toEqual([
      { from: 0, name: 'data', host: '/srv/www' },
      { from: 1, name: 'scratch', host: '' },
    ]);
    expect(podFormFromJson({ id: '/x' })).toEqual({ id: '/x', instances: '', network: 'host', containers: [], volumes: [] });
    expect(podFormFromJson({ networks: [{ mode: 'CONTAINER/BRIDGE' }] }).network).toBe('container/bridge');
    expect(podFormFromJson({ networks: [{ name: 'dcos' }] }).network).toBe('container');
  });

  it('round-trips a pod: every field the form does not show is kept', () => {
    expect(podJsonFromForm(podFormFromJson(pod), pod)).toEqual(pod);
    const created = newPodDefinition('/shop');
    expect(created.id).toBe('/shop/new-pod');
    expect(podJsonFromForm(podFormFromJson(created), created)).toEqual(created);
  });

  it('keeps an item’s other fields through removals and additions around it', () => {
    const form = podFormFromJson(pod);
    form.containers.shift();
    form.containers.push(newContainer(form.containers));
    form.containers[0]!.endpoints.push({ ...newEndpoint(), name: 'admin', hostPort: '9000', protocol: 'tcp, udp' });
    form.volumes.shift();
    form.volumes.push({ ...newVolume(), name: 'logs', host: ' /var/log ' });
    const out = podJsonFromForm(form, pod);
    expect(out.containers).toEqual([
      {
        name: 'sidecar',
        resources: { cpus: 0.1, mem: 32 },
        exec: { command: { argv: ['tail', '-f', '/dev/null'] } },
        endpoints: [{ name: 'admin', hostPort: 9000, protocol: ['tcp', 'udp'] }],
      },
      { name: 'container-2', resources: { cpus: 0.1, mem: 128 } },
    ]);
    expect(out.volumes).toEqual([{ name: 'scratch' }, { name: 'logs', host: ' /var/log ' }]);
    expect(out.networks).toBe(pod.networks);
    expect(out).toMatchObject({ labels: pod.labels, scheduling: pod.scheduling, executorResources: pod.executorResources });
  });

  it('edits resources, command, image, endpoints and mounts in place', () => {
    const form = podFormFromJson(pod);
    const c = form.containers[0]!;
    Object.assign(c, { cpus: '1', disk: '', command: '', image: '' });
    Object.assign(c.endpoints[0]!, { containerPort: '', hostPort: '8080', protocol: '' });
    c.mounts = [];
    const out = podJsonFromForm(form, pod);
    expect((out.containers as unknown[])[0]).toEqual({
      name: 'nginx',
      exec: { overrideEntrypoint: true },
      resources: { cpus: 1, mem: 256, gpus: 0 },
      endpoints: [{ name: 'http', hostPort: 8080, labels: { VIP_0: '/web:80' } }],
      healthCheck: { http: { endpoint: 'http', path: '/' } },
      volumeMounts: [],
    });
    // A container whose only exec was the shell command loses exec with it; an image keeps its other fields.
    const plain = { id: '/p', containers: [{ name: 'a', resources: {}, exec: { command: { shell: 'x' } } }] };
    const f = podFormFromJson(plain);
    f.containers[0]!.command = '';
    f.containers[0]!.image = 'busybox';
    expect(podJsonFromForm(f, plain).containers).toEqual([{ name: 'a', resources: {}, image: { kind: 'DOCKER', id: 'busybox' } }]);
  });

  it('writes the network only when its mode changes, and instances into scaling', () => {
    const form: PodForm = { ...podFormFromJson(pod), network: 'host', instances: '' };
    const out = podJsonFromForm(form, pod);
    expect(out.networks).toEqual([{ mode: 'host' }]);
    expect(out.scaling).toEqual({ kind: 'fixed', maxInstances: 5 });
    const bare = { id: '/b', containers: [] };
    expect(podJsonFromForm({ ...podFormFromJson(bare), instances: '3' }, bare)).toEqual({
      id: '/b',
      scaling: { kind: 'fixed', instances: 3 },
      containers: [],
    });
    expect(podJsonFromForm({ ...podFormFromJson(bare), network: 'container/bridge' }, bare).networks).toEqual([
      { mode: 'container/bridge' },
    ]);
    // Not a number: sent as typed, so the API names the field.
    expect(podJsonFromForm({ ...podFormFromJson(bare), instances: 'two' }, bare).scaling).toEqual({ kind: 'fixed', instances: 'two' });
  });

  it('names a new container after the first free container-N', () => {
    const form = podFormFromJson(newPodDefinition('/'));
    expect(newContainer(form.containers).name).toBe('container-2');
    form.containers.push(newContainer(form.containers), newContainer([]));
    expect(newContainer(form.containers).name).toBe('container-4');
  });
});

describe('pod errors on the form', () => {
  it('puts each Marathon path on its field, in either spelling of indices', () => {
    const paths: Record<string, string | undefined> = {
      '/id': 'id',
      '/scaling/instances': 'instances',
      '/networks': 'network',
      '/networks(0)/name': 'network',
      '/containers': 'containers',
      '/': 'containers',
      '/containers(1)/name': 'c1.name',
      '/containers(0)/resources/cpus': 'c0.cpus',
      '/containers(0)/resources/disk': 'c0.disk',
      '/containers(2)/exec/command': 'c2.command',
      '/containers(0)/image/id': 'c0.image',
      '/containers(0)/endpoints(1)/hostPort': 'c0.e1.hostPort',
      '/containers(0)/endpoints(0)/protocol(1)': 'c0.e0.protocol',
      '/containers(3)/volumeMounts(0)/mountPath': 'c3.m0.mountPath',
      '/volumes(1)': 'v1.name',
      '/volumes(0)/host': 'v0.host',
      '/containers(0)/resources/gpus': undefined,
      '/containers(0)/healthCheck/http/endpoint': undefined,
      '/executorResources/cpus': undefined,
    };
    for (const [path, field] of Object.entries(paths)) expect(podFieldOf(path), path).toBe(field);
    const errors = podFieldErrors([
      { path: '/containers/0/resources/cpus', errors: ['error.min'] },
      { path: 'containers[0]/endpoints[1]/name', errors: ['error.path.missing'] },
      { path: '/containers(0)/healthCheck', errors: ['bad check'] },
    ]);
    expect(errors.byField).toEqual({ 'c0.cpus': ['is below the minimum'], 'c0.e1.name': ['is required'] });
    expect(errors.other).toEqual([{ path: '/containers(0)/healthCheck', message: 'bad check' }]);
  });

  it('pod menu: edit, scale, suspend or resume, delete; an open pod dialog stays as it was opened', () => {
    expect(podActions({ id: '/p', instances: 2, raw: {} }).map((a) => a.kind)).toEqual(['edit', 'scale', 'suspend', 'destroy']);
    expect(podActions({ id: '/p', instances: 0, raw: {} }).map((a) => a.label)).toEqual(['Edit', 'Scale', 'Resume', 'Delete']);
    const opened = { kind: 'scale' as const, pod: { id: '/p', instances: 1, raw: {} } };
    expect(liveAction(opened, () => undefined)).toBe(opened);
  });
});

describe('pods through the API', () => {
  it('creates, edits, scales and deletes a pod; the API’s 422 details land on the form’s fields', async () => {
    const sb = await boot([agent('a1', { cpus: 4, mem: 4096, disk: 1024, ports: [[31000, 32000]] })], { allocator: 'ts', matcher: 'ts' });
    const client = new MarathonClient((req) => Promise.resolve(sb.request(req)));
    const created = await client.createPod(newPodDefinition('/'));
    expect(created).toMatchObject({ ok: true, value: { deploymentId: expect.any(String) } });
    sb.advance(10_000);

    const group = await client.groups();
    const listed: MarathonPod | undefined = group.ok ? group.value?.pods.find((p) => p.id === '/new-pod') : undefined;
    expect(listed?.instances).toBe(1);
    // What Marathon writes back (defaults filled in) survives the form unchanged.
    const definition = editableDefinition(listed!.raw);
    expect(definition).not.toHaveProperty('version');
    expect(podJsonFromForm(podFormFromJson(definition), definition)).toEqual(definition);

    const form = podFormFromJson(definition);
    form.containers[0]!.cpus = '-1';
    form.containers[0]!.endpoints.push({ ...newEndpoint(), name: 'Web' });
    form.volumes.push({ ...newVolume(), name: 'orphan' });
    const refused = await client.updatePod('/new-pod', podJsonFromForm(form, definition));
    expect(refused.ok).toBe(false);
    const errors = podFieldErrors(refused.ok ? [] : refused.problem.details);
    expect(errors.byField['c0.cpus']).toEqual(['got -1, expected 0.0 or more']);
    expect(errors.byField['c0.e0.name']?.[0]).toMatch(/must fully match regular expression/);
    expect(errors.byField['v0.name']).toEqual(['volume must be referenced by at least one container']);
    expect(errors.other).toEqual([]);

    const edit = podFormFromJson(definition);
    edit.containers[0]!.mem = '64';
    expect((await client.updatePod('/new-pod', podJsonFromForm(edit, definition))).ok).toBe(true);
    sb.advance(10_000);
    // Scaling starts from the pod as it is now, not as the list last had it.
    expect((await client.scalePod('/new-pod', 2)).ok).toBe(true);
    const after = sb.request({ method: 'GET', path: '/marathon/v2/pods/new-pod' }).body as Record<string, unknown>;
    expect(after).toMatchObject({ scaling: { instances: 2 }, containers: [{ resources: { mem: 64 } }] });
    sb.advance(10_000);
    expect((await client.destroyPod('/new-pod', true)).ok).toBe(true);
  });
});

describe("Marathon's JSON reader codes in words under a field", () => {
  it('names each code the reader sends, and a missing field plainly', () => {
    expect(
      ['error.pattern', 'error.minLength', 'error.maxLength', 'error.expected.int', 'error.max', 'error.unknown.enum.literal'].map(
        describeError,
      ),
    ).toEqual([
      'has characters or a form it may not have',
      'is too short (or empty)',
      'is too long',
      'must be a whole number',
      'is above the maximum',
      'is not one of the allowed values',
    ]);
    expect(describeError(`'image' is undefined on object: {"forcePullImage":true}`)).toBe('is required');
    expect(describeError('Volume names must be unique')).toBe('Volume names must be unique');
  });
});
