/** The What-if page's comparison layout (src/ui/pages/forks/figures.ts): clock, sentences, figure groups, placements. */
import { describe, expect, it } from 'vitest';
import type { ComparisonRow, VariantReport } from '../../../src/sandbox/forks/types.ts';
import { figureGroups, forkClock, formatFigure, placementRows, sentenceParts } from '../../../src/ui/pages/forks/figures.ts';

describe('forkClock', () => {
  it('whole seconds down, hours only when there are some', () => {
    expect(forkClock(0)).toBe('0:00');
    expect(forkClock(-5000)).toBe('0:00');
    expect(forkClock(999)).toBe('0:00');
    expect(forkClock(59_999)).toBe('0:59');
    expect(forkClock(60_000)).toBe('1:00');
    expect(forkClock(195_000)).toBe('3:15');
    expect(forkClock(3_599_999)).toBe('59:59');
    expect(forkClock(3_600_000)).toBe('1:00:00');
    expect(forkClock(3_795_000)).toBe('1:03:15');
    expect(forkClock(36_000_000 + 65_000)).toBe('10:01:05');
  });
});

describe('sentenceParts', () => {
  it('capitalises the first letter and makes the backticked names code', () => {
    expect(sentenceParts('with `heavier web`, `analytics` held 12 tasks')).toEqual([
      { text: 'With ', code: false },
      { text: 'heavier web', code: true },
      { text: ', ', code: false },
      { text: 'analytics', code: true },
      { text: ' held 12 tasks', code: false },
    ]);
    expect(sentenceParts('`/web` waited 0:30')).toEqual([
      { text: '/web', code: true },
      { text: ' waited 0:30', code: false },
    ]);
    expect(sentenceParts('nothing differs')).toEqual([{ text: 'Nothing differs', code: false }]);
    expect(sentenceParts('')).toEqual([]);
  });
});

describe('formatFigure', () => {
  it('a dash for none, shares in percent, times on the clock, counts as they are', () => {
    expect(formatFigure('role tasks', null)).toBe('—');
    // Whole percents, as the differences count shares (two decimals).
    expect(formatFigure('role share', 0.256)).toBe('26%');
    expect(formatFigure('role share', 0.12345)).toBe('12%');
    expect(formatFigure('app waiting ms', 65_000)).toBe('1:05');
    expect(formatFigure('app deployment ms', 3_600_500)).toBe('1:00:00');
    expect(formatFigure('role tasks', 7)).toBe('7');
    expect(formatFigure('app unfinished deployments', 0)).toBe('0');
  });
});

describe('figureGroups', () => {
  const rows: ComparisonRow[] = [
    { subject: 'analytics', metric: 'role tasks', values: [3, 3, 4] },
    { subject: 'analytics', metric: 'role share', values: [0.251, 0.254, 0.256] },
    { subject: '/web', metric: 'app running', values: [2, null, 2] },
    { subject: '/web', metric: 'app waiting ms', values: [10_000, 10_999, 11_000] },
    { subject: '/web', metric: 'app deployment ms', values: [null, null, 5000] },
    { subject: 'web', metric: 'role share', values: [0.1, 0.1] },
  ];

  it('groups rows by subject in order, labelled, with the figures that differ from the baseline', () => {
    const groups = figureGroups(rows);
    expect(groups.map((g) => [g.subject, g.kind, g.rows.length])).toEqual([
      ['analytics', 'role', 2],
      ['/web', 'app', 3],
      ['web', 'role', 1],
    ]);
    const [analytics, web, role] = groups;
    expect(analytics!.rows[0]).toEqual({ ...rows[0], label: 'Tasks running', changed: [false, false, true] });
    // Shares count at two decimals: 25.1 % and 25.4 % are one figure, 25.6 % another.
    expect(analytics!.rows[1]).toEqual({ ...rows[1], label: 'Dominant share', changed: [false, false, true] });
    expect(web!.rows.map((r) => [r.label, r.changed])).toEqual([
      ['Instances running', [false, true, false]],
      // Times count to the second: 999 ms apart is the same, 1000 ms is not.
      ['Time waiting', [false, false, true]],
      ['Deployment time', [false, false, true]],
    ]);
    expect(role!.rows[0]!.changed).toEqual([false, false]);
  });

  it('the baseline is never changed, and a row without values has no flags', () => {
    expect(figureGroups([{ subject: '/a', metric: 'app waiting', values: [null, 0] }])[0]!.rows[0]!.changed).toEqual([false, true]);
    expect(figureGroups([{ subject: '/a', metric: 'app waiting', values: [] }])[0]!.rows[0]!.changed).toEqual([]);
    expect(figureGroups([])).toEqual([]);
  });
});

describe('placementRows', () => {
  const report = (name: string, placements: VariantReport['placements']): VariantReport => ({
    name,
    at: 0,
    until: 60_000,
    sampleEveryMs: 10_000,
    hashAtFork: 'h',
    hashAtEnd: 'h',
    events: 0,
    writes: [],
    samples: [],
    placements,
    deployments: [],
    waitingMs: {},
  });

  it("Marathon apps only, agents in natural order, each variant's cell flagged when it is not the baseline's", () => {
    const rows = placementRows([
      report('as is', { '/web': { a10: 1, a2: 1 }, spark: { a1: 3, a2: 2 } }),
      report('more', { '/web': { a2: 2 }, '/api': { a3: 1 }, spark: { a9: 1 } }),
      report('same', { '/web': { a2: 1, a10: 1, a3: 0 } }),
    ]);
    expect(rows).toEqual([
      {
        agent: 'a2',
        cells: [
          { apps: [{ app: '/web', tasks: 1 }], changed: false },
          { apps: [{ app: '/web', tasks: 2 }], changed: true },
          { apps: [{ app: '/web', tasks: 1 }], changed: false },
        ],
      },
      {
        agent: 'a3',
        cells: [
          { apps: [], changed: false },
          { apps: [{ app: '/api', tasks: 1 }], changed: true },
          { apps: [], changed: false },
        ],
      },
      {
        agent: 'a10',
        cells: [
          { apps: [{ app: '/web', tasks: 1 }], changed: false },
          { apps: [], changed: true },
          { apps: [{ app: '/web', tasks: 1 }], changed: false },
        ],
      },
    ]);
  });

  it('lists the apps on an agent in natural order too, and nothing for no reports', () => {
    const rows = placementRows([
      report('as is', { '/app10': { b: 1 }, '/app9': { b: 2 } }),
      report('v', { '/app9': { b: 2 }, '/app10': { b: 1 } }),
    ]);
    expect(rows).toEqual([
      {
        agent: 'b',
        cells: [
          {
            apps: [
              { app: '/app9', tasks: 2 },
              { app: '/app10', tasks: 1 },
            ],
            changed: false,
          },
          {
            apps: [
              { app: '/app9', tasks: 2 },
              { app: '/app10', tasks: 1 },
            ],
            changed: false,
          },
        ],
      },
    ]);
    expect(placementRows([])).toEqual([]);
    expect(placementRows([report('as is', { spark: { a1: 1 } })])).toEqual([]);
  });
});
