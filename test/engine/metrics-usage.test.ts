/**
 * The usage model (src/engine/usage): profiles as pure functions of a task's id, start, limits and spec; a leaking
 * task's OOM kill at the time its memory reaches the limit, with Mesos' reason and message, then Marathon's relaunch
 * after its backoff; nothing drawn from the generator, so histories stay the same.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { fnv1a, containerIdOf } from '../../src/engine/usage/hash.ts';
import { oomSeconds, usageAt } from '../../src/engine/usage/profile.ts';
import { oomDetail, stoutBytes } from '../../src/engine/usage/oom.ts';
import { agent } from '../support/cluster.ts';
import { boot, behave, deploy, get, marathonScenario, mesosMs, mesosTasks, reachedAt, waitFor } from '../support/marathon.ts';

const LIMITS = { cpus: 1, mem: 256, disk: 100 };
const H = fnv1a('web.instance-1._app.1');

describe('usage profiles', () => {
  it('steady: a per-task share of the limits, the same on every read, CPU seconds growing linearly', () => {
    const a = usageAt(undefined, LIMITS, H, 60_000);
    expect(usageAt(undefined, LIMITS, H, 60_000)).toEqual(a);
    expect(a.cpus).toBeGreaterThanOrEqual(0.1);
    expect(a.cpus).toBeLessThan(0.4);
    expect(a.memMb).toBeGreaterThanOrEqual(64);
    expect(a.memMb).toBeLessThan(141);
    expect(usageAt(undefined, LIMITS, H, 120_000).cpuSeconds).toBeCloseTo(2 * a.cpuSeconds, 9);
    expect(usageAt(undefined, LIMITS, fnv1a('other'), 60_000).memMb).not.toBe(a.memMb);
    expect(usageAt({ profile: 'steady', cpus: 0.25, memMb: 100 }, LIMITS, H, 10_000)).toMatchObject({
      cpus: 0.25,
      memMb: 100,
      cpuSeconds: 2.5,
    });
  });

  it('steady above its limit: CPU held at the limit, the rest throttled', () => {
    const u = usageAt({ profile: 'steady', cpus: 1.5 }, LIMITS, H, 10_000);
    expect(u).toMatchObject({ cpus: 1, cpuSeconds: 10, throttledSeconds: 5, throttledWallSeconds: 10 });
  });

  it('leak: memory grows at its rate until the limit; the OOM time is when it gets there', () => {
    const spec = { profile: 'leak' as const, memMb: 16, memMbPerMinute: 60 };
    expect(usageAt(spec, LIMITS, H, 60_000).memMb).toBeCloseTo(76, 9);
    expect(usageAt(spec, LIMITS, H, 120_000).memMb).toBeCloseTo(136, 9);
    expect(usageAt(spec, LIMITS, H, 3_600_000).memMb).toBe(256);
    expect(oomSeconds(spec, LIMITS, H)).toBeCloseTo(240, 9);
    expect(oomSeconds({ profile: 'steady' }, LIMITS, H)).toBeNull();
    expect(oomSeconds(spec, { ...LIMITS, mem: 0 }, H)).toBeNull();
  });

  it('leak with a peak: memory levels off there, and only a peak at or over the limit is killed', () => {
    const spec = { profile: 'leak' as const, memMb: 16, memMbPerMinute: 60, peakMemMb: 200 };
    expect(usageAt(spec, LIMITS, H, 60_000).memMb).toBeCloseTo(76, 9);
    expect(usageAt(spec, LIMITS, H, 3_600_000).memMb).toBe(200);
    expect(oomSeconds(spec, LIMITS, H)).toBeNull();
    expect(oomSeconds({ ...spec, peakMemMb: 300 }, LIMITS, H)).toBeCloseTo(240, 9);
    // The same working set fits a bigger limit.
    expect(oomSeconds({ ...spec, peakMemMb: 300 }, { ...LIMITS, mem: 512 }, H)).toBeNull();
  });

  it('sawtooth over its limit: killed in the first climb that reaches it; steady over its limit: at once', () => {
    const spec = { profile: 'sawtooth' as const, memMb: 100, peakMemMb: 300, periodSeconds: 100 };
    const at = oomSeconds(spec, LIMITS, H)!;
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(100);
    // The memory just before is under the limit, and at that moment it reaches it (the read bounds it there).
    if (at > 0.5) expect(usageAt(spec, LIMITS, H, (at - 0.5) * 1000).memMb).toBeLessThan(256);
    expect(usageAt(spec, { ...LIMITS, mem: 10_000 }, H, at * 1000).memMb).toBeCloseTo(256, 6);
    expect(oomSeconds(spec, { ...LIMITS, mem: 300 }, H)).not.toBeNull();
    expect(oomSeconds(spec, { ...LIMITS, mem: 301 }, H)).toBeNull();
    expect(oomSeconds({ profile: 'steady', memMb: 300 }, LIMITS, H)).toBe(0);
    expect(oomSeconds({ profile: 'spike', memMb: 100 }, LIMITS, H)).toBeNull();
  });

  it('sawtooth: memory climbs from its base to its peak and drops back every period', () => {
    const spec = { profile: 'sawtooth' as const, memMb: 50, peakMemMb: 150, periodSeconds: 100 };
    const samples = Array.from({ length: 200 }, (_, s) => usageAt(spec, LIMITS, H, s * 1000).memMb);
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...samples)).toBeLessThan(150);
    expect(Math.max(...samples)).toBeGreaterThan(145);
    expect(samples[0]).toBeCloseTo(samples[100]!, 9);
    // The default peak is bounded by 90% of the limit.
    const free = Array.from({ length: 300 }, (_, s) => usageAt({ profile: 'sawtooth' }, LIMITS, H, s * 1000).memMb);
    expect(Math.max(...free)).toBeLessThanOrEqual(0.9 * 256);
  });

  it('spike: CPU at the spike level for spikeSeconds of every period; CPU seconds add up over whole periods', () => {
    const spec = { profile: 'spike' as const, cpus: 0.2, spikeCpus: 0.8, periodSeconds: 100, spikeSeconds: 10 };
    const levels = Array.from({ length: 100 }, (_, s) => usageAt(spec, LIMITS, H, s * 1000).cpus);
    expect(levels.filter((c) => c === 0.8)).toHaveLength(10);
    expect(levels.filter((c) => c === 0.2)).toHaveLength(90);
    expect(usageAt(spec, LIMITS, H, 1_000_000).cpuSeconds).toBeCloseTo(10 * (0.2 * 100 + 0.6 * 10), 6);
    // Over the limit, the excess of a spike is throttled.
    const hot = usageAt({ ...spec, spikeCpus: 1.5 }, LIMITS, H, 1_000_000);
    expect(hot.throttledSeconds).toBeCloseTo(10 * 0.5 * 10, 6);
    expect(hot.throttledWallSeconds).toBeCloseTo(100, 6);
  });

  it('container ids are UUIDs hashed from the task id', () => {
    expect(containerIdOf('a.b')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(containerIdOf('a.b')).toBe(containerIdOf('a.b'));
    expect(containerIdOf('a.b')).not.toBe(containerIdOf('a.c'));
  });

  it("prints sizes as stout's Bytes does", () => {
    expect(stoutBytes(0)).toBe('0B');
    expect(stoutBytes(128 * 1024 * 1024)).toBe('128MB');
    expect(stoutBytes(2 * 1024 ** 3)).toBe('2GB');
    expect(stoutBytes(1536)).toBe('1536B');
    expect(stoutBytes(3 * 1024)).toBe('3KB');
    expect(oomDetail(128)).toEqual({
      source: 'SOURCE_SLAVE',
      reason: 'REASON_CONTAINER_LIMITATION_MEMORY',
      message: 'Memory limit exceeded: Requested: 128MB Maximum Used: 128MB',
    });
  });
});

const LEAK = { profile: 'leak', memMb: 32, memMbPerMinute: 24 };

describe('the OOM kill of a leaking task', () => {
  it("fails at the computed time with Mesos' reason, then Marathon relaunches it after its backoff", async () => {
    const sb = await boot([agent('a', { cpus: 4, mem: 4096 })]);
    deploy(sb, { id: '/leak', cmd: 'sleep 1000', cpus: 0.5, mem: 128, instances: 1 });
    behave(sb, '/leak', { usage: LEAK });
    waitFor(sb, () => mesosTasks(sb, '/leak').some((t) => t.state === 'TASK_RUNNING'), 30_000);
    const first = mesosTasks(sb, '/leak')[0]!;
    const running = reachedAt(first, 'TASK_RUNNING')!;
    // (128 − 32) MB at 24 MB a minute: 4 minutes after it started running.
    const oomAt = running + 240_000;
    sb.advance(oomAt - sb.now - 1);
    expect(mesosTasks(sb, '/leak').find((t) => t.id === first.id)!.state).toBe('TASK_RUNNING');
    sb.advance(1);
    const failed = mesosTasks(sb, '/leak').find((t) => t.id === first.id)!;
    expect(failed.state).toBe('TASK_FAILED');
    const last = failed.statuses.at(-1)!;
    expect(mesosMs(last.timestamp)).toBe(oomAt);
    expect(last).toMatchObject({
      state: 'TASK_FAILED',
      source: 'SOURCE_SLAVE',
      reason: 'REASON_CONTAINER_LIMITATION_MEMORY',
      message: 'Memory limit exceeded: Requested: 128MB Maximum Used: 128MB',
    });
    const app = get(sb, '/marathon/v2/apps/leak').app;
    expect(app.lastTaskFailure).toMatchObject({ state: 'TASK_FAILED', taskId: first.id, message: last.message });
    // Marathon's backoff (1 s after a first failure), then a new incarnation of the same instance.
    waitFor(sb, () => mesosTasks(sb, '/leak').some((t) => t.id !== first.id && t.state === 'TASK_RUNNING'), 30_000);
    const next = mesosTasks(sb, '/leak').find((t) => t.id !== first.id)!;
    expect(mesosMs(next.statuses[0]!.timestamp) - oomAt).toBeGreaterThanOrEqual(1000);
    expect(get(sb, '/mesos/metrics/snapshot')['master/tasks_failed']).toBe(1);
  });

  it('a leak set on a running app kills its tasks as soon as their memory would have reached the limit', async () => {
    const sb = await boot([agent('a', { cpus: 4, mem: 4096 })]);
    deploy(sb, { id: '/late', cmd: 'sleep 1000', cpus: 0.5, mem: 64, instances: 1 });
    sb.advance(600_000);
    behave(sb, '/late', { usage: LEAK });
    sb.advance(1000);
    expect(mesosTasks(sb, '/late')[0]!.state).toBe('TASK_FAILED');
  });

  it('a working set over the limit is killed again and again; a limit above it ends the kills', async () => {
    const sb = await boot([agent('a', { cpus: 4, mem: 4096 })]);
    const cache = { id: '/cache', cmd: 'sleep 1000', cpus: 0.5, mem: 128, instances: 1, backoffSeconds: 1, backoffFactor: 1 };
    deploy(sb, cache);
    behave(sb, '/cache', { usage: { profile: 'leak', memMb: 32, memMbPerMinute: 60, peakMemMb: 200 } });
    sb.advance(600_000);
    const failures = () =>
      mesosTasks(sb, '/cache').filter((t) => t.statuses.at(-1)!.reason === 'REASON_CONTAINER_LIMITATION_MEMORY').length;
    expect(failures()).toBeGreaterThanOrEqual(5);
    expect(sb.request({ method: 'PUT', path: '/marathon/v2/apps/cache', body: { ...cache, mem: 256 } }).status).toBe(200);
    sb.advance(120_000);
    const before = failures();
    sb.advance(3_600_000);
    expect(failures()).toBe(before);
    expect(mesosTasks(sb, '/cache').filter((t) => t.state === 'TASK_RUNNING')).toHaveLength(1);
  });

  it('changing the usage back to steady before the OOM time cancels the kill', async () => {
    const sb = await boot([agent('a', { cpus: 4, mem: 4096 })]);
    deploy(sb, { id: '/calm', cmd: 'sleep 1000', cpus: 0.5, mem: 128, instances: 1 });
    behave(sb, '/calm', { usage: LEAK });
    sb.advance(60_000);
    behave(sb, '/calm', { usage: null });
    sb.advance(600_000);
    expect(mesosTasks(sb, '/calm').map((t) => t.state)).toEqual(['TASK_RUNNING']);
  });

  it('a scenario with a leaking app replays to the same history, and the default scenario draws nothing more', async () => {
    const leaking = marathonScenario([agent('a', { cpus: 4, mem: 4096 })], {
      marathon: {
        apps: [{ id: '/leak', cmd: 'sleep 1000', cpus: 0.5, mem: 128, instances: 2 }],
        behavior: { '/leak': { usage: LEAK } },
      },
    });
    const run = async (s: unknown) => {
      const sb = await createSandbox(s, { allocator: 'ts', matcher: 'ts' });
      sb.advance(900_000);
      return { hash: sb.historyHash(), events: sb.eventCount, failed: get(sb, '/mesos/metrics/snapshot')['master/tasks_failed'] };
    };
    const a = await run(leaking);
    expect(a.failed).toBeGreaterThanOrEqual(4);
    expect(await run(structuredClone(leaking))).toEqual(a);
    // Reading metrics changes nothing: the same history with and without reads.
    const quiet = await createSandbox(defaultScenario);
    const reader = await createSandbox(defaultScenario);
    for (let t = 0; t < 120; t++) {
      quiet.advance(1000);
      reader.advance(1000);
      const state = reader.request({ method: 'GET', path: '/mesos/master/state' });
      const slaves = state.status === 200 ? (state.body as { slaves: Array<{ id: string }> }).slaves : [];
      for (const s of slaves) reader.request({ method: 'GET', path: `/system/v1/agent/${s.id}/metrics/v0/node` });
      reader.request({ method: 'GET', path: '/mesos/metrics/snapshot' });
    }
    expect(reader.historyHash()).toBe(quiet.historyHash());
    expect(reader.eventCount).toBe(quiet.eventCount);
  });
});
