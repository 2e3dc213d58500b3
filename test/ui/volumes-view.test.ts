/**
 * Where the UI shows stateful storage: an app's Volumes tab (external volumes of the definition, then each
 * task's local volumes, by id, Attached while the task has started) and an agent's reservations and
 * volumes read from `reserved_resources_full` of GET /mesos/master/slaves.
 */
import { describe, expect, it } from 'vitest';
import { agentStorage } from '../../src/ui/pages/nodes/agent-storage.ts';
import { hasVolumeRows, readApp } from '../../src/ui/pages/services/marathon-read.ts';
import { volumeRows } from '../../src/ui/pages/services/volume-rows.ts';

const local = (uuid: string): Record<string, string> => ({
  runSpecId: '/db',
  containerPath: 'data',
  uuid,
  persistenceId: `db#data#${uuid}`,
});

const task = (id: string, host: string, uuid: string, startedAt?: string): Record<string, unknown> => ({
  id,
  appId: '/db',
  host,
  state: startedAt ? 'TASK_RUNNING' : 'TASK_KILLED',
  ...(startedAt ? { startedAt } : {}),
  ports: [],
  ipAddresses: [],
  localVolumes: [local(uuid)],
});

describe('the Volumes tab', () => {
  const app = readApp({
    id: '/db',
    container: {
      type: 'MESOS',
      volumes: [
        { containerPath: 'data', persistent: { type: 'root', size: 1024, constraints: [] }, mode: 'RW' },
        { containerPath: 'ext', external: { name: 'aaa-ext', provider: 'dvdi', options: {}, size: 5 }, mode: 'RW' },
        { containerPath: 'logs', hostPath: '/var/log', mode: 'RO' },
      ],
    },
    tasks: [task('db.t2', 'a2', 'u2'), task('db.t1', 'a1', 'u1', '2026-01-01T00:00:00.000Z')],
  })!;

  it('reads each task’s local volumes', () => {
    expect(app.tasks[0]!.localVolumes).toEqual([local('u2')]);
  });

  it('lists external volumes and the tasks’ local volumes by id, with mode and size from the definition', () => {
    expect(volumeRows(app)).toEqual([
      {
        id: 'aaa-ext',
        type: 'External',
        host: '',
        profile: 'Not Available',
        containerPath: 'ext',
        size: 5,
        mode: 'RW',
        status: 'N/A',
      },
      {
        id: 'db#data#u1',
        type: 'Persistent',
        host: 'a1',
        profile: 'Not Available',
        containerPath: 'data',
        size: 1024,
        mode: 'RW',
        status: 'Attached',
        taskId: 'db.t1',
      },
      {
        id: 'db#data#u2',
        type: 'Persistent',
        host: 'a2',
        profile: 'Not Available',
        containerPath: 'data',
        size: 1024,
        mode: 'RW',
        status: 'Detached',
        taskId: 'db.t2',
      },
    ]);
    expect(hasVolumeRows(app)).toBe(true);
  });

  it('has no rows (and no tab) for a host volume alone, or a persistent volume no task holds yet', () => {
    const none = readApp({
      id: '/db',
      container: {
        volumes: [
          { containerPath: 'data', persistent: { size: 1 }, mode: 'RW' },
          { containerPath: 'l', hostPath: '/l', mode: 'RO' },
        ],
      },
      tasks: [{ id: 't', host: 'a1', state: 'TASK_STAGING', localVolumes: [] }],
    })!;
    expect(volumeRows(none)).toEqual([]);
    expect(hasVolumeRows(none)).toBe(false);
    // A task body without the field (an older answer) holds none.
    expect(readApp({ id: '/x', tasks: [{ id: 't', host: 'a1', state: 'TASK_RUNNING' }] })!.tasks[0]!.localVolumes).toEqual([]);
  });

  it('shows a profile the definition names', () => {
    const dss = readApp({
      id: '/db',
      container: { volumes: [{ containerPath: 'data', persistent: { type: 'mount', size: 1, profileName: 'fast' }, mode: 'RW' }] },
      tasks: [task('db.t1', 'a1', 'u1')],
    })!;
    expect(volumeRows(dss)[0]).toMatchObject({ profile: 'fast', size: 1 });
  });
});

describe('an agent’s reservations and volumes', () => {
  const labels = { labels: [{ key: 'marathon_task_id', value: 'db.instance-1' }] };
  const agent = {
    id: 'S1',
    reserved_resources: {},
    reserved_resources_full: {
      slave_public: [
        {
          name: 'disk',
          type: 'SCALAR',
          scalar: { value: 1024 },
          role: 'slave_public',
          reservation: { principal: 'dcos_marathon', labels },
          reservations: [{ type: 'DYNAMIC', role: 'slave_public', principal: 'dcos_marathon', labels }],
          disk: {
            persistence: { id: 'db#data#u1', principal: 'dcos_marathon' },
            volume: { mode: 'RW', container_path: 'data' },
            source: { type: 'MOUNT', mount: { root: '/dcos/volume0' } },
          },
        },
        {
          name: 'ports',
          type: 'RANGES',
          ranges: { range: [{ begin: 31000, end: 31005 }] },
          reservations: [{ type: 'STATIC', role: 'slave_public' }],
        },
      ],
      ads: [
        {
          name: 'cpus',
          type: 'SCALAR',
          scalar: { value: 8 },
          role: 'ads',
          reservation: { principal: 'ops' },
          reservations: [{ type: 'DYNAMIC', role: 'ads', principal: 'ops' }],
        },
      ],
    },
  };

  it('lists the reserved resources role by role, and the volumes with their source', () => {
    const storage = agentStorage(agent)!;
    expect(storage.reservations).toEqual([
      { role: 'ads', resource: 'cpus', amount: '8', type: 'Dynamic', principal: 'ops' },
      { role: 'slave_public', resource: 'disk', amount: '1 GiB', type: 'Dynamic', principal: 'dcos_marathon', volume: 'db#data#u1' },
      { role: 'slave_public', resource: 'ports', amount: '[31000-31005]', type: 'Static', principal: '' },
    ]);
    expect(storage.volumes).toEqual([
      {
        persistenceId: 'db#data#u1',
        role: 'slave_public',
        size: 1024,
        containerPath: 'data',
        mode: 'RW',
        source: 'MOUNT /dcos/volume0',
        principal: 'dcos_marathon',
      },
    ]);
  });

  it('says nothing for an agent without the full listing', () => {
    expect(agentStorage({ id: 'S1', reserved_resources: {} })).toBeNull();
  });
});
