/** Rng.uuid: the same ids, from the same draws, as the plain formula (hex of each draw, cut to length). */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/core/rng.ts';

function plainUuid(rng: Rng): string {
  const hex = (n: number) => (rng.nextUint32() >>> 0).toString(16).padStart(8, '0').slice(0, n);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${((rng.nextUint32() & 0x3) | 0x8).toString(16)}${hex(3)}-${hex(8)}${hex(4)}`;
}

describe('Rng.uuid', () => {
  it('answers what the plain formula answers, draw for draw', () => {
    for (const seed of [1, 42, 2 ** 31 - 1]) {
      const [a, b] = [Rng.fromSeed(seed), Rng.fromSeed(seed)];
      for (let k = 0; k < 2000; k++) expect(a.uuid()).toBe(plainUuid(b));
      expect(a.nextUint32()).toBe(b.nextUint32());
    }
  });
});
