/**
 * One load of Mesos-DNS: what it reads of the leading master's state (spec issue16 §1.2), taken from the engine's model
 * rather than from the JSON (the engine does not import the API). One pass over the tasks.
 */
import { SIM_EPOCH_MS } from '../../common/clock.ts';
import { listPorts, normalizePorts } from '../../common/resources.ts';
import type { ClusterState } from '../core/model.ts';
import { leaderIndex } from '../mesos/leader.ts';
import { marathonDiscovery, type DefinitionCache } from './discovery.ts';
import type { LoadedFramework, MesosDnsLoad } from './model.ts';

export const MESOS_MASTER_PORT = 5050;

/**
 * The port of a framework's scheduler pid as `/mesos/master/state` shows it (`scheduler-…@<leader IP>:<40000 + index>`,
 * src/api/mesos/state.ts frameworkJson; a test checks the two agree).
 */
export function frameworkPidPort(frameworkIndex: number): number {
  return 40000 + frameworkIndex;
}

/** What master `master`'s Mesos-DNS reads now; the caller makes sure a Mesos master leads. */
export function readLoad(state: ClusterState, master: number, now: number): MesosDnsLoad {
  const leader = state.masters[leaderIndex(state)!]!;
  const leaderAddress = `${leader.ip}:${MESOS_MASTER_PORT}`;
  // ZooKeeper's list: the leader, then the other masters whose Mesos master holds an election znode (in master order
  // here; mesos-go reads them from a map, in no order).
  const contenders = new Set(state.zk.znodes.filter((z) => z.group === 'mesos-master').map((z) => z.master));
  const others = state.masters.flatMap((m, i) => (contenders.has(i) ? [`${m.ip}:${MESOS_MASTER_PORT}`] : []));
  const agentPosition = new Map<number, number>();
  const agentIds: string[] = [];
  const agentIps: string[] = [];
  state.agents.forEach((agent, i) => {
    if (!agent.registered) return;
    agentPosition.set(i, agentIds.length);
    agentIds.push(agent.id);
    agentIps.push(agent.ip);
  });
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
    const agent = agentPosition.get(task.agentIdx);
    if (!fw || agent === undefined || task.state !== 'TASK_RUNNING') continue;
    const ranges = task.portions.flatMap((p) => p.ports);
    const discovery = marathonDiscovery(state, task, cache);
    fw.tasks.push({
      id: task.id,
      name: task.name,
      agent,
      ports: ranges.length === 0 ? [] : listPorts(normalizePorts(ranges), Infinity),
      ...(discovery ? { discovery } : {}),
    });
  }
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
