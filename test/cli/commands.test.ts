import { describe, expect, it } from 'vitest';
import { cli, cluster, rowsOf } from './support.ts';
import type { Json } from '../support/marathon.ts';

const HELLO = '{"id": "/hello", "cmd": "sleep 1000", "instances": 2, "cpus": 0.5, "mem": 64}';

describe('dcos node', () => {
  it('lists agents and the leading master with the real CLI columns', async () => {
    const dcos = cli(await cluster());
    for (const line of ['dcos node', 'dcos node list']) {
      const r = await dcos(line);
      expect(r.exitCode).toBe(0);
      const [head, ...rows] = rowsOf(r.stdout);
      expect(head).toEqual(['HOSTNAME', 'IP', 'ID', 'TYPE', 'REGION', 'ZONE']);
      expect(rows.map((row) => [row[0], row[3]])).toEqual([
        ['a1', 'agent'],
        ['a2', 'agent'],
        ['master-1', 'master (leader)'],
      ]);
      expect(rows[0]![1]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(rows[0]![5]).toBe('us-east-1a');
    }
  });

  it('prints JSON with --json and one node with describe (id or hostname)', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    const nodes = JSON.parse((await dcos('dcos node --json')).stdout) as Json[];
    expect(nodes.map((n) => n.hostname ?? n.host)).toEqual(['a1', 'a2', 'master-1']);
    const byHost = JSON.parse((await dcos('dcos node describe a2')).stdout);
    expect(byHost.hostname).toBe('a2');
    const byId = JSON.parse((await dcos(`dcos node describe ${byHost.id}`)).stdout);
    expect(byId.id).toBe(byHost.id);
    const missing = await dcos('dcos node describe zz');
    expect(missing).toMatchObject({ exitCode: 1, stdout: '' });
    expect(missing.stderr).toContain("'zz'");
  });
});

describe('dcos marathon app', () => {
  it('adds an app, shows its deployment in the list, then its running tasks', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    const added = await dcos(`dcos marathon app add ${HELLO}`);
    expect(added.exitCode).toBe(0);
    expect(added.stdout).toMatch(/^Created deployment [0-9a-f-]{36}\n$/);
    sb.advance(300);
    const [head, ...deploying] = rowsOf((await dcos('dcos marathon app list')).stdout);
    expect(head).toEqual(['ID', 'MEM', 'CPUS', 'TASKS', 'HEALTH', 'DEPLOYMENT', 'WAITING', 'CONTAINER', 'CMD']);
    expect(deploying[0]!.slice(0, 3)).toEqual(['/hello', '64', '0.5']);
    expect(deploying[0]![5]).toMatch(/^(scale|start)$/);
    sb.advance(20_000);
    const [, ...running] = rowsOf((await dcos('dcos marathon app list')).stdout);
    expect(running).toEqual([['/hello', '64', '0.5', '2/2', '---', '---', 'False', 'mesos', 'sleep 1000']]);
    expect((await dcos('dcos marathon app list --quiet')).stdout).toBe('/hello\n');
    expect(JSON.parse((await dcos('dcos marathon app list --json')).stdout)[0].id).toBe('/hello');
  });

  it('accepts the JSON body on the next line', async () => {
    const sb = await cluster();
    const r = await cli(sb)(`dcos marathon app add\n${HELLO.replace(/, /g, ',\n  ')}\n`);
    expect(r.exitCode).toBe(0);
    expect(sb.request({ method: 'GET', path: '/marathon/v2/apps/hello' }).status).toBe(200);
  });

  it("shows an app as JSON, and 404s an unknown one with Marathon's message", async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    await dcos(`dcos marathon app add ${HELLO}`);
    const shown = JSON.parse((await dcos('dcos marathon app show hello')).stdout);
    expect(shown).toMatchObject({ id: '/hello', instances: 2, cmd: 'sleep 1000' });
    for (const verb of ['show', 'remove', 'restart', 'update', 'kill']) {
      const r = await dcos(`dcos marathon app ${verb} /nope${verb === 'update' ? ' instances=1' : ''}`);
      expect(r, verb).toEqual({ stdout: '', stderr: "Error: App '/nope' does not exist\n", exitCode: 1 });
    }
  });

  it('prints a 422 with one line per invalid path, and a 409 for an existing id', async () => {
    const dcos = cli(await cluster());
    const bad = await dcos('dcos marathon app add {"id": "/Bad_Id", "cmd": "run x", "cpus": -1}');
    expect(bad.exitCode).toBe(1);
    const lines = bad.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('Error: Object is not valid');
    expect(
      lines
        .slice(1)
        .map((l) => l.trim().split(':')[0])
        .sort(),
    ).toEqual(['/cpus', '/id']);
    await dcos(`dcos marathon app add ${HELLO}`);
    const again = await dcos(`dcos marathon app add ${HELLO}`);
    expect(again).toEqual({ stdout: '', stderr: 'Error: An app with id [/hello] already exists.\n', exitCode: 1 });
  });

  it('restarts, and reports the 409 lock when updating during a deployment unless --force', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    await dcos(`dcos marathon app add ${HELLO}`);
    sb.advance(20_000);
    const restarted = await dcos('dcos marathon app restart /hello');
    expect(restarted.stdout).toMatch(/^Created deployment [0-9a-f-]{36}\n$/);
    const locked = await dcos('dcos marathon app update /hello instances=3');
    expect(locked.exitCode).toBe(1);
    expect(locked.stderr).toMatch(/^Error: App is locked by one or more deployments\./);
    const forced = await dcos('dcos marathon app update /hello instances=3 --force');
    expect(forced.exitCode).toBe(0);
    sb.advance(30_000);
    const app = JSON.parse((await dcos('dcos marathon app show /hello')).stdout);
    expect(app.instances).toBe(3);
    expect(app.tasksRunning).toBe(3);
  });

  it('updates from a pasted JSON body and rejects a bad field with a 422', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    await dcos(`dcos marathon app add ${HELLO}`);
    sb.advance(20_000);
    expect((await dcos('dcos marathon app update /hello {"cmd": "sleep 2000"}')).exitCode).toBe(0);
    sb.advance(30_000);
    expect(JSON.parse((await dcos('dcos marathon app show /hello')).stdout).cmd).toBe('sleep 2000');
    const bad = await dcos('dcos marathon app update /hello cpus=-2');
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('/cpus');
  });

  it('kills tasks (relaunched by Marathon) and removes the app', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    await dcos(`dcos marathon app add ${HELLO}`);
    sb.advance(20_000);
    const killed = await dcos('dcos marathon app kill /hello');
    expect(killed.exitCode).toBe(0);
    expect(killed.stdout).toMatch(/^Killed tasks: \[hello\.instance-.*, hello\.instance-.*\]\n$/);
    expect((await dcos('dcos marathon app remove /hello')).exitCode).toBe(0);
    sb.advance(10_000);
    expect(rowsOf((await dcos('dcos marathon app list')).stdout)).toHaveLength(1);
  });

  it('explains missing arguments and bodies', async () => {
    const dcos = cli(await cluster());
    expect((await dcos('dcos marathon app show')).stderr).toMatch(/missing argument <app-id>/);
    expect((await dcos('dcos marathon app add')).stderr).toMatch(/no app JSON given/);
    expect((await dcos('dcos marathon app add {"id": ')).stderr).toMatch(/^Error: invalid JSON/);
    expect((await dcos('dcos marathon app update /a instances')).stderr).toMatch(/key=value/);
  });
});

describe('dcos marathon deployment', () => {
  it('lists running deployments and rolls one back', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    const none = await dcos('dcos marathon deployment list');
    expect(none).toEqual({ stdout: '', stderr: 'There are no deployments\n', exitCode: 1 });
    expect((await dcos('dcos marathon deployment list --json')).stdout).toBe('[]\n');
    // Too big to place: the deployment stays.
    await dcos('dcos marathon app add {"id": "/big", "cmd": "sleep 1000", "instances": 20, "cpus": 1, "mem": 16}');
    sb.advance(3000);
    const [head, row] = rowsOf((await dcos('dcos marathon deployment list')).stdout);
    expect(head).toEqual(['APP', 'POD', 'ACTION', 'PROGRESS', 'ID']);
    expect(row!.slice(0, 4)).toEqual(['/big', '-', 'scale', '1/2']);
    const id = row![4]!;
    const rolled = await dcos(`dcos marathon deployment rollback ${id}`);
    expect(rolled.exitCode).toBe(0);
    expect(JSON.parse(rolled.stdout).deploymentId).toMatch(/^[0-9a-f-]{36}$/);
    const unknown = await dcos('dcos marathon deployment rollback nope');
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toMatch(/^Error: /);
  });
});

describe('dcos marathon group and pod', () => {
  it('adds a group and counts apps per group; a second add is a 409', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    const group =
      '{"id": "/web", "apps": [{"id": "a", "cmd": "sleep 1000", "cpus": 0.1, "mem": 16}, {"id": "b", "cmd": "sleep 1000", "cpus": 0.1, "mem": 16}]}';
    expect((await dcos(`dcos marathon group add ${group}`)).stdout).toMatch(/^Created deployment [0-9a-f-]{36}\n$/);
    const [head, ...rows] = rowsOf((await dcos('dcos marathon group list')).stdout);
    expect(head).toEqual(['ID', 'APPS']);
    expect(rows).toEqual([
      ['/', '2'],
      ['/web', '2'],
    ]);
    expect(await dcos(`dcos marathon group add ${group}`)).toEqual({
      stdout: '',
      stderr: 'Error: Group /web is already created. Use PUT to change this group.\n',
      exitCode: 1,
    });
  });

  it('adds a pod and lists it with its containers', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    const pod =
      '{"id": "/p", "containers": [{"name": "web", "exec": {"command": {"shell": "sleep 100"}}, "resources": {"cpus": 0.1, "mem": 32}}, {"name": "log", "resources": {"cpus": 0.1, "mem": 32}}]}';
    expect((await dcos(`dcos marathon pod add ${pod}`)).exitCode).toBe(0);
    sb.advance(20_000);
    const lines = (await dcos('dcos marathon pod list')).stdout.trimEnd().split('\n');
    expect(lines[0]!.split(/\s{2,}/)).toEqual(['ID+TASKS', 'INSTANCES', 'VERSION', 'STATUS', 'STATUS SINCE', 'WAITING']);
    expect(lines[1]!.split(/\s{2,}/).slice(0, 2)).toEqual(['/p', '1']);
    expect(lines[1]).toMatch(/STABLE/);
    expect(lines.slice(2).map((l) => l.trim())).toEqual(['|-log', '|-web']);
  });
});

describe('dcos task', () => {
  it("lists live tasks; --all adds completed ones; --json gives Mesos' task objects", async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    await dcos(`dcos marathon app add ${HELLO}`);
    sb.advance(20_000);
    const [head, ...rows] = rowsOf((await dcos('dcos task')).stdout);
    expect(head).toEqual(['NAME', 'HOST', 'USER', 'STATE', 'ID', 'AGENT ID', 'REGION', 'ZONE']);
    expect(rows.map((r) => r[0]).sort()).toEqual(['hello', 'hello', 'load', 'load']);
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(['RUNNING']));
    await dcos('dcos marathon app kill /hello');
    sb.advance(10_000);
    const live = rowsOf((await dcos('dcos task list')).stdout).slice(1);
    const all = rowsOf((await dcos('dcos task --all')).stdout).slice(1);
    expect(live).toHaveLength(4);
    expect(all.filter((r) => r[3] === 'KILLED')).toHaveLength(2);
    const completed = rowsOf((await dcos('dcos task --completed')).stdout).slice(1);
    expect(completed.map((r) => r[3])).toEqual(['KILLED', 'KILLED']);
    const json = JSON.parse((await dcos('dcos task hello --json')).stdout) as Json[];
    expect(json).toHaveLength(2);
    expect(json[0]).toMatchObject({ name: 'hello', state: 'TASK_RUNNING' });
    expect((await dcos('dcos task --all --completed')).exitCode).toBe(1);
  });

  it('prints a log made from the status history, stamped with the status times', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    await dcos(`dcos marathon app add ${HELLO}`);
    sb.advance(20_000);
    const task = (sb.request({ method: 'GET', path: '/mesos/master/tasks' }).body as { tasks: Json[] }).tasks.find(
      (t) => t.name === 'hello',
    )!;
    const log = await dcos(`dcos task log ${task.id}`);
    expect(log.exitCode).toBe(0);
    const lines = log.stdout.trimEnd().split('\n');
    const stamps = task.statuses.map((s: Json) => new Date(Math.round(s.timestamp * 1000)).toISOString());
    expect(lines[0]!.startsWith(stamps[0])).toBe(true);
    expect(lines.at(-1)).toBe(`${stamps.at(-1)}  Task ${task.id} is running`);
    expect(log.stdout).toContain("sh -c 'sleep 1000'");
    expect((await dcos(`dcos task log ${task.id} --lines=2`)).stdout.trimEnd().split('\n')).toEqual(lines.slice(-2));
    // A unique part of the id is enough; an ambiguous or unknown one is an error.
    expect((await dcos(`dcos task log ${task.id.slice(0, 25)}`)).stdout).toBe(log.stdout);
    expect((await dcos('dcos task log hello.instance')).stderr).toMatch(/more than one task/);
    expect((await dcos('dcos task log nope')).stderr).toBe("Error: no task ID found containing 'nope'\n");
  });

  it('logs the kill of a killed task', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    await dcos(`dcos marathon app add ${HELLO}`);
    sb.advance(20_000);
    const before = (sb.request({ method: 'GET', path: '/marathon/v2/apps/hello' }).body as Json).app.tasks[0].id as string;
    await dcos('dcos marathon app kill /hello');
    sb.advance(10_000);
    const log = await dcos(`dcos task log ${before} --lines=100`);
    expect(log.stdout).toMatch(/Command terminated with signal Terminated\n$/);
  });
});

describe('dcos service', () => {
  it('lists the active frameworks with their resources', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    const [head, ...rows] = rowsOf((await dcos('dcos service')).stdout);
    expect(head).toEqual(['NAME', 'HOST', 'ACTIVE', 'TASKS', 'CPU', 'MEM', 'DISK', 'ID']);
    const load = rows.find((r) => r[0] === 'load')!;
    expect(load.slice(2, 7)).toEqual(['True', '2', '1.0', '512.0', '0.0']);
    expect(rows.map((r) => r[0])).toContain('marathon');
    const json = JSON.parse((await dcos('dcos service --json')).stdout) as Json[];
    expect(json.map((f) => f.name).sort()).toEqual(['load', 'marathon']);
  });
});

describe('help and dispatch', () => {
  it("prints the groups, a group's commands and a command's usage", async () => {
    const dcos = cli(await cluster());
    const top = await dcos('dcos help');
    expect(top.exitCode).toBe(0);
    for (const g of ['marathon', 'node', 'service', 'task']) expect(top.stdout).toContain(`    ${g}\n`);
    const marathon = await dcos('dcos marathon --help');
    for (const g of ['app', 'deployment', 'group', 'pod']) expect(marathon.stdout).toContain(`    ${g}\n`);
    expect((await dcos('dcos help marathon app')).stdout).toContain('    restart\n');
    expect((await dcos('dcos marathon app list --help')).stdout).toContain('dcos marathon app list [--json|--quiet]');
    expect((await dcos('dcos node --help')).stdout).toContain('    describe\n');
  });

  it('answers unknown commands and bare groups with exit code 1, and other programs with 127', async () => {
    const dcos = cli(await cluster());
    expect(await dcos('dcos nod')).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('unknown command "nod" for "dcos"') });
    expect(await dcos('dcos marathon app lst')).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('"dcos marathon app"') });
    expect(await dcos('dcos marathon')).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('Usage:') });
    expect(await dcos('ls -l')).toMatchObject({ exitCode: 127 });
    expect(await dcos('   ')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('works with an asynchronous request function', async () => {
    const sb = await cluster();
    const { runCommand } = await import('../../src/cli/index.ts');
    const r = await runCommand('dcos node', async (req) => Promise.resolve(sb.request(req)));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('HOSTNAME');
  });
});
