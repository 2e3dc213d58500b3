/**
 * GET /mesos/master/state (and /slaves, /frameworks, /tasks): Mesos' JSON shapes, from the
 * leading master (`hostname`, `leader`, `leader_info`, `elected_time` follow a failover). Agents
 * carry Mesos 1.9+'s maintenance fields (`deactivated`, `drain_info`). One sandbox extension:
 * `sandbox_masters` (see masters.ts).
 */
import { MESOS_VERSION } from '../../common/versions.ts';
import { toMesosSeconds } from '../../common/clock.ts';
import { containerIdOf } from '../../engine/usage/hash.ts';
import type { AgentState, ClusterState, FrameworkState, OfferState, TaskState } from '../../engine/core/model.ts';
import { agentResources, Tally } from './resources-json.ts';
import { leaderOf } from './leader-of.ts';
import { drainInfoJson } from './drain-info.ts';
import { containerJson, discoveryJson, statusNetworkInfos } from './task-json-network.ts';
import { SANDBOX_MASTERS_FIELD, sandboxMasters } from './masters.ts';
import { leaderIndex, mesosMasterId } from '../../engine/mesos/leader.ts';
import type { MesosAgent, MesosFramework, MesosOffer, MesosState, MesosTask } from '../shapes/mesos.ts';

const AGENT_CAPABILITIES = [
  'MULTI_ROLE',
  'HIERARCHICAL_ROLE',
  'RESERVATION_REFINEMENT',
  'RESOURCE_PROVIDER',
  'RESIZE_VOLUME',
  'AGENT_OPERATION_FEEDBACK',
  'AGENT_DRAINING',
  'TASK_RESOURCE_LIMITS',
];

export interface AgentUsage {
  used: Tally;
  offered: Tally;
  tasks: TaskState[];
}

/** Used and offered resources of every agent, and its live tasks, in one pass. */
export function agentUsage(state: ClusterState): AgentUsage[] {
  const usage = state.agents.map(() => ({ used: new Tally(), offered: new Tally(), tasks: [] as TaskState[] }));
  for (const id in state.tasks) {
    const task = state.tasks[id]!;
    usage[task.agentIdx]!.used.addPortions(task.portions);
    usage[task.agentIdx]!.tasks.push(task);
  }
  for (const offer of state.offers.values()) {
    usage[offer.agentIdx]!.offered.addPortions(offer.portions);
  }
  return usage;
}

export function leaderPid(state: ClusterState): string {
  const leader = leaderOf(state);
  return `master@${leader.ip}:5050`;
}

export function agentJson(state: ClusterState, agentIdx: number, usage: AgentUsage): MesosAgent {
  const agent: AgentState = state.agents[agentIdx]!;
  const res = agentResources(agent);
  const drain = drainInfoJson(state, agentIdx);
  return {
    id: agent.id,
    pid: `slave(1)@${agent.ip}:5051`,
    hostname: agent.hostname,
    port: 5051,
    registered_time: toMesosSeconds(agent.registeredAt ?? 0),
    resources: res.total,
    used_resources: usage.used.json(),
    offered_resources: usage.offered.json(),
    reserved_resources: res.reserved,
    unreserved_resources: res.unreserved,
    attributes: { ...agent.attributes },
    active: agent.registered,
    deactivated: agent.deactivated,
    ...(drain ? { drain_info: drain } : {}),
    version: MESOS_VERSION,
    capabilities: AGENT_CAPABILITIES,
  };
}

export function taskJson(state: ClusterState, task: TaskState): MesosTask {
  const networkInfos = statusNetworkInfos(state, task);
  const discovery = discoveryJson(state, task);
  const container = containerJson(task);
  const containerId = containerIdOf(task.id);
  return {
    id: task.id,
    name: task.name,
    framework_id: task.frameworkId,
    executor_id: '',
    slave_id: state.agents[task.agentIdx]!.id,
    agent_id: state.agents[task.agentIdx]!.id,
    state: task.state,
    resources: new Tally().addPortions(task.portions).json(),
    role: task.role,
    statuses: task.statuses.map((s) => ({
      state: s.state,
      timestamp: toMesosSeconds(s.timestamp),
      ...(s.detail ? { source: s.detail.source, reason: s.detail.reason, message: s.detail.message } : {}),
      container_status: { container_id: { value: containerId }, network_infos: networkInfos },
    })),
    ...(discovery ? { discovery } : {}),
    ...(container ? { container } : {}),
  };
}

function offerJson(state: ClusterState, offer: OfferState): MesosOffer {
  return {
    id: offer.id,
    framework_id: offer.frameworkId,
    slave_id: state.agents[offer.agentIdx]!.id,
    resources: new Tally().addPortions(offer.portions).json(),
    allocation_info: { role: offer.role },
  };
}

export function frameworkJson(state: ClusterState, fw: FrameworkState, tasks: TaskState[], offers: OfferState[]): MesosFramework {
  const used = new Tally();
  const live = tasks.filter((t) => t.state !== 'TASK_UNREACHABLE');
  for (const t of live) used.addPortions(t.portions);
  const offered = new Tally();
  for (const o of offers) offered.addPortions(o.portions);
  const leader = leaderOf(state);
  return {
    id: fw.id,
    name: fw.name,
    pid: `scheduler-${fw.id.slice(-4)}@${leader.ip}:${40000 + state.frameworks.indexOf(fw)}`,
    used_resources: used.json(),
    offered_resources: offered.json(),
    resources: new Tally().add(used.scalars, used.ports).add(offered.scalars, offered.ports).json(),
    capabilities: [...(fw.gpuCapable ? ['GPU_RESOURCES'] : []), ...(fw.multiRole ? ['MULTI_ROLE'] : [])],
    ...schedulerHost(state, fw, leader.hostname),
    active: fw.registered,
    connected: fw.registered,
    recovered: false,
    user: 'root',
    // Metronome's FrameworkInfo asks for a week (MetronomeConfig.scala:31-32).
    failover_timeout: fw.kind === 'metronome' ? 604_800 : 0,
    checkpoint: true,
    ...(fw.multiRole ? { roles: [...fw.roles] } : { role: fw.roles[0]! }),
    registered_time: toMesosSeconds(fw.registeredAt ?? 0),
    unregistered_time: 0,
    offers: offers.map((o) => offerJson(state, o)),
    executors: [],
    tasks: live.map((t) => taskJson(state, t)),
    unreachable_tasks: tasks.filter((t) => t.state === 'TASK_UNREACHABLE').map((t) => taskJson(state, t)),
    completed_tasks: fw.completedTasks.map((t) => taskJson(state, t)),
  };
}

/**
 * Where the scheduler runs: Metronome registers from its leading master with that master's IP as hostname and its
 * Play port in webui_url (MetronomeConfig.scala:81-82; Admin Router finds `/service/metronome` by it). Others keep the
 * leading master's hostname and no UI.
 */
function schedulerHost(state: ClusterState, fw: FrameworkState, fallback: string): { hostname: string; webui_url: string } {
  const at = fw.kind === 'metronome' ? state.masters.findIndex((m) => m.metronome === 'leader') : -1;
  if (at < 0) return { hostname: fallback, webui_url: '' };
  const ip = state.masters[at]!.ip;
  return { hostname: ip, webui_url: `http://${ip}:9000` };
}

/** Live tasks and outstanding offers grouped by framework id. */
export function byFramework(state: ClusterState) {
  const tasks = new Map<string, TaskState[]>();
  const offers = new Map<string, OfferState[]>();
  for (const id in state.tasks) pushTo(tasks, state.tasks[id]!.frameworkId, state.tasks[id]!);
  for (const offer of state.offers.values()) pushTo(offers, offer.frameworkId, offer);
  return { tasks, offers };
}

export function masterState(state: ClusterState): MesosState {
  const usage = agentUsage(state);
  const grouped = byFramework(state);
  const leader = leaderOf(state);
  const registered = state.agents.filter((a) => a.registered);
  return {
    version: MESOS_VERSION,
    build_date: '2026-01-01 00:00:00',
    build_user: 'dcos-sandbox',
    start_time: toMesosSeconds(state.startedAt),
    elected_time: toMesosSeconds(state.electedAt),
    id: mesosMasterId(state, leaderIndex(state)!),
    pid: leaderPid(state),
    hostname: leader.hostname,
    capabilities: ['AGENT_UPDATE', 'AGENT_DRAINING', 'QUOTA_V2'],
    activated_slaves: registered.filter((a) => !a.deactivated).length,
    deactivated_slaves: registered.filter((a) => a.deactivated).length,
    unreachable_slaves: state.agents.filter((a) => a.unreachableAt !== null).length,
    cluster: state.clusterName,
    leader: leaderPid(state),
    leader_info: {
      id: mesosMasterId(state, leaderIndex(state)!),
      pid: leaderPid(state),
      port: 5050,
      hostname: leader.hostname,
      address: { hostname: leader.hostname, ip: leader.ip, port: 5050 },
    },
    flags: {
      allocation_interval: `${state.allocationIntervalMs / 1000}secs`,
      min_allocatable_resources: 'cpus:0.01|mem:32',
      quorum: String(Math.floor(state.masters.length / 2) + 1),
      cluster: state.clusterName,
    },
    slaves: state.agents.flatMap((a, i) => (a.registered ? [agentJson(state, i, usage[i]!)] : [])),
    frameworks: state.frameworks
      .filter((f) => f.registered)
      .map((f) => frameworkJson(state, f, grouped.tasks.get(f.id) ?? [], grouped.offers.get(f.id) ?? [])),
    completed_frameworks: [],
    orphan_tasks: [],
    unregistered_frameworks: [],
    [SANDBOX_MASTERS_FIELD]: sandboxMasters(state),
  };
}

export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
