import { describe, expect, it } from 'vitest';
import apps from './fixtures/marathon-apps.fixture.json';
import groups from './fixtures/marathon-groups.fixture.json';
import queue from './fixtures/marathon-queue.fixture.json';
import { filterRows, NO_FILTER } from '../../src/ui/pages/services/filters.ts';
import { readApp, readApps, readGroup, readPodStates, readQueue } from '../../src/ui/pages/services/marathon-read.ts';
import type { MarathonApp, QueueEntry } from '../../src/ui/pages/services/marathon-types.ts';
import {
  appHealth,
  appStatus,
  awaitingResources,
  groupWaitingWarning,
  humanDuration,
  podStatus,
  STATUS,
  taskHealth,
  waitingForResourcesSince,
  waitingWarning,
  worstStatus,
} from '../../src/ui/pages/services/status.ts';
import { SIM_EPOCH_MS } from '../../src/common/clock.ts';
import {
  breadcrumbs,
  buildTree,
  childRows,
  findApp,
  findNode,
  landingAfterDelete,
  nameOf,
  parentOf,
  queueIndex,
} from '../../src/ui/pages/services/tree.ts';

const list = readApps(apps);
const entries = readQueue(queue);
const index = queueIndex(entries);
const byId = (id: string): MarathonApp => list.find((a) => a.id === id)!;

function app(over: Partial<MarathonApp>): MarathonApp {
  return { ...readApp({ id: '/a', instances: 2, tasksRunning: 2, tasksHealthy: 0 })!, ...over };
}
const entry = (over: Partial<QueueEntry>): QueueEntry => ({ appId: '/a', count: 1, delay: { timeLeftSeconds: 0, overdue: true }, ...over });

describe('reading Marathon JSON', () => {
  it('reads apps with tasks, health results, deployments and the last failure', () => {
    expect(list.map((a) => a.id)).toEqual(['/prod/api', '/prod/web/nginx', '/sleeper', '/analytics/spark-history']);
    const nginx = byId('/prod/web/nginx');
    expect(nginx).toMatchObject({
      instances: 3,
      cpus: 0.5,
      mem: 256,
      tasksRunning: 1,
      deployments: [{ id: '5ed4c0c5-9ff8-4a6f-a0cd-f57f59a34b43' }],
    });
    expect(nginx.tasks[0]!.healthCheckResults[0]).toMatchObject({
      alive: true,
      consecutiveFailures: 0,
      instanceId: { idString: 'prod_web_nginx.marathon-1' },
    });
    expect(nginx.lastTaskFailure).toMatchObject({ state: 'TASK_FAILED', host: 'agent-4', message: 'Container exited with status 137' });
    expect(nginx.raw.upgradeStrategy).toEqual({ minimumHealthCapacity: 1, maximumOverCapacity: 1 });
  });

  it('gives neutral values for missing or mistyped fields and skips entries without an id', () => {
    const a = readApp({ id: '/x', instances: 'three', tasks: [{ id: 't' }, { nope: 1 }], deployments: [{}, { id: 'd' }] })!;
    expect(a).toMatchObject({ instances: 0, cpus: 0, tasksRunning: 0, deployments: [{ id: 'd' }] });
    expect(a.tasks).toHaveLength(1);
    expect(a.tasks[0]).toMatchObject({ id: 't', state: 'TASK_UNKNOWN', ports: [], healthCheckResults: [] });
    expect(readApps({ apps: [{ id: 1 }, null] })).toEqual([]);
    expect(readApps('Not Found')).toEqual([]);
    expect(readQueue({ queue: [{ count: 1 }] })).toEqual([]);
  });

  it('reads the queue with delay and the offers summary', () => {
    expect(entries.map((e) => e.appId)).toEqual(['/prod/web/nginx', '/analytics/spark-history']);
    expect(entries[0]!.processedOffersSummary?.rejectSummaryLastOffers).toHaveLength(10);
    expect(entries[1]!.delay).toEqual({ timeLeftSeconds: 42, overdue: false });
  });
});

describe('status words', () => {
  it('derives each app of the fixture', () => {
    const word = (id: string) => appStatus(byId(id), index.get(id)).word;
    expect(word('/prod/api')).toBe('Running');
    expect(word('/prod/web/nginx')).toBe('Deploying (Awaiting Resources)');
    expect(word('/sleeper')).toBe('Suspended');
    expect(word('/analytics/spark-history')).toBe('Delayed');
  });

  it('tells deploying from waiting, degraded and delayed', () => {
    const deploying = app({ deployments: [{ id: 'd' }], tasksRunning: 1 });
    expect(appStatus(deploying, undefined)).toBe(STATUS.deploying);
    expect(appStatus(deploying, entry({}))).toBe(STATUS.deploying); // queued, no offers seen yet
    const declined = entry({
      processedOffersSummary: {
        processedOffersCount: 5,
        unusedOffersCount: 5,
        rejectSummaryLastOffers: [],
        rejectSummaryLaunchAttempt: [],
      },
    });
    expect(appStatus(deploying, declined)).toBe(STATUS.deployingAwaiting);
    expect(appStatus(app({ tasksRunning: 1 }), declined)).toBe(STATUS.degradedAwaiting);
    expect(appStatus(app({ tasksRunning: 1 }), entry({}))).toBe(STATUS.degradedRecovering);
    expect(appStatus(app({ tasksRunning: 1 }), undefined)).toBe(STATUS.degradedRecovering);
    expect(appStatus(app({}), entry({ delay: { timeLeftSeconds: 3, overdue: false } }))).toBe(STATUS.delayed);
    expect(appStatus(app({ instances: 0, tasksRunning: 0 }), undefined)).toBe(STATUS.suspended);
    expect(appStatus(app({ instances: 0, tasksRunning: 2, deployments: [{ id: 'd' }] }), undefined)).toBe(STATUS.deploying);
    expect(appStatus(app({}), undefined)).toBe(STATUS.running);
  });

  it('counts offers as awaiting resources only when the latest ones were declined', () => {
    const summary = { processedOffersCount: 3, unusedOffersCount: 1, rejectSummaryLastOffers: [], rejectSummaryLaunchAttempt: [] };
    expect(
      awaitingResources(
        entry({
          processedOffersSummary: { ...summary, lastUsedOfferAt: '2026-01-01T00:00:02Z', lastUnusedOfferAt: '2026-01-01T00:00:01Z' },
        }),
      ),
    ).toBe(false);
    expect(
      awaitingResources(
        entry({
          processedOffersSummary: { ...summary, lastUsedOfferAt: '2026-01-01T00:00:01Z', lastUnusedOfferAt: '2026-01-01T00:00:02Z' },
        }),
      ),
    ).toBe(true);
    expect(awaitingResources(entry({ count: 0, processedOffersSummary: summary }))).toBe(false);
  });

  it('a group shows its worst child; health follows the checks', () => {
    expect(worstStatus([STATUS.running, STATUS.delayed, STATUS.deploying])).toBe(STATUS.delayed);
    expect(worstStatus([])).toBe(STATUS.na);
    expect(appHealth(byId('/prod/api'))).toBe('na');
    expect(appHealth(app({ healthChecks: [{}], tasksHealthy: 2 }))).toBe('healthy');
    expect(appHealth(app({ tasksUnhealthy: 1 }))).toBe('unhealthy');
    expect(taskHealth([{ alive: true }, { alive: false }])).toBe('unhealthy');
    expect(taskHealth([])).toBe('na');
  });
});

describe('the service tree', () => {
  const tree = buildTree(readGroup(groups), list);

  it('merges the group tree with the app list and makes groups for app paths', () => {
    expect(tree.groups.map((g) => g.id)).toEqual(['/analytics', '/batch', '/prod']);
    expect(findNode(tree, '/prod/web')!.apps.map((a) => a.id)).toEqual(['/prod/web/nginx']);
    expect(findApp(tree, '/prod/web/nginx')!.tasksRunning).toBe(1); // the list's copy, with counts
    const etl = { id: '/batch/etl', scaling: { kind: 'fixed', instances: 2 } };
    expect(findNode(tree, '/batch')!.pods).toEqual([{ id: '/batch/etl', instances: 2, raw: etl }]);
    expect(findNode(tree, '/nope')).toBeUndefined();
  });

  it('works from the app list alone', () => {
    const t = buildTree(null, list);
    expect(t.groups.map((g) => g.id)).toEqual(['/analytics', '/prod']);
    expect(findNode(t, '/prod')!.groups.map((g) => g.id)).toEqual(['/prod/web']);
  });

  it('rows: groups with totals and worst status, then apps', () => {
    const rows = childRows(tree, index);
    expect(rows.map((r) => `${r.kind}:${r.name}`)).toEqual(['group:analytics', 'group:batch', 'group:prod', 'app:sleeper']);
    const prod = rows[2]!;
    expect(prod.counts).toEqual({ target: 5, running: 3, healthy: 1, unhealthy: 0, staged: 0 });
    expect(prod.cpus).toBe(2 + 1.5);
    expect(prod.mem).toBe(2048 + 768);
    expect(prod.status.word).toBe('Deploying (Awaiting Resources)');
    expect(childRows(findNode(tree, '/batch')!, index).map((r) => r.kind)).toEqual(['pod']);
  });

  it('filters by name below the group and by status', () => {
    const prod = findNode(tree, '/prod')!;
    expect(filterRows(prod, index, NO_FILTER).map((r) => r.name)).toEqual(['web', 'api']);
    expect(filterRows(prod, index, { text: 'ngi', status: '' }).map((r) => r.name)).toEqual(['web/nginx']);
    expect(filterRows(tree, index, { text: 'WEB', status: '' }).map((r) => r.name)).toEqual(['prod/web', 'prod/web/nginx']);
    expect(filterRows(tree, index, { text: '', status: 'delayed' }).map((r) => r.id)).toEqual(['/analytics/spark-history']);
    expect(filterRows(tree, index, { text: '', status: 'waiting' }).map((r) => r.id)).toEqual(['/prod/web/nginx']);
    expect(filterRows(tree, index, { text: 'api', status: 'running' }).map((r) => r.id)).toEqual(['/prod/api']);
  });

  it('lands on the nearest group that keeps something after a delete', () => {
    expect(landingAfterDelete(tree, '/prod/web/nginx')).toBe('/prod'); // /prod/web empties, /prod keeps /prod/api
    expect(landingAfterDelete(tree, '/prod/api')).toBe('/prod'); // /prod keeps the group /prod/web
    expect(landingAfterDelete(tree, '/analytics/spark-history')).toBe('/');
    expect(landingAfterDelete(null, '/a/b')).toBe('/');
  });

  it('names, parents and breadcrumbs of path ids', () => {
    expect(nameOf('/prod/web')).toBe('web');
    expect(parentOf('/prod/web')).toBe('/prod');
    expect(parentOf('/prod')).toBe('/');
    expect(breadcrumbs('/prod/web')).toEqual([
      { id: '/', label: 'Services' },
      { id: '/prod', label: 'prod' },
      { id: '/prod/web', label: 'web' },
    ]);
  });
});

describe("DC/OS's waiting-for-resources warning (DeclinedOffersUtil, ServiceStatusIcon)", () => {
  const iso = (simMs: number) => new Date(SIM_EPOCH_MS + simMs).toISOString();
  const summary = (used: number | null, unused: number | null) => ({
    processedOffersCount: 10,
    unusedOffersCount: 10,
    ...(used === null ? {} : { lastUsedOfferAt: iso(used) }),
    ...(unused === null ? {} : { lastUnusedOfferAt: iso(unused) }),
    rejectSummaryLastOffers: [],
    rejectSummaryLaunchAttempt: [],
  });

  it('counts from the last used offer, else from the time in the queue, while offers are declined', () => {
    const waiting = entry({ since: iso(1_000), processedOffersSummary: summary(null, 50_000) });
    expect(waitingForResourcesSince(waiting, STATUS.deploying)).toBe(1_000);
    expect(waitingForResourcesSince(entry({ since: iso(1_000), processedOffersSummary: summary(20_000, 50_000) }), STATUS.deploying)).toBe(
      20_000,
    );
    // An offer used since the last declined one, a delayed app, or nothing queued: no warning.
    expect(
      waitingForResourcesSince(entry({ since: iso(1_000), processedOffersSummary: summary(60_000, 50_000) }), STATUS.deploying),
    ).toBeNull();
    expect(waitingForResourcesSince(waiting, STATUS.delayed)).toBeNull();
    expect(waitingForResourcesSince({ ...waiting, count: 0 }, STATUS.deploying)).toBeNull();
    expect(waitingForResourcesSince(undefined, STATUS.deploying)).toBeNull();
  });

  it('speaks after five minutes, in DC/OS words, with moment-like durations; a group counts its apps', () => {
    expect(waitingWarning(0, 4 * 60_000 + 59_000)).toBeNull();
    expect(waitingWarning(0, 6 * 60_000)).toBe(
      'DC/OS has been waiting for resources and is unable to complete this deployment for 6 minutes.',
    );
    expect(waitingWarning(0, 80 * 60_000)).toMatch(/for an hour\.$/);
    expect(groupWaitingWarning([0, 0, 9 * 60_000], 10 * 60_000)).toBe(
      'DC/OS is waiting for resources and is unable to complete the deployment of 2 services in this group.',
    );
    expect(groupWaitingWarning([9 * 60_000], 10 * 60_000)).toBeNull();
    expect(['a few seconds', 'a minute', '44 minutes', 'an hour', '3 hours', 'a day', '5 days']).toEqual(
      [30_000, 60_000, 44 * 60_000, 60 * 60_000, 3 * 3_600_000, 30 * 3_600_000, 5 * 86_400_000].map(humanDuration),
    );
  });
});

describe("a pod's row from /v2/pods/::status", () => {
  const statusBody = [
    { id: '/web', status: 'STABLE', instances: [{ status: 'STABLE' }, { status: 'STABLE' }] },
    { id: '/db', status: 'DEGRADED', instances: [{ status: 'STABLE' }, { status: 'STAGING' }, { status: 'TERMINAL' }] },
    'not a pod',
  ];

  it('counts running and starting instances, and words the status as DC/OS does', () => {
    const states = readPodStates(statusBody);
    expect([...states]).toEqual([
      ['/web', { status: 'STABLE', running: 2, staged: 0 }],
      ['/db', { status: 'DEGRADED', running: 1, staged: 1 }],
    ]);
    const pod = (id: string, instances: number) => ({ id, instances, raw: { id } });
    const tree = buildTree(
      { id: '/', apps: [], groups: [], pods: [pod('/web', 2), pod('/db', 3), pod('/idle', 0)] },
      [],
      states,
      new Set(['/db']),
    );
    const rows = childRows(tree, index);
    expect(rows.map((r) => [r.id, r.status.word, r.counts.running, r.counts.staged])).toEqual([
      ['/web', 'Running', 2, 0],
      ['/db', 'Deploying', 1, 1],
      ['/idle', 'N/A', 0, 0],
    ]);
    expect(podStatus({ ...pod('/db', 3), state: states.get('/db') })).toBe(STATUS.degradedRecovering);
    expect(podStatus({ ...pod('/x', 0), state: { status: 'STABLE', running: 0, staged: 0 } })).toBe(STATUS.suspended);
  });
});
