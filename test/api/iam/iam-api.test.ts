/** `/acs/api/v1`: login, users, groups, ACLs, grants and permissions (PLATFORM.md G.1, G.2; docs/iam.md). */
import { describe, expect, it } from 'vitest';
import { cluster, grant, login, req, rid, user } from './support.ts';

describe('login', () => {
  it('answers a JWT for the bootstrap superuser, and 401 for a wrong password or unknown user', async () => {
    const sb = await cluster();
    const token = login(sb, 'bootstrapuser', 'deleteme');
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload!['uid']).toBe('bootstrapuser');
    expect(typeof payload!['exp']).toBe('number');
    // The same cluster at the same moment issues the same token.
    expect(login(sb, 'bootstrapuser', 'deleteme')).toBe(token);
    expect(req(sb, 'POST', '/acs/api/v1/auth/login', { uid: 'bootstrapuser', password: 'nope' }).status).toBe(401);
    expect(req(sb, 'POST', '/acs/api/v1/auth/login', { uid: 'ghost', password: 'whatever' }).status).toBe(401);
    expect(req(sb, 'POST', '/acs/api/v1/auth/login', { uid: 'bootstrapuser' }).status).toBe(400);
    expect(req(sb, 'POST', '/acs/api/v1/auth/login', '{not json').status).toBe(400);
    expect(req(sb, 'GET', '/acs/api/v1/auth/login').status).toBe(405);
  });

  it('is open: no token needed even when signed out', async () => {
    const sb = await cluster();
    expect(req(sb, 'DELETE', '/sandbox/v1/session').status).toBe(204);
    expect(req(sb, 'GET', '/mesos/master/state').status).toBe(401);
    expect(req(sb, 'POST', '/acs/api/v1/auth/login', { uid: 'bootstrapuser', password: 'deleteme' }).status).toBe(200);
  });
});

describe('users', () => {
  it('creates, lists, reads, updates and deletes users and service accounts; never answers a password', async () => {
    const sb = await cluster();
    expect(req(sb, 'PUT', '/acs/api/v1/users/alice', { description: 'Alice', password: 'alice-pw' }).status).toBe(201);
    expect(req(sb, 'PUT', '/acs/api/v1/users/alice', { description: 'Alice', password: 'alice-pw' }).status).toBe(409);
    expect(req(sb, 'PUT', '/acs/api/v1/users/svc', { description: 'svc', public_key: '-----BEGIN PUBLIC KEY-----x' }).status).toBe(201);
    const list = req(sb, 'GET', '/acs/api/v1/users').body as { array: Record<string, unknown>[] };
    expect(list.array.map((u) => u['uid'])).toEqual(['alice', 'bootstrapuser']);
    expect(list.array[0]).toEqual({
      uid: 'alice',
      url: '/acs/api/v1/users/alice',
      description: 'Alice',
      is_remote: false,
      is_service: false,
      provider_type: 'internal',
      provider_id: '',
    });
    expect(JSON.stringify(list)).not.toContain('alice-pw');
    const services = req(sb, 'GET', '/acs/api/v1/users?type=service').body as { array: Record<string, unknown>[] };
    expect(services.array.map((u) => [u['uid'], u['is_service']])).toEqual([['svc', true]]);
    expect(req(sb, 'PATCH', '/acs/api/v1/users/alice', { description: 'A.', password: 'newer-pw' }).status).toBe(204);
    expect((req(sb, 'GET', '/acs/api/v1/users/alice').body as Record<string, unknown>)['description']).toBe('A.');
    expect(login(sb, 'alice', 'newer-pw')).toMatch(/^ey/);
    expect(req(sb, 'PATCH', '/acs/api/v1/users/svc', { password: 'abcdef' }).status).toBe(400);
    expect(req(sb, 'DELETE', '/acs/api/v1/users/alice').status).toBe(204);
    expect(req(sb, 'GET', '/acs/api/v1/users/alice').status).toBe(404);
    expect(req(sb, 'DELETE', '/acs/api/v1/users/alice').status).toBe(404);
  });

  it('refuses bad bodies and ids with 400, changing nothing', async () => {
    const sb = await cluster();
    const before = sb.snapshot().cluster;
    expect(req(sb, 'PUT', '/acs/api/v1/users/bob', { description: 'no secret' }).status).toBe(400);
    expect(req(sb, 'PUT', '/acs/api/v1/users/bob', { password: 'abc' }).status).toBe(400);
    expect(req(sb, 'PUT', '/acs/api/v1/users/bob', { password: 42 }).status).toBe(400);
    expect(req(sb, 'PUT', '/acs/api/v1/users/bob', ['x']).status).toBe(400);
    expect(req(sb, 'PUT', `/acs/api/v1/users/${encodeURIComponent('b o b')}`, { password: 'abcdef' }).status).toBe(400);
    expect(req(sb, 'POST', '/acs/api/v1/users').status).toBe(405);
    expect(req(sb, 'GET', '/acs/api/v1/users/bootstrapuser/nothing').status).toBe(404);
    expect(req(sb, 'GET', '/acs/api/v1/nothing').status).toBe(404);
    expect(sb.snapshot().cluster.iam).toEqual(before.iam);
  });
});

describe('groups, ACLs and permissions', () => {
  it('keeps members, grants to users and groups, and answers permissions', async () => {
    const sb = await cluster();
    user(sb, 'carol');
    expect(req(sb, 'PUT', '/acs/api/v1/groups/devs', { description: 'Developers' }).status).toBe(201);
    expect(req(sb, 'PUT', '/acs/api/v1/groups/devs', {}).status).toBe(409);
    expect(req(sb, 'PUT', '/acs/api/v1/groups/devs/users/carol').status).toBe(204);
    expect(req(sb, 'PUT', '/acs/api/v1/groups/devs/users/carol').status).toBe(409);
    expect(req(sb, 'PUT', '/acs/api/v1/groups/devs/users/ghost').status).toBe(404);
    expect(req(sb, 'GET', '/acs/api/v1/groups').body).toEqual({
      array: [{ gid: 'devs', url: '/acs/api/v1/groups/devs', description: 'Developers' }],
    });
    const members = req(sb, 'GET', '/acs/api/v1/groups/devs/users').body as { array: Record<string, unknown>[] };
    expect(members.array.map((m) => m['membershipurl'])).toEqual(['/groups/devs/users/carol']);
    expect(req(sb, 'GET', '/acs/api/v1/users/carol/groups').body).toMatchObject({ array: [{ group: { gid: 'devs' } }] });

    grant(sb, 'dcos:adminrouter:service:marathon', 'carol', 'full');
    grant(sb, 'dcos:service:marathon:marathon:services:/dev', 'devs', 'read,update', 'groups');
    expect(req(sb, 'GET', `/acs/api/v1/acls/${rid('dcos:service:marathon:marathon:services:/dev')}`).body).toEqual({
      rid: 'dcos:service:marathon:marathon:services:/dev',
      url: `/acs/api/v1/acls/${encodeURIComponent('dcos:service:marathon:marathon:services:/dev')}`,
      description: 'dcos:service:marathon:marathon:services:/dev',
    });
    const perms = req(sb, 'GET', '/acs/api/v1/users/carol/permissions').body as {
      direct: Record<string, unknown>[];
      groups: Record<string, unknown>[];
    };
    expect(perms.direct).toEqual([
      {
        rid: 'dcos:adminrouter:service:marathon',
        description: 'dcos:adminrouter:service:marathon',
        aclurl: '/acls/dcos%3Aadminrouter%3Aservice%3Amarathon',
        actions: [{ name: 'full', url: '/acls/dcos%3Aadminrouter%3Aservice%3Amarathon/users/carol/full' }],
      },
    ]);
    expect(perms.groups).toMatchObject([
      {
        rid: 'dcos:service:marathon:marathon:services:/dev',
        gid: 'devs',
        membershipurl: '/groups/devs/users/carol',
        actions: [{ name: 'read' }, { name: 'update' }],
      },
    ]);
    const path = `/acs/api/v1/acls/${rid('dcos:service:marathon:marathon:services:/dev')}`;
    expect(req(sb, 'GET', `${path}/permissions`).body).toEqual({
      users: [],
      groups: [{ gid: 'devs', actions: [{ name: 'read' }, { name: 'update' }] }],
    });
    expect(req(sb, 'GET', `${path}/groups/devs/read`).body).toEqual({ allowed: true });
    expect(req(sb, 'GET', `${path}/groups/devs`).body).toMatchObject({ actions: [{ name: 'read' }, { name: 'update' }] });
    expect(req(sb, 'DELETE', `${path}/groups/devs/update`).status).toBe(204);
    expect(req(sb, 'DELETE', `${path}/groups/devs/update`).status).toBe(404);
    expect(req(sb, 'DELETE', '/acs/api/v1/groups/devs/users/carol').status).toBe(204);
    expect(req(sb, 'DELETE', '/acs/api/v1/groups/devs/users/carol').status).toBe(404);
    expect(req(sb, 'DELETE', '/acs/api/v1/groups/devs').status).toBe(204);
    expect(req(sb, 'GET', '/acs/api/v1/groups/devs').status).toBe(404);
    expect(req(sb, 'DELETE', path).status).toBe(204);
    expect(req(sb, 'GET', path).status).toBe(404);
  });

  it('refuses malformed actions, unknown ACLs, users and groups with a clear 4xx, changing nothing', async () => {
    const sb = await cluster();
    user(sb, 'dave');
    req(sb, 'PUT', `/acs/api/v1/acls/${rid('dcos:adminrouter:package')}`, {});
    const before = structuredClone(sb.snapshot().cluster.iam);
    const base = `/acs/api/v1/acls/${rid('dcos:adminrouter:package')}`;
    expect(req(sb, 'PUT', `${base}/users/dave/everything`)).toMatchObject({ status: 400, body: { code: 'ERR_INVALID_ACTION' } });
    expect(req(sb, 'PUT', `${base}/users/dave/read,,full`).status).toBe(400);
    expect(req(sb, 'PUT', `${base}/users/ghost/full`)).toMatchObject({ status: 404, body: { code: 'ERR_UNKNOWN_USER_ID' } });
    expect(req(sb, 'PUT', `${base}/groups/nogroup/full`)).toMatchObject({ status: 404, body: { code: 'ERR_UNKNOWN_GROUP_ID' } });
    expect(req(sb, 'PUT', `/acs/api/v1/acls/${rid('dcos:nothing')}/users/dave/full`)).toMatchObject({
      status: 404,
      body: { code: 'ERR_UNKNOWN_RESOURCE_ID' },
    });
    expect(req(sb, 'PUT', `/acs/api/v1/acls/${encodeURIComponent('bad rid')}`, {}).status).toBe(400);
    expect(req(sb, 'PUT', base, {}).status).toBe(409);
    expect(req(sb, 'PUT', `${base}/users`).status).toBe(404);
    expect(sb.snapshot().cluster.iam).toEqual(before);
  });
});
