/**
 * The worker's time travel through Comlink, in Node (as worker-api.test.ts): travelTo back
 * rebuilds and replays, forward runs on; the timeline lists the script; fork drops what is ahead.
 */
import { wrap, type Remote } from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScenario } from '../../src/engine/scenario/examples.ts';
import type { SandboxWorkerApi } from '../../src/worker/sandbox.worker.ts';
import { eventOf, timelineOf } from '../../src/worker/timeline.ts';

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

describe('worker time travel', () => {
  it('goes back, replays forward to the same history, and forks on request', async () => {
    const loaded = await api.load(defaultScenario, { allocator: 'ts', matcher: 'ts' });
    expect(loaded.ok).toBe(true);
    await api.runTo(10_000);
    await api.request({ method: 'POST', path: '/marathon/v2/apps', body: { id: '/hello', cmd: 'sleep 1000', instances: 2, cpus: 0.1, mem: 32 } });
    await api.runTo(40_000);
    await api.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-crash', target: 'private-2' } });
    await api.runTo(60_000);
    const hash = await api.historyHash();
    expect(await api.pendingFork()).toBeNull();

    const back = await api.travelTo(20_000);
    expect(back.now).toBe(20_000);
    expect(back.playing).toBe(false);
    if (loaded.ok) expect(back.generation).toBeGreaterThan(loaded.generation);
    const timeline = await api.timeline();
    expect(timeline.now).toBe(20_000);
    expect(timeline.end).toBe(60_000);
    expect(timeline.actions).toEqual([
      { at: 10_000, method: 'POST', path: '/marathon/v2/apps' },
      { at: 40_000, method: 'POST', path: '/sandbox/v1/faults' },
    ]);
    expect(timeline.events.map((e) => e.kind)).toEqual(['deployment', 'failure']);
    expect(await api.pendingFork()).toEqual({ dropped: 1 });

    const forward = await api.travelTo(60_000);
    expect(forward.now).toBe(60_000);
    expect(forward.generation).toBe(back.generation);
    expect(await api.historyHash()).toBe(hash);

    await api.travelTo(30_000);
    await api.fork();
    expect(await api.pendingFork()).toBeNull();
    const forked = await api.timeline();
    expect(forked.end).toBe(30_000);
    expect(forked.actions.map((a) => a.at)).toEqual([10_000]);
    expect((await api.shareable())?.scenario.script).toHaveLength(1);
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
