/**
 * The worker's API end to end through Comlink, in Node: the worker module's global scope is
 * one end of a MessageChannel, the test holds the other, as the page's bridge would.
 */
import { proxy } from 'comlink';
import { describe, expect, it } from 'vitest';
import { workerInNode } from '../support/worker-in-node.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import type { ClusterFrame } from '../../src/common/view-types.ts';
import type { WorkerStatus } from '../../src/worker/sandbox.worker.ts';

const worker = workerInNode();

describe('sandbox worker api', () => {
  it('rejects a bad scenario with the field instead of throwing', async () => {
    const bad = { ...defaultScenario, cluster: { ...defaultScenario.cluster, masters: 'three' } };
    const result = await worker.api.load(bad, { allocator: 'ts' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.field).toBe('cluster.masters');
      expect(result.error.message).toMatch(/masters/);
    }
  });

  it('loads, steps one allocation interval, answers the API and pushes frames', async () => {
    const frames: Array<[ClusterFrame, WorkerStatus]> = [];
    await worker.api.subscribe(
      proxy((frame: ClusterFrame, status: WorkerStatus) => {
        frames.push([frame, status]);
      }),
    );
    const result = await worker.api.load(defaultScenario, { allocator: 'ts' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const agents = result.layout.agents.length;
    expect(agents).toBe(14);

    const status = await worker.api.step();
    expect(status.now).toBe(defaultScenario.cluster.allocationIntervalMs);
    expect(status.playing).toBe(false);
    expect((await worker.api.step(250)).now).toBe(1250);
    // The masters are still booting: Mesos answers once a leader is elected.
    expect((await worker.api.request({ method: 'GET', path: '/mesos/master/slaves' })).status).toBe(503);
    expect((await worker.api.step(5000)).now).toBe(6250);

    const slaves = await worker.api.request({ method: 'GET', path: '/mesos/master/slaves' });
    expect(slaves.status).toBe(200);
    const first = result.layout.agents[0]!;
    const details = await worker.api.agentDetails(first.id);
    expect(details.agent?.id).toBe(first.id);
    expect(details.tasks.every((t) => t.slave_id === first.id)).toBe(true);

    await new Promise((r) => setTimeout(r, 250));
    const [frame, last] = frames[frames.length - 1]!;
    expect(last.generation).toBe(result.generation);
    expect(frame.agentAllocated.length).toBe(agents * 4);
    expect(frame.agentTasks.length).toBe(agents);
    expect(frame.now).toBe(6250);
    expect(frame.ha.leader).not.toBeNull();
  });

  it('plays at the requested speed and pauses', async () => {
    expect((await worker.api.setSpeed(5000)).speed).toBe(1000);
    await worker.api.setSpeed(100);
    const before = (await worker.api.status()).now;
    await worker.api.play();
    await new Promise((r) => setTimeout(r, 300));
    const s = await worker.api.pause();
    expect(s.playing).toBe(false);
    expect(s.now - before).toBeGreaterThan(5000);
    expect(s.now - before).toBeLessThan(100 * 1000);
    await worker.api.unsubscribe();
  });
});
