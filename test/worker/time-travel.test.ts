/**
 * The worker's time travel through Comlink, in Node (as worker-api.test.ts): travelTo back
 * rebuilds and replays, forward runs on; the timeline lists the script; fork drops what is ahead.
 */
import { describe, expect, it } from 'vitest';
import { workerInNode } from '../support/worker-in-node.ts';
import { defaultScenario } from '../../src/engine/scenario/examples.ts';
import { eventOf, timelineOf } from '../../src/worker/timeline.ts';

const worker = workerInNode();

describe('worker time travel', () => {
  it('goes back, replays forward to the same history, and forks on request', async () => {
    const loaded = await worker.api.load(defaultScenario, { allocator: 'ts', matcher: 'ts' });
    expect(loaded.ok).toBe(true);
    await worker.api.runTo(10_000);
    await worker.api.request({ method: 'POST', path: '/marathon/v2/apps', body: { id: '/hello', cmd: 'sleep 1000', instances: 2, cpus: 0.1, mem: 32 } });
    await worker.api.runTo(40_000);
    await worker.api.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-crash', target: 'private-2' } });
    await worker.api.runTo(60_000);
    const hash = await worker.api.historyHash();
    expect(await worker.api.pendingFork()).toBeNull();

    const back = await worker.api.travelTo(20_000);
    expect(back.now).toBe(20_000);
    expect(back.playing).toBe(false);
    if (loaded.ok) expect(back.generation).toBeGreaterThan(loaded.generation);
    const timeline = await worker.api.timeline();
    expect(timeline.now).toBe(20_000);
    expect(timeline.end).toBe(60_000);
    expect(timeline.actions).toEqual([
      { at: 10_000, method: 'POST', path: '/marathon/v2/apps' },
      { at: 40_000, method: 'POST', path: '/sandbox/v1/faults' },
    ]);
    expect(timeline.events.map((e) => e.kind)).toEqual(['deployment', 'failure']);
    expect(await worker.api.pendingFork()).toEqual({ dropped: 1 });

    const forward = await worker.api.travelTo(60_000);
    expect(forward.now).toBe(60_000);
    expect(forward.generation).toBe(back.generation);
    expect(await worker.api.historyHash()).toBe(hash);

    await worker.api.travelTo(30_000);
    await worker.api.fork();
    expect(await worker.api.pendingFork()).toBeNull();
    const forked = await worker.api.timeline();
    expect(forked.end).toBe(30_000);
    expect(forked.actions.map((a) => a.at)).toEqual([10_000]);
    expect((await worker.api.shareable())?.scenario.script).toHaveLength(1);
  });
});

describe('timeline helpers', () => {
  it('labels the notable actions', () => {
    const at = 1;
    expect(eventOf({ at, request: { method: 'POST', path: '/marathon/v2/apps', body: { id: '/web' } } })).toEqual({ at, kind: 'deployment', label: 'Deploy /web' });
    expect(eventOf({ at, request: { method: 'PUT', path: '/marathon/v2/apps/web?force=true', body: '{"instances":2}' } })?.label).toBe('Update /web');
    expect(eventOf({ at, request: { method: 'POST', path: '/marathon/v2/apps/web/restart' } })?.label).toBe('Restart /web');
    expect(eventOf({ at, request: { method: 'POST', path: '/sandbox/v1/faults', body: '{"kind":"agent-restore","target":"a1"}' } })).toEqual({ at, kind: 'recovery', label: 'agent-restore a1' });
    expect(eventOf({ at, request: { method: 'DELETE', path: '/marathon/v2/queue/web/delay' } })).toBeNull();
    const t = timelineOf([], 5, 3);
    expect(t.end).toBe(5);
  });
});
