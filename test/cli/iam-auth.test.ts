/** `dcos auth` and `dcos security org` over the sandbox's IAM (docs/iam.md). */
import { describe, expect, it } from 'vitest';
import { cli, cluster, rowsOf } from './support.ts';

describe('dcos auth', () => {
  it('lists the login provider', async () => {
    const dcos = cli(await cluster());
    const out = await dcos('dcos auth list-providers');
    expect(out.exitCode).toBe(0);
    expect(rowsOf(out.stdout)).toEqual([
      ['PROVIDER ID', 'LOGIN METHOD'],
      ['dcos-users', 'Log in using a standard DC/OS user account (username and password)'],
    ]);
    expect(JSON.parse((await dcos('dcos auth list-providers --json')).stdout)).toHaveProperty(
      ['dcos-users', 'authentication-type'],
      'dcos-uid-password',
    );
  });

  it('signs in as another user, whose permissions then apply, and signs out', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    expect((await dcos('dcos security org users create alice --password=alice-pw --description=Alice')).exitCode).toBe(0);
    expect((await dcos('dcos security org groups create devs --description=Developers')).exitCode).toBe(0);
    expect((await dcos('dcos security org groups add_user devs alice')).exitCode).toBe(0);
    expect((await dcos('dcos security org groups grant devs dcos:adminrouter:ops:mesos full')).exitCode).toBe(0);
    expect((await dcos('dcos security org users grant alice dcos:adminrouter:service:marathon full')).exitCode).toBe(0);
    expect((await dcos('dcos security org users grant alice dcos:service:marathon:marathon:services:/dev full')).exitCode).toBe(0);
    expect(rowsOf((await dcos('dcos security org users list')).stdout)).toEqual([
      ['UID', 'DESCRIPTION'],
      ['alice', 'Alice'],
      ['bootstrapuser', 'Bootstrap superuser'],
    ]);
    expect(rowsOf((await dcos('dcos security org groups list')).stdout)).toEqual([
      ['GID', 'DESCRIPTION'],
      ['devs', 'Developers'],
    ]);
    expect(JSON.parse((await dcos('dcos security org groups list --json')).stdout)).toHaveLength(1);
    expect(JSON.parse((await dcos('dcos security org users list --service-accounts --json')).stdout)).toEqual([]);

    const bad = await dcos('dcos auth login --username=alice --password=wrong');
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('The login credentials provided are invalid.');
    expect((await dcos('dcos auth login')).exitCode).toBe(1);
    expect(await dcos('dcos auth login --username=alice --password=alice-pw')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(sb.request({ method: 'GET', path: '/sandbox/v1/session' }).body).toEqual({ uid: 'alice' });
    expect(
      sb.request({ method: 'POST', path: '/marathon/v2/apps', body: { id: '/prod/x', cmd: 'sleep 1', cpus: 0.1, mem: 32 } }).status,
    ).toBe(403);
    expect((await dcos('dcos node')).exitCode).toBe(0);
    const denied = await dcos('dcos security org users list');
    expect(denied.exitCode).toBe(1);
    expect((await dcos('dcos auth logout')).exitCode).toBe(0);
    expect(sb.request({ method: 'GET', path: '/mesos/master/state' }).status).toBe(401);
    expect((await dcos('dcos auth login --username=bootstrapuser --password=deleteme')).exitCode).toBe(0);
    expect((await dcos('dcos security org users delete alice')).exitCode).toBe(0);
    expect((await dcos('dcos security org users delete alice')).stderr).toContain('not known');
  });
});
