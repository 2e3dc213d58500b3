/**
 * The `dcos` commands against a running sandbox: what dcos-core-cli 2.2 prints for the sandbox's own
 * answers. The exact table layouts are pinned over fixed answers in marathon-go.test.ts,
 * marathon-python.test.ts and nodes-tasks.test.ts; here the rows follow the cluster.
 */
import { describe, expect, it } from 'vitest';
import { cli, cluster, rowsOf } from './support.ts';
import type { Json } from '../support/marathon.ts';

const HELLO = '{"id": "/hello", "cmd": "sleep 1000", "instances": 2, "cpus": 0.5, "mem": 64}';
const err = (stderr: string) => ({ stdout: '', stderr: `${stderr}\n`, exitCode: 1 });

describe('dcos node list', () => {
  it("lists agents, then the leading master under Mesos-DNS's name, with 2.2's columns", async () => {
    const dcos = cli(await cluster());
    const [head, ...rows] = rowsOf((await dcos('dcos node list')).stdout);
    expect(head).toEqual(['HOSTNAME', 'IP', 'PUBLIC IP(S)', 'ID', 'TYPE', 'STATUS', 'REGION', 'ZONE']);
    // rowsOf splits on two blanks: an empty cell (PUBLIC IP(S)) merges with its neighbours.
    expect(rows.map((r) => [r[0], r[3], r[4]])).toEqual([
      ['a1', 'agent', 'ACTIVE'],
      ['a2', 'agent', 'ACTIVE'],
      ['master.mesos.', 'master (leader)', 'N/A'],
    ]);
    expect(rows[0]![1]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(rows[0]!.at(-1)).toBe('us-east-1a');
    const nodes = JSON.parse((await dcos('dcos node list --json')).stdout) as Json[];
    expect(nodes.map((n) => n.hostname ?? n.host)).toEqual(['a1', 'a2', 'master.mesos.']);
  });
});

describe('dcos marathon app (Go)', () => {
  it('adds an app, shows its deployment in the list, then its running tasks', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    const added = await dcos(`dcos marathon app add ${HELLO}`);
    expect(added.exitCode).toBe(0);
    expect(added.stdout).toMatch(/^Created deployment [0-9a-f-]{36}\n$/);
    sb.advance(300);
    const [head, ...deploying] = rowsOf((await dcos('dcos marathon app list')).stdout);
    expect(head).toEqual(['ID', 'MEM', 'CPUS', 'TASKS', 'HEALTH', 'DEPLOYMENT', 'WAITING', 'CONTAINER', 'CMD', 'ROLE']);
    expect(deploying[0]!.slice(0, 3)).toEqual(['/hello', '64', '0.5']);
    expect(deploying[0]![5]).toMatch(/^(scale|start)$/);
    sb.advance(20_000);
    const [, ...running] = rowsOf((await dcos('dcos marathon app list')).stdout);
    expect(running).toEqual([['/hello', '64', '0.5', '2/2', '---', '---', 'false', 'MESOS', 'sleep 1000', 'slave_public']]);
    expect((await dcos('dcos marathon app list --quiet')).stdout).toBe('/hello\n');
    expect(JSON.parse((await dcos('dcos marathon app list --json')).stdout)[0].id).toBe('/hello');
  });

  it('accepts the JSON body on the next line', async () => {
    const sb = await cluster();
    const r = await cli(sb)(`dcos marathon app add\n${HELLO.replace(/, /g, ',\n  ')}\n`);
    expect(r.exitCode).toBe(0);
    expect(sb.request({ method: 'GET', path: '/marathon/v2/apps/hello' }).status).toBe(200);
  });

  it('shows an app as Go JSON; names a missing app as each command does', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    await dcos(`dcos marathon app add ${HELLO}`);
    const shown = await dcos('dcos marathon app show hello');
    expect(shown.stdout.startsWith('{\n    "id": "/hello",\n')).toBe(true);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: '/hello', instances: 2, cmd: 'sleep 1000' });
    expect(await dcos('dcos marathon app show /nope')).toEqual(err("Error: app '/nope' does not exist"));
    // app_remove.go, app_restart.go and app_kill.go put a slash before the id as typed.
    for (const verb of ['remove', 'restart', 'kill'])
      expect(await dcos(`dcos marathon app ${verb} /nope`), verb).toEqual(err("Error: app '//nope' does not exist"));
    expect(await dcos('dcos marathon app stop nope')).toEqual(err("Error: app '/nope' does not exist"));
    expect(await dcos('dcos marathon app update /nope instances=1')).toEqual(err("Error: App '/nope' does not exist"));
  });

  it("prints go-marathon's APIError for a 422, and refuses an existing id before posting", async () => {
    const dcos = cli(await cluster());
    const bad = await dcos('dcos marathon app add {"id": "/bad", "cmd": "run x", "cpus": -1}');
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/^Error: Marathon API error: .* \(path: '\/cpus' errors: .*\)\n$/);
    await dcos(`dcos marathon app add ${HELLO}`);
    expect(await dcos(`dcos marathon app add ${HELLO}`)).toEqual(err("Error: Application '/hello' already exists"));
  });

  it('stops, starts, restarts and lists versions', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    await dcos(`dcos marathon app add ${HELLO}`);
    sb.advance(20_000);
    expect((await dcos('dcos marathon app stop hello')).stdout).toMatch(/^Created deployment [0-9a-f-]{36}\n$/);
    sb.advance(20_000);
    expect(await dcos('dcos marathon app stop hello')).toEqual(err("Error: app '/hello' already stopped: 0 instances"));
    expect(await dcos('dcos marathon app restart hello')).toEqual(
      err("Error: unable to perform rolling restart of application '/hello' because it has no running tasks"),
    );
    expect((await dcos('dcos marathon app start hello 3')).exitCode).toBe(0);
    sb.advance(20_000);
    expect(JSON.parse((await dcos('dcos marathon app show hello')).stdout).tasksRunning).toBe(3);
    expect(await dcos('dcos marathon app start hello')).toEqual(err("Error: application 'hello' already started: 3 instances"));
    expect((await dcos('dcos marathon app restart hello')).stdout).toMatch(/^Created deployment [0-9a-f-]{36}\n$/);
    const versions = JSON.parse((await dcos('dcos marathon app version list hello')).stdout) as string[];
    expect(versions.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse((await dcos('dcos marathon app version list hello --max-count=1')).stdout)).toEqual(versions.slice(0, 1));
  });
});

describe('dcos marathon app update (Python)', () => {
  it('reports the 409 lock as the Python CLI words it, unless --force', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    await dcos(`dcos marathon app add ${HELLO}`);
    sb.advance(20_000);
    expect((await dcos('dcos marathon app restart hello')).exitCode).toBe(0);
    expect(await dcos('dcos marathon app update /hello instances=3')).toEqual(
      err('Changes blocked: deployment already in progress for app.'),
    );
    expect((await dcos('dcos marathon app update /hello instances=3 --force')).stdout).toMatch(/^Created deployment [0-9a-f-]{36}\n$/);
    sb.advance(30_000);
    const app = JSON.parse((await dcos('dcos marathon app show /hello')).stdout);
    expect([app.instances, app.tasksRunning]).toEqual([3, 3]);
  });

  it('updates from a pasted JSON body; a refused field is the 422 with its URL', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    await dcos(`dcos marathon app add ${HELLO}`);
    sb.advance(20_000);
    expect((await dcos('dcos marathon app update /hello {"cmd": "sleep 2000"}')).exitCode).toBe(0);
    sb.advance(30_000);
    expect(JSON.parse((await dcos('dcos marathon app show /hello')).stdout).cmd).toBe('sleep 2000');
    const bad = await dcos('dcos marathon app update /hello cpus=-2');
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(
      /^Error while fetching \[https:\/\/master\.mesos\/service\/marathon\/v2\/apps\/hello\]: HTTP 422: ".*\/cpus.*"\.\n$/,
    );
  });
});

describe('dcos marathon app kill, remove', () => {
  it('kills tasks (relaunched by Marathon), printing them as compact JSON, and removes the app', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    await dcos(`dcos marathon app add ${HELLO}`);
    sb.advance(20_000);
    const killed = await dcos('dcos marathon app kill hello');
    expect(killed.exitCode).toBe(0);
    expect(killed.stdout).toMatch(/^Killed tasks: \[\{"appId":"\/hello",.*\}\]\n$/);
    expect((JSON.parse(killed.stdout.slice('Killed tasks: '.length)) as Json[]).map((t) => t.appId)).toEqual(['/hello', '/hello']);
    expect(await dcos('dcos marathon app remove hello')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    sb.advance(10_000);
    expect(rowsOf((await dcos('dcos marathon app list')).stdout)).toHaveLength(1);
  });

  it('explains missing arguments and bodies as cobra, the Go reader and the Python CLI do', async () => {
    const dcos = cli(await cluster());
    expect(await dcos('dcos marathon app show')).toEqual(err('Error: accepts 1 arg(s), received 0'));
    expect(await dcos('dcos marathon app add')).toEqual(err('Error: error loading JSON: unexpected end of JSON input'));
    expect((await dcos('dcos marathon app add {"id": ')).stderr).toMatch(/^Error: invalid JSON/);
    // The Python CLI reads the app before it reads the pairs.
    expect(await dcos('dcos marathon app update /a instances')).toEqual(err("Error: App '/a' does not exist"));
  });
});

describe('dcos marathon deployment, group, pod, task (Python)', () => {
  it('lists running deployments and rolls one back', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    expect(await dcos('dcos marathon deployment list')).toEqual(err('There are no deployments'));
    expect((await dcos('dcos marathon deployment list --json')).stdout).toBe('[]\n');
    // Too big to place: the deployment stays.
    await dcos('dcos marathon app add {"id": "/big", "cmd": "sleep 1000", "instances": 20, "cpus": 1, "mem": 16}');
    sb.advance(3000);
    const [head, row] = rowsOf((await dcos('dcos marathon deployment list')).stdout);
    expect(head).toEqual(['APP', 'POD', 'ACTION', 'PROGRESS', 'ID']);
    expect(row!.slice(0, 4)).toEqual(['/big', '-', 'scale', '1/2']);
    const rolled = await dcos(`dcos marathon deployment rollback ${row![4]!}`);
    expect(rolled.exitCode).toBe(0);
    expect(JSON.parse(rolled.stdout).deploymentId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await dcos('dcos marathon deployment rollback nope')).stderr).toMatch(/^Error: /);
  });

  it('adds a group and counts apps per group (not the root); a second add is refused before posting', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    const group =
      '{"id": "/web", "apps": [{"id": "a", "cmd": "sleep 1000", "cpus": 0.1, "mem": 16}, {"id": "b", "cmd": "sleep 1000", "cpus": 0.1, "mem": 16}]}';
    expect((await dcos(`dcos marathon group add ${group}`)).stdout).toMatch(/^Created deployment [0-9a-f-]{36}\n$/);
    expect(rowsOf((await dcos('dcos marathon group list')).stdout)).toEqual([
      ['ID', 'APPS', 'ENFORCE_ROLE'],
      ['/web', '2', 'True'],
    ]);
    expect(await dcos(`dcos marathon group add ${group}`)).toEqual(err("Group '/web' already exists"));
  });

  it('adds a pod, lists it with its containers and kills its instance', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    const pod =
      '{"id": "/p", "containers": [{"name": "web", "exec": {"command": {"shell": "sleep 100"}}, "resources": {"cpus": 0.1, "mem": 32}}, {"name": "log", "resources": {"cpus": 0.1, "mem": 32}}]}';
    expect((await dcos(`dcos marathon pod add ${pod}`)).stdout).toMatch(/^Created deployment [0-9a-f-]{36}\n$/);
    sb.advance(20_000);
    const lines = (await dcos('dcos marathon pod list')).stdout.trimEnd().split('\n');
    expect(lines[0]!.trim().split(/\s{2,}/)).toEqual(['ID+TASKS', 'INSTANCES', 'VERSION', 'STATUS', 'STATUS SINCE', 'WAITING', 'ROLE']);
    expect(lines[1]!.split(/\s{2,}/).slice(0, 2)).toEqual(['/p', '1']);
    expect(lines[1]).toMatch(/STABLE .* False +slave_public {2}$/);
    expect(lines.slice(2).map((l) => l.trim())).toEqual(['|-log', '|-web']);
    const instance = (JSON.parse((await dcos('dcos marathon pod show /p')).stdout) as Json).instances[0].id as string;
    expect(await dcos(`dcos marathon pod kill /p ${instance}`)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it("lists Marathon's tasks", async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    await dcos(`dcos marathon app add ${HELLO}`);
    sb.advance(20_000);
    const [head, ...rows] = rowsOf((await dcos('dcos marathon task list')).stdout);
    expect(head).toEqual(['APP', 'HEALTHY', 'STARTED', 'HOST', 'ID', 'ROLE']);
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['/hello', 'True'],
      ['/hello', 'True'],
    ]);
  });
});

describe('dcos task', () => {
  it("lists live tasks with Mesos' full state; --all adds completed ones; --json gives the Go Task struct", async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    await dcos(`dcos marathon app add ${HELLO}`);
    sb.advance(20_000);
    const [head, ...rows] = rowsOf((await dcos('dcos task list')).stdout);
    expect(head).toEqual(['NAME', 'HOST', 'USER', 'STATE', 'ID', 'AGENT ID', 'REGION', 'ZONE']);
    expect(rows.map((r) => r[0]).sort()).toEqual(['hello', 'hello', 'load', 'load']);
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(['TASK_RUNNING']));
    await dcos('dcos marathon app kill /hello');
    sb.advance(10_000);
    expect(rowsOf((await dcos('dcos task list')).stdout).slice(1)).toHaveLength(4);
    expect(rowsOf((await dcos('dcos task list --all')).stdout).filter((r) => r[3] === 'TASK_KILLED')).toHaveLength(2);
    expect(
      rowsOf((await dcos('dcos task list --completed')).stdout)
        .slice(1)
        .map((r) => r[3]),
    ).toEqual(['TASK_KILLED', 'TASK_KILLED']);
    const json = JSON.parse((await dcos('dcos task list hello --json')).stdout) as Json[];
    expect(json).toHaveLength(2);
    expect(json[0]).toMatchObject({ name: 'hello', state: 'TASK_RUNNING' });
  });
});

describe('dcos service', () => {
  it('lists the active frameworks with their resources', async () => {
    const dcos = cli(await cluster());
    const [head, ...rows] = rowsOf((await dcos('dcos service list')).stdout);
    expect(head).toEqual(['NAME', 'HOST', 'ACTIVE', 'TASKS', 'CPU', 'MEM', 'DISK', 'ID']);
    expect(rows.find((r) => r[0] === 'load')!.slice(2, 7)).toEqual(['True', '2', '1.0', '512.0', '0.0']);
    expect(rows.map((r) => r[0])).toContain('marathon');
    const json = JSON.parse((await dcos('dcos service list --json')).stdout) as Json[];
    expect(json.map((f) => f.name).sort()).toEqual(['load', 'marathon', 'metronome']);
  });
});

describe('what the sandbox cannot do', () => {
  it('refuses in one line with exit code 1, after the flags are read, never with an empty table', async () => {
    const dcos = cli(await cluster());
    const lines = [
      'dcos task exec hello ls',
      'dcos task attach hello',
      'dcos task ls hello',
      'dcos task download hello',
      'dcos node ssh --leader',
    ];
    for (const line of lines) {
      const r = await dcos(line);
      expect(r.exitCode, line).toBe(1);
      expect(r.stdout, line).toBe('');
      expect(r.stderr, line).toMatch(/^Error: [^\n]*sandbox[^\n]*\n$/);
    }
    expect(await dcos('dcos node ssh --bogus')).toEqual(err('Error: unknown flag: --bogus'));
  });
});

describe('help and dispatch', () => {
  it("prints the groups, a group's commands and a command's usage", async () => {
    const dcos = cli(await cluster());
    const top = await dcos('dcos help');
    expect(top.exitCode).toBe(0);
    for (const g of ['marathon', 'node', 'service', 'task']) expect(top.stdout).toContain(`    ${g}\n`);
    const marathon = await dcos('dcos marathon --help');
    for (const g of ['about', 'app', 'debug', 'deployment', 'group', 'leader', 'pod', 'task'])
      expect(marathon.stdout).toContain(`    ${g}\n`);
    expect((await dcos('dcos help marathon app')).stdout).toContain('    version\n');
    expect((await dcos('dcos marathon app list --help')).stdout).toContain('dcos marathon app list [--json|--quiet]');
    expect((await dcos('dcos node --help')).stdout).toContain('    list-components\n');
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
    const r = await runCommand('dcos node list', async (req) => Promise.resolve(sb.request(req)));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('HOSTNAME');
  });
});
