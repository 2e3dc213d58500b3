/**
 * The worker's API end to end through Comlink, in Node: the worker module's global scope is
 * one end of a MessageChannel, the test holds the other, as the page's bridge would.
 */
import { proxy, wrap, type Remote } from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScenario } from '../../src/engine/scenario/examples.ts';
import type { ClusterFrame } from '../../src/engine/view-types.ts';
import type { SandboxWorkerApi, WorkerStatus } from '../../src/worker/sandbox.worker.ts';

let api: Remote<SandboxWorkerApi>;
const channel = new MessageChannel();

beforeAll(async () => {
  const scope = globalThis as unknown as { addEventListener: unknown; postMessage: unknown };
  scope.addEventListener = channel.port1.addEventListener.bind(channel.port1);
  scope.postMessage = channel.port1.postMessage.bind(channel.port1);
  channel.port1.start();
  await import('../../src/worker/sandbox.worker.ts');
  api = wrap<SandboxWorkerApi>(channel.port2);
});

afterAll(() => {
  channel.port1.close();
  channel.port2.close();
});

describe('sandbox worker api', () => {
  it('rejects a bad scenario with the field instead of throwing', async () => {
    const bad = { ...defaultScenario, cluster: { ...defaultScenario.cluster, masters: 'three' } };
    const result = await api.load(bad, { allocator: 'ts' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.field).toBe('cluster.masters');
      expect(result.error.message).toMatch(/masters/);
    }
  });

  it('loads, steps one allocation interval, answers the API and pushes frames', async () => {
    const frames: Array<[ClusterFrame, WorkerStatus]> = [];
    await api.subscribe(
      proxy((frame: ClusterFrame, status: WorkerStatus) => {
        frames.push([frame, status]);
      }),
    );
    const result = await api.load(defaultScenario, { allocator: 'ts' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const agents = result.layout.agents.length;
    expect(agents).toBe(14);

    const status = await api.step();
    expect(status.now).toBe(defaultScenario.cluster.allocationIntervalMs);
    expect(status.playing).toBe(false);
    expect((await api.step(250)).now).toBe(1250);

    const slaves = await api.request({ method: 'GET', path: '/mesos/master/slaves' });
    expect(slaves.status).toBe(200);
    const first = result.layout.agents[0]!;
    const details = await api.agentDetails(first.id);
    expect((details.agent as { id: string }).id).toBe(first.id);
    expect(details.tasks.every((t) => (t as { slave_id: string }).slave_id === first.id)).toBe(true);

    await new Promise((r) => setTimeout(r, 250));
    const [frame, last] = frames[frames.length - 1]!;
    expect(last.generation).toBe(result.generation);
    expect(frame.agentAllocated.length).toBe(agents * 4);
    expect(frame.agentTasks.length).toBe(agents);
    expect(frame.now).toBe(1250);
  });

  it('plays at the requested speed and pauses', async () => {
    expect((await api.setSpeed(5000)).speed).toBe(1000);
    await api.setSpeed(100);
    const before = (await api.status()).now;
    await api.play();
    await new Promise((r) => setTimeout(r, 300));
    const s = await api.pause();
    expect(s.playing).toBe(false);
    expect(s.now - before).toBeGreaterThan(5000);
    expect(s.now - before).toBeLessThan(100 * 1000);
    await api.unsubscribe();
  });
});
