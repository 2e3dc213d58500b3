/**
 * The Dashboard's usage: one agent's Telegraf collection read from its Prometheus exposition, CPU rates between two
 * collections, the cluster's sums (checked against dcos-metrics' v0 container answers of a running sandbox), the
 * ranking of the top tasks, the Marathon app of a task id and the series the charts keep.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.ts';
import {
  clusterUsage,
  marathonAppId,
  parseAgentText,
  parseLabels,
  shareOf,
  taskUsages,
  topTasks,
  valueAt,
  type TaskUsage,
} from '../../src/ui/pages/dashboard/usage-metrics.ts';
import { metricsPath, pushUsage, UsageFeed } from '../../src/ui/pages/dashboard/usage-feed.ts';
import { agent } from '../support/cluster.ts';
import { behave, boot, deploy, get, mesosTasks, type Json } from '../support/marathon.ts';

const MIB = 1024 * 1024;

const EXPOSITION = [
  '# TYPE cpus_limit untyped',
  'cpus_limit{container_id="c1",service_name="marathon",task_name="web"} 0.5',
  'cpus_limit{container_id="c2",service_name="kafka",task_name="broker \\"0\\""} 2',
  '# TYPE cpus_system_time_secs untyped',
  'cpus_system_time_secs{container_id="c1",service_name="marathon",task_name="web"} 2',
  'cpus_system_time_secs{container_id="c2",service_name="kafka",task_name="broker \\"0\\""} 10',
  '# TYPE cpus_user_time_secs untyped',
  'cpus_user_time_secs{container_id="c1",service_name="marathon",task_name="web"} 8',
  'cpus_user_time_secs{container_id="c2",service_name="kafka",task_name="broker \\"0\\""} 40',
  '# TYPE cpu_usage_idle untyped',
  'cpu_usage_idle{cpu="cpu-total"} 90',
  '# TYPE mem_limit_bytes untyped',
  `mem_limit_bytes{container_id="c1",service_name="marathon",task_name="web"} ${256 * MIB}`,
  `mem_limit_bytes{container_id="c2",service_name="kafka",task_name="broker \\"0\\""} ${2048 * MIB}`,
  '# TYPE mem_total untyped',
  `mem_total ${8192 * MIB}`,
  '# TYPE mem_total_bytes untyped',
  `mem_total_bytes{container_id="c1",service_name="marathon",task_name="web"} ${100 * MIB}`,
  `mem_total_bytes{container_id="c2",service_name="kafka",task_name="broker \\"0\\""} ${300 * MIB}`,
  '# TYPE system_uptime untyped',
  'system_uptime 600',
  '',
].join('\n');

const usage = (over: Partial<TaskUsage>): TaskUsage => ({
  containerId: 'c',
  agentId: 'a',
  taskName: 't',
  serviceName: 'marathon',
  cpus: 0.1,
  cpuLimit: 1,
  memBytes: 100,
  memLimitBytes: 1000,
  ...over,
});

describe('one agent’s collection', () => {
  it('reads the container families by container, unescaping labels, and the collection time from system_uptime', () => {
    const reading = parseAgentText('agent-1', EXPOSITION)!;
    expect(reading.t).toBe(600_000);
    expect(reading.containers).toEqual([
      {
        containerId: 'c1',
        taskName: 'web',
        serviceName: 'marathon',
        cpuSeconds: 10,
        cpuLimit: 0.5,
        memBytes: 100 * MIB,
        memLimitBytes: 256 * MIB,
      },
      {
        containerId: 'c2',
        taskName: 'broker "0"',
        serviceName: 'kafka',
        cpuSeconds: 50,
        cpuLimit: 2,
        memBytes: 300 * MIB,
        memLimitBytes: 2048 * MIB,
      },
    ]);
    expect(parseLabels('{a="x\\\\y",b="1"}')).toEqual({ a: 'x\\y', b: '1' });
    expect(parseAgentText('agent-1', '404 page not found')).toBeNull();
  });

  it('rates CPU between two collections, bounded by the limit; none without an earlier one', () => {
    const before = parseAgentText('a', EXPOSITION)!;
    const after = parseAgentText(
      'a',
      EXPOSITION.replace('system_uptime 600', 'system_uptime 660').replace(/} 8$/m, '} 23.5').replace(/} 40$/m, '} 200'),
    )!;
    const [web, broker] = taskUsages(after, before);
    expect(web!.cpus).toBeCloseTo(15.5 / 60, 9); // (25.5 − 10) s over 60 s
    expect(broker!.cpus).toBe(2); // 160 s over 60 s: more than its limit of 2 CPUs, the rest throttled
    expect(taskUsages(after, undefined).map((t) => t.cpus)).toEqual([null, null]);
    // A trip back in time reads an earlier collection: no rate.
    expect(taskUsages(before, after).map((t) => t.cpus)).toEqual([null, null]);
    const sum = clusterUsage(taskUsages(after, before), after.t);
    expect(sum.memMb).toBe(400);
    expect(sum.cpus).toBeCloseTo(15.5 / 60 + 2, 9);
    expect(clusterUsage(taskUsages(after, undefined), after.t).cpus).toBeNull();
  });
});

describe('the top tasks', () => {
  const tasks = Array.from({ length: 50 }, (_, i) =>
    usage({ containerId: `c${String(i).padStart(2, '0')}`, memBytes: (i * 37) % 11, cpus: i % 7 === 0 ? null : ((i * 13) % 5) / 10 }),
  );

  it('keeps the n using the most, ties by the other resource then the container id, as a full sort would', () => {
    const byMem = [...tasks].sort(
      (a, b) => b.memBytes - a.memBytes || (b.cpus ?? -1) - (a.cpus ?? -1) || (a.containerId < b.containerId ? -1 : 1),
    );
    expect(topTasks(tasks, 'mem', 8)).toEqual(byMem.slice(0, 8));
    const byCpu = [...tasks].sort(
      (a, b) => (b.cpus ?? -1) - (a.cpus ?? -1) || b.memBytes - a.memBytes || (a.containerId < b.containerId ? -1 : 1),
    );
    expect(topTasks(tasks, 'cpu', 5)).toEqual(byCpu.slice(0, 5));
    expect(topTasks(tasks.slice(0, 3), 'mem', 8)).toHaveLength(3);
  });

  it('shares against the limit, 0 without a limit or a rate', () => {
    expect(shareOf(usage({ memBytes: 250, memLimitBytes: 1000 }), 'mem')).toBe(0.25);
    expect(shareOf(usage({ memLimitBytes: 0 }), 'mem')).toBe(0);
    expect(shareOf(usage({ cpus: 0.5, cpuLimit: 2 }), 'cpu')).toBe(0.25);
    expect(shareOf(usage({ cpus: null }), 'cpu')).toBe(0);
  });

  it("finds a task's Marathon app (or pod) in its id", () => {
    expect(marathonAppId('prod_web.instance-6f1c2a4e-0000-4000-8000-000000000001._app.1')).toBe('/prod/web');
    expect(marathonAppId('db.instance-6f1c2a4e-0000-4000-8000-000000000001.mysql')).toBe('/db');
    expect(marathonAppId('legacy.6f1c2a4e-0000-4000-8000-000000000001')).toBe('/legacy');
  });
});

describe('the series', () => {
  const s = (t: number) => ({ t, cpus: 1, memMb: 1, tasks: 1 });
  it('appends a later minute, ignores the same one, starts over after a trip back, keeps at most max', () => {
    const one = pushUsage([], s(60_000));
    expect(pushUsage(one, s(60_000))).toBe(one);
    expect(pushUsage(pushUsage(one, s(120_000)), s(60_000))).toEqual([s(60_000)]);
    let series = one;
    for (let t = 2; t <= 5; t++) series = pushUsage(series, s(t * 60_000), 3);
    expect(series.map((p) => p.t)).toEqual([180_000, 240_000, 300_000]);
  });

  it('reads the allocation at a time as the last point at or before it', () => {
    const points = [{ t: 0 }, { t: 10 }, { t: 20 }];
    expect(valueAt(points, 15)).toBe(points[1]);
    expect(valueAt(points, 20)).toBe(points[2]);
    expect(valueAt(points, -1)).toBeUndefined();
  });
});

describe('a sweep of a running cluster', () => {
  async function cluster(): Promise<Sandbox> {
    const sb = await boot([agent('a', { cpus: 4, mem: 4096, disk: 8192 }), agent('b', { cpus: 4, mem: 4096, disk: 8192 })]);
    deploy(sb, { id: '/web', cmd: 'sleep 1000', cpus: 0.5, mem: 256, instances: 3 });
    deploy(sb, { id: '/leak', cmd: 'sleep 1000', cpus: 1, mem: 1024, instances: 1 });
    behave(sb, '/leak', { usage: { profile: 'leak', memMb: 600, memMbPerMinute: 10 } });
    sb.advance(180_000);
    return sb;
  }

  it('sums what dcos-metrics v0 answers for every container, rates CPU a minute later and ranks the leak first', async () => {
    const sb = await cluster();
    const agents = [...new Set([...mesosTasks(sb, '/web'), ...mesosTasks(sb, '/leak')].map((t) => t.slave_id as string))];
    const paths: string[] = [];
    const feed = new UsageFeed((req) => {
      paths.push(req.path);
      return Promise.resolve(sb.request(req));
    });
    const first = (await feed.sweep([...agents, 'no-such-agent']))!;
    expect(first.missing).toBe(1);
    expect(first.sample.cpus).toBeNull();
    expect(paths).toContain(metricsPath(agents[0]!));

    const v0 = (): Json[] =>
      agents.flatMap((id) =>
        (get(sb, `/system/v1/agent/${id}/metrics/v0/containers`) as unknown as string[]).map((c) =>
          get(sb, `/system/v1/agent/${id}/metrics/v0/containers/${c}`),
        ),
      );
    const field = (body: Json, name: string): number => (body.datapoints as Json[]).find((d) => d.name === name)!.value as number;
    const cpuSecs = (body: Json) => field(body, 'cpus.user_time_secs') + field(body, 'cpus.system_time_secs');
    const before = v0();
    expect(first.sample.memMb * MIB).toBe(before.reduce((s, b) => s + field(b, 'mem.total_bytes'), 0));
    expect(first.tasks).toHaveLength(4);

    sb.advance(60_000);
    const after = v0();
    const second = (await feed.sweep(agents))!;
    expect(second.sample.t - first.sample.t).toBe(60_000);
    const expected = after.reduce((s, b, i) => s + (cpuSecs(b) - cpuSecs(before[i]!)) / 60, 0);
    expect(second.sample.cpus).toBeCloseTo(expected, 6);
    expect(second.sample.cpus).toBeGreaterThan(0);

    const [top] = topTasks(second.tasks, 'mem', 5);
    expect(top!.taskName).toBe('leak');
    const leak = mesosTasks(sb, '/leak')[0]!;
    expect(top!.containerId).toBe(leak.statuses[0]!.container_status.container_id!.value);
    expect(marathonAppId(leak.id as string)).toBe('/leak');
  });
});
