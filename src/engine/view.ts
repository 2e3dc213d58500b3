/** Compact projections of the cluster state for the UI (see view-types.ts). */
import { SCALAR_NAMES } from '../common/resources.ts';
import type { AgentState, ClusterState } from './core/model.ts';
import {
  AGENT_STATUS,
  type AgentStatus,
  type ClusterFrame,
  type ClusterLayout,
  type HaView,
  type RoleShare,
  type TaskCounts,
} from '../common/view-types.ts';

export function layoutOf(state: ClusterState): ClusterLayout {
  return {
    clusterName: state.clusterName,
    seed: state.seed,
    masters: state.masters.map((m) => ({ id: m.id, hostname: m.hostname, ip: m.ip })),
    agents: state.agents.map((a) => ({
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

export function frameOf(state: ClusterState, now: number): ClusterFrame {
  const n = state.agents.length;
  const total: [number, number, number, number] = [0, 0, 0, 0];
  const allocated: [number, number, number, number] = [0, 0, 0, 0];
  const agentAllocated = new Float64Array(n * 4);
  state.agents.forEach((agent, a) => {
    if (!agent.registered) return;
    for (const pool of agent.pools) {
      for (let s = 0; s < 4; s++) {
        const used = pool.total[s]! - pool.free[s]!;
        total[s]! += pool.total[s]!;
        allocated[s]! += used;
        agentAllocated[a * 4 + s]! += used;
      }
    }
  });
  const agentTasks = new Int32Array(n);
  const tasks: TaskCounts = { staging: 0, starting: 0, running: 0, finished: 0, failed: 0, killed: 0, lost: 0 };
  const tasksByRole = new Map<string, number>();
  for (const id in state.tasks) {
    const task = state.tasks[id]!;
    agentTasks[task.agentIdx]!++;
    tasksByRole.set(task.role, (tasksByRole.get(task.role) ?? 0) + 1);
    if (task.state === 'TASK_STAGING') tasks.staging++;
    else if (task.state === 'TASK_STARTING') tasks.starting++;
    else if (task.state === 'TASK_RUNNING') tasks.running++;
  }
  const counts = state.taskStateCounts;
  tasks.finished = counts.TASK_FINISHED ?? 0;
  tasks.failed = (counts.TASK_FAILED ?? 0) + (counts.TASK_ERROR ?? 0);
  tasks.killed = counts.TASK_KILLED ?? 0;
  tasks.lost = (counts.TASK_LOST ?? 0) + (counts.TASK_GONE ?? 0) + (counts.TASK_DROPPED ?? 0);
  return {
    now,
    total,
    allocated,
    agentAllocated,
    agentTasks,
    roles: roleShares(state, total, tasksByRole),
    tasks,
    offersOutstanding: Object.keys(state.offers).length,
    frameworks: state.frameworks.filter((f) => f.registered).length,
    notableEvents: state.notableTotal,
    agentStatus: Uint8Array.from(state.agents, (a) => AGENT_STATUS.indexOf(agentStatusOf(a, state.ha.leaderEpoch > 0))),
    ha: haView(state),
  };
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
  const zk = state.zk;
  return {
    leader: leader >= 0 ? leader : null,
    electedAt: state.electedAt,
    marathonLeader: marathonLeader >= 0 ? marathonLeader : null,
    marathonElectedAt: state.ha.marathonElectedAt,
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
    masters: state.masters.map((m) => ({ up: m.up, mesos: m.mesos, marathon: m.marathon, units: { ...m.units } })),
    partitions: state.network.partitions.map((p) => [[...p.sides[0]], [...p.sides[1]]]),
  };
}

/** Each role's weighted dominant share (its frameworks' offered + used over the cluster total). */
export function roleShares(state: ClusterState, total: readonly number[], tasksByRole = new Map<string, number>()): RoleShare[] {
  const byRole = new Map<string, number[]>();
  for (const fw of state.frameworks) {
    if (!fw.registered) continue;
    const sum = byRole.get(fw.role) ?? [0, 0, 0, 0];
    for (let s = 0; s < 4; s++) sum[s]! += fw.allocated[s]!;
    byRole.set(fw.role, sum);
  }
  return [...byRole.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([role, alloc]) => {
      let share = 0;
      let dominant: string = SCALAR_NAMES[0];
      for (let s = 0; s < 4; s++) {
        if (total[s]! <= 0) continue;
        const x = alloc[s]! / total[s]!;
        if (x > share) {
          share = x;
          dominant = SCALAR_NAMES[s]!;
        }
      }
      const weight = state.roles[role]?.weight ?? 1;
      return { role, weight, share: share / weight, dominant, tasks: tasksByRole.get(role) ?? 0 };
    });
}
