/** The request for a look at deployment progress, coalesced so bursts of updates share one look. */
import type { SimContext } from '../core/events.ts';
import type { MarathonState } from './model.ts';

/** Deployment progress is looked at this long after a change. */
const CHECK_DELAY_MS = 100;

/** Ask for a look at deployment progress soon (bursts of updates share one look). */
export function requestCheck(ctx: SimContext, m: MarathonState): void {
  if (m.checkPending) return;
  m.checkPending = true;
  ctx.schedule(CHECK_DELAY_MS, { type: 'marathon.check' });
}
