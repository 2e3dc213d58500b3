/**
 * The worker's time travel through Comlink, in Node (as worker-api.test.ts): travelTo back
 * resumes a kept snapshot (or rebuilds) and replays, forward runs on; the timeline lists the
 * script and the cluster's notable events; fork drops what is ahead.
 */
import { describe, expect, it } from 'vitest';
import { workerInNode } from '../support/worker-in-node.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { eventOf, timelineOf } from '../../src/worker/timeline.ts';

const worker = workerInNode();

describe('worker time travel', () => {
  it('goes back from a long jump (a reopened cluster, a link) by a snapshot kept on the way, not from the start', async () => {
    expect((await worker.api.load(defaultScenario, { allocator: 'ts', matcher: 'ts' })).ok).toBe(true);
    await worker.api.runTo(300_000);
    const hash = await worker.api.historyHash();
    const back = await worker.api.travelTo(200_000);
    expect(back.status.now).toBe(200_000);
    expect(back.resumedFrom).toBeGreaterThanOrEqual(150_000);
    expect(back.resumedFrom).toBeLessThanOrEqual(200_000);
    expect((await worker.api.travelTo(300_000)).status.now).toBe(300_000);
    expect(await worker.api.historyHash()).toBe(hash);
  });

  // Before /hello's deployment (posted at 10 s) is done.
  const BACK = 12_000;

  it('goes back, replays forward to the same history, and forks on request', async () => {
    const loaded = await worker.api.load(defaultScenario, { allocator: 'ts', matcher: 'ts' });
    expect(loaded.ok).toBe(true);
    await worker.api.runTo(10_000);
    await worker.api.request({
      method: 'POST',
      path: '/marathon/v2/apps',
      body: { id: '/hello', cmd: 'sleep 1000', instances: 2, cpus: 0.1, mem: 32 },
    });
    await worker.api.runTo(40_000);
    await worker.api.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-crash', target: 'private-2' } });
    await worker.api.runTo(130_000);
    const hash = await worker.api.historyHash();
    expect(await worker.api.pendingFork()).toBeNull();

    // One call goes back and brings the time bar there.
    const { status: back, timeline } = await worker.api.travelTo(BACK);
    expect(back.now).toBe(BACK);
    expect(back.playing).toBe(false);
    if (loaded.ok) expect(back.generation).toBeGreaterThan(loaded.generation);
    expect(await worker.api.timeline()).toEqual(timeline);
    expect(timeline.now).toBe(BACK);
    expect(timeline.happeningsSeen).toBe(timeline.happenings.filter((e) => e.at <= BACK).length);
    expect(timeline.end).toBe(130_000);
    expect(timeline.actions).toEqual([
      { at: 10_000, method: 'POST', path: '/marathon/v2/apps' },
      { at: 40_000, method: 'POST', path: '/sandbox/v1/faults' },
    ]);
    expect(timeline.events.map((e) => e.kind)).toEqual(['deployment', 'failure']);
    // The cluster's own events seen before going back are still ahead: the deployment done, the agent lost 75 s after the crash.
    const ahead = timeline.happenings.filter((e) => e.at > BACK);
    expect(ahead.find((e) => e.label === 'Deployed /hello')?.at).toBeLessThan(40_000);
    expect(ahead.find((e) => e.label === 'Agent private-2 unreachable')).toEqual({
      at: 115_000,
      kind: 'failure',
      label: 'Agent private-2 unreachable',
    });
    expect(await worker.api.pendingFork()).toEqual({ dropped: 1 });

    // Forward to a moment with a kept snapshot: resumed from it, to the same history.
    const forward = (await worker.api.travelTo(130_000)).status;
    expect(forward.now).toBe(130_000);
    expect(forward.generation).toBeGreaterThan(back.generation);
    expect(await worker.api.historyHash()).toBe(hash);
    // Forward past the last snapshot: runs on, same cluster.
    const further = (await worker.api.travelTo(131_000)).status;
    expect(further.generation).toBe(forward.generation);

    await worker.api.travelTo(30_000);
    await worker.api.fork();
    expect(await worker.api.pendingFork()).toBeNull();
    const forked = await worker.api.timeline();
    expect(forked.end).toBe(30_000);
    expect(forked.actions.map((a) => a.at)).toEqual([10_000]);
    expect(forked.happenings.every((e) => e.at <= 30_000)).toBe(true);
    expect((await worker.api.shareable())?.scenario.script).toHaveLength(1);
  });
});

describe('timeline helpers', () => {
  it('labels the notable actions', () => {
    const at = 1;
    expect(eventOf({ at, request: { method: 'POST', path: '/marathon/v2/apps', body: { id: '/web' } } })).toEqual({
      at,
      kind: 'deployment',
      label: 'Deploy /web',
    });
    expect(eventOf({ at, request: { method: 'PUT', path: '/marathon/v2/apps/web?force=true', body: '{"instances":2}' } })?.label).toBe(
      'Update /web',
    );
    expect(eventOf({ at, request: { method: 'POST', path: '/marathon/v2/apps/web/restart' } })?.label).toBe('Restart /web');
    expect(
      eventOf({ at, request: { method: 'POST', path: '/sandbox/v1/faults', body: '{"kind":"agent-restore","target":"a1"}' } }),
    ).toEqual({ at, kind: 'recovery', label: 'agent-restore a1' });
    expect(eventOf({ at, request: { method: 'DELETE', path: '/marathon/v2/queue/web/delay' } })).toBeNull();
    expect(eventOf({ at, request: { method: 'POST', path: '/sandbox/v1/agents', body: { hostname: 'gpu-3' } } })).toEqual({
      at,
      kind: 'config',
      label: 'Add agent gpu-3',
    });
    expect(eventOf({ at, request: { method: 'DELETE', path: '/sandbox/v1/agents/private-2' } })?.label).toBe('Decommission private-2');
    expect(eventOf({ at, request: { method: 'DELETE', path: '/sandbox/v1/agents/%E0%A4%A' } })?.label).toBe('Decommission %E0%A4%A');
    const t = timelineOf([], 5, 3);
    expect(t.end).toBe(5);
  });
});
