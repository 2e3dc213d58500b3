/**
 * Runs (docs/metronome-sources.md §4.2-4.6): the starting deadline of scheduled runs, restart policies, and the
 * history a job keeps of its finished runs.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { activeRuns, behave, cluster, createJob, history, mt, simOf, sleepJob, startRun, until, type Json } from './support.ts';

/** Run until the job has no active run (at most `maxMs`). */
const untilIdle = (sb: Sandbox, id: string, maxMs = 5 * 60_000): number => until(sb, () => activeRuns(sb, id).length === 0, maxMs);

const failedRuns = (sb: Sandbox, id: string): Json[] => history(sb, id).failedFinishedRuns as Json[];
const successfulRuns = (sb: Sandbox, id: string): Json[] => history(sb, id).successfulFinishedRuns as Json[];

describe('a run through its states', () => {
  it('INITIAL when posted, ACTIVE once its task runs, then gone from the active list into the history', async () => {
    const sb = await cluster();
    createJob(sb, sleepJob('life', 20));
    const run = startRun(sb, 'life');
    expect(run.status).toBe('INITIAL');
    expect(run.tasks).toEqual([]);
    until(sb, () => activeRuns(sb, 'life')[0]?.status === 'ACTIVE', 10_000);
    const active = activeRuns(sb, 'life')[0]!;
    expect(active.id).toBe(run.id);
    expect(active.tasks).toHaveLength(1);
    untilIdle(sb, 'life');
    expect(mt.get(sb, `/v1/jobs/life/runs/${run.id as string}`).status).toBe(404);
    const [done] = successfulRuns(sb, 'life');
    expect(done!.id).toBe(run.id);
    expect(done!.tasks).toEqual([active.tasks[0].id]);
    // The task ran its 20 s once RUNNING.
    expect(simOf(done!.finishedAt as string) - simOf(done!.createdAt as string)).toBeGreaterThanOrEqual(20_000);
  });
});

describe('starting deadline', () => {
  const tooBig = (id: string, schedules: Json[] = []): Json => ({ ...sleepJob(id, 5, { cpus: 8 }), schedules });

  it('a scheduled run no agent can take is aborted after startingDeadlineSeconds: FAILED in the history', async () => {
    const sb = await cluster();
    createJob(sb, tooBig('huge', [{ id: 'five', cron: '*/5 * * * *', startingDeadlineSeconds: 120, concurrencyPolicy: 'FORBID' }]));
    until(sb, () => activeRuns(sb, 'huge').length === 1, 6 * 60_000);
    const run = activeRuns(sb, 'huge')[0]!;
    expect(run.status).toBe('INITIAL');
    const created = simOf(run.createdAt as string);
    sb.advance(created + 120_000 - 1 - sb.now);
    expect(activeRuns(sb, 'huge')).toHaveLength(1);
    sb.advance(1);
    expect(activeRuns(sb, 'huge')).toEqual([]);
    const h = history(sb, 'huge');
    expect(h).toMatchObject({ successCount: 0, failureCount: 1 });
    const [failed] = h.failedFinishedRuns as Json[];
    expect(failed).toMatchObject({ id: run.id, tasks: [] });
    expect(simOf(failed!.finishedAt as string) - created).toBe(120_000);
    // Nothing of it is left waiting for offers.
    expect(mt.get(sb, '/v1/queue').body).toEqual([]);
  });

  it('a manual run of the same job waits forever: no starting deadline', async () => {
    const sb = await cluster();
    createJob(sb, tooBig('huge'));
    const run = startRun(sb, 'huge');
    sb.advance(30 * 60_000);
    expect(activeRuns(sb, 'huge').map((r) => [r.id, r.status])).toEqual([[run.id, 'INITIAL']]);
    expect(history(sb, 'huge').failureCount).toBe(0);
    expect(mt.get(sb, '/v1/queue').body).toEqual([{ jobId: 'huge', runs: [{ runId: run.id }] }]);
  });

  it('a scheduled run that becomes active before its deadline is not aborted by it', async () => {
    const sb = await cluster();
    createJob(sb, {
      ...sleepJob('slow', 300),
      schedules: [{ id: 'five', cron: '*/5 * * * *', startingDeadlineSeconds: 60, concurrencyPolicy: 'FORBID' }],
    });
    until(sb, () => activeRuns(sb, 'slow')[0]?.status === 'ACTIVE', 6 * 60_000);
    sb.advance(120_000);
    expect(activeRuns(sb, 'slow')[0]!.status).toBe('ACTIVE');
    expect(history(sb, 'slow').failureCount).toBe(0);
  });
});

describe('restart policies', () => {
  const failing = (sb: Sandbox, id: string, restart: Json): void => {
    createJob(sb, sleepJob(id, 5, { restart }));
    behave(sb, id, { failureRate: 1, durationSeconds: 5 });
  };

  it('NEVER: the failed task ends the run FAILED, with that one task', async () => {
    const sb = await cluster();
    failing(sb, 'never', { policy: 'NEVER' });
    const run = startRun(sb, 'never');
    untilIdle(sb, 'never');
    const [failed] = failedRuns(sb, 'never');
    expect(failed).toMatchObject({ id: run.id });
    expect(failed!.tasks).toHaveLength(1);
    expect(history(sb, 'never')).toMatchObject({ successCount: 0, failureCount: 1 });
  });

  it('ON_FAILURE without activeDeadlineSeconds keeps replacing the failed task; the run stays active', async () => {
    const sb = await cluster();
    failing(sb, 'retry', { policy: 'ON_FAILURE' });
    const run = startRun(sb, 'retry');
    sb.advance(60_000);
    const [active] = activeRuns(sb, 'retry');
    expect(active!.id).toBe(run.id);
    expect(active!.status).toBe('ACTIVE');
    expect(active!.tasks.length).toBeGreaterThanOrEqual(4);
    const statuses = (active!.tasks as Json[]).map((t) => t.status);
    // Every task but the newest failed; failed tasks get no completedAt.
    expect(statuses.slice(0, -1).every((s) => s === 'TASK_FAILED')).toBe(true);
    expect((active!.tasks as Json[]).every((t) => t.status === 'TASK_FINISHED' || !('completedAt' in t))).toBe(true);
    expect(new Set((active!.tasks as Json[]).map((t) => t.id)).size).toBe(active!.tasks.length);
    expect(history(sb, 'retry').failureCount).toBe(0);
  });

  it('ON_FAILURE with activeDeadlineSeconds stops replacing once the deadline passed: the run FAILED', async () => {
    const sb = await cluster();
    failing(sb, 'bounded', { policy: 'ON_FAILURE', activeDeadlineSeconds: 30 });
    const run = startRun(sb, 'bounded');
    untilIdle(sb, 'bounded', 2 * 60_000);
    const [failed] = failedRuns(sb, 'bounded');
    expect(failed!.id).toBe(run.id);
    const lasted = simOf(failed!.finishedAt as string) - simOf(failed!.createdAt as string);
    // The deadline is read when a task fails: the run ends at the first failure at or after 30 s.
    expect(lasted).toBeGreaterThanOrEqual(30_000);
    expect(lasted).toBeLessThan(30_000 + 10_000);
    // Tasks of 5 s each: at least two, and no more than fit in 30 s plus the last one.
    expect(failed!.tasks.length).toBeGreaterThanOrEqual(2);
    expect(failed!.tasks.length).toBeLessThanOrEqual(7);
  });

  it('ON_FAILURE with activeDeadlineSeconds 0 never restarts', async () => {
    const sb = await cluster();
    failing(sb, 'zero', { policy: 'ON_FAILURE', activeDeadlineSeconds: 0 });
    startRun(sb, 'zero');
    untilIdle(sb, 'zero');
    expect(failedRuns(sb, 'zero')[0]!.tasks).toHaveLength(1);
  });

  it('ON_FAILURE: a task that finishes ends the run in SUCCESS', async () => {
    const sb = await cluster();
    createJob(sb, sleepJob('fine', 5, { restart: { policy: 'ON_FAILURE' } }));
    startRun(sb, 'fine');
    untilIdle(sb, 'fine');
    expect(history(sb, 'fine')).toMatchObject({ successCount: 1, failureCount: 0 });
    expect(successfulRuns(sb, 'fine')[0]!.tasks).toHaveLength(1);
  });
});

describe('a run keeps the spec it started with (JobRun.jobSpec)', () => {
  it("a PUT does not change a queued run's resources; a new run gets the new ones", async () => {
    const sb = await cluster();
    createJob(sb, sleepJob('resize', 5, { cpus: 8 }));
    const old = startRun(sb, 'resize');
    sb.advance(5_000);
    expect(mt.put(sb, '/v1/jobs/resize', sleepJob('resize', 5, { cpus: 0.5 })).status).toBe(200);
    const fresh = startRun(sb, 'resize');
    until(sb, () => history(sb, 'resize').successCount === 1, 60_000);
    expect((successfulRuns(sb, 'resize')[0] as Json).id).toBe(fresh.id);
    sb.advance(60_000);
    expect(activeRuns(sb, 'resize').map((r) => [r.id, r.status])).toEqual([[old.id, 'INITIAL']]);
  });

  it('a PUT does not change the restart policy of a run under way', async () => {
    const sb = await cluster();
    createJob(sb, sleepJob('policy', 5, { restart: { policy: 'NEVER' } }));
    behave(sb, 'policy', { failureRate: 1, durationSeconds: 20 });
    const run = startRun(sb, 'policy');
    until(sb, () => activeRuns(sb, 'policy')[0]?.status === 'ACTIVE', 10_000);
    expect(mt.put(sb, '/v1/jobs/policy', sleepJob('policy', 5, { restart: { policy: 'ON_FAILURE' } })).status).toBe(200);
    untilIdle(sb, 'policy');
    expect(failedRuns(sb, 'policy')[0]).toMatchObject({ id: run.id });
    expect(failedRuns(sb, 'policy')[0]!.tasks).toHaveLength(1);
  });
});

describe('history', () => {
  it('counts successes and failures, keeps the last times and lists runs newest first', async () => {
    const sb = await cluster();
    createJob(sb, sleepJob('h', 5));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(startRun(sb, 'h').id as string);
      untilIdle(sb, 'h');
      sb.advance(1000);
    }
    behave(sb, 'h', { failureRate: 1 });
    for (let i = 0; i < 2; i++) {
      ids.push(startRun(sb, 'h').id as string);
      untilIdle(sb, 'h');
      sb.advance(1000);
    }
    // A stopped run counts as a failure too.
    behave(sb, 'h', { failureRate: 0, durationSeconds: 600 });
    const stopped = startRun(sb, 'h').id as string;
    sb.advance(10_000);
    const stop = mt.post(sb, `/v1/jobs/h/runs/${stopped}/actions/stop`);
    expect(stop.status).toBe(200);
    expect(stop.body.status).toBe('FAILED');

    const h = history(sb, 'h');
    expect(h.successCount).toBe(3);
    expect(h.failureCount).toBe(3);
    const ok = h.successfulFinishedRuns as Json[];
    const bad = h.failedFinishedRuns as Json[];
    expect(ok.map((r) => r.id)).toEqual(ids.slice(0, 3).reverse());
    expect(bad.map((r) => r.id)).toEqual([stopped, ...ids.slice(3).reverse()]);
    expect(h.lastSuccessAt).toBe(ok[0]!.finishedAt);
    expect(h.lastFailureAt).toBe(bad[0]!.finishedAt);
    expect(simOf(h.lastFailureAt as string)).toBeGreaterThan(simOf(h.lastSuccessAt as string));
    const summary = (mt.get(sb, '/v1/jobs/h?embed=historySummary').body as Json).historySummary;
    expect(summary).toEqual({ successCount: 3, failureCount: 3, lastSuccessAt: h.lastSuccessAt, lastFailureAt: h.lastFailureAt });
  });

  it('a job that never ran has the empty history', async () => {
    const sb = await cluster();
    createJob(sb, sleepJob('idle', 5));
    expect(history(sb, 'idle')).toEqual({
      successCount: 0,
      failureCount: 0,
      lastSuccessAt: null,
      lastFailureAt: null,
      successfulFinishedRuns: [],
      failedFinishedRuns: [],
    });
  });
});
