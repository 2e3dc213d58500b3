/**
 * High availability through the API: Exhibitor's ensemble status, diagnostics' unit health, the
 * Mesos leader in /mesos/master/state across a failover, and agent maintenance through the Mesos
 * operator API (drain, deactivate, reactivate).
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { deploy, fault, get, marathonScenario, post, tasksOf, untilBooted, waitFor, type Json } from '../support/marathon.ts';

const MASTER_UNITS = [
  'dcos-exhibitor.service',
  'dcos-mesos-master.service',
  'dcos-mesos-dns.service',
  'dcos-marathon.service',
  'dcos-metronome.service',
  'dcos-adminrouter.service',
];

async function haCluster(agents = 3, cpus = 2): Promise<Sandbox> {
  const s = marathonScenario([{ hostname: 'a', count: agents, resources: { cpus, mem: 4096, disk: 0, gpus: 0 } }]);
  s.cluster.masters = 3;
  const sb = await createSandbox(s, { allocator: 'ts', matcher: 'ts' });
  untilBooted(sb);
  return sb;
}

const state = (sb: Sandbox): Json => get(sb, '/mesos/master/state');
const exhibitor = (sb: Sandbox): Json[] => get(sb, '/exhibitor/exhibitor/v1/cluster/status') as unknown as Json[];
const operator = (sb: Sandbox, body: unknown) => sb.request({ method: 'POST', path: '/mesos/api/v1', body });
const agentByHost = (sb: Sandbox, host: string): Json =>
  (get(sb, '/mesos/master/slaves').slaves as Json[]).find((s) => s.hostname === host)!;

describe('a failover of the leading Mesos master', () => {
  it('shows in Exhibitor, diagnostics and /mesos/master/state', async () => {
    const sb = await haCluster();
    const before = state(sb);
    const leaderIp = before.leader_info.address.ip as string;
    expect(before.leader).toBe(`master@${leaderIp}:5050`);
    expect(before.sandbox_masters.map((m: Json) => m.state).sort()).toEqual(['leading', 'standby', 'standby']);
    expect(before.sandbox_masters.find((m: Json) => m.state === 'leading').hostname).toBe(before.hostname);

    const ensemble = exhibitor(sb);
    expect(ensemble.map((s) => s.hostname)).toEqual(['10.0.0.11', '10.0.0.12', '10.0.0.13']);
    expect(ensemble.every((s) => s.code === 3 && s.description === 'serving')).toBe(true);
    expect(ensemble.filter((s) => s.isLeader)).toHaveLength(1);
    expect(get(sb, '/system/health/v1/units').units.every((u: Json) => u.health === 0)).toBe(true);

    fault(sb, 'master-crash', before.hostname);
    // No Mesos leader now: /mesos answers 503, Exhibitor and diagnostics still answer.
    expect(sb.request({ method: 'GET', path: '/mesos/master/state' })).toEqual({ status: 503, body: { message: 'No leader elected' } });
    const down = exhibitor(sb).find((s) => s.hostname === leaderIp)!;
    expect(down).toEqual({ hostname: leaderIp, code: 1, description: 'down', isLeader: false });
    expect(exhibitor(sb).filter((s) => s.code === 3)).toHaveLength(2);

    const crashedUnits = get(sb, `/system/health/v1/nodes/${leaderIp}/units`).units as Json[];
    expect(crashedUnits.map((u) => u.id)).toEqual(MASTER_UNITS);
    expect(crashedUnits.every((u) => u.health === 1)).toBe(true);
    expect(get(sb, `/system/health/v1/nodes/${leaderIp}`)).toEqual({ host_ip: leaderIp, health: 1, role: 'master' });
    const units = get(sb, '/system/health/v1/units').units as Json[];
    expect(units.find((u) => u.id === 'dcos-mesos-master.service')).toEqual({
      id: 'dcos-mesos-master.service',
      name: 'Mesos Master',
      health: 1,
      description: 'DC/OS Mesos Master Service',
    });
    expect(units.find((u) => u.id === 'dcos-mesos-slave.service')!.health).toBe(0);
    const perNode = get(sb, '/system/health/v1/units/dcos-mesos-master.service/nodes').nodes as Json[];
    expect(perNode).toHaveLength(3);
    expect(perNode.filter((n) => n.health === 1).map((n) => n.host_ip)).toEqual([leaderIp]);
    const nodes = get(sb, '/system/health/v1/nodes').nodes as Json[];
    expect(nodes.map((n) => n.role)).toEqual(['master', 'master', 'master', 'agent', 'agent', 'agent']);

    sb.advance(15_000);
    const after = state(sb);
    expect(after.hostname).not.toBe(before.hostname);
    expect(after.leader_info.hostname).toBe(after.hostname);
    expect(after.leader).toBe(`master@${after.leader_info.address.ip}:5050`);
    expect(after.elected_time).toBeGreaterThan(before.elected_time);
    expect(after.sandbox_masters.find((m: Json) => m.hostname === before.hostname)).toMatchObject({
      state: 'down',
      zookeeper: 'down',
      marathon: 'down',
    });
    expect(after.sandbox_masters.find((m: Json) => m.hostname === after.hostname).state).toBe('leading');
  });

  it('answers 503 from Exhibitor and diagnostics only when every master is down', async () => {
    const sb = await haCluster(1);
    for (const m of ['master-1', 'master-2']) fault(sb, 'master-crash', m);
    // One server of three is no quorum: it runs, but does not serve.
    expect(exhibitor(sb).map((s) => s.code)).toEqual([1, 1, 2]);
    expect(exhibitor(sb).some((s) => s.isLeader)).toBe(false);
    fault(sb, 'master-crash', 'master-3');
    expect(sb.request({ method: 'GET', path: '/exhibitor/exhibitor/v1/cluster/status' }).status).toBe(503);
    expect(sb.request({ method: 'GET', path: '/system/health/v1/units' }).status).toBe(503);
    expect(sb.request({ method: 'GET', path: '/marathon/v2/leader' })).toEqual({ status: 404, body: { message: 'There is no leader' } });
  });

  it('answers 404 for unknown units and nodes, 405 for writes', async () => {
    const sb = await haCluster(2);
    expect(sb.request({ method: 'GET', path: '/system/health/v1/units/nope.service' }).status).toBe(404);
    expect(sb.request({ method: 'GET', path: '/system/health/v1/nodes/10.9.9.9/units' }).status).toBe(404);
    expect(sb.request({ method: 'POST', path: '/system/health/v1/units' }).status).toBe(405);
    expect(sb.request({ method: 'POST', path: '/exhibitor/exhibitor/v1/cluster/status' }).status).toBe(405);
    const agentIp = get(sb, '/system/health/v1/nodes').nodes.find((n: Json) => n.role === 'agent').host_ip;
    expect(get(sb, `/system/health/v1/nodes/${agentIp}/units/dcos-mesos-slave.service`)).toMatchObject({
      id: 'dcos-mesos-slave.service',
      health: 0,
      output: '',
    });
    fault(sb, 'agent-crash', 'a-1');
    expect(get(sb, '/system/health/v1/units/dcos-mesos-slave.service')).toMatchObject({ health: 1 });
  });
});

describe('POST /mesos/api/v1: agent maintenance', () => {
  it('drains an agent: its tasks are killed and Marathon relaunches them elsewhere', async () => {
    const sb = await haCluster(3, 2);
    deploy(sb, { id: '/web', cmd: 'sleep 1000', instances: 2, cpus: 1, mem: 64 });
    waitFor(sb, () => tasksOf(sb, '/web').filter((t) => t.state === 'TASK_RUNNING').length === 2, 30_000);
    const victim = tasksOf(sb, '/web')[0]!.host as string;
    const agent = agentByHost(sb, victim);
    const res = operator(sb, {
      type: 'DRAIN_AGENT',
      drain_agent: { agent_id: { value: agent.id }, max_grace_period: { nanoseconds: 60_000_000_000 } },
    });
    expect(res).toEqual({ status: 200, body: '' });
    const draining = agentByHost(sb, victim);
    expect(draining.deactivated).toBe(true);
    expect(draining.drain_info).toEqual({
      state: 'DRAINING',
      config: { max_grace_period: { nanoseconds: 60_000_000_000 }, mark_gone: false },
    });

    waitFor(
      sb,
      () => {
        const running = tasksOf(sb, '/web').filter((t) => t.state === 'TASK_RUNNING');
        return running.length === 2 && running.every((t) => t.host !== victim);
      },
      60_000,
    );
    expect(agentByHost(sb, victim).drain_info.state).toBe('DRAINED');
    expect(state(sb).deactivated_slaves).toBe(1);
    expect(state(sb).activated_slaves).toBe(2);
  });

  it('deactivates an agent (no offers from it) and reactivates it', async () => {
    const sb = await haCluster(2, 2);
    const target = agentByHost(sb, 'a-1');
    expect(operator(sb, { type: 'DEACTIVATE_AGENT', deactivate_agent: { agent_id: { value: target.id } } })).toEqual({
      status: 200,
      body: '',
    });
    expect(agentByHost(sb, 'a-1')).toMatchObject({ deactivated: true });
    expect(agentByHost(sb, 'a-1').drain_info).toBeUndefined();
    deploy(sb, { id: '/web', cmd: 'sleep 1000', instances: 3, cpus: 1, mem: 64 });
    for (let k = 0; k < 20; k++) {
      sb.advance(500);
      const offers = (state(sb).frameworks as Json[]).flatMap((f) => f.offers as Json[]);
      expect(offers.filter((o) => o.slave_id === target.id)).toEqual([]);
      expect(agentByHost(sb, 'a-1').offered_resources.cpus).toBe(0);
    }
    const running = tasksOf(sb, '/web').filter((t) => t.state === 'TASK_RUNNING');
    expect(running).toHaveLength(2);
    expect(running.every((t) => t.host === 'a-2')).toBe(true);

    expect(operator(sb, { type: 'REACTIVATE_AGENT', reactivate_agent: { agent_id: { value: target.id } } })).toEqual({
      status: 200,
      body: '',
    });
    expect(agentByHost(sb, 'a-1').deactivated).toBe(false);
    waitFor(sb, () => tasksOf(sb, '/web').some((t) => t.host === 'a-1' && t.state === 'TASK_RUNNING'), 30_000);
    // Reactivating an agent that is not deactivated is refused.
    expect(operator(sb, { type: 'REACTIVATE_AGENT', reactivate_agent: { agent_id: { value: target.id } } }).status).toBe(400);
  });

  it('answers 400 for malformed calls and unknown agents, 405 for other methods, 503 without a leader', async () => {
    const sb = await haCluster(2);
    const id = agentByHost(sb, 'a-1').id as string;
    const bad: Array<[unknown, string]> = [
      [{}, "Expecting 'type' to be present"],
      [[1], 'expected a JSON object'],
      [{ type: 'GET_HEALTH' }, "Unsupported call type 'GET_HEALTH'"],
      [{ type: 'DRAIN_AGENT' }, "Expecting 'drain_agent' to be present"],
      [{ type: 'DEACTIVATE_AGENT', deactivate_agent: { agent_id: {} } }, 'deactivate_agent.agent_id.value'],
      [{ type: 'DEACTIVATE_AGENT', deactivate_agent: { agent_id: { value: 'nope-S9' } } }, 'Unknown agent nope-S9'],
      [
        { type: 'DRAIN_AGENT', drain_agent: { agent_id: { value: id }, max_grace_period: { nanoseconds: -1 } } },
        'max_grace_period.nanoseconds',
      ],
      [{ type: 'DRAIN_AGENT', drain_agent: { agent_id: { value: id }, mark_gone: 'yes' } }, 'mark_gone'],
      [{ type: 'DRAIN_AGENT', drain_agent: { agent_id: { value: id }, mark_gone: true } }, 'mark_gone is not supported'],
    ];
    for (const [body, reason] of bad) {
      const res = operator(sb, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toContain(reason);
    }
    expect(operator(sb, '{"type": ').status).toBe(400);
    expect(agentByHost(sb, 'a-1')).toMatchObject({ deactivated: false });
    // A string int64, as protobuf's JSON writes it, is a valid duration.
    expect(
      operator(sb, { type: 'DRAIN_AGENT', drain_agent: { agent_id: { value: id }, max_grace_period: { nanoseconds: '5000000000' } } })
        .status,
    ).toBe(200);
    expect(agentByHost(sb, 'a-1').drain_info.config.max_grace_period).toEqual({ nanoseconds: 5_000_000_000 });
    expect(sb.request({ method: 'GET', path: '/mesos/api/v1' }).status).toBe(405);
    for (const m of ['master-1', 'master-2', 'master-3']) fault(sb, 'master-crash', m);
    expect(operator(sb, { type: 'DEACTIVATE_AGENT', deactivate_agent: { agent_id: { value: id } } }).status).toBe(503);
  });
});

it('records operator calls in the scenario script, so a replay reaches the same state', async () => {
  const sb = await haCluster(2, 2);
  const id = agentByHost(sb, 'a-2').id as string;
  expect(post(sb, '/mesos/api/v1', { type: 'DEACTIVATE_AGENT', deactivate_agent: { agent_id: { value: id } } }).status).toBe(200);
  sb.advance(1000);
  const replay = await createSandbox(sb.scenario(), { allocator: 'ts', matcher: 'ts' });
  replay.advance(sb.now);
  expect(agentByHost(replay, 'a-2').deactivated).toBe(true);
});
