/** Builds the initial cluster state from a validated scenario. */
import { flagsWith } from '../../common/marathon/flags.ts';
import type { Rng } from './rng.ts';
import { mergePorts, round3, scalarsOf, subtractPorts, zero, type Scalars } from '../../common/resources.ts';
import { PUBLIC_ROLE } from '../../common/scenario/roles.ts';
import { expandHostnames } from '../../common/scenario/validate.ts';
import type { AgentSpec, DiskSpec, PortRanges, Scenario } from '../../common/scenario/types.ts';
import { emptyMarathon } from '../marathon/model.ts';
import { emptyMetronome } from '../metronome/model.ts';
import { emptyCosmos } from '../cosmos/model.ts';
import { emptyEnsemble } from '../zookeeper/model.ts';
import { emptyMesosDns } from '../dns/model.ts';
import type { AgentState, ClusterState, FrameworkState, MasterState, Pool, RoleConfig } from './model.ts';
import { MASTER_UNITS, type MasterUnit, type UnitState } from '../../common/units.ts';
import { setOwn } from '../../common/own.ts';

/** --agent_ping_timeout. */
export const AGENT_PING_TIMEOUT_MS = 15_000;
/** Mesos' and Marathon's --zk_session_timeout. */
export const ZK_SESSION_TIMEOUT_MS = 10_000;

export function buildCluster(scenario: Scenario, rng: Rng): ClusterState {
  const masterId = rng.uuid();
  const { cluster } = scenario;
  const frameworks = buildFrameworks(scenario, masterId);
  return {
    clusterName: cluster.name,
    seed: scenario.seed,
    startedAt: 0,
    masterId,
    masters: Array.from({ length: cluster.masters }, (_, i) => buildMaster(i)),
    electedAt: 0,
    ha: {
      leaderEpoch: 0,
      marathonEpoch: 0,
      marathonElectedAt: null,
      leaderLostAt: null,
      marathonLostAt: null,
      metronomeEpoch: 0,
      metronomeElectedAt: null,
      metronomeLostAt: null,
      allocatorPausedUntil: null,
      agentPingTimeoutMs: AGENT_PING_TIMEOUT_MS,
      maxAgentPingTimeouts: cluster.maxAgentPingTimeouts,
    },
    zk: emptyEnsemble(ZK_SESSION_TIMEOUT_MS),
    network: cluster.overlay === false ? { partitions: [], overlayDisabled: true } : { partitions: [] },
    allocationIntervalMs: cluster.allocationIntervalMs,
    agents: buildAgents(scenario, masterId),
    frameworks,
    roles: buildRoles(scenario),
    roleAllocationCounts: {},
    offers: new Map(),
    tasks: {},
    offerSeq: 0,
    taskStateCounts: {},
    liveTasks: { byState: {}, byRole: {} },
    notable: [],
    notableTotal: 0,
    mesosDns: emptyMesosDns(cluster.masters),
    marathon: emptyMarathon(frameworks[0]!.id, {
      role: scenario.marathon.role,
      defaultAcceptedResourceRoles: scenario.marathon.defaultAcceptedResourceRoles,
      flags: flagsWith(scenario.marathon.flags),
    }),
    metronome: emptyMetronome(frameworks.at(-1)!.id),
    cosmos: emptyCosmos(),
  };
}

function buildMaster(i: number): MasterState {
  return {
    id: `master-${i + 1}`,
    hostname: `master-${i + 1}`,
    ip: `10.0.0.${11 + i}`,
    up: true,
    boot: 1,
    mesosStarts: 0,
    units: Object.fromEntries(MASTER_UNITS.map((u) => [u, 'waiting'])) as Record<MasterUnit, UnitState>,
    mesos: 'down',
    marathon: 'down',
    metronome: 'down',
  };
}

function buildAgents(scenario: Scenario, masterId: string): AgentState[] {
  const agents: AgentState[] = [];
  for (const spec of scenario.cluster.agents) {
    for (const hostname of expandHostnames(spec))
      agents.push(buildAgent(spec, hostname, `${masterId}-S${agents.length}`, agentIp(agents.length)));
  }
  return agents;
}

function buildRoles(scenario: Scenario): Record<string, RoleConfig> {
  const roles: Record<string, RoleConfig> = {};
  for (const [name, role] of Object.entries(scenario.cluster.roles)) {
    setOwn(roles, name, { weight: role.weight, quota: role.quota ? scalarsOf(role.quota) : null });
  }
  return roles;
}

/** Marathon registers first, as in DC/OS' boot sequence; the load frameworks follow, then Metronome. Ids are positional. */
function buildFrameworks(scenario: Scenario, masterId: string): FrameworkState[] {
  const frameworkId = (i: number): string => `${masterId}-${String(i).padStart(4, '0')}`;
  const marathon: FrameworkState = {
    ...newFramework(),
    id: frameworkId(0),
    name: 'marathon',
    roles: [scenario.marathon.role],
    multiRole: true,
    kind: 'marathon',
    gpuCapable: true,
    partitionAware: true,
  };
  return [
    marathon,
    ...scenario.frameworks.map((spec, i): FrameworkState => ({
      ...newFramework(),
      id: frameworkId(i + 1),
      name: spec.name,
      roles: [spec.role],
      multiRole: false,
      kind: 'synthetic',
      spec,
      gpuCapable: spec.task.gpus > 0,
      partitionAware: false,
      queued: spec.instances === 'unlimited' ? 0 : spec.instances,
    })),
    metronomeFramework(frameworkId(scenario.frameworks.length + 1)),
  ];
}

/** DC/OS Jobs: no role set (`*`), GPU_RESOURCES for `restricted` GPU scheduling, PARTITION_AWARE (docs/metronome-sources.md §4.5). */
export function metronomeFramework(id: string): FrameworkState {
  return {
    ...newFramework(),
    id,
    name: 'metronome',
    roles: ['*'],
    multiRole: false,
    kind: 'metronome',
    gpuCapable: true,
    partitionAware: true,
  };
}

/** What every framework starts with: not registered, nothing allocated or launched. */
export function newFramework() {
  return {
    registered: false,
    registeredAt: null,
    subscribing: false,
    suppressedRoles: [],
    shares: {},
    launched: 0,
    taskSeq: 0,
    completedTasks: [],
    finished: 0,
    failed: 0,
  };
}

/** The next positional framework id (frameworks are never taken out of the list). */
export const nextFrameworkId = (state: ClusterState): string => `${state.masterId}-${String(state.frameworks.length).padStart(4, '0')}`;

/** The IP of the agent at index `i` of the cluster's list (10.1.0.10, 10.1.0.11, …). */
export function agentIp(i: number): string {
  return `10.${1 + Math.floor(i / 62500)}.${Math.floor(i / 250) % 250}.${10 + (i % 250)}`;
}

/** A new agent from its spec, not yet registered: public agents reserve everything to slave_public. */
export function buildAgent(spec: AgentSpec, hostname: string, id: string, ip: string): AgentState {
  const total = scalarsOf(spec.resources);
  const pools: Pool[] = [];
  if (spec.public) {
    pools.push(pool('*', zero(), []));
    pools.push(pool(PUBLIC_ROLE, total, spec.resources.ports));
  } else {
    const unreserved: Scalars = [...total];
    let unreservedPorts: PortRanges = spec.resources.ports;
    const reserved: Pool[] = [];
    for (const [role, r] of Object.entries(spec.reservations)) {
      const scalars = scalarsOf(r);
      for (let i = 0; i < 4; i++) unreserved[i] = round3(unreserved[i]! - scalars[i]!);
      const ports = r.ports ?? [];
      unreservedPorts = subtractPorts(unreservedPorts, ports);
      reserved.push(pool(role, scalars, ports));
    }
    pools.push(pool('*', unreserved.map((x) => Math.max(0, x)) as Scalars, unreservedPorts), ...reserved);
  }
  const disks = spec.disks ?? [];
  if (disks.length > 0) addDisks(pools[spec.public ? 1 : 0]!, disks);
  return {
    id,
    hostname,
    ip,
    public: spec.public,
    attributes: { ...spec.attributes },
    pools,
    registered: false,
    registeredAt: null,
    up: true,
    disconnected: true,
    disconnectedAt: 0,
    unreachableAt: null,
    heldUpdates: [],
    filters: [],
    taskIds: [],
    deactivated: false,
    drain: null,
    gone: false,
    ...(disks.length > 0 ? { diskSeq: disks.length } : {}),
  };
}

/** The agent's MOUNT and PATH disks join the pool its `--resources` default role gives them, numbered from 1. */
function addDisks(into: Pool, disks: readonly DiskSpec[]): void {
  into.disks = disks.map((d, i) => ({ id: i + 1, source: { type: d.type, root: d.root }, size: d.size, free: true }));
  const sum = disks.reduce((n, d) => n + d.size, 0);
  into.total[2] = round3(into.total[2] + sum);
  into.free[2] = round3(into.free[2] + sum);
}

function pool(role: string, total: Scalars, ports: PortRanges): Pool {
  const copy = mergePorts(ports, []);
  return { role, total: [...total], free: [...total], totalPorts: copy, freePorts: copy.map(([b, e]) => [b, e]) };
}
