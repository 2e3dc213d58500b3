/**
 * The Dashboard's cards (task failure rate, services health, component health) and the Services
 * table's Version and GPU columns.
 */
import { describe, expect, it } from 'vitest';
import apps from './fixtures/marathon-apps.fixture.json';
import queue from './fixtures/marathon-queue.fixture.json';
import type { TaskCounts } from '../../src/common/view-types.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { componentsHealth } from '../../src/ui/pages/dashboard/component-health.ts';
import { appendPoint, pointOf, type HistoryPoint } from '../../src/ui/state/history.ts';
import { endedOf, endedOver, failureBars, heldStretches, rateOf, type CounterSample } from '../../src/ui/pages/dashboard/failure-rate.ts';
import { healthGroup, servicesHealth } from '../../src/ui/pages/dashboard/service-health.ts';
import { unitRows } from '../../src/ui/pages/components/units.ts';
import { readApps, readQueue } from '../../src/ui/pages/services/marathon-read.ts';
import { sortRows } from '../../src/ui/pages/services/row-sort.ts';
import { STATUS } from '../../src/ui/pages/services/status.ts';
import { buildTree, childRows, findNode, queueIndex } from '../../src/ui/pages/services/tree.ts';
import { agent } from '../support/cluster.ts';
import { behave, boot, deploy, waitFor } from '../support/marathon.ts';

const counts = (c: Partial<TaskCounts> = {}): TaskCounts => ({
  staging: 0,
  starting: 0,
  running: 0,
  finished: 0,
  failed: 0,
  killed: 0,
  lost: 0,
  ...c,
});
const at = (t: number, c: Partial<TaskCounts>, held = false): CounterSample => ({ t, tasks: counts(c), ...(held ? { held } : {}) });

describe('task failure rate', () => {
  it('counts failed and lost tasks among those that ended (finished, killed, failed, lost)', () => {
    const e = endedOf(counts({ finished: 5, killed: 2, failed: 2, lost: 1, running: 40 }));
    expect(e).toEqual({ ended: 10, failed: 3 });
    expect(rateOf(e)).toBeCloseTo(0.3);
    expect(rateOf({ ended: 0, failed: 0 })).toBeNull();
  });

  it("gives each stretch the counters' deltas over it, and what ended over the whole series", () => {
    const s = [
      at(0, { finished: 10, failed: 10 }),
      at(500, { finished: 12, failed: 10 }),
      at(1000, { finished: 12, failed: 13 }),
      at(2000, {
        finished: 15,
        failed: 13,
      }),
    ];
    const bars = failureBars(s, 2);
    expect(bars.map((b) => [b.from, b.to, b.ended, b.failed])).toEqual([
      [0, 1000, 5, 3],
      [1000, 2000, 3, 0],
    ]);
    expect(bars[0]!.rate).toBeCloseTo(0.6);
    expect(bars[1]!.rate).toBe(0);
    expect(endedOver(s)).toEqual({ ended: 8, failed: 3 }); // the totals before the series do not count
  });

  it('cuts the span at round times, which stay put as the series moves on', () => {
    const series = (n: number): CounterSample[] => Array.from({ length: n }, (_, k) => at(300 + k * 700, { finished: k }));
    const before = failureBars(series(40), 10);
    const after = failureBars(series(41), 10);
    expect(before[1]!.from % 1000).toBe(0);
    expect(after.slice(1, -1).map((b) => b.from)).toEqual(before.slice(1, -1).map((b) => b.from));
    expect(after.reduce((n, b) => n + b.ended, 0)).toBe(40); // every ended task in exactly one stretch
  });

  it('has no rate where nothing ended, no bars without time, and never a negative count', () => {
    expect(failureBars([at(0, {})], 4)).toEqual([]);
    expect(failureBars([at(5, {}), at(5, { failed: 1 })], 4)).toEqual([]);
    const bars = failureBars([at(0, { finished: 4 }), at(1000, { finished: 4 }), at(2000, { finished: 1 })], 2);
    expect(bars.map((b) => b.rate)).toEqual([null, null]);
    expect(bars.every((b) => b.ended >= 0 && b.failed >= 0)).toBe(true);
  });

  it('marks the stretches held where no leader answered, and joins them for shading', () => {
    const s = [at(0, {}), at(1000, {}, true), at(2000, {}, true), at(3000, {}, true), at(4000, { finished: 1 })];
    const bars = failureBars(s, 4);
    expect(bars.map((b) => b.held)).toEqual([true, true, true, false]);
    expect(heldStretches(bars)).toEqual([[0, 3000]]);
    // A stretch with no sample of its own is as the sample before it.
    expect(failureBars([at(0, {}, true), at(4000, {})], 4).map((b) => b.held)).toEqual([true, true, true, false]);
  });

  it("reads a crashing app's failures from the frames' counters", async () => {
    const sb = await boot([agent('a1', { cpus: 4, mem: 4096 })], { allocator: 'ts', matcher: 'ts' });
    deploy(sb, { id: '/flaky', cmd: 'run', instances: 2, cpus: 0.1, mem: 16 });
    behave(sb, '/flaky', { meanSecondsToCrash: 2 });
    // The Dashboard's chart history, as the page appends it from frames.
    let samples: HistoryPoint[] = [];
    const sample = (): void => {
      samples = appendPoint(samples, pointOf(sb.frame()));
    };
    sample();
    waitFor(
      sb,
      () => {
        sample();
        return endedOver(samples).failed >= 3;
      },
      120_000,
      500,
    );
    const recent = endedOver(samples);
    expect(rateOf(recent)).toBeGreaterThan(0.5);
    expect(failureBars(samples, 10).some((b) => (b.rate ?? 0) > 0)).toBe(true);
  });
});

describe('services health', () => {
  const list = readApps(apps);
  const q = readQueue(queue);

  it('puts failing health checks first, then the status; running apps are healthy only with passing checks', () => {
    expect(healthGroup(STATUS.running, 'unhealthy')).toBe('unhealthy');
    expect(healthGroup(STATUS.deploying, 'unhealthy')).toBe('unhealthy');
    expect(healthGroup(STATUS.running, 'healthy')).toBe('healthy');
    expect(healthGroup(STATUS.running, 'na')).toBe('running');
    expect(healthGroup(STATUS.delayed, 'na')).toBe('delayed');
    expect(healthGroup(STATUS.degradedAwaiting, 'healthy')).toBe('waiting');
    expect(healthGroup(STATUS.degradedRecovering, 'na')).toBe('degraded');
    expect(healthGroup(STATUS.suspended, 'idle')).toBe('suspended');
  });

  it('counts the apps by health and lists the worst first', () => {
    const h = servicesHealth(list, q, 3);
    expect(h.total).toBe(4);
    expect(h.counts).toMatchObject({ delayed: 1, waiting: 1, running: 1, suspended: 1, healthy: 0, unhealthy: 0 });
    expect(h.top.map((r) => [r.id, r.group])).toEqual([
      ['/analytics/spark-history', 'delayed'],
      ['/prod/web/nginx', 'waiting'],
      ['/prod/api', 'running'],
    ]);
    expect(h.top[1]!.status.word).toBe('Deploying (Awaiting Resources)');
  });

  it('tells an unhealthy app from a healthy one', () => {
    const api = list.find((a) => a.id === '/prod/api')!;
    const checked = { ...api, healthChecks: [{}], tasksHealthy: 2 };
    expect(servicesHealth([checked], []).counts.healthy).toBe(1);
    expect(servicesHealth([{ ...checked, tasksHealthy: 1, tasksUnhealthy: 1 }], []).top[0]!.group).toBe('unhealthy');
  });
});

describe('component health', () => {
  it('counts the units by health, the worst first', async () => {
    const sb = await createSandbox(defaultScenario);
    const booting = componentsHealth(unitRows(sb.layout(), null));
    expect(booting.counts.find((c) => c.health === 'starting')!.count).toBe(booting.total);
    sb.advance(30_000);
    const up = componentsHealth(unitRows(sb.layout(), sb.frame()));
    expect(up.counts.find((c) => c.health === 'healthy')!.count).toBe(up.total);
    const target = sb.layout().masters[sb.frame().ha.leader!]!.hostname;
    expect(sb.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'master-crash', target } }).status).toBe(202);
    sb.advance(1000);
    const down = componentsHealth(unitRows(sb.layout(), sb.frame()), 2);
    expect(down.counts.find((c) => c.health === 'unhealthy')!.count).toBeGreaterThan(0);
    expect(down.top.length).toBe(2);
    expect(down.top[0]!.health).toBe('unhealthy');
    expect(down.top[0]!.detail).toMatch(/^\d+\/\d+ nodes healthy$/);
  });
});

describe('the Version and GPU columns', () => {
  const rows = childRows(findNode(buildTree(null, readApps(apps)), '/prod/web')!, queueIndex(readQueue(queue)));

  it('dates an app by its last configuration change and totals its GPUs over the instances', () => {
    const nginx = rows.find((r) => r.id === '/prod/web/nginx')!;
    expect(nginx.version).toBe('2026-01-01T00:01:30.000Z'); // not the later scaling
    const gpuApp = { ...readApps(apps)[0]!, id: '/g', gpus: 2, instances: 3, versionInfo: undefined };
    const [row] = childRows(buildTree(null, [gpuApp]), new Map());
    expect(row!.gpus).toBe(6);
    expect(row!.version).toBe(gpuApp.version);
  });

  it('sorts by version (newest first, groups last) and by GPUs', () => {
    const top = childRows(findNode(buildTree(null, readApps(apps)), '/')!, new Map());
    expect(sortRows(top, { key: 'version', descending: true }).map((r) => r.name)).toEqual(['sleeper', 'analytics', 'prod']);
    const g = [
      { ...readApps(apps)[0]!, id: '/a', gpus: 1 },
      { ...readApps(apps)[0]!, id: '/b', gpus: 0 },
    ];
    expect(sortRows(childRows(buildTree(null, g), new Map()), { key: 'gpus', descending: true }).map((r) => r.name)).toEqual(['a', 'b']);
  });
});
