import type { MarathonRole, MasterUnit, MesosRole, UnitState } from './units.ts';

/**
 * Compact views of the cluster for the UI: the layout is sent once per load, frames at a
 * bounded rate. Bulk numbers are typed arrays so the worker can transfer them.
 */

export interface AgentInfo {
  id: string;
  hostname: string;
  ip: string;
  public: boolean;
  /** Totals, [cpus, mem, disk, gpus]. */
  total: [number, number, number, number];
  attributes: Record<string, string | number>;
  /** Roles this agent holds reservations for (slave_public on public agents). */
  reservedRoles: string[];
}

export interface ClusterLayout {
  clusterName: string;
  seed: number;
  masters: Array<{ id: string; hostname: string; ip: string }>;
  agents: AgentInfo[];
}

export interface RoleShare {
  role: string;
  weight: number;
  /** Weighted dominant share, in [0, ∞): allocated / cluster total, max over scalars, / weight. */
  share: number;
  /** The resource that dominates ('cpus', 'mem', 'disk' or 'gpus'). */
  dominant: string;
  tasks: number;
}

export interface TaskCounts {
  staging: number;
  starting: number;
  running: number;
  finished: number;
  failed: number;
  killed: number;
  lost: number;
}

export interface ClusterFrame {
  /** Simulated time, ms since the cluster started. */
  now: number;
  /** Cluster totals and allocation (offered + used), [cpus, mem, disk, gpus]. */
  total: [number, number, number, number];
  allocated: [number, number, number, number];
  /** [nAgents * 4] allocated (offered + used) per agent, in layout order: cpus, mem, disk, gpus. */
  agentAllocated: Float64Array;
  /** [nAgents] live (non-terminal) tasks per agent. */
  agentTasks: Int32Array;
  roles: RoleShare[];
  tasks: TaskCounts;
  offersOutstanding: number;
  frameworks: number;
  /** How many notable events the cluster has had (GET /sandbox/v1/events): a change means the time bar has news. */
  notableEvents: number;
  /** [nAgents] each agent's standing, one of AGENT_STATUS. */
  agentStatus: Uint8Array;
  ha: HaView;
}

/** Agent standings in `ClusterFrame.agentStatus`. */
export const AGENT_STATUS = ['registering', 'active', 'disconnected', 'unreachable', 'down', 'deactivated', 'draining'] as const;
export type AgentStatus = (typeof AGENT_STATUS)[number];

/** Who leads, whether ZooKeeper has a quorum, and each master's components. */
export interface HaView {
  /** Index of the leading Mesos master, or null when there is none. */
  leader: number | null;
  electedAt: number;
  marathonLeader: number | null;
  marathonElectedAt: number | null;
  zk: {
    serving: boolean;
    electing: boolean;
    leader: number | null;
    members: number[];
    quorum: number;
    sessionTimeoutMs: number;
    /** The election znodes, lowest sequence first, with their session: lost since `lostAt` (null: connected); `clientAlive` false once its process gave up or died. */
    znodes: Array<{ group: 'mesos-master' | 'marathon'; seq: number; master: number; lostAt: number | null; clientAlive: boolean }>;
  };
  masters: Array<{ up: boolean; mesos: MesosRole; marathon: MarathonRole; units: Record<MasterUnit, UnitState> }>;
  partitions: Array<[string[], string[]]>;
}
