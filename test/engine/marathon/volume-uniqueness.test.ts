/**
 * One app per single-attach external volume, over the whole root group (`ProviderValidationHelpers.validateUniqueVolumes`;
 * cases of Marathon's `DVDIProviderRootGroupValidationTest`), and through the API: the app posted second is refused,
 * with the app already there named too.
 */
import { describe, expect, it } from 'vitest';
import { volumeUniquenessViolations } from '../../../src/common/marathon/volume-uniqueness.ts';
import { agent } from '../../support/cluster.ts';
import { boot, post, type Json } from '../../support/marathon.ts';

const dvdi = (id: string, name: string, shared = false): Json => ({
  id,
  cmd: 'sleep 123',
  cpus: 0.1,
  mem: 32,
  upgradeStrategy: { minimumHealthCapacity: 0, maximumOverCapacity: 0 },
  container: {
    type: 'MESOS',
    volumes: [{ containerPath: 'data', mode: 'RW', external: { name, provider: 'dvdi', shared, options: { 'dvdi/driver': 'rexray' } } }],
  },
});
const csi = (id: string, name: string, accessMode: string, mode = 'RW'): Json => ({
  id,
  container: {
    volumes: [
      {
        containerPath: 'data',
        mode,
        external: { name, provider: 'csi', options: { pluginName: 'p', capability: { accessType: 'mount', accessMode } } },
      },
    ],
  },
});

describe('external volume names across apps (root group validation)', () => {
  it('allows different names and shared DVDI volumes', () => {
    expect(volumeUniquenessViolations([dvdi('/nested/foo1', 'vol1'), dvdi('/nested/foo2', 'vol2')] as never)).toEqual([]);
    expect(volumeUniquenessViolations([dvdi('/nested/app1', 'vol', true), dvdi('/nested/app2', 'vol', true)] as never)).toEqual([]);
  });

  it('refuses each app of a name two apps hold, at its place in the group tree', () => {
    expect(volumeUniquenessViolations([dvdi('/nested/app1', 'vol'), dvdi('/nested/app2', 'vol')] as never)).toEqual([
      {
        path: '/groups(0)/apps(0)/container',
        errors: ["Volume name 'vol' in /nested/app1 conflicts with volume(s) of same name in app(s): /nested/app2"],
      },
      {
        path: '/groups(0)/apps(1)/container',
        errors: ["Volume name 'vol' in /nested/app2 conflicts with volume(s) of same name in app(s): /nested/app1"],
      },
    ]);
    // A shared one conflicts with one held alone, not the other way round.
    expect(volumeUniquenessViolations([dvdi('/nested/app1', 'vol', true), dvdi('/nested/app2', 'vol')] as never)).toEqual([
      {
        path: '/groups(0)/apps(0)/container',
        errors: ["Volume name 'vol' in /nested/app1 conflicts with volume(s) of same name in app(s): /nested/app2"],
      },
    ]);
  });

  it('holds CSI volumes that are not shareable, or writable single-writer ones; a read-only single-writer mount never conflicts', () => {
    const single = volumeUniquenessViolations([csi('/a', 'v', 'SINGLE_NODE_WRITER'), csi('/b', 'v', 'MULTI_NODE_MULTI_WRITER')] as never);
    expect(single.map((x) => x.path)).toEqual(['/apps(1)/container']);
    const writer = volumeUniquenessViolations([
      csi('/a', 'v', 'MULTI_NODE_SINGLE_WRITER'),
      csi('/b', 'v', 'MULTI_NODE_SINGLE_WRITER', 'RO'),
    ] as never);
    expect(writer).toEqual([]);
    expect(
      volumeUniquenessViolations([csi('/a', 'v', 'MULTI_NODE_READER_ONLY', 'RO'), csi('/b', 'v', 'MULTI_NODE_READER_ONLY', 'RO')] as never),
    ).toEqual([]);
  });

  it('through the API: the second app is refused with both named, and so is a PUT taking a name another app holds', async () => {
    const sb = await boot([agent('a1', { cpus: 2, mem: 2048 })]);
    expect(post(sb, '/marathon/v2/apps', dvdi('/nested/app1', 'vol')).status).toBe(201);
    const second = post(sb, '/marathon/v2/apps', dvdi('/nested/app2', 'vol'));
    expect(second).toEqual({
      status: 422,
      body: {
        message: 'Object is not valid',
        details: [
          {
            path: '/groups(0)/apps(0)/container',
            errors: ["Volume name 'vol' in /nested/app1 conflicts with volume(s) of same name in app(s): /nested/app2"],
          },
          {
            path: '/groups(0)/apps(1)/container',
            errors: ["Volume name 'vol' in /nested/app2 conflicts with volume(s) of same name in app(s): /nested/app1"],
          },
        ],
      },
    });
    expect(post(sb, '/marathon/v2/apps', dvdi('/nested/app2', 'other')).status).toBe(201);
    const renamed = sb.request({ method: 'PUT', path: '/marathon/v2/apps/nested/app1?force=true', body: dvdi('/nested/app1', 'other') });
    expect(renamed.status).toBe(422);
  });
});
