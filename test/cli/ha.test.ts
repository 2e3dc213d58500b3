/** `dcos node list-components|drain|deactivate|reactivate|decommission`, `dcos marathon leader show`, and masters in `dcos node`, on a running sandbox. */
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
  'dcos-metronome.service',
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
  it("lists the leading master's units, or an agent's (by Mesos id), one id a line or as JSON", async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    expect(await dcos('dcos node list-components --leader')).toEqual({
      stdout: MASTER_UNITS.map((u) => `${u}\n`).join(''),
      stderr: '',
      exitCode: 0,
    });
    const id = slave(sb, 'a1').id as string;
    expect((await dcos(`dcos node list-components ${id}`)).stdout).toBe('dcos-mesos-slave.service\n');
    const units = JSON.parse((await dcos('dcos node list-components --leader --json')).stdout) as Json[];
    // dcos-core-cli's HealthResponseValues: output and help are empty when diagnostics leave them out.
    expect(units[1]).toEqual({
      id: 'dcos-mesos-master.service',
      health: 0,
      output: '',
      description: 'DC/OS Mesos Master Service',
      help: '',
      name: 'Mesos Master',
    });
    expect((await dcos('dcos node list-components a1')).stderr).toBe("Error: agent 'a1' not found\n");
  });
});

describe('dcos node drain, deactivate, reactivate', () => {
  it('deactivates and reactivates an agent by Mesos id, silently as the real CLI', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    const id = slave(sb, 'a2').id as string;
    expect(await dcos(`dcos node deactivate ${id}`)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(slave(sb, 'a2').deactivated).toBe(true);
    expect((await dcos('dcos node list')).stdout).toMatch(/ a2 .* DEACTIVATED /);
    expect(await dcos(`dcos node reactivate ${id}`)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(slave(sb, 'a2').deactivated).toBe(false);
    // Mesos refuses with 400 (not deactivated, unknown agent): the plugin prints the status only.
    expect(await dcos(`dcos node reactivate ${id}`)).toEqual({ stdout: '', stderr: 'Error: HTTP 400 error\n', exitCode: 1 });
    expect(await dcos('dcos node deactivate a2')).toEqual({ stdout: '', stderr: 'Error: HTTP 400 error\n', exitCode: 1 });
  });

  it('drains with a grace period given as a Go duration; STATUS shows DRAINING, then DRAINED', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    const [a1, a2] = [slave(sb, 'a1').id as string, slave(sb, 'a2').id as string];
    expect(await dcos(`dcos node drain ${a1} --max-grace-period=1m30s`)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(slave(sb, 'a1').drain_info.config).toEqual({ max_grace_period: { nanoseconds: 90_000_000_000 }, mark_gone: false });
    expect((await dcos(`dcos node drain ${a2} --max-grace-period 500ms`)).exitCode).toBe(0);
    expect(slave(sb, 'a2').drain_info.config.max_grace_period).toEqual({ nanoseconds: 500_000_000 });
    expect((await dcos('dcos node list')).stdout).toMatch(/ a2 .* DRAINING /);
    sb.advance(5000);
    expect(slave(sb, 'a2').drain_info.state).toBe('DRAINED');
    expect((await dcos('dcos node list')).stdout).toMatch(/ a2 .* DRAINED /);
    expect(await dcos(`dcos node drain ${a2} --wait`)).toEqual({
      stdout: 'Waiting for the agent to be drained...\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('decommissions an agent by Mesos id; an id Mesos never knew is its 404', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    expect(await dcos(`dcos node decommission ${slave(sb, 'a2').id as string}`)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(await dcos('dcos node decommission nope')).toEqual({
      stdout: '',
      stderr: "Error: could not mark agent 'nope' as gone\n",
      exitCode: 1,
    });
  });
});

describe('dcos marathon leader show', () => {
  it("prints Mesos-DNS's marathon.mesos record for the leading Marathon, or Marathon's message when there is none", async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    expect(await dcos('dcos marathon leader show')).toEqual({
      stdout: 'HOST                 IP     \nmarathon.mesos.  10.0.0.11  \n',
      stderr: '',
      exitCode: 0,
    });
    expect(JSON.parse((await dcos('dcos marathon leader show --json')).stdout)).toEqual({ host: 'marathon.mesos.', ip: '10.0.0.11' });
    fault(sb, 'master-crash', 'master-1');
    expect(await dcos('dcos marathon leader show')).toEqual({ stdout: '', stderr: 'Error: There is no leader\n', exitCode: 1 });
  });

  it('follows a Marathon failover', async () => {
    const sb = await threeMasters();
    const dcos = cli(sb);
    const leaderIp = async () => (JSON.parse((await dcos('dcos marathon leader show --json')).stdout) as Json).ip as string;
    const before = await leaderIp();
    const host = (get(sb, '/mesos/master/state').sandbox_masters as Json[]).find((m) => m.ip === before)!.hostname as string;
    fault(sb, 'master-crash', host);
    sb.advance(15_000);
    const after = await leaderIp();
    expect(after).toMatch(/^10\.0\.0\.1[123]$/);
    expect(after).not.toBe(before);
  });
});

describe('dcos node with three masters', () => {
  it('lists the leader and the standby masters (Mesos-DNS names them all master.mesos.); a crashed master drops out', async () => {
    const sb = await threeMasters();
    const dcos = cli(sb);
    const masters = (rows: string[][]) =>
      rows
        .slice(1)
        .filter((r) => r[0] === 'master.mesos.')
        .map((r) => `${r[1]} ${r.at(-3)}`);
    const state = get(sb, '/mesos/master/state');
    const leaderIp = (state.leader_info as Json).address.ip as string;
    const ips = (state.sandbox_masters as Json[]).map((m) => m.ip as string);
    const listed = masters(rowsOf((await dcos('dcos node list')).stdout));
    expect(listed).toEqual(ips.map((ip) => `${ip} ${ip === leaderIp ? 'master (leader)' : 'master (standby)'}`));
    const leaderHost = (state.sandbox_masters as Json[]).find((m) => m.ip === leaderIp)!.hostname as string;
    fault(sb, 'master-crash', leaderHost);
    sb.advance(15_000);
    const now = masters(rowsOf((await dcos('dcos node list')).stdout));
    expect(now).toHaveLength(2);
    expect(now.filter((r) => r.endsWith('(leader)'))).toHaveLength(1);
    expect(now.some((r) => r.startsWith(`${leaderIp} `))).toBe(false);
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
    expect(completions('dcos node drain --').candidates).toEqual(['--decommission', '--help', '--max-grace-period', '--wait']);
    expect(completions('dcos node list-components --').candidates).toEqual(['--help', '--json', '--leader', '--mesos-id']);
    expect(completions('dcos node reactivate a', { hostnames: ['a1', 'a2'] }).candidates).toEqual(['a1', 'a2']);
    expect(completions('dcos marathon leader ').candidates).toEqual(['delete', 'show']);
  });
});
