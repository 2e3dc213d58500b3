/**
 * `dcos job history`, `dcos job queue` and `dcos job schedule …` over fixed answers, with the texts of
 * dcos-core-cli 2.2-patch.0's pkg/cmd/job/job_{history,queue,schedule_add,schedule_show,schedule_update,
 * schedule_remove}.go and pkg/metronome/client.go; and the help and completion of the job words and flags.
 */
import { describe, expect, it } from 'vitest';
import type { JobHistoryJson, JobJson, JobQueueEntryJson, ScheduleJson } from '../../src/api/shapes/metronome.ts';
import { completions } from '../../src/cli/index.ts';
import { fixedApi, json } from './support.ts';

const V1 = '/service/metronome/v1';
const HISTORY = `${V1}/jobs/backup?embed=activeRuns&embed=schedules&embed=history`;
const err = (stderr: string) => ({ stdout: '', stderr: `${stderr}\n`, exitCode: 1 });
const out = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });

const finished = (id: string, createdAt: string, finishedAt: string) => ({ id, createdAt, finishedAt, tasks: [`backup_${id}.t1`] });

const withHistory = (history: JobHistoryJson): JobJson => ({
  id: 'backup',
  dependencies: [],
  labels: {},
  schedules: [],
  activeRuns: [],
  history,
  run: {
    cpus: 0.1,
    mem: 32,
    disk: 0,
    gpus: 0,
    cmd: 'x',
    env: {},
    placement: { constraints: [] },
    artifacts: [],
    maxLaunchDelay: 3600,
    volumes: [],
    restart: { policy: 'NEVER' },
    secrets: {},
    networks: [],
  },
});

const PAST: JobHistoryJson = {
  successCount: 2,
  failureCount: 1,
  lastSuccessAt: '2026-12-06T11:00:10.500+0000',
  lastFailureAt: '2026-12-06T09:00:03.000+0000',
  successfulFinishedRuns: [
    finished('20261206110000aaaaa', '2026-12-06T11:00:00.000+0000', '2026-12-06T11:00:10.500+0000'),
    finished('20261206100000bbbbb', '2026-12-06T10:00:00.000+0000', '2026-12-06T10:00:10.000+0000'),
  ],
  failedFinishedRuns: [finished('20261206090000ccccc', '2026-12-06T09:00:00.000+0000', '2026-12-06T09:00:03.000+0000')],
};

describe('dcos job history (job_history.go)', () => {
  const api = () => fixedApi({ [HISTORY]: json(withHistory(PAST)) });

  it('prints the count and the last time, then RUN ID, STARTED and FINISHED of the successful runs', async () => {
    const { dcos, calls } = api();
    expect(await dcos('dcos job history backup')).toEqual(
      out(
        '"backup"  Successful runs: 2 Last Success: 2026-12-06T11:00:10.500+0000\n' +
          '        RUN ID                   STARTED                       FINISHED            \n' +
          '  20261206110000aaaaa  2026-12-06T11:00:00.000+0000  2026-12-06T11:00:10.500+0000  \n' +
          '  20261206100000bbbbb  2026-12-06T10:00:00.000+0000  2026-12-06T10:00:10.000+0000  \n',
      ),
    );
    expect(calls).toEqual([{ method: 'GET', path: HISTORY }]);
  });

  it('prints the failed runs with --failures, and no "Last" part for a count of 0', async () => {
    expect(await api().dcos('dcos job history backup --failures')).toEqual(
      out(
        '"backup"  Failure runs: 1 Last Failure: 2026-12-06T09:00:03.000+0000\n' +
          '        RUN ID                   STARTED                       FINISHED            \n' +
          '  20261206090000ccccc  2026-12-06T09:00:00.000+0000  2026-12-06T09:00:03.000+0000  \n',
      ),
    );
    const never = fixedApi({
      [HISTORY]: json(
        withHistory({
          successCount: 0,
          failureCount: 0,
          lastSuccessAt: null,
          lastFailureAt: null,
          successfulFinishedRuns: [],
          failedFinishedRuns: [],
        }),
      ),
    });
    expect(await never.dcos('dcos job history backup')).toEqual(out('"backup"  Successful runs: 0\n  RUN ID  STARTED  FINISHED  \n'));
    expect(await never.dcos('dcos job history backup --failures')).toEqual(
      out('"backup"  Failure runs: 0\n  RUN ID  STARTED  FINISHED  \n'),
    );
    expect(await never.dcos('dcos job history backup --json')).toEqual(out('[]\n'));
  });

  it('prints ids with -q (only the newest with --last, which does nothing without -q), runHistory structs with --json', async () => {
    const { dcos } = api();
    expect(await dcos('dcos job history backup -q')).toEqual(out('20261206110000aaaaa\n20261206100000bbbbb\n'));
    expect(await dcos('dcos job history backup -q --last')).toEqual(out('20261206110000aaaaa\n'));
    expect(await dcos('dcos job history backup --failures --quiet --last')).toEqual(out('20261206090000ccccc\n'));
    expect((await dcos('dcos job history backup --last')).stdout).toBe((await dcos('dcos job history backup')).stdout);
    expect(JSON.parse((await dcos('dcos job history backup --failures --json')).stdout)).toEqual(PAST.failedFinishedRuns);
  });

  it('says a missing job does not exist, and refuses a job without history', async () => {
    expect(await fixedApi({}).dcos('dcos job history nope')).toEqual(err('Error: job "nope" does not exist'));
    const { history: _, ...bare } = withHistory(PAST);
    expect(await fixedApi({ [HISTORY]: json(bare) }).dcos('dcos job history backup')).toEqual(
      err('Error: no history available for this job'),
    );
  });
});

describe('dcos job queue (job_queue.go, Client.Queued)', () => {
  const queue: JobQueueEntryJson[] = [
    { jobId: 'backup', runs: [{ runId: '20261206110000aaaaa' }, { runId: '20261206110100ddddd' }] },
    { jobId: 'report', runs: [{ runId: '20261206110000eeeee' }] },
  ];
  const api = () => fixedApi({ [`${V1}/queue`]: json(queue) });

  it('prints JOB ID and RUN ID per queued run, or one job', async () => {
    expect(await api().dcos('dcos job queue')).toEqual(
      out(
        '  JOB ID        RUN ID         \n' +
          '  backup  20261206110000aaaaa  \n' +
          '  backup  20261206110100ddddd  \n' +
          '  report  20261206110000eeeee  \n',
      ),
    );
    expect(await api().dcos('dcos job queue report')).toEqual(out('  JOB ID        RUN ID         \n  report  20261206110000eeeee  \n'));
    expect(await api().dcos('dcos job queue -q')).toEqual(out('20261206110000aaaaa\n20261206110100ddddd\n20261206110000eeeee\n'));
    expect(JSON.parse((await api().dcos('dcos job queue backup --json')).stdout)).toEqual([queue[0]]);
    expect(await fixedApi({ [`${V1}/queue`]: json([]) }).dcos('dcos job queue')).toEqual(out('  JOB ID  RUN ID  \n'));
  });

  it('says a job with nothing queued does not exist', async () => {
    expect(await api().dcos('dcos job queue idle')).toEqual(err('Error: job "idle" does not exist'));
  });
});

describe('dcos job schedule (job_schedule_*.go)', () => {
  const schedules: ScheduleJson[] = [
    {
      id: 'nightly',
      cron: '0 3 * * *',
      timezone: 'UTC',
      startingDeadlineSeconds: 900,
      concurrencyPolicy: 'FORBID',
      enabled: false,
      nextRunAt: '2026-12-07T03:00:00.000+0000',
    },
  ];

  it('shows ID, CRON, ENABLED (True/False), NEXT RUN and CONCURRENCY POLICY; --json writes timeZone', async () => {
    const { dcos } = fixedApi({ [`${V1}/jobs/backup/schedules`]: json(schedules) });
    expect(await dcos('dcos job schedule show backup')).toEqual(
      out(
        '    ID       CRON     ENABLED            NEXT RUN            CONCURRENCY POLICY  \n' +
          '  nightly  0 3 * * *  False    2026-12-07T03:00:00.000+0000  FORBID              \n',
      ),
    );
    expect(await dcos('dcos job schedule show backup --json')).toEqual(
      out(
        [
          '[',
          '    {',
          '        "id": "nightly",',
          '        "cron": "0 3 * * *",',
          '        "timeZone": "UTC",',
          '        "startingDeadlineSeconds": 900,',
          '        "concurrencyPolicy": "FORBID",',
          '        "enabled": false,',
          '        "nextRunAt": "2026-12-07T03:00:00.000+0000"',
          '    }',
          ']',
          '',
        ].join('\n'),
      ),
    );
    expect(await fixedApi({}).dcos('dcos job schedule show nope')).toEqual(err('Error: job "nope" does not exist'));
  });

  it('adds and updates from stdin through the Schedule struct; refuses a terminal, a file, an update without id', async () => {
    const { dcos, calls } = fixedApi({
      [`POST ${V1}/jobs/backup/schedules`]: json(schedules[0], 201),
      [`PUT ${V1}/jobs/backup/schedules/nightly`]: json(schedules[0]),
    });
    const input = '{"id": "nightly", "cron": "0 3 * * *", "timezone": "UTC", "concurrencyPolicy": "FORBID", "enabled": true}';
    expect(await dcos(`dcos job schedule add backup ${input}`)).toEqual(out(''));
    expect(await dcos(`dcos job schedule update backup ${input}`)).toEqual(out(''));
    const sent = { id: 'nightly', cron: '0 3 * * *', timeZone: 'UTC', concurrencyPolicy: 'FORBID', enabled: true, nextRunAt: '' };
    expect(calls).toEqual([
      { method: 'POST', path: `${V1}/jobs/backup/schedules`, body: sent },
      { method: 'PUT', path: `${V1}/jobs/backup/schedules/nightly`, body: sent },
    ]);
    expect(await dcos('dcos job schedule add backup')).toEqual(err('Error: input from the terminal is not accepted'));
    expect(await dcos('dcos job schedule add backup s.json')).toEqual(err('Error: open s.json: no such file or directory'));
    expect(await dcos('dcos job schedule update backup {"cron": "* * * * *"}')).toEqual(
      err('Error: field "id" needs to be set in schedule JSON'),
    );
    expect(await dcos('dcos job schedule add')).toEqual(err('Error: accepts between 1 and 2 arg(s), received 0'));
    expect(calls).toHaveLength(2);
  });

  it("shows Metronome's refusals of a schedule as <status> - <message>", async () => {
    const { dcos } = fixedApi({
      [`POST ${V1}/jobs/backup/schedules`]: json({ message: 'Only one schedule supported at the moment' }, 409),
      [`PUT ${V1}/jobs/backup/schedules/other`]: json({ id: 'other', message: 'Schedule not found' }, 404),
      [`POST ${V1}/jobs/nope/schedules`]: json({ id: 'nope', message: 'Job not found' }, 404),
    });
    const body = '{"id": "other", "cron": "* * * * *", "concurrencyPolicy": "ALLOW"}';
    expect(await dcos(`dcos job schedule add backup ${body}`)).toEqual(err('Error: 409 - Only one schedule supported at the moment'));
    expect(await dcos(`dcos job schedule update backup ${body}`)).toEqual(err('Error: 404 - Schedule not found'));
    expect(await dcos(`dcos job schedule add nope ${body}`)).toEqual(err('Error: 404 - Job not found'));
  });

  it('removes a schedule; a 404 names the job and the schedule', async () => {
    const { dcos, calls } = fixedApi({ [`DELETE ${V1}/jobs/backup/schedules/nightly`]: { status: 200, body: '' } });
    expect(await dcos('dcos job schedule remove backup nightly')).toEqual(out(''));
    expect(calls).toEqual([{ method: 'DELETE', path: `${V1}/jobs/backup/schedules/nightly` }]);
    expect(await dcos('dcos job schedule remove backup gone')).toEqual(err('Error: job "backup" or schedule "gone" does not exist'));
    expect(await dcos('dcos job schedule remove backup')).toEqual(err('Error: accepts 2 arg(s), received 1'));
  });
});

describe('help and completion of dcos job', () => {
  it('prints the group help for `dcos job` (exit 0, as its RunE calls Help) and refuses an unknown word', async () => {
    const { dcos } = fixedApi({});
    const help = await dcos('dcos job');
    expect(help).toEqual(await dcos('dcos job --help'));
    expect(help.stdout).toContain('Deploy and manage jobs in DC/OS\n\nUsage:\n    dcos job [command]\n');
    for (const word of ['add', 'history', 'kill', 'list', 'queue', 'remove', 'run', 'schedule', 'show', 'update'])
      expect(help.stdout).toContain(`\n    ${word}\n`);
    expect(help.stdout).toContain('    schedule\n        Manage schedules of jobs\n');
    const unknown = await dcos('dcos job frobnicate');
    expect(unknown).toMatchObject({ stderr: 'Error: unknown command frobnicate\n', exitCode: 1 });
    expect(unknown.stdout).toBe(help.stdout);
    expect((await dcos('dcos job schedule --help')).stdout).toContain('Manage schedules of jobs\n');
    expect((await dcos('dcos job list --bogus')).stderr).toBe('Error: unknown flag: --bogus\n');
  });
  it('offers the job words, the schedule words and each command flags', () => {
    expect(completions('dcos j').candidates).toEqual(['job']);
    expect(completions('dcos job ').candidates).toEqual([
      'add',
      'history',
      'kill',
      'list',
      'queue',
      'remove',
      'run',
      'schedule',
      'show',
      'update',
    ]);
    expect(completions('dcos job schedule ').candidates).toEqual(['add', 'remove', 'show', 'update']);
    expect(completions('dcos job show ').candidates).toEqual(['runs']);
    expect(completions('dcos job show runs backup --').candidates).toEqual(['--help', '--json', '--quiet', '--run-id']);
    expect(completions('dcos job remove backup --s').candidates).toEqual(['--stop-current-job-runs']);
    expect(completions('dcos job history backup --').candidates).toEqual(['--failures', '--help', '--json', '--last', '--quiet']);
    expect(completions('dcos job kill backup --').candidates).toEqual(['--all', '--help']);
  });
});
