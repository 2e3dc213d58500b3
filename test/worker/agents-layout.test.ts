/**
 * The worker's layout follows agents added and decommissioned, and a trip in time lands on the
 * moment's agents: the page asks `layout()` when a frame's `agentsVersion` (or the cluster) changed.
 */
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { workerInNode } from '../support/worker-in-node.ts';

const worker = workerInNode();

describe('the worker layout with agents added and decommissioned', () => {
  it('follows the writes, and a trip back or forward in time', async () => {
    const { api } = worker;
    expect((await api.load(defaultScenario, { allocator: 'ts', matcher: 'ts' })).ok).toBe(true);
    await api.runTo(20_000);
    const before = (await api.layout())!;
    expect(before.layout.agents).toHaveLength(14);
    const added = await api.write({ method: 'POST', path: '/sandbox/v1/agents', body: { hostname: 'late-1' } });
    expect(added.sent && added.answer.status).toBe(201);
    const removed = await api.write({ method: 'DELETE', path: '/sandbox/v1/agents/private-4' });
    expect(removed.sent && removed.answer.status).toBe(200);
    await api.runTo(25_000);
    const after = (await api.layout())!;
    expect(after.generation).toBe(before.generation);
    expect(after.layout.agentsVersion).toBeGreaterThan(before.layout.agentsVersion);
    expect(after.layout.agents.map((a) => a.hostname)).toContain('late-1');
    expect(after.layout.agents.map((a) => a.hostname)).not.toContain('private-4');

    const back = await api.travelTo(10_000);
    const then = (await api.layout())!;
    expect(then.generation).toBe(back.status.generation);
    expect(then.generation).not.toBe(after.generation);
    expect(then.layout).toEqual(before.layout);

    await api.travelTo(30_000); // the script makes the writes again on the way
    const again = (await api.layout())!;
    expect(again.layout).toEqual(after.layout);
  });
});
