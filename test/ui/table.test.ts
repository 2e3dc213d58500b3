import { describe, expect, it } from 'vitest';
import { ariaSort, nextSort, sortArrow, type ColumnSort } from '../../src/ui/components/table/sort.ts';
import { visibleWindow } from '../../src/ui/components/table/window.ts';
import { compareValues } from '../../src/ui/pages/services/compare.ts';

describe('visibleWindow', () => {
  it('renders the rows in view plus the overscan after them at the top', () => {
    // 600 px of 30 px rows: rows 0-19 in view, 6 more below.
    expect(visibleWindow(0, 600, 30, 10_000, 6)).toEqual({ first: 0, last: 26 });
  });

  it('adds the overscan on both sides once scrolled', () => {
    // scrollTop 3000 → row 100 at the top; 20 rows in view.
    expect(visibleWindow(3000, 600, 30, 10_000, 6)).toEqual({ first: 94, last: 126 });
    // Half a row scrolled: the half-shown rows at both edges count.
    expect(visibleWindow(3015, 600, 30, 10_000, 0)).toEqual({ first: 100, last: 121 });
  });

  it('stops at the end of the list', () => {
    expect(visibleWindow(299_400, 600, 30, 10_000, 8)).toEqual({ first: 9972, last: 10_000 });
  });

  it('renders everything when the list fits, and nothing when it is empty', () => {
    expect(visibleWindow(0, 600, 38, 5, 6)).toEqual({ first: 0, last: 5 });
    expect(visibleWindow(0, 600, 38, 0, 6)).toEqual({ first: 0, last: 0 });
  });

  it('never starts after it ends when the list shrinks under a scrolled box', () => {
    // 10,000 rows scrolled far down, then a filter leaves 3: the box has not clamped scrollTop yet.
    const w = visibleWindow(150_000, 600, 30, 3, 6);
    expect(w).toEqual({ first: 3, last: 3 });
    expect(w.first).toBeLessThanOrEqual(w.last);
  });

  it('covers the whole list between the spacers and the rows', () => {
    for (const scrollTop of [0, 17, 450, 2999, 29_400]) {
      const { first, last } = visibleWindow(scrollTop, 500, 30, 1000, 8);
      const before = first * 30;
      const after = (1000 - last) * 30;
      expect(before + (last - first) * 30 + after).toBe(1000 * 30);
      // The view itself is always inside the rendered rows.
      expect(before).toBeLessThanOrEqual(scrollTop);
      expect(Math.min(1000 * 30, scrollTop + 500)).toBeLessThanOrEqual(last * 30);
    }
  });
});

describe('column sort', () => {
  type Key = 'name' | 'cpus';
  const byName: ColumnSort<Key> = { key: 'name', descending: false };

  it('flips the direction of the sorted column', () => {
    expect(nextSort(byName, 'name', false)).toEqual({ key: 'name', descending: true });
    expect(nextSort({ key: 'name', descending: true }, 'name', false)).toEqual({ key: 'name', descending: false });
  });

  it('starts another column in its own first direction', () => {
    expect(nextSort(byName, 'cpus', true)).toEqual({ key: 'cpus', descending: true });
    expect(nextSort({ key: 'cpus', descending: true }, 'name', false)).toEqual({ key: 'name', descending: false });
  });

  it('marks only the sorted column', () => {
    expect(ariaSort(byName, 'name')).toBe('ascending');
    expect(ariaSort({ key: 'name', descending: true }, 'name')).toBe('descending');
    expect(ariaSort(byName, 'cpus')).toBe('none');
    expect(sortArrow(byName, 'name')).toBe('▴');
    expect(sortArrow({ key: 'name', descending: true }, 'name')).toBe('▾');
    expect(sortArrow(byName, 'cpus')).toBe('');
  });
});

describe('compareValues', () => {
  it('compares numbers by value and text in natural order', () => {
    expect(compareValues(2, 10)).toBeLessThan(0);
    expect(compareValues(10, 2)).toBeGreaterThan(0);
    expect(compareValues(3, 3)).toBe(0);
    expect(compareValues('agent-2', 'agent-10')).toBeLessThan(0);
    expect(compareValues('b', 'a')).toBeGreaterThan(0);
  });
});
