/**
 * `dcos marathon debug details`, `group scale`, `ping`, `leader delete`, `delay reset` and `task kill|stop|show`
 * against a running sandbox, after dcos-core-cli 2.2's integration tests (python/lib/dcoscli/tests/integrations/
 * test_marathon.py, test_marathon_groups.py, test_marathon_debug.py) and the Go debug_details.go table.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { agent } from '../support/cluster.ts';
import { marathonScenario, untilBooted, untilMarathonLeads, type Json } from '../support/marathon.ts';
import { cli, cluster } from './support.ts';

async function twoRacks(): Promise<Sandbox> {
  const s = marathonScenario([
    agent('small', { cpus: 1, mem: 1024 }, { attributes: { rack: 'r1' } }),
    agent('large', { cpus: 4, mem: 4096 }, { attributes: { rack: 'r2' } }),
  ]);
  const sb = await createSandbox(s, { allocator: 'ts', matcher: 'ts' });
  untilBooted(sb);
  return sb;
}

const SCALE_GROUP = {
  id: '/scale-group',
  groups: [{ id: 'sleep', apps: [{ id: 'sleep', cmd: 'sleep 1000', instances: 1, cpus: 0.1, mem: 32 }] }],
};

describe('dcos marathon debug details', () => {
  it("lists the queued app's last unused offer per agent: a '-' under each check the offer failed", async () => {
    const sb = await twoRacks();
    const dcos = cli(sb);
    const added = await dcos(
      'dcos marathon app add {"id": "/big", "cmd": "serve", "cpus": 2, "mem": 2048, "constraints": [["rack", "CLUSTER", "r1"]]}',
    );
    expect(added.exitCode).toBe(0);
    sb.advance(10_000);
    const { stdout, exitCode } = await dcos('dcos marathon debug details /big');
    expect(exitCode).toBe(0);
    const [header, ...rows] = stdout.trimEnd().split('\n');
    expect(header!.trim().split(/\s+/)).toEqual(['HOSTNAME', 'ROLE', 'CONSTRAINTS', 'CPUS', 'MEM', 'DISK', 'PORTS', 'SCARCE', 'RECEIVED']);
    const cells = rows.map((r) => r.trim().split(/\s+/));
    // small: short of cpus and mem, in rack r1; large: room enough, in the wrong rack.
    expect(cells.map((c) => c.slice(0, 8))).toEqual([
      ['small', 'ok', 'ok', '-', '-', 'ok', 'ok', 'ok'],
      ['large', 'ok', '-', 'ok', 'ok', 'ok', 'ok', 'ok'],
    ]);
    for (const c of cells) expect(c[8]).toMatch(/^2026-01-01T00:00:\d\d\.\d{3}Z$/);
    // debug summary reads the same offers: 1 of 2 matched the constraint, cpus and mem.
    const summary = (await dcos('dcos marathon debug summary /big')).stdout;
    expect(summary).toMatch(/ CONSTRAINTS +\[\[rack CLUSTER r1\]\] +1\/2 +50\.00% /);
    expect(summary).toMatch(/ CPUS +2 +1\/2 +50\.00% /);
    expect(summary).toMatch(/ ROLE +\* +2\/2 +100\.00% /);
    const raw = JSON.parse((await dcos('dcos marathon debug details /big --json')).stdout) as Json;
    expect(raw.lastUnusedOffers.map((o: Json) => o.offer.hostname)).toEqual(['small', 'large']);
  });
});

describe('dcos marathon group scale', () => {
  it('scales the apps of a group (test_scale_group), and creates a group that does not exist (test_scale_group_not_exist)', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    expect((await dcos(`dcos marathon group add ${JSON.stringify(SCALE_GROUP)}`)).exitCode).toBe(0);
    sb.advance(30_000);
    const scaled = await dcos('dcos marathon group scale scale-group 2');
    expect(scaled).toEqual({ stdout: expect.stringMatching(/^Created deployment \S+\n$/), stderr: '', exitCode: 0 });
    sb.advance(30_000);
    const group = JSON.parse((await dcos('dcos marathon group show scale-group')).stdout) as Json;
    expect(group.groups[0].apps[0].instances).toBe(2);
    expect((await dcos('dcos marathon group scale other-group 2')).stderr).toBe('');
    expect(JSON.parse((await dcos('dcos marathon group show other-group')).stdout).apps).toEqual([]);
  });
});

describe('dcos marathon ping, leader delete', () => {
  it('pings the leader; after it abdicates no Marathon answers until one is elected again (test_leader_delete)', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    expect(await dcos('dcos marathon ping')).toEqual({ stdout: 'Marathon ping response[1x]: "pong"\n', stderr: '', exitCode: 0 });
    expect(await dcos('dcos marathon leader delete')).toEqual({ stdout: 'Leadership abdicated\n', stderr: '', exitCode: 0 });
    expect((await dcos('dcos marathon app list')).exitCode).not.toBe(0);
    expect(await dcos('dcos marathon ping --once')).toEqual({
      stdout: '',
      stderr: 'Error: unable to ping leading Marathon master 1 time(s)\n',
      exitCode: 1,
    });
    untilMarathonLeads(sb);
    expect((await dcos('dcos marathon ping')).exitCode).toBe(0);
  });
});

describe('dcos marathon delay reset, task show|stop|kill', () => {
  it('resets the delay of a waiting app; a running one is not in the queue', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    await dcos('dcos marathon app add {"id": "/huge", "cmd": "serve", "cpus": 64, "mem": 32}');
    await dcos('dcos marathon app add {"id": "/ok", "cmd": "serve", "cpus": 0.1, "mem": 32}');
    sb.advance(10_000);
    expect(await dcos('dcos marathon delay reset huge')).toEqual({ stdout: 'Delay on [/huge] has been reset\n', stderr: '', exitCode: 0 });
    expect(await dcos('dcos marathon delay reset /ok')).toEqual({
      stdout: '',
      stderr: 'Error: Application /ok not found in tasks queue.\n',
      exitCode: 1,
    });
  });

  it('shows, stops (Marathon relaunches) and kills with --scale (test_show_task, test_stop_task, test_kill_and_scale_task)', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    await dcos('dcos marathon app add {"id": "/zero-instance-app", "cmd": "sleep 1000", "instances": 2, "cpus": 0.1, "mem": 32}');
    const ids = async () => (await dcos('dcos marathon task list --quiet zero-instance-app')).stdout.trim().split('\n').filter(Boolean);
    sb.advance(30_000);
    const [first, second] = await ids();
    expect(JSON.parse((await dcos(`dcos marathon task show ${first}`)).stdout).appId).toBe('/zero-instance-app');
    expect(JSON.parse((await dcos(`dcos marathon task stop ${first}`)).stdout).id).toBe(first);
    sb.advance(30_000);
    expect(await ids()).toHaveLength(2);
    expect(await ids()).not.toContain(first);
    expect(JSON.parse((await dcos(`dcos marathon task kill --json --scale ${second}`)).stdout)).toHaveProperty('deploymentId');
    sb.advance(30_000);
    expect(await ids()).toHaveLength(1);
    expect(await dcos('dcos marathon task kill unknown-task-id')).toEqual({
      stdout: 'Killed tasks: []\n',
      stderr: 'Failed to kill tasks. task-ids seems to be unknown\n',
      exitCode: 1,
    });
  });
});
