/** REVIVE when there is launch work, rate-limited by --min_revive_offers_interval. */
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { frameworkById } from '../mesos/frameworks.ts';
import { revive } from '../mesos/master.ts';
import { hasLaunchWork } from './launch-queue.ts';

/** --min_revive_offers_interval. */
const MIN_REVIVE_INTERVAL_MS = 5000;

/** New launch demand: REVIVE (clears the 120 s decline filters), at most every --min_revive_offers_interval. */
export function reviveForLaunches(ctx: SimContext, state: ClusterState): void {
  const m = state.marathon;
  const fw = frameworkById(state, m.frameworkId);
  if (!fw.registered || !hasLaunchWork(m, ctx.now)) return;
  if (m.lastReviveAt !== null && ctx.now - m.lastReviveAt < MIN_REVIVE_INTERVAL_MS) {
    if (!m.revivePending) {
      m.revivePending = true;
      ctx.schedule(m.lastReviveAt + MIN_REVIVE_INTERVAL_MS - ctx.now, { type: 'marathon.revive' });
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
