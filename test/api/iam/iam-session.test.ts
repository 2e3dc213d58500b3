/** The sandbox's session and determinism: headerless requests carry the session's user; replays agree (docs/iam.md). */
import { describe, expect, it } from 'vitest';
import { createSandbox, resumeSandbox } from '../../../src/sandbox/index.ts';
import { app, cluster, grant, login, req, user } from './support.ts';

describe('session', () => {
  it('starts as the bootstrap superuser, switches on sign-in, and signs out', async () => {
    const sb = await cluster();
    expect(req(sb, 'GET', '/sandbox/v1/session').body).toEqual({ uid: 'bootstrapuser' });
    const token = user(sb, 'hank');
    grant(sb, 'dcos:adminrouter:service:marathon', 'hank', 'full');
    grant(sb, 'dcos:service:marathon:marathon:services:/dev', 'hank', 'full');
    expect(req(sb, 'PUT', '/sandbox/v1/session', { token })).toEqual({ status: 200, body: { uid: 'hank' } });
    expect(req(sb, 'GET', '/sandbox/v1/session').body).toEqual({ uid: 'hank' });
    expect(req(sb, 'POST', '/marathon/v2/apps', app('/dev/a')).status).toBe(201);
    expect(req(sb, 'POST', '/marathon/v2/apps', app('/prod/a')).status).toBe(403);
    expect(req(sb, 'GET', '/mesos/master/state').status).toBe(403);
    // An explicit token overrides the session.
    expect(req(sb, 'GET', '/mesos/master/state', undefined, login(sb, 'bootstrapuser', 'deleteme')).status).toBe(200);
    expect(req(sb, 'PUT', '/sandbox/v1/session', { token: 'nope' }).status).toBe(401);
    expect(req(sb, 'PUT', '/sandbox/v1/session', {}).status).toBe(400);
    expect(req(sb, 'PUT', '/sandbox/v1/session', { token: 7 }).status).toBe(400);
    expect(req(sb, 'POST', '/sandbox/v1/session').status).toBe(405);
    expect(req(sb, 'GET', '/sandbox/v1/session/x').status).toBe(404);
    expect(req(sb, 'PUT', '/sandbox/v1/session', { token: login(sb, 'bootstrapuser', 'deleteme') }).status).toBe(200);
    expect(req(sb, 'GET', '/mesos/master/state').status).toBe(200);
  });
});

describe('determinism', () => {
  it('leaves the history of a cluster that never signs in as it was, whatever IAM reads it makes', async () => {
    const a = await cluster();
    const b = await cluster();
    for (const path of ['/acs/api/v1/users', '/acs/api/v1/groups', '/acs/api/v1/acls', '/sandbox/v1/session'])
      expect(req(b, 'GET', path).status).toBe(200);
    a.advance(10_000);
    b.advance(10_000);
    expect(b.historyHash()).toBe(a.historyHash());
    expect(b.snapshot().cluster.iam).toBeUndefined();
  });

  it('replays IAM writes, tokens and the session from the script to the same history and answers', async () => {
    const sb = await cluster();
    const token = user(sb, 'ivy');
    grant(sb, 'dcos:adminrouter:service:marathon', 'ivy', 'full');
    grant(sb, 'dcos:service:marathon:marathon:services:/dev', 'ivy', 'full');
    expect(req(sb, 'POST', '/marathon/v2/apps', app('/dev/a'), token).status).toBe(201);
    expect(req(sb, 'POST', '/marathon/v2/apps', app('/prod/a'), token).status).toBe(403);
    req(sb, 'PUT', '/sandbox/v1/session', { token });
    expect(req(sb, 'POST', '/marathon/v2/apps', app('/prod/b')).status).toBe(403);
    sb.advance(30_000);
    const replay = await createSandbox(sb.scenario());
    replay.advance(sb.now);
    expect(replay.historyHash()).toBe(sb.historyHash());
    const ids = (s: typeof sb): string[] =>
      (
        req(s, 'GET', '/marathon/v2/apps', undefined, login(s, 'bootstrapuser', 'deleteme')).body as { apps: Array<{ id: string }> }
      ).apps.map((x) => x.id);
    expect(ids(replay)).toEqual(['/dev/a']);
    expect(replay.snapshot().cluster.iam).toEqual(sb.snapshot().cluster.iam);
  });

  it('keeps users, grants and the session in snapshots, through JSON', async () => {
    const sb = await cluster();
    const token = user(sb, 'jo');
    grant(sb, 'dcos:adminrouter:ops:mesos', 'jo', 'full');
    req(sb, 'PUT', '/sandbox/v1/session', { token });
    const snapshot = JSON.parse(JSON.stringify(sb.snapshot())) as ReturnType<typeof sb.snapshot>;
    const resumed = await resumeSandbox(sb.scenario(), snapshot);
    expect(req(resumed, 'GET', '/sandbox/v1/session').body).toEqual({ uid: 'jo' });
    expect(req(resumed, 'GET', '/mesos/master/state').status).toBe(200);
    expect(req(resumed, 'GET', '/marathon/v2/apps').status).toBe(403);
    sb.advance(5_000);
    resumed.advance(5_000);
    expect(resumed.historyHash()).toBe(sb.historyHash());
  });
});
