/** Every shipped chaos level is won by its reference solution and lost by its naive one, at the moment stated. */
import { describe, expect, it } from 'vitest';
import { LEVELS, runLevel } from '../../src/sandbox/levels/index.ts';

describe('shipped chaos levels', () => {
  it('ships at least nine levels with distinct ids', () => {
    expect(LEVELS.length).toBeGreaterThanOrEqual(9);
    expect(new Set(LEVELS.map((l) => l.id)).size).toBe(LEVELS.length);
  });

  for (const level of LEVELS) {
    describe(level.id, () => {
      it('is won by its reference solution', async () => {
        const result = await runLevel(level, level.reference.changes, { kernels: 'ts' });
        expect(result.won ? null : result.violation).toBeNull();
        expect(result.at).toBe(level.until);
        expect(result.skipped).toEqual([]);
      });

      it('is lost by its naive solution at the moment stated, with the violation stated', async () => {
        const expected = level.naive.expect;
        if (expected.won) throw new Error('a naive solution must lose');
        const result = await runLevel(level, level.naive.changes, { kernels: 'ts' });
        expect(result.won).toBe(false);
        if (result.won) return;
        expect(result.at).toBe(expected.at);
        expect(result.violation.text).toContain(expected.violation);
        expect(result.at).toBeLessThanOrEqual(level.until);
        expect(result.skipped).toEqual([]);
      });
    });
  }
});
