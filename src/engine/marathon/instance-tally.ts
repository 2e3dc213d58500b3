/**
 * Each run spec's instances counted as a deployment step reads them (live, waiting, healthy, meant to run),
 * kept up to date as instances change instead of recounted on every deployment check: a 10,000-instance app
 * was walked whole ten times a simulated second. Every change to an instance's goal, condition or health goes
 * through `changeInstance`; the safety invariants (src/engine/invariants.ts) recount and compare.
 */
import { TERMINAL_CONDITIONS, type InstanceState, type InstanceTally, type MarathonState, type RunSpecRecord } from './model.ts';
import { isWaiting } from './launch-window.ts';

export function emptyTally(): InstanceTally {
  return { live: 0, waiting: 0, healthy: 0, notMeantToRun: 0 };
}

/** Counts toward the instance count: meant to run and not finished (scheduled ones included). */
export function isLive(i: InstanceState): boolean {
  return i.goal === 'Running' && !TERMINAL_CONDITIONS.has(i.condition) && i.condition !== 'UnreachableInactive';
}

export function isHealthy(record: RunSpecRecord, i: InstanceState): boolean {
  return i.condition === 'Running' && (record.spec.healthCheck === null || i.health?.alive === true);
}

/**
 * A resident instance scaled down or replaced: goal Stopped, no task left, kept with its reservation for a later scale
 * up or restart (`InstanceUpdater`: only instances without a reservation are expunged). Nothing is being stopped.
 */
export function isParked(i: InstanceState): boolean {
  return i.goal === 'Stopped' && i.reservation !== undefined && (TERMINAL_CONDITIONS.has(i.condition) || i.condition === 'Scheduled');
}

function count(tally: InstanceTally, record: RunSpecRecord, i: InstanceState, sign: 1 | -1): void {
  if (i.goal !== 'Running') {
    if (!isParked(i)) tally.notMeantToRun += sign;
    return;
  }
  if (isLive(i)) {
    tally.live += sign;
    if (isWaiting(i)) tally.waiting += sign;
  }
  if (isHealthy(record, i)) tally.healthy += sign;
}

/** The tally of a run spec's instances, counted whole. */
export function countedTally(m: MarathonState, record: RunSpecRecord): InstanceTally {
  const tally = emptyTally();
  for (const id of record.instanceIds) count(tally, record, m.instances[id]!, 1);
  return tally;
}

/** Count a run spec's instances whole again (its spec changed: what healthy means may have too). */
export function recount(m: MarathonState, record: RunSpecRecord): void {
  record.tally = countedTally(m, record);
}

/** An instance joins (+1) or leaves (-1) its run spec's tally. */
export function tallyInstance(m: MarathonState, instance: InstanceState, sign: 1 | -1): void {
  const record = m.runSpecs[instance.runSpecId];
  if (record && m.instances[instance.id] === instance) count(record.tally, record, instance, sign);
}

/** Change an instance (`change` sets its goal, condition or health); its run spec's tally follows. */
export function changeInstance(m: MarathonState, instance: InstanceState, change: () => void): void {
  tallyInstance(m, instance, -1);
  change();
  tallyInstance(m, instance, 1);
}
