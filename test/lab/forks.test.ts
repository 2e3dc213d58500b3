/** What-if forks: one history until the fork, deterministic after it, and the changes each variant makes telling. */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.ts';
import { compareVariants, forkScenarios, runVariant, type VariantReport, type VariantScenario } from '../../src/sandbox/forks/index.ts';
import { runLab } from '../../src/worker/lab.ts';
import { ONE_APP, scaleWeb, TWO_ROLES, weight } from './forks-support.ts';

const run = (v: VariantScenario, until = 240_000): Promise<VariantReport> => runVariant(v, until, 10_000, { kernels: 'ts' });
const final = (r: VariantReport) => r.samples[r.samples.length - 1]!;
const roleTasks = (r: VariantReport, role: string) => final(r).roles.find((x) => x.role === role)!.tasks;

describe('forkScenarios + runVariant', () => {
  it('keeps the script up to the fork, drops what came after, and adds each variant’s writes at the fork', () => {
    const [base, wide] = forkScenarios(ONE_APP, 60_000, [{ name: 'wide', writes: [scaleWeb(3)] }], { baseline: 'as is' });
    expect(base!.scenario.script.map((a) => a.at)).toEqual([10_000]);
    expect(wide!.scenario.script.map((a) => a.at)).toEqual([10_000, 60_000]);
    expect(wide).toMatchObject({ name: 'wide', at: 60_000, changes: 1 });
  });

  it('gives every variant the same history until the fork, the hash of the base cluster there', async () => {
    const forks = forkScenarios(ONE_APP, 60_000, [
      { name: 'packed', writes: [scaleWeb(4)] },
      { name: 'unique', writes: [scaleWeb(4, [['hostname', 'UNIQUE']])] },
      { name: 'a1 gone', writes: [{ method: 'DELETE', path: '/sandbox/v1/agents/a1' }] },
      { name: 'no change', writes: [] },
    ]);
    const reports = await Promise.all(forks.map((v) => run(v)));
    const base = await createSandbox(ONE_APP, { allocator: 'ts', matcher: 'ts' });
    base.advance(60_000);
    expect(new Set(reports.map((r) => r.hashAtFork))).toEqual(new Set([base.historyHash()]));
    expect(new Set(reports.map((r) => r.hashAtEnd)).size).toBe(4);
    expect(compareVariants(reports).sameHistoryAtFork).toBe(true);
    // The scripted write at 5:00 came after the fork: no variant makes it.
    expect(reports[3]!.samples.some((s) => s.apps[0]!.instances === 1)).toBe(false);
  });

  it('is deterministic after the fork, and the variant’s scenario replays to the same history', async () => {
    const [v] = forkScenarios(TWO_ROLES, 60_000, [
      { name: 'w3', writes: [weight('analytics', 3)] },
      { name: 'w1', writes: [] },
    ]);
    const a = await run(v!);
    expect(await run(v!)).toEqual(a);
    const replay = await createSandbox(v!.scenario, { allocator: 'ts', matcher: 'ts' });
    replay.advance(240_000);
    expect(replay.historyHash()).toBe(a.hashAtEnd);
  });

  it('a weight of 3 on `analytics` gets it more tasks and `web` fewer, and the summary says so', async () => {
    const forks = forkScenarios(TWO_ROLES, 60_000, [{ name: 'weight 3 on analytics', writes: [weight('analytics', 3)] }], {
      baseline: 'as is',
    });
    const reports = await Promise.all(forks.map((v) => run(v)));
    const [base, weighted] = reports as [VariantReport, VariantReport];
    expect(weighted.writes).toEqual([expect.objectContaining({ status: 200, message: null })]);
    expect(final(weighted).roles.find((r) => r.role === 'analytics')!.weight).toBe(3);
    const more = roleTasks(weighted, 'analytics') - roleTasks(base, 'analytics');
    const fewer = roleTasks(base, 'web') - roleTasks(weighted, 'web');
    expect(more).toBeGreaterThan(3);
    expect(fewer).toBeGreaterThan(3);
    const c = compareVariants(reports);
    expect(c.summary[0]).toContain(`with weight 3 on analytics, ${more} more \`analytics\` tasks run`);
    expect(c.summary[0]).toContain(`${fewer} fewer \`web\` tasks run`);
    expect(c.rows.find((r) => r.subject === 'analytics' && r.metric === 'role tasks')!.values).toEqual([
      roleTasks(base, 'analytics'),
      roleTasks(weighted, 'analytics'),
    ]);
  });

  it('UNIQUE hostname spreads /web where no constraint packs it, and leaves the fifth instance waiting with why', async () => {
    const forks = forkScenarios(ONE_APP, 60_000, [
      { name: 'packed', writes: [scaleWeb(5)] },
      { name: 'unique', writes: [scaleWeb(5, [['hostname', 'UNIQUE']])] },
    ]);
    const [packed, unique] = (await Promise.all(forks.map((v) => run(v)))) as [VariantReport, VariantReport];
    expect(Object.values(unique.placements['/web']!)).toEqual([1, 1, 1, 1]);
    expect(Math.max(...Object.values(packed.placements['/web']!))).toBeGreaterThan(1);
    const web = final(unique).apps.find((a) => a.app === '/web')!;
    expect(web).toMatchObject({ instances: 5, running: 4, waiting: 1 });
    expect(web.reason).toMatch(/^constraints: 4 of 4 agents fail/);
    expect(unique.waitingMs['/web']).toBe(240_000 - 60_000);
    expect(unique.deployments).toEqual([expect.objectContaining({ apps: ['/web'], startedAt: 60_000, endedAt: null, outcome: 'running' })]);
    const done = packed.deployments[0]!;
    expect(done).toMatchObject({ apps: ['/web'], startedAt: 60_000, outcome: 'finished' });
    const c = compareVariants([packed, unique]);
    const texts = c.differences.map((d) => d.text);
    expect(texts).toContain(`/web waits 3:00 longer`);
    expect(texts).toContain(`/web's deployment is not done by 4:00`);
    expect(texts.some((t) => t.startsWith("/web's instances sit elsewhere ("))).toBe(true);
    expect(texts).toContain(`1 instance of /web still waits (0 in packed): ${web.reason!}`);
  });

  it('the report’s figures are what the variant’s API says: deployment end, placements, app counts', async () => {
    const [v] = forkScenarios(ONE_APP, 60_000, [
      { name: 'packed', writes: [scaleWeb(5)] },
      { name: 'x', writes: [] },
    ]);
    const r = await run(v!, 120_000);
    const replay = await createSandbox(v!.scenario, { allocator: 'ts', matcher: 'ts' });
    replay.advance(120_000);
    const events = (replay.request({ method: 'GET', path: '/sandbox/v1/events' }).body as { events: { at: number; label: string }[] })
      .events;
    expect(events.filter((e) => e.label === 'Deployed /web' && e.at >= 60_000).map((e) => e.at)).toEqual([r.deployments[0]!.endedAt]);
    const tasks = (replay.request({ method: 'GET', path: '/marathon/v2/tasks' }).body as { tasks: { host: string }[] }).tasks;
    const hosts: Record<string, number> = {};
    for (const t of tasks) hosts[t.host] = (hosts[t.host] ?? 0) + 1;
    expect(r.placements['/web']).toEqual(hosts);
    const app = (replay.request({ method: 'GET', path: '/marathon/v2/apps/web' }).body as { app: { tasksRunning: number } }).app;
    expect(final(r).apps[0]!.running).toBe(app.tasksRunning);
    const state = replay.request({ method: 'GET', path: '/mesos/master/state' }).body as { frameworks: { tasks: { role: string }[] }[] };
    const starTasks = state.frameworks.flatMap((f) => f.tasks).filter((t) => t.role === '*').length;
    expect(starTasks).toBe(5);
    expect(roleTasks(r, '*')).toBe(starTasks);
  });

  it('an agent removed moves its /web instance to another agent', async () => {
    const probe = await createSandbox(ONE_APP, { allocator: 'ts', matcher: 'ts' });
    probe.advance(60_000);
    const tasks = (probe.request({ method: 'GET', path: '/marathon/v2/tasks' }).body as { tasks: { host: string }[] }).tasks;
    const host = tasks[0]!.host;
    const forks = forkScenarios(
      ONE_APP,
      60_000,
      [{ name: `${host} gone`, writes: [{ method: 'DELETE', path: `/sandbox/v1/agents/${host}` }] }],
      {
        baseline: 'as is',
      },
    );
    const [base, gone] = (await Promise.all(forks.map((v) => run(v)))) as [VariantReport, VariantReport];
    expect(base.placements['/web']![host]).toBeGreaterThan(0);
    expect(gone.placements['/web']![host]).toBeUndefined();
    expect(Object.values(gone.placements['/web']!).reduce((a, b) => a + b)).toBe(2);
    expect(compareVariants([base, gone]).differences.map((d) => d.text)).toContainEqual(
      expect.stringMatching(`^/web's instances sit elsewhere \\(.*${host} 1→0`),
    );
  });

  it('runs as the lab worker’s `variant` task', async () => {
    const [v] = forkScenarios(ONE_APP, 20_000, [
      { name: 'a', writes: [] },
      { name: 'b', writes: [] },
    ]);
    const result = await runLab({ kind: 'variant', scenario: v!, untilMs: 30_000, sampleEveryMs: 10_000 });
    if (result.kind !== 'variant') throw new Error(JSON.stringify(result));
    expect(result.report.samples.map((s) => s.at)).toEqual([20_000, 30_000]);
    expect(await runLab({ kind: 'variant', scenario: v!, untilMs: 10_000, sampleEveryMs: 10_000 })).toEqual({
      kind: 'error',
      message: 'untilMs (10000) must not be before the fork (20000)',
    });
  });
});
