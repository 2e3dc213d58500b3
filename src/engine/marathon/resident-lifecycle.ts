/**
 * What happens to resident instances as deployments and operators change them (docs/storage-sources-marathon.md
 * §3.4–3.8): scaled down or replaced, they stop and keep their reservation; scaled up or restarted, a stopped one is
 * taken again before any new one; `wipe=true` expunges them at once; a reservation no task was launched on times out.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { TERMINAL_STATES } from '../../common/task-states.ts';
import type { InstanceState, MarathonState, RunSpecRecord } from './model.ts';
import { changeInstance, isLive, isParked } from './instance-tally.ts';
import { decommission, killLiveTasks, killMarathonTask } from './kills.ts';
import { setCondition } from './conditions.ts';
import { expungeInstance, instancesOf, markWaiting, scheduleInstance } from './store.ts';
import { reviveForLaunches } from './revive.ts';
import { requestCheck } from './deployment-check.ts';

/** Scale down or replace: a resident instance stops (goal Stopped) and keeps its reservation; others are decommissioned. */
export function retire(ctx: SimContext, state: ClusterState, instance: InstanceState): void {
  if (!instance.reservation) {
    decommission(ctx, state, instance);
    return;
  }
  changeInstance(state.marathon, instance, () => (instance.goal = 'Stopped'));
  killLiveTasks(ctx, state, instance);
}

/** One more instance of the run spec: a stopped resident one is rescheduled in place (same id, agent and volumes), else a new one. */
export function scheduleNext(ctx: SimContext, m: MarathonState, record: RunSpecRecord): InstanceState {
  const parked = instancesOf(m, record).find(isParked);
  if (!parked) return scheduleInstance(m, record, ctx.randomUuid(), ctx.now);
  changeInstance(m, parked, () => {
    parked.goal = 'Running';
    parked.configVersion = record.lastConfigChangeAt;
  });
  if (parked.condition !== 'Scheduled') rescheduleOnReservation(m, parked, ctx.now);
  markWaiting(record, ctx.now);
  return parked;
}

/** A resident instance whose task ended waits for an offer of its own agent's reservation (now Suspended: no timeout). */
export function rescheduleOnReservation(m: MarathonState, instance: InstanceState, now: number): void {
  // Its last task stays listed (its volumes shown Detached) and can be wiped by its id until the relaunch replaces it.
  instance.startedAt = null;
  changeInstance(m, instance, () => (instance.health = null));
  instance.forcedUnhealthy = false;
  if (instance.reservation) Object.assign(instance.reservation, { state: 'Suspended', timeoutAt: null });
  setCondition(m, instance, 'Scheduled', now);
}

/**
 * `wipe=true` (`TaskKiller`): every instance goes at once, goal Decommissioned and expunged before its kill is
 * confirmed; its reservation belongs to no instance any more and is destroyed and unreserved when next offered.
 * A running instance the app still wants is replaced by a new one, which reserves afresh.
 */
export function wipeInstances(ctx: SimContext, state: ClusterState, instances: InstanceState[]): void {
  const m = state.marathon;
  const short = new Set<RunSpecRecord>();
  for (const instance of instances) {
    const record = m.runSpecs[instance.runSpecId];
    if (record && instance.goal === 'Running' && isLive(instance)) short.add(record);
    changeInstance(m, instance, () => (instance.goal = 'Decommissioned'));
    instance.taskIds.forEach((id, k) => {
      if (TERMINAL_STATES.has(instance.taskStates[k]!)) return;
      m.orphanTasks.push(id);
      killMarathonTask(ctx, state, id);
    });
    expungeInstance(m, instance);
  }
  for (const record of short) refill(ctx, m, record);
  reviveForLaunches(ctx, state);
  requestCheck(ctx, m);
}

/** A reservation no task was launched on by its deadline: the instance is expunged and, if still wanted, replaced. */
export function onReservationTimeout(ctx: SimContext, state: ClusterState, instanceId: string): void {
  const m = state.marathon;
  const instance = m.instances[instanceId];
  const r = instance?.reservation;
  if (!instance || !r || r.launched || r.timeoutAt === null || r.timeoutAt > ctx.now) return;
  const record = m.runSpecs[instance.runSpecId];
  setCondition(m, instance, 'Killed', ctx.now);
  expungeInstance(m, instance);
  if (record && !record.removing) refill(ctx, m, record);
  reviveForLaunches(ctx, state);
  requestCheck(ctx, m);
}

/** The scale check: instances the app is short of are scheduled (a running deployment would do it on its own). */
function refill(ctx: SimContext, m: MarathonState, record: RunSpecRecord): void {
  if (record.removing || m.deployments.some((d) => (d.steps[d.current] ?? []).some((a) => a.runSpecId === record.spec.id))) return;
  for (let n = record.tally.live; n < record.spec.instances; n++) scheduleNext(ctx, m, record);
}
