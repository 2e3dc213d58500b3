/** Partitions, agent loss under both ping settings, and the fault requests' validation. */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { appOf, deploy, deployments, tasksOf, type Json } from '../../support/marathon.ts';
import { faultBody, ha, haCluster, hostOfMaster, until, watch } from './support.ts';

/** Count masters acting as Mesos leader and as Marathon leader. */
function leaders(sb: Sandbox): [number, number] {
  const masters = sb.frame().ha.masters;
  return [masters.filter((m) => m.mesos === 'leader').length, masters.filter((m) => m.marathon === 'leader').length];
}

describe('partitions', () => {
  it('a leader cut off from the other masters stops leading before another is elected: never two leaders', async () => {
    const sb = await haCluster();
    const leader = ha(sb).leader!;
    const others = [0, 1, 2].filter((i) => i !== leader).map((i) => hostOfMaster(sb, i));
    const cutAt = sb.now;
    expect(faultBody(sb, { kind: 'partition', sides: [[hostOfMaster(sb, leader)], others] }).status).toBe(202);
    let newLeaderAt: number | null = null;
    watch(sb, 60_000, 50, () => {
      const [mesos, marathon] = leaders(sb);
      expect(mesos).toBeLessThanOrEqual(1);
      expect(marathon).toBeLessThanOrEqual(1);
      if (ha(sb).leader !== null && ha(sb).leader !== leader) newLeaderAt ??= sb.now;
    });
    expect(newLeaderAt).not.toBeNull();
    expect(newLeaderAt! - cutAt).toBeGreaterThanOrEqual(10_000);
    // The cut-off master cannot rejoin the quorum: it stays a contender.
    expect(ha(sb).masters[leader]!.mesos).not.toBe('leader');
    faultBody(sb, { kind: 'heal' });
    sb.advance(30_000);
    expect(ha(sb).zk.members).toHaveLength(3);
    expect(ha(sb).masters[leader]!.mesos).toBe('contender');
  });

  it('a zone cut off from the masters: its agents become unreachable and Marathon replaces their tasks in the other zone; healed, the old tasks are killed', async () => {
    const sb = await haCluster();
    deploy(sb, { id: '/svc', cmd: 'run x', instances: 6, cpus: 0.5, mem: 64, constraints: [['hostname', 'UNIQUE']] });
    until(sb, () => appOf(sb, '/svc').tasksRunning === 6, 30_000);
    deploy(sb, { id: '/more', cmd: 'run x', instances: 0, cpus: 0.1, mem: 16 });
    const zone1 = ['a1', 'a2', 'a3'];
    const cutAt = sb.now;
    faultBody(sb, { kind: 'partition', sides: [zone1, ['master-1', 'master-2', 'master-3']] });
    sb.advance(74_000);
    expect(sb.frame().agentStatus.filter((s) => s === 2)).toHaveLength(3); // disconnected, not yet unreachable
    until(sb, () => sb.frame().agentStatus.filter((s) => s === 3).length === 3, 5_000);
    expect(sb.now - cutAt).toBeGreaterThanOrEqual(75_000);
    // {0, 0}: replaced at once — but UNIQUE allows one per host and zone 2 has three hosts, so three wait.
    sb.request({ method: 'PUT', path: '/marathon/v2/apps/svc', body: { constraints: [['hostname', 'MAX_PER', '2']] } });
    until(sb, () => appOf(sb, '/svc').tasksRunning === 6, 60_000);
    const hosts = tasksOf(sb, '/svc')
      .filter((t: Json) => t.state === 'TASK_RUNNING')
      .map((t: Json) => t.host as string);
    expect(hosts.every((h) => !zone1.includes(h))).toBe(true);
    faultBody(sb, { kind: 'heal' });
    until(sb, () => sb.frame().agentStatus.every((s) => s === 1), 20_000);
    sb.advance(10_000);
    // The expunged tasks of zone 1 were killed when their agents came back: six run, all in zone 2.
    expect(appOf(sb, '/svc').tasksRunning).toBe(6);
    expect(sb.frame().tasks.running).toBe(6);
  });
});

describe('agent loss timings', () => {
  for (const [pings, afterMs] of [
    [5, 75_000],
    [20, 300_000],
  ] as const) {
    it(`with ${pings} ping timeouts an agent is unreachable after ${afterMs / 1000} s and its task replaced ({0, 0})`, async () => {
      const sb = await haCluster({ maxAgentPingTimeouts: pings });
      deploy(sb, { id: '/one', cmd: 'run x', instances: 1, cpus: 0.1, mem: 32 });
      until(sb, () => appOf(sb, '/one').tasksRunning === 1, 30_000);
      const [task] = tasksOf(sb, '/one') as Json[];
      const at = sb.now;
      faultBody(sb, { kind: 'agent-crash', target: task!.host as string });
      sb.advance(afterMs - 1000);
      expect(appOf(sb, '/one').tasksRunning).toBe(1);
      expect((tasksOf(sb, '/one') as Json[]).map((t) => t.id)).toEqual([task!.id]);
      until(sb, () => (tasksOf(sb, '/one') as Json[]).some((t) => t.id !== task!.id && t.state === 'TASK_RUNNING'), 10_000);
      expect(sb.now - at).toBeGreaterThanOrEqual(afterMs);
      expect(sb.now - at).toBeLessThan(afterMs + 10_000);
    });
  }

  it('{300, 600}: the replacement waits for the reconciliation after inactiveAfterSeconds', async () => {
    const sb = await haCluster();
    deploy(sb, {
      id: '/slow',
      cmd: 'run x',
      instances: 1,
      cpus: 0.1,
      mem: 32,
      unreachableStrategy: { inactiveAfterSeconds: 300, expungeAfterSeconds: 600 },
    });
    until(sb, () => appOf(sb, '/slow').tasksRunning === 1, 30_000);
    const [task] = tasksOf(sb, '/slow') as Json[];
    const at = sb.now;
    faultBody(sb, { kind: 'agent-crash', target: task!.host as string });
    until(sb, () => (tasksOf(sb, '/slow') as Json[]).length === 2, 20 * 60_000);
    // Unreachable at 75 s, inactive at 75 + 300 s, noticed at the next reconciliation (every 600 s).
    expect(sb.now - at).toBeGreaterThanOrEqual(375_000);
    expect(sb.now - at).toBeLessThanOrEqual(375_000 + 600_000 + 5_000);
  });
});

describe('health checks across a Marathon failover', () => {
  it('an instance unreachable while Marathon changes leader is health-checked again when its agent is back (fuzz seed 208)', async () => {
    const sb = await haCluster();
    const hc = {
      protocol: 'MESOS_TCP',
      portIndex: 0,
      gracePeriodSeconds: 5,
      intervalSeconds: 2,
      timeoutSeconds: 1,
      maxConsecutiveFailures: 3,
    };
    deploy(sb, { id: '/hc', cmd: 'run x', instances: 1, cpus: 0.1, mem: 32, healthChecks: [hc], unreachableStrategy: 'disabled' });
    // Its agent is lost before the first check (Mesos-side checks wait delaySeconds, 15 s).
    until(sb, () => appOf(sb, '/hc').tasksRunning === 1, 30_000);
    const [task] = tasksOf(sb, '/hc') as Json[];
    faultBody(sb, { kind: 'agent-crash', target: task!.host as string });
    expect(appOf(sb, '/hc').tasksHealthy).toBe(0);
    sb.advance(90_000);
    const marathonLeader = ha(sb).marathonLeader!;
    faultBody(sb, { kind: 'master-crash', target: hostOfMaster(sb, marathonLeader) });
    until(sb, () => ha(sb).marathonLeader !== null && sb.frame().frameworks === 1, 30_000);
    faultBody(sb, { kind: 'agent-restore', target: task!.host as string });
    until(sb, () => appOf(sb, '/hc').tasksRunning === 1, 15_000);
    until(sb, () => appOf(sb, '/hc').tasksHealthy === 1, 15_000);
  });
});

describe('lost before it ran', () => {
  it('an instance whose agent is lost before it reports RUNNING starts its health checks when it is back (fuzz seed 100045)', async () => {
    const sb = await haCluster();
    const hc = {
      protocol: 'COMMAND',
      command: { value: 'true' },
      gracePeriodSeconds: 5,
      intervalSeconds: 2,
      timeoutSeconds: 1,
      maxConsecutiveFailures: 3,
    };
    deploy(sb, { id: '/late', cmd: 'run x', instances: 1, cpus: 0.1, mem: 32, healthChecks: [hc], unreachableStrategy: 'disabled' });
    until(sb, () => (tasksOf(sb, '/late') as Json[]).length === 1, 10_000);
    const [task] = tasksOf(sb, '/late') as Json[];
    expect(task!.state).not.toBe('TASK_RUNNING');
    faultBody(sb, { kind: 'agent-crash', target: task!.host as string });
    sb.advance(100_000);
    expect(appOf(sb, '/late').tasksUnhealthy + appOf(sb, '/late').tasksHealthy).toBe(0);
    faultBody(sb, { kind: 'agent-restore', target: task!.host as string });
    until(sb, () => appOf(sb, '/late').tasksHealthy === 1, 30_000);
    until(sb, () => deployments(sb).length === 0, 5_000);
  });
});

describe('kills that cannot reach their agent', () => {
  it('are sent again until they go through: a scale-down during a short partition ends with the right count', async () => {
    const sb = await haCluster();
    deploy(sb, { id: '/svc', cmd: 'run x', instances: 6, cpus: 0.1, mem: 32, constraints: [['hostname', 'UNIQUE']] });
    until(sb, () => appOf(sb, '/svc').tasksRunning === 6 && deployments(sb).length === 0, 30_000);
    // Every agent cut off from the masters (shorter than the ping timeouts): the kills of the scale-down cannot be delivered.
    faultBody(sb, {
      kind: 'partition',
      sides: [
        ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'],
        ['master-1', 'master-2', 'master-3'],
      ],
    });
    expect(sb.request({ method: 'PUT', path: '/marathon/v2/apps/svc', body: { instances: 2 } }).status).toBe(200);
    sb.advance(30_000);
    expect(sb.frame().tasks.running).toBe(6);
    faultBody(sb, { kind: 'heal' });
    until(sb, () => sb.frame().tasks.running === 2, 15_000);
    until(sb, () => deployments(sb).length === 0, 15_000);
    expect(appOf(sb, '/svc').tasksRunning).toBe(2);
  });
});

describe('fault requests', () => {
  it('answer 400 with the reason for unknown kinds, hosts, wrong targets and overlapping sides', async () => {
    const sb = await haCluster();
    const reject = (body: unknown) => {
      const res = sb.request({ method: 'POST', path: '/sandbox/v1/faults', body });
      expect(res.status).toBe(400);
      return (res.body as { message: string }).message;
    };
    expect(reject({ kind: 'meteor', target: 'a1' })).toMatch(/^unknown fault kind 'meteor' \(expected one of: master-crash, /);
    expect(reject({ kind: 'agent-crash', target: 'a99' })).toBe("unknown host 'a99'");
    expect(reject({ kind: 'master-crash', target: 'a1' })).toBe("'a1' is an agent; 'master-crash' needs a master");
    expect(reject({ kind: 'agent-crash', target: 'master-1' })).toBe("'master-1' is a master; 'agent-crash' needs an agent");
    expect(reject({ kind: 'agent-crash' })).toBe("fault 'agent-crash' needs a target (a hostname)");
    expect(reject({ kind: 'partition', sides: [['a1', 'master-1'], ['master-1']] })).toBe("'master-1' is on both sides (or twice on one)");
    expect(reject({ kind: 'partition', sides: [['a1'], []] })).toBe('sides[1] must be a non-empty list of hostnames');
    expect(reject({ kind: 'partition', sides: [['a1']] })).toBe("a partition needs 'sides': two lists of hostnames");
    expect(reject({ kind: 'partition', sides: [['a1'], ['nope']] })).toBe("sides[1]: unknown host 'nope'");
    expect(reject({ kind: 'zk-session-expire', target: 'master-1', component: 'kafka' })).toBe(
      'component must be one of: mesos-master, marathon, metronome',
    );
    expect(reject('not json')).toMatch(/JSON/);
    expect(reject([1, 2])).toMatch(/JSON object/);
    // A rejected fault changes nothing.
    expect(leaders(sb)).toEqual([1, 1]);
  });
});
