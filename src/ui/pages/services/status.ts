/**
 * The status word of an app, as the DC/OS UI derives it from the app's counts, its deployments
 * and its launch-queue entry; and the health summary of its instances.
 */
import type { MarathonApp, QueueEntry } from './marathon-types.ts';

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
  { id: 'deploying', label: 'Deploying', match: (s: ServiceStatus) => s === STATUS.deploying },
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
