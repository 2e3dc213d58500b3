/** The DRF lesson's weight and quota steps done by hand, with the calls the Roles page makes. */
import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { drf } from '../../src/tutorial/lessons/drf.ts';
import { LessonRunner } from '../../src/tutorial/runner.ts';
import { quotaRequest, weightRequest } from '../../src/ui/pages/roles/roles-model.ts';
import { sandboxApi, sandboxExecutor, untilSettled } from './support.ts';

async function settle(sb: Sandbox, runner: LessonRunner, ms: number): Promise<boolean> {
  const start = sb.now;
  let met = await runner.check();
  while (!met && sb.now - start < ms) {
    sb.advance(250);
    met = await runner.check();
  }
  return met;
}

describe('DRF lesson by hand (the Roles page)', () => {
  it('meets the weight and quota goals with the Roles page writes', async () => {
    const sb = await createSandbox(drf.scenario, { allocator: 'ts', matcher: 'ts' });
    untilSettled(sb);
    const runner = new LessonRunner(drf, sandboxApi(sb));
    const failures: string[] = [];
    await runner.showMe(sandboxExecutor(sb, failures));
    expect(await settle(sb, runner, drf.steps[0]!.settleMs)).toBe(true);

    expect(runner.progress.index).toBe(1);
    expect(sb.request(weightRequest('a', 3)).status).toBe(200);
    expect(await settle(sb, runner, drf.steps[1]!.settleMs)).toBe(true);

    expect(runner.progress.index).toBe(2);
    runner.noteEvent('split-predicted');
    expect(sb.request(quotaRequest('b', { cpus: 9 }, false)).status).toBe(200);
    expect(await settle(sb, runner, drf.steps[2]!.settleMs)).toBe(true);
    expect(runner.progress.finished).toBe(true);
    expect(failures).toEqual([]);
  });

  it('draws and asks about roles a and b only', () => {
    for (const step of drf.steps) if (step.visual) expect(step.visualRoles).toEqual(['a', 'b']);
  });
});
