import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/index.ts';
import { goFixed, renderGoTable } from '../../src/cli/table.ts';
import type { ApiRequest, ApiResponse } from '../../src/cli/types.ts';
import { cli, cluster } from './support.ts';

/** A `dcos` answering `/mesos/roles` and `/marathon/v2/groups` with fixed bodies (dcos-core-cli's own test data). */
function fixed(roles: unknown) {
  const groups = { id: '/', groups: [{ id: '/tonytest', apps: [{ id: '/tonytest/x', cpus: 0.1, disk: 0, instances: 1 }] }] };
  const request = (req: ApiRequest): ApiResponse =>
    req.path === '/mesos/roles'
      ? { status: 200, body: roles }
      : req.path === '/marathon/v2/groups'
        ? { status: 200, body: groups }
        : { status: 404, body: '' };
  return (line: string) => runCommand(line, request);
}

const role = (limit: Record<string, unknown>) => ({
  roles: [
    {
      name: 'tonytest',
      weight: 1,
      quota: { role: 'tonytest', limit, consumed: { cpus: 0.1, mem: 128 } },
      resources: { cpus: 0.1, mem: 128 },
      allocated: { cpus: 0.1, mem: 128 },
    },
  ],
});

describe('dcos quota list: the plugin table (dcos-core-cli quota_list_test.go cases)', () => {
  it('shows consumption of the limits, GiB of 1000 MiB from 1000 MiB on', async () => {
    const r = await fixed(role({ cpus: 10, gpus: 0, mem: 50000, disk: 200000.0001 }))('dcos quota list');
    expect(r.stdout).toBe(
      '    NAME        CPU CONSUMED            MEMORY CONSUMED             DISK CONSUMED          GPU CONSUMED   \n' +
        '  tonytest  1.00% (0 of 10 Cores)  0.26% (0.1 GiB of 50 GiB)  0.00% (0 GiB of 200.0 GiB)  (0 of 0 Cores)  \n',
    );
  });

  it('shows MiB below 1000 MiB', async () => {
    const r = await fixed(role({ cpus: 10, gpus: 0, mem: 500, disk: 200 }))('dcos quota list');
    expect(r.stdout).toBe(
      '    NAME        CPU CONSUMED             MEMORY CONSUMED             DISK CONSUMED         GPU CONSUMED   \n' +
        '  tonytest  1.00% (0 of 10 Cores)  25.60% (128 MiB of 500 MiB)  0.00% (0 MiB of 200 MiB)  (0 of 0 Cores)  \n',
    );
  });

  it('says "No limit" for a limit that is not a number', async () => {
    const r = await fixed(role({ cpus: 'NaN', gpus: 0, mem: 500, disk: 200 }))('dcos quota list');
    expect(r.stdout).toBe(
      '    NAME    CPU CONSUMED        MEMORY CONSUMED             DISK CONSUMED         GPU CONSUMED   \n' +
        '  tonytest  No limit      25.60% (128 MiB of 500 MiB)  0.00% (0 MiB of 200 MiB)  (0 of 0 Cores)  \n',
    );
  });

  it('prints the quotas as JSON with --json', async () => {
    const r = await fixed(role({ cpus: 10, gpus: 0, mem: 500, disk: 200 }))('dcos quota list --json');
    expect(JSON.parse(r.stdout)).toEqual([
      { role: 'tonytest', consumed: { cpus: 0.1, mem: 128 }, limit: { cpus: 10, disk: 200, gpus: 0, mem: 500 } },
    ]);
    expect(r.stdout.split('\n')[1]).toBe('    {');
  });
});

describe("the Go CLI's number and table formats", () => {
  it("rounds exact ties to even as Go's %f does, else as toFixed", () => {
    expect([goFixed(0.5, 0), goFixed(1.5, 0), goFixed(2.5, 0), goFixed(0.125, 2), goFixed(1.005, 2), goFixed(2.675, 2)]).toEqual([
      '0',
      '2',
      '2',
      '0.12',
      '1.00',
      '2.67',
    ]);
    expect(goFixed(-0.5, 0)).toBe('-0');
  });

  it('centres headers and right-aligns numeric cells', () => {
    expect(renderGoTable(['A', 'LONGER'], [['x', '10']])).toBe('  A  LONGER  \n  x      10  \n');
  });
});

describe('dcos quota on the sandbox', () => {
  it('creates, lists, gets, updates and deletes a quota for a Marathon group', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    expect((await dcos('dcos quota create batch --cpu 2')).stderr).toBe('Error: /batch is not an existing Marathon group\n');
    expect((await dcos('dcos marathon group add {"id": "/batch"}')).exitCode).toBe(0);
    expect((await dcos('dcos quota list')).stdout).toBe(
      '  NAME   CPU CONSUMED  MEMORY CONSUMED  DISK CONSUMED  GPU CONSUMED  \n' +
        '  batch  No limit      No limit         No limit       No limit      \n',
    );

    expect(await dcos('dcos quota create batch --cpu 2 --mem 3000')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect((await dcos('dcos quota create batch --cpu 2')).stderr).toBe(
      "Error: batch is an existing quota, use 'dcos quota update' if you want to update it.\n",
    );
    expect((await dcos('dcos quota list')).stdout).toBe(
      '  NAME       CPU CONSUMED            MEMORY CONSUMED       DISK CONSUMED  GPU CONSUMED  \n' +
        '  batch  50.00% (1 of 2 Cores)  17.07% (0.5 GiB of 3 GiB)  No limit       No limit      \n',
    );
    expect((await dcos('dcos quota get batch')).stdout).toBe(
      '  RESOURCE  CONSUMPTION  LIMIT   \n' + '  cpus      50.00%            2  \n' + '  mem       17.07%       2.9GiB  \n',
    );
    const json = await dcos('dcos quota get batch --json');
    expect(JSON.parse(json.stdout)).toMatchObject({ role: 'batch', consumed: { cpus: 1, mem: 512 }, limit: { cpus: 2, mem: 3000 } });

    // Below what the role consumes: Mesos refuses without --force, and the plugin shows only the status.
    expect((await dcos('dcos quota update batch --cpu 0.5')).stderr).toBe('Error: HTTP 400 error\n');
    expect((await dcos('dcos quota update batch --cpu 0.5 --force')).exitCode).toBe(0);
    expect((await dcos('dcos quota get batch')).stdout).toBe('  RESOURCE  CONSUMPTION  LIMIT  \n' + '  cpus      200.00%          0  \n');

    expect((await dcos('dcos quota delete batch')).exitCode).toBe(0);
    expect((await dcos('dcos quota delete batch')).stderr).toBe('Error: HTTP 400 error\n');
    expect((await dcos('dcos quota get batch')).stdout).toBe('  RESOURCE  CONSUMPTION  LIMIT  \n');
  });

  it("refuses what the plugin refuses before calling, with cobra's and pflag's messages", async () => {
    const dcos = cli(await cluster());
    expect((await dcos('dcos quota create batch')).stderr).toBe(
      "Error: could not create quota 'batch', at least one limit has to be given\n",
    );
    expect((await dcos('dcos quota create a/b --cpu 1')).stderr).toBe(
      "Error: could not create quota 'a/b', quotas cannot be created for subgroups yet\n",
    );
    expect((await dcos('dcos quota create batch --cpu x')).stderr).toBe(
      'Error: invalid argument "x" for "--cpu" flag: strconv.ParseFloat: parsing "x": invalid syntax\n',
    );
    expect((await dcos('dcos quota get')).stderr).toBe('Error: accepts 1 arg(s), received 0\n');
  });

  it('has help and completion under `dcos quota`', async () => {
    const dcos = cli(await cluster());
    const help = await dcos('dcos quota --help');
    expect(help.stdout).toContain('Manage DC/OS quotas\n\nUsage:\n    dcos quota [command]\n');
    expect(help.stdout).toContain('    create\n        Create a quota\n    delete\n        Delete a quota\n    get\n        Get a quota\n');
    expect((await dcos('dcos help')).stdout).toContain('    quota\n        Manage DC/OS quotas\n');
  });
});
