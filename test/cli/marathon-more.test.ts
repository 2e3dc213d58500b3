/**
 * More `dcos marathon` commands over fixed answers: `ping` (Go: pkg/cmd/marathon/marathon_ping.go and
 * marathon_ping_test.go) and those dcos-core-cli 2.2 hands to its Python CLI: `delay reset`, `group update`,
 * `leader delete`, `task show|stop|kill` (python/lib/dcoscli/dcoscli/marathon/main.py, dcos/marathon.py,
 * tests/integrations/test_marathon.py at tag 2.2-patch.0); `deployment watch`, which the sandbox refuses.
 */
import { describe, expect, it } from 'vitest';
import { fixedApi, json } from './support.ts';

const M = '/marathon/v2';
const err = (stderr: string, stdout = '') => ({ stdout, stderr: `${stderr}\n`, exitCode: 1 });
const out = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });
const masters = (n: number) => ({ sandbox_masters: Array.from({ length: n }, (_, k) => ({ ip: `10.0.0.1${k}`, state: 'leader' })) });

describe('dcos marathon ping (marathon_ping.go)', () => {
  it('pings once per master Mesos-DNS lists, or once with --once (TestMarathonPing, TestMarathonPingOnce)', async () => {
    const { dcos, calls } = fixedApi({ '/mesos/master/state': json(masters(2)), '/marathon/ping': json('pong') });
    expect(await dcos('dcos marathon ping')).toEqual(out('Marathon ping response[2x]: "pong"\n'));
    expect(calls.map((c) => c.path)).toEqual(['/mesos/master/state', '/marathon/ping', '/marathon/ping']);
    expect(await dcos('dcos marathon ping --once')).toEqual(out('Marathon ping response[1x]: "pong"\n'));
    expect(calls.at(-2)!.path).toBe('/marathon/ping');
    expect(await dcos('dcos marathon ping x')).toEqual(err('Error: unknown command "x" for "dcos marathon ping"'));
  });

  it('names the ping that failed (TestMarathonPingError)', async () => {
    let pinged = 0;
    const { dcos } = fixedApi({
      '/mesos/master/state': json(masters(2)),
      '/marathon/ping': () => (pinged++ === 0 ? json('pong') : json('500 - Something bad happened!', 500)),
    });
    expect(await dcos('dcos marathon ping')).toEqual(err('Error: unable to ping leading Marathon master 2 time(s)'));
  });
});

describe('dcos marathon delay reset', () => {
  it("deletes the delay of the normalized id and says so, or prints Marathon's message", async () => {
    const { dcos, calls } = fixedApi({
      [`DELETE ${M}/queue/web/delay`]: json('', 204),
      [`DELETE ${M}/queue/gone/delay`]: json({ message: 'Application /gone not found in tasks queue.' }, 404),
    });
    expect(await dcos('dcos marathon delay reset web/')).toEqual(out('Delay on [/web] has been reset\n'));
    expect(calls.at(-1)).toMatchObject({ method: 'DELETE', path: `${M}/queue/web/delay` });
    expect(await dcos('dcos marathon delay reset gone')).toEqual(err('Error: Application /gone not found in tasks queue.'));
    expect((await dcos('dcos marathon delay reset')).stdout).toBe(
      'Invalid subcommand usage\n\nUsage:\n    dcos marathon delay reset <app-id>|<pod-id>\n',
    );
  });
});

describe('dcos marathon group update', () => {
  it('checks the group exists, then PUTs the key=value pairs or the pasted JSON (_update_group)', async () => {
    const { dcos, calls } = fixedApi({
      [`GET ${M}/groups/web`]: json({ id: '/web', apps: [], groups: [] }),
      [`PUT ${M}/groups/web`]: json({ version: 'v', deploymentId: 'd-7' }),
      [`PUT ${M}/groups/web?force=true`]: json({ version: 'v', deploymentId: 'd-8' }),
      [`GET ${M}/groups/nope`]: json({ message: "Group '/nope' does not exist" }, 404),
    });
    expect(await dcos(`dcos marathon group update /web 'dependencies=["/db"]'`)).toEqual(out('Created deployment d-7\n'));
    expect(calls.at(-1)).toMatchObject({ method: 'PUT', body: { dependencies: ['/db'] } });
    expect(await dcos('dcos marathon group update web --force {"apps": []}')).toEqual(out('Created deployment d-8\n'));
    expect(calls.at(-1)!.body).toEqual({ apps: [] });
    expect(await dcos('dcos marathon group update nope x=1')).toEqual(err("Error: Group '/nope' does not exist"));
    expect(await dcos('dcos marathon group update web')).toEqual(
      err(
        "We currently don't support reading from the TTY. Please specify an application JSON.\nE.g. dcos marathon app update your-app-id < app_update.json",
      ),
    );
    expect(await dcos('dcos marathon group update web a=1 a=2')).toEqual(err("Key 'a' was specified more than once"));
  });
});

describe('dcos marathon leader delete', () => {
  it("prints Marathon's message (test_leader_delete), or the error when there is no leader", async () => {
    expect(
      await fixedApi({ [`DELETE ${M}/leader`]: json({ message: 'Leadership abdicated' }) }).dcos('dcos marathon leader delete'),
    ).toEqual(out('Leadership abdicated\n'));
    expect(
      await fixedApi({ [`DELETE ${M}/leader`]: json({ message: 'There is no leader' }, 404) }).dcos('dcos marathon leader delete'),
    ).toEqual(err('Error: There is no leader'));
  });
});

describe('dcos marathon task show|stop|kill', () => {
  const task = { id: 'web.instance-1._app.1', appId: '/web', host: 'a1' };
  const other = { id: 'web.instance-2._app.1', appId: '/web', host: 'a2' };

  it('shows a task as sorted JSON, or says it does not exist (test_show_task, test_show_missing_task)', async () => {
    const { dcos } = fixedApi({ [`GET ${M}/tasks`]: json({ tasks: [task, other] }) });
    expect(await dcos(`dcos marathon task show ${task.id}`)).toEqual(
      out('{\n  "appId": "/web",\n  "host": "a1",\n  "id": "web.instance-1._app.1"\n}\n'),
    );
    expect(await dcos('dcos marathon task show missing-id')).toEqual(err("Task 'missing-id' does not exist"));
  });

  it('stops one task through POST /v2/tasks/delete (?wipe=true), printing it (test_stop_task, test_stop_unknown_task)', async () => {
    const { dcos, calls } = fixedApi({
      [`POST ${M}/tasks/delete`]: (req) => json({ tasks: (req.body as { ids: string[] }).ids.includes(task.id) ? [task] : [] }),
      [`POST ${M}/tasks/delete?wipe=true`]: json({ tasks: [task] }),
    });
    expect(JSON.parse((await dcos(`dcos marathon task stop ${task.id}`)).stdout)).toEqual(task);
    expect(calls.at(-1)!.body).toEqual({ ids: [task.id] });
    expect((await dcos(`dcos marathon task stop --wipe ${task.id}`)).exitCode).toBe(0);
    expect(calls.at(-1)!.path).toBe(`${M}/tasks/delete?wipe=true`);
    expect(await dcos('dcos marathon task stop unknown-task-id')).toEqual(err("Task 'unknown-task-id' does not exist"));
  });

  it('kills tasks: their ids as a Python list, the answer with --json; none killed is an error after the list', async () => {
    const { dcos, calls } = fixedApi({
      [`POST ${M}/tasks/delete`]: (req) => json({ tasks: [task, other].filter((t) => (req.body as { ids: string[] }).ids.includes(t.id)) }),
      [`POST ${M}/tasks/delete?scale=true`]: json({ version: 'v', deploymentId: 'd-9' }),
    });
    expect(await dcos(`dcos marathon task kill ${task.id} ${other.id}`)).toEqual(
      out("Killed tasks: ['web.instance-1._app.1', 'web.instance-2._app.1']\n"),
    );
    expect(calls.at(-1)!.body).toEqual({ ids: [task.id, other.id] });
    expect(JSON.parse((await dcos(`dcos marathon task kill --json ${task.id}`)).stdout)).toEqual({ tasks: [task] });
    expect(await dcos('dcos marathon task kill unknown-task-id')).toEqual(
      err('Failed to kill tasks. task-ids seems to be unknown', 'Killed tasks: []\n'),
    );
    expect(await dcos(`dcos marathon task kill --scale ${task.id}`)).toEqual(out('Created deployment: d-9\n'));
    expect(JSON.parse((await dcos(`dcos marathon task kill --scale --json ${task.id}`)).stdout)).toEqual({
      deploymentId: 'd-9',
      version: 'v',
    });
  });
});

describe('dcos marathon deployment watch', () => {
  it('is refused: the Python CLI sleeps between polls, and the sandbox has no time passing within a command', async () => {
    const { dcos, calls } = fixedApi({});
    const r = await dcos('dcos marathon deployment watch d-1 --max-count=2 --interval 1');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'Error: dcos marathon deployment watch is not available in the sandbox: its time moves only between commands, so a deployment cannot be watched as it progresses\n',
    );
    expect(calls).toEqual([]);
  });
});
