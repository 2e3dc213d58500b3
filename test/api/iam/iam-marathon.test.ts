/** Marathon's own authorization: per-path grants on `dcos:service:marathon:marathon:services:/…` (docs/iam.md). */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { app, cluster, grant, req, user } from './support.ts';

const FORBIDDEN = { status: 403, body: { message: 'Not Authorized to perform this action!' } };
const SERVICES = 'dcos:service:marathon:marathon:services:';

async function devUser(): Promise<{ sb: Sandbox; token: string }> {
  const sb = await cluster();
  const token = user(sb, 'dev1');
  grant(sb, 'dcos:adminrouter:service:marathon', 'dev1', 'full');
  grant(sb, `${SERVICES}/dev`, 'dev1', 'full');
  return { sb, token };
}

describe('writes', () => {
  it('lets a user with /dev deploy under /dev and answers 403 under /prod and /devx', async () => {
    const { sb, token } = await devUser();
    expect(req(sb, 'POST', '/marathon/v2/apps', app('/dev/web'), token).status).toBe(201);
    expect(req(sb, 'POST', '/marathon/v2/apps', app('dev/a/b'), token).status).toBe(201);
    expect(req(sb, 'POST', '/marathon/v2/apps', app('/prod/web'), token)).toEqual(FORBIDDEN);
    expect(req(sb, 'POST', '/marathon/v2/apps', app('/devx'), token)).toEqual(FORBIDDEN);
    expect(req(sb, 'PUT', '/marathon/v2/apps/dev/web?force=true', { ...app('/dev/web'), instances: 2 }, token).status).toBe(200);
    expect(req(sb, 'POST', '/marathon/v2/groups', { id: '/prod', apps: [app('/prod/x')] }, token)).toEqual(FORBIDDEN);
    expect(req(sb, 'POST', '/marathon/v2/groups', { id: '/dev/grp', apps: [app('/dev/grp/x')] }, token).status).toBe(201);
    expect(req(sb, 'POST', '/marathon/v2/pods', { id: '/prod/pod' }, token)).toEqual(FORBIDDEN);
    expect(req(sb, 'PUT', '/marathon/v2/apps', [app('/dev/web'), app('/prod/web')], token)).toEqual(FORBIDDEN);
    // The superuser (the session) deploys /prod; the dev user may not touch it.
    expect(req(sb, 'POST', '/marathon/v2/apps', app('/prod/web')).status).toBe(201);
    expect(req(sb, 'DELETE', '/marathon/v2/apps/prod/web', undefined, token)).toEqual(FORBIDDEN);
    expect(req(sb, 'POST', '/marathon/v2/apps/prod/web/restart', undefined, token)).toEqual(FORBIDDEN);
    expect(req(sb, 'DELETE', '/marathon/v2/queue/prod/web/delay', undefined, token)).toEqual(FORBIDDEN);
    expect(req(sb, 'POST', '/marathon/v2/tasks/delete', { ids: [] }, token)).toEqual(FORBIDDEN);
    expect(req(sb, 'DELETE', '/marathon/v2/apps/dev/web?force=true', undefined, token).status).toBe(200);
    // A body without an id is Marathon's to refuse.
    expect(req(sb, 'POST', '/marathon/v2/apps', { cmd: 'x' }, token).status).toBe(422);
  });

  it('honours the action: read-only may read but not create; create,update may not delete', async () => {
    const sb = await cluster();
    const token = user(sb, 'ro');
    grant(sb, 'dcos:adminrouter:service:marathon', 'ro', 'full');
    grant(sb, `${SERVICES}/dev`, 'ro', 'read');
    expect(req(sb, 'POST', '/marathon/v2/apps', app('/dev/web'))).toMatchObject({ status: 201 });
    expect(req(sb, 'GET', '/marathon/v2/apps/dev/web', undefined, token).status).toBe(200);
    expect(req(sb, 'POST', '/marathon/v2/apps', app('/dev/other'), token)).toEqual(FORBIDDEN);
    grant(sb, `${SERVICES}/dev`, 'ro', 'create,update');
    expect(req(sb, 'POST', '/marathon/v2/apps', app('/dev/other'), token).status).toBe(201);
    expect(req(sb, 'DELETE', '/marathon/v2/apps/dev/other', undefined, token)).toEqual(FORBIDDEN);
  });

  it('grants through a group', async () => {
    const sb = await cluster();
    const token = user(sb, 'member');
    req(sb, 'PUT', '/acs/api/v1/groups/team', {});
    req(sb, 'PUT', '/acs/api/v1/groups/team/users/member');
    grant(sb, 'dcos:adminrouter:service:marathon', 'team', 'full', 'groups');
    grant(sb, `${SERVICES}/team`, 'team', 'full', 'groups');
    expect(req(sb, 'POST', '/marathon/v2/apps', app('/team/a'), token).status).toBe(201);
    expect(req(sb, 'POST', '/marathon/v2/apps', app('/other/a'), token)).toEqual(FORBIDDEN);
  });
});

describe('reads', () => {
  it('filters apps, groups, tasks, deployments and pods to what the user may read', async () => {
    const { sb, token } = await devUser();
    for (const id of ['/dev/a', '/prod/b', '/devx/c']) expect(req(sb, 'POST', '/marathon/v2/apps', app(id)).status).toBe(201);
    const deployments = req(sb, 'GET', '/marathon/v2/deployments', undefined, token).body as Array<{ affectedApps: string[] }>;
    expect(deployments.flatMap((d) => d.affectedApps)).toEqual(['/dev/a']);
    sb.advance(20_000);
    const ids = (path: string): string[] =>
      ((req(sb, 'GET', path, undefined, token).body as { apps: Array<{ id: string }> }).apps ?? []).map((a) => a.id);
    expect(ids('/marathon/v2/apps')).toEqual(['/dev/a']);
    expect((req(sb, 'GET', '/marathon/v2/apps').body as { apps: unknown[] }).apps).toHaveLength(3);
    expect(req(sb, 'GET', '/marathon/v2/apps/prod/b', undefined, token)).toEqual(FORBIDDEN);
    const tasks = (req(sb, 'GET', '/marathon/v2/tasks', undefined, token).body as { tasks: Array<{ appId: string }> }).tasks;
    expect(tasks.map((t) => t.appId)).toEqual(['/dev/a']);
    const root = req(sb, 'GET', '/marathon/v2/groups', undefined, token).body as { groups: Array<{ id: string; apps: unknown[] }> };
    expect(root.groups.map((g) => g.id)).toEqual(['/dev']);
    expect(req(sb, 'GET', '/marathon/v2/groups/prod', undefined, token)).toEqual(FORBIDDEN);
    expect(req(sb, 'GET', '/marathon/v2/groups/dev', undefined, token).status).toBe(200);
    expect(req(sb, 'GET', '/marathon/v2/pods', undefined, token).body).toEqual([]);
    expect(req(sb, 'GET', '/marathon/v2/info', undefined, token).status).toBe(200);
  });
});
