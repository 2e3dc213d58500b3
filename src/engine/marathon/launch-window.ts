/**
 * The launch window: how many instances of one run spec wait in the launch queue as records.
 *
 * Marathon takes any instance count (`instances >= 0`, nothing above) and queues every missing instance at
 * once; the sandbox would then create a billion records for `instances: 1e9` and never answer. So a
 * deployment schedules at most a window of waiting instances of a run spec at a time (what one offer round
 * can place on the cluster, so the window never slows a deployment down) and keeps the rest
 * as a number on its action (`heldBack`), topped up at each deployment check as the waiting ones launch: work
 * follows what the cluster can place, not what is wanted. The wanted count stays the definition's
 * (GET /v2/apps, the deployment plan) and the queue's count adds the held-back number (GET /v2/queue).
 */
import type { DeploymentAction, InstanceState, MarathonState } from './model.ts';

/** The smallest launch window, and the one placement trials keep to (they place at most this many). */
export const LAUNCH_WINDOW = 1000;

/** The largest: records are memory (DC/OS's 100 instances per offer on 50,000 agents would be 5 million). */
export const MAX_LAUNCH_WINDOW = 200_000;

/**
 * The launch window on a cluster of `agents` where Marathon starts at most `perOffer` instances on one offer
 * (--max_instances_per_offer): what one offer round can place (an offer per agent), within the bounds above.
 */
export function launchWindow(agents: number, perOffer: number): number {
  return Math.max(LAUNCH_WINDOW, Math.min(MAX_LAUNCH_WINDOW, agents * perOffer));
}

/** Instances waiting for an offer (the launch queue's records). */
export const isWaiting = (i: InstanceState): boolean => i.condition === 'Scheduled' && i.goal === 'Running';

/** How many of `wanted` new instances to schedule now, given `waiting` records and the `window`; the rest is held back on `action`. */
export function admit(action: DeploymentAction, wanted: number, waiting: number, window: number): number {
  const now = Math.max(0, Math.min(wanted, window - waiting));
  const held = Math.max(0, wanted - now);
  if (held > 0) action.heldBack = held;
  else delete action.heldBack;
  return now;
}

/** Wanted instances of a run spec not yet scheduled: what its running deployments hold back. */
export function heldBack(m: MarathonState, runSpecId: string): number {
  let n = 0;
  for (const dep of m.deployments) for (const a of dep.steps[dep.current] ?? []) if (a.runSpecId === runSpecId) n += a.heldBack ?? 0;
  return n;
}
