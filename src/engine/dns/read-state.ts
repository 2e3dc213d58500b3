/**
 * One load of Mesos-DNS: what it reads of the leading master's state (networking-sources.md §1.2), taken from the engine's model
 * rather than from the JSON (the engine does not import the API). One pass over the tasks.
 */
import { SIM_EPOCH_MS } from '../../common/clock.ts';
import { listPorts, normalizePorts } from '../../common/resources.ts';
import type { ClusterState, TaskState } from '../core/model.ts';
import { leaderIndex } from '../mesos/leader.ts';
import { discoveryOf, type DefinitionCache } from './discovery.ts';
import type { LoadedFramework, LoadedTask, MesosDnsLoad } from './model.ts';

export const MESOS_MASTER_PORT = 5050;

/**
 * The port of a framework's scheduler pid as `/mesos/master/state` shows it (`scheduler-…@<leader IP>:<40000 + index>`,
 * src/api/mesos/state.ts frameworkJson; a test checks the two agree).
 */
export function frameworkPidPort(frameworkIndex: number): number {
  return 40000 + frameworkIndex;
}

/**
 * What Mesos-DNS reads of one task never changes while the task lives (its agent, ports and the app version it was
 * launched with), so it is read once per task and shared by every load of every master: a reload costs a pass over
 * the tasks, not a copy of each.
 */
const loadedTasks = new WeakMap<TaskState, LoadedTask>();

function loadedTaskOf(state: ClusterState, task: TaskState, cache: DefinitionCache): LoadedTask {
  let loaded = loadedTasks.get(task);
  if (!loaded) {
    const ranges = task.portions.flatMap((p) => p.ports);
    const discovery = discoveryOf(state, task, cache);
    loaded = {
      id: task.id,
      name: task.name,
      agent: task.agentIdx,
      ports: ranges.length === 0 ? [] : listPorts(normalizePorts(ranges), Infinity),
      ...(discovery ? { discovery } : {}),
    };
    loadedTasks.set(task, loaded);
  }
  return loaded;
}

type Listing = Pick<MesosDnsLoad, 'agentIds' | 'agentIps' | 'frameworks'>;

/** The last listing read from a cluster, and what it was read at (see `changeMark`). */
const lastListing = new WeakMap<ClusterState, { mark: string; listing: Listing }>();

/**
 * What changes the agents, frameworks and running tasks a load lists: every task transition (counted in
 * taskStateCounts), and each agent's and framework's registration. Masters reload on their own tickers, mostly from an
 * unchanged cluster: they then share the listing instead of walking every task again.
 */
export function changeMark(state: ClusterState): string {
  let transitions = 0;
  for (const n of Object.values(state.taskStateCounts)) transitions += n ?? 0;
  let agents = 0;
  state.agents.forEach((a, i) => {
    if (a.registered) agents += (a.registeredAt ?? 0) * 7 + i + 1;
  });
  const frameworks = state.frameworks.map((f) => (f.registered ? (f.registeredAt ?? 0) : -1)).join(',');
  return `${transitions}|${agents}|${frameworks}`;
}

function agentsAndFrameworks(state: ClusterState): Listing {
  const mark = changeMark(state);
  const last = lastListing.get(state);
  if (last?.mark === mark) return last.listing;
  const agentIds = state.agents.map((agent) => (agent.registered ? agent.id : ''));
  const agentIps = state.agents.map((agent) => (agent.registered ? agent.ip : ''));
  const frameworks: LoadedFramework[] = [];
  const byId = new Map<string, LoadedFramework>();
  state.frameworks.forEach((fw, index) => {
    if (!fw.registered) return;
    const loaded: LoadedFramework = { name: fw.name, pidPort: frameworkPidPort(index), tasks: [] };
    frameworks.push(loaded);
    byId.set(fw.id, loaded);
  });
  const cache: DefinitionCache = new Map();
  for (const id in state.tasks) {
    const task = state.tasks[id]!;
    const fw = byId.get(task.frameworkId);
    if (!fw || agentIds[task.agentIdx] === '' || task.state !== 'TASK_RUNNING') continue;
    fw.tasks.push(loadedTaskOf(state, task, cache));
  }
  const listing = { agentIds, agentIps, frameworks };
  lastListing.set(state, { mark, listing });
  return listing;
}

/** What master `master`'s Mesos-DNS reads now; the caller makes sure a Mesos master leads. */
export function readLoad(state: ClusterState, master: number, now: number): MesosDnsLoad {
  const leader = state.masters[leaderIndex(state)!]!;
  const leaderAddress = `${leader.ip}:${MESOS_MASTER_PORT}`;
  // ZooKeeper's list: the leader, then the other masters whose Mesos master holds an election znode (in master order
  // here; mesos-go reads them from a map, in no order).
  const contenders = new Set(state.zk.znodes.filter((z) => z.group === 'mesos-master').map((z) => z.master));
  const others = state.masters.flatMap((m, i) => (contenders.has(i) ? [`${m.ip}:${MESOS_MASTER_PORT}`] : []));
  const { agentIds, agentIps, frameworks } = agentsAndFrameworks(state);
  return {
    serial: Math.floor((SIM_EPOCH_MS + now) / 1000),
    leaderIp: leader.ip,
    masters: [leaderAddress, ...others.filter((a) => a !== leaderAddress)],
    listenerIp: state.masters[master]!.ip,
    agentIds,
    agentIps,
    frameworks,
  };
}
