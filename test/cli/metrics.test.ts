/**
 * `dcos node metrics summary|details` and `dcos task metrics summary|details` as dcos-core-cli 2.2 prints them
 * (pkg/cmd/node/node_metrics_*.go, pkg/cmd/task/task_metrics_*.go), over the sandbox and over fixed answers.
 */
import { describe, expect, it } from 'vitest';
import { cli, cluster, fixedApi, json, rowsOf } from './support.ts';
import type { Json } from '../support/marathon.ts';

const at = '2026-01-01T00:03:00Z';
const dp = (name: string, value: number, unit = '', tags?: Record<string, string>) => ({
  name,
  value,
  unit,
  timestamp: at,
  ...(tags ? { tags } : {}),
});
const err = (stderr: string) => ({ stdout: '', stderr: `${stderr}\n`, exitCode: 1 });

const NODE = {
  datapoints: [
    dp('cpu.total', 12.5, 'percent'),
    dp('load.1min', 0.3, 'count'),
    dp('memory.total', 4e9, 'bytes'),
    dp('memory.free', 3e9, 'bytes'),
    dp('filesystem.capacity.total', 10e9, 'bytes', { path: '/' }),
    dp('filesystem.capacity.used', 2.5e9, 'bytes', { path: '/' }),
    dp('filesystem.capacity.total', 99e9, 'bytes', { path: '/var/lib' }),
    dp('process.count', 212.5, 'count'),
  ],
  dimensions: { mesos_id: 'S1', cluster_id: 'c', hostname: '10.0.0.1' },
};

const STATE = {
  frameworks: [
    {
      tasks: [
        { id: 'web.1', slave_id: 'S1', statuses: [{ container_status: { container_id: { value: 'c-1' } } }] },
        { id: 'web.10', slave_id: 'S1', statuses: [{ container_status: { container_id: { value: 'c-10' } } }] },
      ],
      completed_tasks: [],
    },
  ],
};

const CONTAINER = {
  datapoints: [
    dp('cpus.limit', 1),
    dp('cpus.system_time_secs', 2),
    dp('cpus.throttled_time_secs', 2),
    dp('cpus.user_time_secs', 6),
    dp('mem.limit_bytes', 512e6),
    dp('mem.total_bytes', 128e6),
    dp('disk.limit_bytes', 0),
    dp('disk.used_bytes', 1.5),
  ],
  dimensions: {},
};

describe('dcos node metrics', () => {
  it('summary: load and CPU share, memory and root disk used in "GiB" of 10^9 bytes with their shares', async () => {
    const { dcos, calls } = fixedApi({ '/system/v1/agent/S1/metrics/v0/node': json(NODE) });
    const r = await dcos('dcos node metrics summary S1');
    expect(rowsOf(r.stdout)).toEqual([
      ['CPU', 'MEM', 'DISK'],
      ['0.30 (12.50%)', '1.00GiB (25.00%)', '2.50GiB (25.00%)'],
    ]);
    expect(calls.map((c) => c.path)).toEqual(['/system/v1/agent/S1/metrics/v0/node']);
    const kept = JSON.parse((await dcos('dcos node metrics summary S1 --json')).stdout) as Json[];
    expect(kept.map((d) => d.name)).toEqual([
      'cpu.total',
      'load.1min',
      'memory.total',
      'memory.free',
      'filesystem.capacity.total',
      'filesystem.capacity.used',
    ]);
    expect(kept[4]).toEqual({ name: 'filesystem.capacity.total', value: 10e9, unit: 'bytes', timestamp: at, tags: { path: '/' } });
    expect(kept[0]).not.toHaveProperty('tags');
  });

  it('details: every datapoint with its value by unit and its tags', async () => {
    const { dcos } = fixedApi({ '/system/v1/agent/S1/metrics/v0/node': json(NODE) });
    const rows = rowsOf((await dcos('dcos node metrics details S1')).stdout);
    expect(rows[0]).toEqual(['NAME', 'VALUE', 'TAGS']);
    expect(rows.slice(1)).toEqual([
      ['cpu.total', '12.50%'],
      ['load.1min', '0'],
      ['memory.total', '4.00GiB'],
      ['memory.free', '3.00GiB'],
      ['filesystem.capacity.total', '10.00GiB', 'path: /'],
      ['filesystem.capacity.used', '2.50GiB', 'path: /'],
      ['filesystem.capacity.total', '99.00GiB', 'path: /var/lib'],
      ['process.count', '212'],
    ]);
    expect(JSON.parse((await dcos('dcos node metrics details S1 --json')).stdout)).toHaveLength(8);
  });

  it('refuses as the CLI does', async () => {
    const { dcos } = fixedApi({});
    expect(await dcos('dcos node metrics summary nope')).toEqual(err('Error: HTTP 404 error'));
    expect(await dcos('dcos node metrics details')).toEqual(err('Error: accepts 1 arg(s), received 0'));
  });

  it("reads a sandbox agent's node metrics", async () => {
    const sb = await cluster();
    sb.advance(60_000);
    const dcos = cli(sb);
    const id = (JSON.parse((await dcos('dcos node list --json')).stdout) as Json[])[0]!.id as string;
    const [head, row] = rowsOf((await dcos(`dcos node metrics summary ${id}`)).stdout);
    expect(head).toEqual(['CPU', 'MEM', 'DISK']);
    expect(row![0]).toMatch(/^\d+\.\d\d \(\d+\.\d\d%\)$/);
    expect(row![1]).toMatch(/^\d+\.\d\dGiB \(\d+\.\d\d%\)$/);
    const details = rowsOf((await dcos(`dcos node metrics details ${id}`)).stdout);
    expect(details.map((r) => r[0])).toContain('memory.total');
  });
});

describe('dcos task metrics', () => {
  const api = (extra: Record<string, ReturnType<typeof json>> = {}) =>
    fixedApi({
      '/mesos/master/state': json(STATE),
      '/system/v1/agent/S1/metrics/v0/containers/c-1': json(CONTAINER),
      '/system/v1/agent/S1/metrics/v0/containers/c-1/app': { status: 204, body: '' },
      ...extra,
    });

  it("summary: CPU seconds and their share, the CLI's MEM of mem.file_bytes, DISK bytes unscaled; N/A over a zero", async () => {
    const { dcos, calls } = api();
    const r = await dcos('dcos task metrics summary web.1');
    expect(rowsOf(r.stdout)).toEqual([
      ['CPU', 'MEM', 'DISK'],
      ['8.00 (80.00%)', '0.00GiB (0.00%)', '1.50GiB (N/A)'],
    ]);
    expect(calls.map((c) => c.path)).toEqual(['/mesos/master/state', '/system/v1/agent/S1/metrics/v0/containers/c-1']);
    const kept = JSON.parse((await dcos('dcos task metrics summary web.1 --json')).stdout) as Json[];
    expect(kept.map((d) => d.name)).toEqual([
      'cpus.system_time_secs',
      'cpus.throttled_time_secs',
      'cpus.user_time_secs',
      'mem.limit_bytes',
      'mem.total_bytes',
      'disk.limit_bytes',
      'disk.used_bytes',
    ]);
  });

  it('summary: N/A for CPU and memory with nothing used', async () => {
    const { dcos } = api({ '/system/v1/agent/S1/metrics/v0/containers/c-1': json({ datapoints: [], dimensions: {} }) });
    expect(rowsOf((await dcos('dcos task metrics summary web.1')).stdout)[1]).toEqual(['0.00 (N/A)', '0.00GiB (N/A)', '0.00GiB (N/A)']);
  });

  it('details: container then app datapoints, whole numbers without decimals', async () => {
    const { dcos } = api({
      '/system/v1/agent/S1/metrics/v0/containers/c-1/app': json({ datapoints: [dp('app.requests', 2.345)], dimensions: {} }),
    });
    const rows = rowsOf((await dcos('dcos task metrics details web.1')).stdout);
    expect(rows[0]).toEqual(['NAME', 'VALUE']);
    expect(rows.slice(1)).toContainEqual(['disk.used_bytes', '1.50']);
    expect(rows.slice(1)).toContainEqual(['cpus.user_time_secs', '6']);
    expect(rows.at(-1)).toEqual(['app.requests', '2.35']);
    expect(JSON.parse((await dcos('dcos task metrics details web.1 --json')).stdout)).toHaveLength(9);
  });

  it('refuses: no metrics, several matches, an HTTP error', async () => {
    const none = api({ '/system/v1/agent/S1/metrics/v0/containers/c-1': { status: 204, body: '' } });
    expect(await none.dcos('dcos task metrics summary web.1')).toEqual(err("Error: No metrics found for task 'web.1'"));
    expect(await none.dcos('dcos task metrics details web.1')).toEqual(err("Error: No metrics found for task 'web.1'"));
    expect(await api().dcos('dcos task metrics summary web')).toEqual(
      err('Error: found more than one task with the same name: [web.1 web.10]'),
    );
    expect(await api().dcos('dcos task metrics details nope')).toEqual(err("Error: no task ID found containing 'nope'"));
    const broken = api({ '/system/v1/agent/S1/metrics/v0/containers/c-1': { status: 500, body: '' } });
    expect(await broken.dcos('dcos task metrics summary web.1')).toEqual(err('Error: HTTP 500 error'));
  });

  it("reads a sandbox task's container metrics", async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    await dcos('dcos marathon app add {"id": "/hello", "cmd": "sleep 1000", "instances": 1, "cpus": 0.5, "mem": 64}');
    sb.advance(90_000);
    const [head, row] = rowsOf((await dcos('dcos task metrics summary hello')).stdout);
    expect(head).toEqual(['CPU', 'MEM', 'DISK']);
    expect(row![0]).toMatch(/^\d+\.\d\d \(100\.00%\)$/);
    const details = rowsOf((await dcos('dcos task metrics details hello')).stdout);
    expect(details.find((r) => r[0] === 'mem.limit_bytes')).toEqual(['mem.limit_bytes', String(64 * 1024 * 1024)]);
  });
});
