/**
 * The worker's one-call write through Comlink, in Node (as worker-api.test.ts): it answers with
 * the API's answer and the time bar, and at a past moment it forks only when the page confirmed
 * dropping at least as many later actions as lie ahead.
 */
import { describe, expect, it } from 'vitest';
import { workerInNode } from '../support/worker-in-node.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import type { ApiRequest } from '../../src/api/types.ts';

const worker = workerInNode();

const app = (id: string): ApiRequest => ({
  method: 'POST',
  path: '/marathon/v2/apps',
  body: { id, cmd: 'sleep 1000', instances: 1, cpus: 0.1, mem: 32 },
});

describe('worker write', () => {
  it('writes and brings the time bar in one call', async () => {
    expect(await worker.api.write(app('/early'))).toMatchObject({ sent: true, answer: { status: 503 } });
    expect((await worker.api.load(defaultScenario, { allocator: 'ts', matcher: 'ts' })).ok).toBe(true);
    await worker.api.runTo(10_000);
    const first = await worker.api.write(app('/a'));
    expect(first.sent).toBe(true);
    if (!first.sent) return;
    expect(first.answer.status).toBe(201);
    expect(first.timeline.actions).toEqual([{ at: 10_000, method: 'POST', path: '/marathon/v2/apps' }]);
    expect(first.timeline.events.map((e) => e.label)).toEqual(['Deploy /a']);
    expect(await worker.api.timeline()).toEqual(first.timeline);
  });

  it('refuses to fork unless enough dropped actions were confirmed, then forks and writes', async () => {
    await worker.api.runTo(40_000);
    await worker.api.write(app('/b'));
    await worker.api.runTo(60_000);
    const hash = await worker.api.historyHash();

    await worker.api.travelTo(5_000);
    expect(await worker.api.write(app('/c'))).toEqual({ sent: false, dropped: 2 });
    expect(await worker.api.write(app('/c'), 1)).toEqual({ sent: false, dropped: 2 });
    // Nothing was done: the script and the history are as before.
    expect((await worker.api.shareable())?.scenario.script).toHaveLength(2);
    expect(await worker.api.pendingFork()).toEqual({ dropped: 2 });
    // A read is never refused.
    expect(await worker.api.write({ method: 'GET', path: '/marathon/v2/apps' })).toMatchObject({ sent: true, answer: { status: 200 } });
    await worker.api.travelTo(60_000);
    expect(await worker.api.historyHash()).toBe(hash);

    await worker.api.travelTo(20_000);
    const forked = await worker.api.write(app('/c'), 2);
    expect(forked.sent).toBe(true);
    if (!forked.sent) return;
    expect(forked.answer.status).toBe(201);
    expect(forked.timeline.actions.map((a) => a.at)).toEqual([10_000, 20_000]);
    expect(forked.timeline.end).toBe(20_000);
    expect(await worker.api.pendingFork()).toBeNull();
  });
});
