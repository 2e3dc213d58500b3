/**
 * What Marathon writes for resident apps and their tasks: the defaults (MA:src/main/scala/mesosphere/marathon/raml/
 * AppConversion.scala:75-91, 143-147), a persistent volume's shape (raml/VolumeConversion.scala:85-98, 138-139), and the
 * task fields in the RAML `Task` order with `localVolumes` and the instance's `role` (raml/TaskConversion.scala:22-65,
 * raml/LocalVolumeConversion.scala:5-11).
 */
import { describe, expect, it } from 'vitest';
import { resumeSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import { agent } from '../../support/cluster.ts';
import { appOf, boot, deployments, get, tasksOf, waitFor, type Json } from '../../support/marathon.ts';

async function cluster(apps: Json[]): Promise<Sandbox> {
  const sb = await boot([agent('a1', { cpus: 4, mem: 4096, disk: 10_000 })], { marathon: { role: 'slave_public' } });
  for (const app of apps) expect(sb.request({ method: 'POST', path: '/marathon/v2/apps', body: app }).status).toBe(201);
  waitFor(sb, () => deployments(sb).length === 0, 60_000);
  return sb;
}

const TASK_FIELDS = [
  'appId',
  'healthCheckResults',
  'host',
  'id',
  'ipAddresses',
  'ports',
  'servicePorts',
  'slaveId',
  'state',
  'stagedAt',
  'startedAt',
  'version',
  'localVolumes',
  'role',
];

describe('a resident app as Marathon writes it', () => {
  it('a persistent volume: type resolved, constraints always, maxSize and profileName only when set, mode in upper case', async () => {
    const volumes = [
      { containerPath: 'data', mode: 'rw', persistent: { size: 10 } },
      { containerPath: 'fast', mode: 'Rw', persistent: { size: 20, profileName: 'ssd' } },
      {
        containerPath: 'big',
        mode: 'RW',
        persistent: { type: 'MOUNT', size: 30, maxSize: 100, constraints: [['path', 'LIKE', '/mnt/.*']] },
      },
    ];
    const body = { id: '/db', cmd: 'run db', cpus: 0.1, mem: 32, container: { type: 'MESOS', volumes } };
    const posted = await cluster([]).then((sb) => ({ sb, answer: sb.request({ method: 'POST', path: '/marathon/v2/apps', body }) }));
    const expected = [
      { containerPath: 'data', persistent: { type: 'root', size: 10, constraints: [] }, mode: 'RW' },
      { containerPath: 'fast', persistent: { type: 'mount', size: 20, profileName: 'ssd', constraints: [] }, mode: 'RW' },
      {
        containerPath: 'big',
        persistent: { type: 'mount', size: 30, maxSize: 100, constraints: [['path', 'LIKE', '/mnt/.*']] },
        mode: 'RW',
      },
    ];
    expect((posted.answer.body as Json).container.volumes).toEqual(expected);
    const app = appOf(posted.sb, '/db');
    expect(app.container.volumes).toEqual(expected);
    expect(app.container.volumes.map((v: Json) => Object.keys(v.persistent))).toEqual([
      ['type', 'size', 'constraints'],
      ['type', 'size', 'profileName', 'constraints'],
      ['type', 'size', 'maxSize', 'constraints'],
    ]);
    expect(app.upgradeStrategy).toEqual({ maximumOverCapacity: 0, minimumHealthCapacity: 0.5 });
    expect(app.unreachableStrategy).toBe('disabled');
    expect(app.residency).toEqual({ relaunchEscalationTimeoutSeconds: 3600, taskLostBehavior: 'WAIT_FOREVER' });
  });

  it('an external volume: the resident upgrade strategy, but the usual unreachable strategy and no residency; a host volume mode in upper case', async () => {
    const external = {
      containerPath: 'ext',
      mode: 'rw',
      external: { name: 'vol1', provider: 'dvdi', options: { 'dvdi/driver': 'rexray' } },
    };
    const host = { containerPath: '/etc/x', hostPath: '/etc/x', mode: 'ro' };
    const sb = await cluster([{ id: '/ext', cmd: 'run', cpus: 0.1, mem: 32, container: { type: 'MESOS', volumes: [external, host] } }]);
    const app = appOf(sb, '/ext');
    expect(app.upgradeStrategy).toEqual({ maximumOverCapacity: 0, minimumHealthCapacity: 0.5 });
    expect(app.unreachableStrategy).toEqual({ inactiveAfterSeconds: 0, expungeAfterSeconds: 0 });
    expect(app).not.toHaveProperty('residency');
    expect(app.container.volumes.map((v: Json) => v.mode)).toEqual(['RW', 'RO']);
  });

  it('a posted upgrade strategy is kept; an app without volumes gets {1, 1} and no residency', async () => {
    const resident = {
      id: '/db',
      cmd: 'run db',
      cpus: 0.1,
      mem: 32,
      upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 0 },
      container: { type: 'MESOS', volumes: [{ containerPath: 'data', mode: 'RW', persistent: { size: 10 } }] },
    };
    const sb = await cluster([resident, { id: '/web', cmd: 'serve', cpus: 0.1, mem: 32 }]);
    expect(appOf(sb, '/db').upgradeStrategy).toEqual({ maximumOverCapacity: 0, minimumHealthCapacity: 1 });
    expect(appOf(sb, '/web').upgradeStrategy).toEqual({ maximumOverCapacity: 1, minimumHealthCapacity: 1 });
    expect(appOf(sb, '/web')).not.toHaveProperty('residency');
  });
});

describe('task JSON', () => {
  const DB = {
    id: '/db',
    cmd: 'run db',
    cpus: 0.1,
    mem: 32,
    container: { type: 'MESOS', volumes: [{ containerPath: 'data', mode: 'RW', persistent: { size: 10 } }] },
  };

  it("writes the RAML Task fields in order: healthCheckResults and localVolumes always, the app's role", async () => {
    const sb = await cluster([DB, { id: '/web', cmd: 'serve', cpus: 0.1, mem: 32 }]);
    waitFor(sb, () => tasksOf(sb, '/db')[0]?.state === 'TASK_RUNNING' && tasksOf(sb, '/web')[0]?.state === 'TASK_RUNNING', 60_000);
    const byApp = (id: string) => get(sb, '/marathon/v2/tasks').tasks.find((t: { appId: string }) => t.appId === id);
    for (const task of [tasksOf(sb, '/db')[0]!, byApp('/db'), appOf(sb, '/db').tasks[0]]) {
      expect(Object.keys(task)).toEqual(TASK_FIELDS);
      expect(task).toMatchObject({ appId: '/db', healthCheckResults: [], role: 'slave_public' });
      expect(task.localVolumes).toEqual([expect.objectContaining({ runSpecId: '/db', containerPath: 'data' })]);
    }
    for (const task of [tasksOf(sb, '/web')[0]!, byApp('/web')]) {
      expect(Object.keys(task)).toEqual(TASK_FIELDS);
      expect(task.localVolumes).toEqual([]);
    }
  });

  it("lists the instance's reservation's volumes and keeps the instance's own role", async () => {
    const sb = await cluster([DB]);
    waitFor(sb, () => tasksOf(sb, '/db')[0]?.state === 'TASK_RUNNING', 60_000);
    // The engine attaches reservations to resident instances; here one is put in a snapshot and the cluster resumed from it.
    const snapshot = sb.snapshot();
    const instance = Object.values(snapshot.cluster.marathon.instances)[0]!;
    const uuid = '6a0c1ad0-0f43-11eb-9b7a-0242ac110002';
    const volumeId = { runSpecId: '/db', containerPath: 'data', uuid, persistenceId: `db#data#${uuid}` };
    instance.reservation = { volumeIds: [volumeId], state: 'New', timeoutAt: null, launched: true };
    instance.role = 'old-role';
    const resumed = await resumeSandbox(sb.scenario(), snapshot);
    const [task] = tasksOf(resumed, '/db');
    expect(task!.localVolumes).toEqual([{ runSpecId: '/db', containerPath: 'data', uuid, persistenceId: `db#data#${uuid}` }]);
    expect(Object.keys(task!.localVolumes[0])).toEqual(['runSpecId', 'containerPath', 'uuid', 'persistenceId']);
    expect(task!.role).toBe('old-role');
    expect(Object.keys(task!)).toEqual(TASK_FIELDS);
    // The app keeps its own role.
    expect(appOf(resumed, '/db').role).toBe('slave_public');
  });
});
