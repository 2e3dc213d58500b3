/** Marathon's store: run spec records, their versions, instances and version stamps. */
import { SIM_EPOCH_MS } from '../../common/clock.ts';
import type { AppBehavior } from '../../common/scenario/types.ts';
import { emptyOfferStats, newInstance, type Definition, type InstanceState, type MarathonState, type RunSpecRecord } from './model.ts';
import { runSpecOf } from './run-spec.ts';
import { own } from '../../common/own.ts';
import { emptyTally, recount, tallyInstance } from './instance-tally.ts';

export const NO_BEHAVIOR: AppBehavior = { healthCheckFailureRate: 0, startFailureRate: 0, meanSecondsToCrash: null };

/** A fresh version stamp (ISO 8601 from the simulated clock), strictly later than the last one. */
export function nextVersion(m: MarathonState, now: number): string {
  m.lastVersionMs = Math.max(now, m.lastVersionMs + 1);
  return isoOf(m.lastVersionMs);
}

export function isoOf(simMs: number): string {
  return new Date(SIM_EPOCH_MS + simMs).toISOString();
}

export function recordOf(m: MarathonState, id: string): RunSpecRecord | undefined {
  const r = own(m.runSpecs, id);
  return r && !r.removing ? r : undefined;
}

/** Store an app or pod definition as a new version. `configChanged` false = a scaling change only. */
export function storeDefinition(
  m: MarathonState,
  definition: Definition,
  version: string,
  configChanged: boolean,
  behavior: AppBehavior,
): RunSpecRecord {
  const spec = runSpecOf(definition, m.config);
  const existing = m.runSpecs[spec.id];
  const app = definition.kind === 'app' ? definition.app : null;
  const pod = definition.kind === 'pod' ? definition.pod : null;
  if (existing && !existing.removing && existing.kind === definition.kind) {
    existing.app = app;
    existing.pod = pod;
    existing.spec = spec;
    existing.version = version;
    existing.lastScalingAt = version;
    if (configChanged) existing.lastConfigChangeAt = version;
    existing.versions.push({ version, definition });
    recount(m, existing);
    return existing;
  }
  const record: RunSpecRecord = {
    kind: definition.kind,
    app,
    pod,
    spec,
    version,
    lastScalingAt: version,
    lastConfigChangeAt: version,
    versions: [...(existing?.versions ?? []), { version, definition }],
    instanceIds: existing?.instanceIds ?? [],
    tally: emptyTally(),
    backoff: null,
    waitingSince: null,
    offers: emptyOfferStats(),
    lastTaskFailure: null,
    behavior,
    removing: false,
  };
  m.runSpecs[spec.id] = record;
  recount(m, record);
  return record;
}

/** The stored definition of a record. */
export function definitionOf(record: RunSpecRecord): Definition {
  return record.kind === 'app' ? { kind: 'app', app: record.app! } : { kind: 'pod', pod: record.pod! };
}

/** A new instance waiting in the launch queue. The id is Marathon's `<app>.instance-<uuid>`. */
export function scheduleInstance(
  m: MarathonState,
  record: RunSpecRecord,
  uuid: string,
  now: number,
  replaces: string | null = null,
): InstanceState {
  const instance = newInstance({
    id: `${record.spec.id.slice(1).replaceAll('/', '_')}.instance-${uuid}`,
    runSpecId: record.spec.id,
    configVersion: record.lastConfigChangeAt,
    condition: 'Scheduled',
    since: now,
    incarnation: 0,
    agentIdx: null,
    replaces,
  });
  m.instances[instance.id] = instance;
  record.instanceIds.push(instance.id);
  tallyInstance(m, instance, 1);
  m.instanceSeq++;
  markWaiting(record, now);
  return instance;
}

/** The launch queue has work for this run spec: a new launch attempt begins if none was under way. */
export function markWaiting(record: RunSpecRecord, now: number): void {
  if (record.waitingSince !== null) return;
  record.waitingSince = now;
  record.offers.declinedSinceAttempt = record.offers.declinedSinceAttempt.map(() => 0);
  record.offers.processedSinceAttempt = 0;
}

/** Forget an instance (expunged): its tasks are no longer Marathon's. */
export function expungeInstance(m: MarathonState, instance: InstanceState): void {
  // Its reservation outlives it until an offer brings it back to be destroyed and unreserved.
  if (instance.reservation) {
    const role = instance.role ?? m.runSpecs[instance.runSpecId]?.spec.role ?? m.config.role;
    (m.cleanup ??= []).push({ instanceId: instance.id, role });
  }
  tallyInstance(m, instance, -1);
  delete m.instances[instance.id];
  for (const taskId of instance.taskIds) delete m.taskInstance[taskId];
  const record = m.runSpecs[instance.runSpecId];
  if (!record) return;
  // In place (indexOf + splice, not filter): stopping N instances no longer copies the list N times.
  const ids = record.instanceIds;
  for (let k = ids.indexOf(instance.id); k >= 0; k = ids.indexOf(instance.id, k)) ids.splice(k, 1);
  if (record.removing && record.instanceIds.length === 0) delete m.runSpecs[record.spec.id];
}

export function instancesOf(m: MarathonState, record: RunSpecRecord): InstanceState[] {
  return record.instanceIds.map((id) => m.instances[id]!);
}

/** Whether the app has a task running: a scheduler that runs as a Marathon app (SDK, Spark, Jenkins) is up then. */
/**
 * The environment (string values) of the app version its newest running instance was launched with: what a
 * scheduler running as this app reads at start. undefined while nothing runs.
 */
export function runningAppEnv(m: MarathonState, appId: string): Record<string, string> | undefined {
  const record = m.runSpecs[appId];
  if (!record) return undefined;
  const running = record.instanceIds.map((id) => m.instances[id]).filter((i) => i?.condition === 'Running');
  const newest = running.reduce<string | undefined>((v, i) => (v === undefined || i!.configVersion > v ? i!.configVersion : v), undefined);
  if (newest === undefined) return undefined;
  const version = record.versions.find((v) => v.version === newest)?.definition;
  const env = version?.kind === 'app' ? version.app.env : record.app?.env;
  return Object.fromEntries(Object.entries(env ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function appRunning(m: MarathonState, appId: string): boolean {
  const record = m.runSpecs[appId];
  return record !== undefined && record.instanceIds.some((id) => m.instances[id]?.condition === 'Running');
}
