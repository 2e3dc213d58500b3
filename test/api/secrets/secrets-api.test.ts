/** The secret store at `/secrets/v1` (docs/secrets.md): CRUD, lists, paths, bodies and permissions. */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { cluster, grant, req, user } from '../iam/support.ts';

const S = '/secrets/v1/secret/default';

const secretsAdminRouter = (sb: Sandbox, uid: string) => grant(sb, 'dcos:adminrouter:secrets', uid, 'full');

describe('the store, as the superuser', () => {
  it('creates, reads, updates, lists and deletes', async () => {
    const sb = await cluster();
    expect(req(sb, 'PUT', `${S}/db/password`, { value: 'hunter2', description: 'the db' })).toEqual({ status: 201, body: '' });
    expect(req(sb, 'PUT', `${S}/db/user`, { value: 'admin' }).status).toBe(201);
    expect(req(sb, 'PUT', `${S}/web/tls/key`, { value: 'k' }).status).toBe(201);
    expect(req(sb, 'GET', `${S}/db/password`)).toEqual({
      status: 200,
      body: { value: 'hunter2' },
      headers: { 'Content-Type': 'application/json' },
    });
    expect(req(sb, 'PATCH', `${S}/db/password`, { value: 'correct horse' })).toEqual({ status: 204, body: '' });
    expect(req(sb, 'GET', `${S}/db/password`).body).toEqual({ value: 'correct horse' });
    expect(req(sb, 'GET', `${S}/?list=true`).body).toEqual({ array: ['db/password', 'db/user', 'web/tls/key'] });
    expect(req(sb, 'GET', `${S}/db?list=true`).body).toEqual({ array: ['password', 'user'] });
    expect(req(sb, 'GET', `${S}/dbx?list=true`).body).toEqual({ array: [] });
    expect(req(sb, 'DELETE', `${S}/db/user`)).toEqual({ status: 204, body: '' });
    expect(req(sb, 'GET', `${S}/db/user`)).toEqual({
      status: 404,
      body: { code: 'ERR_NOT_FOUND', message: "Secret 'db/user' not found." },
    });
  });

  it('keeps a file secret as its bytes and answers it as a file', async () => {
    const sb = await cluster();
    const put = sb.request({
      method: 'PUT',
      path: `${S}/certs/ca`,
      body: '-----BEGIN CERT-----\nabc\n',
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(put.status).toBe(201);
    expect(req(sb, 'GET', `${S}/certs/ca`)).toEqual({
      status: 200,
      body: '-----BEGIN CERT-----\nabc\n',
      headers: { 'Content-Type': 'application/octet-stream' },
    });
  });

  it('answers 409 to a create over an existing secret and 404 to an update or delete of a missing one, changing nothing', async () => {
    const sb = await cluster();
    req(sb, 'PUT', `${S}/a`, { value: '1' });
    expect(req(sb, 'PUT', `${S}/a`, { value: '2' })).toEqual({
      status: 409,
      body: { code: 'ERR_ALREADY_EXISTS', message: "Secret 'a' already exists." },
    });
    expect(req(sb, 'GET', `${S}/a`).body).toEqual({ value: '1' });
    expect(req(sb, 'PATCH', `${S}/b`, { value: '2' }).status).toBe(404);
    expect(req(sb, 'DELETE', `${S}/b`).status).toBe(404);
    expect(req(sb, 'GET', `${S}/?list=true`).body).toEqual({ array: ['a'] });
  });

  it.each([
    ['bad JSON', '{"value":', 'Request has bad JSON'],
    ['no value', { description: 'x' }, '"value" must be a string.'],
    ['a number value', { value: 3 }, '"value" must be a string.'],
    ['an array', ['x'], 'Request body must be a JSON object'],
    ['a number description', { value: 'v', description: 1 }, '"description" must be a string.'],
  ])('refuses %s with 400 and stores nothing', async (_, body, message) => {
    const sb = await cluster();
    const res = req(sb, 'PUT', `${S}/x`, body);
    expect(res.status).toBe(400);
    expect((res.body as { message: string }).message).toContain(message);
    expect(req(sb, 'GET', `${S}/?list=true`).body).toEqual({ array: [] });
  });

  it.each([
    ['a space', 'my%20secret', 'Alphanumerical, dashes, underscores and slashes are allowed.'],
    ['a dot', 'a.b', 'Alphanumerical, dashes, underscores and slashes are allowed.'],
    ['an empty path', '', 'The secret path is empty.'],
    ['an encoded leading slash', '%2Fa', 'Invalid syntax. Cannot use slashes at the beginning or end.'],
  ])('refuses a path with %s (400)', async (_, path, message) => {
    const sb = await cluster();
    expect(req(sb, 'PUT', `${S}/${path}`, { value: 'v' })).toEqual({ status: 400, body: { code: 'ERR_INVALID_PATH', message } });
  });

  it('knows only the default store and answers 405 to POST', async () => {
    const sb = await cluster();
    expect(req(sb, 'GET', '/secrets/v1/secret/vault/a').status).toBe(404);
    expect(req(sb, 'GET', '/secrets/v1/store').status).toBe(404);
    expect(req(sb, 'POST', `${S}/a`, { value: 'v' }).status).toBe(405);
  });
});

describe('permissions', () => {
  it('asks Admin Router for dcos:adminrouter:secrets (401 without a token, 403 without the grant)', async () => {
    const sb = await cluster();
    const token = user(sb, 'alice');
    expect(sb.request({ method: 'GET', path: `${S}/a`, headers: { Authorization: 'token=nope' } }).status).toBe(401);
    expect(req(sb, 'GET', `${S}/a`, undefined, token).status).toBe(403);
  });

  it("gives a user only the secrets under the path it was granted, and never another path's value", async () => {
    const sb = await cluster();
    req(sb, 'PUT', `${S}/dev/db`, { value: 'dev-pass' });
    req(sb, 'PUT', `${S}/prod/db`, { value: 'prod-pass' });
    const token = user(sb, 'dev1');
    secretsAdminRouter(sb, 'dev1');
    grant(sb, 'dcos:secrets:default:/dev', 'dev1', 'read');
    expect(req(sb, 'GET', `${S}/dev/db`, undefined, token).body).toEqual({ value: 'dev-pass' });
    const refused = req(sb, 'GET', `${S}/prod/db`, undefined, token);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused)).not.toContain('prod-pass');
    // Read is not write, and a missing secret outside the grant is a 403 too (existence does not leak).
    expect(req(sb, 'PATCH', `${S}/dev/db`, { value: 'x' }, token).status).toBe(403);
    expect(req(sb, 'PUT', `${S}/dev/new`, { value: 'x' }, token).status).toBe(403);
    expect(req(sb, 'GET', `${S}/prod/missing`, undefined, token).status).toBe(403);
    // Listing needs its own permission.
    expect(req(sb, 'GET', `${S}/dev?list=true`, undefined, token).status).toBe(403);
    grant(sb, 'dcos:secrets:list:default:/dev', 'dev1', 'read');
    expect(req(sb, 'GET', `${S}/dev?list=true`, undefined, token).body).toEqual({ array: ['db'] });
    expect(req(sb, 'GET', `${S}/?list=true`, undefined, token).status).toBe(403);
    expect(req(sb, 'GET', `${S}/dev/db`).body).toEqual({ value: 'dev-pass' });
  });

  it('lets full on a path create, update and delete below it', async () => {
    const sb = await cluster();
    const token = user(sb, 'ops');
    secretsAdminRouter(sb, 'ops');
    grant(sb, 'dcos:secrets:default:/ops', 'ops', 'full');
    expect(req(sb, 'PUT', `${S}/ops/a/b`, { value: '1' }, token).status).toBe(201);
    expect(req(sb, 'PATCH', `${S}/ops/a/b`, { value: '2' }, token).status).toBe(204);
    expect(req(sb, 'DELETE', `${S}/ops/a/b`, undefined, token).status).toBe(204);
    expect(req(sb, 'PUT', `${S}/opsx`, { value: '1' }, token).status).toBe(403);
  });
});
