/** `dcos security secrets` over the secret store (docs/secrets.md). */
import { describe, expect, it } from 'vitest';
import { cli, cluster } from './support.ts';

describe('dcos security secrets', () => {
  it('creates, lists, reads, updates and deletes', async () => {
    const dcos = cli(await cluster());
    expect(await dcos('dcos security secrets create /db/password --value=hunter2')).toMatchObject({ exitCode: 0, stdout: '' });
    expect((await dcos('dcos security secrets create db/user --value=admin --description=login')).exitCode).toBe(0);
    expect((await dcos('dcos security secrets list /')).stdout).toBe('- db/password\n- db/user\n');
    expect(JSON.parse((await dcos('dcos security secrets list db --json')).stdout)).toEqual(['password', 'user']);
    expect((await dcos('dcos security secrets get /db/password')).stdout).toBe('value: hunter2\n');
    expect((await dcos('dcos security secrets update /db/password --value=s3cret')).exitCode).toBe(0);
    expect(JSON.parse((await dcos('dcos security secrets get db/password --json')).stdout)).toEqual({ value: 's3cret' });
    expect((await dcos('dcos security secrets delete db/user')).exitCode).toBe(0);
    expect((await dcos('dcos security secrets list /')).stdout).toBe('- db/password\n');
  });

  it("prints the store's errors and exits 1", async () => {
    const dcos = cli(await cluster());
    const missing = await dcos('dcos security secrets get /nope');
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toBe("Error: Secret 'nope' not found.\n");
    await dcos('dcos security secrets create a --value=1');
    expect((await dcos('dcos security secrets create a --value=2')).stderr).toBe("Error: Secret 'a' already exists.\n");
    expect((await dcos('dcos security secrets create bad.path --value=2')).stderr).toBe(
      'Error: Alphanumerical, dashes, underscores and slashes are allowed.\n',
    );
    const noValue = await dcos('dcos security secrets create b');
    expect(noValue.exitCode).toBe(1);
    expect(noValue.stderr).toContain('--value=<value>');
  });
});
