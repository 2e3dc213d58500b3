/**
 * The status word of an app, as the DC/OS UI derives it from the app's counts, its deployments
 * and its launch-queue entry; and the health summary of its instances.
 */
import type { SdkSummary } from './marathon-types.ts';
import { SIM_EPOCH_MS } from '../../../common/clock.ts';
import type { MarathonApp, MarathonPod, QueueEntry } from './marathon-types.ts';

/** How a status is drawn: colour and icon follow the kind. */
export type StatusKind = 'running' | 'deploying' | 'warning' | 'stopped' | 'na';

export interface ServiceStatus {
  word: string;
  kind: StatusKind;
  /** Higher is worse: a group shows the worst of its children. */
  priority: number;
}

export const STATUS = {
  running: { word: 'Running', kind: 'running', priority: 1 },
  suspended: { word: 'Suspended', kind: 'stopped', priority: 2 },
  deploying: { word: 'Deploying', kind: 'deploying', priority: 14 },
  delayed: { word: 'Delayed', kind: 'warning', priority: 21 },
  deployingAwaiting: { word: 'Deploying (Awaiting Resources)', kind: 'warning', priority: 22 },
  degradedRecovering: { word: 'Degraded (Recovering)', kind: 'warning', priority: 23 },
  degradedAwaiting: { word: 'Degraded (Awaiting Resources)', kind: 'warning', priority: 24 },
  na: { word: 'N/A', kind: 'na', priority: 0 },
} as const satisfies Record<string, ServiceStatus>;

/**
 * True when the queue entry has had offers and the latest ones were all declined: the instances
 * wait for resources (or for a placement) rather than for the next offer.
 */
export function awaitingResources(entry: QueueEntry | undefined): boolean {
  const s = entry?.processedOffersSummary;
  if (!entry || entry.count <= 0 || !s || s.unusedOffersCount <= 0) return false;
  if (!s.lastUsedOfferAt) return true;
  return s.lastUnusedOfferAt !== undefined && Date.parse(s.lastUnusedOfferAt) > Date.parse(s.lastUsedOfferAt);
}

/**
 * Order of the checks: suspended (nothing wanted, nothing running), delayed (the launch queue holds
 * the app back after failures), a deployment in progress (awaiting resources if its instances wait
 * on declined offers), no deployment but instances missing (degraded), otherwise running.
 */
export function appStatus(app: MarathonApp, entry: QueueEntry | undefined): ServiceStatus {
  // An SDK service: its deploy plan first, as DC/OS takes its scheduler's health code first.
  const sdk = app.sdk && sdkStatus(app.sdk);
  if (sdk) return sdk;
  const deploying = app.deployments.length > 0;
  const waiting = entry !== undefined && entry.count > 0;
  if (app.instances === 0 && app.tasksRunning === 0 && !waiting) return STATUS.suspended;
  if (entry?.delay && entry.delay.overdue === false && entry.delay.timeLeftSeconds > 0) return STATUS.delayed;
  if (deploying) return awaitingResources(entry) ? STATUS.deployingAwaiting : STATUS.deploying;
  if (waiting) return awaitingResources(entry) ? STATUS.degradedAwaiting : STATUS.degradedRecovering;
  if (app.tasksRunning < app.instances) return STATUS.degradedRecovering;
  if (app.tasksRunning > 0) return STATUS.running;
  return STATUS.na;
}

/** The worst status of a list (a group's); N/A for an empty one. */
export function worstStatus(statuses: Iterable<ServiceStatus>): ServiceStatus {
  let worst: ServiceStatus = STATUS.na;
  for (const s of statuses) if (s.priority > worst.priority) worst = s;
  return worst;
}

export type Health = 'healthy' | 'unhealthy' | 'idle' | 'na';

/** Instance health of an app with health checks (DC/OS: any unhealthy wins). */
export function appHealth(app: MarathonApp): Health {
  if (app.tasksUnhealthy > 0) return 'unhealthy';
  if (app.healthChecks.length === 0) return 'na';
  if (app.tasksRunning > 0 && app.tasksHealthy >= app.tasksRunning) return 'healthy';
  return app.tasksRunning === 0 ? 'idle' : 'na';
}

/** The health of one task from its health-check results. */
export function taskHealth(results: ReadonlyArray<{ alive: boolean }>): Health {
  if (results.length === 0) return 'na';
  return results.every((r) => r.alive) ? 'healthy' : 'unhealthy';
}

/** Words for the status filter, in the order shown. */
export const STATUS_FILTERS = [
  { id: 'running', label: 'Running', match: (s: ServiceStatus) => s === STATUS.running },
  // An SDK service's "Deploying (1 of 3)" too.
  { id: 'deploying', label: 'Deploying', match: (s: ServiceStatus) => s.priority === STATUS.deploying.priority },
  {
    id: 'waiting',
    label: 'Awaiting resources',
    match: (s: ServiceStatus) => s === STATUS.deployingAwaiting || s === STATUS.degradedAwaiting,
  },
  { id: 'delayed', label: 'Delayed', match: (s: ServiceStatus) => s === STATUS.delayed },
  { id: 'degraded', label: 'Degraded', match: (s: ServiceStatus) => s === STATUS.degradedRecovering || s === STATUS.degradedAwaiting },
  { id: 'suspended', label: 'Suspended', match: (s: ServiceStatus) => s === STATUS.suspended },
] as const;

export type StatusFilterId = (typeof STATUS_FILTERS)[number]['id'];

/**
 * A pod's status word from Marathon's pod status (`/v2/pods/::status`): N/A until it answered, Delayed while its
 * launch-queue entry holds it back (when known), Deploying while a deployment affects it, Suspended at no
 * instances, Running when STABLE, else Degraded.
 */
export function podStatus(pod: MarathonPod, entry?: QueueEntry): ServiceStatus {
  if (!pod.state) return STATUS.na;
  if (entry?.delay && entry.delay.overdue === false && entry.delay.timeLeftSeconds > 0) return STATUS.delayed;
  if (pod.deploying) return awaitingResources(entry) ? STATUS.deployingAwaiting : STATUS.deploying;
  if (pod.instances === 0 && pod.state.running === 0) return STATUS.suspended;
  return pod.state.status === 'STABLE' ? STATUS.running : STATUS.degradedRecovering;
}

/** DC/OS warns of an app waiting for resources once it has waited this long (`DEPLOYMENT_WARNING_DELAY_MS`). */
export const DEPLOYMENT_WARNING_DELAY_MS = 5 * 60_000;

/**
 * `DeclinedOffersUtil.shouldDisplayDeclinedOffersWarning` without its clock: since when (simulated ms) the app has
 * waited for resources (its last used offer, else its time in the queue), or null when it does not: not in the
 * queue, delayed after failures, or an offer was used more recently than one was declined.
 */
export function waitingForResourcesSince(entry: QueueEntry | undefined, status: ServiceStatus): number | null {
  if (!entry || entry.count <= 0 || status === STATUS.delayed) return null;
  const s = entry.processedOffersSummary;
  const lastUsed = s?.lastUsedOfferAt ? Date.parse(s.lastUsedOfferAt) : 0;
  const lastUnused = s?.lastUnusedOfferAt ? Date.parse(s.lastUnusedOfferAt) : 0;
  if (lastUsed >= lastUnused) return null;
  const since = s?.lastUsedOfferAt ?? entry.since;
  return since === undefined ? null : Date.parse(since) - SIM_EPOCH_MS;
}

/** DC/OS's words for an app that has waited long enough, or null (`ServiceStatusIcon`). */
export function waitingWarning(since: number, now: number): string | null {
  const waited = now - since;
  if (waited < DEPLOYMENT_WARNING_DELAY_MS) return null;
  return `DC/OS has been waiting for resources and is unable to complete this deployment for ${humanDuration(waited)}.`;
}

/** The warning for one app and its queue entry now, or null. */
export function waitingText(entry: QueueEntry | undefined, status: ServiceStatus, now: number): string | null {
  const since = waitingForResourcesSince(entry, status);
  return since === null ? null : waitingWarning(since, now);
}

/** DC/OS's words for a group with such apps below it, or null. */
export function groupWaitingWarning(sinces: readonly number[], now: number): string | null {
  const n = sinces.filter((since) => waitingWarning(since, now) !== null).length;
  if (n === 0) return null;
  return `DC/OS is waiting for resources and is unable to complete the deployment of ${n} service${n === 1 ? '' : 's'} in this group.`;
}

/** A duration as moment's `humanize()` words it (DC/OS's `DateUtil.getDuration`): "6 minutes", "an hour", "2 days". */
export function humanDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.round(ms / 60_000);
  const hours = Math.round(ms / 3_600_000);
  const days = Math.round(ms / 86_400_000);
  if (seconds < 45) return 'a few seconds';
  if (seconds < 90) return 'a minute';
  if (minutes < 45) return `${minutes} minutes`;
  if (minutes < 90) return 'an hour';
  if (hours < 22) return `${hours} hours`;
  if (hours < 36) return 'a day';
  return `${days} days`;
}

/** Running when the deploy plan is complete, "Deploying (done of all)" while it runs, null (Marathon's word) on errors. */
export function sdkStatus(s: SdkSummary): ServiceStatus | null {
  if (s.status === 'COMPLETE') return STATUS.running;
  if (s.status === 'ERROR') return null;
  return { ...STATUS.deploying, word: `Deploying (${s.done} of ${s.total})` };
}
