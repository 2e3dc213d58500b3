/** The Secrets page's logic: the form's path checks, URLs and hashes, the filter, refusals in words, and its calls. */
import { describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResponse } from '../../src/api/types.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';
import {
  BAD_CHARACTERS,
  LIST_URL,
  parseSecretsHash,
  REQUIRED,
  secretHref,
  secretPathError,
  secretUrl,
  SLASH_AT_END,
  visibleSecrets,
} from '../../src/ui/pages/secrets/secret-paths.ts';
import { SecretsClient, secretValueOf, storeMessage, writeRequest } from '../../src/ui/pages/secrets/secrets-client.ts';
import { refusal } from '../../src/ui/pages/secrets/secrets-words.ts';
import { cluster, user } from '../api/iam/support.ts';

describe('the form’s path checks (dcos-ui SecretFormModal)', () => {
  it('asks for a path', () => {
    expect(secretPathError('')).toBe(REQUIRED);
    expect(REQUIRED).toBe('This field is required.');
  });

  it('refuses a slash at either end before looking at the characters', () => {
    for (const p of ['/db', 'db/', '/', '/a b/']) expect(secretPathError(p), p).toBe(SLASH_AT_END);
    expect(SLASH_AT_END).toBe('Invalid syntax. Cannot use slashes at the beginning or end.');
  });

  it('allows letters, digits, dashes, underscores and single slashes only', () => {
    for (const p of ['db password', 'db.password', 'é', 'a//b', 'db:pw', 'a%2Fb']) expect(secretPathError(p), p).toBe(BAD_CHARACTERS);
    expect(BAD_CHARACTERS).toBe('Alphanumerical, dashes, underscores and slashes are allowed.');
    for (const p of ['a', 'db/password', 'dev/db-1/PASS_word', '0']) expect(secretPathError(p), p).toBeNull();
  });
});

describe('URLs and hashes', () => {
  it('encodes each segment of a path on its own, keeping the slashes between', () => {
    expect(secretUrl('db/password')).toBe('/secrets/v1/secret/default/db/password');
    expect(secretUrl('a b/c?d#e')).toBe('/secrets/v1/secret/default/a%20b/c%3Fd%23e');
    expect(secretUrl('x%y')).toBe('/secrets/v1/secret/default/x%25y');
    expect(LIST_URL).toBe('/secrets/v1/secret/default/?list=true');
  });

  it('puts a whole path in one hash segment and reads it back', () => {
    expect(secretHref('db/password')).toBe('#/secrets/detail/db%2Fpassword');
    expect(parseSecretsHash(secretHref('db/password'))).toEqual({ kind: 'detail', path: 'db/password' });
    expect(parseSecretsHash('#/secrets')).toEqual({ kind: 'list' });
    expect(parseSecretsHash('#/secrets/detail/')).toEqual({ kind: 'list' });
    expect(parseSecretsHash('#/secrets/detail/%E0%A4%A')).toEqual({ kind: 'list' });
    expect(parseSecretsHash('#/secrets/other/x')).toEqual({ kind: 'list' });
  });
});

describe('the table’s filter and order', () => {
  it('keeps the paths containing the text, sorted without regard to case', () => {
    const paths = ['zeta', 'db/password', 'Db/user', 'app/key'];
    expect(visibleSecrets(paths, '')).toEqual(['app/key', 'db/password', 'Db/user', 'zeta']);
    expect(visibleSecrets(paths, 'db/')).toEqual(['db/password']);
    expect(visibleSecrets(paths, ' pass ')).toEqual(['db/password']);
    expect(visibleSecrets(paths, 'nothing')).toEqual([]);
    expect(paths).toEqual(['zeta', 'db/password', 'Db/user', 'app/key']);
  });
});

describe('answers in words', () => {
  it('reads the store’s message, a plain body, else the UI’s sentence (never an HTML page)', () => {
    expect(storeMessage({ code: 'ERR_ALREADY_EXISTS', message: "Secret 'a' already exists." })).toBe("Secret 'a' already exists.");
    expect(storeMessage('gone')).toBe('gone');
    expect(storeMessage('<html><title>Access Denied</title></html>')).toBe('An error has occurred.');
    expect(storeMessage(null)).toBe('An error has occurred.');
  });

  it('says Permission denied for a 403 in the words of what was done, and asks to log in for a 401', () => {
    expect(refusal({ status: 403, message: 'x' }, 'list')).toEqual({
      title: 'Permission denied',
      text: "You do not have permission to list this cluster's secrets. Please contact your super admin to learn more.",
    });
    expect(refusal({ status: 403, message: 'x' }, 'see').text).toMatch(/^You do not have permission to see this secret\. /);
    expect(refusal({ status: 403, message: 'x' }, 'update').text).toMatch(/^You do not have permission to update this secret\. /);
    expect(refusal({ status: 401, message: 'x' }, 'list').title).toBe('Signed out');
    expect(refusal({ status: 404, message: "Secret 'a' not found." }, 'see')).toEqual({
      title: 'Secret not found',
      text: "Secret 'a' not found.",
    });
    expect(refusal({ status: 409, message: "Secret 'a' already exists." }, 'create')).toEqual({
      title: null,
      text: "409: Secret 'a' already exists.",
    });
  });

  it('tells a file secret from a value by the answer’s Content-Type', () => {
    expect(secretValueOf({ status: 200, body: { value: 'pw' }, headers: { 'Content-Type': 'application/json' } })).toEqual({
      kind: 'text',
      value: 'pw',
    });
    expect(secretValueOf({ status: 200, body: 'line1\nline2', headers: { 'content-type': 'application/octet-stream' } })).toEqual({
      kind: 'file',
      value: 'line1\nline2',
    });
  });

  it('writes a value as JSON (with a description when there is one) and a file as bytes', () => {
    expect(writeRequest('PUT', 'db/pw', { kind: 'text', value: 'v', description: '  ' })).toEqual({
      method: 'PUT',
      path: '/secrets/v1/secret/default/db/pw',
      body: { value: 'v' },
      headers: { 'Content-Type': 'application/json' },
    });
    expect(writeRequest('PUT', 'a', { kind: 'text', value: 'v', description: 'DB' }).body).toEqual({ value: 'v', description: 'DB' });
    expect(writeRequest('PATCH', 'a', { kind: 'file', value: 'bytes' })).toEqual({
      method: 'PATCH',
      path: '/secrets/v1/secret/default/a',
      body: 'bytes',
      headers: { 'Content-Type': 'application/octet-stream' },
    });
  });
});

/** The client against a booted sandbox, as the signed-in superuser or as `token`'s user. */
function clientOf(sb: Sandbox, token?: string): SecretsClient {
  return new SecretsClient(async (req: ApiRequest): Promise<ApiResponse> =>
    sb.request(token === undefined ? req : { ...req, headers: { ...req.headers, Authorization: `token=${token}` } }),
  );
}

describe('the client against the store', () => {
  it('creates, lists, reads, updates and deletes; a second create answers 409 with the store’s message', async () => {
    const sb = await cluster();
    const client = clientOf(sb);
    expect(await client.list()).toEqual({ ok: true, value: [] });
    expect(await client.create('db/password', { kind: 'text', value: 's3cret' })).toEqual({ ok: true, value: null });
    expect(await client.create('certs/ca', { kind: 'file', value: '-----BEGIN-----\nabc\n' })).toEqual({ ok: true, value: null });
    expect(await client.list()).toEqual({ ok: true, value: ['certs/ca', 'db/password'] });
    expect(await client.read('db/password')).toEqual({ ok: true, value: { kind: 'text', value: 's3cret' } });
    expect(await client.read('certs/ca')).toEqual({ ok: true, value: { kind: 'file', value: '-----BEGIN-----\nabc\n' } });
    const again = await client.create('db/password', { kind: 'text', value: 'x' });
    expect(again).toEqual({ ok: false, problem: { status: 409, message: "Secret 'db/password' already exists." } });
    expect(await client.update('db/password', { kind: 'text', value: 'n3w' })).toEqual({ ok: true, value: null });
    expect(await client.read('db/password')).toEqual({ ok: true, value: { kind: 'text', value: 'n3w' } });
    expect(await client.remove('db/password')).toEqual({ ok: true, value: null });
    expect(await client.list()).toEqual({ ok: true, value: ['certs/ca'] });
    expect((await client.read('db/password')).ok).toBe(false);
  });

  it('keeps the status of a refusal: 403 for a user without grants, 401 for a bad token', async () => {
    const sb = await cluster();
    await clientOf(sb).create('db/password', { kind: 'text', value: 's3cret' });
    const nobody = clientOf(sb, user(sb, 'nobody'));
    const listed = await nobody.list();
    expect(listed.ok ? 0 : listed.problem.status).toBe(403);
    const read = await nobody.read('db/password');
    expect(read.ok ? 0 : read.problem.status).toBe(403);
    const stranger = await clientOf(sb, 'nope').list();
    expect(stranger.ok ? 0 : stranger.problem.status).toBe(401);
  });
});
