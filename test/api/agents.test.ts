/**
 * Agents joining and leaving a running cluster: POST and DELETE /sandbox/v1/agents, as installing
 * and decommissioning a DC/OS node (Mesos' MARK_AGENT_GONE) do, read through the API only.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, resumeSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import type { MesosAgentList, MesosState, MesosTaskList } from '../../src/api/shapes/mesos.ts';
import type { MarathonApp } from '../../src/api/shapes/marathon.ts';
import type { DecommissionedAgent, SandboxAgent } from '../../src/api/shapes/sandbox.ts';
import { cli, cluster } from '../cli/support.ts';

const get = (sb: Sandbox, path: string) => sb.request({ method: 'GET', path });
const post = (sb: Sandbox, body: unknown) => sb.request({ method: 'POST', path: '/sandbox/v1/agents', body });
const remove = (sb: Sandbox, key: string) => sb.request({ method: 'DELETE', path: `/sandbox/v1/agents/${key}` });
const slaves = (sb: Sandbox) => (get(sb, '/mesos/master/slaves').body as MesosAgentList).slaves;
const state = (sb: Sandbox) => get(sb, '/mesos/master/state').body as MesosState;
const fault = (sb: Sandbox, body: unknown) => sb.request({ method: 'POST', path: '/sandbox/v1/faults', body });

async function booted(seconds = 20): Promise<Sandbox> {
  const sb = await createSandbox(defaultScenario, { checkInvariants: true });
  sb.advance(seconds * 1000);
  return sb;
}

describe('POST /sandbox/v1/agents', () => {
  it('installs a private agent like the typical one; it registers shortly, is offered and shows everywhere', async () => {
    const sb = await booted();
    const masterId = state(sb).slaves[0]!.id.replace(/-S\d+$/, '');
    const res = post(sb, {});
    expect(res.status).toBe(201);
    const agent = res.body as SandboxAgent;
    expect(agent).toEqual({
      id: `${masterId}-S14`,
      hostname: 'private-9',
      ip: '10.1.0.24',
      public: false,
      resources: { cpus: 4, mem: 16384, disk: 65536, gpus: 0 },
      attributes: { rack: 'r1', zone: 'us-east-1a' },
    });
    expect(slaves(sb).some((s) => s.id === agent.id)).toBe(false); // not registered yet
    expect(sb.layout().agents.map((a) => a.hostname)).toContain('private-9');
    sb.advance(2_000);
    const slave = slaves(sb).find((s) => s.id === agent.id)!;
    expect(slave).toMatchObject({ hostname: 'private-9', active: true, resources: { cpus: 4, mem: 16384, disk: 65536, gpus: 0 } });
    expect(state(sb).activated_slaves).toBe(15);
    sb.advance(10_000);
    const used = state(sb).slaves.find((s) => s.id === agent.id)!;
    expect(used.used_resources.cpus + used.offered_resources.cpus).toBeGreaterThan(0);
    const frame = sb.frame();
    expect(frame.agentStatus.length).toBe(15);
    expect(frame.agentsVersion).toBe(sb.layout().agentsVersion);
  });

  it('takes hostname, public, resources and attributes; a public agent reserves all to slave_public', async () => {
    const sb = await booted();
    const res = post(sb, { public: true, hostname: 'edge-3', resources: { cpus: 8, gpus: 1 }, attributes: { rack: 'r9', size: 3 } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      hostname: 'edge-3',
      public: true,
      resources: { cpus: 8, mem: 8192, disk: 32768, gpus: 1 },
      attributes: { rack: 'r9', size: 3, public_ip: 'true' },
    });
    sb.advance(2_000);
    const slave = slaves(sb).find((s) => s.hostname === 'edge-3')!;
    expect(Object.keys(slave.reserved_resources)).toEqual(['slave_public']);
    expect(post(sb, { public: true }).body).toMatchObject({ hostname: 'public-3' });
  });

  it('answers 400 with a reason for bad bodies and duplicate hostnames, 405 for other methods', async () => {
    const sb = await booted(5);
    const bad = (body: unknown): string => {
      const res = post(sb, body);
      expect(res.status).toBe(400);
      return (res.body as { message: string }).message;
    };
    expect(bad({ public: 'yes' })).toBe('public: must be true or false');
    expect(bad({ resources: { cpus: -1 } })).toBe('resources.cpus: must be at least 0');
    expect(bad({ resources: { mem: '1G' } })).toBe('resources.mem: must be a finite number');
    expect(bad({ resources: { gpus: 0.5 } })).toBe('resources.gpus: must be an integer');
    expect(bad({ hostname: 'Bad_Name' })).toMatch(/^hostname: must match a DNS name/);
    expect(bad({ colour: 'red' })).toMatch(/^colour: unknown field/);
    expect(bad({ attributes: { public_ip: 'true' } })).toBe("attributes.public_ip: 'public_ip' is set by the sandbox");
    expect(bad([])).toBe('expected a JSON object');
    expect(bad('{')).toMatch(/^Failed to parse JSON/);
    expect(bad({ hostname: 'private-1' })).toBe("an agent named 'private-1' is already in the cluster");
    expect(bad({ hostname: 'master-2' })).toBe("'master-2' is the hostname of a master");
    expect(sb.request({ method: 'PUT', path: '/sandbox/v1/agents' }).status).toBe(405);
    expect(sb.layout().agents).toHaveLength(14);
  });

  it('GET /sandbox/v1/agents/defaults tells what an empty POST would install, changing nothing', async () => {
    const sb = await booted(5);
    const hash = sb.historyHash();
    expect(get(sb, '/sandbox/v1/agents/defaults').body).toMatchObject({ hostname: 'private-9', resources: { cpus: 4 } });
    expect(get(sb, '/sandbox/v1/agents/defaults?public=true').body).toMatchObject({ hostname: 'public-3', public: true });
    expect(sb.historyHash()).toBe(hash);
    expect(sb.layout().agents).toHaveLength(14);
  });
});

describe('DELETE /sandbox/v1/agents/{agent}', () => {
  it('decommissions: tasks end as TASK_GONE_BY_OPERATOR (Marathon) or TASK_LOST, Marathon replaces them elsewhere', async () => {
    const sb = await booted(60);
    const tasks = (get(sb, '/mesos/master/tasks?limit=100000').body as MesosTaskList).tasks;
    const marathonId = state(sb).frameworks.find((f) => f.name === 'marathon')!.id;
    const running = tasks.filter((t) => t.state === 'TASK_RUNNING');
    const victim = running.find(
      (t) => t.framework_id === marathonId && running.some((o) => o.slave_id === t.slave_id && o.framework_id !== marathonId),
    )!;
    const agentId = victim.slave_id;
    const onIt = running.filter((t) => t.slave_id === agentId);
    const hostname = slaves(sb).find((s) => s.id === agentId)!.hostname;
    const res = remove(sb, hostname);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: agentId, hostname, tasks: onIt.length } satisfies DecommissionedAgent);
    expect(slaves(sb).some((s) => s.id === agentId)).toBe(false);
    sb.advance(100);
    const after = (get(sb, '/mesos/master/tasks?limit=100000').body as MesosTaskList).tasks;
    for (const t of onIt) {
      const now = after.find((x) => x.id === t.id)!;
      expect(now.state).toBe(t.framework_id === marathonId ? 'TASK_GONE_BY_OPERATOR' : 'TASK_LOST');
    }
    sb.advance(30_000);
    const appId = victim.id.split('.')[0]!.replace(/_/g, '/');
    const app = (get(sb, `/marathon/v2/apps/${appId}`).body as { app: MarathonApp }).app;
    expect(app.tasksRunning).toBe(app.instances);
    expect(app.lastTaskFailure?.state).toBe('TASK_GONE_BY_OPERATOR');
    const live = (get(sb, '/mesos/master/tasks?limit=100000').body as MesosTaskList).tasks.filter((t) => t.state === 'TASK_RUNNING');
    expect(live.some((t) => t.slave_id === agentId)).toBe(false);
    expect(sb.layout().agents.map((a) => a.hostname)).not.toContain(hostname);
    expect(sb.frame().agentStatus.length).toBe(13);
  });

  it('404 for an unknown or already decommissioned agent; a gone host takes no faults and never comes back', async () => {
    const sb = await booted();
    expect(remove(sb, 'nope')).toEqual({ status: 404, body: { message: "Agent 'nope' not found" } });
    const id = slaves(sb).find((s) => s.hostname === 'private-2')!.id;
    expect(remove(sb, id).status).toBe(200);
    expect(remove(sb, id)).toEqual({ status: 404, body: { message: `Agent '${id}' has already been decommissioned` } });
    expect(fault(sb, { kind: 'agent-restore', target: 'private-2' })).toEqual({
      status: 400,
      body: { message: "unknown host 'private-2'" },
    });
    // A failover: the new leader neither re-admits it nor counts it unreachable.
    const leader = state(sb).hostname;
    expect(fault(sb, { kind: 'master-crash', target: leader }).status).toBe(202);
    sb.advance(120_000);
    expect(slaves(sb).map((s) => s.hostname)).not.toContain('private-2');
    expect(state(sb).unreachable_slaves).toBe(0);
    expect(state(sb).activated_slaves).toBe(13);
    // Its hostname can be used again, by a new agent with a new id.
    const again = post(sb, { hostname: 'private-2' }).body as SandboxAgent;
    expect(again.hostname).toBe('private-2');
    expect(again.id).not.toBe(id);
  });

  it('answers 503 while no master leads', async () => {
    const sb = await booted();
    fault(sb, { kind: 'master-crash', target: 'master-1' });
    fault(sb, { kind: 'master-crash', target: 'master-2' });
    fault(sb, { kind: 'master-crash', target: 'master-3' });
    expect(remove(sb, 'private-1')).toEqual({ status: 503, body: { message: 'No leader elected' } });
    // An agent installed meanwhile waits for the next leader.
    expect(post(sb, {}).status).toBe(201);
    for (const m of ['master-1', 'master-2', 'master-3']) fault(sb, { kind: 'master-restore', target: m });
    sb.advance(120_000);
    expect(slaves(sb).map((s) => s.hostname)).toContain('private-9');
  });
});

describe('MARK_AGENT_GONE (POST /mesos/api/v1) and dcos node decommission', () => {
  const markGone = (sb: Sandbox, id: string) =>
    sb.request({ method: 'POST', path: '/mesos/api/v1', body: { type: 'MARK_AGENT_GONE', mark_agent_gone: { agent_id: { value: id } } } });

  it('marks an agent gone as DELETE does: 200, again 200 (already gone), 404 for an agent never known', async () => {
    const sb = await booted();
    const id = slaves(sb).find((s) => s.hostname === 'analytics-3')!.id;
    expect(markGone(sb, id)).toEqual({ status: 200, body: '' });
    expect(slaves(sb).some((s) => s.id === id)).toBe(false);
    expect(markGone(sb, id)).toEqual({ status: 200, body: '' });
    expect(markGone(sb, 'nope')).toEqual({ status: 404, body: "Agent 'nope' not found" });
  });

  it('dcos node decommission takes a Mesos id and prints nothing, as dcos-core-cli 2.2 (node_decommission.go)', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    const a2 = slaves(sb).find((s) => s.hostname === 'a2')!.id;
    expect(await dcos(`dcos node decommission ${a2}`)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(slaves(sb).map((s) => s.hostname)).toEqual(['a1']);
    expect((await dcos('dcos node decommission nope')).stderr).toBe("Error: could not mark agent 'nope' as gone\n");
  });
});

describe('replay', () => {
  it('the script carries the adds and removals: a new sandbox from the same seed reaches the same history', async () => {
    const sb = await booted(10);
    expect(post(sb, { hostname: 'extra-1', resources: { cpus: 16 } }).status).toBe(201);
    sb.advance(5_000);
    expect(remove(sb, 'analytics-2').status).toBe(200);
    sb.advance(5_000);
    const snapshot = sb.snapshot();
    expect(post(sb, { public: true }).status).toBe(201);
    expect(remove(sb, 'private-3').status).toBe(200);
    sb.advance(20_000);
    const scenario = sb.scenario();
    expect(scenario.script.map((a) => `${a.request.method} ${a.request.path}`)).toEqual([
      'POST /sandbox/v1/agents',
      'DELETE /sandbox/v1/agents/analytics-2',
      'POST /sandbox/v1/agents',
      'DELETE /sandbox/v1/agents/private-3',
    ]);
    const replay = await createSandbox(JSON.parse(JSON.stringify(scenario)) as unknown);
    replay.advance(sb.now);
    expect(replay.historyHash()).toBe(sb.historyHash());
    expect(replay.layout()).toEqual(sb.layout());
    const resumed = await resumeSandbox(scenario, JSON.parse(JSON.stringify(snapshot)) as typeof snapshot);
    resumed.advance(sb.now - resumed.now);
    expect(resumed.historyHash()).toBe(sb.historyHash());
  });
});
