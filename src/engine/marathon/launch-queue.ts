/** The launch queue: instances waiting for an offer, by run spec. */
import type { MarathonState } from './model.ts';
import type { WaitingRunSpec } from './placement.ts';
import { instancesOf } from './store.ts';
import { isWaiting } from './launch-window.ts';

/** Instances waiting for an offer, by run spec (in id order), skipping run specs still in their launch delay. */
export function launchQueue(m: MarathonState, now: number): WaitingRunSpec[] {
  const queue: WaitingRunSpec[] = [];
  for (const id of Object.keys(m.runSpecs).sort()) {
    const record = m.runSpecs[id]!;
    if (record.backoff && record.backoff.until > now) continue;
    const instances = instancesOf(m, record).filter(isWaiting);
    if (instances.length > 0) queue.push({ record, instances });
  }
  return queue;
}

/** Whether launchQueue would list anything (asked on every offer and status update: no list is built). */
export function hasLaunchWork(m: MarathonState, now: number): boolean {
  for (const record of Object.values(m.runSpecs)) {
    if (record.backoff && record.backoff.until > now) continue;
    if (record.instanceIds.some((id) => isWaiting(m.instances[id]!))) return true;
  }
  return false;
}
