/**
 * `dcos package` against a booted sandbox: the commands as clients of its Cosmos (`/package/*`, the offline Universe).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { cli, cluster, rowsOf } from './support.ts';

describe('dcos package (live)', () => {
  let sb: Sandbox;
  let dcos: ReturnType<typeof cli>;
  beforeAll(async () => {
    sb = await cluster();
    dcos = cli(sb);
  });

  it('search lists the Universe packages, certified ones marked', async () => {
    const r = await dcos('dcos package search');
    expect(r.exitCode).toBe(0);
    const rows = rowsOf(r.stdout);
    expect(rows[0]).toEqual(['NAME', 'VERSION', 'CERTIFIED', 'FRAMEWORK', 'DESCRIPTION']);
    expect(rows.find((row) => row[0] === 'kafka')?.slice(1, 4)).toEqual(['2.10.0-2.4.0', 'true', 'true']);
    expect(await dcos('dcos package search zzz-none')).toMatchObject({ exitCode: 1, stderr: 'Error: no packages found\n' });
  });

  it("describe names the package; an unknown one is refused with Cosmos' message", async () => {
    expect(JSON.parse((await dcos('dcos package describe kafka')).stdout).package.name).toBe('kafka');
    expect((await dcos('dcos package describe nope')).stderr).toMatch(/^Error: Package \[nope\] not found/);
  });

  it('install --yes, then list, then a second install is refused, then uninstall --yes', async () => {
    const installed = await dcos('dcos package install marathon-lb --yes');
    expect(installed.exitCode).toBe(0);
    expect(installed.stderr).toContain('Installing Marathon app for package [marathon-lb] version [1.15.0]');
    const list = rowsOf((await dcos('dcos package list')).stdout);
    expect(list[1]?.slice(0, 4)).toEqual(['marathon-lb', '1.15.0', 'false', '/marathon-lb']);
    const again = await dcos('dcos package install marathon-lb --yes');
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(/Error: Package is already installed\n$/);
    const removed = await dcos('dcos package uninstall marathon-lb --yes');
    expect(removed.stderr).toMatch(/^Uninstalled package \[marathon-lb\] version \[1\.15\.0\]/);
  });

  it('repo list names the Universe', async () => {
    expect((await dcos('dcos package repo list')).stdout).toMatch(/^Universe: https:\/\/universe\.mesosphere\.com\/repo/);
  });
});
