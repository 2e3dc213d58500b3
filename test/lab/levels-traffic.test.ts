/** The traffic goal on the level that ships it: when a run of failing seconds breaks it, and what the client saw. */
import { describe, expect, it } from 'vitest';
import { MINUTE, SECOND } from '../../src/sandbox/levels/build.ts';
import { describeGoal, LEVELS, runLevel, type Level } from '../../src/sandbox/levels/index.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import type { Scenario } from '../../src/common/scenario/types.ts';

const level = LEVELS.find((l) => l.id === 'vip-zone-partition')!;

interface TaskView {
  host: string;
  state: string;
}
interface ClientView {
  totals: { requests: number; ok: number; errors: Record<string, number> };
  series: Array<{ at: number; errors: number }>;
}

/** The played run again, paused at `at`: what Marathon and the client show then. */
async function replayAt(played: Scenario | undefined, at: number): Promise<{ tasks: TaskView[]; client: ClientView }> {
  if (!played) throw new Error('the run kept no scenario');
  const sandbox = await createSandbox(played, { allocator: 'ts', matcher: 'ts' });
  sandbox.advance(at);
  const app = sandbox.request({ method: 'GET', path: '/marathon/v2/apps/web?embed=apps.tasks' }).body as { app: { tasks: TaskView[] } };
  const client = sandbox.request({ method: 'GET', path: '/sandbox/v1/traffic/shoppers' }).body as ClientView;
  return { tasks: app.app.tasks, client };
}

const healedAt = (at: number): Level => ({ ...level, faults: [...level.faults!, { at, fault: { kind: 'heal' } }] });

describe('traffic-errors on vip-zone-partition', () => {
  it('is told in words by its client and limit', () => {
    expect(level.goals.map(describeGoal)).toEqual(['no request of shoppers fails for more than 5 s in a row']);
  });

  it('the naive /web loses at 1:06, the sixth failing second, while Marathon still counts both tasks running', async () => {
    const result = await runLevel(level, {}, { kernels: 'ts' });
    expect(result).toMatchObject({ won: false, at: 66 * SECOND, skipped: [] });
    if (result.won) return;
    expect(result.violation).toEqual({ text: 'requests of shoppers failed for 6 s in a row (from 1:00), more than 5 s' });
    const { tasks, client } = await replayAt(result.played, result.at);
    // both instances on one agent of us-east-1c, not yet unreachable (that comes 75 s after the cut)
    expect(tasks.map((t) => `${t.host} ${t.state}`)).toEqual(['c-1 TASK_RUNNING', 'c-1 TASK_RUNNING']);
    expect(client.series.filter((s) => s.errors > 0).map((s) => [s.at, s.errors])).toEqual(
      [60, 61, 62, 63, 64, 65].map((s) => [s * SECOND, 20]),
    );
    expect(client.totals.errors).toEqual({ ETIMEDOUT: 120 });
  });

  it('five failing seconds are allowed: healed at 1:05 the naive /web wins', async () => {
    expect(await runLevel(healedAt(65 * SECOND), {}, { kernels: 'ts' })).toMatchObject({ won: true, at: level.until });
    expect(await runLevel(healedAt(66 * SECOND), {}, { kernels: 'ts' })).toMatchObject({ won: false, at: 66 * SECOND });
  });

  it('the reference keeps an instance in us-east-1c, and the balancer leaves it out: not one request fails', async () => {
    const result = await runLevel(level, level.reference.changes, { kernels: 'ts' });
    expect(result).toMatchObject({ won: true, at: level.until, skipped: [] });
    const before = await replayAt(result.played, 1 * MINUTE - SECOND);
    expect(before.tasks.map((t) => t.host[0]).sort()).toEqual(['a', 'b', 'c']);
    const end = await replayAt(result.played, level.until);
    expect(end.client.totals).toMatchObject({ requests: 210 * 20, ok: 210 * 20, errors: {} });
  });

  it('spreading over hosts is not enough: hostname:UNIQUE puts both instances in us-east-1c', async () => {
    const result = await runLevel(level, { apps: { '/web': { constraints: [['hostname', 'UNIQUE']] } } }, { kernels: 'ts' });
    expect(result).toMatchObject({ won: false, at: 66 * SECOND });
  });
});
