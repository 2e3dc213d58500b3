/** Master failover and quorum (SEMANTICS 1.5; DC/OS: a 3-master cluster survives one master down, 5 masters two). */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/sandbox/index.ts';
import { appOf, deploy, deployments, get, type Json } from '../../support/marathon.ts';
import { faultBody, ha, haCluster, haScenario, hostOfMaster, taskStates, until, watch } from './support.ts';

const WEB: Json = { id: '/web', cmd: 'serve', instances: 6, cpus: 0.5, mem: 128 };

async function running(masters = 3) {
  const sb = await haCluster({ masters });
  deploy(sb, WEB);
  until(sb, () => appOf(sb, '/web').tasksRunning === 6, 30_000);
  return sb;
}

describe('leader failover', () => {
  it('a new leader is elected a session timeout after the leader crashes; running tasks are untouched', async () => {
    const sb = await running();
    const before = taskStates(sb);
    const oldLeader = ha(sb).leader!;
    const electedBefore = get(sb, '/mesos/master/state').elected_time as number;
    const idBefore = get(sb, '/mesos/master/state').id as string;
    const crashAt = sb.now;
    expect(faultBody(sb, { kind: 'master-crash', target: hostOfMaster(sb, oldLeader) }).status).toBe(202);
    // No leader, no offers, and the 503 says why, until the dead leader's session expires.
    watch(sb, 9_900, 100, () => {
      expect(ha(sb).leader).toBeNull();
      expect(sb.frame().offersOutstanding).toBe(0);
    });
    expect(sb.request({ method: 'GET', path: '/mesos/master/state' }).status).toBe(503);
    until(sb, () => ha(sb).leader !== null, 5_000);
    // The session timeout (10 s), then the registry recovery (under a second).
    expect(sb.now - crashAt).toBeGreaterThanOrEqual(10_000);
    expect(sb.now - crashAt).toBeLessThan(12_000);
    expect(ha(sb).leader).not.toBe(oldLeader);
    const state = get(sb, '/mesos/master/state');
    expect(state.hostname).toBe(hostOfMaster(sb, ha(sb).leader));
    expect(state.elected_time).toBeGreaterThan(electedBefore);
    // Each master (each start of one) has its own id: the leader's is the state's id.
    expect(state.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(state.id).not.toBe(idBefore);
    expect(state.leader_info.id).toBe(state.id);
    // Every task that ran before still runs, with the same id, after the agents re-register.
    until(sb, () => sb.frame().agentStatus.every((s) => s === 1), 10_000);
    const after = taskStates(sb);
    for (const [id, s] of before) expect([id, after.get(id)]).toEqual([id, s]);
    expect(appOf(sb, '/web').tasksRunning).toBe(6);
    // The new leader makes offers again: a new app deploys.
    deploy(sb, { id: '/more', cmd: 'run x', instances: 2, cpus: 0.1, mem: 32 });
    until(sb, () => appOf(sb, '/more').tasksRunning === 2, 30_000);
  });

  it('an expired ZooKeeper session makes the leader step down at once, and the next contender takes over', async () => {
    const sb = await running();
    const oldLeader = ha(sb).leader!;
    const at = sb.now;
    expect(faultBody(sb, { kind: 'zk-session-expire', target: hostOfMaster(sb, oldLeader), component: 'mesos-master' }).status).toBe(202);
    expect(ha(sb).leader).toBeNull();
    until(sb, () => ha(sb).leader !== null, 5_000);
    expect(sb.now - at).toBeLessThan(2_000);
    expect(ha(sb).leader).not.toBe(oldLeader);
    // The old leader's process restarts and waits as a contender.
    until(sb, () => ha(sb).masters[oldLeader]!.mesos === 'contender', 10_000);
  });

  it('a Marathon leader crash hands Marathon over too; deployments carry on under the new one', async () => {
    const sb = await running();
    const marathonLeader = ha(sb).marathonLeader!;
    faultBody(sb, { kind: 'master-crash', target: hostOfMaster(sb, marathonLeader) });
    expect(sb.request({ method: 'GET', path: '/marathon/v2/apps' }).status).toBe(503);
    until(sb, () => ha(sb).marathonLeader !== null, 15_000);
    expect(ha(sb).marathonLeader).not.toBe(marathonLeader);
    expect(get(sb, '/marathon/v2/leader').leader).toBe(`${sb.layout().masters[ha(sb).marathonLeader!]!.ip}:8080`);
    // The deployment under way when the leader crashed finishes under the new one.
    until(sb, () => deployments(sb).length === 0, 20_000);
    expect(appOf(sb, '/web').tasksRunning).toBe(6);
    expect(sb.request({ method: 'PUT', path: '/marathon/v2/apps/web', body: { instances: 8 } }).status).toBe(200);
    until(sb, () => appOf(sb, '/web').tasksRunning === 8, 30_000);
  });
});

describe('quorum', () => {
  it('with 2 of 3 masters down there is no leader: nothing is offered or launched, running tasks stay; one back restores it', async () => {
    const sb = await running();
    const before = taskStates(sb);
    const [m1, m2] = [0, 1].map((i) => hostOfMaster(sb, i));
    faultBody(sb, { kind: 'master-crash', target: m1 });
    faultBody(sb, { kind: 'master-crash', target: m2 });
    watch(sb, 120_000, 500, () => {
      expect(ha(sb).leader).toBeNull();
      expect(ha(sb).zk.serving).toBe(false);
      expect(sb.frame().offersOutstanding).toBe(0);
    });
    expect(ha(sb).marathonLeader).toBeNull();
    expect(sb.request({ method: 'GET', path: '/mesos/master/state' }).status).toBe(503);
    expect(sb.request({ method: 'GET', path: '/marathon/v2/apps' }).status).toBe(503);
    // The agents keep their tasks: nothing was killed or marked lost.
    expect(sb.frame().tasks.running).toBe(before.size);
    faultBody(sb, { kind: 'master-restore', target: m1 });
    until(sb, () => ha(sb).leader !== null && ha(sb).marathonLeader !== null, 60_000);
    until(sb, () => sb.frame().agentStatus.every((s) => s === 1), 10_000);
    const after = taskStates(sb);
    for (const [id, s] of before) expect(after.get(id)).toBe(s);
    deploy(sb, { id: '/after', cmd: 'run x', instances: 1, cpus: 0.1, mem: 32 });
    until(sb, () => appOf(sb, '/after').tasksRunning === 1, 30_000);
  });

  it('five masters survive two down', async () => {
    const sb = await running(5);
    const leader = ha(sb).leader!;
    const others = [0, 1, 2, 3, 4].filter((i) => i !== leader);
    faultBody(sb, { kind: 'master-crash', target: hostOfMaster(sb, leader) });
    faultBody(sb, { kind: 'master-crash', target: hostOfMaster(sb, others[0]!) });
    until(sb, () => ha(sb).leader !== null, 20_000);
    expect(ha(sb).zk.serving).toBe(true);
    expect(ha(sb).zk.members).toHaveLength(3);
  });

  it('the allocator waits for most agents after a failover when quota is set', async () => {
    const sb = await haCluster({ roles: { svc: { quota: { cpus: 1 } } } });
    const agents = sb.layout().agents.map((a) => a.hostname);
    // Four of six agents down: fewer than the 80 % Mesos waits for.
    for (const host of agents.slice(0, 4)) faultBody(sb, { kind: 'agent-crash', target: host });
    faultBody(sb, { kind: 'master-crash', target: hostOfMaster(sb, ha(sb).leader) });
    until(
      sb,
      () => ha(sb).marathonLeader !== null && sb.frame().agentStatus.filter((s) => s === 1).length === 2 && sb.frame().frameworks === 2,
      30_000,
    );
    deploy(sb, { id: '/wait', cmd: 'run x', instances: 1, cpus: 0.1, mem: 32 });
    watch(sb, 60_000, 1000, () => expect(appOf(sb, '/wait').tasksRunning + sb.frame().offersOutstanding).toBe(0));
    for (const host of agents.slice(0, 4)) faultBody(sb, { kind: 'agent-restore', target: host });
    until(sb, () => appOf(sb, '/wait').tasksRunning === 1, 15_000);
  });

  it('without quota the allocator does not wait', async () => {
    const sb = await haCluster();
    const agents = sb.layout().agents.map((a) => a.hostname);
    for (const host of agents.slice(0, 4)) faultBody(sb, { kind: 'agent-crash', target: host });
    faultBody(sb, { kind: 'master-crash', target: hostOfMaster(sb, ha(sb).leader) });
    until(sb, () => ha(sb).marathonLeader !== null && sb.frame().frameworks === 2, 30_000);
    deploy(sb, { id: '/now', cmd: 'run x', instances: 1, cpus: 0.1, mem: 32 });
    until(sb, () => appOf(sb, '/now').tasksRunning === 1, 15_000);
  });
});

describe('determinism under faults', () => {
  it('a faulted scenario replays to the same history', async () => {
    const live = await createSandbox(haScenario({ apps: [WEB] }), { allocator: 'ts', matcher: 'ts' });
    live.advance(20_000);
    faultBody(live, { kind: 'master-crash', target: 'master-2' });
    live.advance(5_000);
    faultBody(live, { kind: 'partition', sides: [['master-1'], ['master-3', 'a1', 'a2', 'a3']] });
    live.advance(30_000);
    faultBody(live, { kind: 'heal' });
    faultBody(live, { kind: 'master-restore', target: 'master-2' });
    live.advance(60_000);
    const replay = await createSandbox(JSON.parse(JSON.stringify(live.scenario())) as unknown, { allocator: 'wasm', matcher: 'wasm' });
    replay.advance(live.now);
    expect(replay.historyHash()).toBe(live.historyHash());
    expect(replay.eventCount).toBe(live.eventCount);
  });
});
