/**
 * Named VIPs, dcos-dns names and the request generator (networking-sources.md §2.2-2.5, §5 #16): backends appear
 * at their agent's next l4lb poll, requests spread over them, a killed backend refuses requests until the balancer
 * drops it, and all of it is the same for the same seed.
 */
import { describe, expect, it } from 'vitest';
import { agent } from '../support/cluster.ts';
import { boot, del, deploy, get, post, tasksOf, waitFor, type Json } from '../support/marathon.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { MYAPP_VIP, overlayApp } from '../support/network.ts';
import type { SandboxTraffic, SandboxVip } from '../../src/api/shapes/net.ts';

const VIP_NAME = MYAPP_VIP;
/** phash2("myapp.marathon") over DC/OS's range, computed apart from the sandbox (networking-sources.md §2.3). */
const VIP_IP = '11.215.13.222';

async function cluster(extra: Json = {}): Promise<Sandbox> {
  const sb = await boot([agent('a', { cpus: 2, mem: 2048 }, { count: 3 })]);
  deploy(sb, overlayApp(3, extra));
  waitFor(sb, () => tasksOf(sb, '/myapp').filter((t: Json) => t.state === 'TASK_RUNNING').length === 3, 60_000);
  sb.advance(2500);
  return sb;
}

const vips = (sb: Sandbox): SandboxVip[] => get(sb, '/sandbox/v1/vips') as unknown as SandboxVip[];
const traffic = (sb: Sandbox): SandboxTraffic => get(sb, '/sandbox/v1/traffic') as unknown as SandboxTraffic;

describe('named VIPs', () => {
  it('gives /web:80 its hashed address and the three tasks as backends', async () => {
    const sb = await cluster();
    const [vip] = vips(sb);
    expect(vip).toMatchObject({ vip: `${VIP_NAME}:80`, name: VIP_NAME, address: VIP_IP, port: 80, protocol: 'tcp' });
    const taskIps = tasksOf(sb, '/myapp')
      .map((t: Json) => t.ipAddresses[0].ipAddress as string)
      .sort();
    expect(vip!.backends.map((b) => b.ip).sort()).toEqual(taskIps);
    expect(vip!.backends.every((b) => b.port === 8080 && b.weight === 1 && b.state === 'running')).toBe(true);
    expect(get(sb, '/net/v1/vips')).toEqual([
      { backend: vip!.backends.map((b) => ({ ip: b.ip, port: 8080 })), protocol: 'tcp', vip: `${VIP_NAME}:80` },
    ]);
    expect(get(sb, `/net/v1/hosts/${VIP_NAME}`)).toEqual([{ host: VIP_NAME, ip: VIP_IP }]);
    expect(get(sb, '/networking/api/v1/vips')).toEqual({ array: [{ ip: VIP_IP, port: 80, protocol: 'tcp' }] });
  });

  it('names the tasks in dcos-dns: containerip and autoip are the overlay IPs, agentip the agents', async () => {
    const sb = await cluster();
    const containerIps = (get(sb, '/net/v1/hosts/myapp.marathon.containerip.dcos.thisdcos.directory') as unknown as Json[])
      .map((h) => h.ip as string)
      .sort();
    const taskIps = tasksOf(sb, '/myapp')
      .map((t: Json) => t.ipAddresses[0].ipAddress as string)
      .sort();
    expect(containerIps).toEqual(taskIps);
    const autoIps = (get(sb, '/net/v1/hosts/myapp.marathon.autoip.dcos.thisdcos.directory') as unknown as Json[]).map((h) => h.ip).sort();
    expect(autoIps).toEqual(taskIps);
    const agentIps = (get(sb, '/net/v1/hosts/myapp.marathon.agentip.dcos.thisdcos.directory') as unknown as Json[]).map((h) => h.ip);
    expect(agentIps.every((ip) => !String(ip).startsWith('9.'))).toBe(true);
    expect(get(sb, '/net/v1/hosts/nothing.marathon.autoip.dcos.thisdcos.directory')).toEqual([]);
  });
});

describe("a task's network view", () => {
  it('lists its addresses, port environment, DNS names with their answers and its VIP', async () => {
    const sb = await cluster();
    const task = tasksOf(sb, '/myapp')[0]!;
    const view = get(sb, `/sandbox/v1/tasks/${task.id as string}/network`);
    const ip = task.ipAddresses[0].ipAddress as string;
    expect(view).toMatchObject({ taskId: task.id, ipAddresses: [ip], networks: ['dcos'], hostPorts: [], vips: [`${VIP_NAME}:80`] });
    expect(view.environment).toMatchObject({ PORT0: '8080', PORT_HTTP: '8080', PORT: '8080', PORTS: '8080' });
    const names = Object.fromEntries((view.dnsNames as Json[]).map((n) => [n.name, n]));
    expect(names['myapp.marathon.autoip.dcos.thisdcos.directory']!.answers).toContain(ip);
    expect(names['myapp.marathon.containerip.dcos.thisdcos.directory']!.answers).toContain(ip);
    expect(names['_myapp._tcp.marathon.mesos']!.type).toBe('SRV');
    // Mesos-DNS reloads every 30 s: the name comes with a later load.
    sb.advance(30_000);
    const later = get(sb, `/sandbox/v1/tasks/${task.id as string}/network`);
    const mesos = (later.dnsNames as Json[]).find((n) => n.name === 'myapp.marathon.mesos')!;
    expect(mesos.answers.length).toBeGreaterThan(0);
    expect(sb.request({ method: 'GET', path: '/sandbox/v1/tasks/nope/network' })).toEqual({
      status: 404,
      body: { message: "Task 'nope' is not running" },
    });
  });
});

describe('traffic', () => {
  it('spreads requests over the backends, and a kill shows a burst of refusals, then none', async () => {
    const sb = await cluster();
    const started = post(sb, '/sandbox/v1/traffic', { name: 'load', target: `${VIP_NAME}:80`, rps: 30 });
    expect(started.status).toBe(201);
    sb.advance(10_000);
    let client = traffic(sb).clients[0]!;
    expect(client.totals.errors).toEqual({});
    expect(client.backends).toHaveLength(3);
    for (const b of client.backends) expect(b.requests).toBe(100);

    const victim = tasksOf(sb, '/myapp')[0]!.id as string;
    expect(post(sb, '/marathon/v2/tasks/delete', { ids: [victim] }).status).toBe(200);
    sb.advance(20_000);
    client = traffic(sb).clients[0]!;
    const refused = client.totals.errors.ECONNREFUSED ?? 0;
    // The killed backend refused what it got before its agent's next poll: under two seconds of its share.
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThanOrEqual(30);
    const lastSeconds = client.series.slice(-5);
    expect(lastSeconds.every((s) => s.errors === 0 && s.ok === 30)).toBe(true);

    expect(del(sb, '/sandbox/v1/traffic/load').status).toBe(200);
    expect(del(sb, '/sandbox/v1/traffic/load').status).toBe(404);
  });

  it('shows no error through a restart when tasks drain for a grace period', async () => {
    const sb = await cluster({ taskKillGracePeriodSeconds: 5 });
    post(sb, '/sandbox/v1/traffic', { name: 'load', target: `${VIP_NAME}:80`, rps: 30 });
    sb.advance(5000);
    expect(post(sb, '/marathon/v2/apps/myapp/restart').status).toBe(200);
    waitFor(sb, () => get(sb, '/marathon/v2/deployments').length === 0, 120_000);
    sb.advance(5000);
    const client = traffic(sb).clients[0]!;
    expect(client.totals.errors).toEqual({});
    expect(client.backends.length).toBeGreaterThan(3);
  });

  it('answers NXDOMAIN for a name no one has', async () => {
    const sb = await cluster();
    post(sb, '/sandbox/v1/traffic', { name: 'lost', target: 'nothing.marathon.l4lb.thisdcos.directory:80', rps: 5 });
    sb.advance(3000);
    expect(traffic(sb).clients[0]!.totals.errors.NXDOMAIN).toBeGreaterThanOrEqual(10);
  });

  it('refuses a bad client with the field named', async () => {
    const sb = await cluster();
    expect(post(sb, '/sandbox/v1/traffic', { name: 'x', target: 'web', rps: 5 })).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/^target/) },
    });
    expect(post(sb, '/sandbox/v1/traffic', { name: 'x', target: 'web:80', rps: 0 })).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/^rps/) },
    });
    post(sb, '/sandbox/v1/traffic', { name: 'x', target: 'web:80', rps: 1 });
    expect(post(sb, '/sandbox/v1/traffic', { name: 'x', target: 'web:80', rps: 1 }).status).toBe(409);
  });

  it('traces one request to a backend without changing anything', async () => {
    const sb = await cluster();
    const trace = post(sb, '/sandbox/v1/requests', { target: `${VIP_NAME}:80` });
    expect(trace.status).toBe(200);
    expect(trace.body).toMatchObject({ resolver: 'dcos-dns', addresses: [VIP_IP], vip: `${VIP_NAME}:80`, error: null });
    expect(String(trace.body.reached)).toMatch(/^9\.0\.\d+\.\d+:8080$/);
  });

  it('resolves Mesos-DNS names, and their copy in dcos-dns, to the agent: an overlay port is not there', async () => {
    const sb = await cluster();
    sb.advance(30_000);
    const direct = post(sb, '/sandbox/v1/requests', { target: 'myapp.marathon.mesos:8080' }).body;
    const copy = post(sb, '/sandbox/v1/requests', { target: 'myapp.marathon.mesos.thisdcos.directory:8080' }).body;
    expect(direct).toMatchObject({ resolver: 'mesos-dns', error: 'ECONNREFUSED' });
    expect(copy).toMatchObject({ resolver: 'dcos-dns', addresses: direct.addresses, error: 'ECONNREFUSED' });
    expect(direct.addresses.every((ip: string) => !ip.startsWith('9.'))).toBe(true);
  });

  it('is the same history for the same seed', async () => {
    const run = async () => {
      const sb = await cluster();
      post(sb, '/sandbox/v1/traffic', { name: 'load', target: `${VIP_NAME}:80`, rps: 20 });
      sb.advance(5000);
      post(sb, '/marathon/v2/tasks/delete', { ids: [tasksOf(sb, '/myapp')[1]!.id] });
      sb.advance(10_000);
      return { hash: sb.historyHash(), traffic: traffic(sb) };
    };
    const [a, b] = [await run(), await run()];
    expect(a).toEqual(b);
  });
});
