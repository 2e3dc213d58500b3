import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import apps from './fixtures/marathon-apps.fixture.json';
import deploymentsJson from './fixtures/marathon-deployments.fixture.json';
import queue from './fixtures/marathon-queue.fixture.json';
import {
  appActions,
  deploymentOf,
  doneMessage,
  holdingDeployments,
  deploymentProgress,
  liveAction,
  lockedByDeployment,
} from '../../src/ui/pages/services/actions.ts';
import { readApps, readDeployments, readQueue } from '../../src/ui/pages/services/marathon-read.ts';
import { Poller } from '../../src/ui/pages/services/poller.ts';
import { sortRows } from '../../src/ui/pages/services/row-sort.ts';
import { buildTree, childRows, findNode, queueIndex } from '../../src/ui/pages/services/tree.ts';

const list = readApps(apps);
const byId = (id: string) => list.find((a) => a.id === id)!;

describe('an open dialog follows the cluster', () => {
  const deployments = readDeployments(deploymentsJson);
  const locked = { status: 409, message: 'App is locked by one or more deployments.', details: [], deployments: [deployments[0]!.id] };

  it('shows the deployments that hold the app while they run, and none once they have finished', () => {
    expect(holdingDeployments(locked, deployments).map((d) => d.id)).toEqual([deployments[0]!.id]);
    expect(holdingDeployments(locked, deployments.slice(1))).toEqual([]);
    expect(lockedByDeployment(locked)).toBe(true);
    expect(holdingDeployments({ ...locked, status: 422 }, deployments)).toEqual([]);
    expect(holdingDeployments(null, deployments)).toEqual([]);
    const d = deployments[0]!;
    expect(
      deploymentProgress({ ...d, currentStep: 2, totalSteps: 4, currentActions: [{ action: 'ScaleApplication', app: '/prod/db' }] }),
    ).toBe('step 2 of 4: ScaleApplication /prod/db');
  });

  it('takes the app as the latest poll has it, and keeps the one it had when the app is gone', () => {
    const opened = { kind: 'scale' as const, app: { ...byId('/prod/api'), tasksRunning: 0 } };
    const now = byId('/prod/api');
    expect(liveAction(opened, (id) => (id === now.id ? now : undefined))).toEqual({ kind: 'scale', app: now });
    expect(liveAction(opened, () => undefined)).toBe(opened);
    const create = { kind: 'create' as const, groupId: '/' };
    expect(liveAction(create, () => now)).toBe(create);
  });
});

describe('app actions', () => {
  it('offers suspend or resume by instances, and roll back only while deploying', () => {
    expect(appActions(byId('/prod/api')).map((a) => a.kind)).toEqual(['edit', 'scale', 'restart', 'suspend', 'destroy']);
    expect(appActions(byId('/sleeper')).map((a) => a.kind)).toContain('resume');
    expect(appActions(byId('/prod/web/nginx')).map((a) => a.kind)).toEqual(['edit', 'scale', 'restart', 'suspend', 'rollback', 'destroy']);
    expect(appActions(byId('/prod/api')).at(-1)).toMatchObject({ kind: 'destroy', danger: true });
  });

  it('finds the deployment to roll back and words what happened', () => {
    const deployments = readDeployments(deploymentsJson);
    expect(deploymentOf(byId('/prod/web/nginx'), deployments)?.id).toBe('5ed4c0c5-9ff8-4a6f-a0cd-f57f59a34b43');
    expect(deploymentOf(byId('/prod/api'), deployments)?.id).toBe('2b0f7b8e-1b8c-4a52-9e7f-6f3d7e1c9a01'); // by affectedApps
    expect(deploymentOf(byId('/sleeper'), deployments)).toBeUndefined();
    expect(doneMessage('scale', '/a', { instances: 1, deploymentId: '0123456789' })).toBe(
      'Scaling /a to 1 instance (deployment 01234567).',
    );
    expect(doneMessage('destroy', '/a')).toBe('Deleting /a.');
  });

  it('offers to force only a 409 that names locking deployments', () => {
    const problem = { status: 409, message: 'locked', details: [], deployments: ['d'] };
    expect(lockedByDeployment(problem)).toBe(true);
    expect(lockedByDeployment({ ...problem, deployments: [] })).toBe(false); // "already exists"
    expect(lockedByDeployment({ ...problem, status: 422 })).toBe(false);
    expect(lockedByDeployment(null)).toBe(false);
  });
});

describe('sorting service rows', () => {
  const rows = childRows(findNode(buildTree(null, list), '/')!, queueIndex(readQueue(queue)));

  it('sorts by a column, ties by name', () => {
    expect(sortRows(rows, { key: 'name', descending: false }).map((r) => r.name)).toEqual(['analytics', 'prod', 'sleeper']);
    expect(sortRows(rows, { key: 'cpus', descending: true }).map((r) => r.name)).toEqual(['prod', 'analytics', 'sleeper']);
    expect(sortRows(rows, { key: 'status', descending: true })[0]!.status.word).toBe('Deploying (Awaiting Resources)');
  });
});

describe('poller', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls at once, then only when the clock moved; a poke always polls', async () => {
    let clock = 0;
    const tick = vi.fn(async (_forced: boolean) => {});
    const poller = new Poller(tick, { intervalMs: 1000, clock: () => clock });
    const stop = poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(tick).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3000); // paused cluster: nothing new
    expect(tick).toHaveBeenCalledTimes(1);
    clock = 500;
    await vi.advanceTimersByTimeAsync(1000);
    expect(tick).toHaveBeenCalledTimes(2);
    poller.poke();
    await vi.advanceTimersByTimeAsync(0);
    expect(tick).toHaveBeenCalledTimes(3);
    expect(tick.mock.calls.map(([forced]) => forced)).toEqual([true, false, true]);
    stop();
    clock = 900;
    await vi.advanceTimersByTimeAsync(5000);
    expect(tick).toHaveBeenCalledTimes(3);
  });

  it('skips while hidden and never overlaps; a poke during a poll runs once more after it', async () => {
    let clock = 0;
    let visible = false;
    let release: () => void = () => {};
    const tick = vi.fn(() => new Promise<void>((r) => (release = r)));
    const poller = new Poller(tick, { intervalMs: 1000, clock: () => clock, visible: () => visible });
    poller.start(); // the first poll is forced, visible or not
    await vi.advanceTimersByTimeAsync(0);
    expect(tick).toHaveBeenCalledTimes(1);
    clock = 1;
    poller.poke();
    await vi.advanceTimersByTimeAsync(2000);
    expect(tick).toHaveBeenCalledTimes(1); // still busy
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(tick).toHaveBeenCalledTimes(2); // the poke's poll
    release();
    clock = 2;
    await vi.advanceTimersByTimeAsync(3000);
    expect(tick).toHaveBeenCalledTimes(2); // hidden
    visible = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(tick).toHaveBeenCalledTimes(3);
    release();
    poller.stop();
  });
});
