/** POSTs that only read (Cosmos' queries, IAM's login) are not actions: the script and the history keep none of them. */
import { describe, expect, it } from 'vitest';
import { isAction } from '../../src/sandbox/index.ts';
import { cluster } from '../api/iam/support.ts';

const COSMOS = { Accept: 'application/vnd.dcos.package.search-response+json;charset=utf-8;version=v1' };

describe('reads sent as POST', () => {
  it.each([
    '/package/search',
    '/package/describe',
    '/package/list-versions',
    '/package/list',
    '/package/render',
    '/package/repository/list',
    '/cosmos/service/describe',
    '/acs/api/v1/auth/login',
  ])('%s is not an action', (path) => {
    expect(isAction({ method: 'POST', path })).toBe(false);
  });

  it('reads with a query or a trailing slash too; a deeper path or a prefix of one is not a read', () => {
    expect(isAction({ method: 'POST', path: '/package/search?x=1' })).toBe(false);
    expect(isAction({ method: 'POST', path: '/acs/api/v1/auth/login/' })).toBe(false);
    expect(isAction({ method: 'POST', path: '/package/search/more' })).toBe(true);
    expect(isAction({ method: 'POST', path: '/package/repository' })).toBe(true);
    expect(isAction({ method: 'PUT', path: '/package/search' })).toBe(true);
  });

  it.each(['/package/install', '/package/uninstall', '/package/repository/add', '/cosmos/service/update', '/marathon/v2/apps'])(
    '%s is one',
    (path) => {
      expect(isAction({ method: 'POST', path })).toBe(true);
    },
  );

  it('leaves the script and the history hash as they were, and keeps no password', async () => {
    const sb = await cluster();
    const before = { script: sb.script().length, hash: sb.historyHash() };
    expect(sb.request({ method: 'POST', path: '/package/search', body: { query: 'kafka' }, headers: COSMOS }).status).toBe(200);
    const login = sb.request({ method: 'POST', path: '/acs/api/v1/auth/login', body: { uid: 'bootstrapuser', password: 'deleteme' } });
    expect(login.status).toBe(200);
    expect({ script: sb.script().length, hash: sb.historyHash() }).toEqual(before);
    expect(sb.request({ method: 'PUT', path: '/sandbox/v1/session', body: login.body }).status).toBe(200);
    expect(sb.script()).toHaveLength(before.script + 1);
    expect(JSON.stringify(sb.script())).not.toContain('deleteme');
  });
});
