/**
 * Updating a resident app (persistent volumes) through `/marathon/v2/apps/{id}` and `/marathon/v2/groups`: Marathon's
 * deployment-plan validator (`AppDefinition.residentUpdateIsValid`, MA:src/main/scala/mesosphere/marathon/state/
 * AppDefinition.scala:666-710; `DeploymentPlan.deploymentPlanValidator`, core/deployment/DeploymentPlan.scala:365-369)
 * answers 422 with paths under `/app(<index>)`, whatever `force` says. And the role of a resident app
 * (AppDefinition.scala:511-516, util/RoleSettings.scala:86-89).
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { agent } from '../../support/cluster.ts';
import { appOf, boot, deployments, waitFor, type Json } from '../../support/marathon.ts';

const RESOURCES =
  'Services with persistent volumes configured may not change resource requirements. If you need to make this change, please create a new service.';
const HOST_PORTS =
  'Services with persistent volumes configured may not change host ports. If you need to make this change, please create a new service.';
const VOLUMES = 'Persistent volumes can not be changed!';

const volume = (size = 10): Json => ({ containerPath: 'data', mode: 'RW', persistent: { size } });
const DB: Json = { id: '/db', cmd: 'run db', cpus: 0.1, mem: 32, container: { type: 'MESOS', volumes: [volume()] } };

async function cluster(apps: Json[] = [DB]): Promise<Sandbox> {
  const sb = await boot([agent('a1', { cpus: 4, mem: 4096, disk: 10_000 })], { marathon: { role: 'slave_public' } });
  for (const app of apps) expect(sb.request({ method: 'POST', path: '/marathon/v2/apps', body: app }).status).toBe(201);
  waitFor(sb, () => deployments(sb).length === 0, 60_000);
  return sb;
}

const refused = (details: Json[]) => ({ status: 422, body: { message: 'Object is not valid', details } });

describe('updating a resident app (residentUpdateIsValid)', () => {
  it('refuses a change of cpus, mem, disk or requirePorts, each at its path, on PUT and PATCH, even with force', async () => {
    const sb = await cluster();
    const put = (body: Json, query = '') => sb.request({ method: 'PUT', path: `/marathon/v2/apps/db${query}`, body });
    expect(put({ cpus: 0.2 })).toEqual(refused([{ path: '/app(0)/cpus', errors: [RESOURCES] }]));
    expect(put({ cpus: 0.2 }, '?force=true')).toEqual(refused([{ path: '/app(0)/cpus', errors: [RESOURCES] }]));
    expect(sb.request({ method: 'PATCH', path: '/marathon/v2/apps/db', body: { mem: 64, disk: 5 } })).toEqual(
      refused([
        { path: '/app(0)/mem', errors: [RESOURCES] },
        { path: '/app(0)/disk', errors: [RESOURCES] },
      ]),
    );
    expect(put({ requirePorts: true })).toEqual(refused([{ path: '/app(0)/requirePorts', errors: [RESOURCES] }]));
    // Nothing was deployed.
    expect(deployments(sb)).toEqual([]);
    expect(appOf(sb, '/db')).toMatchObject({ cpus: 0.1, mem: 32, disk: 0, requirePorts: false });
  });

  it('refuses a changed persistent volume and changed host ports at the app itself', async () => {
    const sb = await cluster();
    const put = (body: Json) => sb.request({ method: 'PUT', path: '/marathon/v2/apps/db', body });
    expect(put({ container: { type: 'MESOS', volumes: [volume(20)] } })).toEqual(refused([{ path: '/app(0)', errors: [VOLUMES] }]));
    expect(put({ container: { type: 'MESOS', volumes: [volume(), { ...volume(), containerPath: 'logs' }] } })).toEqual(
      refused([{ path: '/app(0)', errors: [VOLUMES] }]),
    );
    // Host networking: the port definitions' ports (service ports once assigned) are the host ports.
    expect(put({ portDefinitions: [{ port: 0 }, { port: 0 }] })).toEqual(refused([{ path: '/app(0)', errors: [HOST_PORTS] }]));
    expect(put({ portDefinitions: [] })).toEqual(refused([{ path: '/app(0)', errors: [HOST_PORTS] }]));
  });

  it('lets a scale change and a re-post of the same definition through (a port 0 gets its old service port back)', async () => {
    const sb = await cluster();
    expect(sb.request({ method: 'PUT', path: '/marathon/v2/apps/db', body: { instances: 2 } }).status).toBe(200);
    waitFor(sb, () => deployments(sb).length === 0, 60_000);
    // The volume as posted in lower case and without a type is the same volume as stored.
    const same = {
      ...DB,
      instances: 2,
      container: { type: 'MESOS', volumes: [{ ...volume(), mode: 'rw' }] },
      portDefinitions: [{ port: 0 }],
    };
    const again = sb.request({ method: 'PUT', path: '/marathon/v2/apps/db?partialUpdate=false', body: same });
    expect(again.status).toBe(200);
    expect(appOf(sb, '/db').portDefinitions[0].port).toBe(10000);
  });

  it('refuses an existing app gaining its first persistent volume, and a resident app losing its volume', async () => {
    const sb = await cluster([DB, { id: '/web', cmd: 'serve', cpus: 0.1, mem: 32 }]);
    const full = (id: string, body: Json) => sb.request({ method: 'PUT', path: `/marathon/v2/apps/${id}?partialUpdate=false`, body });
    expect(full('web', { id: '/web', cmd: 'serve', cpus: 0.1, mem: 32, container: { type: 'MESOS', volumes: [volume()] } })).toEqual(
      refused([{ path: '/app(0)', errors: [VOLUMES] }]),
    );
    // Without volumes the app gets the upgrade strategy of other apps, {1, 1}: residents must not over-provision.
    expect(full('db', { id: '/db', cmd: 'run db', cpus: 0.1, mem: 32 })).toEqual(
      refused([
        { path: '/app(0)', errors: [VOLUMES] },
        { path: '/app(0)/upgradeStrategy/maximumOverCapacity', errors: ['got 1.0, expected 0.0'] },
      ]),
    );
  });

  it('checks the apps a group update changes, indexed among them, and leaves non-resident apps alone', async () => {
    const inGroup = { ...DB, id: '/dev/db' };
    const sb = await cluster([inGroup, { id: '/dev/web', cmd: 'serve', cpus: 0.1, mem: 32 }]);
    const body = {
      id: '/dev',
      apps: [
        { id: 'web', cmd: 'serve', cpus: 0.2, mem: 32 },
        { id: 'db', cmd: 'run db', cpus: 0.1, mem: 64, container: { type: 'MESOS', volumes: [volume()] } },
      ],
    };
    expect(sb.request({ method: 'PUT', path: '/marathon/v2/groups/dev', body })).toEqual(
      refused([{ path: '/app(1)/mem', errors: [RESOURCES] }]),
    );
    const onlyWeb = { ...body, apps: [body.apps[0], { ...body.apps[1], mem: 32 }] };
    expect(sb.request({ method: 'PUT', path: '/marathon/v2/groups/dev', body: onlyWeb }).status).toBe(200);
  });
});

describe('the role of a resident app', () => {
  it('changes only with force: without, Marathon says the reservations keep the old role', async () => {
    const sb = await cluster([]);
    expect(sb.request({ method: 'PUT', path: '/marathon/v2/groups/dev', body: { id: '/dev', enforceRole: false } }).status).toBe(200);
    waitFor(sb, () => deployments(sb).length === 0, 60_000);
    expect(sb.request({ method: 'POST', path: '/marathon/v2/apps', body: { ...DB, id: '/dev/db' } }).status).toBe(201);
    waitFor(sb, () => deployments(sb).length === 0, 60_000);
    expect(appOf(sb, '/dev/db').role).toBe('slave_public');
    const put = (query: string) => sb.request({ method: 'PUT', path: `/marathon/v2/apps/dev/db${query}`, body: { role: 'dev' } });
    expect(put('')).toEqual(
      refused([
        {
          path: '/role',
          errors: [
            'It is not possible to change the role for existing reservations. If you proceed with this change, all existing ' +
              'instances will continue to run under the previous role, slave_public. Only new instances will be allocated with ' +
              'the new role, dev. In order to continue, retry your request with ?force=true',
          ],
        },
      ]),
    );
    expect(put('?force=true').status).toBe(200);
    expect(appOf(sb, '/dev/db').role).toBe('dev');
  });
});
