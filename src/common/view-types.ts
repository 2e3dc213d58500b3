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
  /** The live agents (decommissioned ones left out), in the cluster's order: the order of the frames' per-agent arrays. */
  agents: AgentInfo[];
  /** Changes whenever an agent is added or decommissioned (see `ClusterFrame.agentsVersion`). */
  agentsVersion: number;
}

export interface RoleShare {
  role: string;
  weight: number;
  /**
   * Weighted dominant share as the DRF allocator sees it, in [0, ∞): allocated (offered + used)
   * / cluster total, max over scalars, / weight. Jumps while an offer is outstanding.
   */
  share: number;
  /** The resource that dominates `share` ('cpus', 'mem', 'disk' or 'gpus'). */
  dominant: string;
  /** Weighted dominant share of the resources the role's tasks use (offers left out): what the role holds. */
  usedShare: number;
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
  /**
   * Who answers for the figures (totals, allocation, agents' allocation and tasks, roles, task
   * counts, offers, frameworks): 'leader', a leading Mesos master with its agents; 'none', no
   * master leads, so nobody knows them and they read zero; 'reregistering', a leader was just
   * elected and agents or frameworks that reach it have not (re-)registered yet, so they are
   * partial. The UI shows the last figures a leader answered while it is not 'leader'.
   */
  answers: FrameSource;
  /** Cluster totals of the registered agents, [cpus, mem, disk, gpus]. */
  total: [number, number, number, number];
  /** Allocated: used + offered, as the allocator counts it. */
  allocated: [number, number, number, number];
  /** Used by tasks (and their executors). */
  used: [number, number, number, number];
  /** Offered to frameworks and not yet accepted or declined. */
  offered: [number, number, number, number];
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
  /** The `agentsVersion` of the layout the per-agent arrays follow: when it differs from the page's, the agents changed. */
  agentsVersion: number;
  ha: HaView;
}

/** A frame's cluster-wide figures alone: one moment of the charts' past (a reopened cluster's, say). */
export type FigureSample = Pick<ClusterFrame, 'now' | 'answers' | 'total' | 'allocated' | 'used' | 'offered' | 'roles' | 'tasks'>;

/** See `ClusterFrame.answers`. */
export type FrameSource = 'leader' | 'none' | 'reregistering';

/** Agent standings in `ClusterFrame.agentStatus`. */
export const AGENT_STATUS = ['registering', 'active', 'disconnected', 'unreachable', 'down', 'deactivated', 'draining'] as const;
export type AgentStatus = (typeof AGENT_STATUS)[number];

/** Who leads, whether ZooKeeper has a quorum, and each master's components. */
export interface HaView {
  /** Index of the leading Mesos master, or null when there is none. */
  leader: number | null;
  /** When the current (or, while none leads, the last) Mesos leader was elected; 0 before the first. */
  electedAt: number;
  /** When the last Mesos leader stopped leading: set while none leads after one did, else null. */
  leaderLostAt: number | null;
  marathonLeader: number | null;
  /** When the current (or last) Marathon leader was elected; null before the first. */
  marathonElectedAt: number | null;
  /** When the last Marathon leader stopped leading: set while none leads after one did, else null. */
  marathonLostAt: number | null;
  /** The same for Metronome (DC/OS Jobs). */
  metronomeLeader: number | null;
  metronomeElectedAt: number | null;
  metronomeLostAt: number | null;
  zk: {
    serving: boolean;
    electing: boolean;
    leader: number | null;
    members: number[];
    quorum: number;
    sessionTimeoutMs: number;
    /** The election znodes, lowest sequence first, with their session: lost since `lostAt` (null: connected); `clientAlive` false once its process gave up or died. */
    znodes: Array<{
      group: 'mesos-master' | 'marathon' | 'metronome';
      seq: number;
      master: number;
      lostAt: number | null;
      clientAlive: boolean;
    }>;
  };
  masters: Array<{ up: boolean; mesos: MesosRole; marathon: MarathonRole; metronome: MarathonRole; units: Record<MasterUnit, UnitState> }>;
  partitions: Array<[string[], string[]]>;
}
