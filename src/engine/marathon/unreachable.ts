/**
 * Instances on lost agents (`unreachableStrategy`, SEMANTICS 6.5): an unreachable instance is
 * replaced after `inactiveAfterSeconds` and expunged after `expungeAfterSeconds`; non-zero
 * timeouts are looked at by the periodic task reconciliation.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { TERMINAL_STATES } from '../../common/task-states.ts';
import { TERMINAL_CONDITIONS, type InstanceState, type MarathonState, type RunSpecRecord } from './model.ts';
import { setCondition } from './conditions.ts';
import { killLiveTasks } from './kills.ts';
import { expungeInstance, instancesOf, scheduleInstance } from './store.ts';
import { changeInstance } from './instance-tally.ts';

/** --reconciliation_interval: when non-zero unreachable timeouts are checked. */
export const RECONCILIATION_INTERVAL_MS = 600_000;

/** TASK_UNREACHABLE: the instance stays (Unreachable); a replacement follows `unreachableStrategy`. */
export function onUnreachable(ctx: SimContext, m: MarathonState, record: RunSpecRecord, instance: InstanceState): void {
  setCondition(m, instance, 'Unreachable', ctx.now);
  instance.unreachableSince = ctx.now;
  applyUnreachableStrategy(ctx, m, record, instance);
}

function applyUnreachableStrategy(ctx: SimContext, m: MarathonState, record: RunSpecRecord, instance: InstanceState): void {
  const strategy = record.spec.unreachableStrategy;
  if (strategy === 'disabled' || instance.unreachableSince === null) return;
  const elapsed = ctx.now - instance.unreachableSince;
  if (instance.condition === 'Unreachable' && elapsed >= strategy.inactiveAfterSeconds * 1000) {
    setCondition(m, instance, 'UnreachableInactive', ctx.now);
    if (instance.goal === 'Running' && !record.removing) {
      scheduleInstance(m, record, ctx.randomUuid(), ctx.now, instance.id);
      ctx.schedule(0, { type: 'marathon.revive' });
    }
  }
  if (instance.condition === 'UnreachableInactive' && elapsed >= strategy.expungeAfterSeconds * 1000) {
    // Expunged: if its agent comes back, the task is killed then.
    m.orphanTasks.push(...instance.taskIds.filter((_, k) => !TERMINAL_STATES.has(instance.taskStates[k]!)));
    expungeInstance(m, instance);
  }
}

/** Meant to run and not finished or replaced (scheduled ones included), as deployments count instances. */
function countsToTarget(i: InstanceState): boolean {
  return i.goal === 'Running' && !TERMINAL_CONDITIONS.has(i.condition) && i.condition !== 'UnreachableInactive';
}

/** Periodic task reconciliation: where non-zero unreachable timeouts are looked at. */
export function onReconcile(ctx: SimContext, state: ClusterState): void {
  const m = state.marathon;
  const live = new Map<RunSpecRecord, number>();
  for (const instance of Object.values(m.instances)) {
    if (instance.unreachableSince === null) continue;
    const record = m.runSpecs[instance.runSpecId];
    if (!record) continue;
    if (instance.condition === 'Running') settleReturned(ctx, state, record, instance, live);
    else applyUnreachableStrategy(ctx, m, record, instance);
  }
  ctx.schedule(RECONCILIATION_INTERVAL_MS, { type: 'marathon.reconcile' });
}

/**
 * Back after it was replaced: it goes only while the app is over its target (a deployment may
 * have scaled the replacement away). `live` caches each run spec's count within one reconciliation.
 */
function settleReturned(
  ctx: SimContext,
  state: ClusterState,
  record: RunSpecRecord,
  instance: InstanceState,
  live: Map<RunSpecRecord, number>,
): void {
  const count = live.get(record) ?? instancesOf(state.marathon, record).filter(countsToTarget).length;
  live.set(record, count);
  if (count <= record.spec.instances) {
    instance.unreachableSince = null;
    return;
  }
  const strategy = record.spec.unreachableStrategy;
  const since = instance.unreachableSince;
  if (strategy === 'disabled' || since === null || ctx.now - since < strategy.expungeAfterSeconds * 1000) return;
  changeInstance(state.marathon, instance, () => (instance.goal = 'Decommissioned'));
  killLiveTasks(ctx, state, instance);
  live.set(record, count - 1);
}
