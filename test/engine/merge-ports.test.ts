/** mergePorts' linear merge answers exactly what normalizing the concatenation answers, sorted inputs or not. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergePorts, normalizePorts } from '../../src/common/resources.ts';
import type { PortRanges } from '../../src/common/scenario/types.ts';

const range = fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 20 })).map(([b, len]): [number, number] => [b, b + len]);
const ranges = fc.array(range, { maxLength: 12 });
const normalized = ranges.map((r) => normalizePorts(r));

describe('mergePorts', () => {
  it('equals normalizePorts of both, for normalized inputs (the engine case) and any others', () => {
    fc.assert(
      fc.property(fc.oneof(normalized, ranges), fc.oneof(normalized, ranges), (a: PortRanges, b: PortRanges) => {
        const copyA = structuredClone(a);
        const copyB = structuredClone(b);
        expect(mergePorts(a, b)).toEqual(normalizePorts([...a, ...b]));
        expect([a, b]).toEqual([copyA, copyB]); // the inputs are left as they were
      }),
      { seed: 21, numRuns: 2000 },
    );
  });
});
