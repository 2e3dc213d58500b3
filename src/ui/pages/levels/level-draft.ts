/**
 * The level editor's pure parts (#/levels/new): a template as the text the author edits (every field of the level
 * but its cluster, which stays the template's), that text read back into a level, the open cluster as a template,
 * and a tried solution judged against what the level says it comes to. Whether a draft is a valid level is the
 * worker's check (`levelProblem`, the lab's 'level-validate').
 */
import type { RunResult } from '../../../sandbox/levels/runner.ts';
import type { Level, Solution } from '../../../sandbox/levels/types.ts';
import { levelClock } from './level-words.ts';

/** The editor's text: the level without its scenario, as pretty JSON. */
export function draftText(level: Level): string {
  const fields: Partial<Level> = { ...level };
  delete fields.scenario;
  return JSON.stringify(fields, null, 2);
}

export type ReadDraft = { ok: true; level: unknown } | { ok: false; error: string };

/** The text as a level over `scenario` (a `scenario` written in the text replaces it). */
export function readDraft(text: string, scenario: unknown): ReadDraft {
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch (e) {
    return { ok: false, error: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: 'a level must be a JSON object' };
  return { ok: true, level: { scenario, ...raw } };
}

/** A first level over the open cluster: its leading master crashes at 1:00, and one must lead again within 30 s. */
export function clusterTemplate(scenario: unknown): Level {
  return {
    id: 'my-cluster',
    title: 'My cluster loses its leader',
    story: 'At 1:00 the leading Mesos master of this cluster crashes and stays down: a new one must lead within 30 s.',
    scenario,
    faults: [{ at: 60_000, fault: { kind: 'master-crash', target: '{{leader}}' } }],
    goals: [{ kind: 'leader', maxMs: 30_000 }],
    until: 180_000,
    allowed: { masters: [1, 3, 5] },
    reference: { changes: { masters: 3 }, expect: { won: true } },
    naive: { changes: { masters: 1 }, expect: { won: false, at: 92_000, violation: 'no Mesos master has led' } },
  };
}

/** Whether a tried solution came to what the level says (`expect`), in words. */
export function expectationOf(solution: Solution, result: RunResult): { met: boolean; text: string } {
  const expect = solution.expect;
  if ('refused' in result) return { met: false, text: `The level refuses these changes: ${result.violation.text}` };
  if (expect.won)
    return result.won
      ? { met: true, text: 'As the level says: won.' }
      : { met: false, text: `The level says this wins, but it is lost at ${levelClock(result.at)}.` };
  const said = `lost at ${levelClock(expect.at)} (“${expect.violation}”)`;
  if (result.won) return { met: false, text: `The level says this is ${said}, but it wins.` };
  if (result.at === expect.at && result.violation.text.includes(expect.violation))
    return { met: true, text: `As the level says: ${said}.` };
  return { met: false, text: `The level says this is ${said}, but it is lost at ${levelClock(result.at)}: ${result.violation.text}.` };
}
