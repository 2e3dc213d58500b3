/**
 * `dcos node`, `dcos task` and `dcos service` of dcos-core-cli 2.2, over a fixed Mesos state. Expected texts
 * come from the Go code at tag 2.2-patch.0: pkg/cmd/node/node{,_list,_list_components,_drain,_deactivate,
 * _reactivate,_decommission}.go, pkg/cmd/task/task{,_list}.go, pkg/cmd/service/service{,_list}.go,
 * pkg/mesos/{client,types}.go, and dcos-cli 1.2's table (tablewriter 0.0.4) and `Context.Deprecated`.
 */
import { describe, expect, it } from 'vitest';
import { fixedApi, json } from './support.ts';

const resources = { cpus: 1.25, mem: 128, disk: 0, gpus: 0 };
const agent = (id: string, n: number, hostname: string, extra: Record<string, unknown>) => ({
  id,
  pid: `slave(1)@10.1.0.1${n}:5051`,
  hostname,
  port: 5051,
  attributes: {},
  active: true,
  deactivated: false,
  resources,
  ...extra,
});
const task = (id: string, name: string, slave: string, state: string) => ({
  id,
  name,
  slave_id: slave,
  framework_id: 'F0',
  state,
  statuses: [],
  resources,
});
const STATE = {
  id: 'M1',
  pid: 'master@10.0.0.11:5050',
  version: '1.11.0',
  hostname: 'master-1',
  leader_info: { address: { ip: '10.0.0.11' } },
  slaves: [
    agent('S0', 0, 'a1', { attributes: { region: 'r1', zone: 'z1' } }),
    agent('S1', 1, 'a2', { attributes: { public_ip: 'true' }, deactivated: true }),
    agent('S2', 2, 'a3', { deactivated: true, drain_info: { state: 'DRAINING', config: { mark_gone: false } } }),
  ],
  frameworks: [
    {
      id: 'F0',
      name: 'marathon',
      user: 'root',
      hostname: 'master-1',
      active: true,
      resources,
      tasks: [task('web.1', 'web', 'S0', 'TASK_RUNNING'), task('db.1', 'db', 'S9', 'TASK_STAGING')],
      completed_tasks: [task('web.0', 'web', 'S1', 'TASK_KILLED')],
    },
    {
      id: 'F1',
      name: 'inactive',
      user: 'nobody',
      hostname: 'master-2',
      active: false,
      resources: { cpus: 0, mem: 0, disk: 0, gpus: 0 },
      tasks: [],
      completed_tasks: [],
    },
  ],
  completed_frameworks: [],
  sandbox_masters: [
    { hostname: 'master-1', ip: '10.0.0.11', state: 'leading' },
    { hostname: 'master-2', ip: '10.0.0.12', state: 'standby' },
    { hostname: 'master-3', ip: '10.0.0.13', state: 'down' },
  ],
};
const SUMMARY = { slaves: [{ id: 'S0', TASK_RUNNING: 1, TASK_UNREACHABLE: 5 }] };
const mesos = (extra: Parameters<typeof fixedApi>[0] = {}) =>
  fixedApi({
    '/mesos/master/state': json(STATE),
    '/mesos/master/state-summary': json(SUMMARY),
    '/mesos/master/slaves': json({ slaves: STATE.slaves }),
    ...extra,
  });
const lines = (...l: string[]) => `${l.join('\n')}\n`;
const err = (stderr: string) => ({ stdout: '', stderr: `${stderr}\n`, exitCode: 1 });

const NODES = lines(
  '    HOSTNAME        IP      PUBLIC IP(S)  ID         TYPE          STATUS     REGION  ZONE  ',
  '  a1             10.1.0.10                S0   agent             ACTIVE       r1      z1    ',
  '  a2             10.1.0.11                S1   agent (public)    DEACTIVATED                ',
  '  a3             10.1.0.12                S2   agent             DRAINING                   ',
  '  master.mesos.  10.0.0.11                M1   master (leader)                N/A     N/A   ',
  '  master.mesos.  10.0.0.12                N/A  master (standby)               N/A     N/A   ',
);

describe('dcos node [list] (node_list.go)', () => {
  it('lists agents (status, public IPs, region, zone) then the masters, as Mesos-DNS names them', async () => {
    expect(await mesos().dcos('dcos node list')).toEqual({ stdout: NODES, stderr: '', exitCode: 0 });
  });

  it('warns on stderr that the bare `dcos node` is deprecated, then lists', async () => {
    expect(await mesos().dcos('dcos node')).toEqual({
      stdout: NODES,
      stderr: 'Getting the list of nodes from `dcos node` is deprecated. Please use `dcos node list`.\n',
      exitCode: 0,
    });
    expect(await mesos().dcos('dcos node --mesos-id=S0')).toEqual(err('Error: unknown flag: --mesos-id'));
  });

  it('filters by --mesos-id and prints the Go structs with --json (agents with the summary counters)', async () => {
    expect((await mesos().dcos('dcos node list --mesos-id=S1')).stdout.split('\n')).toHaveLength(3);
    const nodes = JSON.parse((await mesos().dcos('dcos node list --json')).stdout) as Array<Record<string, unknown>>;
    expect(Object.keys(nodes[0]!).slice(0, 11)).toEqual([
      'TASK_ERROR',
      'TASK_FAILED',
      'TASK_FINISHED',
      'TASK_KILLED',
      'TASK_KILLING',
      'TASK_LOST',
      'TASK_RUNNING',
      'TASK_STAGING',
      'TASK_STARTING',
      'TASK_UNREACHABLE',
      'active',
    ]);
    // The CLI copies nine counters from the summary: TASK_UNREACHABLE is not one of them.
    expect(nodes[0]).toMatchObject({
      TASK_RUNNING: 1,
      TASK_UNREACHABLE: 0,
      type: 'agent',
      region: 'r1',
      zone: 'z1',
      status: 'ACTIVE',
      public_ips: null,
    });
    expect(nodes[3]).toEqual({
      host: 'master.mesos.',
      ip: '10.0.0.11',
      public_ips: null,
      type: 'master (leader)',
      region: '',
      zone: '',
      id: 'M1',
      pid: 'master@10.0.0.11:5050',
      version: '1.11.0',
    });
    expect(nodes[4]).toMatchObject({ id: '', type: 'master (standby)' });
  });

  it("answers an unknown subcommand with the node usage and 'unknown command' (no node describe in 2.2)", async () => {
    const r = await mesos().dcos('dcos node describe a1');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('Error: unknown command describe\n');
    expect(r.stdout).toContain('Usage:');
  });

  it('reports the Mesos client errors', async () => {
    expect(await fixedApi({ '/mesos/master/state': json('', 503) }).dcos('dcos node list')).toEqual(
      err('Error: could not connect to the leading mesos master'),
    );
    expect(await fixedApi({ '/mesos/master/state': json('', 500) }).dcos('dcos node list')).toEqual(err('Error: HTTP 500 error'));
  });
});

describe('dcos task [list] (task_list.go)', () => {
  const head = '  NAME  HOST  USER     STATE       ID    AGENT ID  REGION  ZONE  ';

  it('lists the live tasks with the full Mesos state, N/A for a region an agent lacks, blanks for an unknown agent', async () => {
    expect(await mesos().dcos('dcos task list')).toEqual({
      stdout: lines(
        head,
        '  web   a1    root  TASK_RUNNING  web.1  S0        r1      z1    ',
        '  db          root  TASK_STAGING  db.1   S9                      ',
      ),
      stderr: '',
      exitCode: 0,
    });
    expect((await mesos().dcos('dcos task')).stderr).toBe(
      'Getting the list of tasks from `dcos task` is deprecated. Please use `dcos task list`.\n',
    );
  });

  it('takes --completed, --all, a filter (part of the id or a glob) and --agent-id', async () => {
    expect((await mesos().dcos('dcos task list --completed')).stdout).toBe(
      lines(
        '  NAME  HOST  USER     STATE      ID    AGENT ID  REGION  ZONE  ',
        '  web   a2    root  TASK_KILLED  web.0  S1        N/A     N/A   ',
      ),
    );
    expect((await mesos().dcos('dcos task list --all -q')).stdout).toBe('web.1\ndb.1\nweb.0\n');
    expect((await mesos().dcos("dcos task list 'w*.1' -q")).stdout).toBe('web.1\n');
    expect((await mesos().dcos('dcos task list --agent-id=S0 -q')).stdout).toBe('web.1\n');
    expect(await mesos().dcos('dcos task list nope')).toEqual(err("Error: no task ID found containing 'nope'"));
    expect(await mesos().dcos('dcos task list --agent-id=S5')).toEqual(err("Error: no task found in agent 'S5'"));
    expect(await mesos().dcos('dcos task list nope --json')).toEqual({ stdout: '[]\n', stderr: '', exitCode: 0 });
    expect(await mesos().dcos('dcos task list --all --completed')).toEqual(err('Error: cannot accept both options --all and --completed'));
    expect(await mesos().dcos('dcos task --quiet')).toEqual(err('Error: unknown flag: --quiet'));
  });

  it("prints the Go Task struct with --json: its fields only, in order, zero values for what Mesos' JSON lacks", async () => {
    const [first] = JSON.parse((await mesos().dcos('dcos task list web --json')).stdout) as Array<Record<string, unknown>>;
    expect(Object.keys(first!)).toEqual([
      'executor_id',
      'framework_id',
      'id',
      'labels',
      'name',
      'resources',
      'slave_id',
      'state',
      'statuses',
      'discovery',
      'container',
    ]);
    expect(first).toMatchObject({ executor_id: '', labels: null, resources: { cpus: 1.25, disk: 0, gpus: 0, mem: 128, ports: '' } });
  });
});

describe('dcos service [list] (service_list.go)', () => {
  it('lists the active frameworks, %.1f resources (1.25 rounds to even), --inactive adds the others', async () => {
    const head = '    NAME      HOST    ACTIVE  TASKS  CPU   MEM   DISK  ID  ';
    expect((await mesos().dcos('dcos service list --inactive')).stdout).toBe(
      lines(
        head,
        '  marathon  master-1  True        2  1.2  128.0   0.0  F0  ',
        '  inactive  master-2  False       0  0.0    0.0   0.0  F1  ',
      ),
    );
    expect((await mesos().dcos('dcos service')).stderr).toBe(
      'Getting the list of services from `dcos service` is deprecated. Please use `dcos service list`.\n',
    );
    expect((await mesos().dcos('dcos service list -q')).stdout).toBe('marathon\n');
  });

  it('prints null with --json when no framework is active (a nil Go slice)', async () => {
    const idle = fixedApi({ '/mesos/master/state': json({ ...STATE, frameworks: [STATE.frameworks[1]] }) });
    expect((await idle.dcos('dcos service list --json')).stdout).toBe('null\n');
  });
});

describe('dcos node list-components, drain, deactivate, reactivate, decommission', () => {
  const units = { units: [{ id: 'dcos-mesos-slave.service', name: 'Mesos Agent', health: 0, description: 'agent' }] };

  it('lists the units of the leader or of an agent given by id; --mesos-id still works, with a deprecation warning', async () => {
    const { dcos, calls } = mesos({
      '/system/health/v1/nodes/10.0.0.11/units': json(units),
      '/system/health/v1/nodes/10.1.0.10/units': json(units),
    });
    expect(await dcos('dcos node list-components --leader')).toEqual({ stdout: 'dcos-mesos-slave.service\n', stderr: '', exitCode: 0 });
    expect(await dcos('dcos node list-components S0')).toEqual({ stdout: 'dcos-mesos-slave.service\n', stderr: '', exitCode: 0 });
    expect(await dcos('dcos node list-components --mesos-id=S0')).toEqual({
      stdout: 'dcos-mesos-slave.service\n',
      stderr: 'The --mesos-id option is deprecated, please pass an argument instead.\n',
      exitCode: 0,
    });
    expect(calls.map((c) => c.path)).toContain('/system/health/v1/nodes/10.1.0.10/units');
    expect((await dcos('dcos node list-components S0 --json')).stdout).toBe(
      '[\n    {\n        "id": "dcos-mesos-slave.service",\n        "health": 0,\n        "output": "",\n        "description": "agent",\n        "help": "",\n        "name": "Mesos Agent"\n    }\n]\n',
    );
    expect(await dcos('dcos node list-components')).toEqual(err("Error: '--leader' or '<mesos-id>' must be provided"));
    expect(await dcos('dcos node list-components --leader S0')).toEqual(
      err('Error: unable to use --leader and <mesos-id> at the same time'),
    );
    expect(await dcos('dcos node list-components a1')).toEqual(err("Error: agent 'a1' not found"));
  });

  it("sends the operator calls by Mesos id and words Mesos' 404 as the plugin does", async () => {
    const { dcos, calls } = mesos({ 'POST /mesos/api/v1': json('') });
    expect(await dcos('dcos node drain S0 --max-grace-period=1m30s')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(calls.at(-1)!.body).toEqual({
      type: 'DRAIN_AGENT',
      drain_agent: { agent_id: { value: 'S0' }, mark_gone: false, max_grace_period: { nanoseconds: 90e9 } },
    });
    await dcos('dcos node deactivate S1');
    expect(calls.at(-1)!.body).toEqual({ type: 'DEACTIVATE_AGENT', deactivate_agent: { agent_id: { value: 'S1' } } });
    const gone = fixedApi({ 'POST /mesos/api/v1': json("Agent 'S9' not found", 404) });
    expect(await gone.dcos('dcos node drain S9')).toEqual(err("Error: could not drain agent 'S9'"));
    expect(await gone.dcos('dcos node deactivate S9')).toEqual(err("Error: could not deactivate agent 'S9'"));
    expect(await gone.dcos('dcos node reactivate S9')).toEqual(err("Error: could not reactivate agent 'S9'"));
    expect(await gone.dcos('dcos node decommission S9')).toEqual(err("Error: could not mark agent 'S9' as gone"));
    expect(await fixedApi({ 'POST /mesos/api/v1': json('Unknown agent', 400) }).dcos('dcos node deactivate x')).toEqual(
      err('Error: HTTP 400 error'),
    );
    expect(await dcos('dcos node deactivate')).toEqual(err('Error: accepts 1 arg(s), received 0'));
  });

  it("reads --max-grace-period as Go's time.ParseDuration; --timeout is no flag of 2.2", async () => {
    const { dcos } = mesos({ 'POST /mesos/api/v1': json('') });
    expect(await dcos('dcos node drain S0 --max-grace-period=soon')).toEqual(
      err('Error: invalid argument "soon" for "--max-grace-period" flag: time: invalid duration "soon"'),
    );
    expect(await dcos('dcos node drain S0 --max-grace-period=5')).toEqual(
      err('Error: invalid argument "5" for "--max-grace-period" flag: time: missing unit in duration "5"'),
    );
    expect(await dcos('dcos node drain S0 --max-grace-period=5x')).toEqual(
      err('Error: invalid argument "5x" for "--max-grace-period" flag: time: unknown unit "x" in duration "5x"'),
    );
    expect(await dcos('dcos node drain S0 --timeout=1m')).toEqual(err('Error: unknown flag: --timeout'));
  });

  it('refuses what the sandbox cannot do: drain and decommission at once, waiting for the drain', async () => {
    const { dcos, calls } = mesos({ 'POST /mesos/api/v1': json('') });
    const both = await dcos('dcos node drain S0 --decommission');
    expect(both.exitCode).toBe(1);
    expect(both.stderr).toMatch(/^Error: the sandbox cannot .*\n$/);
    expect(calls).toEqual([]);
    const waited = await dcos('dcos node drain S0 --wait');
    expect(waited.stdout).toBe('Waiting for the agent to be drained...\n');
    expect(waited.exitCode).toBe(1);
    expect(waited.stderr).toMatch(/^Error: the sandbox cannot wait.*\n$/);
  });
});
