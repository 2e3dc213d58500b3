/** The launch queue: instances waiting for an offer, by run spec. */
import type { MarathonState, RunSpecRecord } from './model.ts';
import type { WaitingRunSpec } from './placement.ts';
import { instancesOf } from './store.ts';
import { isWaiting } from './launch-window.ts';

/** Instances waiting for an offer, by run spec (in id order), skipping run specs still in their launch delay. */
export function launchQueue(m: MarathonState, now: number): WaitingRunSpec[] {
  const queue: WaitingRunSpec[] = [];
  for (const id of Object.keys(m.runSpecs).sort()) {
    const record = m.runSpecs[id]!;
    if (delayed(record, now)) continue;
    const instances = instancesOf(m, record).filter(isWaiting);
    if (instances.length > 0) queue.push({ record, instances });
  }
  return queue;
}

/** Whether launchQueue would list anything (asked on every offer and status update: read from the tallies). */
export function hasLaunchWork(m: MarathonState, now: number): boolean {
  return (m.cleanup?.length ?? 0) > 0 || Object.values(m.runSpecs).some((record) => !delayed(record, now) && record.tally.waiting > 0);
}

/** The roles whose offers Marathon wants: those of the run specs with launch work (`ReviveOffersState.roleReviveVersions`). */
export function launchRoles(m: MarathonState, now: number): Set<string> {
  const roles = new Set<string>();
  for (const record of Object.values(m.runSpecs)) if (!delayed(record, now) && record.tally.waiting > 0) roles.add(record.spec.role);
  // Reservations of expunged instances wait for an offer to be cleaned up (`ReviveOffersState`: CleaningUpReservations).
  for (const c of m.cleanup ?? []) roles.add(c.role);
  return roles;
}

/** Still in its launch delay (backoff). */
function delayed(record: RunSpecRecord, now: number): boolean {
  return record.backoff !== null && record.backoff.until > now;
}
