import { describe, expect, it } from 'vitest';
import type { SandboxSnapshot } from '../../src/sandbox/types.ts';
import { Checkpoints } from '../../src/worker/checkpoints.ts';

const fake = (now: number) => () => ({ now }) as SandboxSnapshot;

describe('Checkpoints', () => {
  it('keeps a snapshot every spacing of simulated time and finds the latest at or before a moment', () => {
    const kept = new Checkpoints({ max: 10, spacingMs: 1000, minWallMs: 0 });
    for (let t = 0; t <= 5000; t += 250) kept.offer(t, null, fake(t));
    expect(kept.times).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(kept.nearest(2999)?.now).toBe(2000);
    expect(kept.nearest(3000)?.now).toBe(3000);
    expect(kept.nearest(-1)).toBeNull();
  });

  it('thins out to every other snapshot and doubles the spacing when full', () => {
    const kept = new Checkpoints({ max: 4, spacingMs: 1000, minWallMs: 0 });
    for (let t = 0; t <= 4000; t += 1000) kept.offer(t, null, fake(t));
    expect(kept.times).toEqual([0, 2000, 4000]);
    for (let t = 5000; t <= 7000; t += 1000) kept.offer(t, null, fake(t));
    expect(kept.times).toEqual([0, 2000, 4000, 6000]);
    kept.offer(8000, null, fake(8000));
    expect(kept.times).toEqual([0, 4000, 8000]);
  });

  it('keeps snapshots of a playing cluster apart in wall time, but not those of a jump', () => {
    const kept = new Checkpoints({ max: 10, spacingMs: 1000, minWallMs: 500 });
    kept.offer(0, 0, fake(0));
    kept.offer(5000, 100, fake(5000));
    expect(kept.times).toEqual([0]);
    kept.offer(6000, 600, fake(6000));
    kept.offer(9000, null, fake(9000));
    expect(kept.times).toEqual([0, 6000, 9000]);
  });

  it('drops the snapshots past a fork, and all on clear', () => {
    const kept = new Checkpoints({ max: 10, spacingMs: 1000, minWallMs: 0 });
    for (let t = 0; t <= 4000; t += 1000) kept.offer(t, null, fake(t));
    kept.dropAfter(2500);
    expect(kept.times).toEqual([0, 1000, 2000]);
    kept.clear();
    expect(kept.size).toBe(0);
  });
});
