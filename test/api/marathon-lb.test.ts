/**
 * Marathon-LB (PLATFORM.md §B): installed from the catalog on the public agent, it routes the apps of its group by
 * virtual host on 80 and by service port, round robin over the tasks Marathon finds healthy; its HAProxy stats are
 * served under /service/marathon-lb.
 */
import { describe, expect, it } from 'vitest';
import { agent } from '../support/cluster.ts';
import { boot, deploy, fault, get, post, quickHealthCheck, tasksOf, waitFor, type Json } from '../support/marathon.ts';
import { resumeSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import type { SandboxTrafficClient } from '../../src/api/shapes/net.ts';

const PUBLIC_IP = '10.1.0.12';

const web = (extra: Json = {}): Json => ({
  id: '/web',
  cmd: 'python3 -m http.server $PORT0',
  instances: 3,
  cpus: 0.1,
  mem: 32,
  portDefinitions: [{ port: 0, protocol: 'tcp', name: 'http' }],
  labels: { HAPROXY_GROUP: 'external', HAPROXY_0_VHOST: 'web.example.com' },
  healthChecks: [quickHealthCheck()],
  ...extra,
});

const running = (sb: Sandbox, id: string): Json[] => tasksOf(sb, id).filter((t) => t.state === 'TASK_RUNNING');
const healthy = (sb: Sandbox, id: string): Json[] => running(sb, id).filter((t) => t.healthCheckResults?.[0]?.alive === true);

async function cluster(opts: { lb?: boolean; seed?: number } = {}): Promise<Sandbox> {
  const sb = await boot(
    [
      agent('a', { cpus: 4, mem: 8192, ports: [[1025, 32000]] }, { count: 2 }),
      agent('pub', { cpus: 4, mem: 8192, ports: [[1, 32000]] }, { public: true }),
    ],
    { marathon: { role: 'slave_public' }, seed: opts.seed ?? 1 },
  );
  deploy(sb, web());
  deploy(sb, { ...web(), id: '/plain', labels: {}, healthChecks: [] });
  if (opts.lb !== false) {
    const res = post(sb, '/package/install', { packageName: 'marathon-lb' });
    expect(res.status).toBe(200);
    waitFor(sb, () => running(sb, '/marathon-lb').length === 1, 120_000);
  }
  waitFor(sb, () => healthy(sb, '/web').length === 3, 120_000);
  return sb;
}

const startClient = (sb: Sandbox, name: string, target: string, rps = 30): void => {
  const res = post(sb, '/sandbox/v1/traffic', { name, target, rps, from: 'a-1' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
};
const client = (sb: Sandbox, name: string): SandboxTrafficClient => get(sb, `/sandbox/v1/traffic/${name}`) as SandboxTrafficClient;

function addressesOf(sb: Sandbox, id: string): Record<string, string> {
  const agents = sb.snapshot().cluster.agents as Array<{ hostname: string; ip: string }>;
  return Object.fromEntries(
    healthy(sb, id).map((t) => [`${agents.find((a) => a.hostname === t.host)!.ip}:${t.ports[0] as number}`, t.id as string]),
  );
}

describe('Marathon-LB', () => {
  it('runs on the public agent and routes web.example.com on :80 to all three tasks, round robin', async () => {
    const sb = await cluster();
    expect(running(sb, '/marathon-lb')[0]!.host).toBe('pub');
    startClient(sb, 'vhost', `web.example.com@${PUBLIC_IP}:80`);
    sb.advance(10_000);
    const c = client(sb, 'vhost');
    expect(c.totals.errors).toEqual({});
    expect(c.totals.ok).toBe(c.totals.requests);
    const addresses = addressesOf(sb, '/web');
    expect(c.backends.map((b) => b.address).sort()).toEqual(Object.keys(addresses).sort());
    // Round robin: each second's 30 requests split 10/10/10.
    for (const second of c.series) expect(Object.values(second.byBackend)).toEqual([10, 10, 10]);
    for (const b of c.backends) expect(b.taskId).toBe(addresses[b.address]);
    // The agent's hostname is its address too.
    startClient(sb, 'by-name', 'web.example.com@pub:80');
    sb.advance(2000);
    expect(client(sb, 'by-name').totals.ok).toBe(60);
  });

  it("routes the app's service port, and not an app outside its group; no Host match or no LB is refused", async () => {
    const sb = await cluster();
    const servicePort = get(sb, '/marathon/v2/apps/web').app.portDefinitions[0].port as number;
    const plainPort = get(sb, '/marathon/v2/apps/plain').app.portDefinitions[0].port as number;
    expect(servicePort).toBeGreaterThanOrEqual(10000);
    startClient(sb, 'sp', `${PUBLIC_IP}:${servicePort}`);
    startClient(sb, 'plain', `${PUBLIC_IP}:${plainPort}`);
    startClient(sb, 'nohost', `${PUBLIC_IP}:80`);
    startClient(sb, 'plain-vhost', `plain.example.com@${PUBLIC_IP}:80`);
    startClient(sb, 'private', `web.example.com@10.1.0.10:80`);
    sb.advance(5000);
    expect(client(sb, 'sp').totals.ok).toBe(150);
    expect(client(sb, 'sp').backends).toHaveLength(3);
    for (const name of ['plain', 'nohost', 'plain-vhost', 'private']) {
      expect(client(sb, name).totals, name).toEqual({ requests: 150, ok: 0, errors: { ECONNREFUSED: 150 } });
    }
    const trace = post(sb, '/sandbox/v1/requests', { target: `web.example.com@${PUBLIC_IP}:80`, from: 'a-1' }).body;
    expect(trace).toMatchObject({ resolver: 'none', addresses: [PUBLIC_IP], vip: null, error: null });
    expect(Object.keys(addressesOf(sb, '/web'))).toContain(trace.reached);
  });

  it('drops a task once its health check fails, and takes its replacement once healthy', async () => {
    const sb = await cluster();
    startClient(sb, 'vhost', `web.example.com@${PUBLIC_IP}:80`);
    sb.advance(3000);
    const victim = healthy(sb, '/web')[0]!;
    const agents = sb.snapshot().cluster.agents as Array<{ hostname: string; ip: string }>;
    const victimAddress = `${agents.find((a) => a.hostname === victim.host)!.ip}:${victim.ports[0] as number}`;
    fault(sb, 'task-unhealthy', victim.id as string);
    // Marathon's next check (every 2 s) marks it; from then on the LB sends it nothing.
    waitFor(sb, () => tasksOf(sb, '/web').find((t) => t.id === victim.id)?.healthCheckResults?.[0]?.alive === false, 10_000);
    sb.advance(1000);
    const before = client(sb, 'vhost').backends.find((b) => b.address === victimAddress)!.requests;
    sb.advance(3000);
    const c = client(sb, 'vhost');
    expect(c.backends.find((b) => b.address === victimAddress)!.requests).toBe(before);
    expect(c.series.at(-1)!.byBackend[victimAddress]).toBeUndefined();
    expect(Object.values(c.series.at(-1)!.byBackend)).toEqual([15, 15]);
    expect(c.totals.errors).toEqual({});
    // Marathon kills it after 3 failures and starts another; once healthy, the LB balances over three again.
    waitFor(sb, () => healthy(sb, '/web').length === 3 && !healthy(sb, '/web').some((t) => t.id === victim.id), 60_000);
    sb.advance(1000);
    expect(Object.keys(client(sb, 'vhost').series.at(-1)!.byBackend)).toHaveLength(3);
  });

  it('serves HAProxy stats as CSV and HTML; 404 without marathon-lb', async () => {
    const none = await cluster({ lb: false });
    expect(none.request({ method: 'GET', path: '/service/marathon-lb/haproxy?stats;csv' }).status).toBe(404);

    const sb = await cluster();
    startClient(sb, 'vhost', `web.example.com@${PUBLIC_IP}:80`);
    sb.advance(4000);
    const res = sb.request({ method: 'GET', path: '/service/marathon-lb/haproxy?stats;csv' });
    expect(res.status).toBe(200);
    expect(res.headers).toEqual({ 'Content-Type': 'text/plain' });
    const [header, ...lines] = (res.body as string).trimEnd().split('\n');
    expect(header!.startsWith('# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,')).toBe(true);
    const columns = header!.slice(2).split(',');
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i], v])));
    const row = (px: string, sv: string) => rows.find((r) => r.pxname === px && r.svname === sv);
    const servicePort = get(sb, '/marathon/v2/apps/web').app.portDefinitions[0].port as number;
    const backend = `web_${servicePort}`;
    expect(row('marathon_http_in', 'FRONTEND')).toMatchObject({ status: 'OPEN', stot: '120', type: '0' });
    expect(row(backend, 'FRONTEND')).toMatchObject({ status: 'OPEN', stot: '0' });
    expect(row(backend, 'BACKEND')).toMatchObject({ status: 'UP', stot: '120', act: '3', type: '1' });
    const servers = rows.filter((r) => r.pxname === backend && r.type === '2');
    expect(servers).toHaveLength(3);
    expect(servers.every((s) => s.status === 'UP' && s.stot === '40')).toBe(true);
    expect(rows.some((r) => r.pxname.startsWith('plain'))).toBe(false);
    const html = sb.request({ method: 'GET', path: '/service/marathon-lb/haproxy?stats' });
    expect(html.status).toBe(200);
    expect(html.body as string).toContain(`<td>${backend}</td><td>BACKEND</td><td>UP</td><td>120</td>`);
    expect(sb.request({ method: 'GET', path: '/service/marathon-lb/_haproxy_health_check' }).status).toBe(200);
  });

  it('is deterministic: the same history twice, and a resumed snapshot goes on alike', async () => {
    const run = async (split?: number) => {
      let sb = await cluster({ seed: 7 });
      startClient(sb, 'vhost', `web.example.com@${PUBLIC_IP}:80`);
      sb.advance(5000);
      fault(sb, 'task-unhealthy', healthy(sb, '/web')[0]!.id as string);
      if (split !== undefined) {
        sb.advance(split);
        sb = await resumeSandbox(sb.scenario(), JSON.parse(JSON.stringify(sb.snapshot())));
      }
      sb.advance(20_000 - (split ?? 0));
      const stats = sb.request({ method: 'GET', path: '/service/marathon-lb/haproxy?stats;csv' }).body;
      return { hash: sb.historyHash(), client: client(sb, 'vhost'), stats };
    };
    const a = await run();
    const b = await run();
    const c = await run(7000);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(a.client.totals.ok).toBe(a.client.totals.requests);
  });
});
