import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.ts';
import { defaultScenario, largeScenario } from '../../src/common/scenario/examples.ts';

async function hashAfter(scenario: unknown, ms: number, allocator: 'wasm' | 'ts' = 'wasm') {
  const sb = await createSandbox(scenario, { allocator });
  sb.advance(ms);
  return { hash: sb.historyHash(), events: sb.eventCount };
}

describe('determinism', () => {
  it('same scenario and seed give the same history', async () => {
    const a = await hashAfter(defaultScenario, 300_000);
    const b = await hashAfter(structuredClone(defaultScenario), 300_000);
    expect(a.events).toBeGreaterThan(1000);
    expect(a).toEqual(b);
  });

  it('a different seed gives a different history', async () => {
    const a = await hashAfter(defaultScenario, 60_000);
    const b = await hashAfter({ ...defaultScenario, seed: 43 }, 60_000);
    expect(a.hash).not.toBe(b.hash);
  });

  it('advancing in many small steps equals one big step', async () => {
    const whole = await hashAfter(defaultScenario, 120_000);
    const sb = await createSandbox(defaultScenario);
    for (let i = 0; i < 1200; i++) sb.advance(100);
    expect({ hash: sb.historyHash(), events: sb.eventCount }).toEqual(whole);
  });

  it('the Wasm kernel and the TypeScript twin produce the same history', async () => {
    const s = largeScenario(200, 30);
    expect(await hashAfter(s, 120_000, 'wasm')).toEqual(await hashAfter(s, 120_000, 'ts'));
  });

  it('snapshots are plain data that survive JSON', async () => {
    const sb = await createSandbox(defaultScenario);
    sb.advance(30_000);
    const snap = sb.snapshot();
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    expect(snap.pending.length).toBeGreaterThan(0);
  });
});
