/**
 * A write whose handler throws halfway (a sandbox defect: the router answers 500) must leave nothing behind:
 * not in the cluster, not in the script, not in the history hash. `deployed` (the answer to an app POST, built
 * after `create` has stored the app and started its deployment) is made to throw for the app `/halfway` only.
 */
import { describe, expect, it, vi } from 'vitest';
import type * as Answer from '../../src/api/marathon/answer.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { get } from '../support/marathon.ts';
import { call, expectIntact, expectReplays, hostileCluster } from './api-hostile-support.ts';

vi.mock('../../src/api/marathon/answer.ts', async (importOriginal) => {
  const real = await importOriginal<typeof Answer>();
  const deployed: typeof real.deployed = (result, answer) => {
    if (result.ok && result.value !== null && '/halfway' in result.value.target) throw new TypeError('halfway through');
    return real.deployed(result, answer);
  };
  return { ...real, deployed };
});

const HALFWAY = { id: '/halfway', cmd: 'sleep 1000', instances: 3, cpus: 0.1, mem: 32 };

describe('a write whose handler throws', () => {
  it('answers 500 and leaves the cluster, its script and its history as if it had never been made', async () => {
    const sb = await hostileCluster();
    const untouched = await createSandbox(sb.scenario(), { allocator: 'wasm', matcher: 'wasm' });
    untouched.advance(sb.now);
    expect(untouched.historyHash()).toBe(sb.historyHash());

    const answer = call(sb, 'POST', '/marathon/v2/apps', HALFWAY);
    expect(answer).toEqual({ status: 500, body: { message: 'TypeError: halfway through' } });

    expect(sb.historyHash()).toBe(untouched.historyHash());
    expect(sb.script().some((a) => a.request.path === '/marathon/v2/apps' && JSON.stringify(a.request.body).includes('halfway'))).toBe(
      false,
    );
    expect(call(sb, 'GET', '/marathon/v2/apps/halfway').status).toBe(404);
    expect(get(sb, '/marathon/v2/deployments')).toEqual([]);

    sb.advance(10_000);
    untouched.advance(10_000);
    expect(sb.historyHash()).toBe(untouched.historyHash());
    expectIntact(sb);
    await expectReplays(sb);
  });

  it('a scripted write that throws is dropped as it replays, and the actions after it still run', async () => {
    const sb = await hostileCluster();
    const at = sb.now;
    const scenario = sb.scenario();
    scenario.script.push(
      { at: at + 1000, request: { method: 'POST', path: '/marathon/v2/apps', body: HALFWAY } },
      { at: at + 1000, request: { method: 'POST', path: '/marathon/v2/apps', body: { ...HALFWAY, id: '/after' } } },
    );
    const replay = await createSandbox(scenario, { allocator: 'wasm', matcher: 'wasm' });
    expect(() => replay.advance(at + 20_000)).not.toThrow();
    expect(call(replay, 'GET', '/marathon/v2/apps/halfway').status).toBe(404);
    expect(get(replay, '/marathon/v2/apps/after').app.tasksRunning).toBe(3);
    expect(replay.script().map((a) => a.request.body)).not.toContainEqual(HALFWAY);
    await expectReplays(replay);
  });
});
