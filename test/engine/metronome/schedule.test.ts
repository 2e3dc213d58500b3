/**
 * Schedules on the simulated clock (docs/metronome-sources.md §3.2-3.3): cron times in UTC and in other zones,
 * Metronome's 60 s minimum timer, concurrency policies, disabled and deleted schedules.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { activeRuns, advanceTo, cluster, createJob, history, mt, runTimes, simAt, sleepJob, stamp, type Json } from './support.ts';

const MIN = 60_000;

const schedule = (cron: string, extra: Json = {}): Json => ({ id: 'every', cron, ...extra });

/** Advance to the next whole simulated minute, plus `seconds`. */
function toMinute(sb: Sandbox, seconds: number): void {
  advanceTo(sb, Math.ceil(sb.now / MIN) * MIN + seconds * 1000);
}

/** Advance to a whole second: the timer's delay is floored to seconds, so a cron time is then hit exactly. */
function toSecond(sb: Sandbox): void {
  advanceTo(sb, Math.ceil(sb.now / 1000) * 1000);
}

describe('cron times on the simulated clock', () => {
  it('`*/2 * * * *` in UTC runs on every even minute', async () => {
    const sb = await cluster();
    // 00:01:00 exactly: the first cron time (00:02) is 60 s away, not less.
    toMinute(sb, 0);
    const createdAt = sb.now;
    expect(createdAt % (2 * MIN)).not.toBe(0);
    createJob(sb, { ...sleepJob('even', 5), schedules: [schedule('*/2 * * * *')] });
    const first = Math.ceil((createdAt + 1) / (2 * MIN)) * 2 * MIN;
    expect(first - createdAt).toBe(MIN);
    advanceTo(sb, first - 1);
    expect(runTimes(sb, 'even')).toEqual([]);
    advanceTo(sb, first + 10 * MIN);
    expect(runTimes(sb, 'even')).toEqual([0, 2, 4, 6, 8, 10].map((k) => first + k * MIN));
    // Each run lasts 5 s, so all but the newest are finished successfully.
    expect(history(sb, 'even').successCount).toBe(5);
  });

  it('`nextRunAt` names the next cron time in UTC', async () => {
    const sb = await cluster();
    toMinute(sb, 0);
    const created = createJob(sb, { ...sleepJob('shown', 5), schedules: [schedule('*/2 * * * *')] });
    const next = Math.ceil((sb.now + 1) / (2 * MIN)) * 2 * MIN;
    expect((created.schedules as Json[])[0]!.nextRunAt).toBe(stamp(next));
  });

  it('a cron in America/New_York (UTC−5 in January) fires at the UTC instant of its local time', async () => {
    const sb = await cluster();
    toSecond(sb);
    // 19:07 in New York on Dec 31 is 00:07 UTC on Jan 1; the same cron in UTC would wait until 19:07 UTC.
    createJob(sb, { ...sleepJob('ny', 5), schedules: [schedule('7 19 * * *', { timezone: 'America/New_York' })] });
    createJob(sb, { ...sleepJob('utc', 5), schedules: [schedule('7 19 * * *')] });
    advanceTo(sb, simAt('2026-01-01T00:07:00Z') - 1000);
    expect(runTimes(sb, 'ny')).toEqual([]);
    advanceTo(sb, simAt('2026-01-01T00:08:00Z'));
    expect(runTimes(sb, 'ny')).toEqual([simAt('2026-01-01T00:07:00Z')]);
    expect(runTimes(sb, 'utc')).toEqual([]);
    const shown = (mt.get(sb, '/v1/jobs/utc').body as Json).schedules[0].nextRunAt;
    expect(shown).toBe('2026-01-01T19:07:00.000+0000');
  });

  it('a cron in Europe/Berlin (UTC+1 in January): 01:05 local fires at 00:05 UTC', async () => {
    const sb = await cluster();
    toSecond(sb);
    createJob(sb, { ...sleepJob('berlin', 5), schedules: [schedule('5 1 * * *', { timezone: 'Europe/Berlin' })] });
    advanceTo(sb, simAt('2026-01-01T00:06:00Z'));
    expect(runTimes(sb, 'berlin')).toEqual([simAt('2026-01-01T00:05:00Z')]);
    const shown = (mt.get(sb, '/v1/jobs/berlin').body as Json).schedules[0].nextRunAt;
    // nextRunAt is printed on the (UTC) master's clock.
    expect(shown).toBe('2026-01-02T00:05:00.000+0000');
  });
});

describe("Metronome's 60 s minimum timer", () => {
  it('a schedule created 30 s before its first cron time fires 60 s after creation, and later runs keep the lag', async () => {
    const sb = await cluster();
    toMinute(sb, 30); // hh:mm:30, the first `* * * * *` time 30 s away
    const createdAt = sb.now;
    createJob(sb, { ...sleepJob('lag', 5), schedules: [schedule('* * * * *')] });
    advanceTo(sb, createdAt + 60_000 - 1);
    expect(runTimes(sb, 'lag')).toEqual([]);
    advanceTo(sb, createdAt + 5 * MIN);
    // Not at the cron times (hh:mm:00) but 30 s after each: the timer never catches up.
    expect(runTimes(sb, 'lag')).toEqual([1, 2, 3, 4, 5].map((k) => createdAt + k * MIN));
  });

  it('a PUT of the job restarts its timer from now: a cron time under 60 s away is pushed back, and the lag stays', async () => {
    const sb = await cluster();
    toMinute(sb, 0);
    const m0 = sb.now;
    createJob(sb, { ...sleepJob('put', 5), schedules: [schedule('* * * * *')] });
    advanceTo(sb, m0 + MIN + 50_000);
    expect(runTimes(sb, 'put')).toEqual([m0 + MIN]);
    // JobSpecServiceActor.jobSpecUpdated sends UpdateJobSpec: the actor forgets its cron time and starts from now.
    expect(mt.put(sb, '/v1/jobs/put', sleepJob('put', 6)).status).toBe(200);
    advanceTo(sb, m0 + 5 * MIN);
    expect(runTimes(sb, 'put')).toEqual([m0 + MIN, m0 + 2 * MIN + 50_000, m0 + 3 * MIN + 50_000, m0 + 4 * MIN + 50_000]);
  });

  it('a fractional second to the cron time is floored, as Duration.getSeconds is: the run starts that fraction early', async () => {
    const sb = await cluster();
    toMinute(sb, 0);
    if (sb.now % (2 * MIN) !== 0) sb.advance(MIN);
    advanceTo(sb, sb.now + 100); // an even minute and 100 ms: the next `*/2` time is 119.9 s away
    const createdAt = sb.now;
    createJob(sb, { ...sleepJob('early', 5), schedules: [schedule('*/2 * * * *')] });
    const cron = Math.ceil(createdAt / (2 * MIN)) * 2 * MIN;
    const delaySeconds = Math.floor((cron - createdAt) / 1000);
    advanceTo(sb, cron + 1000);
    expect(delaySeconds).toBe(119);
    expect(runTimes(sb, 'early')).toEqual([cron - 900]);
  });
});

describe('concurrency policy, disabled and deleted schedules', () => {
  it('ALLOW: a run longer than the interval overlaps the next', async () => {
    const sb = await cluster();
    toMinute(sb, 0);
    createJob(sb, { ...sleepJob('long', 150), schedules: [schedule('* * * * *', { concurrencyPolicy: 'ALLOW' })] });
    advanceTo(sb, sb.now + 4 * MIN + 10_000);
    const runs = activeRuns(sb, 'long');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.every((r) => r.status === 'ACTIVE')).toBe(true);
    expect(new Set(runs.map((r) => r.tasks[0].id)).size).toBe(runs.length);
    expect(history(sb, 'long').successCount).toBeGreaterThanOrEqual(1);
  });

  it('FORBID: a cron time while a run is active starts nothing and records nothing', async () => {
    const sb = await cluster();
    toMinute(sb, 0);
    const createdAt = sb.now;
    createJob(sb, { ...sleepJob('one', 150), schedules: [schedule('* * * * *', { concurrencyPolicy: 'FORBID' })] });
    advanceTo(sb, createdAt + 4 * MIN + 10_000);
    expect(activeRuns(sb, 'one')).toHaveLength(1);
    const h = history(sb, 'one');
    expect(h.successCount).toBe(1);
    expect(h.failureCount).toBe(0);
    // Run at +1 min lasts to ~+3.5 min: +2 and +3 are skipped, +4 starts the next.
    expect(runTimes(sb, 'one')).toEqual([createdAt + MIN, createdAt + 4 * MIN]);
  });

  it('a manual run under FORBID is never skipped', async () => {
    const sb = await cluster();
    toMinute(sb, 0);
    createJob(sb, { ...sleepJob('manual', 600), schedules: [schedule('0 0 1 1 *', { concurrencyPolicy: 'FORBID' })] });
    expect(mt.post(sb, '/v1/jobs/manual/runs', {}).status).toBe(201);
    expect(mt.post(sb, '/v1/jobs/manual/runs', {}).status).toBe(201);
    sb.advance(10_000);
    expect(activeRuns(sb, 'manual')).toHaveLength(2);
  });

  it('`enabled: false` never fires', async () => {
    const sb = await cluster();
    createJob(sb, { ...sleepJob('off', 5), schedules: [schedule('* * * * *', { enabled: false })] });
    sb.advance(10 * MIN);
    expect(runTimes(sb, 'off')).toEqual([]);
    // The job never ran: its history is the empty one.
    expect(history(sb, 'off')).toMatchObject({ successCount: 0, failureCount: 0, lastSuccessAt: null, lastFailureAt: null });
  });

  it('disabling then re-enabling the schedule stops and restarts the runs', async () => {
    const sb = await cluster();
    toMinute(sb, 0);
    createJob(sb, { ...sleepJob('toggle', 5), schedules: [schedule('* * * * *')] });
    sb.advance(3 * MIN);
    const before = runTimes(sb, 'toggle').length;
    expect(before).toBeGreaterThanOrEqual(2);
    expect(mt.put(sb, '/v1/jobs/toggle/schedules/every', schedule('* * * * *', { enabled: false })).status).toBe(200);
    sb.advance(5 * MIN);
    expect(runTimes(sb, 'toggle')).toHaveLength(before);
    expect(mt.put(sb, '/v1/jobs/toggle/schedules/every', schedule('* * * * *')).status).toBe(200);
    sb.advance(3 * MIN);
    expect(runTimes(sb, 'toggle').length).toBeGreaterThan(before);
  });

  it('deleting the schedule stops firing; the job and its history stay', async () => {
    const sb = await cluster();
    toMinute(sb, 0);
    createJob(sb, { ...sleepJob('gone', 5), schedules: [schedule('* * * * *')] });
    sb.advance(3 * MIN + 30_000);
    const before = runTimes(sb, 'gone');
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(mt.del(sb, '/v1/jobs/gone/schedules/every').status).toBe(200);
    sb.advance(10 * MIN);
    expect(runTimes(sb, 'gone')).toEqual(before);
    expect(history(sb, 'gone').successCount).toBe(before.length);
  });

  it('deleting the job stops its schedule', async () => {
    const sb = await cluster();
    toMinute(sb, 0);
    createJob(sb, { ...sleepJob('job', 5), schedules: [schedule('* * * * *')] });
    sb.advance(2 * MIN + 30_000);
    expect(mt.del(sb, '/v1/jobs/job').status).toBe(200);
    sb.advance(5 * MIN);
    expect(mt.get(sb, '/v1/jobs/job').status).toBe(404);
    expect(mt.get(sb, '/v1/queue').body).toEqual([]);
  });
});
