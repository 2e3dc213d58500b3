import { describe, expect, it } from 'vitest';
import { createSandbox, resumeSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { checkInvariants } from '../../src/engine/invariants.ts';
import type { ClusterState, TaskState } from '../../src/engine/core/model.ts';
import { agent, framework } from '../support/cluster.ts';
import { marathonScenario } from '../support/marathon.ts';
import { restoreState } from '../../src/engine/core/saved-state.ts';

/** Four agents, Marathon running two apps (with ports) and a load framework that is always offered. */
const scenario = marathonScenario([agent('a', { cpus: 4, mem: 4096, ports: [[1000, 1009]] }, { count: 4, attributes: { rack: 'r1' } })], {
  frameworks: [framework('load', '*', { cpus: 0.5, mem: 128, ports: 1 }, { instances: 'unlimited', refuseSeconds: 0 })],
  marathon: {
    apps: [
      { id: '/web', cmd: 'run x', instances: 3, cpus: 0.5, mem: 128 },
      { id: '/db', cmd: 'run x', instances: 2, cpus: 0.25, mem: 64, portDefinitions: [] },
    ],
  },
});

/** The cluster at a whole second: the batch allocation has just made offers that are not delivered yet. */
async function running(): Promise<{ sb: Sandbox; state: ClusterState }> {
  const sb = await createSandbox(scenario, { allocator: 'ts', matcher: 'ts' });
  sb.advance(30_000);
  return { sb, state: restoreState(sb.snapshot().cluster) };
}

const tasks = (state: ClusterState): TaskState[] => Object.values(state.tasks);
const marathonTasks = (state: ClusterState): TaskState[] => tasks(state).filter((t) => t.frameworkId === state.marathon.frameworkId);
const withPorts = (state: ClusterState): TaskState => tasks(state).find((t) => t.portions.some((p) => p.ports.length > 0))!;

/** Expect exactly the violations matching `pattern` (at least one). */
function expectViolation(state: ClusterState, pattern: RegExp): void {
  const found = checkInvariants(state, 1234);
  expect(found.length).toBeGreaterThan(0);
  expect(
    found.some((v) => pattern.test(v)),
    found.join('\n'),
  ).toBe(true);
  expect(found.every((v) => v.startsWith('at 1234 ms: '))).toBe(true);
}

describe('checkInvariants', () => {
  it('holds on a running cluster with tasks, completed tasks and outstanding offers', async () => {
    const { state } = await running();
    expect(marathonTasks(state).length).toBe(5);
    expect(state.offers.size).toBeGreaterThan(0);
    expect(checkInvariants(state, 30_000)).toEqual([]);
  });

  it('holds through an agent loss, the replacements and the agent coming back', async () => {
    const sb = await createSandbox(scenario, { allocator: 'ts', matcher: 'ts', checkInvariants: true });
    sb.advance(20_000);
    const host = (sb.request({ method: 'GET', path: '/marathon/v2/apps/web/tasks' }).body as { tasks: Array<{ host: string; id: string }> })
      .tasks[0]!;
    sb.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'task-crash', target: host.id } });
    sb.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-crash', target: host.host } });
    sb.advance(120_000);
    sb.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-restore', target: host.host } });
    sb.advance(60_000);
    expect(checkInvariants(restoreState(sb.snapshot().cluster), sb.now)).toEqual([]);
  });

  it('holds for a cluster saved when frameworks had one role, which resumes and runs on', async () => {
    const { sb } = await running();
    const snapshot = sb.snapshot();
    // The shape frameworks were saved in before they could hold several roles.
    const old = snapshot.cluster.frameworks.map((fw) => {
      const { roles, multiRole: _multiRole, suppressedRoles, shares, ...rest } = fw;
      const share = shares[roles[0]!] ?? {
        allocated: [0, 0, 0, 0],
        allocatedUnreserved: [0, 0, 0, 0],
        allocatedPorts: 0,
        allocationCount: 0,
      };
      return { ...rest, role: roles[0]!, active: suppressedRoles.length === 0, ...share };
    });
    const saved = { ...snapshot, cluster: { ...snapshot.cluster, frameworks: old as unknown as ClusterState['frameworks'] } };
    const resumed = await resumeSandbox(scenario, saved, { allocator: 'ts', matcher: 'ts' });
    expect(checkInvariants(restoreState(resumed.snapshot().cluster), resumed.now)).toEqual([]);
    resumed.advance(30_000);
    expect(checkInvariants(restoreState(resumed.snapshot().cluster), resumed.now)).toEqual([]);
    sb.advance(30_000);
    expect(resumed.historyHash()).toBe(sb.historyHash());
  });

  it('reports an agent allocating more than it has', async () => {
    const { state } = await running();
    tasks(state)[0]!.portions[0]!.scalars[0] += 100;
    expectViolation(state, /agent a-\d pool '\*': cpus allocated [\d.]+ exceeds its resources 4/);
  });

  it('reports resources leaking from a pool', async () => {
    const { state } = await running();
    state.agents[1]!.pools[0]!.free[1] += 64;
    expectViolation(state, /agent a-2 pool '\*': mem free [\d.]+ \+ allocated [\d.]+ ≠ total 4096/);
  });

  it('reports a port allocated twice, and a port outside the agent ranges', async () => {
    const { state } = await running();
    const task = withPorts(state);
    const pool = state.agents[task.agentIdx]!.pools[0]!;
    pool.freePorts = [...task.portions[0]!.ports, ...pool.freePorts];
    expectViolation(state, /port \d+ allocated twice/);
    const other = (await running()).state;
    withPorts(other).portions[0]!.ports = [[60000, 60000]];
    expectViolation(other, /ports \[60000-60000\] are not within the agent's ranges/);
  });

  it('reports a live task on an agent that does not exist', async () => {
    const { state } = await running();
    tasks(state)[0]!.agentIdx = 99;
    expectViolation(state, /is on agent #99, which does not exist/);
  });

  it('reports a terminal task still live, a task both live and completed, and a completed task without a terminal status', async () => {
    const { state } = await running();
    const [a, b] = tasks(state);
    a!.state = 'TASK_FINISHED';
    a!.statuses.push({ state: 'TASK_FINISHED', timestamp: 1 });
    expectViolation(state, new RegExp(`task ${a!.id} is TASK_FINISHED but still live`));
    const fw = state.frameworks.find((f) => f.id === b!.frameworkId)!;
    fw.completedTasks.push({
      ...structuredClone(b!),
      state: 'TASK_KILLED',
      statuses: [...b!.statuses, { state: 'TASK_KILLED', timestamp: 2 }],
    });
    expectViolation(state, new RegExp(`task ${b!.id} is both live and completed`));
    const other = (await running()).state;
    const withCompleted = other.frameworks.find((f) => f.completedTasks.length > 0) ?? other.frameworks[1]!;
    withCompleted.completedTasks.push({ ...structuredClone(tasks(other)[0]!), id: 'ghost', frameworkId: withCompleted.id });
    expectViolation(other, /completed task ghost has no terminal status/);
  });

  it("reports Marathon's mapping pointing at a task that does not exist, or losing a live task", async () => {
    const { state } = await running();
    const m = state.marathon;
    const instanceId = Object.keys(m.instances)[0]!;
    m.taskInstance['web.instance-x._app.1'] = instanceId;
    expectViolation(state, /maps task web\.instance-x\._app\.1 to instance .*, but no such task exists/);
    const other = (await running()).state;
    const task = marathonTasks(other)[0]!;
    delete other.marathon.taskInstance[task.id];
    expectViolation(other, new RegExp(`Marathon's live task ${task.id.replaceAll('.', '\\.')} belongs to no instance`));
  });

  it("reports an instance whose view of its task is not Mesos'", async () => {
    const { state } = await running();
    const task = marathonTasks(state)[0]!;
    const instance = state.marathon.instances[state.marathon.taskInstance[task.id]!]!;
    instance.taskStates[0] = 'TASK_STAGING';
    expectViolation(state, /believes task .* is TASK_STAGING, Mesos says TASK_RUNNING/);
  });

  it('reports an offer for an agent that is not registered, or for an unknown framework', async () => {
    const { state } = await running();
    const offer = [...state.offers.values()][0]!;
    state.agents[offer.agentIdx]!.registered = false;
    expectViolation(state, new RegExp(`offer ${offer.id} is for agent a-\\d, which is not registered`));
    const other = (await running()).state;
    const o = [...other.offers.values()][0]!;
    o.frameworkId = 'nobody';
    expectViolation(other, new RegExp(`offer ${o.id} is for unknown framework nobody`));
  });

  it('reports an offer for a disconnected agent', async () => {
    const { state } = await running();
    const offer = [...state.offers.values()][0]!;
    state.agents[offer.agentIdx]!.disconnected = true;
    expectViolation(state, new RegExp(`offer ${offer.id} is for agent a-\\d, which is disconnected`));
  });

  it('reports two acting leaders, a leader on a host that is down, and offers or subscriptions without a leader', async () => {
    const sb = await createSandbox({ ...scenario, cluster: { ...scenario.cluster, masters: 3 } }, { allocator: 'ts', matcher: 'ts' });
    sb.advance(30_000);
    const state = restoreState(sb.snapshot().cluster);
    expect(checkInvariants(state, 0)).toEqual([]);
    const leader = state.masters.findIndex((m) => m.mesos === 'leader');
    const other = state.masters.find((_, i) => i !== leader)!;
    other.mesos = 'leader';
    expectViolation(state, /2 Mesos masters act as leader/);
    other.mesos = 'contender';
    const marathons = state.masters.map((m) => m.marathon);
    state.masters.forEach((m, i) => (m.marathon = i < 2 ? 'leader' : 'standby'));
    expectViolation(state, /2 Marathons act as leader: master-1, master-2/);
    state.masters.forEach((m, i) => (m.marathon = marathons[i]!));
    state.masters[leader]!.up = false;
    expectViolation(state, /is down but acts as a leader/);
    state.masters[leader]!.up = true;
    state.masters[leader]!.mesos = 'contender';
    expectViolation(state, /offers outstanding while no master leads/);
    expectViolation(state, /is subscribed while no master leads/);
  });

  it("reports a framework's allocation that is not its offers and tasks", async () => {
    const { state } = await running();
    Object.values(state.frameworks[1]!.shares)[0]!.allocated[1] += 1;
    expectViolation(state, /framework load in role [^:]+: allocated mem [\d.]+ ≠ its offers and reachable tasks/);
  });

  it('with the checkInvariants option, the first violation stops the run, naming the event and the time', async () => {
    const { sb } = await running();
    const snapshot = sb.snapshot();
    const task = withPorts(restoreState(snapshot.cluster));
    snapshot.cluster.agents[task.agentIdx]!.pools[0]!.free[0] += 1;
    const resumed = await resumeSandbox(scenario, snapshot, { allocator: 'ts', matcher: 'ts', checkInvariants: true });
    expect(() => resumed.advance(1000)).toThrow(/^invariant violated after offers\.deliver, at 30005 ms: agent a-\d pool '\*': cpus free/);
    const unchecked = await resumeSandbox(scenario, snapshot, { allocator: 'ts', matcher: 'ts' });
    expect(() => unchecked.advance(1000)).not.toThrow();
  });
});
