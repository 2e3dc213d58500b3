import { describe, expect, it } from 'vitest';
import { formatAge, formatSimTime } from '../../src/ui/format.ts';
import { messageOf, nameProblem, rowsOf } from '../../src/ui/pages/clusters/clusters-list.ts';
import { routeFromHash } from '../../src/ui/state/routes.ts';
import { MAX_NAME_LENGTH, PersistError, type ClusterList } from '../../src/persist/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('formatSimTime', () => {
  it('shows simulated time to the second, like the header without tenths', () => {
    expect(formatSimTime(0)).toBe('0d 00:00:00');
    expect(formatSimTime(65_900)).toBe('0d 00:01:05');
    expect(formatSimTime(90_061_000)).toBe('1d 01:01:01');
    expect(formatSimTime(-5)).toBe('0d 00:00:00');
  });
});

describe('formatAge', () => {
  const local = (t: number): string => `local(${t})`;
  const now = 1_000 * HOUR;

  it('says how long ago, then falls back to the local time', () => {
    expect(formatAge(now, now, local)).toBe('just now');
    expect(formatAge(now - 59_000, now, local)).toBe('just now');
    expect(formatAge(now - MIN, now, local)).toBe('1 min ago');
    expect(formatAge(now - 59 * MIN, now, local)).toBe('59 min ago');
    expect(formatAge(now - 3 * HOUR - 5, now, local)).toBe('3 h ago');
    expect(formatAge(now - 24 * HOUR, now, local)).toBe(`local(${now - 24 * HOUR})`);
  });

  it('does not say "in the future" when the wall clock went back', () => {
    expect(formatAge(now + 10_000, now, local)).toBe('just now');
    expect(formatAge(now + 2 * MIN, now, local)).toBe(`local(${now + 2 * MIN})`);
  });

  it('has a default local format', () => {
    expect(formatAge(0, 2 * 24 * HOUR)).not.toBe('');
  });
});

describe('cluster names', () => {
  it('needs something besides spaces, at most MAX_NAME_LENGTH after collapsing spaces', () => {
    expect(nameProblem('')).toMatch(/needs a name/);
    expect(nameProblem('  \t ')).toMatch(/needs a name/);
    expect(nameProblem('prod')).toBeNull();
    expect(nameProblem('a'.repeat(MAX_NAME_LENGTH))).toBeNull();
    expect(nameProblem(`  ${'a'.repeat(MAX_NAME_LENGTH)}  `)).toBeNull();
    expect(nameProblem('a'.repeat(MAX_NAME_LENGTH + 1))).toMatch(`At most ${MAX_NAME_LENGTH}`);
  });
});

describe('rows', () => {
  it('drop the scenario and label corrupt records by name, else by id', () => {
    const list: ClusterList = {
      clusters: [{ id: 'a', name: 'A', scenario: defaultScenario, at: 5, createdAt: 1, updatedAt: 2, schema: 2 }],
      corrupt: [
        { id: 'b', name: 'B', error: new PersistError('corrupt', 'at') },
        { id: 'c', name: null, error: new PersistError('corrupt', 'name') },
      ],
    };
    const rows = rowsOf(list);
    expect(rows.clusters).toEqual([{ id: 'a', name: 'A', at: 5, updatedAt: 2 }]);
    expect(rows.corrupt.map((r) => r.label)).toEqual(['B', 'c']);
    expect(rows.corrupt[0]!.error).toMatch(/cannot be read back.*\(at\)/);
  });

  it('turn anything thrown into a sentence', () => {
    expect(messageOf(new RangeError('bad'))).toBe('bad');
    expect(messageOf('plain')).toBe('plain');
  });
});

describe('clusters route', () => {
  it('has its own hash, and the default page stays the dashboard', () => {
    expect(routeFromHash('#/clusters').id).toBe('clusters');
    expect(routeFromHash('').id).toBe('dashboard');
  });
});
