/** REVIVE when there is launch work, rate-limited by --min_revive_offers_interval. */
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { frameworkById } from '../mesos/frameworks.ts';
import { revive } from '../mesos/master.ts';
import { hasLaunchWork } from './launch-queue.ts';

/** New launch demand: REVIVE (clears the decline filters), at most every --min_revive_offers_interval. */
export function reviveForLaunches(ctx: SimContext, state: ClusterState): void {
  const m = state.marathon;
  const fw = frameworkById(state, m.frameworkId);
  if (!fw.registered || !hasLaunchWork(m, ctx.now)) return;
  const interval = m.config.flags.min_revive_offers_interval;
  if (m.lastReviveAt !== null && ctx.now - m.lastReviveAt < interval) {
    if (!m.revivePending) {
      m.revivePending = true;
      ctx.schedule(m.lastReviveAt + interval - ctx.now, { type: 'marathon.revive' });
    }
    return;
  }
  m.lastReviveAt = ctx.now;
  revive(ctx, state, fw);
}

/** The deferred REVIVE is due. */
export function onReviveTimer(ctx: SimContext, state: ClusterState): void {
  state.marathon.revivePending = false;
  reviveForLaunches(ctx, state);
}
