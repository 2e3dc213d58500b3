/**
 * Safety invariants of the cluster state, for fault-testing runs that check them after every
 * event: resources are conserved on every agent, every task is in exactly one place, Marathon's
 * bookkeeping points at real tasks, offers are for live agents and frameworks, and at most one
 * Mesos master, one Marathon and one Metronome act as leader, nothing being offered while no master leads. Pure and
 * O(agents + tasks + offers + completed tasks) per call; the result lists human-readable
 * violations (empty when everything holds).
 */
import { portCount, round3, SCALAR_NAMES, type Scalars } from '../common/resources.ts';
import { TERMINAL_STATES } from '../common/task-states.ts';
import { own } from '../common/own.ts';
import type { ClusterState, FrameworkState, Portion, TaskState } from './core/model.ts';
import type { PortRanges } from '../common/scenario/types.ts';
import { countedTally } from './marathon/instance-tally.ts';
import { checkMetronome } from './metronome/invariants.ts';
import { completedLookup } from './mesos/frameworks.ts';
import { heldScalars } from './mesos/disks.ts';
import { checkStorage } from './storage-invariants.ts';

export function checkInvariants(state: ClusterState, now: number): string[] {
  const out: string[] = [];
  const frameworks = new Map<string, FrameworkState>();
  for (const fw of state.frameworks) frameworks.set(fw.id, fw);
  checkResources(state, frameworks, out);
  checkTasks(state, frameworks, out);
  checkMarathon(state, out);
  checkMetronome(state, out);
  checkStorage(state, out);
  checkOffers(state, frameworks, out);
  checkLeaders(state, out);
  return out.map((v) => `at ${now} ms: ${v}`);
}

/** Where each pool of each agent starts in the flat per-pool tables. */
function poolOffsets(state: ClusterState): number[] {
  const base: number[] = [];
  let n = 0;
  for (const agent of state.agents) {
    base.push(n);
    n += agent.pools.length;
  }
  base.push(n);
  return base;
}

/**
 * Per pool: free + offered + used by live tasks = total, scalar by scalar (fixed point), and the
 * free, offered and used port ranges partition the pool's ports. Per framework: its allocation
 * is exactly its offers plus its reachable tasks (unreachable tasks are not charged to it).
 */
function checkResources(state: ClusterState, frameworks: Map<string, FrameworkState>, out: string[]): void {
  const base = poolOffsets(state);
  const pools = base[state.agents.length]!;
  const held = new Float64Array(pools * 4);
  const ports: Array<PortRanges[] | undefined> = new Array<PortRanges[] | undefined>(pools);
  const charged = new Map<string, { scalars: Scalars; ports: number }>();
  const charge = (frameworkId: string, role: string, portions: Portion[]) => {
    const key = `${frameworkId} ${role}`;
    let c = charged.get(key);
    if (!c) charged.set(key, (c = { scalars: [0, 0, 0, 0], ports: 0 }));
    for (const p of portions) {
      const amount = heldScalars(p);
      for (let s = 0; s < 4; s++) c.scalars[s] = c.scalars[s]! + amount[s]!;
      c.ports += portCount(p.ports);
    }
  };
  const hold = (what: string, agentIdx: number, portions: Portion[]) => {
    const agent = state.agents[agentIdx];
    if (!agent) return; // reported by the task and offer checks
    for (const p of portions) {
      if (!agent.pools[p.pool]) {
        out.push(`${what} uses pool ${p.pool}, which agent ${agent.hostname} does not have`);
        continue;
      }
      const k = base[agentIdx]! + p.pool;
      const amount = heldScalars(p);
      for (let s = 0; s < 4; s++) {
        if (p.scalars[s]! < 0) out.push(`${what} holds a negative amount of ${SCALAR_NAMES[s]} (${p.scalars[s]})`);
        held[k * 4 + s] = held[k * 4 + s]! + amount[s]!;
      }
      if (p.ports.length > 0) (ports[k] ??= []).push(p.ports);
    }
  };
  for (const [id, offer] of state.offers) {
    hold(`offer ${id}`, offer.agentIdx, offer.portions);
    charge(offer.frameworkId, offer.role, offer.portions);
  }
  for (const id in state.tasks) {
    const task = state.tasks[id]!;
    hold(`task ${id}`, task.agentIdx, task.portions);
    if (task.state !== 'TASK_UNREACHABLE') charge(task.frameworkId, task.role, task.portions);
  }
  state.agents.forEach((agent, a) => {
    agent.pools.forEach((pool, p) => {
      const k = base[a]! + p;
      const where = `agent ${agent.hostname} pool '${pool.role}'`;
      for (let s = 0; s < 4; s++) {
        const total = round3(pool.total[s]!);
        const allocated = round3(held[k * 4 + s]!);
        if (allocated > total) out.push(`${where}: ${SCALAR_NAMES[s]} allocated ${allocated} exceeds its resources ${total}`);
        else if (round3(pool.free[s]! + allocated) !== total)
          out.push(`${where}: ${SCALAR_NAMES[s]} free ${pool.free[s]} + allocated ${allocated} ≠ total ${total}`);
      }
      checkPorts(where, pool.totalPorts, pool.freePorts, ports[k], out);
    });
  });
  for (const fw of frameworks.values()) {
    const roles = new Set([
      ...Object.keys(fw.shares),
      ...[...charged.keys()].filter((k) => k.startsWith(`${fw.id} `)).map((k) => k.slice(fw.id.length + 1)),
    ]);
    for (const role of roles) {
      const c = charged.get(`${fw.id} ${role}`) ?? { scalars: [0, 0, 0, 0], ports: 0 };
      const share = own(fw.shares, role) ?? { allocated: [0, 0, 0, 0], allocatedPorts: 0 };
      const where = `framework ${fw.name} in role ${role}`;
      for (let s = 0; s < 4; s++) {
        if (round3(c.scalars[s]!) !== round3(share.allocated[s]!))
          out.push(
            `${where}: allocated ${SCALAR_NAMES[s]} ${share.allocated[s]} ≠ its offers and reachable tasks ${round3(c.scalars[s]!)}`,
          );
      }
      if (c.ports !== share.allocatedPorts)
        out.push(`${where}: allocated ports ${share.allocatedPorts} ≠ its offers and reachable tasks ${c.ports}`);
    }
  }
}

/** The free, offered and used ranges must lie within the pool's ports, never overlap, and cover them all. */
function checkPorts(where: string, total: PortRanges, free: PortRanges, held: PortRanges[] | undefined, out: string[]): void {
  // Usually nothing holds ports of the pool and the free ranges are already in order: no copy, no sort.
  let ranges: PortRanges = free;
  if (held !== undefined || !isSorted(free)) {
    ranges = [...free];
    for (const part of held ?? []) for (const r of part) ranges.push(r);
    ranges.sort((x, y) => x[0] - y[0]);
  }
  let t = 0;
  let covered = 0;
  let last = -Infinity;
  for (const [b, e] of ranges) {
    if (e < b) {
      out.push(`${where}: empty port range [${b}-${e}]`);
      continue;
    }
    if (b <= last) {
      out.push(`${where}: port ${b} allocated twice`);
      return;
    }
    last = e;
    covered += e - b + 1;
    while (t < total.length && total[t]![1] < b) t++;
    const range = total[t];
    if (!range || b < range[0] || e > range[1]) {
      out.push(`${where}: ports [${b}-${e}] are not within the agent's ranges`);
      return;
    }
  }
  const expected = portCount(total);
  if (covered !== expected) out.push(`${where}: ${covered} ports free or allocated, but the agent has ${expected}`);
}

function isSorted(ranges: PortRanges): boolean {
  for (let i = 1; i < ranges.length; i++) if (ranges[i]![0] < ranges[i - 1]![0]) return false;
  return true;
}

/** A live task is on one existing agent and not terminal; a completed one is terminal and not live. */
function checkTasks(state: ClusterState, frameworks: Map<string, FrameworkState>, out: string[]): void {
  checkLiveCounts(state, out);
  checkAgentTaskIndex(state, out);
  for (const id in state.tasks) {
    const task = state.tasks[id]!;
    if (task.id !== id) out.push(`task listed as ${id} has id ${task.id}`);
    if (!state.agents[task.agentIdx]) out.push(`task ${id} is on agent #${task.agentIdx}, which does not exist`);
    if (!frameworks.has(task.frameworkId)) out.push(`task ${id} belongs to unknown framework ${task.frameworkId}`);
    if (TERMINAL_STATES.has(task.state)) out.push(`task ${id} is ${task.state} but still live`);
    if (task.statuses.at(-1)?.state !== task.state)
      out.push(`task ${id} is ${task.state} but its last status says ${task.statuses.at(-1)?.state}`);
  }
  for (const fw of state.frameworks) {
    for (const task of fw.completedTasks) {
      if (state.tasks[task.id]) out.push(`task ${task.id} is both live and completed`);
      if (task.frameworkId !== fw.id) out.push(`completed task ${task.id} of ${task.frameworkId} is listed under ${fw.id}`);
      if (!TERMINAL_STATES.has(task.state) || task.statuses.at(-1)?.state !== task.state) {
        out.push(`completed task ${task.id} has no terminal status (state ${task.state}, last status ${task.statuses.at(-1)?.state})`);
      }
    }
  }
}

/**
 * Marathon's mapping task → instance and each instance's task list agree with each other and
 * with Mesos: mapped tasks exist (live or completed), an instance's view of a live task's state
 * is Mesos' view (while Marathon leads and is subscribed: without a leader, or before a new one
 * has reconciled, Marathon's view lags behind), and every live Marathon task belongs to an
 * instance or is a known orphan.
 */
/** Each agent's index of its tasks lists exactly the live tasks on it. */
function checkAgentTaskIndex(state: ClusterState, out: string[]): void {
  let indexed = 0;
  state.agents.forEach((agent, a) => {
    indexed += agent.taskIds.length;
    for (const id of agent.taskIds)
      if (state.tasks[id]?.agentIdx !== a) out.push(`agent ${agent.hostname} indexes task ${id}, which is not a live task on it`);
  });
  const live = Object.keys(state.tasks).length;
  if (indexed !== live) out.push(`the agents index ${indexed} tasks, ${live} are live`);
}

/** The live counts by state and by role (kept as tasks change) are those of the tasks listed. */
function checkLiveCounts(state: ClusterState, out: string[]): void {
  const byState = new Map<string, number>();
  const byRole = new Map<string, number>();
  for (const id in state.tasks) {
    const task = state.tasks[id]!;
    byState.set(task.state, (byState.get(task.state) ?? 0) + 1);
    byRole.set(task.role, (byRole.get(task.role) ?? 0) + 1);
  }
  const kept = (counts: Record<string, number | undefined>) =>
    new Map(Object.entries(counts).filter((e): e is [string, number] => (e[1] ?? 0) !== 0));
  const same = (a: Map<string, number>, b: Map<string, number>) => a.size === b.size && [...a].every(([k, n]) => b.get(k) === n);
  if (!same(kept(state.liveTasks.byState), byState))
    out.push(`live tasks counted by state ${JSON.stringify([...kept(state.liveTasks.byState)])}, listed ${JSON.stringify([...byState])}`);
  if (!same(kept(state.liveTasks.byRole), byRole))
    out.push(`live tasks counted by role ${JSON.stringify([...kept(state.liveTasks.byRole)])}, listed ${JSON.stringify([...byRole])}`);
}

function checkMarathon(state: ClusterState, out: string[]): void {
  const m = state.marathon;
  for (const record of Object.values(m.runSpecs)) {
    const counted = countedTally(m, record);
    if (JSON.stringify(counted) !== JSON.stringify(record.tally))
      out.push(`Marathon's tally of ${record.spec.id} is ${JSON.stringify(record.tally)}, its instances count ${JSON.stringify(counted)}`);
  }
  const listening =
    state.masters.some((x) => x.marathon === 'leader') && state.frameworks.some((f) => f.id === m.frameworkId && f.registered);
  const isCompleted = completedLookup(state, m.frameworkId);
  for (const taskId in m.taskInstance) {
    const instanceId = m.taskInstance[taskId]!;
    const instance = m.instances[instanceId];
    if (!instance) out.push(`Marathon maps task ${taskId} to instance ${instanceId}, which does not exist`);
    else if (!instance.taskIds.includes(taskId)) out.push(`Marathon maps task ${taskId} to instance ${instanceId}, which does not list it`);
    if (!state.tasks[taskId] && !isCompleted(taskId))
      out.push(`Marathon maps task ${taskId} to instance ${instanceId}, but no such task exists`);
  }
  for (const instanceId in m.instances) {
    const instance = m.instances[instanceId]!;
    const record = m.runSpecs[instance.runSpecId];
    if (!record || !record.instanceIds.includes(instanceId))
      out.push(`instance ${instanceId} is not listed by its run spec ${instance.runSpecId}`);
    if (instance.taskStates.length !== instance.taskIds.length)
      out.push(`instance ${instanceId} has ${instance.taskIds.length} tasks but ${instance.taskStates.length} task states`);
    instance.taskIds.forEach((taskId, k) => {
      if (m.taskInstance[taskId] !== instanceId)
        out.push(`instance ${instanceId} lists task ${taskId}, which Marathon maps to ${m.taskInstance[taskId] ?? 'nothing'}`);
      const task: TaskState | undefined = state.tasks[taskId];
      const believed = instance.taskStates[k];
      if (!listening) return;
      if (task) {
        if (believed !== task.state) out.push(`instance ${instanceId} believes task ${taskId} is ${believed}, Mesos says ${task.state}`);
        if (instance.agentIdx !== task.agentIdx)
          out.push(`instance ${instanceId} is on agent #${instance.agentIdx}, its task ${taskId} on #${task.agentIdx}`);
      } else if (believed !== undefined && !TERMINAL_STATES.has(believed)) {
        out.push(`instance ${instanceId} believes task ${taskId} is ${believed}, but Mesos has no live task by that id`);
      }
    });
  }
  for (const [id, record] of Object.entries(m.runSpecs)) {
    for (const instanceId of record.instanceIds)
      if (!m.instances[instanceId]) out.push(`run spec ${id} lists instance ${instanceId}, which does not exist`);
  }
  let orphans: Set<string> | null = null;
  for (const taskId in state.tasks) {
    if (state.tasks[taskId]!.frameworkId !== m.frameworkId || m.taskInstance[taskId] !== undefined) continue;
    orphans ??= new Set(m.orphanTasks);
    if (!orphans.has(taskId)) out.push(`Marathon's live task ${taskId} belongs to no instance and is not a known orphan`);
  }
}

/** Every outstanding offer is for a registered agent and a registered framework. */
function checkOffers(state: ClusterState, frameworks: Map<string, FrameworkState>, out: string[]): void {
  for (const [id, offer] of state.offers) {
    if (offer.id !== id) out.push(`offer listed as ${id} has id ${offer.id}`);
    const agent = state.agents[offer.agentIdx];
    if (!agent) out.push(`offer ${id} is for agent #${offer.agentIdx}, which does not exist`);
    else if (!agent.registered) out.push(`offer ${id} is for agent ${agent.hostname}, which is not registered`);
    else if (agent.disconnected || agent.deactivated)
      out.push(`offer ${id} is for agent ${agent.hostname}, which is ${agent.disconnected ? 'disconnected' : 'deactivated'}`);
    const fw = frameworks.get(offer.frameworkId);
    if (!fw) out.push(`offer ${id} is for unknown framework ${offer.frameworkId}`);
    else if (!fw.registered) out.push(`offer ${id} is for framework ${fw.name}, which is not registered`);
  }
}

/**
 * At most one acting leader of each kind (a leader is a master that believes it leads: the
 * election must never crown a second before the first stepped down); no leader, no offers and
 * no subscribed framework; a leader runs on a host that is up.
 */
function checkLeaders(state: ClusterState, out: string[]): void {
  const mesos = state.masters.filter((m) => m.mesos === 'leader');
  const marathon = state.masters.filter((m) => m.marathon === 'leader');
  const metronome = state.masters.filter((m) => m.metronome === 'leader');
  if (metronome.length > 1) out.push(`${metronome.length} Metronomes act as leader: ${metronome.map((m) => m.hostname).join(', ')}`);
  if (mesos.length > 1) out.push(`${mesos.length} Mesos masters act as leader: ${mesos.map((m) => m.hostname).join(', ')}`);
  if (marathon.length > 1) out.push(`${marathon.length} Marathons act as leader: ${marathon.map((m) => m.hostname).join(', ')}`);
  for (const m of [...mesos, ...marathon, ...metronome]) if (!m.up) out.push(`${m.hostname} is down but acts as a leader`);
  if (mesos.length === 0) {
    const offers = state.offers.size;
    if (offers > 0) out.push(`${offers} offers outstanding while no master leads`);
    const subscribed = state.frameworks.filter((f) => f.registered);
    if (subscribed.length > 0) out.push(`framework ${subscribed[0]!.name} is subscribed while no master leads`);
  }
}
