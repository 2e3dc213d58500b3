/** IAM's less travelled answers: methods, unknown ids, bodies the router refuses, and Marathon's other routes. */
import { describe, expect, it } from 'vitest';
import { cluster, grant, req, rid, user } from './support.ts';

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return { description: v };
};

describe('IAM routes', () => {
  it('answers 405, 404 and 400 where it should', async () => {
    const sb = await cluster();
    user(sb, 'kim');
    const acl = `/acs/api/v1/acls/${rid('dcos:adminrouter:ops:mesos')}`;
    req(sb, 'PUT', acl, {});
    const cases: Array<[Parameters<typeof req>[1], string, number, unknown?]> = [
      ['GET', '/acs/api/v1/acls', 200],
      ['POST', '/acs/api/v1/acls', 405],
      ['POST', acl, 405],
      ['POST', `${acl}/permissions`, 405],
      ['GET', `/acs/api/v1/acls/${rid('dcos:none')}/permissions`, 404],
      ['PATCH', `${acl}/users/kim`, 405],
      ['POST', `${acl}/users/kim/full`, 405],
      ['DELETE', `/acs/api/v1/acls/${rid('dcos:none')}`, 404],
      ['POST', '/acs/api/v1/groups', 405],
      ['PUT', '/acs/api/v1/groups/g1', 201, { description: 'one' }],
      ['PATCH', '/acs/api/v1/groups/g1', 204, { description: 'uno' }],
      ['PATCH', '/acs/api/v1/groups/g1', 400, { description: 1 }],
      ['PATCH', '/acs/api/v1/groups/nope', 404, {}],
      ['PUT', `/acs/api/v1/groups/${encodeURIComponent('g 2')}`, 400, {}],
      ['PUT', '/acs/api/v1/groups/g3', 400, { description: false }],
      ['POST', '/acs/api/v1/groups/g1', 405],
      ['DELETE', '/acs/api/v1/groups/nope', 404],
      ['GET', '/acs/api/v1/groups/nope/users', 404],
      ['POST', '/acs/api/v1/groups/g1/users', 405],
      ['GET', '/acs/api/v1/groups/g1/other', 404],
      ['PUT', '/acs/api/v1/groups/nope/users/kim', 404],
      ['GET', '/acs/api/v1/groups/g1/users/kim', 405],
      ['PATCH', '/acs/api/v1/users/nope', 404, {}],
      ['PATCH', '/acs/api/v1/users/kim', 400, { password: 'abc' }],
      ['PATCH', '/acs/api/v1/users/kim', 400, '{bad'],
      ['POST', '/acs/api/v1/users/kim', 405],
      ['POST', '/acs/api/v1/users/kim/permissions', 405],
      ['GET', '/acs/api/v1/users/nope/permissions', 404],
      ['GET', '/acs/api/v1/auth/other', 404],
      ['POST', '/acs/api/v1/auth/logout', 204],
      ['PUT', '/acs/api/v1/auth/logout', 405],
      ['POST', '/acs/api/v1/auth/providers', 405],
      ['PUT', '/acs/api/v1/users/deep', 400, nested(1200)],
    ];
    for (const [method, path, status, body] of cases) expect(req(sb, method, path, body).status, `${method} ${path}`).toBe(status);
    expect(req(sb, 'GET', '/acs/api/v1/groups/g1').body).toMatchObject({ description: 'uno' });
    expect(req(sb, 'PUT', '/acs/api/v1/users/deep', nested(1200)).body).toMatchObject({ code: 'ERR_INVALID_DATA' });
  });

  it('forgets a deleted group in its grants, and a revoked last action', async () => {
    const sb = await cluster();
    user(sb, 'lee');
    req(sb, 'PUT', '/acs/api/v1/groups/g', {});
    grant(sb, 'dcos:adminrouter:ops:mesos', 'g', 'full', 'groups');
    grant(sb, 'dcos:adminrouter:ops:mesos', 'lee', 'read');
    const acl = `/acs/api/v1/acls/${rid('dcos:adminrouter:ops:mesos')}`;
    expect(req(sb, 'DELETE', '/acs/api/v1/groups/g').status).toBe(204);
    expect(req(sb, 'GET', `${acl}/permissions`).body).toEqual({ users: [{ uid: 'lee', actions: [{ name: 'read' }] }], groups: [] });
    expect(req(sb, 'DELETE', `${acl}/users/lee/read`).status).toBe(204);
    expect(req(sb, 'GET', `${acl}/permissions`).body).toEqual({ users: [], groups: [] });
  });

  it('reports the session as signed out once its token has expired', async () => {
    const sb = await cluster();
    const token = (req(sb, 'POST', '/acs/api/v1/auth/login', { uid: 'bootstrapuser', password: 'deleteme' }).body as { token: string })
      .token;
    req(sb, 'PUT', '/sandbox/v1/session', { token });
    expect(req(sb, 'GET', '/sandbox/v1/session').body).toEqual({ uid: 'bootstrapuser' });
    sb.advance(5 * 24 * 3600 * 1000);
    expect(req(sb, 'GET', '/sandbox/v1/session').body).toEqual({ uid: null });
  }, 60_000);
});

describe('Marathon routes', () => {
  it('checks pods, groups and app sub-resources by path', async () => {
    const sb = await cluster();
    const token = user(sb, 'max');
    grant(sb, 'dcos:adminrouter:service:marathon', 'max', 'full');
    grant(sb, 'dcos:service:marathon:marathon:services:/dev', 'max', 'full');
    const forbidden = { status: 403, body: { message: 'Not Authorized to perform this action!' } };
    expect(req(sb, 'DELETE', '/marathon/v2/pods/prod/p', undefined, token)).toEqual(forbidden);
    expect(req(sb, 'GET', '/marathon/v2/pods/prod/p', undefined, token)).toEqual(forbidden);
    expect(req(sb, 'DELETE', '/marathon/v2/pods/prod/p/instances/i1', undefined, token)).toEqual(forbidden);
    expect(req(sb, 'GET', '/marathon/v2/pods/::status', undefined, token).status).toBe(200);
    expect(req(sb, 'PUT', '/marathon/v2/groups/prod', { id: '/prod' }, token)).toEqual(forbidden);
    expect(req(sb, 'DELETE', '/marathon/v2/groups/prod', undefined, token)).toEqual(forbidden);
    expect(req(sb, 'POST', '/marathon/v2/groups/dev/sub', {}, token).status).not.toBe(403);
    expect(req(sb, 'DELETE', '/marathon/v2/deployments/abc', undefined, token)).toEqual(forbidden);
    expect(req(sb, 'GET', '/marathon/v2/queue', undefined, token).status).toBe(200);
    expect(req(sb, 'GET', '/marathon/ping', undefined, token).status).toBe(200);
    expect(req(sb, 'GET', '/marathon/v2', undefined, token).status).toBe(404);
    expect(req(sb, 'POST', '/marathon/v2/apps', '{not json', token).status).toBe(400);
    req(sb, 'DELETE', '/sandbox/v1/session');
    expect(sb.request({ method: 'GET', path: '/marathon/v2/apps', headers: { Authorization: 'token=x' } }).status).toBe(401);
  });
});
