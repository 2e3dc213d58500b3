/**
 * Marathon's roles and its REVIVE and SUPPRESS calls (`ReviveOffersActor`, `ReviveOffersStreamLogic`): it
 * subscribes with --mesos_role and every role its instances run in, adds a role (UPDATE_FRAMEWORK) when an
 * instance of a new one appears, revives the roles that have launch work, at most every
 * --min_revive_offers_interval, and suppresses the others.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState, FrameworkState, Subscription } from '../core/model.ts';
import { frameworkById } from '../mesos/frameworks.ts';
import { revive, suppress, updateFramework } from '../mesos/master.ts';
import { launchRoles } from './launch-queue.ts';

/** --mesos_role, then the roles of its instances' run specs and of their live tasks, in id order (asked at SUBSCRIBE). */
export function marathonRoles(state: ClusterState): string[] {
  const m = state.marathon;
  const roles = new Set<string>([m.config.role]);
  for (const id of Object.keys(m.instances).sort()) {
    const instance = m.instances[id]!;
    const record = m.runSpecs[instance.runSpecId];
    if (record) roles.add(record.spec.role);
    for (const taskId of instance.taskIds) {
      const task = state.tasks[taskId];
      if (task) roles.add(task.role);
    }
  }
  return [...roles];
}

/** What Marathon subscribes with: all its roles, those without launch work suppressed. */
export function marathonSubscription(state: ClusterState, now: number): Subscription {
  const roles = marathonRoles(state);
  const wanted = launchRoles(state.marathon, now);
  return { roles, suppressedRoles: roles.filter((r) => !wanted.has(r)) };
}

/** New launch demand: REVIVE its roles (clears their decline filters), at most every --min_revive_offers_interval. */
export function reviveForLaunches(ctx: SimContext, state: ClusterState): void {
  const m = state.marathon;
  const fw = frameworkById(state, m.frameworkId);
  if (!fw.registered) return;
  const wanted = launchRoles(m, ctx.now);
  if (wanted.size === 0) return;
  const interval = m.config.flags.min_revive_offers_interval;
  if (m.lastReviveAt !== null && ctx.now - m.lastReviveAt < interval) {
    if (!m.revivePending) {
      m.revivePending = true;
      ctx.schedule(m.lastReviveAt + interval - ctx.now, { type: 'marathon.revive' });
    }
    return;
  }
  m.lastReviveAt = ctx.now;
  // Roles are only ever added while Marathon leads (a new leader subscribes afresh): here those with launch work.
  const roles = [...new Set([...fw.roles, ...wanted])];
  if (roles.length !== fw.roles.length) updateFramework(ctx, state, fw, { roles, suppressedRoles: fw.suppressedRoles });
  revive(ctx, state, fw, [...wanted]);
}

/** The roles with no launch work left are suppressed. */
export function suppressIdleRoles(fw: FrameworkState, state: ClusterState, now: number): void {
  const wanted = launchRoles(state.marathon, now);
  const idle = fw.roles.filter((r) => !wanted.has(r) && !fw.suppressedRoles.includes(r));
  if (idle.length > 0) suppress(fw, idle);
}

/** The deferred REVIVE is due. */
export function onReviveTimer(ctx: SimContext, state: ClusterState): void {
  state.marathon.revivePending = false;
  reviveForLaunches(ctx, state);
}
