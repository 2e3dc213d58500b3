/**
 * Writes that share a simulated millisecond (a burst while paused, a script with colliding times)
 * replay to the same history: the ordering rule is that a write's own zero-delay events run as part
 * of it, before the next write, live and in replay alike (src/sandbox/index.ts `request`).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import type { ApiRequest } from '../../src/api/types.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';

const FAST = { allocator: 'ts', matcher: 'ts' } as const;
const END_MS = 40_000;

/** A write, or one that names what exists when it is made (a task to crash, a deployment to stop). */
type Write = ApiRequest | ((sb: Sandbox) => ApiRequest);

/** Live: each write made when the clock reaches its time, as a user (or a script) makes it. */
async function live(actions: ReadonlyArray<{ at: number; request: Write }>): Promise<Sandbox> {
  const sb = await createSandbox(defaultScenario, FAST);
  for (const a of actions) {
    // Paused at a moment, the writes follow one another with nothing run between them.
    if (a.at > sb.now) sb.advance(a.at - sb.now);
    sb.request(typeof a.request === 'function' ? a.request(sb) : a.request);
  }
  sb.advance(END_MS - sb.now);
  return sb;
}

/** The live cluster's scenario (its script holds the writes) replayed from the start. */
async function replayed(sb: Sandbox): Promise<Sandbox> {
  const again = await createSandbox(sb.scenario(), FAST);
  again.advance(END_MS);
  return again;
}

/** Crash the first task of `appId` (a fault whose task fails at once, with no delay). */
const crashFirstTask =
  (appId: string) =>
  (sb: Sandbox): ApiRequest => {
    const tasks = sb.request({ method: 'GET', path: `/marathon/v2/apps${appId}/tasks` }).body as { tasks?: Array<{ id: string }> };
    return { method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'task-crash', target: tasks.tasks?.[0]?.id ?? 'none' } };
  };

/** Stop (force) or roll back the first deployment in progress (Marathon revives its offers at once). */
const stopFirstDeployment =
  (force: boolean) =>
  (sb: Sandbox): ApiRequest => {
    const list = sb.request({ method: 'GET', path: '/marathon/v2/deployments' }).body as Array<{ id: string }>;
    return { method: 'DELETE', path: `/marathon/v2/deployments/${list[0]?.id ?? 'none'}${force ? '?force=true' : ''}` };
  };

const app = (id: string, instances: number): ApiRequest => ({
  method: 'POST',
  path: '/marathon/v2/apps',
  body: { id, cmd: 'sleep 1000', cpus: 0.1, mem: 32, instances },
});

describe('writes at one simulated millisecond', () => {
  it('two app POSTs at 5 s, then a task crash and a POST at 9 s, replay to the same task ids, hosts and history', async () => {
    const sb = await live([
      { at: 5000, request: app('/a', 3) },
      { at: 5000, request: app('/b', 3) },
      { at: 9000, request: crashFirstTask('/a') },
      { at: 9000, request: app('/c', 2) },
    ]);
    const again = await replayed(sb);
    expect(again.historyHash()).toBe(sb.historyHash());
    const tasks = (s: Sandbox): unknown => s.request({ method: 'GET', path: '/marathon/v2/tasks' }).body;
    expect(tasks(again)).toEqual(tasks(sb));
  });

  it('any burst of writes and faults at colliding times replays exactly', async () => {
    const agents = ['private-1', 'private-2', 'private-3', 'public-1'];
    const write: fc.Arbitrary<Write> = fc.oneof(
      fc.record({ id: fc.constantFrom('/x', '/y', '/z'), n: fc.integer({ min: 0, max: 4 }) }).map(({ id, n }) => app(id, n)),
      fc
        .record({ id: fc.constantFrom('/x', '/y', '/prod/web'), n: fc.integer({ min: 0, max: 5 }) })
        .map(({ id, n }): ApiRequest => ({ method: 'PUT', path: `/marathon/v2/apps${id}?force=true`, body: { instances: n } })),
      fc.constantFrom('/x', '/y').map((id): ApiRequest => ({ method: 'DELETE', path: `/marathon/v2/apps${id}?force=true` })),
      fc
        .record({ kind: fc.constantFrom('agent-crash', 'agent-restore'), target: fc.constantFrom(...agents) })
        .map((body): ApiRequest => ({ method: 'POST', path: '/sandbox/v1/faults', body })),
      fc.constantFrom('/prod/web', '/prod/api', '/x').map(crashFirstTask),
      fc.boolean().map(stopFirstDeployment),
      fc.constantFrom('private-2', 'public-1').map((host): ApiRequest => ({ method: 'DELETE', path: `/sandbox/v1/agents/${host}` })),
      fc.constant<ApiRequest>({ method: 'PUT', path: '/mesos/weights', body: [{ role: 'web', weight: 2 }] }),
    );
    // Few distinct times, so writes collide often.
    const burst = fc.array(fc.record({ at: fc.constantFrom(3000, 5000, 5000, 9000, 9000, 9001), request: write }), {
      minLength: 2,
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(burst, async (actions) => {
        const sorted = [...actions].sort((a, b) => a.at - b.at);
        const sb = await live(sorted);
        const again = await replayed(sb);
        expect(again.historyHash()).toBe(sb.historyHash());
      }),
      { numRuns: 40, seed: 1213 },
    );
  }, 120_000);
});
