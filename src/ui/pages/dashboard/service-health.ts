/**
 * The Dashboard's "Services Health": Marathon's apps counted by health, worst first, as DC/OS's
 * Dashboard shows them, from the status and health the Services page gives each app (status.ts,
 * tree.ts `appRow`).
 */
import type { MarathonApp, QueueEntry } from '../services/marathon-types.ts';
import { compareText } from '../services/compare.ts';
import { STATUS, type Health, type ServiceStatus } from '../services/status.ts';
import { appRow, queueIndex } from '../services/tree.ts';

export const HEALTH_GROUPS = [
  { id: 'unhealthy', label: 'Unhealthy', tone: 'bad' },
  { id: 'delayed', label: 'Delayed', tone: 'pending' },
  { id: 'waiting', label: 'Awaiting resources', tone: 'pending' },
  { id: 'degraded', label: 'Degraded', tone: 'pending' },
  { id: 'deploying', label: 'Deploying', tone: 'pending' },
  { id: 'healthy', label: 'Healthy', tone: 'ok' },
  { id: 'running', label: 'Running, no health checks', tone: '' },
  { id: 'suspended', label: 'Suspended', tone: '' },
  { id: 'na', label: 'N/A', tone: '' },
] as const;

export type HealthGroup = (typeof HEALTH_GROUPS)[number]['id'];

const RANK = new Map<HealthGroup, number>(HEALTH_GROUPS.map((g, i) => [g.id, i]));

export interface ServiceHealthRow {
  id: string;
  name: string;
  group: HealthGroup;
  status: ServiceStatus;
}

export interface ServicesHealth {
  total: number;
  counts: Record<HealthGroup, number>;
  /** The first few apps, worst first, then by id. */
  top: ServiceHealthRow[];
}

/**
 * Failing health checks come first, whatever the status; then the status (a launch delay, instances
 * waiting for resources, missing or deploying); a running app is healthy when every instance
 * passes its checks, and otherwise has no checks or no results yet.
 */
export function healthGroup(status: ServiceStatus, health: Health): HealthGroup {
  if (health === 'unhealthy') return 'unhealthy';
  switch (status) {
    case STATUS.delayed:
      return 'delayed';
    case STATUS.deployingAwaiting:
    case STATUS.degradedAwaiting:
      return 'waiting';
    case STATUS.degradedRecovering:
      return 'degraded';
    case STATUS.deploying:
      return 'deploying';
    case STATUS.suspended:
      return 'suspended';
    case STATUS.running:
      return health === 'healthy' ? 'healthy' : 'running';
    default:
      return 'na';
  }
}

export function servicesHealth(apps: readonly MarathonApp[], queue: readonly QueueEntry[], topCount = 5): ServicesHealth {
  const index = queueIndex(queue);
  const counts = Object.fromEntries(HEALTH_GROUPS.map((g) => [g.id, 0])) as Record<HealthGroup, number>;
  const rows: ServiceHealthRow[] = apps.map((app) => {
    const row = appRow(app, index);
    const group = row.kind === 'app' ? healthGroup(row.status, row.health) : 'na';
    counts[group]++;
    return { id: app.id, name: row.name, group, status: row.status };
  });
  rows.sort((a, b) => RANK.get(a.group)! - RANK.get(b.group)! || compareText(a.id, b.id));
  return { total: apps.length, counts, top: rows.slice(0, topCount) };
}
