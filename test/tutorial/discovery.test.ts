/**
 * The "Find and balance a service" lesson's last two steps tell a draining rollover from one that drops requests:
 * giving /web a kill grace period replaces tasks that were launched without one (the `shoppers` client sees
 * ECONNREFUSED), and the restart after it, every task now launched with the period, drops none. Errors are read from
 * the client's per-second series; the first 2 s after the restart belong to the rollover before it (its last task was
 * killed as it ended, and the balancers learn of it at their next poll).
 */
import { expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.ts';
import type { SandboxTraffic } from '../../src/api/shapes/net.ts';
import { discovery } from '../../src/tutorial/lessons/discovery.ts';
import { LessonRunner } from '../../src/tutorial/runner.ts';
import { sandboxApi, sandboxExecutor, untilSettled } from './support.ts';

const LB_POLL_MS = 2000;

it('the grace-period rollover still drops requests; the restart after it drops none', async () => {
  const sb = await createSandbox(discovery.scenario, { allocator: 'ts', matcher: 'ts' });
  untilSettled(sb);
  const runner = new LessonRunner(discovery, sandboxApi(sb));
  const failures: string[] = [];
  const series = () => {
    const clients = (sb.request({ method: 'GET', path: '/sandbox/v1/traffic' }).body as SandboxTraffic).clients;
    return clients.find((c) => c.name === 'shoppers')?.series ?? [];
  };
  const startedAt: Record<string, number> = {};
  while (runner.progress.step) {
    const id = runner.progress.step.id;
    startedAt[id] = sb.now;
    await runner.showMe(sandboxExecutor(sb, failures));
    for (let waited = 0; !(await runner.check()); waited += 250) {
      expect(waited, id).toBeLessThan(runner.progress.step.settleMs);
      sb.advance(250);
    }
  }
  sb.advance(5000);
  expect(failures).toEqual([]);
  const errorsBetween = (from: number, to: number) =>
    series()
      .filter((s) => s.at >= from && s.at < to)
      .reduce((n, s) => n + s.errors, 0);
  expect(errorsBetween(startedAt.grace!, startedAt.drain! + LB_POLL_MS)).toBeGreaterThan(0);
  expect(errorsBetween(startedAt.drain! + LB_POLL_MS, sb.now)).toBe(0);
  expect(series().at(-1)!.at).toBeGreaterThan(startedAt.drain! + 10_000);
});
