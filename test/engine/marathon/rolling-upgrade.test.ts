/**
 * Rolling restarts (SEMANTICS 6.1): after a config change, a restart or a rollback, the
 * simulation is sampled every 100–200 ms and the upgrade strategy's bounds must hold at every
 * sample: healthy ≥ ceil(N × minimumHealthCapacity), live ≤ floor(N × (1 + maximumOverCapacity))
 * (+1 when those two are equal); it must end with N healthy instances of the new version.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { agent } from '../../support/cluster.ts';
import {
  appOf,
  behave,
  boot,
  del,
  deploy,
  deployments,
  healthyTasks,
  isLiveMesosTask,
  mesosTasks,
  post,
  put,
  queueEntry,
  quickHealthCheck,
  tasksOf,
  waitFor,
  type Json,
} from '../../support/marathon.ts';

const cluster = () => boot([1, 2, 3].map((i) => agent(`a${i}`, { cpus: 4, mem: 4096 })));

interface Bounds {
  minHealthy: number;
  maxLive: number;
}

/** SEMANTICS 6.1, from the strategy alone. */
function bounds(n: number, minimumHealthCapacity: number, maximumOverCapacity: number): Bounds {
  const minHealthy = Math.ceil(n * minimumHealthCapacity);
  const maxCapacity = Math.floor(n * (1 + maximumOverCapacity));
  return { minHealthy, maxLive: minHealthy === maxCapacity ? maxCapacity + 1 : maxCapacity };
}

interface Sample {
  at: number;
  healthy: number;
  live: number;
}

function sample(sb: Sandbox, id: string, checks: boolean): Sample {
  const tasks = tasksOf(sb, id);
  const waiting = queueEntry(sb, id)?.count ?? 0;
  const live = mesosTasks(sb, id).filter(isLiveMesosTask).length + waiting;
  return { at: sb.now, healthy: healthyTasks(tasks, checks).length, live };
}

/** Step 100, 150, 200 ms in turn until the app's deployments are done, checking every sample. */
function watch(sb: Sandbox, id: string, checks: boolean, b: Bounds, maxMs = 120_000): Sample[] {
  const samples: Sample[] = [];
  const steps = [100, 150, 200];
  const start = sb.now;
  for (let k = 0; ; k++) {
    const s = sample(sb, id, checks);
    samples.push(s);
    expect(s.healthy, `healthy at ${s.at} ms`).toBeGreaterThanOrEqual(b.minHealthy);
    expect(s.live, `live at ${s.at} ms`).toBeLessThanOrEqual(b.maxLive);
    if (appOf(sb, id).deployments.length === 0) return samples;
    if (sb.now - start > maxMs) throw new Error(`deployment of ${id} still running after ${maxMs} ms`);
    sb.advance(steps[k % steps.length]!);
  }
}

function appBody(n: number, strategy: [number, number], checks: boolean): Json {
  const body: Json = {
    id: '/web',
    cmd: 'serve v1',
    instances: n,
    cpus: 0.25,
    mem: 32,
    upgradeStrategy: { minimumHealthCapacity: strategy[0], maximumOverCapacity: strategy[1] },
  };
  if (checks) body.healthChecks = [quickHealthCheck()];
  return body;
}

/** Deploy and wait until N instances are healthy and the deployment is gone. */
async function healthyApp(n: number, strategy: [number, number], checks: boolean): Promise<Sandbox> {
  const sb = await cluster();
  deploy(sb, appBody(n, strategy, checks));
  waitFor(sb, () => appOf(sb, '/web').deployments.length === 0 && healthyTasks(tasksOf(sb, '/web'), checks).length === n, 60_000);
  return sb;
}

/** It ends with N healthy instances, all of the current config, and no deployment. */
function expectSettledOnNewVersion(sb: Sandbox, n: number, checks: boolean, oldTaskIds: string[]): void {
  const app = appOf(sb, '/web');
  const tasks = tasksOf(sb, '/web');
  expect(deployments(sb)).toEqual([]);
  expect(tasks).toHaveLength(n);
  expect(healthyTasks(tasks, checks)).toHaveLength(n);
  expect(tasks.every((t) => t.version === app.versionInfo.lastConfigChangeAt)).toBe(true);
  expect(tasks.some((t) => oldTaskIds.includes(t.id))).toBe(false);
  expect(mesosTasks(sb, '/web').filter(isLiveMesosTask)).toHaveLength(n);
}

const STRATEGIES: Array<[number, [number, number]]> = [
  [4, [1, 0]],
  [4, [0.5, 0.25]],
  [4, [0, 0]],
  [4, [1, 1]],
  [3, [0.5, 0]],
  [5, [0.6, 0.2]],
  [2, [0.5, 0.5]],
  [1, [1, 0]],
  [1, [0, 0]],
];

describe('rolling upgrade after a config change', () => {
  for (const checks of [false, true]) {
    it.each(STRATEGIES)(`N=%i, strategy %j, ${checks ? 'with' : 'without'} health checks`, async (n, strategy) => {
      const sb = await healthyApp(n, strategy, checks);
      const b = bounds(n, strategy[0], strategy[1]);
      const before = tasksOf(sb, '/web').map((t) => t.id as string);
      const versionBefore = appOf(sb, '/web').versionInfo.lastConfigChangeAt;
      // A partial update: only cmd changes, instances and strategy stay.
      const res = put(sb, '/marathon/v2/apps/web', { cmd: 'serve v2' });
      expect(res.status).toBe(200);
      const samples = watch(sb, '/web', checks, b);
      expect(samples.length).toBeGreaterThan(5);
      const app = appOf(sb, '/web');
      expect(app.cmd).toBe('serve v2');
      expect(app.instances).toBe(n);
      expect(app.versionInfo.lastConfigChangeAt > versionBefore).toBe(true);
      expectSettledOnNewVersion(sb, n, checks, before);
      if (b.maxLive > n) expect(Math.max(...samples.map((s) => s.live))).toBeGreaterThan(n); // the extra capacity was used
    });
  }

  it('kills unhealthy old instances first', async () => {
    // N=3, (0.5, 0.5): minHealthy 2, maxCapacity 4. One old instance fails its checks (never killed for
    // it: maxConsecutiveFailures 0), so H = 2 and nothing is killed at once; one new instance starts and,
    // once healthy, the first old instance to go must be the unhealthy one.
    const sb = await cluster();
    deploy(sb, { ...appBody(3, [0.5, 0.5], false), healthChecks: [quickHealthCheck({ maxConsecutiveFailures: 0 })] });
    waitFor(sb, () => appOf(sb, '/web').deployments.length === 0 && healthyTasks(tasksOf(sb, '/web'), true).length === 3, 60_000);
    const old = tasksOf(sb, '/web').map((t) => t.id as string);
    const sick = old[1]!;
    post(sb, '/sandbox/v1/faults', { kind: 'task-unhealthy', target: sick });
    waitFor(sb, () => appOf(sb, '/web').tasksUnhealthy === 1, 10_000);
    expect(put(sb, '/marathon/v2/apps/web', { cmd: 'serve v2' }).status).toBe(200);
    watch(sb, '/web', true, { minHealthy: 2, maxLive: 4 });
    const killedAt = (id: string) =>
      mesosTasks(sb, '/web')
        .find((t) => t.id === id)!
        .statuses.find((s) => s.state === 'TASK_KILLING')!.timestamp;
    const others = old.filter((id) => id !== sick).map(killedAt);
    expect(killedAt(sick)).toBeLessThan(Math.min(...others));
  });

  it('a change that also scales down kills the surplus at once (killNow ≥ existing − N)', async () => {
    // 4 running, new config with N = 2, (1, 1): minHealthy 2, maxCapacity 4, killNow = max(4 − 2, 4 − 2) = 2.
    const sb = await healthyApp(4, [1, 1], true);
    const before = tasksOf(sb, '/web').map((t) => t.id as string);
    expect(put(sb, '/marathon/v2/apps/web', { cmd: 'serve v2', instances: 2 }).status).toBe(200);
    sb.advance(200);
    expect(mesosTasks(sb, '/web').filter((t) => t.statuses.some((x) => x.state === 'TASK_KILLING'))).toHaveLength(2);
    watch(sb, '/web', true, bounds(2, 1, 1));
    expectSettledOnNewVersion(sb, 2, true, before);
  });

  it('a scale-only change is not a restart: the running instances stay', async () => {
    const sb = await healthyApp(2, [1, 1], true);
    const before = tasksOf(sb, '/web').map((t) => t.id as string);
    const version = appOf(sb, '/web').versionInfo.lastConfigChangeAt;
    expect(put(sb, '/marathon/v2/apps/web', { instances: 3 }).status).toBe(200);
    expect(deployments(sb)[0]!.steps.flatMap((s: Json) => s.actions.map((a: Json) => a.action))).toEqual(['ScaleApplication']);
    waitFor(sb, () => appOf(sb, '/web').deployments.length === 0, 60_000);
    const after = tasksOf(sb, '/web').map((t) => t.id as string);
    expect(after).toHaveLength(3);
    expect(before.every((id) => after.includes(id))).toBe(true);
    expect(appOf(sb, '/web').versionInfo.lastConfigChangeAt).toBe(version);
  });

  it('PUT with ?partialUpdate=false replaces the whole definition', async () => {
    const sb = await healthyApp(2, [1, 1], false);
    expect(put(sb, '/marathon/v2/apps/web?partialUpdate=false', { cmd: 'serve v2' }).status).toBe(200);
    waitFor(sb, () => appOf(sb, '/web').deployments.length === 0, 60_000);
    expect(appOf(sb, '/web').instances).toBe(1);
    expect(appOf(sb, '/web').cpus).toBe(1);
  });
});

describe('restart', () => {
  it.each([
    [4, [1, 0], true],
    [4, [0.5, 0.25], false],
    [3, [0, 0], true],
  ] as Array<[number, [number, number], boolean]>)(
    'N=%i, strategy %j (health checks: %s) replaces every instance within the bounds',
    async (n, strategy, checks) => {
      const sb = await healthyApp(n, strategy, checks);
      const before = tasksOf(sb, '/web').map((t) => t.id as string);
      const definition = appOf(sb, '/web');
      const res = post(sb, '/marathon/v2/apps/web/restart');
      expect(res.status).toBe(200);
      expect(deployments(sb).map((d) => d.id)).toEqual([res.body.deploymentId]);
      expect(deployments(sb)[0]!.steps.flatMap((s: Json) => s.actions.map((a: Json) => a.action))).toEqual(['RestartApplication']);
      watch(sb, '/web', checks, bounds(n, strategy[0], strategy[1]));
      const after = appOf(sb, '/web');
      expect(after.cmd).toBe(definition.cmd);
      expect(after.versionInfo.lastConfigChangeAt > definition.versionInfo.lastConfigChangeAt).toBe(true);
      expectSettledOnNewVersion(sb, n, checks, before);
    },
  );

  it('a second restart while one runs answers 409, unless forced', async () => {
    const sb = await healthyApp(3, [1, 0], true);
    expect(post(sb, '/marathon/v2/apps/web/restart').status).toBe(200);
    sb.advance(500);
    const again = post(sb, '/marathon/v2/apps/web/restart');
    expect(again.status).toBe(409);
    const forced = post(sb, '/marathon/v2/apps/web/restart?force=true');
    expect(forced.status).toBe(200);
    expect(deployments(sb).map((d) => d.id)).toEqual([forced.body.deploymentId]);
    waitFor(sb, () => deployments(sb).length === 0, 90_000);
    expect(healthyTasks(tasksOf(sb, '/web'), true)).toHaveLength(3);
  });
});

describe('rollback', () => {
  /** A change whose new instances can never be placed: the deployment hangs with the old instances running. */
  async function stuck(): Promise<{ sb: Sandbox; deploymentId: string; oldTasks: string[] }> {
    const sb = await healthyApp(3, [1, 1], true);
    const oldTasks = tasksOf(sb, '/web').map((t) => t.id as string);
    const res = put(sb, '/marathon/v2/apps/web', { cmd: 'serve v2', cpus: 100 });
    expect(res.status).toBe(200);
    sb.advance(20_000);
    expect(deployments(sb)).toHaveLength(1);
    expect(
      tasksOf(sb, '/web')
        .map((t) => t.id)
        .sort(),
    ).toEqual([...oldTasks].sort());
    expect(queueEntry(sb, '/web')!.count).toBe(3);
    return { sb, deploymentId: res.body.deploymentId, oldTasks };
  }

  it('DELETE /v2/deployments/{id} starts a deployment that brings the old version back', async () => {
    const { sb, deploymentId } = await stuck();
    const res = del(sb, `/marathon/v2/deployments/${deploymentId}`);
    expect(res.status).toBe(200);
    expect(res.body.deploymentId).not.toBe(deploymentId);
    const list = deployments(sb);
    expect(list.map((d) => d.id)).toEqual([res.body.deploymentId]);
    expect(list[0]!.affectedApps).toEqual(['/web']);
    // The old version's strategy (1, 1) holds during the rollback.
    watch(sb, '/web', true, bounds(3, 1, 1));
    const app = appOf(sb, '/web');
    expect(app.cmd).toBe('serve v1');
    expect(app.cpus).toBe(0.25);
    expect(deployments(sb)).toEqual([]);
    expect(queueEntry(sb, '/web')).toBeUndefined();
    expect(healthyTasks(tasksOf(sb, '/web'), true)).toHaveLength(3);
  });

  it('?force=true only stops the deployment: nothing is rolled back or killed', async () => {
    const { sb, deploymentId, oldTasks } = await stuck();
    const res = del(sb, `/marathon/v2/deployments/${deploymentId}?force=true`);
    expect(res.status).toBe(202);
    expect(deployments(sb)).toEqual([]);
    sb.advance(30_000);
    expect(deployments(sb)).toEqual([]);
    expect(appOf(sb, '/web').cpus).toBe(100);
    expect(
      tasksOf(sb, '/web')
        .map((t) => t.id)
        .sort(),
    ).toEqual([...oldTasks].sort());
  });

  it('an unknown deployment answers 404', async () => {
    const sb = await cluster();
    expect(del(sb, '/marathon/v2/deployments/nope').status).toBe(404);
  });
});

describe('rollback of other deployments', () => {
  it('of a creation: the app is removed again', async () => {
    const sb = await cluster();
    const res = post(sb, '/marathon/v2/apps', { id: '/huge', cmd: 'run x', instances: 2, cpus: 100 });
    sb.advance(5000);
    const rollback = del(sb, `/marathon/v2/deployments/${res.body.deployments[0].id}`);
    expect(rollback.status).toBe(200);
    waitFor(sb, () => deployments(sb).length === 0, 30_000);
    expect(sb.request({ method: 'GET', path: '/marathon/v2/apps/huge' }).status).toBe(404);
    expect(queueEntry(sb, '/huge')).toBeUndefined();
  });

  it('of a scale-up: back to the old count, the waiting instances dropped, the running ones kept', async () => {
    const sb = await healthyApp(2, [1, 1], false);
    const before = tasksOf(sb, '/web')
      .map((t) => t.id as string)
      .sort();
    const res = put(sb, '/marathon/v2/apps/web', { instances: 200 });
    sb.advance(10_000);
    expect(queueEntry(sb, '/web')!.count).toBeGreaterThan(0);
    expect(del(sb, `/marathon/v2/deployments/${res.body.deploymentId}`).status).toBe(200);
    waitFor(sb, () => deployments(sb).length === 0, 30_000);
    expect(appOf(sb, '/web').instances).toBe(2);
    expect(queueEntry(sb, '/web')).toBeUndefined();
    expect(
      tasksOf(sb, '/web')
        .map((t) => t.id)
        .sort(),
    ).toEqual(before);
  });
});

describe('an upgrade whose new version keeps failing', () => {
  it('leaves the old instances serving within the bounds; a rollback restores the old version', async () => {
    // Mesos-side checks start 10 s after RUNNING; the broken version exits within 5 s, so it is never
    // healthy and no old instance is ever killed for it. (A new instance that passes a check and then
    // crashes does cost an old one, in Marathon too: kills follow "became healthy" events.)
    const sb = await cluster();
    deploy(sb, { ...appBody(3, [1, 0], false), healthChecks: [quickHealthCheck({ protocol: 'MESOS_HTTP', delaySeconds: 10 })] });
    waitFor(sb, () => appOf(sb, '/web').deployments.length === 0 && healthyTasks(tasksOf(sb, '/web'), true).length === 3, 60_000);
    behave(sb, '/web', { startFailureRate: 1 });
    const res = put(sb, '/marathon/v2/apps/web', { cmd: 'serve broken' });
    const b = bounds(3, 1, 0);
    for (let t = 0; t < 60_000; t += 150) {
      const s = sample(sb, '/web', true);
      expect(s.healthy).toBeGreaterThanOrEqual(b.minHealthy);
      expect(s.live).toBeLessThanOrEqual(b.maxLive);
      sb.advance(150);
    }
    expect(appOf(sb, '/web').lastTaskFailure.state).toBe('TASK_FAILED');
    expect(deployments(sb).map((d) => d.id)).toEqual([res.body.deploymentId]);
    behave(sb, '/web', { startFailureRate: 0 });
    expect(del(sb, `/marathon/v2/deployments/${res.body.deploymentId}`).status).toBe(200);
    watch(sb, '/web', true, b);
    expect(appOf(sb, '/web').cmd).toBe('serve v1');
    expect(healthyTasks(tasksOf(sb, '/web'), true)).toHaveLength(3);
    expect(tasksOf(sb, '/web').every((t) => t.version === appOf(sb, '/web').versionInfo.lastConfigChangeAt)).toBe(true);
  });
});

describe('edge cases', () => {
  it('a config change of an app with 0 instances finishes at once', async () => {
    const sb = await cluster();
    deploy(sb, { id: '/idle', cmd: 'run x', instances: 0 });
    sb.advance(1000);
    expect(deployments(sb)).toEqual([]);
    expect(put(sb, '/marathon/v2/apps/idle', { cmd: 'run y' }).status).toBe(200);
    expect(post(sb, '/marathon/v2/apps/idle/restart').status).toBe(200);
    sb.advance(1000);
    expect(deployments(sb)).toEqual([]);
    expect(tasksOf(sb, '/idle')).toEqual([]);
  });
});
