/**
 * Checking a lesson's completion code by replaying it (a level's: completion-level.ts). The replay runs in a sandbox behind `ReplayDriver` (a worker of
 * its own in the page, never the reader's open cluster; a headless sandbox in tests), so this module stays on
 * the main thread's side and only awaits. What must hold, in order:
 *
 *  1. the lesson exists and its starting scenario is the one the code was made from (same hash);
 *  2. replayed from that scenario (its own scripted actions included), with the claimed actions made as writes
 *     at their moments, every step's goal is met, one after the other, by the claimed finishing time: goals are
 *     checked as the tutorial's runner checks them (the current step's, every `CHECK_EVERY_MS` of simulated
 *     time and just before and after the actions of each moment; a goal that throws is not met yet), with the
 *     claimed UI events counted from their times on;
 *  3. the history hash at the finishing time is the claimed one.
 *
 * The first thing that differs is the answer's reason.
 */
import type { ApiRequest, ApiResponse } from '../api/types.ts';
import type { Lesson, TutorialApi, UiEvent } from '../tutorial/types.ts';
import { scenarioHash, type LessonClaim } from './completion-code.ts';

/** A throwaway sandbox the replay drives; every call may cross to a worker. */
export interface ReplayDriver {
  /** Build the cluster of `scenario` at time 0; the error's message when it is not a valid scenario, else null. */
  load(scenario: unknown): Promise<string | null>;
  /** Run to simulated time `at` (running scripted actions due by then). */
  runTo(at: number): Promise<void>;
  request(req: ApiRequest): Promise<ApiResponse>;
  historyHash(): Promise<string>;
}

export type Verdict = { ok: true; lesson: Lesson; finishedAt: number } | { ok: false; reason: string; lesson?: Lesson };

/** Simulated ms between goal checks: the tutorial panel's pace at 1× (tutorial.svelte.ts checks every 250 ms). */
export const CHECK_EVERY_MS = 250;

/** Progress for a page: the simulated time reached of the whole run. */
export type ReplayProgress = (at: number, finishedAt: number) => void;

const quote = (lesson: Lesson, index: number) => `step ${index + 1} “${lesson.steps[index]!.title}”`;

export async function verifyCompletion(
  claim: LessonClaim,
  driver: ReplayDriver,
  lessons: readonly Lesson[],
  onProgress?: ReplayProgress,
): Promise<Verdict> {
  const found = lessonOf(claim, lessons);
  if (typeof found === 'string') return { ok: false, reason: found };
  const lesson = found;
  const replayed = await replay(claim, driver, lesson, onProgress);
  if (typeof replayed === 'string') return { ok: false, lesson, reason: replayed };
  if ((await driver.historyHash()) !== claim.historyHash)
    return {
      ok: false,
      lesson,
      reason:
        'The history differs: every goal is met, but the cluster is not in the state the code claims: the code was altered or made with another version of the sandbox.',
    };
  return { ok: true, lesson, finishedAt: claim.finishedAt };
}

/**
 * The claim of a finished lesson, its history hash filled in by the same replay a verifier makes: the page
 * hands out only codes that verify (a run this replay does not reproduce gets the reason instead).
 */
export async function sealCompletion(
  claim: Omit<LessonClaim, 'historyHash'>,
  driver: ReplayDriver,
  lessons: readonly Lesson[],
): Promise<{ ok: true; claim: LessonClaim } | { ok: false; reason: string }> {
  const lesson = lessonOf(claim, lessons);
  if (typeof lesson === 'string') return { ok: false, reason: lesson };
  const replayed = await replay(claim, driver, lesson);
  if (typeof replayed === 'string') return { ok: false, reason: replayed };
  return { ok: true, claim: { ...claim, historyHash: await driver.historyHash() } };
}

/** The claim's lesson, or why there is none to replay. */
function lessonOf(claim: Pick<LessonClaim, 'kind' | 'id' | 'scenarioHash'>, lessons: readonly Lesson[]): Lesson | string {
  const lesson = lessons.find((l) => l.id === claim.id);
  if (!lesson) return `There is no lesson “${claim.id}” in this version of the sandbox.`;
  if (scenarioHash(lesson.scenario) !== claim.scenarioHash)
    return `The code was made from another starting cluster for “${lesson.title}”: the lesson changed since (another version of the sandbox), or the code was altered.`;
  return lesson;
}

/** Replay the claim to its finishing time (the driver is left there); null when every goal was met in order, else why not. */
async function replay(
  claim: Omit<LessonClaim, 'historyHash'>,
  driver: ReplayDriver,
  lesson: Lesson,
  onProgress?: ReplayProgress,
): Promise<null | string> {
  // The lesson's own scripted actions run from its script; the claimed ones are made as the reader made them:
  // at their moment, after that moment's events and a goal check, as writes through the API.
  const problem = await driver.load(lesson.scenario);
  if (problem !== null) return `The lesson's cluster does not load: ${problem}`;
  const api: TutorialApi = {
    request: (req) => driver.request(req),
    async get<T>(path: string): Promise<T | null> {
      const answer = await driver.request({ method: 'GET', path });
      return answer.status === 200 ? (answer.body as T) : null;
    },
  };
  const { actions, finishedAt } = claim;
  let step = 0;
  let next = 0;
  const check = async (now: number): Promise<void> => {
    const events = new Set(claim.events.filter((e) => e.at <= now).map((e) => e.event as UiEvent));
    while (step < lesson.steps.length && (await met(lesson, step, api, events))) step++;
  };
  try {
    for (let now = 0; ;) {
      await driver.runTo(now);
      onProgress?.(now, finishedAt);
      await check(now);
      if (next < actions.length && actions[next]!.at === now) {
        for (; next < actions.length && actions[next]!.at === now; next++) await driver.request(actions[next]!.request);
        await check(now);
      }
      if (now >= finishedAt) break;
      now = Math.min(finishedAt, actions[next]?.at ?? Infinity, (Math.floor(now / CHECK_EVERY_MS) + 1) * CHECK_EVERY_MS);
    }
  } catch (e) {
    return `The replay stopped: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (step === lesson.steps.length) return null;
  const reached =
    step === 0
      ? `do not complete step 1 “${lesson.steps[0]!.title}”`
      : `complete ${quote(lesson, step - 1)} but not ${quote(lesson, step)}`;
  return `The actions ${reached} by the claimed finish.`;
}

async function met(lesson: Lesson, step: number, api: TutorialApi, events: ReadonlySet<UiEvent>): Promise<boolean> {
  try {
    return await lesson.steps[step]!.goal.check({ api, events });
  } catch {
    return false; // as the panel: a goal that throws is not met yet (the cluster may be booting)
  }
}
