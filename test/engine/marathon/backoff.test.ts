/**
 * Launch backoff (SEMANTICS 6.3): after each failure the next launch waits backoffSeconds ×
 * backoffFactor^k, capped at maxLaunchDelaySeconds; the delay resets once it is long past, on a
 * new config and on `DELETE /v2/queue/{id}/delay`; kills add none.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { agent } from '../../support/cluster.ts';
import {
  appOf,
  behave,
  boot,
  del,
  deploy,
  fault,
  mesosTasks,
  post,
  put,
  queueEntry,
  reachedAt,
  simMs,
  tasksOf,
  waitFor,
  type Json,
  type MesosTask,
} from '../../support/marathon.ts';

const AGENTS = [agent('a1', { cpus: 4, mem: 4096 }), agent('a2', { cpus: 4, mem: 4096 })];

/** Failure → next STAGING, per consecutive pair of the app's Mesos tasks (oldest first). */
function relaunchGaps(tasks: MesosTask[]): number[] {
  const gaps: number[] = [];
  for (let k = 0; k + 1 < tasks.length; k++) {
    const failed = reachedAt(tasks[k]!, 'TASK_FAILED');
    const next = reachedAt(tasks[k + 1]!, 'TASK_STAGING');
    if (failed === undefined || next === undefined) break;
    gaps.push(next - failed);
  }
  return gaps;
}

/** SEMANTICS 6.3: the delays a run of consecutive failures produces. */
function expectedDelays(backoff: number, factor: number, max: number, count: number): number[] {
  const out: number[] = [];
  let d = Math.min(backoff, max);
  for (let k = 0; k < count; k++) {
    out.push(d);
    d = Math.min(max, d * factor);
  }
  return out;
}

/** Each gap is the delay plus the few ms a revive and an offer take. */
function expectGaps(gaps: number[], delaysSeconds: number[]): void {
  expect(gaps.length).toBeGreaterThanOrEqual(delaysSeconds.length);
  delaysSeconds.forEach((d, k) => {
    expect(gaps[k], `gap ${k}`).toBeGreaterThanOrEqual(d * 1000);
    expect(gaps[k], `gap ${k}`).toBeLessThan(d * 1000 + 100);
  });
}

describe('relaunch delays of an app whose tasks always fail', () => {
  it('grow by backoffFactor up to maxLaunchDelaySeconds (scenario behavior)', async () => {
    const app = {
      id: '/crash',
      cmd: 'exit 1',
      instances: 1,
      cpus: 0.1,
      mem: 16,
      backoffSeconds: 6,
      backoffFactor: 1.5,
      maxLaunchDelaySeconds: 300,
    };
    const sb = await boot(AGENTS, { marathon: { apps: [app], behavior: { '/crash': { startFailureRate: 1 } } } });
    sb.advance(120_000);
    const tasks = mesosTasks(sb, '/crash');
    expect(tasks.slice(0, -1).every((t) => t.state === 'TASK_FAILED')).toBe(true);
    // 6, 9, 13.5, 20.25, 30.375 s: at most 5 full cycles of (delay + up to 7.7 s of life) fit in 120 s.
    expectGaps(relaunchGaps(tasks), expectedDelays(6, 1.5, 300, 4));
  });

  it('are capped, and reset once a delay is further back than maxLaunchDelaySeconds', async () => {
    // 5, 10, 20, then 40 → capped at 30. The task relaunched after that 30 s delay fails more than 30 s
    // after the delay started, so the next failure starts again at 5 s.
    const sb = await boot(AGENTS);
    deploy(sb, {
      id: '/crash',
      cmd: 'exit 1',
      instances: 1,
      cpus: 0.1,
      mem: 16,
      backoffSeconds: 5,
      backoffFactor: 2,
      maxLaunchDelaySeconds: 30,
    });
    behave(sb, '/crash', { startFailureRate: 1 });
    sb.advance(160_000);
    expectGaps(relaunchGaps(mesosTasks(sb, '/crash')), [5, 10, 20, 30, 5, 10]);
  });

  it('/v2/queue shows the delay left right after a failure, and lastTaskFailure names the failed task', async () => {
    const sb = await boot(AGENTS);
    deploy(sb, {
      id: '/crash',
      cmd: 'exit 1',
      instances: 1,
      cpus: 0.1,
      mem: 16,
      backoffSeconds: 5,
      backoffFactor: 2,
      maxLaunchDelaySeconds: 30,
    });
    behave(sb, '/crash', { startFailureRate: 1 });
    const seen: Array<{ delay: number; overdue: boolean; failure: Json }> = [];
    let last: string | undefined;
    while (seen.length < 4) {
      sb.advance(100);
      const failure = appOf(sb, '/crash').lastTaskFailure;
      if (!failure || failure.taskId === last) continue;
      last = failure.taskId;
      const entry = queueEntry(sb, '/crash')!;
      seen.push({ delay: entry.delay.timeLeftSeconds, overdue: entry.delay.overdue, failure });
      expect(sb.now).toBeLessThan(120_000);
    }
    expect(seen.map((s) => s.delay)).toEqual([5, 10, 20, 30]);
    expect(seen.every((s) => !s.overdue)).toBe(true);
    const failure = seen[3]!.failure;
    const task = mesosTasks(sb, '/crash').find((t) => t.id === failure.taskId)!;
    expect(task.state).toBe('TASK_FAILED');
    expect(failure).toMatchObject({
      appId: '/crash',
      state: 'TASK_FAILED',
      host: expect.stringMatching(/^a[12]$/),
      version: appOf(sb, '/crash').versionInfo.lastConfigChangeAt,
    });
    expect(simMs(failure.timestamp)).toBe(reachedAt(task, 'TASK_FAILED'));
    expect(failure.message).toMatch(/exit|status/i);
  });
});

describe('failures injected with task-crash', () => {
  async function running(extra: Json = {}): Promise<Sandbox> {
    const sb = await boot(AGENTS);
    deploy(sb, {
      id: '/svc',
      cmd: 'serve',
      instances: 1,
      cpus: 0.1,
      mem: 16,
      backoffSeconds: 10,
      backoffFactor: 2,
      maxLaunchDelaySeconds: 3600,
      ...extra,
    });
    waitFor(sb, () => tasksOf(sb, '/svc')[0]?.state === 'TASK_RUNNING' && appOf(sb, '/svc').deployments.length === 0, 20_000);
    return sb;
  }
  const current = (sb: Sandbox) => tasksOf(sb, '/svc')[0]!;
  /** Crash the running task; the simulated ms from its failure to the next task's STAGING. */
  function crashAndMeasure(sb: Sandbox): number {
    const victim = current(sb).id as string;
    fault(sb, 'task-crash', victim);
    waitFor(sb, () => current(sb)?.id !== undefined && current(sb).id !== victim && current(sb).state === 'TASK_RUNNING', 600_000, 50);
    const tasks = mesosTasks(sb, '/svc');
    const failed = reachedAt(
      tasks.find((t) => t.id === victim)!,
      'TASK_FAILED',
    )!;
    return (
      reachedAt(
        tasks.find((t) => t.id === current(sb).id)!,
        'TASK_STAGING',
      )! - failed
    );
  }
  /** Kill the running task through the API; the ms from TASK_KILLED to the next STAGING. */
  function killAndMeasure(sb: Sandbox): number {
    const victim = current(sb).id as string;
    expect(del(sb, `/marathon/v2/apps/svc/tasks/${victim}`).status).toBe(200);
    waitFor(sb, () => current(sb)?.id !== undefined && current(sb).id !== victim && current(sb).state === 'TASK_RUNNING', 60_000, 50);
    const tasks = mesosTasks(sb, '/svc');
    const killed = reachedAt(
      tasks.find((t) => t.id === victim)!,
      'TASK_KILLED',
    )!;
    return (
      reachedAt(
        tasks.find((t) => t.id === current(sb).id)!,
        'TASK_STAGING',
      )! - killed
    );
  }

  it('consecutive crashes double the delay; the instance keeps its id and gets the next incarnation', async () => {
    const sb = await running();
    const instance = String(current(sb).id).replace(/\._app\.\d+$/, '');
    const gaps = [crashAndMeasure(sb), crashAndMeasure(sb), crashAndMeasure(sb)];
    expectGaps(gaps, [10, 20, 40]);
    expect(current(sb).id).toBe(`${instance}._app.4`);
  });

  it('TASK_KILLED adds no backoff and does not reset it', async () => {
    const sb = await running();
    expectGaps([crashAndMeasure(sb)], [10]);
    const failure = appOf(sb, '/svc').lastTaskFailure;
    // A kill relaunches at once (the last revive is long past): no delay in the queue either.
    const victim = current(sb).id as string;
    expect(del(sb, `/marathon/v2/apps/svc/tasks/${victim}`).status).toBe(200);
    sb.advance(2000);
    const entry = queueEntry(sb, '/svc');
    if (entry) expect(entry.delay.timeLeftSeconds).toBe(0);
    waitFor(sb, () => current(sb)?.state === 'TASK_RUNNING' && current(sb).id !== victim, 10_000, 50);
    // Past --min_revive_offers_interval (5 s) since the last revive, a kill is replaced within an offer round trip.
    sb.advance(6000);
    expect(killAndMeasure(sb)).toBeLessThan(100);
    // The kills are not failures, and the next crash continues the sequence: 20 s.
    expect(appOf(sb, '/svc').lastTaskFailure).toEqual(failure);
    expectGaps([crashAndMeasure(sb)], [20]);
  });

  it('DELETE /v2/queue/{id}/delay ends the wait; the next failure starts again at backoffSeconds', async () => {
    const sb = await running({ backoffSeconds: 100 });
    expectGaps([crashAndMeasure(sb)], [100]);
    fault(sb, 'task-crash', current(sb).id);
    sb.advance(500);
    expect(queueEntry(sb, '/svc')!.delay.timeLeftSeconds).toBe(200);
    const reset = del(sb, '/marathon/v2/queue/svc/delay');
    expect(reset.status).toBe(204);
    expect(queueEntry(sb, '/svc')!.delay.timeLeftSeconds).toBe(0);
    // Relaunched within the revive interval, not 199 s later.
    expect(waitFor(sb, () => current(sb)?.state === 'TASK_RUNNING', 10_000, 50)).toBeLessThan(10_000);
    expectGaps([crashAndMeasure(sb)], [100]);
    expect(del(sb, '/marathon/v2/queue/nope/delay').status).toBe(404);
  });

  it('a new config version starts without the old delay (the restart resets it)', async () => {
    const sb = await running({ backoffSeconds: 100 });
    fault(sb, 'task-crash', current(sb).id);
    sb.advance(500);
    expect(queueEntry(sb, '/svc')!.delay.timeLeftSeconds).toBe(100);
    expect(put(sb, '/marathon/v2/apps/svc', { cmd: 'serve v2' }).status).toBe(200);
    expect(waitFor(sb, () => current(sb)?.state === 'TASK_RUNNING', 20_000, 50)).toBeLessThan(20_000);
    expect(current(sb).version).toBe(appOf(sb, '/svc').versionInfo.lastConfigChangeAt);
  });

  it('POST /restart resets the delay too', async () => {
    const sb = await running({ backoffSeconds: 100 });
    fault(sb, 'task-crash', current(sb).id);
    sb.advance(500);
    expect(queueEntry(sb, '/svc')!.delay.timeLeftSeconds).toBe(100);
    expect(post(sb, '/marathon/v2/apps/svc/restart').status).toBe(200);
    expect(waitFor(sb, () => current(sb)?.state === 'TASK_RUNNING', 20_000, 50)).toBeLessThan(20_000);
  });
});
