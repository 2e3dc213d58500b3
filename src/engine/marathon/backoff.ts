/** The launch backoff (`RateLimiter`): a run spec whose tasks fail waits longer before each relaunch. */
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import type { RunSpecRecord } from './model.ts';
import { reviveForLaunches } from './revive.ts';

/** RateLimiter: first failure → backoffSeconds, then × backoffFactor, capped; reset once a delay is long past. */
export function addBackoff(ctx: SimContext, record: RunSpecRecord): void {
  const { backoffSeconds, backoffFactor, maxLaunchDelaySeconds } = record.spec;
  const b = record.backoff;
  const started = b ? b.until - b.delaySeconds * 1000 : 0;
  const fresh = !b || ctx.now > started + maxLaunchDelaySeconds * 1000;
  const delaySeconds = fresh
    ? Math.min(backoffSeconds, maxLaunchDelaySeconds)
    : Math.min(maxLaunchDelaySeconds, b.delaySeconds * backoffFactor);
  record.backoff = { delaySeconds, until: ctx.now + Math.round(delaySeconds * 1000) };
  ctx.schedule(Math.round(delaySeconds * 1000), { type: 'marathon.delay-over', runSpecId: record.spec.id });
}

export function resetBackoff(record: RunSpecRecord): void {
  record.backoff = null;
}

/** A delay ran out: launches for the run spec may go again. */
export function onDelayOver(ctx: SimContext, state: ClusterState, runSpecId: string): void {
  const record = state.marathon.runSpecs[runSpecId];
  if (!record || !record.backoff || record.backoff.until > ctx.now) return;
  reviveForLaunches(ctx, state);
}
