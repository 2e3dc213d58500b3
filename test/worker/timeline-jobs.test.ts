/**
 * The time bar's jobs through the worker (Comlink in Node, as time-travel.test.ts): finished runs and the scheduled
 * fires within the look-ahead, when the page should fetch them again, and what going back shows.
 */
import { describe, expect, it } from 'vitest';
import type { JobMarkList } from '../../src/api/shapes/sandbox.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { jobLookAheadMs, timelineJobs } from '../../src/worker/timeline.ts';
import { workerInNode } from '../support/worker-in-node.ts';

const worker = workerInNode();

const list = (marks: JobMarkList['marks'], activeRuns = 0, scheduledJobs = 0): JobMarkList => ({
  marks,
  truncated: { done: false, upcoming: false },
  activeRuns,
  scheduledJobs,
});

describe("the time bar's jobs", () => {
  it('looks ahead 5 minutes, or a tenth of the span, and is due again at the next fire or while runs go on', () => {
    expect(jobLookAheadMs(0)).toBe(300_000);
    expect(jobLookAheadMs(10 * 3_600_000)).toBe(3_600_000);
    expect(timelineJobs(list([]), 1000, 300_000)).toEqual({ marks: [], lookAheadMs: 0, refreshAt: null });
    const upcoming = { at: 61_000, kind: 'job-upcoming' as const, label: 'Job a: scheduled 00:01 UTC' };
    expect(timelineJobs(list([upcoming], 0, 1), 59_000, 300_000)).toMatchObject({ lookAheadMs: 300_000, refreshAt: 61_000 });
    expect(timelineJobs(list([upcoming], 0, 1), 40_000, 300_000).refreshAt).toBe(47_500);
    expect(timelineJobs(list([], 2, 0), 40_000, 300_000)).toMatchObject({ lookAheadMs: 0, refreshAt: 47_500 });
  });

  it('lists the runs done and those scheduled within the look-ahead, and after going back shows them ahead', async () => {
    expect((await worker.api.load(defaultScenario, { allocator: 'ts', matcher: 'ts' })).ok).toBe(true);
    await worker.api.runTo(60_000);
    const job = { id: 'tick', run: { cpus: 0.1, mem: 32, disk: 0, cmd: 'sleep 3' }, schedules: [{ id: 'every', cron: '* * * * *' }] };
    const created = await worker.api.request({ method: 'POST', path: '/service/metronome/v1/jobs', body: job });
    expect(created.status).toBe(201);
    await worker.api.runTo(6 * 60_000);

    const t = await worker.api.timeline();
    expect(t.jobs.lookAheadMs).toBe(300_000);
    const done = t.jobs.marks.filter((m) => m.at <= t.now);
    const ahead = t.jobs.marks.filter((m) => m.at > t.now);
    expect(done.length).toBeGreaterThanOrEqual(3);
    expect(done.every((m) => m.kind === 'job-success' && m.label.startsWith('Job tick: run '))).toBe(true);
    expect(ahead.length).toBe(5);
    expect(ahead.every((m) => m.kind === 'job-upcoming' && m.at <= t.end + 300_000)).toBe(true);
    expect(t.jobs.refreshAt).not.toBeNull();
    expect(t.jobs.refreshAt!).toBeGreaterThan(t.now);
    expect(t.jobs.refreshAt!).toBeLessThanOrEqual(ahead[0]!.at);

    // Back 3 minutes: the runs after now are scheduled again, up to the look-ahead past the latest time reached.
    const { timeline: back } = await worker.api.travelTo(3 * 60_000);
    expect(back.jobs.marks.filter((m) => m.at <= back.now).every((m) => m.kind === 'job-success')).toBe(true);
    const again = back.jobs.marks.filter((m) => m.at > back.now);
    expect(again.length).toBe(8);
    expect(again.every((m) => m.kind === 'job-upcoming' && m.at <= back.end + 300_000)).toBe(true);
    // The fires it predicted are when the runs start: going forward finds them done.
    await worker.api.travelTo(t.now);
    const forward = await worker.api.timeline();
    expect(forward.jobs.marks).toEqual(t.jobs.marks);
  });
});
