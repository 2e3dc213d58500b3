/** What the Levels page asks the lab worker (src/worker/lab.ts): the shipped levels, the whitelist check, links, runs. */
import { describe, expect, it } from 'vitest';
import { runLab } from '../../src/worker/lab.ts';
import { LEVELS } from '../../src/sandbox/levels/index.ts';
import { verdictOf } from '../../src/ui/pages/levels/level-words.ts';

const agentCrash = LEVELS.find((l) => l.id === 'agent-crash')!;

describe('the lab, for the Levels page', () => {
  it('lists the shipped levels with their goals in words', async () => {
    const answer = await runLab({ kind: 'levels' });
    if (answer.kind !== 'levels') throw new Error(answer.kind);
    expect(answer.levels.map((l) => l.level.id)).toEqual(LEVELS.map((l) => l.id));
    expect(answer.levels[0]!.goals).toEqual(['/shop never has fewer than 1 running instances (from 0:30)']);
  });

  it("judges a player's changes against the whitelist without running them", async () => {
    expect(await runLab({ kind: 'level-check', level: agentCrash, changes: agentCrash.reference.changes })).toEqual({
      kind: 'level-check',
      problem: null,
    });
    expect(await runLab({ kind: 'level-check', level: agentCrash, changes: { apps: { '/shop': { cpus: 2 } } } })).toEqual({
      kind: 'level-check',
      problem: 'apps./shop.cpus: not a field this level lets you change (allowed: instances, constraints)',
    });
  });

  it('makes a level link and reads it back, and says why a link is not one', async () => {
    const made = await runLab({ kind: 'level-link', level: agentCrash });
    if (made.kind !== 'level-link') throw new Error(made.kind);
    expect(made.link).toMatch(/^l=1\./);
    const read = await runLab({ kind: 'level-read', link: made.link });
    if (read.kind !== 'level-read') throw new Error(read.kind);
    expect(read.level.level).toEqual(agentCrash);
    expect(await runLab({ kind: 'level-read', link: 'l=1.!!!' })).toMatchObject({ kind: 'error' });
  });

  it('plays the naive changes to the stated loss and the reference to a win, in words', async () => {
    const naive = await runLab({ kind: 'level', level: agentCrash, changes: agentCrash.naive.changes });
    if (naive.kind !== 'level') throw new Error(naive.kind);
    const lost = verdictOf(naive.result);
    expect(lost.title).toBe('Lost at 2:15');
    expect(lost.text).toBe('/shop has 0 running instances, fewer than 1');
    expect(lost.blame[0]).toEqual(['app', '/shop']);
    const reference = await runLab({ kind: 'level', level: agentCrash, changes: agentCrash.reference.changes });
    if (reference.kind !== 'level') throw new Error(reference.kind);
    expect(verdictOf(reference.result).title).toBe('Won');
  });
});
