/** `dcos node list-components|drain|deactivate|reactivate`, `dcos marathon leader show`, and masters in `dcos node`. */
import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { completions } from '../../src/cli/index.ts';
import { fault, get, marathonScenario, untilBooted, type Json } from '../support/marathon.ts';
import { cli, cluster, rowsOf } from './support.ts';

const MASTER_UNITS = [
  'dcos-exhibitor.service',
  'dcos-mesos-master.service',
  'dcos-mesos-dns.service',
  'dcos-marathon.service',
  'dcos-adminrouter.service',
];

async function threeMasters(): Promise<Sandbox> {
  const s = marathonScenario([{ hostname: 'a', count: 2, resources: { cpus: 2, mem: 4096, disk: 0, gpus: 0 } }]);
  s.cluster.masters = 3;
  const sb = await createSandbox(s, { allocator: 'ts', matcher: 'ts' });
  untilBooted(sb);
  return sb;
}

const slave = (sb: Sandbox, host: string): Json => (get(sb, '/mesos/master/slaves').slaves as Json[]).find((s) => s.hostname === host)!;

describe('dcos node list-components', () => {
  it("lists the leading master's units, or an agent's, one id a line or as JSON", async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    expect(await dcos('dcos node list-components --leader')).toEqual({
      stdout: MASTER_UNITS.map((u) => `${u}\n`).join(''),
      stderr: '',
      exitCode: 0,
    });
    const id = slave(sb, 'a1').id as string;
    for (const line of [`dcos node list-components --mesos-id=${id}`, 'dcos node list-components --mesos-id a1']) {
      expect((await dcos(line)).stdout).toBe('dcos-mesos-slave.service\n');
    }
    const units = JSON.parse((await dcos('dcos node list-components --leader --json')).stdout) as Json[];
    expect(units[1]).toEqual({
      id: 'dcos-mesos-master.service',
      name: 'Mesos Master',
      health: 0,
      description: 'DC/OS Mesos Master Service',
    });
  });

  it('needs exactly one of --leader and --mesos-id, and a known agent', async () => {
    const dcos = cli(await cluster());
    expect(await dcos('dcos node list-components')).toEqual({
      stdout: '',
      stderr: "Error: '--leader' or '--mesos-id' must be provided\n",
      exitCode: 1,
    });
    expect((await dcos('dcos node list-components --leader --mesos-id=x')).stderr).toBe(
      'Error: unable to use leader and mesos id at the same time\n',
    );
    expect((await dcos('dcos node list-components --mesos-id=zz')).stderr).toBe("Error: agent 'zz' not found\n");
  });
});

describe('dcos node drain, deactivate, reactivate', () => {
  it('deactivates and reactivates an agent by hostname or id, silently as the real CLI', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    expect(await dcos('dcos node deactivate a2')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(slave(sb, 'a2').deactivated).toBe(true);
    expect(await dcos(`dcos node reactivate ${slave(sb, 'a2').id}`)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(slave(sb, 'a2').deactivated).toBe(false);
    const again = await dcos('dcos node reactivate a2');
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(/^Error: Agent .* is not deactivated\n$/);
    expect((await dcos('dcos node deactivate nope')).stderr).toBe('Error: Unknown agent nope\n');
    expect((await dcos('dcos node deactivate')).stderr).toContain('missing argument <mesos-id>');
  });

  it('drains with a grace period given as a Go duration', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    expect(await dcos('dcos node drain a1 --timeout=1m30s')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(slave(sb, 'a1').drain_info.config).toEqual({ max_grace_period: { nanoseconds: 90_000_000_000 }, mark_gone: false });
    expect((await dcos('dcos node drain a2 --max-grace-period 500ms')).exitCode).toBe(0);
    expect(slave(sb, 'a2').drain_info.config.max_grace_period).toEqual({ nanoseconds: 500_000_000 });
    sb.advance(5000);
    expect(slave(sb, 'a2').drain_info.state).toBe('DRAINED');
    const bad = await dcos('dcos node drain a1 --timeout=soon');
    expect(bad).toEqual({
      stdout: '',
      stderr: 'Error: invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"\n',
      exitCode: 1,
    });
    expect((await dcos('dcos node drain a1 --decommission')).stderr).toContain('mark_gone is not supported');
  });
});

describe('dcos marathon leader show', () => {
  it("prints the leading Marathon, or Marathon's message when there is none", async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    expect(await dcos('dcos marathon leader show')).toEqual({ stdout: '10.0.0.11:8080\n', stderr: '', exitCode: 0 });
    expect(JSON.parse((await dcos('dcos marathon leader show --json')).stdout)).toEqual({ leader: '10.0.0.11:8080' });
    fault(sb, 'master-crash', 'master-1');
    expect(await dcos('dcos marathon leader show')).toEqual({ stdout: '', stderr: 'Error: There is no leader\n', exitCode: 1 });
  });

  it('follows a Marathon failover', async () => {
    const sb = await threeMasters();
    const dcos = cli(sb);
    const before = (await dcos('dcos marathon leader show')).stdout.trim();
    const host = (get(sb, '/mesos/master/state').sandbox_masters as Json[]).find((m) => `${m.ip}:8080` === before)!.hostname as string;
    fault(sb, 'master-crash', host);
    sb.advance(15_000);
    const after = (await dcos('dcos marathon leader show')).stdout.trim();
    expect(after).toMatch(/^10\.0\.0\.1[123]:8080$/);
    expect(after).not.toBe(before);
  });
});

describe('dcos node with three masters', () => {
  it('lists the leader and the standby masters; a crashed master drops out', async () => {
    const sb = await threeMasters();
    const dcos = cli(sb);
    const types = (rows: string[][]) => rows.slice(1).map((r) => `${r[0]} ${r[3]}`);
    const leader = get(sb, '/mesos/master/state').hostname as string;
    const listed = types(rowsOf((await dcos('dcos node')).stdout));
    expect(listed.slice(0, 3)).toEqual(['a-1 agent', 'a-2 agent', `${leader} master (leader)`]);
    expect(listed.slice(3).sort()).toEqual(
      ['master-1', 'master-2', 'master-3'].filter((m) => m !== leader).map((m) => `${m} master (standby)`),
    );
    fault(sb, 'master-crash', leader);
    sb.advance(15_000);
    const now = types(rowsOf((await dcos('dcos node')).stdout));
    expect(now).toHaveLength(4);
    expect(now.filter((r) => r.endsWith('(leader)'))).toHaveLength(1);
    expect(now.some((r) => r.startsWith(`${leader} `))).toBe(false);
  });
});

describe('help and completion of the new commands', () => {
  it('shows them in help and completes their words, flags and node ids', async () => {
    const dcos = cli(await cluster());
    const node = (await dcos('dcos node --help')).stdout;
    for (const w of ['drain', 'deactivate', 'reactivate', 'list-components']) expect(node).toContain(`    ${w}\n`);
    expect((await dcos('dcos marathon --help')).stdout).toContain('    leader\n');
    expect((await dcos('dcos help marathon leader show')).stdout).toContain('dcos marathon leader show [--json]');
    expect(completions('dcos node dr').candidates).toEqual(['drain']);
    expect(completions('dcos node drain --').candidates).toEqual(['--decommission', '--help', '--max-grace-period', '--timeout']);
    expect(completions('dcos node list-components --').candidates).toEqual(['--help', '--json', '--leader', '--mesos-id']);
    expect(completions('dcos node reactivate a', { hostnames: ['a1', 'a2'] }).candidates).toEqual(['a1', 'a2']);
    expect(completions('dcos marathon leader ').candidates).toEqual(['show']);
  });
});
