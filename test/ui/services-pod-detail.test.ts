/**
 * A pod's detail page and readiness checks on the Services page: reading Marathon's pod status, the rows of the
 * instances table, the pod's status word and figures; readiness answers in the app, its tasks and its deployment;
 * and the page's data against the sandbox's own API (a pod found where an app is not, an instance killed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MarathonClient } from '../../src/ui/pages/services/marathon-client.ts';
import { readApp, readDeployments, readPodStatus, readQueue } from '../../src/ui/pages/services/marathon-read.ts';
import type { PodInstanceStatus } from '../../src/ui/pages/services/marathon-types.ts';
import { endpointsText, instanceTone, podResources, podRows, splitInstanceId } from '../../src/ui/pages/services/pods.ts';
import { readinessOf, readinessSummary } from '../../src/ui/pages/services/deployments.ts';
import { ServicesData } from '../../src/ui/pages/services/services-data.svelte.ts';
import { parseServicesHash, POD_TABS } from '../../src/ui/pages/services/services-route.ts';
import { podStatus, STATUS } from '../../src/ui/pages/services/status.ts';
import { buildTree, childRows, findNode, queueIndex } from '../../src/ui/pages/services/tree.ts';
import { notReadyText } from '../../src/ui/pages/services/tasks.ts';
import { agent } from '../support/cluster.ts';
import { behave, boot, deploy, waitFor } from '../support/marathon.ts';
import { installRunes } from '../support/runes.ts';

beforeAll(() => {
  installRunes();
});

/** GET /v2/pods/{id}::status as Marathon writes it (with what the sandbox leaves out: endpoints), and some junk. */
const statusBody = {
  id: '/shop/web',
  spec: {
    id: '/shop/web',
    version: '2024-01-01T00:00:10.000Z',
    containers: [
      { name: 'nginx', resources: { cpus: 0.5, mem: 256, disk: 0, gpus: 0 }, endpoints: [{ name: 'http', hostPort: 0 }] },
      { name: 'admin', resources: { cpus: 0.1, mem: 32 }, endpoints: [{ name: 'admin', hostPort: 8081 }, { name: 'metrics' }] },
    ],
    scaling: { kind: 'fixed', instances: 3 },
    executorResources: { cpus: 0.1, mem: 32, disk: 10 },
    role: 'shop',
  },
  status: 'DEGRADED',
  instances: [
    {
      id: 'shop_web.instance-bbb',
      status: 'STABLE',
      agentHostname: 'a2',
      agentId: 'S2',
      resources: { cpus: 0.7, mem: 320, disk: 10, gpus: 0 },
      networks: [{ addresses: ['10.0.0.2'] }, { addresses: ['9.9.9.9', 42] }],
      containers: [
        {
          name: 'nginx',
          status: 'TASK_RUNNING',
          containerId: 'shop_web.instance-bbb.nginx',
          resources: { cpus: 0.5, mem: 256 },
          endpoints: [{ name: 'http', allocatedHostPort: 31002 }],
          lastUpdated: '2024-01-01T00:00:20.000Z',
        },
        { name: 'admin', status: 'TASK_RUNNING', containerId: 'shop_web.instance-bbb.admin' },
      ],
      lastUpdated: '2024-01-01T00:00:20.000Z',
    },
    { id: 'shop_web.instance-aaa', status: 'DEGRADED', agentHostname: 'a1', containers: [{ name: 'nginx', status: 'TASK_FAILED' }] },
    { id: 'shop_web.instance-ccc', status: 'STAGING', lastUpdated: '2024-01-01T00:00:30.000Z' },
    { status: 'STABLE' },
    'junk',
  ],
};

describe("reading Marathon's pod status", () => {
  it('reads the pod with its state, and its instances with their containers, leaving out what has no id', () => {
    const s = readPodStatus(statusBody)!;
    expect(s.pod).toMatchObject({ id: '/shop/web', instances: 3, version: '2024-01-01T00:00:10.000Z' });
    expect(s.pod.state).toEqual({ status: 'DEGRADED', running: 3, staged: 1 });
    expect(s.instances.map((i) => i.id)).toEqual(['shop_web.instance-bbb', 'shop_web.instance-aaa', 'shop_web.instance-ccc']);
    const [b, a, c] = s.instances as [PodInstanceStatus, PodInstanceStatus, PodInstanceStatus];
    expect(b.addresses).toEqual(['10.0.0.2', '9.9.9.9']);
    expect(b.containers[0]).toEqual({
      name: 'nginx',
      status: 'TASK_RUNNING',
      containerId: 'shop_web.instance-bbb.nginx',
      resources: { cpus: 0.5, mem: 256, disk: 0, gpus: 0 },
      endpoints: [{ name: 'http', allocatedHostPort: 31002 }],
      lastUpdated: '2024-01-01T00:00:20.000Z',
    });
    expect(a.containers[0]).toMatchObject({ containerId: '', endpoints: [], resources: undefined });
    expect(c).toMatchObject({ containers: [], addresses: [], agentHostname: undefined });
    expect(readPodStatus({ spec: {} })).toBeNull();
    // A status without its spec still names the pod.
    expect(readPodStatus({ id: '/p', instances: [] })?.pod).toMatchObject({ id: '/p', instances: 0 });
  });

  it("takes a pod's launch-queue entry as an app's", () => {
    const q = readQueue({ queue: [{ pod: { id: '/p' }, count: 2, delay: { timeLeftSeconds: 9, overdue: false } }, { count: 1 }] });
    expect(q).toEqual([
      { appId: '/p', count: 2, delay: { timeLeftSeconds: 9, overdue: false }, since: undefined, processedOffersSummary: undefined },
    ]);
  });

  it('words the pod as DC/OS does: delayed by its queue entry, awaiting resources while deploying', () => {
    const pod = readPodStatus(statusBody)!.pod;
    const delayed = readQueue({ queue: [{ pod: { id: '/shop/web' }, count: 1, delay: { timeLeftSeconds: 9, overdue: false } }] })[0];
    expect(podStatus(pod, delayed)).toBe(STATUS.delayed);
    // Its row in the list too.
    const tree = buildTree(
      { id: '/', apps: [], groups: [{ id: '/shop', apps: [], groups: [], pods: [pod] }], pods: [] },
      [],
      new Map([['/shop/web', pod.state!]]),
    );
    expect(childRows(findNode(tree, '/shop')!, queueIndex([delayed!]))[0]?.status).toBe(STATUS.delayed);
    const waiting = readQueue({
      queue: [
        {
          pod: { id: '/shop/web' },
          count: 1,
          delay: { timeLeftSeconds: 0, overdue: true },
          processedOffersSummary: { processedOffersCount: 4, unusedOffersCount: 4, lastUnusedOfferAt: '2024-01-01T00:00:30.000Z' },
        },
      ],
    })[0];
    expect(podStatus({ ...pod, deploying: true }, waiting)).toBe(STATUS.deployingAwaiting);
    expect(podStatus({ ...pod, deploying: true })).toBe(STATUS.deploying);
    expect(podStatus(pod)).toBe(STATUS.degradedRecovering);
  });
});

describe("the pod's instances table", () => {
  const { pod, instances } = readPodStatus(statusBody)!;

  it('sorts the instances, each followed by its containers, worst status first', () => {
    const names = (key: 'id' | 'status' | 'host' | 'updated', descending = false): string[] =>
      podRows(instances, { key, descending }, pod.raw).map((r) => r.instance?.unique ?? `  ${r.container?.name}`);
    expect(names('id')).toEqual(['aaa', '  nginx', 'bbb', '  nginx', '  admin', 'ccc']);
    expect(names('status')).toEqual(['aaa', '  nginx', 'ccc', 'bbb', '  nginx', '  admin']);
    // No agent sorts first; the newest update first when descending.
    expect(names('host')[0]).toBe('ccc');
    expect(names('updated', true)).toEqual(['ccc', 'bbb', '  nginx', '  admin', 'aaa', '  nginx']);
  });

  it('words, tones and figures each row; a terminal instance cannot be restarted', () => {
    const rows = podRows(instances, { key: 'id', descending: false }, pod.raw);
    expect(rows[0]).toMatchObject({ key: 'shop_web.instance-aaa', word: 'Degraded', tone: 'bad', agent: 'a1', cpus: '', mem: '' });
    expect(rows[2]).toMatchObject({ word: 'Stable', tone: 'ok', address: '10.0.0.2, 9.9.9.9', cpus: '0.7', mem: '320 MiB' });
    expect(rows[3]).toMatchObject({ container: { name: 'nginx', taskId: 'shop_web.instance-bbb.nginx' }, word: 'Running', tone: 'ok' });
    expect(rows[1]).toMatchObject({ key: 'shop_web.instance-aaa/0', word: 'Failed', tone: 'bad' });
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    expect(rows.filter((r) => r.instance?.restartable).length).toBe(3);
    expect(['PENDING', 'STAGING', 'STABLE', 'DEGRADED', 'TERMINAL'].map(instanceTone)).toEqual(['pending', 'pending', 'ok', 'bad', 'done']);
    expect(podRows([{ ...instances[0]!, status: 'TERMINAL' }], { key: 'id', descending: false }, pod.raw)[0]?.instance?.restartable).toBe(
      false,
    );
  });

  it("names an instance by the end of its id on a phone; endpoints by their allocated port, else the definition's", () => {
    expect(splitInstanceId('shop_web.instance-5d1c-9f')).toEqual(['shop_web.instance-', '5d1c-9f']);
    expect(splitInstanceId('odd-id')).toEqual(['', 'odd-id']);
    const [b] = instances;
    expect(endpointsText(b!.containers[0]!, pod.raw)).toBe('http:31002');
    expect(endpointsText(b!.containers[1]!, pod.raw)).toBe('admin:8081, metrics');
    expect(endpointsText({ ...b!.containers[0]!, endpoints: [] }, pod.raw)).toBe('http');
    expect(endpointsText({ ...b!.containers[0]!, name: 'gone', endpoints: [] }, pod.raw)).toBe('');
  });

  it('counts what one instance asks for: its containers and its executor', () => {
    expect(podResources(pod.raw)).toEqual({ cpus: 0.7, mem: 320, disk: 10, gpus: 0 });
    expect(podResources({ containers: 'x' })).toEqual({ cpus: 0, mem: 0, disk: 0, gpus: 0 });
  });

  it('has the tabs of DC/OS: Instances, Configuration, Debug', () => {
    expect(POD_TABS.map((t) => t.label)).toEqual(['Instances', 'Configuration', 'Debug']);
    expect(parseServicesHash('#/services/detail/%2Fshop%2Fweb/debug')).toEqual({ view: 'detail', appId: '/shop/web', tab: 'debug' });
  });
});

describe('readiness answers', () => {
  const results = [
    { name: 'readiness', taskId: 't1', ready: false, lastResponse: { status: 503, contentType: '', body: '' } },
    { name: 'readiness', taskId: 't2', ready: true },
    { name: 'readiness', taskId: 't3', ready: false, lastResponse: { status: 504, body: 'timed out' } },
    { name: 'readiness', ready: false },
  ];

  it("are read from the app's `readinessCheckResults`, keeping a last response's status only", () => {
    const app = readApp({ id: '/r', readinessCheckResults: results })!;
    expect(app.readinessCheckResults).toEqual([
      { name: 'readiness', taskId: 't1', ready: false, lastResponse: { status: 503 } },
      { name: 'readiness', taskId: 't2', ready: true },
      { name: 'readiness', taskId: 't3', ready: false, lastResponse: { status: 504 } },
    ]);
    expect(readApp({ id: '/r' })!.readinessCheckResults).toEqual([]);
    expect(notReadyText(app.readinessCheckResults[0]!)).toBe('Readiness check readiness not passed yet (last answer: HTTP 503)');
    expect(notReadyText({ name: '', taskId: 't', ready: false })).toBe('Readiness check not passed yet');
  });

  it("and from a deployment's current actions, summed up under the action they hold for", () => {
    const [d] = readDeployments([
      {
        id: 'd1',
        steps: [{ actions: [{ action: 'StartApplication', app: '/r' }] }, { actions: [{ action: 'ScaleApplication', app: '/r' }] }],
        currentActions: [{ action: 'ScaleApplication', app: '/r', readinessCheckResults: results }],
        currentStep: 2,
        totalSteps: 2,
      },
    ]);
    expect(d!.steps[1]!.actions[0]).not.toHaveProperty('readinessCheckResults');
    expect(readinessOf(d!, d!.steps[1]!.actions[0]!)).toHaveLength(3);
    expect(readinessOf(d!, d!.steps[0]!.actions[0]!)).toEqual([]);
    expect(readinessSummary(readinessOf(d!, d!.steps[1]!.actions[0]!))).toEqual({
      text: 'Readiness: 1 of 3 tasks ready · last answer HTTP 503, 504',
      waiting: true,
    });
    expect(readinessSummary([{ name: 'r', taskId: 't', ready: true }])).toEqual({ text: 'Readiness: 1 of 1 task ready', waiting: false });
    expect(readinessSummary([])).toBeNull();
  });
});

describe('the page against the sandbox', () => {
  const POD = {
    id: '/web',
    containers: [
      { name: 'nginx', resources: { cpus: 0.2, mem: 64 }, endpoints: [{ name: 'http', hostPort: 0 }] },
      { name: 'logger', resources: { cpus: 0.1, mem: 32 } },
    ],
    scaling: { kind: 'fixed', instances: 2 },
  };

  it('finds a pod where no app is, reads its status and versions, restarts an instance; a pod gone says so', async () => {
    const sb = await boot([agent('a1', { cpus: 4, mem: 4096, disk: 1024, ports: [[31000, 32000]] })], { allocator: 'ts', matcher: 'ts' });
    const client = new MarathonClient((req) => Promise.resolve(sb.request(req)));
    expect((await client.createPod(POD)).ok).toBe(true);
    sb.advance(10_000);

    const data = new ServicesData(client);
    data.setFocus({ appId: '/web', placement: true });
    await data.refresh(true);
    expect(data.appProblem).toBeNull();
    expect(data.app).toBeNull();
    const pod = data.pod!;
    expect(pod.pod).toMatchObject({ id: '/web', instances: 2, state: { status: 'STABLE', running: 2, staged: 0 } });
    expect(pod.instances).toHaveLength(2);
    expect(pod.instances[0]!.containers.map((c) => [c.name, c.status])).toEqual([
      ['nginx', 'TASK_RUNNING'],
      ['logger', 'TASK_RUNNING'],
    ]);
    expect(data.placement?.appId).toBe('/web');
    await new Promise((ok) => setTimeout(ok, 0));
    expect(data.versions).toEqual([pod.pod.version]);

    const killed = pod.instances[0]!.id;
    expect((await client.killPodInstance('/web', killed)).ok).toBe(true);
    expect((await client.killPodInstance('/web', 'web.instance-none')).ok).toBe(false);
    sb.advance(500);
    await data.refresh();
    expect(data.pod!.instances.find((i) => i.id === killed)).toMatchObject({
      status: 'TERMINAL',
      containers: [{ status: 'TASK_KILLING' }, {}],
    });
    // Marathon launches the instance again.
    const now = () => readPodStatus(sb.request({ method: 'GET', path: '/marathon/v2/pods/web::status' }).body)!;
    waitFor(sb, () => now().instances.every((i) => i.status === 'STABLE'), 60_000);
    await data.refresh();
    expect(data.pod!.instances.map((i) => i.status)).toEqual(['STABLE', 'STABLE']);

    expect((await client.destroyPod('/web', true)).ok).toBe(true);
    sb.advance(10_000);
    await data.refresh();
    expect(data.pod).toBeNull();
    expect(data.appProblem?.status).toBe(404);
    // No longer a pod: the next poll asks for an app again, and says the app's 404.
    await data.refresh();
    expect(data.appProblem?.message).toMatch(/App '\/web' does not exist/);
  });

  it("shows a scaling app's tasks waiting for their readiness check, in the app and in its deployment", async () => {
    const sb = await boot([agent('a1', { cpus: 4, mem: 4096, ports: [[31000, 32000]] })], { allocator: 'ts', matcher: 'ts' });
    deploy(sb, {
      id: '/ready',
      cmd: 'serve',
      instances: 2,
      cpus: 0.1,
      mem: 16,
      portDefinitions: [{ port: 0, name: 'http-api' }],
      readinessChecks: [{ path: '/ready', intervalSeconds: 5, timeoutSeconds: 1, preserveLastResponse: true }],
    });
    behave(sb, '/ready', { secondsUntilReady: null });
    const client = new MarathonClient((req) => Promise.resolve(sb.request(req)));
    waitFor(sb, () => (sb.request({ method: 'GET', path: '/marathon/v2/tasks' }).body as { tasks: unknown[] }).tasks.length === 2, 30_000);
    sb.advance(6_000);
    const app = await client.app('/ready');
    const results = app.ok ? app.value!.readinessCheckResults : [];
    expect(results.map((r) => [r.ready, r.lastResponse?.status])).toEqual([
      [false, 503],
      [false, 503],
    ]);
    expect(new Set(results.map((r) => r.taskId))).toEqual(new Set(app.ok ? app.value!.tasks.map((t) => t.id) : []));
    const deployments = await client.deployments();
    const d = deployments.ok ? deployments.value.find((x) => x.affectedApps.includes('/ready')) : undefined;
    const current = d!.steps[d!.currentStep - 1]!.actions[0]!;
    expect(readinessSummary(readinessOf(d!, current))?.text).toBe('Readiness: 0 of 2 tasks ready · last answer HTTP 503');
  });
});
