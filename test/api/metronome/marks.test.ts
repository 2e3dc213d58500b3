/**
 * GET /sandbox/v1/metronome/marks: the jobs' runs for the time bar. Finished runs in [from, now] at their end,
 * scheduled fires in (now, to] when the timer will fire them, oldest first, bounded, and read without changing anything.
 */
import { describe, expect, it } from 'vitest';
import { jobMarksRoute, MAX_MARKS } from '../../../src/api/sandbox/job-marks-route.ts';
import type { ApiContext } from '../../../src/api/service.ts';
import type { JobMark, JobMarkList } from '../../../src/api/shapes/sandbox.ts';
import type { FinishedRun, JobRecord } from '../../../src/engine/metronome/model.ts';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { jobsCluster, mt, sleepJob } from './support.ts';

const marksOf = (sb: Sandbox, query = '') => sb.request({ method: 'GET', path: `/sandbox/v1/metronome/marks${query}` });
const listOf = (sb: Sandbox, query = ''): JobMarkList => {
  const res = marksOf(sb, query);
  expect(res.status).toBe(200);
  return res.body as JobMarkList;
};
const kinds = (marks: readonly JobMark[]) => marks.map((m) => m.kind);
const sorted = (marks: readonly JobMark[]) => marks.every((m, i) => i === 0 || marks[i - 1]!.at <= m.at);

/** `a` every minute and always succeeding, `b` every minute and always failing; runs ~5 simulated minutes. */
async function everyMinute(): Promise<Sandbox> {
  const sb = await jobsCluster();
  const every = [{ id: 'every', cron: '* * * * *' }];
  expect(mt.post(sb, '/v1/jobs', { ...sleepJob('a', 2), schedules: every }).status).toBe(201);
  expect(mt.post(sb, '/v1/jobs', { ...sleepJob('b', 2), schedules: every }).status).toBe(201);
  expect(sb.request({ method: 'PUT', path: '/sandbox/v1/metronome/jobs/b/behavior', body: { failureRate: 1 } }).status).toBe(200);
  sb.advance(5 * 60_000);
  return sb;
}

describe('GET /sandbox/v1/metronome/marks', () => {
  it('is empty without jobs, 400 on a bad bound, 405 for a write, 404 beside it', async () => {
    const sb = await jobsCluster();
    expect(marksOf(sb)).toEqual({
      status: 200,
      body: { marks: [], truncated: { done: false, upcoming: false }, activeRuns: 0, scheduledJobs: 0 },
    });
    expect(marksOf(sb, '?from=-1').status).toBe(400);
    expect(marksOf(sb, '?to=soon').body).toEqual({ message: 'from and to must be simulated milliseconds (numbers, 0 or more)' });
    expect(sb.request({ method: 'POST', path: '/sandbox/v1/metronome/marks' }).status).toBe(405);
    expect(sb.request({ method: 'GET', path: '/sandbox/v1/metronome/markz' }).status).toBe(404);
    // A job without a schedule and no run yet: nothing to mark.
    expect(mt.post(sb, '/v1/jobs', sleepJob('idle')).status).toBe(201);
    expect(listOf(sb, `?to=${sb.now + 3_600_000}`).marks).toEqual([]);
  });

  it('marks finished runs at their end and scheduled fires ahead, oldest first, labelled', async () => {
    const sb = await everyMinute();
    const now = sb.now;
    const list = listOf(sb, `?from=0&to=${now + 180_000}`);
    expect(sorted(list.marks)).toBe(true);
    expect(list.scheduledJobs).toBe(2);
    expect(list.truncated).toEqual({ done: false, upcoming: false });

    const done = list.marks.filter((m) => m.at <= now);
    const history = (id: string) => mt.get(sb, `/v1/jobs/${id}?embed=history`).body.history;
    const a = history('a');
    const b = history('b');
    expect(a.successfulFinishedRuns.length).toBeGreaterThanOrEqual(3);
    expect(b.failedFinishedRuns.length).toBeGreaterThanOrEqual(3);
    expect(done.filter((m) => m.kind === 'job-success').map((m) => m.label)).toEqual(
      a.successfulFinishedRuns.map((r: { id: string }) => `Job a: run ${r.id} succeeded`).reverse(),
    );
    expect(done.filter((m) => m.kind === 'job-failure').map((m) => m.label)).toEqual(
      b.failedFinishedRuns.map((r: { id: string }) => `Job b: run ${r.id} failed`).reverse(),
    );
    expect(kinds(list.marks.filter((m) => m.at > now))).toEqual(Array(6).fill('job-upcoming'));
    const upcoming = list.marks.filter((m) => m.at > now);
    expect(upcoming[0]!.label).toMatch(/^Job [ab]: scheduled 00:0\d UTC$/);

    // The first scheduled fire is the timer's; the ones after follow as the actor sets them: they are when the runs start.
    const timer = sb.snapshot().cluster.metronome.jobs.a!.timer!;
    const aheadOfA = upcoming.filter((m) => m.label.startsWith('Job a:')).map((m) => m.at);
    expect(aheadOfA[0]).toBe(timer.fireAt);
    sb.advance(190_000);
    const started = (mt.get(sb, '/v1/jobs/a?embed=history').body.history.successfulFinishedRuns as { createdAt: string }[])
      .map((r) => Date.parse(r.createdAt.replace('+0000', 'Z')) - Date.parse('2026-01-01T00:00:00Z'))
      .filter((at) => at > now && at <= now + 180_000)
      .reverse();
    expect(started).toEqual(aheadOfA);

    // from: only the runs that finished since.
    const since = done[done.length - 2]!.at;
    expect(listOf(sb, `?from=${since}&to=0`).marks.every((m) => m.at >= since && m.kind !== 'job-upcoming')).toBe(true);
  });

  it('keeps the newest finished runs and the soonest fires, at most MAX_MARKS of each', async () => {
    const sb = await jobsCluster();
    expect(mt.post(sb, '/v1/jobs', { ...sleepJob('a', 1), schedules: [{ id: 'every', cron: '* * * * *' }] }).status).toBe(201);
    for (let i = 0; i < MAX_MARKS + 20; i++) expect(mt.post(sb, '/v1/jobs/a/runs').status).toBe(201);
    sb.advance(120_000);
    const now = sb.now;
    const list = listOf(sb, `?to=${now + 1_000 * 60_000}`);
    expect(list.truncated).toEqual({ done: true, upcoming: true });
    const done = list.marks.filter((m) => m.kind !== 'job-upcoming');
    const upcoming = list.marks.filter((m) => m.kind === 'job-upcoming');
    expect([done.length, upcoming.length]).toEqual([MAX_MARKS, MAX_MARKS]);
    expect(sorted(list.marks)).toBe(true);
    const finished = (mt.get(sb, '/v1/jobs/a?embed=history').body.history.successfulFinishedRuns as { id: string }[]).map(
      (r) => `Job a: run ${r.id} succeeded`,
    );
    expect(finished.length).toBeGreaterThan(MAX_MARKS);
    expect(done.map((m) => m.label)).toEqual(finished.slice(0, MAX_MARKS).reverse());
    // The soonest fires: one a minute from the timer on (a schedule made with its first time under a minute ahead lags it).
    expect(upcoming.slice(1).every((m, i) => m.at - upcoming[i]!.at === 60_000)).toBe(true);
    expect(upcoming.at(-1)!.at).toBeLessThan(now + 302 * 60_000);
  });

  it("names the cron time in UTC, with its date when it is not today's", async () => {
    const sb = await jobsCluster();
    const daily = { ...sleepJob('d'), schedules: [{ id: 'daily', cron: '30 1 * * *', timezone: 'Europe/Berlin' }] };
    expect(mt.post(sb, '/v1/jobs', daily).status).toBe(201);
    const list = listOf(sb, `?to=${2 * 86_400_000}`);
    expect(list.marks.map((m) => m.label)).toEqual(['Job d: scheduled 00:30 UTC', 'Job d: scheduled 2026-01-02 00:30 UTC']);
    // The timer fires up to a second early (whole seconds until the cron time, floored), and a day later again.
    expect(list.marks[0]!.at).toBe(sb.snapshot().cluster.metronome.jobs.d!.timer!.fireAt);
    expect(list.marks[0]!.at).toBeGreaterThan(30 * 60_000 - 1_000);
    expect(list.marks[1]!.at - list.marks[0]!.at).toBe(86_400_000);
    expect(list.activeRuns).toBe(0);
  });

  it('changes nothing: same state, same history, same future', async () => {
    const sb = await everyMinute();
    const twin = await everyMinute();
    const before = JSON.stringify(sb.snapshot());
    const hash = sb.historyHash();
    for (const q of ['', '?from=0', `?from=0&to=${sb.now + 3_600_000}`, '?from=5']) listOf(sb, q);
    expect(JSON.stringify(sb.snapshot())).toBe(before);
    expect(sb.historyHash()).toBe(hash);
    sb.advance(120_000);
    twin.advance(120_000);
    expect(sb.historyHash()).toBe(twin.historyHash());
    expect(sb.script()).toEqual(twin.script());
  });

  it('stays cheap at 10,000 jobs with full histories: reads only what it marks', () => {
    let reads = 0;
    const counted = (runs: FinishedRun[]): FinishedRun[] =>
      new Proxy(runs, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    const now = 10 * 86_400_000;
    // One 1,000-run history per outcome, shared by every job (newest first), each list counting its reads.
    const runs = (offset: number): FinishedRun[] =>
      Array.from({ length: 1000 }, (_, i) => ({ id: `r${i}`, createdAt: 0, finishedAt: now - offset - i * 60_000, tasks: [] }));
    const successful = runs(0);
    const failed = runs(30_000);
    const jobs: Record<string, JobRecord> = {};
    for (let j = 0; j < 10_000; j++) {
      const schedule = {
        id: 's',
        cron: `${j % 60} * * * *`,
        timezone: 'UTC',
        startingDeadlineSeconds: 900,
        concurrencyPolicy: 'ALLOW' as const,
        enabled: true,
      };
      jobs[`job${j}`] = {
        spec: { id: `job${j}`, schedules: [schedule] },
        runs: [],
        history: {
          successCount: 1000,
          failureCount: 1000,
          lastSuccessAt: null,
          lastFailureAt: null,
          successful: counted(successful),
          failed: counted(failed),
        },
        timer: { scheduleId: 's', cronAt: now + (j % 60) * 60_000 + 60_000, fireAt: now + (j % 60) * 60_000 + 60_000, token: j },
        missed: 0,
      } as unknown as JobRecord;
    }
    const api = { state: { metronome: { jobs } }, ctx: { now } } as unknown as ApiContext;
    const started = performance.now();
    const res = jobMarksRoute(
      api,
      { method: 'GET', path: '/sandbox/v1/metronome/marks' },
      new URLSearchParams(`from=0&to=${now + 86_400_000}`),
    );
    const took = performance.now() - started;
    const list = res.body as JobMarkList;
    expect(list.marks).toHaveLength(2 * MAX_MARKS);
    expect(list.truncated).toEqual({ done: true, upcoming: true });
    expect(list.scheduledJobs).toBe(10_000);
    expect(sorted(list.marks)).toBe(true);
    expect(list.marks[MAX_MARKS - 1]!.at).toBe(now);
    expect(list.marks[MAX_MARKS]!.at).toBe(now + 60_000);
    // Two heads per job, then a few more per mark given: not the 20 million runs.
    expect(reads).toBeLessThan(10 * (20_000 + MAX_MARKS));
    expect(took).toBeLessThan(1_000);
  });
});
