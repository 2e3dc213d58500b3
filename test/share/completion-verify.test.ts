/**
 * Completion codes end to end in Node: two lessons played by their "Show me" path, encoded, decoded and
 * verified by a replay; codes that claim more than their actions do fail, naming what differs.
 */
import { describe, expect, it } from 'vitest';
import { decodeCompletion, encodeCompletion, type LessonClaim } from '../../src/share/completion-code.ts';
import { sealCompletion, verifyCompletion } from '../../src/share/completion-verify.ts';
import { LESSONS, lessonById } from '../../src/tutorial/lessons/index.ts';
import { playLesson, sandboxDriver } from './completion-support.ts';

async function roundTrip(claim: LessonClaim) {
  const decoded = await decodeCompletion(await encodeCompletion(claim));
  if (!decoded.ok) throw new Error(decoded.reason);
  if (decoded.claim.kind !== 'lesson') throw new Error('a lesson code decoded as a level code');
  return verifyCompletion(decoded.claim, sandboxDriver(), LESSONS);
}

describe.each(['first-app', 'tour', 'two-level'])('lesson %s', (id) => {
  const lesson = lessonById(id)!;

  it('a code made from its "Show me" run verifies', async () => {
    const claim = await playLesson(lesson);
    const verdict = await roundTrip(claim);
    expect(verdict).toMatchObject({ ok: true, finishedAt: claim.finishedAt });
    expect(verdict.lesson?.id).toBe(id);
  });

  it("sealing the run (the page's way of making its code) gives the live run's history hash", async () => {
    const { historyHash, ...unsealed } = await playLesson(lesson);
    expect(await sealCompletion(unsealed, sandboxDriver(), LESSONS)).toEqual({ ok: true, claim: { ...unsealed, historyHash } });
  });

  it('a run that stops one step short fails, naming the step it did not reach', async () => {
    const short = await playLesson(lesson, lesson.steps.length - 1);
    const n = lesson.steps.length;
    const verdict = await roundTrip(short);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.reason).toBe(
      `The actions complete step ${n - 1} “${lesson.steps[n - 2]!.title}” but not step ${n} “${lesson.steps[n - 1]!.title}” by the claimed finish.`,
    );
  });
});

describe('false claims with a valid checksum', () => {
  it('fail with the first thing that differs', async () => {
    const claim = await playLesson(lessonById('first-app')!);
    const reasonOf = async (c: LessonClaim) => {
      const v = await roundTrip(c);
      return v.ok ? 'verified' : v.reason;
    };
    // A later finish: every goal met, but the history at that moment is not the claimed one.
    expect(await reasonOf({ ...claim, finishedAt: claim.finishedAt + 1000 })).toMatch(/^The history differs/);
    // An earlier finish, before the last step's goal held.
    expect(await reasonOf({ ...claim, finishedAt: claim.actions.at(-1)!.at })).toBe(
      'The actions complete step 3 “Three of them” but not step 4 “Where they run” by the claimed finish.',
    );
    // The first action (the app deployed through the form) removed.
    expect(await reasonOf({ ...claim, actions: claim.actions.slice(1) })).toBe(
      'The actions do not complete step 1 “Through the form” by the claimed finish.',
    );
    // One lesson's run claimed for another.
    expect(await reasonOf({ ...claim, id: 'self-healing' })).toMatch(
      /^The code was made from another starting cluster for “Scale and self-healing”/,
    );
    expect(await reasonOf({ ...claim, id: 'no-such-lesson' })).toBe('There is no lesson “no-such-lesson” in this version of the sandbox.');
    // A history hash from elsewhere.
    expect(await reasonOf({ ...claim, historyHash: claim.historyHash.replace(/^./, (c) => (c === '0' ? '1' : '0')) })).toMatch(
      /^The history differs/,
    );
  });
});
