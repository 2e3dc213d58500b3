/**
 * Huge instance counts (issue 13, item 2): Marathon takes any `instances >= 0`, so the sandbox does too, and stays
 * responsive: at most a launch window of waiting instances exist as records, the rest is a number; the app, the
 * queue, the deployment plan and the Debug view still tell the whole wanted count. Wall-time bounds are generous
 * (each test takes well under a second alone); before the launch window, 1e9 never answered and 10,000 with the
 * invariants took some 15 s.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { launchWindow } from '../../src/engine/marathon/launch-window.ts';
import { agent } from '../support/cluster.ts';
import { get, marathonScenario, post, put, untilBooted, type Json } from '../support/marathon.ts';

const BILLION = 1e9;
const AGENTS = [1, 2, 3].map((k) => agent(`a${k}`, { cpus: 4, mem: 4096 }));

async function cluster(checkInvariants = false): Promise<Sandbox> {
  const sb = await createSandbox(marathonScenario(AGENTS), { checkInvariants });
  untilBooted(sb);
  return sb;
}

const app = (id: string, instances: number): Json => ({ id, cmd: 'sleep 1000', cpus: 0.1, mem: 16, instances });
const pod = (id: string, instances: number): Json => ({
  id,
  scaling: { kind: 'fixed', instances },
  containers: [{ name: 'c', resources: { cpus: 0.1, mem: 16 }, exec: { command: { shell: 'sleep 1000' } } }],
});

/** Instance records of a run spec in the store, and those still waiting for an offer. */
function records(sb: Sandbox, id: string): { all: number; waiting: number } {
  const m = sb.snapshot().cluster.marathon;
  const ids = m.runSpecs[id]?.instanceIds ?? [];
  return { all: ids.length, waiting: ids.filter((i) => m.instances[i]!.condition === 'Scheduled').length };
}

const queueCount = (sb: Sandbox, id: string): number | undefined =>
  (get(sb, '/marathon/v2/queue').queue as Json[]).find((e) => (e.app ?? e.pod).id === id)?.count as number | undefined;

async function replaysToSameHash(sb: Sandbox): Promise<void> {
  const replay = await createSandbox(JSON.parse(JSON.stringify(sb.scenario())) as unknown);
  replay.advance(sb.now);
  expect(replay.historyHash()).toBe(sb.historyHash());
}

describe('instances: 1e9', () => {
  it('an app: accepted at once, a window of records, the whole count shown, scaled down, replayed', async () => {
    const started = performance.now();
    const sb = await cluster();
    const created = post(sb, '/marathon/v2/apps', app('/big', BILLION));
    expect(created.status).toBe(201);
    expect(created.body.instances).toBe(BILLION);
    sb.advance(10_000);
    expect(get(sb, '/marathon/v2/apps/big').app.instances).toBe(BILLION);
    const { all, waiting } = records(sb, '/big');
    expect(waiting).toBeLessThanOrEqual(
      launchWindow(sb.snapshot().cluster.agents.length, sb.snapshot().cluster.marathon.config.flags.max_instances_per_offer),
    );
    const launched = all - waiting;
    expect(launched).toBeGreaterThan(0);
    expect(queueCount(sb, '/big')).toBe(BILLION - launched);
    const deployments = get(sb, '/marathon/v2/deployments') as unknown as Json[];
    expect(deployments.map((d) => d.currentActions.map((a: Json) => [a.action, a.app]))).toEqual([[['ScaleApplication', '/big']]]);
    const placement = sb.request({ method: 'GET', path: '/sandbox/v1/marathon/apps/big/placement' });
    expect(placement.status).toBe(200);
    expect((placement.body as Json).waiting).toBe(BILLION - launched);
    // Marathon's way out of a deployment that cannot finish: a forced scale down.
    expect(put(sb, '/marathon/v2/apps/big?force=true', { instances: 2 }).status).toBe(200);
    sb.advance(10_000);
    expect(records(sb, '/big').all).toBe(2);
    expect(get(sb, '/marathon/v2/deployments')).toEqual([]);
    await replaysToSameHash(sb);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('a pod (scaling.instances), an app in a group, and a rolling restart', async () => {
    const started = performance.now();
    const sb = await cluster();
    expect(post(sb, '/marathon/v2/pods', pod('/bigpod', BILLION)).status).toBe(201);
    const group = sb.request({ method: 'POST', path: '/marathon/v2/groups', body: { id: '/g', apps: [app('/g/big', BILLION)] } });
    expect(group.status).toBe(201);
    expect(post(sb, '/marathon/v2/apps', app('/restarted', 3)).status).toBe(201);
    sb.advance(10_000);
    expect(put(sb, '/marathon/v2/apps/restarted', { ...app('/restarted', BILLION), cmd: 'sleep 2000' }).status).toBe(200);
    sb.advance(10_000);
    expect((get(sb, '/marathon/v2/pods/bigpod').scaling as Json).instances).toBe(BILLION);
    for (const id of ['/bigpod', '/g/big', '/restarted']) {
      expect(records(sb, id).waiting).toBeLessThanOrEqual(
        launchWindow(sb.snapshot().cluster.agents.length, sb.snapshot().cluster.marathon.config.flags.max_instances_per_offer),
      );
      expect(queueCount(sb, id)).toBeGreaterThan(BILLION - 1000);
    }
    const before = sb.now;
    sb.advance(5_000);
    expect(sb.now).toBe(before + 5_000);
    await replaysToSameHash(sb);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('instances: 10,000 with the invariants checked after every event', () => {
  it('simulates on at the pace of what places', async () => {
    const started = performance.now();
    const sb = await cluster(true);
    expect(post(sb, '/marathon/v2/apps', app('/many', 10_000)).status).toBe(201);
    sb.advance(10_000);
    expect(get(sb, '/marathon/v2/apps/many').app.tasksStaged + get(sb, '/marathon/v2/apps/many').app.tasksRunning).toBeGreaterThan(0);
    // The three agents hold 40 each: the rest waits.
    expect(queueCount(sb, '/many')).toBeGreaterThanOrEqual(10_000 - 3 * 40);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
