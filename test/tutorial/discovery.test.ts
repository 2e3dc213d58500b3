/**
 * The "Find and balance a service" lesson's last two steps tell a draining rollover from one that drops requests:
 * giving /web a kill grace period replaces tasks that were launched without one (the `shoppers` client sees
 * ECONNREFUSED), and the restart after it, every task now launched with the period, drops none.
 */
import { expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.ts';
import type { SandboxTraffic } from '../../src/api/shapes/net.ts';
import { discovery } from '../../src/tutorial/lessons/discovery.ts';
import { LessonRunner } from '../../src/tutorial/runner.ts';
import { sandboxApi, sandboxExecutor, untilSettled } from './support.ts';

it('the grace-period rollover still drops requests; the restart after it drops none', async () => {
  const sb = await createSandbox(discovery.scenario, { allocator: 'ts', matcher: 'ts' });
  untilSettled(sb);
  const runner = new LessonRunner(discovery, sandboxApi(sb));
  const failures: string[] = [];
  const errors = () => {
    const clients = (sb.request({ method: 'GET', path: '/sandbox/v1/traffic' }).body as SandboxTraffic).clients;
    return clients.find((c) => c.name === 'shoppers')?.totals.errors.ECONNREFUSED ?? 0;
  };
  const counts: Record<string, number> = {};
  while (runner.progress.step) {
    const id = runner.progress.step.id;
    counts[`${id}:before`] = errors();
    await runner.showMe(sandboxExecutor(sb, failures));
    for (let waited = 0; !(await runner.check()); waited += 250) {
      expect(waited, id).toBeLessThan(runner.progress.step.settleMs);
      sb.advance(250);
    }
    counts[`${id}:after`] = errors();
  }
  expect(failures).toEqual([]);
  expect(counts['grace:after']!).toBeGreaterThan(counts['grace:before']!);
  expect(counts['drain:after']).toBe(counts['drain:before']);
});
