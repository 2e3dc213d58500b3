/**
 * /service/metronome/v1/jobs/{id}/schedules: CRUD with JobScheduleController's answers, the schedule schema
 * (ids of 2+ characters without dots) and `nextRunAt` on the simulated clock (epoch 2026-01-01T00:00:00Z, a Thursday)
 * (docs/metronome-sources.md §3).
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { jobsCluster, mt, sleepJob } from './support.ts';

const SCHEDULE_ID_PATTERN = '^([a-z0-9][a-z0-9\\-]*[a-z0-9]+)$';

async function withJob(): Promise<Sandbox> {
  const sb = await jobsCluster();
  expect(mt.post(sb, '/v1/jobs', sleepJob('a')).status).toBe(201);
  return sb;
}

const written = (extra: object) => ({
  timezone: 'UTC',
  startingDeadlineSeconds: 900,
  concurrencyPolicy: 'ALLOW',
  enabled: true,
  ...extra,
});

describe('POST /v1/jobs/{id}/schedules', () => {
  it('201 with the defaults and nextRunAt, in the writer order', async () => {
    const sb = await withJob();
    const res = mt.post(sb, '/v1/jobs/a/schedules', { id: 'nightly', cron: '30 2 * * *', timezone: 'Europe/Berlin', extra: 'ignored' });
    expect(res).toEqual({
      status: 201,
      body: {
        id: 'nightly',
        cron: '30 2 * * *',
        timezone: 'Europe/Berlin',
        startingDeadlineSeconds: 900,
        concurrencyPolicy: 'ALLOW',
        enabled: true,
        nextRunAt: '2026-01-01T01:30:00.000+0000',
      },
    });
    expect(Object.keys(res.body)).toEqual([
      'id',
      'cron',
      'timezone',
      'startingDeadlineSeconds',
      'concurrencyPolicy',
      'enabled',
      'nextRunAt',
    ]);
    expect(mt.get(sb, '/v1/jobs/a').body.schedules).toEqual([res.body]);
  });

  it('ids need 2+ characters and no dots (unlike ids inside a job)', async () => {
    const sb = await withJob();
    for (const id of ['x', 'a.b', 'ab-'])
      expect(mt.post(sb, '/v1/jobs/a/schedules', { id, cron: '0 * * * *' })).toEqual({
        status: 422,
        body: {
          message: 'Object is not valid',
          details: [{ path: '/id', errors: [`'${id}' does not match pattern '${SCHEDULE_ID_PATTERN}'.`] }],
        },
      });
    expect(mt.post(sb, '/v1/jobs/a/schedules', { id: '', cron: '0 * * * *' }).body.details).toEqual([
      { path: '/id', errors: ["'' does not match minimum length of 1."] },
      { path: '/id', errors: [`'' does not match pattern '${SCHEDULE_ID_PATTERN}'.`] },
    ]);
    expect(mt.post(sb, '/v1/jobs/a/schedules', { cron: '0 * * * *' }).body.details).toEqual([
      { path: '', errors: ['Property id missing.'] },
    ]);
    expect(mt.post(sb, '/v1/jobs/a/schedules', { id: 'ok', cron: '0 25 * * *' }).body.details).toEqual([
      { path: '/cron', errors: ['Can not read cron expression "0 25 * * *"'] },
    ]);
    expect(mt.get(sb, '/v1/jobs/a/schedules').body).toEqual([]);
    // Inside a job body a one-character, dotted schedule id is fine.
    const inJob = mt.post(sb, '/v1/jobs', { ...sleepJob('b'), schedules: [{ id: 'x.y', cron: '0 * * * *' }] });
    expect(inJob.body.schedules[0].id).toBe('x.y');
  });

  it('409 for a second schedule and for an id that exists', async () => {
    const sb = await withJob();
    expect(mt.post(sb, '/v1/jobs/a/schedules', { id: 'one', cron: '0 * * * *' }).status).toBe(201);
    expect(mt.post(sb, '/v1/jobs/a/schedules', { id: 'two', cron: '0 * * * *' })).toEqual({
      status: 409,
      body: { message: 'Only one schedule supported at the moment' },
    });
    expect(mt.post(sb, '/v1/jobs/a/schedules', { id: 'one', cron: '5 * * * *' })).toEqual({
      status: 409,
      body: { message: 'A schedule with id one already exists' },
    });
    expect(mt.post(sb, '/v1/jobs/x/schedules', { id: 'one', cron: '0 * * * *' })).toEqual({
      status: 404,
      body: { id: 'x', message: 'Job not found' },
    });
  });
});

describe('GET, PUT, DELETE /v1/jobs/{id}/schedules/{sid}', () => {
  it('GET the list and one schedule', async () => {
    const sb = await withJob();
    const created = mt.post(sb, '/v1/jobs/a/schedules', { id: 'hourly', cron: '15 * * * *', enabled: false }).body;
    expect(created).toEqual(written({ id: 'hourly', cron: '15 * * * *', enabled: false, nextRunAt: '2026-01-01T00:15:00.000+0000' }));
    expect(mt.get(sb, '/v1/jobs/a/schedules')).toEqual({ status: 200, body: [created] });
    expect(mt.get(sb, '/v1/jobs/a/schedules/hourly')).toEqual({ status: 200, body: created });
    expect(mt.get(sb, '/v1/jobs/a/schedules/daily')).toEqual({ status: 404, body: { id: 'daily', message: 'Schedule not found' } });
  });

  it('PUT: the path id wins over the body id; an unknown schedule is 404', async () => {
    const sb = await withJob();
    mt.post(sb, '/v1/jobs/a/schedules', { id: 'hourly', cron: '15 * * * *' });
    const res = mt.put(sb, '/v1/jobs/a/schedules/hourly', { id: 'renamed', cron: '45 * * * *', concurrencyPolicy: 'FORBID' });
    expect(res).toEqual({
      status: 200,
      body: written({ id: 'hourly', cron: '45 * * * *', concurrencyPolicy: 'FORBID', nextRunAt: '2026-01-01T00:45:00.000+0000' }),
    });
    expect(mt.get(sb, '/v1/jobs/a/schedules').body).toEqual([res.body]);
    expect(mt.put(sb, '/v1/jobs/a/schedules/other', { id: 'other', cron: '0 * * * *' })).toEqual({
      status: 404,
      body: { id: 'other', message: 'Schedule not found' },
    });
    // The body is validated as sent, before the path id replaces its id.
    expect(mt.put(sb, '/v1/jobs/a/schedules/hourly', { id: 'x', cron: '0 * * * *' }).status).toBe(422);
  });

  it('DELETE: 200 with an empty body, then 404', async () => {
    const sb = await withJob();
    mt.post(sb, '/v1/jobs/a/schedules', { id: 'hourly', cron: '15 * * * *' });
    expect(mt.del(sb, '/v1/jobs/a/schedules/hourly')).toEqual({ status: 200, body: '' });
    expect(mt.get(sb, '/v1/jobs/a/schedules')).toEqual({ status: 200, body: [] });
    expect(mt.del(sb, '/v1/jobs/a/schedules/hourly')).toEqual({ status: 404, body: { id: 'hourly', message: 'Schedule not found' } });
    expect(mt.del(sb, '/v1/jobs/b/schedules/hourly')).toEqual({ status: 404, body: { id: 'b', message: 'Job not found' } });
  });
});

describe('nextRunAt on the simulated clock', () => {
  const next = (sb: Sandbox, cron: string, timezone = 'UTC'): string => {
    mt.del(sb, '/v1/jobs/a/schedules/s1');
    const res = mt.post(sb, '/v1/jobs/a/schedules', { id: 's1', cron, timezone });
    expect(res.status).toBe(201);
    return res.body.nextRunAt;
  };

  it('follows the zone, Monday = 1, Sunday = 0 or 7, and AND of day-of-month and day-of-week', async () => {
    const sb = await withJob();
    expect(next(sb, '0 9 * * 1-5', 'America/New_York')).toBe('2026-01-01T14:00:00.000+0000');
    expect(next(sb, '0 12 * * 1')).toBe('2026-01-05T12:00:00.000+0000');
    expect(next(sb, '0 12 * * 7')).toBe('2026-01-04T12:00:00.000+0000');
    expect(next(sb, '0 12 * * 0')).toBe('2026-01-04T12:00:00.000+0000');
    expect(next(sb, '0 0 13 * 5')).toBe('2026-02-13T00:00:00.000+0000');
    expect(next(sb, '0 0 1 1 * 2027')).toBe('2027-01-01T00:00:00.000+0000');
    expect(next(sb, '30 2 * * *', 'Asia/Kolkata')).toBe('2026-01-01T21:00:00.000+0000');
  });

  it('moves on with the clock', async () => {
    const sb = await withJob();
    mt.post(sb, '/v1/jobs/a/schedules', { id: 'hourly', cron: '0 * * * *', enabled: false });
    expect(mt.get(sb, '/v1/jobs/a/schedules/hourly').body.nextRunAt).toBe('2026-01-01T01:00:00.000+0000');
    sb.advance(3_600_000);
    expect(mt.get(sb, '/v1/jobs/a/schedules/hourly').body.nextRunAt).toBe('2026-01-01T02:00:00.000+0000');
  });

  it('a schedule fires no earlier than 60 s after it was set, and the run shows up', async () => {
    const sb = await withJob();
    const created = sb.now;
    mt.post(sb, '/v1/jobs/a/schedules', { id: 'minutely', cron: '* * * * *' });
    sb.advance(60_000 - 500);
    expect(mt.get(sb, '/v1/jobs/a/runs').body).toEqual([]);
    sb.advance(1_000);
    const runs = mt.get(sb, '/v1/jobs/a/runs').body;
    expect(runs).toHaveLength(1);
    expect(runs[0].createdAt).toBe(new Date(Date.UTC(2026, 0, 1) + created + 60_000).toISOString().replace('Z', '+0000'));
  });
});
