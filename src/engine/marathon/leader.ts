/**
 * Marathon in HA: an instance runs on every master and one leads, elected through ZooKeeper.
 * Its apps live in ZooKeeper, so a new leader takes over the same state: it subscribes to the
 * Mesos leader again (framework failover), reconciles its tasks, restarts health checks and
 * carries on with the deployments. Without a leader nothing is launched, killed or checked.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState, TaskState } from '../core/model.ts';
import { frameworkById } from '../mesos/frameworks.ts';
import { deactivate, RESTART_DELAY_MS } from '../mesos/leader.ts';
import { noteEvent } from '../core/notable.ts';
import { dropClient } from '../zookeeper/ensemble.ts';
import { requestCheck } from './deployment-check.ts';
import { restartHealthChecks } from './health.ts';
import { restartReadinessChecks } from './readiness.ts';
import { reviveForLaunches } from './revive.ts';
import { handleMarathonStatus } from './status.ts';

/** The index of the master whose Marathon leads, or null. */
export function marathonLeaderIndex(state: ClusterState): number | null {
  const i = state.masters.findIndex((m) => m.marathon === 'leader');
  return i >= 0 ? i : null;
}

export function becomeMarathonLeader(ctx: SimContext, state: ClusterState, master: number): void {
  const m = state.masters[master]!;
  m.marathon = 'leader';
  state.ha.marathonEpoch++;
  state.ha.marathonElectedAt = ctx.now;
  state.ha.marathonLostAt = null;
  noteEvent(state, ctx.now, 'leader', `Marathon on ${m.hostname} leads`);
  state.marathon.checkPending = false;
  state.marathon.revivePending = false;
  restartHealthChecks(ctx, state);
  restartReadinessChecks(ctx, state);
  requestCheck(ctx, state.marathon);
}

/** The leading instance is gone (crash, lost session): the framework is disconnected from Mesos. */
export function loseMarathonLeadership(ctx: SimContext, state: ClusterState, master: number, why: string): void {
  const m = state.masters[master]!;
  if (m.marathon !== 'leader') return;
  m.marathon = 'down';
  state.ha.marathonLostAt = ctx.now;
  noteEvent(state, ctx.now, 'leader', `Marathon on ${m.hostname} stopped leading: ${why}`);
  deactivate(state, frameworkById(state, state.marathon.frameworkId));
}

/** The Marathon process of `master` exits (it lost its session) and systemd restarts it. */
export function abdicateMarathon(ctx: SimContext, state: ClusterState, master: number, why: string): void {
  const m = state.masters[master]!;
  loseMarathonLeadership(ctx, state, master, why);
  m.marathon = 'down';
  dropClient(ctx, state, master, 'marathon');
  if (!m.up) return;
  m.units.marathon = 'starting';
  ctx.schedule(ctx.randomInt(RESTART_DELAY_MS[0], RESTART_DELAY_MS[1]), { type: 'unit.up', master, unit: 'marathon', boot: m.boot });
}

/**
 * Explicit reconciliation after subscribing: every task Marathon tracks is compared with what the
 * master knows, and each difference is handled as the status update Marathon missed.
 */
export function reconcileMarathonTasks(ctx: SimContext, state: ClusterState): void {
  const m = state.marathon;
  const fw = frameworkById(state, m.frameworkId);
  const completed = new Map(fw.completedTasks.map((t) => [t.id, t]));
  for (const instance of Object.values(m.instances)) {
    instance.taskIds.forEach((id, k) => {
      const known = instance.taskStates[k];
      const actual: TaskState = state.tasks[id] ?? completed.get(id) ?? gone(fw.id, id, instance.agentIdx ?? 0);
      if (actual.state !== known) handleMarathonStatus(ctx, state, actual);
    });
  }
  reviveForLaunches(ctx, state);
}

/** What reconciliation answers for a task the master has no record of. */
function gone(frameworkId: string, id: string, agentIdx: number): TaskState {
  return { id, name: id, frameworkId, agentIdx, role: '', state: 'TASK_GONE', portions: [], statuses: [] };
}
