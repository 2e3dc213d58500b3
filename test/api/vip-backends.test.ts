/**
 * A VIP's backends through an app's life (networking-sources.md §2.3): scaling adds and removes them at the agents'
 * next polls, a failing Mesos health check weighs one 0 (Marathon-side checks do not), a partition keeps a client's
 * requests on the backends it can reach, and a leader failover leaves the VIP as it was.
 */
import { describe, expect, it } from 'vitest';
import { agent } from '../support/cluster.ts';
import {
  boot,
  deploy,
  fault,
  get,
  marathonScenario,
  post,
  put,
  quickHealthCheck,
  tasksOf,
  untilBooted,
  waitFor,
  type Json,
} from '../support/marathon.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { MYAPP_VIP, overlayApp } from '../support/network.ts';
import type { SandboxTraffic, SandboxVip } from '../../src/api/shapes/net.ts';

const VIP = MYAPP_VIP;

const vip = (sb: Sandbox): SandboxVip | undefined => (get(sb, '/sandbox/v1/vips') as unknown as SandboxVip[])[0];
const running = (sb: Sandbox): Json[] => tasksOf(sb, '/myapp').filter((t: Json) => t.state === 'TASK_RUNNING');

async function cluster(instances: number, extra: Json = {}): Promise<Sandbox> {
  const sb = await boot([agent('a', { cpus: 2, mem: 2048 }, { count: 3 })]);
  deploy(sb, overlayApp(instances, extra));
  waitFor(sb, () => running(sb).length === instances, 60_000);
  sb.advance(2500);
  return sb;
}

describe('VIP backends', () => {
  it('follow a scale up and down, each within one poll of its task', async () => {
    const sb = await cluster(2);
    expect(vip(sb)!.backends).toHaveLength(2);
    const configured = get(sb, '/marathon/v2/apps/myapp').app.versionInfo.lastConfigChangeAt as string;
    expect(put(sb, '/marathon/v2/apps/myapp', { instances: 4 }).status).toBe(200);
    // A scale, not a restart: the update merged into the app's read form (protocol, volumes) changes nothing else.
    expect(get(sb, '/marathon/v2/apps/myapp').app.versionInfo.lastConfigChangeAt).toBe(configured);
    waitFor(sb, () => running(sb).length === 4, 60_000);
    const ranAt = sb.now;
    waitFor(sb, () => vip(sb)!.backends.length === 4, 2100);
    expect(sb.now - ranAt).toBeLessThanOrEqual(2000);
    expect(put(sb, '/marathon/v2/apps/myapp', { instances: 1 }).status).toBe(200);
    waitFor(sb, () => running(sb).length === 1, 60_000);
    waitFor(sb, () => vip(sb)!.backends.length === 1, 2100);
    expect(put(sb, '/marathon/v2/apps/myapp', { instances: 0 }).status).toBe(200);
    waitFor(sb, () => running(sb).length === 0, 60_000);
    waitFor(sb, () => vip(sb) === undefined, 2100);
    expect(get(sb, `/net/v1/hosts/${VIP}`)).toEqual([]);
  });

  it('weigh a task failing its Mesos health check 0; a Marathon-side check does not reach the balancer', async () => {
    const sb = await cluster(2, { healthChecks: [quickHealthCheck({ protocol: 'MESOS_HTTP', gracePeriodSeconds: 1 })] });
    sb.advance(20_000);
    expect(vip(sb)!.backends.map((b) => b.weight)).toEqual([1, 1]);
    const sick = running(sb)[0]!.id as string;
    fault(sb, 'task-unhealthy', sick);
    waitFor(sb, () => vip(sb)!.backends.some((b) => b.taskId === sick && b.weight === 0), 20_000);
    expect(vip(sb)!.backends.find((b) => b.taskId === sick)!.state).toBe('unhealthy');

    const other = await cluster(2, { healthChecks: [quickHealthCheck({ gracePeriodSeconds: 1 })] });
    other.advance(20_000);
    const task = running(other)[0]!.id as string;
    fault(other, 'task-unhealthy', task);
    other.advance(3000);
    // Marathon has not killed it yet (3 failures at 2 s): Mesos knows nothing of its health.
    expect(vip(other)!.backends.find((b) => b.taskId === task)?.weight).toBe(1);
  });

  it('leave out backends a client cannot reach while others remain', async () => {
    const sb = await cluster(3, { constraints: [['hostname', 'UNIQUE']] });
    const agents = [...new Set(vip(sb)!.backends.map((b) => b.agent))];
    const hostnames = (get(sb, '/mesos/slaves').slaves as Json[]).map((s) => s.hostname as string);
    const from = hostnames.find((h) => h !== agents[0])!;
    post(sb, '/sandbox/v1/traffic', { name: 'c', target: `${VIP}:80`, rps: 30, from });
    sb.advance(3000);
    const cut = post(sb, '/sandbox/v1/faults', { kind: 'partition', sides: [[from], [agents[0]]] });
    expect(cut.status).toBe(202);
    const before = (get(sb, '/sandbox/v1/traffic') as unknown as SandboxTraffic).clients[0]!.totals.requests;
    sb.advance(5000);
    const client = (get(sb, '/sandbox/v1/traffic') as unknown as SandboxTraffic).clients[0]!;
    expect(client.totals.requests - before).toBe(150);
    expect(client.totals.errors).toEqual({});
    const cutOff = vip(sb)!
      .backends.filter((b) => b.agent === agents[0])
      .map((b) => `${b.ip}:${b.port}`);
    const recent = client.series.slice(-3);
    for (const second of recent) for (const address of cutOff) expect(second.byBackend[address] ?? 0).toBe(0);
  });

  it('stay through a leader failover, and traffic goes on without an error', async () => {
    const scenario = marathonScenario([agent('a', { cpus: 2, mem: 2048 }, { count: 3 })]);
    scenario.cluster.masters = 3;
    const sb = await createSandbox(scenario, { allocator: 'wasm', matcher: 'wasm' });
    untilBooted(sb);
    deploy(sb, overlayApp(3));
    waitFor(sb, () => running(sb).length === 3, 60_000);
    sb.advance(2500);
    post(sb, '/sandbox/v1/traffic', { name: 'c', target: `${VIP}:80`, rps: 20 });
    const leader = String(get(sb, '/mesos/master/state').hostname);
    const backends = vip(sb)!.backends.map((b) => b.taskId);
    fault(sb, 'master-crash', leader);
    sb.advance(60_000);
    expect(String(get(sb, '/mesos/master/state').hostname)).not.toBe(leader);
    expect(vip(sb)!.backends.map((b) => b.taskId)).toEqual(backends);
    const client = (get(sb, '/sandbox/v1/traffic') as unknown as SandboxTraffic).clients[0]!;
    expect(client.totals.errors).toEqual({});
    expect(client.totals.ok).toBeGreaterThanOrEqual(60 * 20);
    const newLeader = (get(sb, '/net/v1/hosts/leader.dcos.thisdcos.directory') as unknown as Json[])[0]!.ip;
    expect(String(get(sb, '/mesos/master/state').leader)).toContain(`@${String(newLeader)}:`);
  });
});
