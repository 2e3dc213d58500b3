import { describe, expect, it } from 'vitest';
import type { JobJson, JobRunJson } from '../../src/api/shapes/metronome.ts';
import { SIM_EPOCH_MS } from '../../src/common/clock.ts';
import { describeCron, nextRuns, wallTime } from '../../src/ui/pages/jobs/cron-reading.ts';
import { jobActions } from '../../src/ui/pages/jobs/job-actions.ts';
import {
  behaviorFromForm,
  editableJob,
  fieldErrors,
  formFromJson,
  jsonFromForm,
  newJobDefinition,
  scheduleDetails,
} from '../../src/ui/pages/jobs/job-form.ts';
import {
  formatDuration,
  formatSim,
  jobStatus,
  lastRun,
  nextRun,
  relative,
  runRows,
  runTime,
  simMsOf,
  taskOutcome,
} from '../../src/ui/pages/jobs/job-status.ts';
import { finishedTask } from '../../src/ui/pages/jobs/jobs-client.ts';
import { filterJobs, jobRows, sortJobRows } from '../../src/ui/pages/jobs/job-sort.ts';
import { jobHref, parseJobsHash } from '../../src/ui/pages/jobs/jobs-route.ts';

/** A Metronome timestamp `ms` simulated ms after the epoch. */
const at = (ms: number): string => new Date(SIM_EPOCH_MS + ms).toISOString().replace('Z', '+0000');
const HOUR = 3_600_000;

const schedule = (enabled: boolean) => ({
  id: 'default',
  cron: '0 2 * * *',
  timezone: 'UTC',
  startingDeadlineSeconds: 900,
  concurrencyPolicy: 'ALLOW' as const,
  enabled,
  nextRunAt: at(2 * HOUR),
});

const run = (id: string, status: JobRunJson['status'], created: number): JobRunJson => ({
  id,
  jobId: 'backup',
  status,
  createdAt: at(created),
  completedAt: null,
  tasks: [{ id: `backup_${id}.1`, startedAt: at(created + 1000), status: 'TASK_RUNNING' }],
});

function job(extra: Partial<JobJson> = {}): JobJson {
  return {
    id: 'backup',
    dependencies: [],
    labels: {},
    schedules: [],
    run: {
      cpus: 0.5,
      mem: 64,
      disk: 0,
      gpus: 0,
      cmd: 'tar c /data',
      env: {},
      placement: { constraints: [] },
      artifacts: [],
      maxLaunchDelay: 3600,
      volumes: [],
      restart: { policy: 'NEVER' },
      secrets: {},
      networks: [],
    },
    ...extra,
  };
}

describe('job status as the DC/OS UI words it', () => {
  it('follows the longest-running active run, else the first schedule', () => {
    expect(jobStatus(job()).word).toBe('Unscheduled');
    expect(jobStatus(job({ schedules: [schedule(true)] })).word).toBe('Scheduled');
    expect(jobStatus(job({ schedules: [schedule(false)] })).word).toBe('Completed');
    expect(jobStatus(job({ activeRuns: [run('b', 'INITIAL', 5000)] })).word).toBe('Starting');
    expect(jobStatus(job({ activeRuns: [run('b', 'STARTING', 5000)] })).word).toBe('Starting');
    // The oldest run decides: it is active, the newer one only starting.
    const runs = [run('new', 'INITIAL', 9000), run('old', 'ACTIVE', 1000)];
    expect(jobStatus(job({ schedules: [schedule(true)], activeRuns: runs }))).toMatchObject({ kind: 'running', detail: '2 active runs' });
  });

  it('reads the last run from the history summary', () => {
    expect(lastRun(undefined)).toEqual({ word: 'N/A', tone: 'none', at: null });
    const summary = { successCount: 1, failureCount: 1, lastSuccessAt: at(5000), lastFailureAt: at(4000) };
    expect(lastRun(summary)).toEqual({ word: 'Success', tone: 'ok', at: 5000 });
    expect(lastRun({ ...summary, lastFailureAt: at(6000) }).word).toBe('Failed');
    expect(lastRun({ ...summary, lastFailureAt: at(5000) }).word).toBe('Success');
    expect(lastRun({ ...summary, lastSuccessAt: null }).word).toBe('Failed');
    expect(lastRun({ ...summary, lastFailureAt: null }).word).toBe('Success');
  });

  it("takes the next run from an enabled first schedule's nextRunAt", () => {
    expect(nextRun(job())).toBeNull();
    expect(nextRun(job({ schedules: [schedule(true)] }))).toBe(2 * HOUR);
    expect(nextRun(job({ schedules: [schedule(false)] }))).toBeNull();
  });
});

describe('run history', () => {
  const history = {
    successCount: 1,
    failureCount: 1,
    lastSuccessAt: at(3 * HOUR),
    lastFailureAt: at(HOUR + 5000),
    successfulFinishedRuns: [{ id: 's1', createdAt: at(3 * HOUR - 30_000), finishedAt: at(3 * HOUR), tasks: ['backup_s1.a'] }],
    failedFinishedRuns: [{ id: 'f1', createdAt: at(HOUR), finishedAt: at(HOUR + 5000), tasks: ['backup_f1.a', 'backup_f1.b'] }],
  };

  it('lists active runs first, then finished ones newest first', () => {
    const rows = runRows(job({ activeRuns: [run('a1', 'ACTIVE', 4 * HOUR)], history }));
    expect(rows.map((r) => [r.id, r.word, r.active])).toEqual([
      ['a1', 'Running', true],
      ['s1', 'Success', false],
      ['f1', 'Failed', false],
    ]);
    expect(rows[2]?.taskIds).toEqual(['backup_f1.a', 'backup_f1.b']);
    expect(runTime(rows[1]!, 0)).toBe('30 s');
    // An active run's time runs on with the simulated clock.
    expect(runTime(rows[0]!, 4 * HOUR + 125_000)).toBe('2 min 5 s');
  });

  it('says how a task ended', () => {
    expect(taskOutcome('TASK_FINISHED')).toEqual({ word: 'Finished', exit: 'exit 0', tone: 'ok' });
    expect(taskOutcome('TASK_FAILED')).toMatchObject({ word: 'Failed', exit: 'non-zero exit' });
    expect(taskOutcome('TASK_KILLED').word).toBe('Killed');
    expect(taskOutcome('TASK_STAGING')).toMatchObject({ word: 'Staging', tone: 'pending' });
    expect(taskOutcome('TASK_GONE').word).toBe('Gone');
  });
});

describe('times', () => {
  it("reads Metronome's +0000 timestamps as simulated ms", () => {
    expect(simMsOf('2026-01-01T01:00:05.250+0000')).toBe(HOUR + 5250);
    expect(simMsOf(null)).toBeNull();
    expect(simMsOf('soon')).toBeNull();
    expect(formatSim(HOUR + 5250)).toBe('0d 01:00:05');
    expect(formatSim(null)).toBe('—');
  });

  it('words durations and distances', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(HOUR + 120_000)).toBe('1 h 2 min');
    expect(formatDuration(26 * HOUR)).toBe('1 d 2 h');
    expect(relative(5 * 60_000, 0)).toBe('in 5 min');
    expect(relative(0, 3000)).toBe('3 s ago');
    expect(relative(500, 0)).toBe('now');
  });
});

describe('cron expressions in words (Metronome dialect)', () => {
  it.each([
    ['* * * * *', 'Every minute'],
    ['*/5 * * * *', 'Every 5 minutes'],
    ['0 * * * *', 'Every hour, on the hour'],
    ['15,45 * * * *', 'Every hour at :15 and :45'],
    ['0 2 * * *', 'Every day at 02:00'],
    ['0 9,17 * * *', 'Every day at 09:00 and 17:00'],
    ['0 2 * * 1-5', 'On Monday to Friday at 02:00'],
    ['0 2 * * MON-FRI', 'On Monday to Friday at 02:00'],
    ['0 0 * * 7', 'On Sunday at 00:00'],
    ['0 0 1 * *', 'On the 1st of the month at 00:00'],
    ['0 0 L * *', 'On the last day of the month at 00:00'],
    ['0 0 15W * *', 'On the weekday nearest the 15th of the month at 00:00'],
    ['30 18 * * 5L', 'On the last Friday of the month at 18:30'],
    ['0 9 * * 1#2', 'On the second Monday of the month at 09:00'],
    // Both day fields: Metronome wants both to match.
    ['0 0 13 * 5', 'On the 13th of the month at 00:00, if it falls on Friday'],
    ['0 */2 * * *', 'Every 2 hours, on the hour'],
    ['*/10 9-17 * * *', 'Every 10 minutes, from 09:00 through 17:59'],
    ['0 0 * JAN-MAR SUN', 'On Sunday at 00:00, from January to March'],
    // The sixth field is the year, not seconds.
    ['0 12 * * * 2027', 'Every day at 12:00, in 2027'],
  ])('%s: %s', (cron, words) => {
    expect(describeCron(cron)).toBe(words);
  });

  it('answers null for what Metronome refuses', () => {
    for (const bad of ['', 'bad', '0 0 30 2 *', '0 0 * * ?', '@daily', '0 0 0 * * * *', '60 * * * *']) expect(describeCron(bad)).toBeNull();
  });

  it('counts the next runs on the simulated clock, in the zone', () => {
    expect(nextRuns('0 2 * * *', 'UTC', HOUR, 3)).toEqual([2 * HOUR, 26 * HOUR, 50 * HOUR]);
    // 02:00 in Berlin is 01:00 UTC in January.
    expect(nextRuns('0 2 * * *', 'Europe/Berlin', 0, 1)).toEqual([HOUR]);
    expect(nextRuns('0 0 1 1 * 2026', 'UTC', HOUR, 5)).toEqual([]);
    expect(nextRuns('nope', 'UTC', 0)).toEqual([]);
    expect(wallTime(2 * HOUR, 'UTC')).toBe('Thu, 1 Jan 2026, 02:00 UTC');
    expect(wallTime(HOUR, 'Europe/Berlin')).toBe('Thu, 1 Jan 2026, 02:00 CET');
    expect(wallTime(0, 'Not/AZone')).toBe('Thu, 1 Jan 2026, 00:00 UTC');
  });
});

describe('the job form', () => {
  it('reads a job and writes it back, keeping what it does not show', () => {
    const stored = job({ schedules: [schedule(true)], activeRuns: [], historySummary: undefined, labels: { team: 'ops' } });
    const editable = editableJob(stored);
    expect(editable).not.toHaveProperty('activeRuns');
    expect((editable.schedules as object[])[0]).not.toHaveProperty('nextRunAt');
    const form = formFromJson(editable);
    expect(form).toMatchObject({ id: 'backup', cmd: 'tar c /data', cpus: '0.5', mem: '64', scheduled: true, cron: '0 2 * * *' });
    expect(jsonFromForm(form, editable)).toEqual(editable);
  });

  it('writes the changed fields, an image, a restart deadline and a schedule', () => {
    const base = newJobDefinition();
    const form = formFromJson(base);
    expect(form.scheduled).toBe(false);
    Object.assign(form, {
      id: 'nightly',
      description: '',
      cmd: '',
      mem: '16',
      image: 'alpine:3.20',
      restartPolicy: 'ON_FAILURE',
      activeDeadlineSeconds: '120',
      scheduled: true,
      cron: '0 3 * * *',
    });
    const out = jsonFromForm(form, base);
    expect(out).toEqual({
      id: 'nightly',
      run: { cpus: 0.1, mem: 16, disk: 0, docker: { image: 'alpine:3.20' }, restart: { policy: 'ON_FAILURE', activeDeadlineSeconds: 120 } },
      schedules: [
        { id: 'default', cron: '0 3 * * *', timezone: 'UTC', startingDeadlineSeconds: 900, concurrencyPolicy: 'ALLOW', enabled: true },
      ],
    });
    // A number that is not one goes as text: Metronome names it at its path.
    expect((jsonFromForm({ ...form, cpus: 'lots' }, base).run as { cpus: unknown }).cpus).toBe('lots');
    expect(jsonFromForm({ ...form, scheduled: false }, base).schedules).toEqual([]);
  });

  it("places Metronome's 422 details under the fields", () => {
    const errors = fieldErrors([
      { path: '/run/mem', errors: ['16 is smaller than required minimum value of 32.'] },
      { path: '/run', errors: ['Cmd, Docker or UCR image must be specified'] },
      { path: '/schedules(0)/cron', errors: ['Can not read cron expression "x"'] },
      { path: '/schedules/0/timezone', errors: ['No time zone found with this id: "Mars"'] },
      { path: '/run/restart/activeDeadlineSeconds', errors: ['Can not read duration: -1'] },
      { path: '/id', errors: ["'A' does not match pattern"] },
      { path: '/run/env', errors: ['Instance does not match any schema.'] },
    ]);
    expect(errors.byField).toEqual({
      mem: ['16 is smaller than required minimum value of 32.'],
      cmd: ['Cmd, Docker or UCR image must be specified'],
      cron: ['Can not read cron expression "x"'],
      timezone: ['No time zone found with this id: "Mars"'],
      activeDeadlineSeconds: ['Can not read duration: -1'],
      id: ["'A' does not match pattern"],
    });
    expect(errors.other).toEqual([{ path: '/run/env', message: 'Instance does not match any schema.' }]);
  });

  it("puts a schedule request's paths inside the job", () => {
    expect(
      scheduleDetails([
        { path: '/cron', errors: ['x'] },
        { path: '/', errors: ['y'] },
      ]),
    ).toEqual([
      { path: '/schedules(0)/cron', errors: ['x'] },
      { path: '/schedules(0)', errors: ['y'] },
    ]);
    expect(fieldErrors(scheduleDetails([{ path: '/id', errors: ['bad id'] }])).byField).toEqual({ scheduleId: ['bad id'] });
  });

  it('reads the sandbox behaviour form', () => {
    expect(behaviorFromForm({ durationSeconds: '30', failurePercent: '12.5' })).toEqual({
      ok: true,
      value: { durationSeconds: 30, failureRate: 0.125 },
    });
    expect(behaviorFromForm({ durationSeconds: '-1', failurePercent: '0' })).toMatchObject({ ok: false, field: 'durationSeconds' });
    expect(behaviorFromForm({ durationSeconds: '1', failurePercent: '101' })).toMatchObject({ ok: false, field: 'failurePercent' });
  });
});

describe('routes and actions', () => {
  it('parses and writes the hash', () => {
    expect(parseJobsHash('#/jobs')).toEqual({ view: 'list' });
    expect(parseJobsHash(jobHref('prod.backup'))).toEqual({ view: 'detail', jobId: 'prod.backup', tab: 'runs' });
    expect(parseJobsHash(jobHref('a', 'configuration'))).toEqual({ view: 'detail', jobId: 'a', tab: 'configuration' });
    expect(parseJobsHash('#/jobs/detail/a/nonsense')).toEqual({ view: 'detail', jobId: 'a', tab: 'runs' });
    expect(parseJobsHash('#/jobs/detail/%E0')).toEqual({ view: 'list' });
  });

  it('offers the schedule toggle only with a schedule', () => {
    expect(jobActions(job()).map((a) => a.label)).toEqual(['Run now', 'Edit', 'Delete']);
    expect(jobActions(job({ schedules: [schedule(true)] })).map((a) => a.label)).toContain('Disable schedule');
    expect(jobActions(job({ schedules: [schedule(false)] })).map((a) => a.label)).toContain('Enable schedule');
  });
});

describe('a finished task from Mesos', () => {
  const status = (state: string, ms: number) => ({
    state: state as never,
    timestamp: (SIM_EPOCH_MS + ms) / 1000,
    container_status: { network_infos: [] },
  });

  it('starts when it ran and ends at its terminal status', () => {
    const task = {
      state: 'TASK_FAILED' as const,
      statuses: [status('TASK_STAGING', 1000), status('TASK_RUNNING', 2000), status('TASK_FAILED', 12_000)],
    };
    expect(finishedTask(task)).toEqual({ state: 'TASK_FAILED', startedAt: 2000, endedAt: 12_000 });
    expect(finishedTask({ state: 'TASK_RUNNING', statuses: [status('TASK_RUNNING', 2000)] })).toEqual({
      state: 'TASK_RUNNING',
      startedAt: 2000,
      endedAt: null,
    });
  });
});

describe('the job list', () => {
  const jobs = [
    job({ id: 'b-nightly', schedules: [schedule(true)], run: { ...job().run, mem: 256 } }),
    job({ id: 'a-once', description: 'Clean up the Temp files' }),
    job({
      id: 'c-busy',
      activeRuns: [run('r', 'ACTIVE', 1000)],
      historySummary: { successCount: 0, failureCount: 1, lastSuccessAt: null, lastFailureAt: at(500) },
    }),
  ];
  const ids = (sort: Parameters<typeof sortJobRows>[1]) => sortJobRows(jobRows(jobs), sort).map((r) => r.job.id);

  it('sorts by any column, ties by id', () => {
    expect(ids({ key: 'id', descending: false })).toEqual(['a-once', 'b-nightly', 'c-busy']);
    expect(ids({ key: 'id', descending: true })).toEqual(['c-busy', 'b-nightly', 'a-once']);
    expect(ids({ key: 'status', descending: true })).toEqual(['c-busy', 'b-nightly', 'a-once']);
    expect(ids({ key: 'last', descending: true })[0]).toBe('c-busy');
    expect(ids({ key: 'mem', descending: true })[0]).toBe('b-nightly');
    // Jobs with no next run stay last either way.
    expect(ids({ key: 'next', descending: false })).toEqual(['b-nightly', 'a-once', 'c-busy']);
    expect(ids({ key: 'next', descending: true })).toEqual(['b-nightly', 'c-busy', 'a-once']);
  });

  it('filters by id or description', () => {
    expect(filterJobs(jobs, 'night').map((j) => j.id)).toEqual(['b-nightly']);
    expect(filterJobs(jobs, 'temp').map((j) => j.id)).toEqual(['a-once']);
    expect(filterJobs(jobs, '  ')).toHaveLength(3);
  });
});
