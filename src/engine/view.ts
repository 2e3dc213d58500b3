/** Compact projections of the cluster state for the UI (see view-types.ts). */
import { heldScalars } from './mesos/disks.ts';
import { SCALAR_NAMES } from '../common/resources.ts';
import type { AgentState, ClusterState } from './core/model.ts';
import {
  AGENT_STATUS,
  type AgentStatus,
  type ClusterFrame,
  type ClusterLayout,
  type FigureSample,
  type FrameSource,
  type HaView,
  type RoleShare,
  type TaskCounts,
} from '../common/view-types.ts';
import { agentsVersion, liveAgentArrays } from './view-agents.ts';
import { own } from '../common/own.ts';

export function layoutOf(state: ClusterState): ClusterLayout {
  return {
    clusterName: state.clusterName,
    seed: state.seed,
    masters: state.masters.map((m) => ({ id: m.id, hostname: m.hostname, ip: m.ip })),
    agentsVersion: agentsVersion(state),
    agents: state.agents
      .filter((a) => !a.gone)
      .map((a) => ({
        id: a.id,
        hostname: a.hostname,
        ip: a.ip,
        public: a.public,
        total: [0, 1, 2, 3].map((s) => a.pools.reduce((sum, p) => sum + p.total[s]!, 0)) as [number, number, number, number],
        attributes: { ...a.attributes },
        reservedRoles: a.pools.slice(1).map((p) => p.role),
      })),
  };
}

/** A new leader's agents and frameworks are back within ~1.5 s of its election; after this, stragglers are news, not a failover. */
export const REREGISTER_WINDOW_MS = 5_000;

/** The cluster-wide figures of a frame (no per-agent arrays): what a chart plots for one moment. */
export function figuresOf(state: ClusterState, now: number): FigureSample {
  const total: [number, number, number, number] = [0, 0, 0, 0];
  const allocated: [number, number, number, number] = [0, 0, 0, 0];
  const offered: [number, number, number, number] = [0, 0, 0, 0];
  for (const agent of state.agents) {
    if (!agent.registered) continue;
    for (const pool of agent.pools) {
      for (let s = 0; s < 4; s++) {
        total[s]! += pool.total[s]!;
        allocated[s]! += pool.total[s]! - pool.free[s]!;
      }
    }
  }
  const offeredByRole = new Map<string, number[]>();
  for (const offer of state.offers.values()) {
    const byFw = offeredByRole.get(offer.role) ?? [0, 0, 0, 0];
    offeredByRole.set(offer.role, byFw);
    for (const portion of offer.portions) {
      const held = heldScalars(portion);
      for (let s = 0; s < 4; s++) {
        byFw[s]! += held[s]!;
        if (state.agents[offer.agentIdx]?.registered) offered[s]! += held[s]!;
      }
    }
  }
  const used = allocated.map((x, s) => Math.max(0, x - offered[s]!)) as [number, number, number, number];
  // Counted as tasks change (master.ts, countLive), not by walking 100,000 tasks for every frame.
  const live = state.liveTasks;
  const tasksByRole = new Map(Object.entries(live.byRole).filter(([, n]) => n > 0));
  const tasks: TaskCounts = {
    staging: live.byState.TASK_STAGING ?? 0,
    starting: live.byState.TASK_STARTING ?? 0,
    running: live.byState.TASK_RUNNING ?? 0,
    finished: 0,
    failed: 0,
    killed: 0,
    lost: 0,
  };
  const counts = state.taskStateCounts;
  tasks.finished = counts.TASK_FINISHED ?? 0;
  tasks.failed = (counts.TASK_FAILED ?? 0) + (counts.TASK_ERROR ?? 0);
  tasks.killed = counts.TASK_KILLED ?? 0;
  tasks.lost = (counts.TASK_LOST ?? 0) + (counts.TASK_GONE ?? 0) + (counts.TASK_GONE_BY_OPERATOR ?? 0) + (counts.TASK_DROPPED ?? 0);
  return {
    now,
    answers: answersOf(state, now),
    total,
    allocated,
    used,
    offered,
    roles: roleShares(state, total, tasksByRole, offeredByRole),
    tasks,
  };
}

export function frameOf(state: ClusterState, now: number): ClusterFrame {
  const n = state.agents.length;
  const agentAllocated = new Float64Array(n * 4);
  state.agents.forEach((agent, a) => {
    if (!agent.registered) return;
    for (const pool of agent.pools) {
      for (let s = 0; s < 4; s++) agentAllocated[a * 4 + s]! += pool.total[s]! - pool.free[s]!;
    }
  });
  const agentTasks = new Int32Array(n);
  for (const id in state.tasks) agentTasks[state.tasks[id]!.agentIdx]!++;
  const agentStatus = Uint8Array.from(state.agents, (a) => AGENT_STATUS.indexOf(agentStatusOf(a, state.ha.leaderEpoch > 0)));
  return {
    ...figuresOf(state, now),
    ...liveAgentArrays(state, { agentAllocated, agentTasks, agentStatus }),
    agentsVersion: agentsVersion(state),
    offersOutstanding: state.offers.size,
    frameworks: state.frameworks.filter((f) => f.registered).length,
    notableEvents: state.notableTotal,
    ha: haView(state),
  };
}

/** Who answers for the frame's figures (see `ClusterFrame.answers`). */
export function answersOf(state: ClusterState, now: number): FrameSource {
  if (!state.masters.some((m) => m.mesos === 'leader')) return 'none';
  if (now - state.electedAt >= REREGISTER_WINDOW_MS) return 'leader';
  // An agent that reaches the new leader (no longer disconnected) but has not registered yet, or a framework subscribing.
  const waiting =
    state.agents.some((a) => a.up && !a.registered && !a.disconnected && a.unreachableAt === null) ||
    state.frameworks.some((f) => f.subscribing && !f.registered);
  return waiting ? 'reregistering' : 'leader';
}

/** `everLed`: a leader was elected once; before that, agents are still registering for the first time. */
function agentStatusOf(agent: AgentState, everLed: boolean): AgentStatus {
  if (!agent.up) return 'down';
  if (agent.unreachableAt !== null) return 'unreachable';
  if (agent.drain) return 'draining';
  if (agent.deactivated) return 'deactivated';
  if (agent.disconnected && (agent.registered || everLed)) return 'disconnected';
  return agent.registered ? 'active' : 'registering';
}

export function haView(state: ClusterState): HaView {
  const leader = state.masters.findIndex((m) => m.mesos === 'leader');
  const marathonLeader = state.masters.findIndex((m) => m.marathon === 'leader');
  const metronomeLeader = state.masters.findIndex((m) => m.metronome === 'leader');
  const zk = state.zk;
  return {
    leader: leader >= 0 ? leader : null,
    electedAt: state.electedAt,
    leaderLostAt: leader >= 0 ? null : (state.ha.leaderLostAt ?? null),
    marathonLeader: marathonLeader >= 0 ? marathonLeader : null,
    marathonElectedAt: state.ha.marathonElectedAt,
    marathonLostAt: marathonLeader >= 0 ? null : (state.ha.marathonLostAt ?? null),
    metronomeLeader: metronomeLeader >= 0 ? metronomeLeader : null,
    metronomeElectedAt: state.ha.metronomeElectedAt ?? null,
    metronomeLostAt: metronomeLeader >= 0 ? null : (state.ha.metronomeLostAt ?? null),
    zk: {
      serving: zk.serving,
      electing: zk.electing,
      leader: zk.leader,
      members: [...zk.members],
      quorum: Math.floor(state.masters.length / 2) + 1,
      sessionTimeoutMs: zk.sessionTimeoutMs,
      znodes: [...zk.znodes]
        .sort((a, b) => a.seq - b.seq)
        .map((z) => {
          const session = zk.sessions.find((s) => s.id === z.session);
          return {
            group: z.group,
            seq: z.seq,
            master: z.master,
            lostAt: session?.lostAt ?? null,
            clientAlive: session?.clientAlive ?? false,
          };
        }),
    },
    masters: state.masters.map((m) => ({ up: m.up, mesos: m.mesos, marathon: m.marathon, metronome: m.metronome, units: { ...m.units } })),
    partitions: state.network.partitions.map((p) => [[...p.sides[0]], [...p.sides[1]]]),
  };
}

/**
 * Each role's weighted dominant share: `share` of its frameworks' allocation (offered + used, as
 * DRF counts it), `usedShare` of what their tasks use (`offeredByRole`: the outstanding offers
 * made in each role, [cpus, mem, disk, gpus]).
 */
export function roleShares(
  state: ClusterState,
  total: readonly number[],
  tasksByRole = new Map<string, number>(),
  offeredByRole = new Map<string, readonly number[]>(),
): RoleShare[] {
  const byRole = new Map<string, { alloc: number[]; used: number[] }>();
  for (const fw of state.frameworks) {
    if (!fw.registered) continue;
    for (const role of fw.roles) if (!byRole.has(role)) byRole.set(role, { alloc: [0, 0, 0, 0], used: [0, 0, 0, 0] });
    for (const [role, share] of Object.entries(fw.shares)) {
      const sum = byRole.get(role) ?? { alloc: [0, 0, 0, 0], used: [0, 0, 0, 0] };
      for (let s = 0; s < 4; s++) sum.alloc[s]! += share.allocated[s]!;
      byRole.set(role, sum);
    }
  }
  for (const [role, sum] of byRole) {
    const offered = offeredByRole.get(role);
    for (let s = 0; s < 4; s++) sum.used[s] = Math.max(0, sum.alloc[s]! - (offered?.[s] ?? 0));
  }
  return [...byRole.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([role, { alloc, used }]) => {
      const weight = own(state.roles, role)?.weight ?? 1;
      const drf = dominantShare(alloc, total);
      return {
        role,
        weight,
        share: drf.share / weight,
        dominant: drf.dominant,
        usedShare: dominantShare(used, total).share / weight,
        tasks: tasksByRole.get(role) ?? 0,
      };
    });
}

/** The largest of `amounts` / `total` over the scalars, and which scalar it is. */
function dominantShare(amounts: readonly number[], total: readonly number[]): { share: number; dominant: string } {
  let share = 0;
  let dominant: string = SCALAR_NAMES[0];
  for (let s = 0; s < 4; s++) {
    if (total[s]! <= 0) continue;
    const x = amounts[s]! / total[s]!;
    if (x > share) {
      share = x;
      dominant = SCALAR_NAMES[s]!;
    }
  }
  return { share, dominant };
}
