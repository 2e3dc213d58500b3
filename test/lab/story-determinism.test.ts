/** Narrated replay changes nothing and tells the same story twice (docs/narrated-replay.md). */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.ts';
import { replayStory } from '../../src/sandbox/story/index.ts';
import { AGENT_CRASH, FAILOVER } from './story-support.ts';

async function plainHash(scenario: unknown, untilMs: number): Promise<string> {
  const sb = await createSandbox(scenario, { allocator: 'ts', matcher: 'ts' });
  sb.advance(untilMs);
  return sb.historyHash();
}

describe('narrated replay', () => {
  it('leaves the history hash as it is without narration', async () => {
    for (const [scenario, until] of [
      [FAILOVER, 120_000],
      [AGENT_CRASH, 180_000],
    ] as const) {
      const story = await replayStory(scenario, until);
      expect(story.chapters.length).toBeGreaterThan(2);
      expect(story.historyHash).toBe(await plainHash(scenario, until));
    }
  });

  it('tells the same chapters for the same scenario, and with the Wasm kernels as with their twins', async () => {
    const a = await replayStory(FAILOVER, 120_000);
    const b = await replayStory(structuredClone(FAILOVER), 120_000);
    const wasm = await replayStory(FAILOVER, 120_000, { kernels: 'wasm' });
    expect(b.chapters).toEqual(a.chapters);
    expect(wasm.chapters).toEqual(a.chapters);
  });

  it('gives each chapter its moment, in order, for the time bar to seek to', async () => {
    const { chapters, until } = await replayStory(FAILOVER, 120_000);
    const crash = chapters.find((c) => c.title === 'Master-1 crashed');
    expect(crash?.at).toBe(60_000);
    expect(crash?.text).toContain("ZooKeeper's sessions for master-1");
    expect(crash?.highlights.masters).toContain('master-2');
    expect(chapters.map((c) => c.at)).toEqual(chapters.map((c) => c.at).sort((x, y) => x - y));
    for (const c of chapters) expect(c.until >= c.at && c.until <= until).toBe(true);
  });
});
