/** compareVariants states only differences that exist; forkScenarios refuses what can never run, with the reason. */
import { describe, expect, it } from 'vitest';
import { compareVariants, ForkError, forkScenarios, runVariant, writeProblem } from '../../src/sandbox/forks/index.ts';
import { ONE_APP, scaleWeb, TWO_ROLES, weight } from './forks-support.ts';

describe('compareVariants', () => {
  it('a fork with no change has no difference at all', async () => {
    const forks = forkScenarios(TWO_ROLES, 30_000, [{ name: 'same', writes: [] }], { baseline: 'as is' });
    const reports = await Promise.all(forks.map((v) => runVariant(v, 120_000, 10_000, { kernels: 'ts' })));
    const c = compareVariants(reports);
    expect(c.differences).toEqual([]);
    expect(c.summary).toEqual(['with same, nothing differs from as is by 2:00']);
    expect(c.rows.length).toBeGreaterThan(0);
    for (const row of c.rows) expect(row.values[1]).toEqual(row.values[0]);
  });

  it('names a write the cluster refused at the fork', async () => {
    const forks = forkScenarios(ONE_APP, 20_000, [{ name: 'ghost', writes: [{ method: 'DELETE', path: '/sandbox/v1/agents/nope' }] }], {
      baseline: 'as is',
    });
    const reports = await Promise.all(forks.map((v) => runVariant(v, 30_000, 10_000, { kernels: 'ts' })));
    expect(reports[1]!.writes[0]!.status).toBe(404);
    const c = compareVariants(reports);
    expect(c.differences).toEqual([expect.objectContaining({ variant: 'ghost', metric: 'write refused', value: 404 })]);
    expect(c.summary[0]).toMatch(/^with ghost, its write DELETE \/sandbox\/v1\/agents\/nope was refused \(404: /);
  });
});

describe('forkScenarios refuses early', () => {
  const one = (writes: unknown[]) => [{ name: 'v', writes }] as Parameters<typeof forkScenarios>[2];
  const refusal = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      if (e instanceof ForkError) return e.message;
      throw e;
    }
    return 'no refusal';
  };

  it('names the variant, the write and what is wrong with it', () => {
    const fork = (writes: unknown[]) => refusal(() => forkScenarios(ONE_APP, 1000, one(writes), { baseline: 'base' }));
    expect(fork([{ method: 'PUT', path: '/mesos/weights', body: [{ role: 'a', weight: 0 }] }])).toBe(
      'variants[0] (v).writes[0]: PUT /mesos/weights body[0].weight must be a number above 0',
    );
    expect(fork([{ method: 'PUT', path: '/mesos/quota', body: {} }])).toMatch(/PUT \/mesos\/quota takes POST/);
    expect(fork([{ method: 'GET', path: '/mesos/master/state' }])).toMatch(/GET \/mesos\/master\/state is not a write/);
    expect(fork([scaleWeb(-1)])).toMatch(/body.instances must be a whole number/);
    expect(fork([{ method: 'PUT', path: '/marathon/v2/apps/web', body: { id: '/api' } }])).toMatch(
      /body.id \/api is not the app of the path/,
    );
    expect(fork([{ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'meteor' } }])).toMatch(/unknown fault kind 'meteor'/);
    expect(fork([{ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-crash' } }])).toMatch(/'agent-crash' needs a target/);
    expect(fork([{ method: 'PUT', path: '/sandbox/v1/agents/a1' }])).toMatch(/takes DELETE/);
  });

  it('checks the variants, the time and the base scenario', () => {
    expect(refusal(() => forkScenarios(ONE_APP, 1000, one([])))).toBe('a fork has 2 to 4 variants (the baseline counted), not 1');
    const five = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name, writes: [] }));
    expect(refusal(() => forkScenarios(ONE_APP, 1000, five))).toBe('a fork has 2 to 4 variants (the baseline counted), not 5');
    expect(refusal(() => forkScenarios(ONE_APP, 1000, one([]), { baseline: 'v' }))).toBe("variants[0].name: 'v' is used twice");
    expect(refusal(() => forkScenarios(ONE_APP, -1, one([]), { baseline: 'b' }))).toMatch(/^at: must be a number/);
    expect(refusal(() => forkScenarios({ seed: 'x' }, 0, one([]), { baseline: 'b' }))).toMatch(/^base scenario: /);
  });

  it('accepts the writes a what-if is made of', () => {
    for (const w of [
      weight('web', 3),
      scaleWeb(3, [['hostname', 'UNIQUE']]),
      { method: 'POST', path: '/mesos/quota', body: { role: 'web', guarantee: [] } },
      { method: 'POST', path: '/sandbox/v1/agents' },
      { method: 'DELETE', path: '/sandbox/v1/agents/a1' },
      { method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-crash', target: 'a1' } },
      { method: 'POST', path: '/sandbox/v1/faults', body: '{"kind": "heal"}' },
    ])
      expect(writeProblem(w)).toBeNull();
  });
});
