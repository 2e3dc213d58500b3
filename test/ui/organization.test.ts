/** The Organization page's logic: rids in paths, refusals in words, permission rows, the hash, and its IAM calls. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiRequest } from '../../src/api/types.ts';
import { IamClient, problemMessage, ridPath } from '../../src/ui/pages/organization/iam-client.ts';
import { orgHref, parseOrgHash } from '../../src/ui/pages/organization/org-route.ts';
import { permissionRequest, permissionRows } from '../../src/ui/pages/organization/permission-rows.ts';
import { SessionStore } from '../../src/ui/state/session.svelte.ts';
import { cluster } from '../api/iam/support.ts';
import { installRunes } from '../support/runes.ts';

beforeAll(installRunes);

const MARATHON_DEV = 'dcos:service:marathon:marathon:services:/dev';

describe('rids, refusals and rows', () => {
  it('writes a rid’s slashes as %252F on the wire', () => {
    expect(ridPath(MARATHON_DEV)).toBe('dcos%3Aservice%3Amarathon%3Amarathon%3Aservices%3A%252Fdev');
    expect(ridPath('dcos:superuser')).toBe('dcos%3Asuperuser');
  });

  it('reads IAM’s description, Marathon’s message, Admin Router’s page title', () => {
    expect(problemMessage(409, { title: 'Conflict', description: 'User with uid `a` already exists.', code: 'ERR_USER_EXISTS' })).toBe(
      'User with uid `a` already exists.',
    );
    expect(problemMessage(403, { message: 'Not Authorized to perform this action!' })).toBe('Not Authorized to perform this action!');
    expect(problemMessage(403, '<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1></body></html>')).toBe(
      'Access Denied',
    );
    expect(problemMessage(500, '')).toBe('HTTP 500');
    expect(problemMessage(502, 'Bad gateway')).toBe('Bad gateway');
  });

  it('lists own grants as removable, then the groups’ as inherited', () => {
    const rows = permissionRows({
      direct: [{ rid: 'dcos:superuser', description: 'su', actions: [{ name: 'full', url: '' }] }],
      groups: [{ rid: MARATHON_DEV, description: MARATHON_DEV, gid: 'devs', actions: [{ name: 'read' }, { name: 'update' }] }],
    });
    expect(rows).toEqual([
      { rid: 'dcos:superuser', description: 'su', actions: ['full'], removable: true },
      { rid: MARATHON_DEV, description: MARATHON_DEV, actions: ['read', 'update'], gid: 'devs', removable: false },
    ]);
    expect(permissionRows(null)).toEqual([]);
    expect(permissionRows({ direct: [{ description: 'no rid' }, 3] })).toEqual([]);
  });

  it('checks the Add Permission form: a rid without spaces and an action; full stands alone', () => {
    expect(permissionRequest(' dcos:superuser ', ['read', 'create'])).toEqual({ rid: 'dcos:superuser', actions: ['create', 'read'] });
    expect(permissionRequest('x', ['read', 'full'])).toEqual({ rid: 'x', actions: ['full'] });
    expect(permissionRequest('', ['read'])).toMatch(/Enter a permission string/);
    expect(permissionRequest('a b', ['read'])).toMatch(/no spaces/);
    expect(permissionRequest('x', [])).toMatch(/at least one action/);
  });

  it('routes tabs and details, ids escaped', () => {
    expect(parseOrgHash('#/organization')).toEqual({ tab: 'users', id: null });
    expect(parseOrgHash('#/organization/groups')).toEqual({ tab: 'groups', id: null });
    expect(parseOrgHash(orgHref('service-accounts', 'a@b.c'))).toEqual({ tab: 'service-accounts', id: 'a@b.c' });
    expect(parseOrgHash('#/organization/nope/x')).toEqual({ tab: 'users', id: null });
    expect(parseOrgHash('#/organization/users/%E0')).toEqual({ tab: 'users', id: null });
  });
});

describe('IamClient and SessionStore against a cluster', () => {
  async function setup(): Promise<{ client: IamClient; session: SessionStore; sent: ApiRequest[] }> {
    const sb = await cluster();
    const sent: ApiRequest[] = [];
    const request = (req: ApiRequest) => {
      sent.push(req);
      return Promise.resolve(sb.request(req));
    };
    return { client: new IamClient(request), session: new SessionStore(request), sent };
  }

  it('creates a user, refuses a duplicate with IAM’s words, grants (creating the ACL) and revokes', async () => {
    const { client } = await setup();
    expect((await client.createAccount('dev-alice', { description: 'Alice', password: 'alice-pw' })).ok).toBe(true);
    const dup = await client.createAccount('dev-alice', { description: '', password: 'alice-pw' });
    expect(dup.ok ? null : dup.problem).toMatchObject({ status: 409, message: 'User with uid `dev-alice` already exists.' });
    expect((await client.grant('users', 'dev-alice', MARATHON_DEV, ['full'])).ok).toBe(true);
    // The ACL exists now: a second grant does not trip on its 409.
    expect((await client.grant('users', 'dev-alice', MARATHON_DEV, ['read'])).ok).toBe(true);
    const perms = await client.userPermissions('dev-alice');
    expect(perms.ok && perms.value).toEqual([{ rid: MARATHON_DEV, description: MARATHON_DEV, actions: ['full', 'read'], removable: true }]);
    expect((await client.revoke('users', 'dev-alice', MARATHON_DEV, ['full', 'read'])).ok).toBe(true);
    const after = await client.userPermissions('dev-alice');
    expect(after.ok && after.value).toEqual([]);
    const bad = await client.grant('users', 'dev-alice', 'has space', ['read']);
    expect(bad.ok ? null : bad.problem.status).toBe(400);
  });

  it('manages groups, members and a group’s permissions, which its users inherit', async () => {
    const { client } = await setup();
    await client.createAccount('bob', { description: '', password: 'bob-pw' });
    expect((await client.createGroup('devs', 'Developers')).ok).toBe(true);
    expect((await client.setMember('devs', 'bob', true)).ok).toBe(true);
    expect((await client.grant('groups', 'devs', MARATHON_DEV, ['read'])).ok).toBe(true);
    const groupRows = await client.groupPermissions('devs');
    expect(groupRows.ok && groupRows.value.map((r) => [r.rid, r.actions])).toEqual([[MARATHON_DEV, ['read']]]);
    const bobs = await client.userPermissions('bob');
    expect(bobs.ok && bobs.value).toEqual([
      { rid: MARATHON_DEV, description: MARATHON_DEV, actions: ['read'], gid: 'devs', removable: false },
    ]);
    const members = await client.members('devs');
    expect(members.ok && members.value.map((m) => m.uid)).toEqual(['bob']);
    const groups = await client.groupsOf('bob');
    expect(groups.ok && groups.value.map((g) => g.gid)).toEqual(['devs']);
    expect((await client.setMember('devs', 'bob', false)).ok).toBe(true);
    expect((await client.deleteGroup('devs')).ok).toBe(true);
    const left = await client.groups();
    expect(left.ok && left.value).toEqual([]);
  });

  it('lists service accounts apart from users', async () => {
    const { client } = await setup();
    expect((await client.createAccount('ci-bot', { description: 'CI', public_key: '-----BEGIN PUBLIC KEY-----' })).ok).toBe(true);
    const services = await client.accounts(true);
    expect(services.ok && services.value.map((a) => a.uid)).toEqual(['ci-bot']);
    const people = await client.accounts(false);
    expect(people.ok && people.value.map((a) => a.uid)).toEqual(['bootstrapuser']);
    expect((await client.deleteAccount('ci-bot')).ok).toBe(true);
  });

  it('signs out, refuses a wrong password with IAM’s words, signs in as another user', async () => {
    const { client, session } = await setup();
    await client.createAccount('dev-alice', { description: '', password: 'alice-pw' });
    await session.refresh();
    expect(session.uid).toBe('bootstrapuser');
    expect(session.changes).toBe(0);
    await session.signOut();
    expect(session.uid).toBeNull();
    expect(session.changes).toBe(1);
    const refused = await client.accounts(false);
    expect(refused.ok ? null : refused.problem).toMatchObject({ status: 401, message: 'Unauthorized' });
    expect(await session.signIn('dev-alice', 'wrong')).toBe('The login credentials provided are invalid.');
    expect(await session.signIn('dev-alice', 'alice-pw')).toBeNull();
    expect(session.uid).toBe('dev-alice');
    await session.refresh();
    expect(session.uid).toBe('dev-alice');
    expect(session.changes).toBe(2);
    const denied = await client.accounts(false);
    expect(denied.ok ? null : denied.problem).toMatchObject({ status: 403, message: 'Access Denied' });
  });
});
