/** skipPermutation leaves the seeded stream exactly where permutation would (idle allocation runs rely on it). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/core/rng.ts';

describe('Rng.skipPermutation', () => {
  it('moves the stream as permutation(n) does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 300 }), (seed, n) => {
        const built = Rng.fromSeed(seed);
        const skipped = Rng.fromSeed(seed);
        built.permutation(n);
        skipped.skipPermutation(n);
        expect(skipped.state).toEqual(built.state);
        expect(skipped.next()).toBe(built.next());
      }),
      { seed: 22, numRuns: 300 },
    );
  });
});
