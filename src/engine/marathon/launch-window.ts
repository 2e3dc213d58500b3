/**
 * The launch window: how many instances of one run spec wait in the launch queue as records.
 *
 * Marathon takes any instance count (`instances >= 0`, nothing above) and queues every missing instance at
 * once; the sandbox would then create a billion records for `instances: 1e9` and never answer. So a
 * deployment schedules at most LAUNCH_WINDOW waiting instances of a run spec at a time and keeps the rest
 * as a number on its action (`heldBack`), topped up at each deployment check as the waiting ones launch: work
 * follows what the cluster can place, not what is wanted. The wanted count stays the definition's
 * (GET /v2/apps, the deployment plan) and the queue's count adds the held-back number (GET /v2/queue).
 */
import type { DeploymentAction, InstanceState, MarathonState } from './model.ts';

/** Waiting instance records of one run spec at most (an offer round places far fewer on any cluster here). */
export const LAUNCH_WINDOW = 1000;

/** Instances waiting for an offer (the launch queue's records). */
export const isWaiting = (i: InstanceState): boolean => i.condition === 'Scheduled' && i.goal === 'Running';

/** How many of `wanted` new instances to schedule now, given `waiting` records; the rest is held back on `action`. */
export function admit(action: DeploymentAction, wanted: number, waiting: number): number {
  const now = Math.max(0, Math.min(wanted, LAUNCH_WINDOW - waiting));
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
