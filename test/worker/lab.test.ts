/** The worker's experiment lab runs (src/worker/lab.ts): a story and a level, each in a throwaway sandbox. */
import { describe, expect, it } from 'vitest';
import { runLab } from '../../src/worker/lab.ts';
import { LEVELS } from '../../src/sandbox/levels/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';

describe('runLab', () => {
  it("tells a scenario's story up to a moment", async () => {
    const told = await runLab({ kind: 'story', scenario: defaultScenario, untilMs: 60_000 });
    expect(told.kind).toBe('story');
    if (told.kind !== 'story') return;
    expect(told.chapters.length).toBeGreaterThan(0);
    expect(told.until).toBe(60_000);
    expect(told.chapters.every((c) => c.at <= 60_000)).toBe(true);
  });

  it('plays a level with its naive changes and hands back the run as a scenario to open', async () => {
    const level = LEVELS.find((l) => l.id === 'agent-crash')!;
    const played = await runLab({ kind: 'level', level, changes: level.naive.changes });
    expect(played.kind).toBe('level');
    if (played.kind !== 'level') return;
    expect(played.result.won).toBe(false);
    expect(played.result.played?.script.length).toBeGreaterThan(0);
  });

  it('answers an error it can show for a scenario that is not one', async () => {
    expect(await runLab({ kind: 'story', scenario: { nonsense: true }, untilMs: 1000 })).toMatchObject({ kind: 'error' });
  });
});
