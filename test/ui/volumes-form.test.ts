/**
 * The app form's Volumes section: rows read from `container.volumes` and written back as DC/OS UI's reducer
 * writes them (a new persistent volume without `type`, an external one through DVDI and REX-Ray, a host
 * volume with its mode), what the form does not show kept, and Marathon's 422 details placed on the rows.
 */
import { describe, expect, it } from 'vitest';
import { fieldErrors, formFromJson, jsonFromForm } from '../../src/ui/pages/services/app-form.ts';
import { networkFromJson, withNetwork } from '../../src/ui/pages/services/network-form.ts';
import { newVolume, switchKind, volumesFromJson, withVolumes, type VolumeRow } from '../../src/ui/pages/services/volume-form.ts';
import { boot, post, type Json } from '../support/marathon.ts';

/** What the app form sends: its main fields, its Network section, then its Volumes section, over `base`. */
function read(base: Json, rows: readonly VolumeRow[], runtime?: 'DOCKER'): Json {
  const form = formFromJson(base);
  if (runtime) form.runtime = runtime;
  const out = jsonFromForm(form, base);
  withNetwork(out, networkFromJson(base), base);
  withVolumes(out, rows, base);
  return out;
}

const BASE = { id: '/db', cmd: 'sleep 3600', cpus: 0.1, mem: 128 };

describe('the app form’s volumes', () => {
  it('writes new rows as DC/OS UI does: persistent without a type, external through DVDI, host with its mode', () => {
    const local = { ...newVolume(), containerPath: 'data', size: '1024' };
    const external = { ...switchKind(newVolume(), 'external'), name: 'pg', containerPath: 'ext', size: '5' };
    const host = { ...switchKind(newVolume(), 'host'), hostPath: '/var/log', containerPath: 'logs', mode: 'RO' as const };
    expect(read(BASE, [local, external, host])).toEqual({
      ...BASE,
      container: {
        type: 'MESOS',
        volumes: [
          { containerPath: 'data', persistent: { size: 1024 }, mode: 'RW' },
          { containerPath: 'ext', external: { name: 'pg', provider: 'dvdi', options: { 'dvdi/driver': 'rexray' }, size: 5 }, mode: 'RW' },
          { containerPath: 'logs', hostPath: '/var/log', mode: 'RO' },
        ],
      },
    });
  });

  it('reads Marathon’s read shape and writes it back unchanged, secret and CSI volumes included', () => {
    const app = {
      ...BASE,
      container: {
        type: 'DOCKER',
        docker: { image: 'postgres:16' },
        volumes: [
          { containerPath: 'data', persistent: { type: 'root', size: 1024, constraints: [] }, mode: 'RW' },
          { containerPath: 'ext', external: { name: 'pg', provider: 'dvdi', options: { 'dvdi/driver': 'rexray' } }, mode: 'RW' },
          { containerPath: 'logs', hostPath: '/var/log', mode: 'RO' },
          { containerPath: 'pw', secret: 'db-password' },
          { containerPath: 'csi', external: { name: 'c', provider: 'csi', options: { pluginName: 'p' } }, mode: 'RW' },
        ],
      },
    };
    const rows = volumesFromJson(app);
    expect(rows.map((r) => [r.kind, r.containerPath, r.size, r.mode])).toEqual([
      ['persistent', 'data', '1024', 'RW'],
      ['external', 'ext', '', 'RW'],
      ['host', 'logs', '', 'RO'],
      ['other', 'pw', '', 'RW'],
      ['other', 'csi', '', 'RW'],
    ]);
    expect(read(app, rows)).toEqual(app);
  });

  it('keeps what it does not edit when a field changes, and drops the old kind’s fields when the kind does', () => {
    const app = {
      ...BASE,
      container: {
        type: 'MESOS',
        volumes: [{ containerPath: 'data', persistent: { type: 'mount', size: 512, profileName: 'fast' }, mode: 'RW' }],
      },
    };
    const [row] = volumesFromJson(app);
    expect(read(app, [{ ...row!, size: '2048' }]).container).toEqual({
      type: 'MESOS',
      volumes: [{ containerPath: 'data', persistent: { type: 'mount', size: 2048, profileName: 'fast' }, mode: 'RW' }],
    });
    const host = { ...switchKind(row!, 'host'), hostPath: '/srv' };
    expect(host.size).toBe('');
    expect(read(app, [host]).container).toEqual({ type: 'MESOS', volumes: [{ containerPath: 'data', mode: 'RW', hostPath: '/srv' }] });
  });

  it('leaves the container alone without volumes, and clears them when every row is removed', () => {
    expect(read(BASE, [])).toEqual(BASE);
    const app = { ...BASE, container: { type: 'MESOS', volumes: [{ containerPath: 'data', persistent: { size: 1 }, mode: 'RW' }] } };
    expect(read(app, []).container).toEqual({ type: 'MESOS', volumes: [] });
  });

  it('drops an external volume’s size for the Docker runtime, which mounts it at its default size', () => {
    const app = { ...BASE, container: { type: 'DOCKER', docker: { image: 'redis' } } };
    const ext = { ...switchKind(newVolume(), 'external'), name: 'r', containerPath: '/data', size: '3' };
    expect(read(app, [ext]).container).toMatchObject({ volumes: [{ external: { name: 'r', provider: 'dvdi' } }] });
    expect(JSON.stringify(read(app, [ext]))).not.toContain('"size"');
  });

  it('puts Marathon’s details on the volume rows’ fields', () => {
    const errors = fieldErrors([
      { path: '/container/volumes(0)/containerPath', errors: ['error.minLength'] },
      { path: '/container/volumes(1)/persistent/size', errors: ['error.min'] },
      { path: '/container/volumes(2)/external/name', errors: ['must not be empty'] },
      { path: '/container/volumes(2)/persistent/type', errors: ['odd'] },
      { path: '/container/volumes', errors: ['Persistent volumes can not be changed!'] },
      { path: '/container/docker/image', errors: ['error.path.missing'] },
    ]);
    expect(errors.byField).toEqual({
      'volume(0)/containerPath': ['is too short (or empty)'],
      'volume(1)/size': ['is below the minimum'],
      'volume(2)/name': ['must not be empty'],
      'volume(2)': ['odd'],
      volumes: ['Persistent volumes can not be changed!'],
      image: ['is required'],
    });
  });

  it('sends what the API accepts, and its answer on a bad row lands on that row', async () => {
    const agents = [{ hostname: 'a1', resources: { cpus: 4, mem: 4096, disk: 4000, ports: [[31000, 31100]] } }];
    const sb = await boot(agents, { marathon: { role: 'slave_public' } });
    const good = read(BASE, [{ ...newVolume(), containerPath: 'data', size: '100' }]);
    expect(post(sb, '/marathon/v2/apps', good).status).toBe(201);
    const bad = post(sb, '/marathon/v2/apps', read({ ...BASE, id: '/db2' }, [{ ...newVolume(), containerPath: 'a/b', size: '10' }]));
    expect(bad.status).toBe(422);
    const placed = Object.keys(fieldErrors((bad.body as { details: Array<{ path: string; errors: string[] }> }).details).byField);
    expect(placed).toEqual(['volume(0)/containerPath']);
  });
});
