/** The worker's experiment lab runs (src/worker/lab.ts): a story and a level, each in a throwaway sandbox. */
import { describe, expect, it } from 'vitest';
import { runLab } from '../../src/worker/lab.ts';
import { LEVELS } from '../../src/sandbox/levels/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { validateScenario } from '../../src/common/scenario/validate.ts';
import { runVariant } from '../../src/sandbox/forks/index.ts';
import { TWO_ROLES } from '../lab/forks-support.ts';

describe('runLab', () => {
  it("tells a scenario's story up to a moment", async () => {
    const told = await runLab({ kind: 'story', scenario: defaultScenario, untilMs: 60_000 });
    expect(told.kind).toBe('story');
    if (told.kind !== 'story') return;
    expect(told.chapters.length).toBeGreaterThan(0);
    expect(told.until).toBe(60_000);
    expect(told.chapters.every((c) => c.at <= 60_000)).toBe(true);
  });

  it('plays a level with its naive changes and hands back the run as a scenario to open', async () => {
    const level = LEVELS.find((l) => l.id === 'agent-crash')!;
    const played = await runLab({ kind: 'level', level, changes: level.naive.changes });
    expect(played.kind).toBe('level');
    if (played.kind !== 'level') return;
    expect(played.result.won).toBe(false);
    expect(played.result.played?.script.length).toBeGreaterThan(0);
  });

  it('answers an error it can show for a scenario that is not one', async () => {
    expect(await runLab({ kind: 'story', scenario: { nonsense: true }, untilMs: 1000 })).toMatchObject({ kind: 'error' });
  });
});

describe('runLab, what-if forks', () => {
  const heavier = { name: 'heavier web', writes: [{ method: 'PUT' as const, path: '/mesos/weights', body: [{ role: 'web', weight: 3 }] }] };
  const hello = {
    method: 'POST' as const,
    path: '/marathon/v2/apps',
    body: { id: '/hello', cmd: 'sleep 1000', instances: 1, cpus: 0.1, mem: 32 },
  };
  const scripted = {
    ...defaultScenario,
    script: [
      { at: 5000, request: hello },
      { at: 120_000, request: { method: 'DELETE' as const, path: '/marathon/v2/apps/hello' } },
    ],
  };

  it('refuses a fork with a bad write, naming the variant and the write, and runs nothing', async () => {
    const bad = { name: 'no weight', writes: [{ method: 'PUT' as const, path: '/mesos/weights', body: [{ role: 'web', weight: 0 }] }] };
    expect(await runLab({ kind: 'fork', base: defaultScenario, at: 60_000, variants: [heavier, bad], baseline: 'as is' })).toEqual({
      kind: 'error',
      message: 'variants[1] (no weight).writes[0]: PUT /mesos/weights body[0].weight must be a number above 0',
    });
    expect(await runLab({ kind: 'fork', base: defaultScenario, at: 60_000, variants: [heavier] })).toEqual({
      kind: 'error',
      message: 'a fork has 2 to 4 variants (the baseline counted), not 1',
    });
  });

  it('forks a scenario: the baseline first, every variant with the script up to the fork, then its writes', async () => {
    const forked = await runLab({ kind: 'fork', base: scripted, at: 60_000, variants: [heavier], baseline: 'as is' });
    if (forked.kind !== 'fork') throw new Error(JSON.stringify(forked));
    const [baseline, variant] = forked.variants;
    expect(forked.variants.map((v) => [v.name, v.at, v.changes])).toEqual([
      ['as is', 60_000, 0],
      ['heavier web', 60_000, 1],
    ]);
    const history = validateScenario(scripted).script.filter((a) => a.at <= 60_000);
    expect(history).toHaveLength(1);
    expect(baseline!.scenario).toEqual({ ...validateScenario(scripted), script: history });
    expect(variant!.scenario.script.slice(0, -1)).toEqual(baseline!.scenario.script);
    expect(variant!.scenario.script.at(-1)).toEqual({ at: 60_000, request: heavier.writes[0] });
    expect({ ...variant!.scenario, script: [] }).toEqual({ ...baseline!.scenario, script: [] });
  });

  it('without a baseline the variants come as asked', async () => {
    const forked = await runLab({ kind: 'fork', base: defaultScenario, at: 0, variants: [heavier, { name: 'same', writes: [] }] });
    if (forked.kind !== 'fork') throw new Error(JSON.stringify(forked));
    expect(forked.variants.map((v) => [v.name, v.changes, v.scenario.script.length])).toEqual([
      ['heavier web', 1, 1],
      ['same', 0, 0],
    ]);
  });

  it('compares two reports of one run: no difference', async () => {
    const forked = await runLab({ kind: 'fork', base: TWO_ROLES, at: 20_000, variants: [{ name: 'same', writes: [] }], baseline: 'as is' });
    if (forked.kind !== 'fork') throw new Error(JSON.stringify(forked));
    const report = await runVariant(forked.variants[0]!, 60_000, 10_000, { kernels: 'ts' });
    const compared = await runLab({ kind: 'compare', reports: [report, { ...report, name: 'again' }] });
    if (compared.kind !== 'compare') throw new Error(JSON.stringify(compared));
    expect(compared.comparison.variants).toEqual(['as is', 'again']);
    expect(compared.comparison.sameHistoryAtFork).toBe(true);
    expect(compared.comparison.differences).toEqual([]);
    expect(compared.comparison.rows.length).toBeGreaterThan(0);
  });

  it('answers an error for a comparison of no reports', async () => {
    expect(await runLab({ kind: 'compare', reports: [] })).toEqual({ kind: 'error', message: 'compareVariants needs at least one report' });
  });
});
