/**
 * Health checks (SEMANTICS 6.4): Marathon-side checks (HTTP, HTTPS, TCP) kill on the failure after
 * maxConsecutiveFailures recorded ones, Mesos-side checks (MESOS_*, COMMAND) on the
 * maxConsecutiveFailures-th; failures in the grace period of a never-healthy task are ignored;
 * a task killed for its health is replaced, after the launch backoff (6.3).
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { agent } from '../../support/cluster.ts';
import {
  appOf,
  behave,
  boot,
  deploy,
  fault,
  mesosTasks,
  quickHealthCheck,
  reachedAt,
  simMs,
  tasksOf,
  waitFor,
  type Json,
} from '../../support/marathon.ts';

const INTERVAL_S = 2;
const AGENTS = [agent('a1', { cpus: 4, mem: 4096 }), agent('a2', { cpus: 4, mem: 4096 })];

function check(protocol: string, extra: Json = {}): Json {
  const hc: Json = { ...quickHealthCheck({ protocol, intervalSeconds: INTERVAL_S, delaySeconds: 1, ...extra }) };
  if (protocol === 'COMMAND') {
    delete hc.portIndex;
    delete hc.path;
    hc.command = { value: 'curl -f localhost' };
  }
  if (protocol.endsWith('TCP')) delete hc.path;
  return hc;
}

async function healthy(hc: Json, instances = 1, extra: Json = {}): Promise<Sandbox> {
  const sb = await boot(AGENTS);
  deploy(sb, { id: '/hc', cmd: 'serve', instances, cpus: 0.1, mem: 16, healthChecks: [hc], backoffSeconds: 7, ...extra });
  waitFor(sb, () => appOf(sb, '/hc').tasksHealthy === instances && appOf(sb, '/hc').deployments.length === 0, 60_000);
  return sb;
}

const result = (t: Json): Json | undefined => t.healthCheckResults?.[0];

interface Watch {
  /** Highest consecutiveFailures seen while the task was still TASK_RUNNING. */
  maxWhileRunning: number;
  /** lastFailure of the first recorded failure (simulated ms). */
  firstFailureAt: number | null;
  /** When the task reached TASK_KILLING (simulated ms), or null if it never did. */
  killingAt: number | null;
}

/** Poll one task every 50 ms until it is killed or `maxMs` passed. */
function watchTask(sb: Sandbox, taskId: string, maxMs: number): Watch {
  const w: Watch = { maxWhileRunning: 0, firstFailureAt: null, killingAt: null };
  const end = sb.now + maxMs;
  while (sb.now < end) {
    const t = tasksOf(sb, '/hc').find((x) => x.id === taskId);
    if (!t || t.state !== 'TASK_RUNNING') break;
    const r = result(t);
    if (r) {
      w.maxWhileRunning = Math.max(w.maxWhileRunning, r.consecutiveFailures);
      if (r.consecutiveFailures === 1 && w.firstFailureAt === null) w.firstFailureAt = simMs(r.lastFailure);
    }
    sb.advance(50);
  }
  sb.advance(2000);
  const m = mesosTasks(sb, '/hc').find((x) => x.id === taskId)!;
  w.killingAt = reachedAt(m, 'TASK_KILLING') ?? null;
  return w;
}

describe('kill thresholds', () => {
  const protocols: Array<[string, 'marathon' | 'mesos']> = [
    ['HTTP', 'marathon'],
    ['HTTPS', 'marathon'],
    ['TCP', 'marathon'],
    ['MESOS_HTTP', 'mesos'],
    ['MESOS_HTTPS', 'mesos'],
    ['MESOS_TCP', 'mesos'],
    ['COMMAND', 'mesos'],
  ];

  it.each(protocols)('%s (%s-side), maxConsecutiveFailures 3', async (protocol, side) => {
    const sb = await healthy(check(protocol, { maxConsecutiveFailures: 3 }));
    const task = tasksOf(sb, '/hc')[0]!;
    fault(sb, 'task-unhealthy', task.id);
    const w = watchTask(sb, task.id, 60_000);
    expect(w.killingAt).not.toBeNull();
    expect(w.firstFailureAt).not.toBeNull();
    // Marathon-side: killed at the 4th consecutive failure (3 recorded); Mesos-side at the 3rd.
    const killedAtFailure = side === 'marathon' ? 4 : 3;
    expect(w.maxWhileRunning).toBe(killedAtFailure - 1);
    const sinceFirst = w.killingAt! - w.firstFailureAt!;
    expect(sinceFirst).toBeGreaterThanOrEqual((killedAtFailure - 1) * INTERVAL_S * 1000);
    expect(sinceFirst).toBeLessThan((killedAtFailure - 1) * INTERVAL_S * 1000 + 100);
  });

  it.each([['HTTP'], ['TCP']])('%s with maxConsecutiveFailures 0 is never killed', async (protocol) => {
    const sb = await healthy(check(protocol, { maxConsecutiveFailures: 0 }));
    const task = tasksOf(sb, '/hc')[0]!;
    fault(sb, 'task-unhealthy', task.id);
    const w = watchTask(sb, task.id, 60_000);
    expect(w.killingAt).toBeNull();
    expect(w.maxWhileRunning).toBeGreaterThanOrEqual(25);
    const app = appOf(sb, '/hc');
    expect(app.tasksUnhealthy).toBe(1);
    expect(app.tasksHealthy).toBe(0);
    expect(app.tasksRunning).toBe(1);
  });

  it.each([['MESOS_HTTP'], ['COMMAND']])('%s with maxConsecutiveFailures 0 is killed at the first failure', async (protocol) => {
    const sb = await healthy(check(protocol, { maxConsecutiveFailures: 0 }));
    const task = tasksOf(sb, '/hc')[0]!;
    fault(sb, 'task-unhealthy', task.id);
    const faultAt = sb.now;
    const w = watchTask(sb, task.id, 60_000);
    expect(w.killingAt).not.toBeNull();
    expect(w.maxWhileRunning).toBe(0);
    expect(w.killingAt! - faultAt).toBeLessThanOrEqual(INTERVAL_S * 1000 + 100);
  });
});

describe('grace period', () => {
  it.each([['HTTP'], ['MESOS_HTTP']])(
    '%s: failures of a never-healthy task are ignored until gracePeriodSeconds after it started',
    async (protocol) => {
      const sb = await boot(AGENTS);
      deploy(sb, {
        id: '/hc',
        cmd: 'serve',
        instances: 1,
        cpus: 0.1,
        mem: 16,
        healthChecks: [check(protocol, { gracePeriodSeconds: 20, maxConsecutiveFailures: 3 })],
        backoffSeconds: 7,
      });
      behave(sb, '/hc', { healthCheckFailureRate: 1 });
      waitFor(sb, () => tasksOf(sb, '/hc')[0]?.state === 'TASK_RUNNING', 20_000, 50);
      const task = tasksOf(sb, '/hc')[0]!;
      const started = simMs(task.startedAt);
      sb.advance(started + 19_900 - sb.now);
      const inGrace = tasksOf(sb, '/hc')[0]!;
      expect(inGrace.id).toBe(task.id);
      expect(inGrace.state).toBe('TASK_RUNNING');
      expect(result(inGrace)?.consecutiveFailures ?? 0).toBe(0);
      expect(appOf(sb, '/hc').tasksUnhealthy).toBe(0);
      const w = watchTask(sb, task.id, 60_000);
      // The first counted failure is the first check at or after started + 20 s (checks are INTERVAL_S apart).
      expect(w.firstFailureAt! - started).toBeGreaterThanOrEqual(20_000);
      expect(w.firstFailureAt! - started).toBeLessThan(20_000 + INTERVAL_S * 1000);
      expect(w.killingAt).not.toBeNull();
    },
  );

  it('does not protect a task that has been healthy: failures count at once', async () => {
    const sb = await healthy(check('HTTP', { gracePeriodSeconds: 300, maxConsecutiveFailures: 3 }));
    const task = tasksOf(sb, '/hc')[0]!;
    expect(sb.now - simMs(task.startedAt)).toBeLessThan(300_000);
    fault(sb, 'task-unhealthy', task.id);
    const faultAt = sb.now;
    const w = watchTask(sb, task.id, 60_000);
    expect(w.killingAt).not.toBeNull();
    expect(w.killingAt! - faultAt).toBeLessThanOrEqual(4 * INTERVAL_S * 1000 + 100);
  });
});

describe('an unhealthy task is replaced', () => {
  it('task-unhealthy: killed, counted as a failure (backoff), replaced by a healthy task; counts follow', async () => {
    const sb = await healthy(check('HTTP', { maxConsecutiveFailures: 3 }), 3);
    expect(appOf(sb, '/hc')).toMatchObject({ tasksRunning: 3, tasksHealthy: 3, tasksUnhealthy: 0 });
    const victim = tasksOf(sb, '/hc')[1]!;
    fault(sb, 'task-unhealthy', victim.id);
    waitFor(sb, () => appOf(sb, '/hc').tasksUnhealthy === 1, 10_000, 50);
    expect(appOf(sb, '/hc')).toMatchObject({ tasksRunning: 3, tasksHealthy: 2, tasksUnhealthy: 1 });
    const w = watchTask(sb, victim.id, 30_000);
    const killed = reachedAt(
      mesosTasks(sb, '/hc').find((t) => t.id === victim.id)!,
      'TASK_KILLED',
    )!;
    expect(w.killingAt).not.toBeNull();
    waitFor(sb, () => appOf(sb, '/hc').tasksHealthy === 3, 60_000, 50);
    const app = appOf(sb, '/hc');
    expect(app).toMatchObject({ tasksRunning: 3, tasksHealthy: 3, tasksUnhealthy: 0 });
    const ids = tasksOf(sb, '/hc').map((t) => t.id);
    expect(ids).not.toContain(victim.id);
    // The replacement is the same instance, next incarnation, launched after the 7 s backoff.
    const replacement = mesosTasks(sb, '/hc').find((t) => t.id === String(victim.id).replace(/\._app\.1$/, '._app.2'))!;
    expect(replacement).toBeDefined();
    expect(reachedAt(replacement, 'TASK_STAGING')! - killed).toBeGreaterThanOrEqual(7000);
    expect(app.lastTaskFailure).toMatchObject({ taskId: victim.id, state: 'TASK_KILLED' });
  });

  it('counts: tasksHealthy follows the first successes; a task without a result is neither healthy nor unhealthy', async () => {
    const sb = await boot(AGENTS);
    deploy(sb, { id: '/hc', cmd: 'serve', instances: 3, cpus: 0.1, mem: 16, healthChecks: [check('HTTP', { intervalSeconds: 30 })] });
    const seen = new Set<number>();
    waitFor(
      sb,
      () => {
        const app = appOf(sb, '/hc');
        const succeeded = tasksOf(sb, '/hc').filter((t) => result(t)?.firstSuccess).length;
        expect(app.tasksHealthy).toBe(succeeded);
        expect(app.tasksUnhealthy).toBe(0);
        seen.add(app.tasksHealthy);
        return app.tasksHealthy === 3;
      },
      60_000,
      50,
    );
    // Checks start at a random point of the first 30 s interval, so the count climbs one by one.
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
  });
});

describe('delaySeconds', () => {
  it.each([
    ['MESOS_HTTP', true],
    ['HTTP', false],
  ] as const)('%s: the first check waits delaySeconds: %s (Marathon-side checks ignore it)', async (protocol, delayed) => {
    const sb = await boot(AGENTS);
    deploy(sb, { id: '/hc', cmd: 'serve', instances: 1, cpus: 0.1, mem: 16, healthChecks: [check(protocol, { delaySeconds: 10 })] });
    waitFor(sb, () => appOf(sb, '/hc').tasksHealthy === 1, 30_000, 50);
    const task = tasksOf(sb, '/hc')[0]!;
    const firstResult = simMs(result(task)!.firstSuccess) - simMs(task.startedAt);
    if (delayed) {
      expect(firstResult).toBeGreaterThanOrEqual(10_000);
      expect(firstResult).toBeLessThan(10_000 + 100);
    } else expect(firstResult).toBeLessThan(INTERVAL_S * 1000);
  });
});
