/**
 * `dcos task log`, `dcos node log` and `dcos service log` (dcos-core-cli 2.2): exact lines over fixed answers, and
 * the same commands against a running sandbox through the logs API.
 */
import { describe, expect, it } from 'vitest';
import { cli, cluster, fixedApi } from './support.ts';
import type { ApiRequest } from '../../src/cli/types.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';

const err = (stderr: string) => ({ stdout: '', stderr: `${stderr}\n`, exitCode: 1 });

const ENTRY = {
  fields: {
    MESSAGE: 'I0101 00:00:01.000001  1234 master.cpp:2174] Elected as the leading master! <&>',
    PRIORITY: '6',
    SYSLOG_FACILITY: '3',
    SYSLOG_IDENTIFIER: 'mesos-master',
    _BOOT_ID: 'b',
    _HOSTNAME: 'master-1',
    _MACHINE_ID: 'm',
    _PID: '4321',
    _SYSTEMD_UNIT: 'dcos-mesos-master.service',
    _TRANSPORT: 'stdout',
  },
  cursor: 's=m;i=1;b=b;m=0;t=1;x=2',
  monotonic_timestamp: 1000,
  realtime_timestamp: 1767225601000001,
};
const journal = { status: 200, body: `${JSON.stringify(ENTRY)}\n${JSON.stringify({ ...ENTRY, fields: { ...ENTRY.fields, _PID: '' } })}\n` };
const AGENTS = { status: 200, body: { slaves: [{ id: 'S1' }] } };

describe('dcos node log (fixed answers)', () => {
  it('prints short lines as 2.2 does (the date runs into the identifier), cat, json and json-pretty', async () => {
    const { dcos, calls } = fixedApi({
      '/system/v1/leader/mesos/logs/v2/component?skip=-10': journal,
      '/system/v1/agent/S1/logs/v2/component/dcos-mesos-slave.service?skip=-3&filter=_PID:1': journal,
      '/system/v1/leader/mesos/logs/v2/component?skip=0': journal,
      '/system/v1/leader/mesos/logs/v2/component?skip=-10&filter=_PID:1&filter=PRIORITY:6': journal,
      '/mesos/master/slaves': AGENTS,
    });
    const msg = ENTRY.fields.MESSAGE;
    expect(await dcos('dcos node log --leader')).toEqual({
      stdout: `2026-01-01 00:00:01 UTCmesos-master [4321]: ${msg}\n2026-01-01 00:00:01 UTCmesos-master: ${msg}\n`,
      stderr: '',
      exitCode: 0,
    });
    expect(calls.at(-1)!.headers).toEqual({ Accept: 'application/json' });
    expect((await dcos('dcos node log S1 --component=dcos-mesos-slave --lines=3 --filter=_PID:1 --output=cat')).stdout).toBe(
      `${msg}\n${msg}\n`,
    );
    // A repeated --filter sends each (StringArrayVar), and -o is --output.
    expect((await dcos('dcos node log --leader --filter=_PID:1 --filter PRIORITY:6 -o cat')).stdout).toBe(`${msg}\n${msg}\n`);
    const json = (await dcos('dcos node log --leader --all --output=json')).stdout.split('\n')[0]!;
    expect(json).toBe(
      '{"__CURSOR":"s=m;i=1;b=b;m=0;t=1;x=2","__MONOTONIC_TIMESTAMP":1000,"__REALTIME_TIMESTAMP":1767225601000001,' +
        '"MESSAGE":"I0101 00:00:01.000001  1234 master.cpp:2174] Elected as the leading master! \\u003c\\u0026\\u003e","PRIORITY":"6",' +
        '"SYSLOG_FACILITY":"3","SYSLOG_IDENTIFIER":"mesos-master","_BOOT_ID":"b","_HOSTNAME":"master-1","_MACHINE_ID":"m","_TRANSPORT":"stdout"}',
    );
    const pretty = (await dcos('dcos node log --leader --all --output=json-pretty')).stdout;
    expect(pretty.startsWith('{\n    "__CURSOR": "s=m;i=1;b=b;m=0;t=1;x=2",\n    "__MONOTONIC_TIMESTAMP": 1000,\n')).toBe(true);
    expect(await dcos('dcos node log --mesos-id=S1 --component=dcos-mesos-slave --lines=3 --filter=_PID:1 --output=cat')).toEqual({
      stdout: `${msg}\n${msg}\n`,
      stderr: 'The --mesos-id option is deprecated, please pass an argument instead.\n',
      exitCode: 0,
    });
  });

  it('refuses as 2.2 does', async () => {
    const { dcos } = fixedApi({
      '/mesos/master/slaves': AGENTS,
      '/system/v1/leader/mesos/logs/v2/component?skip=-10': { status: 204, body: '' },
    });
    expect(await dcos('dcos node log')).toEqual(err("Error: '--leader' or '<mesos-id>' must be provided"));
    expect(await dcos('dcos node log S1 --leader')).toEqual(err('Error: unable to use --leader and <mesos-id> at the same time'));
    expect(await dcos('dcos node log --leader --filter=a')).toEqual(err('Error: invalid filter argument a, must be --filter=key:value'));
    expect(await dcos('dcos node log S9')).toEqual(err("Error: agent 'S9' not found"));
    expect(await dcos('dcos node log --leader')).toEqual(err('Error: no logs found'));
    expect(await dcos('dcos node log --mesos-id=S9')).toEqual(
      err("The --mesos-id option is deprecated, please pass an argument instead.\nError: agent 'S9' not found"),
    );
    expect(await dcos('dcos node log --leader --lines=x')).toEqual(
      err('Error: invalid argument "x" for "--lines" flag: strconv.ParseInt: parsing "x": invalid syntax'),
    );
  });
});

async function withHello(): Promise<Sandbox> {
  const sb = await cluster();
  sb.request({ method: 'POST', path: '/marathon/v2/apps', body: { id: '/hello', cmd: 'sleep 1000', instances: 2, cpus: 0.5, mem: 64 } });
  sb.advance(30_000);
  return sb;
}

describe('dcos task log', () => {
  it("prints a task's last lines of stdout or stderr; each of several under its id", async () => {
    const sb = await withHello();
    const dcos = cli(sb);
    const ids = (sb.request({ method: 'GET', path: '/marathon/v2/apps/hello' }).body as { app: { tasks: Array<{ id: string }> } }).app.tasks
      .map((t) => t.id)
      .sort();
    const one = await dcos(`dcos task log ${ids[0]}`);
    expect(one).toEqual({
      stdout: expect.stringMatching(/^hello: starting \(build [0-9a-f]{8}\)\nhello: listening on 0\.0\.0\.0:\d+\n$/),
      stderr: '',
      exitCode: 0,
    });
    const stderr = (await dcos(`dcos task log ${ids[0]} stderr --lines=3`)).stdout.split('\n');
    expect(stderr).toEqual([
      expect.stringMatching(/executor\.cpp:190\] Received LAUNCH event$/),
      expect.stringMatching(/executor\.cpp:722\] Starting task /),
      expect.stringMatching(/executor\.cpp:740\] Forked command at \d+$/),
      '',
    ]);
    expect((await dcos(`dcos task log ${ids[0]} stderr --lines=-3`)).stdout).toBe(stderr.join('\n'));
    const both = (await dcos('dcos task log hello.instance --lines=1')).stdout.split('\n');
    expect(both).toEqual([
      `===> ${ids[0]} <===`,
      expect.stringMatching(/^hello: listening/),
      `===> ${ids[1]} <===`,
      expect.stringMatching(/^hello: listening/),
      '',
    ]);
    // A file the sandbox lacks: one task prints the error and succeeds (as 2.2), several fail at the end.
    expect(await dcos(`dcos task log ${ids[0]} nope`)).toEqual({ stdout: '', stderr: 'Error: no logs found\n', exitCode: 0 });
    expect(await dcos('dcos task log hello.instance nope')).toEqual({
      stdout: `===> ${ids[0]} <===\n===> ${ids[1]} <===\n`,
      stderr: 'Error: no logs found\nError: no logs found\nError: could not log all matched tasks\n',
      exitCode: 1,
    });
    expect(await dcos('dcos task log nope')).toEqual(err("Error: no task ID found containing 'nope'"));
  });

  it('reads a completed task with --completed, its kill at the end of stderr', async () => {
    const sb = await withHello();
    const dcos = cli(sb);
    const id = (sb.request({ method: 'GET', path: '/marathon/v2/apps/hello' }).body as { app: { tasks: Array<{ id: string }> } }).app
      .tasks[0]!.id;
    await dcos('dcos marathon app remove /hello');
    sb.advance(10_000);
    expect(await dcos(`dcos task log ${id}`)).toEqual(err(`Error: no task ID found containing '${id}'`));
    expect((await dcos(`dcos task log ${id} stderr --completed --lines=1`)).stdout).toMatch(
      /executor\.cpp:1041\] Command terminated with signal Terminated \(pid: \d+\)\n$/,
    );
    expect((await dcos(`dcos task log ${id} --all --lines=1`)).stdout).toBe('hello: received SIGTERM, shutting down\n');
  });
});

describe('dcos service log', () => {
  it("prints Marathon's journal from the leading master, and refuses a file for it", async () => {
    const sb = await withHello();
    const dcos = cli(sb);
    const out = (await dcos('dcos service log marathon --lines=1')).stdout;
    expect(out).toMatch(
      /^2026-01-01 00:00:\d\d UTCmarathon \[\d+\]: \[2026-01-01 00:00:\d\d,\d{3}\] INFO {2}Deployment .* of \/hello finished \(mesosphere\.marathon\.MarathonSchedulerActor:/,
    );
    expect(await dcos('dcos service log marathon stdout')).toEqual(err('Error: the <file> argument is invalid for marathon'));
    expect(await dcos('dcos service log kafka')).toEqual(err('Error: no marathon apps found for service name [kafka]'));
  });

  it("prints a package scheduler's file: the one app with the framework's name and its one task", async () => {
    const apps = (labels: Array<Record<string, string>>) => ({
      status: 200,
      body: { apps: labels.map((l, i) => ({ id: `/s${i}`, labels: l })) },
    });
    const KAFKA = { DCOS_PACKAGE_FRAMEWORK_NAME: 'kafka' };
    const task = (req: ApiRequest) => ({ status: 200, body: `${req.path}\n` });
    const { dcos } = fixedApi({
      '/marathon/v2/apps': apps([{}, KAFKA]),
      '/marathon/v2/apps/s1': { status: 200, body: { app: { id: '/s1', tasks: [{ id: 's1.t' }] } } },
      '/system/v1/logs/v2/task/s1.t/file/stderr?cursor=END&skip=-5': task,
    });
    expect(await dcos('dcos service log kafka stderr --lines=5')).toEqual({
      stdout: '/system/v1/logs/v2/task/s1.t/file/stderr?cursor=END&skip=-5\n',
      stderr: '',
      exitCode: 0,
    });
    const two = fixedApi({ '/marathon/v2/apps': apps([KAFKA, KAFKA]) });
    expect(await two.dcos('dcos service log kafka')).toEqual(
      err('Error: multiple marathon apps found for service name [kafka]: [/s0, /s1]'),
    );
    const none = fixedApi({
      '/marathon/v2/apps': apps([KAFKA]),
      '/marathon/v2/apps/s0': { status: 200, body: { app: { id: '/s0', tasks: [] } } },
    });
    expect(await none.dcos('dcos service log kafka')).toEqual(
      err('Error: expected marathon app [/s0] to be running 1 task, but instead found 0 tasks'),
    );
    expect(await none.dcos('dcos service log kafka --lines=x')).toEqual(
      err('Error: invalid argument "x" for "--lines" flag: strconv.ParseInt: parsing "x": invalid syntax'),
    );
  });
});
