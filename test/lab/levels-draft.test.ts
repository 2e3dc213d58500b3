/** The level editor's pure parts (src/ui/pages/levels/level-draft.ts): the text round trip, the open cluster as a template, tries judged. */
import { describe, expect, it } from 'vitest';
import { levelProblem, runLevel, type RunResult } from '../../src/sandbox/levels/index.ts';
import { agentCrash, leaderKill } from '../../src/sandbox/levels/shipped-apps.ts';
import { clusterTemplate, draftText, expectationOf, readDraft } from '../../src/ui/pages/levels/level-draft.ts';
import { levelRouteOf, NEW_LEVEL_HREF } from '../../src/ui/pages/levels/level-route.ts';

describe('the level editor', () => {
  it('is reached at #/levels/new', () => {
    expect(levelRouteOf(NEW_LEVEL_HREF)).toEqual({ kind: 'new' });
    expect(levelRouteOf('#/levels/new?x=1')).toEqual({ kind: 'new' });
  });

  it("edits every field but the cluster, and reads the text back over the template's cluster", () => {
    const text = draftText(agentCrash);
    expect(JSON.parse(text)).not.toHaveProperty('scenario');
    expect(JSON.parse(text)).toMatchObject({ id: 'agent-crash', title: agentCrash.title, goals: agentCrash.goals });
    expect(readDraft(text, agentCrash.scenario)).toEqual({ ok: true, level: agentCrash });
    const own = readDraft('{"id": "x", "scenario": {"seed": 1}}', agentCrash.scenario);
    expect(own).toEqual({ ok: true, level: { id: 'x', scenario: { seed: 1 } } });
  });

  it('says why a text is not a level before asking the worker', () => {
    expect(readDraft('{"id": ', null)).toMatchObject({ ok: false, error: expect.stringMatching(/^not JSON: /) });
    expect(readDraft('[1]', null)).toEqual({ ok: false, error: 'a level must be a JSON object' });
    expect(readDraft('null', null)).toEqual({ ok: false, error: 'a level must be a JSON object' });
  });

  it('the open cluster as a template is a valid level whose naive changes lose and reference wins, as it says', async () => {
    const level = clusterTemplate(leaderKill.scenario);
    expect(levelProblem(level)).toBeNull();
    for (const which of ['naive', 'reference'] as const) {
      const result = await runLevel(level, level[which].changes, { kernels: 'ts' });
      expect(expectationOf(level[which], result), which).toMatchObject({ met: true });
    }
  });

  it('says how a try differs from what the level says', () => {
    const won: RunResult = { won: true, at: 240_000, events: 10, historyHash: 'h', skipped: [] };
    const lost: RunResult = {
      won: false,
      at: 135_000,
      violation: { text: '/shop has 0 running instances, fewer than 1' },
      events: 9,
      historyHash: 'h',
      skipped: [],
    };
    const refused: RunResult = {
      won: false,
      at: 0,
      violation: { text: 'refused: masters: no' },
      events: 0,
      historyHash: '',
      refused: true,
      skipped: [],
    };
    expect(expectationOf(agentCrash.reference, won)).toEqual({ met: true, text: 'As the level says: won.' });
    expect(expectationOf(agentCrash.reference, lost)).toEqual({ met: false, text: 'The level says this wins, but it is lost at 2:15.' });
    expect(expectationOf(agentCrash.naive, lost)).toEqual({
      met: true,
      text: 'As the level says: lost at 2:15 (“/shop has 0 running instances, fewer than 1”).',
    });
    expect(expectationOf({ ...agentCrash.naive, expect: { won: false, at: 135_000, violation: '/shop' } }, won)).toEqual({
      met: false,
      text: 'The level says this is lost at 2:15 (“/shop”), but it wins.',
    });
    expect(expectationOf({ ...agentCrash.naive, expect: { won: false, at: 60_000, violation: '/shop' } }, lost)).toEqual({
      met: false,
      text: 'The level says this is lost at 1:00 (“/shop”), but it is lost at 2:15: /shop has 0 running instances, fewer than 1.',
    });
    expect(expectationOf(agentCrash.reference, refused)).toEqual({
      met: false,
      text: 'The level refuses these changes: refused: masters: no',
    });
  });
});
