/**
 * `dcos job` over fixed answers. Expected texts come from dcos-core-cli at tag 2.2-patch.0:
 * pkg/cmd/job/job_{list,show,show_runs,add,update,remove,run,kill}.go, job.go (input, help),
 * pkg/metronome/client.go (requests, 404/409 texts, handleErrorResponse), error.go and types.go (the Go
 * structs the JSON goes through: no omitempty on cmd/description, float32 cpus, int mem, `timeZone`).
 */
import { describe, expect, it } from 'vitest';
import type { JobJson, JobRunJson, ScheduleJson } from '../../src/api/shapes/metronome.ts';
import { fixedApi, json } from './support.ts';

const V1 = '/service/metronome/v1';
const LIST = `${V1}/jobs?embed=activeRuns&embed=schedules&embed=historySummary`;
const err = (stderr: string) => ({ stdout: '', stderr: `${stderr}\n`, exitCode: 1 });
const out = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });

const NIGHTLY: ScheduleJson = {
  id: 'nightly',
  cron: '0 3 * * *',
  timezone: 'Europe/Berlin',
  startingDeadlineSeconds: 900,
  concurrencyPolicy: 'ALLOW',
  enabled: true,
  nextRunAt: '2026-12-07T02:00:00.000+0000',
};

/** A job as Metronome writes it (every defaulted field). */
const job = (id: string, extra: Partial<JobJson> = {}): JobJson => ({
  id,
  dependencies: [],
  labels: {},
  schedules: [],
  run: {
    cpus: 0.1,
    mem: 32,
    disk: 0,
    gpus: 0,
    cmd: 'sleep 10',
    env: { ZED: 'z', ALPHA: { secret: 'pw' } },
    placement: { constraints: [{ attribute: 'rack', operator: 'IS', value: 'r1' }] },
    artifacts: [],
    maxLaunchDelay: 3600,
    volumes: [],
    restart: { policy: 'NEVER' },
    secrets: { pw: { source: 'db/pw' } },
    networks: [{ mode: 'host' }],
  },
  ...extra,
});

const RUN: JobRunJson = {
  id: '20261206100000abcde',
  jobId: 'backup',
  status: 'ACTIVE',
  createdAt: '2026-12-06T10:00:00.123+0000',
  completedAt: null,
  tasks: [{ id: 'backup_20261206100000abcde.b1c2', startedAt: '2026-12-06T10:00:01.000+0000', status: 'TASK_RUNNING' }],
};

const summary = (lastSuccessAt: string | null, lastFailureAt: string | null) => ({
  successCount: lastSuccessAt ? 1 : 0,
  failureCount: lastFailureAt ? 1 : 0,
  lastSuccessAt,
  lastFailureAt,
});

describe('dcos job list (job_list.go, types.go Status/LastRunStatus)', () => {
  const jobs = [
    job('backup', { activeRuns: [RUN], historySummary: summary(null, null) }),
    job('nightly', { schedules: [NIGHTLY], historySummary: summary('2026-12-06T03:00:05.000+0000', null) }),
    job('report', { historySummary: summary('2026-12-06T10:00:00.000+0000', '2026-12-06T11:00:00.000+0100') }),
    job('retry', { historySummary: summary('2026-12-06T10:00:00.000+0000', '2026-12-06T09:59:59.999+0000') }),
    job('flaky', { historySummary: summary(null, '2026-12-06T09:00:00.000+0000') }),
  ];

  it('asks for the three embeds and prints ID, STATUS and LAST RUN (a tie of the two times is a failure)', async () => {
    const { dcos, calls } = fixedApi({ [LIST]: json(jobs) });
    expect(await dcos('dcos job list')).toEqual(
      out(
        '    ID       STATUS     LAST RUN  \n' +
          '  backup   Running      N/A       \n' +
          '  nightly  Scheduled    Success   \n' +
          '  report   Unscheduled  Failure   \n' +
          '  retry    Unscheduled  Success   \n' +
          '  flaky    Unscheduled  Failure   \n',
      ),
    );
    expect(calls).toEqual([{ method: 'GET', path: LIST }]);
  });

  it('prints only the header for no jobs, the ids with -q, and Go Jobs with --json', async () => {
    expect(await fixedApi({ [LIST]: json([]) }).dcos('dcos job list')).toEqual(out('  ID  STATUS  LAST RUN  \n'));
    expect(await fixedApi({ [LIST]: json([]) }).dcos('dcos job list --json')).toEqual(out('[]\n'));
    const { dcos } = fixedApi({ [LIST]: json(jobs.slice(0, 2)) });
    expect(await dcos('dcos job list -q')).toEqual(out('backup\nnightly\n'));
    const listed = JSON.parse((await dcos('dcos job list --json')).stdout) as Record<string, unknown>[];
    expect(Object.keys(listed[0]!)).toEqual(['id', 'description', 'run', 'activeRuns', 'historySummary']);
    expect(listed[0]!['activeRuns']).toEqual([
      {
        id: RUN.id,
        jobId: 'backup',
        status: 'ACTIVE',
        createdAt: RUN.createdAt,
        completedAt: '',
        tasks: [{ id: RUN.tasks[0]!.id, status: 'TASK_RUNNING', startedAt: '2026-12-06T10:00:01.000+0000', completedAt: '' }],
      },
    ]);
    expect(listed[1]!['historySummary']).toEqual({
      successCount: 1,
      failureCount: 0,
      lastSuccessAt: '2026-12-06T03:00:05.000+0000',
      lastFailureAt: '',
    });
  });

  it("fails with Metronome's message, or HTTP <n> error when the body is not its JSON", async () => {
    expect(await fixedApi({ [LIST]: json({ message: 'Unknown embed options.' }, 400) }).dcos('dcos job list')).toEqual(
      err('Error: 400 - Unknown embed options.'),
    );
    expect(await fixedApi({ [LIST]: { status: 503, body: 'No consistent leadership' } }).dcos('dcos job list')).toEqual(
      err('Error: HTTP 503 error'),
    );
    expect(await fixedApi({}).dcos('dcos job list extra')).toEqual(err('Error: unknown command "extra" for "dcos job list"'));
  });
});

describe('dcos job show (job_show.go): the job through the Go struct', () => {
  it('prints the struct: description and cmd always, float32 cpus, omitempty fields gone, networks dropped, timeZone', async () => {
    const { dcos, calls } = fixedApi({
      [`${V1}/jobs/backup`]: json(job('backup', { labels: { team: 'ops' }, schedules: [NIGHTLY] })),
    });
    expect(await dcos('dcos job show backup')).toEqual(
      out(
        [
          '{',
          '    "id": "backup",',
          '    "description": "",',
          '    "labels": {',
          '        "team": "ops"',
          '    },',
          '    "run": {',
          '        "cmd": "sleep 10",',
          '        "cpus": 0.1,',
          '        "gpus": 0,',
          '        "disk": 0,',
          '        "env": {',
          '            "ALPHA": {',
          '                "secret": "pw"',
          '            },',
          '            "ZED": "z"',
          '        },',
          '        "maxLaunchDelay": 3600,',
          '        "mem": 32,',
          '        "placement": {',
          '            "constraints": [',
          '                {',
          '                    "attribute": "rack",',
          '                    "operator": "IS",',
          '                    "value": "r1"',
          '                }',
          '            ]',
          '        },',
          '        "secrets": {',
          '            "pw": {',
          '                "source": "db/pw"',
          '            }',
          '        },',
          '        "taskKillGracePeriodSeconds": 0,',
          '        "restart": {',
          '            "policy": "NEVER"',
          '        }',
          '    },',
          '    "schedules": [',
          '        {',
          '            "id": "nightly",',
          '            "cron": "0 3 * * *",',
          '            "timeZone": "Europe/Berlin",',
          '            "startingDeadlineSeconds": 900,',
          '            "concurrencyPolicy": "ALLOW",',
          '            "enabled": true,',
          '            "nextRunAt": "2026-12-07T02:00:00.000+0000"',
          '        }',
          '    ]',
          '}',
          '',
        ].join('\n'),
      ),
    );
    expect(calls).toEqual([{ method: 'GET', path: `${V1}/jobs/backup` }]);
  });

  it('says a missing job does not exist, and fails to decode a fractional mem (a Go int)', async () => {
    expect(await fixedApi({}).dcos('dcos job show nope')).toEqual(err('Error: job "nope" does not exist'));
    expect(await fixedApi({}).dcos('dcos job show')).toEqual(err('Error: accepts 1 arg(s), received 0'));
    const half = job('half');
    half.run.mem = 32.5;
    expect(await fixedApi({ [`${V1}/jobs/half`]: json(half) }).dcos('dcos job show half')).toEqual(
      err('Error: json: cannot unmarshal number 32.5 into Go struct field .run.mem of type int'),
    );
  });
});

describe('dcos job show runs (job_show_runs.go)', () => {
  const runs = fixedApi({ [`${V1}/jobs/backup/runs`]: json([RUN]), [`${V1}/jobs/backup/runs/${RUN.id}`]: json(RUN) });

  it('prints TASK ID (the run id), JOB ID and STARTED AT as Metronome wrote it', async () => {
    const table =
      '        TASK ID        JOB ID           STARTED AT           \n' + `  ${RUN.id}  backup  2026-12-06T10:00:00.123+0000  \n`;
    expect(await runs.dcos('dcos job show runs backup')).toEqual(out(table));
    expect(await runs.dcos(`dcos job show runs backup --run-id ${RUN.id}`)).toEqual(out(table));
    expect(await runs.dcos(`dcos job show runs backup --run-id=${RUN.id} -q`)).toEqual(out(`${RUN.id}\n`));
    expect(runs.calls.map((c) => c.path)).toEqual([
      `${V1}/jobs/backup/runs`,
      `${V1}/jobs/backup/runs/${RUN.id}`,
      `${V1}/jobs/backup/runs/${RUN.id}`,
    ]);
    expect(JSON.parse((await runs.dcos('dcos job show runs backup --json')).stdout)).toEqual([
      { ...RUN, completedAt: '', tasks: [{ ...RUN.tasks[0], completedAt: '' }] },
    ]);
  });

  it('says the job does not exist for a 404 of the job or of the run', async () => {
    expect(await fixedApi({}).dcos('dcos job show runs nope')).toEqual(err('Error: job "nope" does not exist'));
    expect(await runs.dcos('dcos job show runs backup --run-id gone')).toEqual(err('Error: job "backup" does not exist'));
    expect(await runs.dcos('dcos job show runs backup --run-id')).toEqual(err('Error: flag needs an argument: --run-id'));
  });
});

describe('dcos job add / update (job_add.go, job_update.go, job.go inputReader)', () => {
  const created = { status: 201, body: job('backup') };

  it('prints its help for a terminal on stdin (nothing pasted) and cannot open a file', async () => {
    const { dcos, calls } = fixedApi({});
    expect(await dcos('dcos job add')).toEqual(out('Add a job\n\nUsage:\n    dcos job add [<file>]\n'));
    expect(await dcos('dcos job update')).toEqual(out('Update a job\n\nUsage:\n    dcos job update [<file>]\n'));
    expect(await dcos('dcos job add --help')).toEqual(await dcos('dcos job add'));
    expect(await dcos('dcos job add backup.json')).toEqual(err('Error: open backup.json: no such file or directory'));
    expect(await dcos('dcos job add a.json b.json')).toEqual(err('Error: accepts at most 1 arg(s), received 2'));
    expect(await dcos('dcos job add {"run": {"cmd": "x"}}')).toEqual(err('Error: jobs JSON requires an ID'));
    expect(await dcos('dcos job add [1]')).toEqual(err('Error: json: cannot unmarshal array into Go value of type metronome.Job'));
    expect(await dcos('dcos job add {"id": "x", "run": {"cpus": "1"}}')).toEqual(
      err('Error: json: cannot unmarshal string into Go struct field .run.cpus of type float32'),
    );
    expect(calls).toEqual([]);
  });

  it('posts the Go struct without schedules, then the first schedule with timeZone, enabled false and an empty policy', async () => {
    const { dcos, calls } = fixedApi({ [`POST ${V1}/jobs`]: created, [`POST ${V1}/jobs/backup/schedules`]: json(NIGHTLY, 201) });
    const input = {
      id: 'backup',
      run: { cpus: 0.123456789, mem: 32, disk: 0, cmd: 'sleep 10', networks: [{ mode: 'host' }] },
      schedules: [
        { id: 'nightly', cron: '0 3 * * *', timezone: 'Europe/Berlin' },
        { id: 'second', cron: '* * * * *' },
      ],
    };
    expect(await dcos(`dcos job add ${JSON.stringify(input)}`)).toEqual(out(''));
    expect(calls).toEqual([
      {
        method: 'POST',
        path: `${V1}/jobs`,
        body: {
          id: 'backup',
          description: '',
          run: { cmd: 'sleep 10', cpus: 0.12345679, gpus: 0, disk: 0, mem: 32, taskKillGracePeriodSeconds: 0 },
        },
      },
      {
        method: 'POST',
        path: `${V1}/jobs/backup/schedules`,
        body: { id: 'nightly', cron: '0 3 * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: '', enabled: false, nextRunAt: '' },
      },
    ]);
    expect(JSON.stringify(calls[0]!.body)).toBe(
      '{"id":"backup","description":"","run":{"cmd":"sleep 10","cpus":0.12345679,"gpus":0,"disk":0,"mem":32,"taskKillGracePeriodSeconds":0}}',
    );
  });

  it("shows Metronome's refusal as <status> - <message>; a 422's details are only logged (at warning level, not shown)", async () => {
    const invalid = {
      message: 'Object is not valid',
      details: [
        { path: '/run/mem', errors: ['10 is smaller than required minimum value of 32.'] },
        { path: '/run/cmd', errors: ["'' does not match minimum length of 1."] },
      ],
    };
    const refused = fixedApi({ [`POST ${V1}/jobs`]: json(invalid, 422) });
    expect(await refused.dcos('dcos job add {"id": "backup", "run": {"cpus": 0.1, "mem": 10, "disk": 0}}')).toEqual(
      err('Error: 422 - Object is not valid'),
    );
    const taken = fixedApi({ [`POST ${V1}/jobs`]: json({ message: 'Job with this id already exists' }, 409) });
    expect(await taken.dcos('dcos job add {"id": "backup", "run": {"cpus": 0.1, "mem": 32, "disk": 0, "cmd": "x"}}')).toEqual(
      err('Error: 409 - Job with this id already exists'),
    );
    const oneOnly = fixedApi({
      [`POST ${V1}/jobs`]: created,
      [`POST ${V1}/jobs/backup/schedules`]: json(
        { message: 'Object is not valid', details: [{ path: '/concurrencyPolicy', errors: ['Instance is invalid enum value.'] }] },
        422,
      ),
    });
    expect(
      await oneOnly.dcos('dcos job add {"id": "backup", "run": {"cmd": "x"}, "schedules": [{"id": "s1", "cron": "* * * * *"}]}'),
    ).toEqual(err('Error: 422 - Object is not valid'));
  });

  it('puts the job at its id without schedules; a 404 is a plain refusal', async () => {
    const { dcos, calls } = fixedApi({ [`PUT ${V1}/jobs/backup`]: json(job('backup')) });
    expect(await dcos('dcos job update {"id": "backup", "run": {"cmd": "x"}, "schedules": [{"id": "s1", "cron": "* * * * *"}]}')).toEqual(
      out(''),
    );
    expect(calls).toEqual([
      {
        method: 'PUT',
        path: `${V1}/jobs/backup`,
        body: { id: 'backup', description: '', run: { cmd: 'x', cpus: 0, gpus: 0, disk: 0, mem: 0, taskKillGracePeriodSeconds: 0 } },
      },
    ]);
    const missing = fixedApi({ [`PUT ${V1}/jobs/nope`]: json({ id: 'nope', message: 'Job not found' }, 404) });
    expect(await missing.dcos('dcos job update {"id": "nope", "run": {"cmd": "x"}}')).toEqual(err('Error: 404 - Job not found'));
  });
});

describe('dcos job remove, run, kill (job_remove.go, job_run.go, job_kill.go)', () => {
  it('removes, with stopCurrentJobRuns when asked; 404 and 409 have their own sentences', async () => {
    const { dcos, calls } = fixedApi({
      [`DELETE ${V1}/jobs/backup`]: json(job('backup')),
      [`DELETE ${V1}/jobs/backup?stopCurrentJobRuns=true`]: json(job('backup')),
      [`DELETE ${V1}/jobs/busy`]: json({ message: 'There are active job runs. Override with stopCurrentJobRuns=true' }, 409),
      [`DELETE ${V1}/jobs/parent`]: json({ message: 'There are jobs with a dependency on parent. children=[child]' }, 409),
    });
    expect(await dcos('dcos job remove backup')).toEqual(out(''));
    expect(await dcos('dcos job remove backup --stop-current-job-runs')).toEqual(out(''));
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `DELETE ${V1}/jobs/backup`,
      `DELETE ${V1}/jobs/backup?stopCurrentJobRuns=true`,
    ]);
    expect(await dcos('dcos job remove busy')).toEqual(err('Error: job "busy" is running'));
    // Any 409, a dependency too, is "running" to the plugin.
    expect(await dcos('dcos job remove parent')).toEqual(err('Error: job "parent" is running'));
    expect(await dcos('dcos job remove nope')).toEqual(err('Error: job "nope" does not exist'));
  });

  it('runs a job: prints the run id, or the Go Run with --json; 404 for a missing job', async () => {
    const started: JobRunJson = { ...RUN, status: 'INITIAL', tasks: [] };
    const { dcos, calls } = fixedApi({ [`POST ${V1}/jobs/backup/runs`]: json(started, 201) });
    expect(await dcos('dcos job run backup')).toEqual(out(`${RUN.id}\n`));
    expect(calls).toEqual([{ method: 'POST', path: `${V1}/jobs/backup/runs` }]);
    expect(await dcos('dcos job run backup --json')).toEqual(
      out(
        [
          '{',
          `    "id": "${RUN.id}",`,
          '    "jobId": "backup",',
          '    "status": "INITIAL",',
          '    "createdAt": "2026-12-06T10:00:00.123+0000",',
          '    "completedAt": "",',
          '    "tasks": []',
          '}',
          '',
        ].join('\n'),
      ),
    );
    expect(await fixedApi({}).dcos('dcos job run nope')).toEqual(err('Error: job "nope" does not exist'));
  });

  it('kills one run or --all of them, silently; refuses both or neither; 404 names the job and the run', async () => {
    const second = { ...RUN, id: '20261206100500fghij' };
    const { dcos, calls } = fixedApi({
      [`${V1}/jobs/backup/runs`]: json([RUN, second]),
      [`POST ${V1}/jobs/backup/runs/${RUN.id}/actions/stop`]: json({ ...RUN, status: 'FAILED' }),
      [`POST ${V1}/jobs/backup/runs/${second.id}/actions/stop`]: json({ ...second, status: 'FAILED' }),
    });
    expect(await dcos(`dcos job kill backup ${RUN.id}`)).toEqual(out(''));
    expect(await dcos('dcos job kill backup --all')).toEqual(out(''));
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `POST ${V1}/jobs/backup/runs/${RUN.id}/actions/stop`,
      `GET ${V1}/jobs/backup/runs`,
      `POST ${V1}/jobs/backup/runs/${RUN.id}/actions/stop`,
      `POST ${V1}/jobs/backup/runs/${second.id}/actions/stop`,
    ]);
    expect(await dcos(`dcos job kill backup ${RUN.id} --all`)).toEqual(err('Error: cannot accept both a run-id and the --all option'));
    expect(await dcos('dcos job kill backup')).toEqual(err('Error: run-id must be specified or --all option must be set'));
    expect(await dcos('dcos job kill')).toEqual(err('Error: accepts between 1 and 2 arg(s), received 0'));
    expect(await dcos('dcos job kill backup gone')).toEqual(err('Error: job "backup" or run "gone" does not exist'));
    expect(await dcos('dcos job kill nope --all')).toEqual(err('Error: job "nope" does not exist'));
  });
});
