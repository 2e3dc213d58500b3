/** Admin Router in front of every path: 401 without a valid token, 403 without the path's permission (docs/iam.md). */
import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../../src/api/types.ts';
import { adminRouterRid } from '../../../src/api/iam/admin-router.ts';
import { issueToken } from '../../../src/engine/iam/jwt.ts';
import { cluster, grant, login, req, user } from './support.ts';

const FAMILIES: Array<[string, string]> = [
  ['marathon', '/marathon/v2/apps'],
  ['mesos', '/mesos/master/state'],
  ['package', '/package/list'],
  ['metronome', '/service/metronome/v1/jobs'],
  ['system', '/system/health/v1'],
  ['sdk service', '/service/kafka/v1/plans'],
  ['exhibitor', '/exhibitor/exhibitor/v1/cluster/status'],
  ['acs', '/acs/api/v1/users'],
  ['sandbox', '/sandbox/v1/events'],
];

function expect401(res: ApiResponse): void {
  expect(res.status).toBe(401);
  expect(res.headers?.['WWW-Authenticate']).toBe('oauthjwt');
  expect(res.body).toContain('<title>Unauthorized</title>');
}

describe('authentication', () => {
  it('answers 401 oauthjwt for a malformed, badly signed or foreign token on every family', async () => {
    const sb = await cluster();
    const good = login(sb, 'bootstrapuser', 'deleteme');
    const [h, p, s] = good.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ uid: 'bootstrapuser', exp: 4e9 })).toString('base64url')}.${s}`;
    const foreign = issueToken({ seed: 999, clusterName: 'other' }, 'bootstrapuser', sb.now);
    for (const [, path] of FAMILIES) {
      for (const auth of ['token=garbage', 'Basic abc', `token=${tampered}`, `token=${foreign}`, `token=${h}.${p}.`, `Bearer ${h}.${p}`])
        expect401(sb.request({ method: 'GET', path, headers: { Authorization: auth } }));
      expect(sb.request({ method: 'GET', path, headers: { authorization: `Bearer ${good}` } }).status).not.toBe(401);
      expect(sb.request({ method: 'GET', path, headers: { Cookie: `a=b; dcos-acs-auth-cookie=${good}` } }).status).not.toBe(401);
      expect401(sb.request({ method: 'GET', path, headers: { Cookie: 'dcos-acs-auth-cookie=nope' } }));
    }
  });

  it('answers 401 once a token has expired, 5 simulated days after login', async () => {
    const sb = await cluster();
    const token = login(sb, 'bootstrapuser', 'deleteme');
    sb.advance(5 * 24 * 3600 * 1000 - 2000);
    expect(req(sb, 'GET', '/mesos/master/state', undefined, token).status).toBe(200);
    sb.advance(2000);
    for (const [, path] of FAMILIES) expect401(req(sb, 'GET', path, undefined, token));
  }, 60_000);

  it('answers 401 for the token of a user since deleted, and for requests without credentials once signed out', async () => {
    const sb = await cluster();
    const token = user(sb, 'erin');
    grant(sb, 'dcos:superuser', 'erin', 'full');
    expect(req(sb, 'GET', '/mesos/master/state', undefined, token).status).toBe(200);
    expect(req(sb, 'DELETE', '/acs/api/v1/users/erin').status).toBe(204);
    expect401(req(sb, 'GET', '/mesos/master/state', undefined, token));
    expect(req(sb, 'DELETE', '/sandbox/v1/session').status).toBe(204);
    expect(req(sb, 'GET', '/sandbox/v1/session').body).toEqual({ uid: null });
    for (const [, path] of FAMILIES) expect401(req(sb, 'GET', path));
    // Open paths stay open.
    expect(req(sb, 'GET', '/dcos-metadata/dcos-version.json').status).toBe(404);
  });
});

describe('authorization', () => {
  it('answers 403 to a user without the Admin Router permission of the path, and passes it with one', async () => {
    const sb = await cluster();
    const token = user(sb, 'frank');
    for (const [name, path] of FAMILIES) {
      if (name === 'sandbox') continue;
      const res = req(sb, 'GET', path, undefined, token);
      expect(res.status, path).toBe(403);
      expect(res.body).toContain('<title>Access Denied</title>');
    }
    expect(req(sb, 'GET', '/sandbox/v1/events', undefined, token).status).toBe(200);
    grant(sb, 'dcos:adminrouter:ops:mesos', 'frank', 'full');
    expect(req(sb, 'GET', '/mesos/master/state', undefined, token).status).toBe(200);
    expect(req(sb, 'GET', '/marathon/v2/apps', undefined, token).status).toBe(403);
    grant(sb, 'dcos:adminrouter:service:metronome', 'frank', 'read');
    expect(req(sb, 'GET', '/service/metronome/v1/jobs', undefined, token).status).toBe(403);
  });

  it('grants through groups, and dcos:superuser passes everything', async () => {
    const sb = await cluster();
    const token = user(sb, 'gina');
    req(sb, 'PUT', '/acs/api/v1/groups/ops', { description: 'Ops' });
    req(sb, 'PUT', '/acs/api/v1/groups/ops/users/gina');
    grant(sb, 'dcos:adminrouter:ops:mesos', 'ops', 'full', 'groups');
    expect(req(sb, 'GET', '/mesos/master/state', undefined, token).status).toBe(200);
    expect(req(sb, 'GET', '/acs/api/v1/users', undefined, token).status).toBe(403);
    grant(sb, 'dcos:superuser', 'ops', 'full', 'groups');
    for (const [, path] of FAMILIES) expect(req(sb, 'GET', path, undefined, token).status, path).not.toBe(403);
  });

  it('maps paths to Admin Router resources', () => {
    const rid = (path: string): string => adminRouterRid(path.split('/').filter(Boolean));
    expect(rid('/acs/api/v1/auth/login')).toBe('open');
    expect(rid('/dcos-metadata/ui-config.json')).toBe('open');
    expect(rid('/sandbox/v1/session')).toBe('open');
    expect(rid('/')).toBe('authenticated');
    expect(rid('/service')).toBe('authenticated');
    expect(rid('/dcos-metadata/other')).toBe('authenticated');
    expect(rid('/nothing')).toBe('authenticated');
    expect(rid('/cosmos/service/start')).toBe('dcos:adminrouter:package');
    expect(rid('/capabilities')).toBe('dcos:adminrouter:capabilities');
    expect(rid('/mesos_dns/v1/hosts/x')).toBe('dcos:adminrouter:ops:mesos-dns');
    expect(rid('/slave/S1/files')).toBe('dcos:adminrouter:ops:slave');
    expect(rid('/agent/S1/files')).toBe('dcos:adminrouter:ops:slave');
    expect(rid('/net/v1/vips')).toBe('dcos:adminrouter:ops:networking');
    expect(rid('/networking/api/v1/vips')).toBe('dcos:adminrouter:ops:networking');
    expect(rid('/pkgpanda/active.buildinfo.full.json')).toBe('dcos:adminrouter:ops:pkgpanda');
    expect(rid('/system/v1/logs/v2/component')).toBe('dcos:adminrouter:ops:system-logs');
    expect(rid('/system/v1/agent/S1/logs/v2/task/x')).toBe('dcos:adminrouter:ops:system-logs');
    expect(rid('/system/v1/leader/mesos/logs/v2/x')).toBe('dcos:adminrouter:ops:system-logs');
    expect(rid('/system/v1/agent/S1/metrics/v0/node')).toBe('dcos:adminrouter:ops:system-metrics');
    expect(rid('/system/v1/metrics/v0/node')).toBe('dcos:adminrouter:ops:system-metrics');
    expect(rid('/system/v1/leader/marathon/v2/apps')).toBe('dcos:adminrouter:service:marathon');
    expect(rid('/system/v1/leader/mesos/master/state')).toBe('dcos:adminrouter:ops:mesos');
    expect(rid('/system/v1/other')).toBe('dcos:adminrouter:ops:system-health');
    expect(rid('/system/checks/v1')).toBe('dcos:adminrouter:ops:system-health');
  });
});
