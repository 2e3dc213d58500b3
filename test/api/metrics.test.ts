/**
 * The metrics APIs: dcos-metrics' v0 paths through Admin Router (`/system/v1/agent/{id}/metrics/v0/…`) with Telegraf's
 * names, units, tags and dimensions, the sandbox's Prometheus stand-in, Mesos' `/metrics/snapshot` of the master and
 * of an agent, checked against the usage model and against `/mesos/master/state`.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { fnv1a } from '../../src/engine/usage/hash.ts';
import { usageAt } from '../../src/engine/usage/profile.ts';
import { SYSTEM_DISK_MB, SYSTEM_MEM_MB } from '../../src/api/metrics/node.ts';
import { agent } from '../support/cluster.ts';
import { behave, boot, deploy, get, mesosTasks, put, reachedAt, type Json } from '../support/marathon.ts';

const MB = 1024 * 1024;

async function cluster(): Promise<{ sb: Sandbox; agentId: string }> {
  const sb = await boot([agent('a', { cpus: 4, mem: 4096, disk: 8192 })]);
  deploy(sb, { id: '/web', cmd: 'sleep 1000', cpus: 0.5, mem: 256, disk: 100, instances: 2 });
  deploy(sb, { id: '/leak', cmd: 'sleep 1000', cpus: 1, mem: 512, instances: 1 });
  behave(sb, '/leak', { usage: { profile: 'leak', memMb: 100, memMbPerMinute: 30 } });
  sb.advance(180_000);
  return { sb, agentId: mesosTasks(sb, '/web')[0]!.slave_id };
}

const metrics = (agentId: string, rest: string) => `/system/v1/agent/${agentId}/metrics/${rest}`;
const valueOf = (body: Json, name: string): number => (body.datapoints as Json[]).find((d) => d.name === name)!.value as number;

describe('dcos-metrics v0', () => {
  it('lists the containers of the agent by their ids, those of the tasks in the state', async () => {
    const { sb, agentId } = await cluster();
    const ids = get(sb, metrics(agentId, 'v0/containers')) as unknown as string[];
    const state = get(sb, '/mesos/master/state');
    const fromState = state.frameworks.flatMap((f: Json) => f.tasks.map((t: Json) => t.statuses[0].container_status.container_id.value));
    expect([...ids].sort()).toEqual([...fromState].sort());
    expect(ids).toHaveLength(3);
  });

  it("answers a container's usage under Telegraf's names, with its limits and the model's values at the last collection", async () => {
    const { sb, agentId } = await cluster();
    const task = mesosTasks(sb, '/leak')[0]!;
    const cid = task.statuses[0]!.container_status.container_id!.value;
    const body = get(sb, metrics(agentId, `v0/containers/${cid}`));
    expect(body.datapoints.map((d: Json) => d.name)).toEqual([
      'cpus.limit',
      'cpus.nr_periods',
      'cpus.nr_throttled',
      'cpus.system_time_secs',
      'cpus.throttled_time_secs',
      'cpus.user_time_secs',
      'mem.cache_bytes',
      'mem.limit_bytes',
      'mem.rss_bytes',
      'mem.total_bytes',
      'disk.limit_bytes',
      'disk.used_bytes',
      'net.rx_bytes',
      'net.rx_dropped',
      'net.rx_errors',
      'net.rx_packets',
      'net.tx_bytes',
      'net.tx_dropped',
      'net.tx_errors',
      'net.tx_packets',
    ]);
    for (const d of body.datapoints) {
      expect(d).toMatchObject({ unit: '', timestamp: '2026-01-01T00:03:00Z', tags: { container_id: cid } });
    }
    expect(body.dimensions).toEqual({
      mesos_id: agentId,
      cluster_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      hostname: get(sb, '/mesos/master/state').slaves[0].pid.replace(/^slave\(1\)@|:5051$/g, ''),
      container_id: cid,
      framework_name: 'marathon',
      task_name: 'leak',
      labels: {},
    });
    const running = reachedAt(task, 'TASK_RUNNING')!;
    // Collected at 180 s: memory 100 MB + 30 MB a minute since the task started running.
    const expected = usageAt(
      { profile: 'leak', memMb: 100, memMbPerMinute: 30 },
      { cpus: 1, mem: 512, disk: 0 },
      fnv1a(task.id),
      180_000 - running,
    );
    expect(valueOf(body, 'mem.total_bytes')).toBe(Math.round(expected.memMb * MB));
    expect(valueOf(body, 'mem.total_bytes')).toBeCloseTo((100 + (30 * (180_000 - running)) / 60_000) * MB, -1);
    expect(valueOf(body, 'mem.limit_bytes')).toBe(512 * MB);
    expect(valueOf(body, 'cpus.limit')).toBe(1);
    expect(valueOf(body, 'cpus.user_time_secs') + valueOf(body, 'cpus.system_time_secs')).toBeCloseTo(expected.cpuSeconds, 2);
    expect(valueOf(body, 'mem.rss_bytes') + valueOf(body, 'mem.cache_bytes')).toBe(valueOf(body, 'mem.total_bytes'));
    // A minute later the next collection shows 30 MB more.
    sb.advance(60_000);
    const later = get(sb, metrics(agentId, `v0/containers/${cid}`));
    expect(valueOf(later, 'mem.total_bytes') - valueOf(body, 'mem.total_bytes')).toBeCloseTo(30 * MB, -1);
  });

  it("sums the node's datapoints over its containers, with the machine Mesos would have probed", async () => {
    const { sb, agentId } = await cluster();
    const node = get(sb, metrics(agentId, 'v0/node'));
    expect(node.dimensions).toEqual({
      mesos_id: agentId,
      cluster_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      hostname: expect.any(String),
    });
    const ids = get(sb, metrics(agentId, 'v0/containers')) as unknown as string[];
    const containers = ids.map((id) => get(sb, metrics(agentId, `v0/containers/${id}`)));
    const sum = (name: string) => containers.reduce((s, c) => s + valueOf(c, name), 0);
    expect(valueOf(node, 'memory.total')).toBe((4096 + 1024) * MB);
    expect(valueOf(node, 'memory.total') - valueOf(node, 'memory.free')).toBe(sum('mem.total_bytes') + SYSTEM_MEM_MB * MB);
    expect(valueOf(node, 'memory.cached')).toBe(sum('mem.cache_bytes'));
    expect(valueOf(node, 'filesystem.capacity.total')).toBe((8192 + 5120) * MB);
    expect(valueOf(node, 'filesystem.capacity.used')).toBe(sum('disk.used_bytes') + SYSTEM_DISK_MB * MB);
    expect(valueOf(node, 'network.in')).toBe(sum('net.rx_bytes'));
    expect(valueOf(node, 'network.out.packets')).toBe(sum('net.tx_packets'));
    expect(valueOf(node, 'cpu.total') + valueOf(node, 'cpu.idle')).toBeCloseTo(100, 6);
    expect(valueOf(node, 'system.uptime')).toBe(180);
    const units = Object.fromEntries(node.datapoints.map((d: Json) => [d.name, d.unit]));
    expect(units).toMatchObject({ 'cpu.total': 'percent', 'load.1min': 'count', 'memory.free': 'bytes', 'network.in.packets': 'count' });
    const fs = node.datapoints.filter((d: Json) => d.name.startsWith('filesystem.'));
    expect(fs.every((d: Json) => d.tags.path === '/')).toBe(true);
    expect(node.datapoints.find((d: Json) => d.name === 'network.in').tags).toEqual({ interface: 'eth0' });
  });

  it('answers 204 for an unknown container and for app metrics; 404 for an unknown agent or path; 405 for writes', async () => {
    const { sb, agentId } = await cluster();
    const req = (path: string, method: 'GET' | 'POST' = 'GET') => sb.request({ method, path });
    expect(req(metrics(agentId, 'v0/containers/nope')).status).toBe(204);
    const cid = (get(sb, metrics(agentId, 'v0/containers')) as unknown as string[])[0]!;
    expect(req(metrics(agentId, `v0/containers/${cid}/app`)).status).toBe(204);
    expect(req(metrics(agentId, `v0/containers/${cid}/other`)).status).toBe(404);
    expect(req(metrics(agentId, 'v0/containers/x/app/y')).status).toBe(404);
    expect(req(metrics(agentId, 'v0/bogus')).status).toBe(404);
    expect(req(metrics(agentId, 'v1/node')).status).toBe(404);
    expect(req(metrics(agentId, 'v0/node/x')).status).toBe(404);
    expect(req(metrics('nope', 'v0/node')).status).toBe(404);
    expect(req(metrics(agentId, 'v0/node'), 'POST').status).toBe(405);
  });

  it('leaves a task that has not been collected yet out, until the next minute', async () => {
    const { sb, agentId } = await cluster();
    deploy(sb, { id: '/new', cmd: 'sleep 1000', cpus: 0.1, mem: 32, instances: 1 });
    sb.advance(5_000);
    expect(get(sb, metrics(agentId, 'v0/containers'))).toHaveLength(3);
    const cid = mesosTasks(sb, '/new')[0]!.statuses[0]!.container_status.container_id!.value;
    expect(sb.request({ method: 'GET', path: metrics(agentId, `v0/containers/${cid}`) }).status).toBe(204);
    sb.advance(60_000);
    expect(get(sb, metrics(agentId, 'v0/containers'))).toHaveLength(4);
  });
});

describe('Prometheus (the sandbox stand-in for Telegraf on :61091)', () => {
  it('serves every family with its TYPE line; container samples labelled with service and task', async () => {
    const { sb, agentId } = await cluster();
    const res = sb.request({ method: 'GET', path: metrics(agentId, 'prometheus') });
    expect(res.status).toBe(200);
    expect(res.headers).toEqual({ 'Content-Type': 'text/plain; version=0.0.4' });
    const text = res.body as string;
    expect(text).toMatch(/^# TYPE cpu_usage_idle untyped\ncpu_usage_idle\{cpu="cpu-total"\} [\d.]+\n/);
    expect(text).toContain('# TYPE mem_total untyped\nmem_total ' + String((4096 + 1024) * MB) + '\n');
    expect(text).toMatch(/disk_total\{path="\/"\} \d+/);
    expect(text).toMatch(/mem_total_bytes\{container_id="[0-9a-f-]{36}",service_name="marathon",task_name="leak"\} \d+/);
    expect(text.match(/^cpus_limit\{/gm)).toHaveLength(3);
    expect(sb.request({ method: 'GET', path: metrics(agentId, 'prometheus/x') }).status).toBe(404);
  });
});

describe('Mesos /metrics/snapshot', () => {
  it("the master's: resources and tasks as /mesos/master/state shows them", async () => {
    const { sb } = await cluster();
    const snap = get(sb, '/mesos/metrics/snapshot');
    const state = get(sb, '/mesos/master/state');
    for (const k of ['cpus', 'mem', 'disk', 'gpus']) {
      const total = state.slaves.reduce((s: number, a: Json) => s + a.resources[k], 0);
      const used = state.slaves.reduce((s: number, a: Json) => s + a.used_resources[k], 0);
      expect(snap[`master/${k}_total`], k).toBe(total);
      expect(snap[`master/${k}_used`], k).toBeCloseTo(used, 9);
      expect(snap[`master/${k}_percent`], k).toBeCloseTo(total > 0 ? used / total : 0, 9);
      expect(snap[`master/${k}_revocable_total`]).toBe(0);
    }
    const tasks = state.frameworks.flatMap((f: Json) => f.tasks);
    expect(snap['master/tasks_running']).toBe(tasks.filter((t: Json) => t.state === 'TASK_RUNNING').length);
    expect(snap['master/tasks_staging']).toBe(0);
    expect(snap['master/slaves_active']).toBe(state.activated_slaves);
    expect(snap['master/slaves_unreachable']).toBe(state.unreachable_slaves);
    expect(snap['master/frameworks_active']).toBe(state.frameworks.length);
    expect(snap['master/elected']).toBe(1);
    expect(snap['master/uptime_secs']).toBeCloseTo(sb.now / 1000 - state.start_time + 1_767_225_600, 6);
    expect(snap['master/outstanding_offers']).toBeGreaterThanOrEqual(0);
    expect(Object.values(snap).every((v) => typeof v === 'number')).toBe(true);
    expect(sb.request({ method: 'POST', path: '/mesos/metrics/snapshot' }).status).toBe(405);
  });

  it("an agent's, through /slave/{id}: its resources, what its tasks use, its task gauges", async () => {
    const { sb, agentId } = await cluster();
    const snap = get(sb, `/slave/${agentId}/metrics/snapshot`);
    expect(snap).toMatchObject({
      'slave/cpus_total': 4,
      'slave/cpus_used': 2,
      'slave/cpus_percent': 0.5,
      'slave/mem_total': 4096,
      'slave/mem_used': 1024,
      'slave/disk_used': 200,
      'slave/tasks_running': 3,
      'slave/registered': 1,
    });
    expect(snap['slave/uptime_secs']).toBe(sb.now / 1000);
    expect(sb.request({ method: 'GET', path: `/slave/${agentId}/metrics` }).status).toBe(404);
    expect(sb.request({ method: 'GET', path: '/slave/nope/metrics/snapshot' }).status).toBe(404);
    expect(sb.request({ method: 'POST', path: `/slave/${agentId}/metrics/snapshot` }).status).toBe(405);
    sb.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-crash', target: 'a' } });
    expect(sb.request({ method: 'GET', path: `/slave/${agentId}/metrics/snapshot` }).status).toBe(503);
  });
});

describe('the usage of an app behaviour', () => {
  it('is set, cleared and refused field by field', async () => {
    const { sb } = await cluster();
    expect(put(sb, '/sandbox/v1/marathon/apps/web/behavior', { usage: { profile: 'spike', spikeCpus: 1 } })).toMatchObject({
      status: 200,
      body: { usage: { profile: 'spike', spikeCpus: 1 } },
    });
    expect(put(sb, '/sandbox/v1/marathon/apps/web/behavior', { usage: null }).body).not.toHaveProperty('usage');
    const refused = (usage: unknown) => put(sb, '/sandbox/v1/marathon/apps/web/behavior', { usage }).body.message;
    expect(refused({ profile: 'wave' })).toBe('usage.profile: must be one of: steady, sawtooth, leak, spike');
    expect(refused({ profile: 'leak', memMbPerMinute: 0 })).toBe('usage.memMbPerMinute: must be a number greater than 0');
    expect(refused({ profile: 'steady', cpus: -1 })).toBe('usage.cpus: must be a number, 0 or more');
    expect(refused({ profile: 'steady', peakMemMb: 5 })).toMatch(/^usage.peakMemMb: unknown field for profile 'steady'/);
    expect(refused([])).toBe('usage: must be an object');
    expect(put(sb, '/sandbox/v1/marathon/apps/none/behavior', { usage: { profile: 'steady' } }).status).toBe(404);
  });
});
