/**
 * The CLI on a resident app (docs/storage-sources-marathon.md §6), after dcos-core-cli 2.2-patch.0:
 * `dcos marathon app show` re-encodes through go-marathon (vendor/github.com/gambol99/go-marathon/docker.go,
 * residency.go, task.go, upgrade_strategy.go); `task list|stop|kill` are the Python CLI (dcoscli/tables.py
 * `app_task_table`, dcos/marathon.py `stop_task`, `kill_and_scale_tasks`); `dcos node list --json` prints Mesos'
 * agents as pkg/mesos/types.go `Slave`, `reserved_resources` included.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { agent } from '../support/cluster.ts';
import { appOf, boot, tasksOf, waitFor, type Json } from '../support/marathon.ts';
import { cli, fixedApi, json, rowsOf } from './support.ts';

const DB = {
  id: '/db',
  cmd: 'postgres',
  cpus: 0.5,
  mem: 256,
  disk: 100,
  container: { type: 'MESOS', volumes: [{ containerPath: 'data', mode: 'RW', persistent: { size: 1024 } }] },
};

/** DC/OS's Marathon (role slave_public) with /db running on its volume. */
async function running(): Promise<Sandbox> {
  const agents = [1, 2, 3].map((i) => agent(`a${i}`, { cpus: 4, mem: 4096, disk: 20_000 }));
  const sb = await boot(agents, { marathon: { role: 'slave_public' } });
  expect((await cli(sb)(`dcos marathon app add ${JSON.stringify(DB)}`)).exitCode).toBe(0);
  waitFor(sb, () => appOf(sb, '/db').tasksRunning === 1 && appOf(sb, '/db').deployments.length === 0, 60_000);
  return sb;
}

const parse = (stdout: string): Json => JSON.parse(stdout) as Json;

/** `reserved_resources` of each agent as `dcos node list --json` prints it. */
async function reserved(sb: Sandbox): Promise<Record<string, Json>> {
  const nodes = parse((await cli(sb)('dcos node list --json')).stdout) as Json[];
  return Object.fromEntries(nodes.filter((n) => n['type'] === 'agent').map((n) => [n['hostname'], n['reserved_resources']]));
}

describe('dcos marathon app show of a resident app', () => {
  it('writes the volume, residency, strategy and tasks as go-marathon declares them: no profileName, no localVolumes', async () => {
    const sb = await running();
    const dcos = cli(sb);
    const app = parse((await dcos('dcos marathon app show /db')).stdout);
    const [volume] = app['container'].volumes as Json[];
    expect(Object.keys(volume!)).toEqual(['containerPath', 'mode', 'persistent']);
    // maxSize is left out when 0; constraints is a pointer, so an empty list is written.
    expect(JSON.stringify(volume!['persistent'])).toBe('{"type":"root","size":1024,"constraints":[]}');
    expect(JSON.stringify(app['residency'])).toBe('{"taskLostBehavior":"WAIT_FOREVER","relaunchEscalationTimeoutSeconds":3600}');
    expect(JSON.stringify(app['upgradeStrategy'])).toBe('{"minimumHealthCapacity":0.5,"maximumOverCapacity":0}');
    const [task] = app['tasks'] as Json[];
    expect(Object.keys(task!)).toEqual([
      'id',
      'appId',
      'host',
      'healthCheckResults',
      'ports',
      'servicePorts',
      'slaveId',
      'stagedAt',
      'startedAt',
      'state',
      'ipAddresses',
      'version',
    ]);
    expect(task!['state']).toBe('TASK_RUNNING');
    // Marathon itself writes the volumes on the task.
    expect(tasksOf(sb, '/db')[0]!['localVolumes']).toHaveLength(1);
  });

  it('keeps maxSize and constraints of a mount volume and drops its profileName', async () => {
    const volume = {
      containerPath: 'fast',
      mode: 'RW',
      persistent: { type: 'mount', size: 10, maxSize: 20, profileName: 'ssd', constraints: [['path', 'LIKE', '/mnt/.*']] },
    };
    const { dcos } = fixedApi({
      '/marathon/v2/apps/fast': json({ app: { id: '/fast', container: { type: 'MESOS', volumes: [volume] } } }),
    });
    const { stdout } = await dcos('dcos marathon app show fast');
    expect(parse(stdout)['container'].volumes).toEqual([
      {
        containerPath: 'fast',
        mode: 'RW',
        persistent: { type: 'mount', size: 10, maxSize: 20, constraints: [['path', 'LIKE', '/mnt/.*']] },
      },
    ]);
    expect(stdout).not.toContain('profileName');
  });
});

describe('dcos marathon task list of a resident app', () => {
  it('the table has no reservation column; --json carries localVolumes and role, also for the task kept at 0 instances', async () => {
    const sb = await running();
    const dcos = cli(sb);
    const [task] = tasksOf(sb, '/db');
    const [header, row] = rowsOf((await dcos('dcos marathon task list')).stdout);
    expect(header).toEqual(['APP', 'HEALTHY', 'STARTED', 'HOST', 'ID', 'ROLE']);
    expect(row).toEqual(['/db', 'True', task!['startedAt'], task!['host'], task!['id'], 'slave_public']);
    const [listed] = parse((await dcos('dcos marathon task list --json')).stdout) as Json[];
    expect(listed!['localVolumes']).toEqual(task!['localVolumes']);
    expect(listed!['role']).toBe('slave_public');

    expect((await dcos('dcos marathon app update /db instances=0')).exitCode).toBe(0);
    waitFor(sb, () => appOf(sb, '/db').deployments.length === 0, 60_000);
    const [parked] = parse((await dcos('dcos marathon task list /db --json')).stdout) as Json[];
    expect(parked).toMatchObject({ id: task!['id'], state: 'TASK_KILLED', localVolumes: task!['localVolumes'], role: 'slave_public' });
    expect((await reserved(sb))[task!['host']]).toMatchObject({ slave_public: { cpus: 0.5, mem: 256, disk: 1124 } });
  });

  it('STARTED is N/A for a task Marathon writes without startedAt (a waiting resident task), HEALTHY True without checks', async () => {
    const tasks = [{ appId: '/db', id: 'db.1', host: 'a1', state: 'TASK_KILLED', role: 'slave_public', localVolumes: [] }];
    const { dcos } = fixedApi({ '/marathon/v2/tasks': json({ tasks }) });
    expect(rowsOf((await dcos('dcos marathon task list')).stdout)[1]).toEqual(['/db', 'True', 'N/A', 'a1', 'db.1', 'slave_public']);
  });
});

describe('dcos marathon task stop|kill --wipe', () => {
  it('sends wipe=true to /v2/tasks/delete with the ids, as the Python CLI does', async () => {
    const { calls, dcos } = fixedApi({
      '/marathon/v2/tasks/delete?wipe=true': json({ tasks: [{ id: 'db.1' }] }),
    });
    expect((await dcos('dcos marathon task stop --wipe db.1')).stdout).toBe('{\n  "id": "db.1"\n}\n');
    expect((await dcos('dcos marathon task kill --wipe db.1')).stdout).toBe("Killed tasks: ['db.1']\n");
    expect(calls.map((c) => [c.method, c.path, c.body])).toEqual([
      ['POST', '/marathon/v2/tasks/delete?wipe=true', { ids: ['db.1'] }],
      ['POST', '/marathon/v2/tasks/delete?wipe=true', { ids: ['db.1'] }],
    ]);
  });

  it('wipes the kept volume of a scaled-down app: the task goes and so does the reservation', async () => {
    const sb = await running();
    const dcos = cli(sb);
    const [task] = tasksOf(sb, '/db');
    await dcos('dcos marathon app update /db instances=0');
    waitFor(sb, () => appOf(sb, '/db').deployments.length === 0, 60_000);
    const stopped = await dcos(`dcos marathon task stop --wipe ${task!['id']}`);
    expect(parse(stopped.stdout)).toMatchObject({ id: task!['id'], localVolumes: task!['localVolumes'] });
    expect((await dcos('dcos marathon task list /db')).stdout).toBe('');
    const state = () => sb.request({ method: 'GET', path: '/mesos/master/state' }).body as Json;
    const slave = (): Json => (state()['slaves'] as Json[]).find((a) => a['hostname'] === task!['host'])!;
    // The reservation goes when an offer brings it back to Marathon, which answers DESTROY and UNRESERVE.
    waitFor(sb, () => Object.keys(slave()['reserved_resources'] as Json).length === 0, 60_000);
    expect((await reserved(sb))[task!['host']]).toEqual({});
  });

  it("a running task wiped is replaced by a new instance with a new volume; --scale with --wipe is Marathon's 400", async () => {
    const sb = await running();
    const dcos = cli(sb);
    const [before] = tasksOf(sb, '/db');
    expect(await dcos(`dcos marathon task kill --wipe ${before!['id']}`)).toMatchObject({ exitCode: 0 });
    waitFor(sb, () => tasksOf(sb, '/db').some((t) => t['state'] === 'TASK_RUNNING' && t['id'] !== before!['id']), 120_000);
    const [after] = parse((await dcos('dcos marathon task list --json')).stdout) as Json[];
    expect(after!['localVolumes'][0].persistenceId).not.toBe(before!['localVolumes'][0].persistenceId);
    const refused = await dcos(`dcos marathon task kill --scale --wipe ${String(after!['id'])}`);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toBe(
      'Error on request [POST https://master.mesos/service/marathon/v2/tasks/delete?scale=True&wipe=True]: HTTP 400: Bad Request:\n' +
        '{\n  "message": "You cannot use scale and wipe at the same time."\n}\n',
    );
  });
});
