/**
 * `dcos job` against a booted sandbox: the commands as clients of its Metronome (`/service/metronome/v1`),
 * with the plugin's texts (dcos-core-cli 2.2-patch.0, pkg/cmd/job and pkg/metronome) for what Metronome
 * answers, the Go struct quirks included (a schedule without `concurrencyPolicy` refused after its job was
 * created, `timezone` lost, `enabled` false when the file has none).
 */
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/index.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { agent, scenario } from '../support/cluster.ts';
import { cli, cluster, rowsOf } from './support.ts';

const err = (stderr: string) => ({ stdout: '', stderr: `${stderr}\n`, exitCode: 1 });
const out = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });
const BACKUP = '{"id": "backup", "run": {"cpus": 0.1, "mem": 32, "disk": 0, "cmd": "sleep 10"}}';
const RUN_ID = /^\d{14}[A-Za-z0-9]{5}$/;

/** A booted cluster with the job `backup` (its tasks run 10 s and succeed), and a `dcos` bound to it. */
async function withBackup(): Promise<{ sb: Sandbox; dcos: (line: string) => ReturnType<typeof runCommand> }> {
  const sb = await cluster();
  const dcos = cli(sb);
  expect(await dcos(`dcos job add ${BACKUP}`)).toEqual(out(''));
  const behavior = { durationSeconds: 10, failureRate: 0 };
  expect(sb.request({ method: 'PUT', path: '/sandbox/v1/metronome/jobs/backup/behavior', body: behavior }).status).toBe(200);
  return { sb, dcos };
}

describe('dcos job against the sandbox', () => {
  it('answers HTTP 503 error while no Metronome leads (its text body is no Metronome JSON)', async () => {
    const sb = await createSandbox(scenario([agent('a1', { cpus: 4, mem: 4096, disk: 1024 })], []), { allocator: 'ts', matcher: 'ts' });
    expect(await runCommand('dcos job list', (req) => sb.request(req))).toEqual(err('Error: HTTP 503 error'));
  });

  it('adds a job, shows it through the Go struct, refuses a duplicate (409) and an invalid one (422, details not shown)', async () => {
    const { dcos } = await withBackup();
    expect(await dcos('dcos job list')).toEqual(out('    ID      STATUS     LAST RUN  \n  backup  Unscheduled  N/A       \n'));
    expect(await dcos('dcos job list -q')).toEqual(out('backup\n'));
    expect(await dcos('dcos job show backup')).toEqual(
      out(
        [
          '{',
          '    "id": "backup",',
          '    "description": "",',
          '    "run": {',
          '        "cmd": "sleep 10",',
          '        "cpus": 0.1,',
          '        "gpus": 0,',
          '        "disk": 0,',
          '        "maxLaunchDelay": 3600,',
          '        "mem": 32,',
          '        "placement": {',
          '            "constraints": []',
          '        },',
          '        "taskKillGracePeriodSeconds": 0,',
          '        "restart": {',
          '            "policy": "NEVER"',
          '        }',
          '    }',
          '}',
          '',
        ].join('\n'),
      ),
    );
    expect(await dcos(`dcos job add ${BACKUP}`)).toEqual(err('Error: 409 - Job with this id already exists'));
    expect(await dcos('dcos job add {"id": "small", "run": {"cpus": 0.1, "mem": 10, "disk": 0, "cmd": "x"}}')).toEqual(
      err('Error: 422 - Object is not valid'),
    );
    // A Docker-only job: the struct always sends "cmd", and "" is shorter than the schema allows.
    expect(await dcos('dcos job add {"id": "img", "run": {"cpus": 0.1, "mem": 32, "disk": 0, "docker": {"image": "alpine"}}}')).toEqual(
      err('Error: 422 - Object is not valid'),
    );
    expect(await dcos('dcos job show small')).toEqual(err('Error: job "small" does not exist'));
    expect(await dcos(`dcos job update ${BACKUP.replace('backup', 'nope')}`)).toEqual(err('Error: 404 - Job not found'));
  });

  it('sends the first schedule after the job: one without a policy is refused once the job exists', async () => {
    const { dcos } = await withBackup();
    const job = (id: string, schedule: string) =>
      `{"id": "${id}", "run": {"cpus": 0.1, "mem": 32, "disk": 0, "cmd": "x"}, "schedules": [${schedule}]}`;
    expect(await dcos(`dcos job add ${job('nopolicy', '{"id": "nightly", "cron": "0 3 * * *"}')}`)).toEqual(
      err('Error: 422 - Object is not valid'),
    );
    expect(await dcos('dcos job schedule show nopolicy')).toEqual(out('  ID  CRON  ENABLED  NEXT RUN  CONCURRENCY POLICY  \n'));
    const berlin = '{"id": "nightly", "cron": "0 3 * * *", "timezone": "Europe/Berlin", "concurrencyPolicy": "FORBID"}';
    expect(await dcos(`dcos job add ${job('nightly', berlin)}`)).toEqual(out(''));
    // Sent as timeZone (ignored, so UTC) and without "enabled" (false).
    expect(rowsOf((await dcos('dcos job schedule show nightly')).stdout)).toEqual([
      ['ID', 'CRON', 'ENABLED', 'NEXT RUN', 'CONCURRENCY POLICY'],
      ['nightly', '0 3 * * *', 'False', '2026-01-01T03:00:00.000+0000', 'FORBID'],
    ]);
    expect(rowsOf((await dcos('dcos job list')).stdout).slice(1)).toEqual([
      ['backup', 'Unscheduled', 'N/A'],
      ['nightly', 'Scheduled', 'N/A'],
      ['nopolicy', 'Unscheduled', 'N/A'],
    ]);
  });

  it('adds, updates and removes a schedule; the second one and unknown ids are refused', async () => {
    const { dcos } = await withBackup();
    const hourly = '{"id": "hourly", "cron": "0 * * * *", "concurrencyPolicy": "ALLOW", "enabled": true}';
    expect(await dcos(`dcos job schedule add backup ${hourly}`)).toEqual(out(''));
    expect(await dcos(`dcos job schedule add backup ${hourly.replace('"hourly"', '"other"')}`)).toEqual(
      err('Error: 409 - Only one schedule supported at the moment'),
    );
    expect(await dcos(`dcos job schedule update backup ${hourly.replace('0 * * * *', '30 * * * *')}`)).toEqual(out(''));
    expect(rowsOf((await dcos('dcos job schedule show backup')).stdout)[1]).toEqual([
      'hourly',
      '30 * * * *',
      'True',
      '2026-01-01T00:30:00.000+0000',
      'ALLOW',
    ]);
    expect(await dcos(`dcos job schedule update backup ${hourly.replace('"hourly"', '"other"')}`)).toEqual(
      err('Error: 404 - Schedule not found'),
    );
    expect(await dcos(`dcos job schedule add nope ${hourly}`)).toEqual(err('Error: 404 - Job not found'));
    expect(await dcos('dcos job schedule remove backup other')).toEqual(err('Error: job "backup" or schedule "other" does not exist'));
    expect(await dcos('dcos job schedule remove backup hourly')).toEqual(out(''));
    expect(await dcos('dcos job schedule show backup')).toEqual(out('  ID  CRON  ENABLED  NEXT RUN  CONCURRENCY POLICY  \n'));
    expect(await dcos('dcos job schedule show nope')).toEqual(err('Error: job "nope" does not exist'));
  });

  it('runs a job: Running in the list and in show runs, refused removal (409) until its runs are stopped', async () => {
    const { dcos } = await withBackup();
    const started = await dcos('dcos job run backup');
    const runId = started.stdout.trim();
    expect(runId).toMatch(RUN_ID);
    expect(rowsOf((await dcos('dcos job list')).stdout)[1]).toEqual(['backup', 'Running', 'N/A']);
    const runs = rowsOf((await dcos('dcos job show runs backup')).stdout);
    expect(runs[0]).toEqual(['TASK ID', 'JOB ID', 'STARTED AT']);
    expect(runs[1]).toEqual([runId, 'backup', expect.stringMatching(/^2026-01-01T00:00:\d\d\.\d{3}\+0000$/) as string]);
    expect(await dcos(`dcos job show runs backup --run-id ${runId} -q`)).toEqual(out(`${runId}\n`));
    expect(await dcos('dcos job queue -q')).toEqual(out(`${runId}\n`));
    expect(rowsOf((await dcos('dcos job queue backup')).stdout)).toEqual([
      ['JOB ID', 'RUN ID'],
      ['backup', runId],
    ]);
    expect(await dcos('dcos job run nope')).toEqual(err('Error: job "nope" does not exist'));
    expect(await dcos('dcos job remove backup')).toEqual(err('Error: job "backup" is running'));
    expect(await dcos(`dcos job kill backup ${runId} --all`)).toEqual(err('Error: cannot accept both a run-id and the --all option'));
    expect(await dcos('dcos job kill backup 20260101000000zzzzz')).toEqual(
      err('Error: job "backup" or run "20260101000000zzzzz" does not exist'),
    );
    expect(await dcos('dcos job remove backup --stop-current-job-runs')).toEqual(out(''));
    expect(await dcos('dcos job show backup')).toEqual(err('Error: job "backup" does not exist'));
    expect(await dcos('dcos job queue backup')).toEqual(err('Error: job "backup" does not exist'));
  });

  it('keeps the history: a killed run is a failure, a finished one a success, and LAST RUN follows the later', async () => {
    const { sb, dcos } = await withBackup();
    const killed = (await dcos('dcos job run backup')).stdout.trim();
    expect(await dcos('dcos job kill backup --all')).toEqual(out(''));
    expect(await dcos('dcos job show runs backup')).toEqual(out('  TASK ID  JOB ID  STARTED AT  \n'));
    // A finished run is no longer served: the plugin blames the job.
    expect(await dcos(`dcos job show runs backup --run-id ${killed}`)).toEqual(err('Error: job "backup" does not exist'));
    expect(rowsOf((await dcos('dcos job list')).stdout)[1]).toEqual(['backup', 'Unscheduled', 'Failure']);
    const failures = await dcos('dcos job history backup --failures');
    expect(failures.stdout).toMatch(/^"backup" {2}Failure runs: 1 Last Failure: 2026-01-01T00:00:\d\d\.\d{3}\+0000\n/);
    expect(
      rowsOf(failures.stdout)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['RUN ID', killed]);
    expect(await dcos('dcos job history backup')).toEqual(out('"backup"  Successful runs: 0\n  RUN ID  STARTED  FINISHED  \n'));

    const ok = (await dcos('dcos job run backup')).stdout.trim();
    sb.advance(60_000);
    expect(await dcos('dcos job show runs backup -q')).toEqual(out(''));
    const history = await dcos('dcos job history backup');
    expect(history.stdout).toMatch(/^"backup" {2}Successful runs: 1 Last Success: 2026-01-01T00:00:\d\d\.\d{3}\+0000\n/);
    const [, row] = rowsOf(history.stdout).slice(1);
    expect(row![0]).toBe(ok);
    expect(Date.parse(row![2]!.replace('+0000', 'Z')) - Date.parse(row![1]!.replace('+0000', 'Z'))).toBeGreaterThanOrEqual(10_000);
    expect(await dcos('dcos job history backup -q --last')).toEqual(out(`${ok}\n`));
    expect(JSON.parse((await dcos('dcos job history backup --json')).stdout)).toEqual([
      { id: ok, createdAt: row![1], finishedAt: row![2], tasks: [expect.any(String)] },
    ]);
    expect(rowsOf((await dcos('dcos job list')).stdout)[1]).toEqual(['backup', 'Unscheduled', 'Success']);
    expect(await dcos('dcos job remove backup')).toEqual(out(''));
    expect(await dcos('dcos job list')).toEqual(out('  ID  STATUS  LAST RUN  \n'));
  });
});
