/** Playing a lesson's "Show me" path into a completion claim, and a ReplayDriver over a headless sandbox. */
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { lessonActions, scenarioHash, scriptOf, type ClaimedEvent, type LessonClaim } from '../../src/share/completion-code.ts';
import type { ReplayDriver } from '../../src/share/completion-verify.ts';
import { LessonRunner } from '../../src/tutorial/runner.ts';
import type { Lesson } from '../../src/tutorial/types.ts';
import { sandboxApi, sandboxExecutor, untilSettled } from '../tutorial/support.ts';

const KERNELS = { allocator: 'ts', matcher: 'ts' } as const;

/** The replay's sandbox, built fresh by each load (as the page's throwaway worker does). */
export function sandboxDriver(): ReplayDriver & { readonly sandbox: Sandbox | null } {
  let sb: Sandbox | null = null;
  const current = (): Sandbox => {
    if (!sb) throw new Error('no cluster loaded');
    return sb;
  };
  return {
    get sandbox() {
      return sb;
    },
    async load(scenario) {
      try {
        sb = await createSandbox(scenario, KERNELS);
        return null;
      } catch (e) {
        return e instanceof Error ? e.message : String(e);
      }
    },
    runTo: async (at) => current().advance(Math.max(0, at - current().now)),
    request: async (req) => current().request(req),
    historyHash: async () => current().historyHash(),
  };
}

/**
 * Play `lesson` by its "Show me" path (as test/tutorial/lessons.test.ts does), stopping after `steps` steps
 * (all by default); the claim of the run at the moment the last of them was met.
 */
export async function playLesson(lesson: Lesson, steps = lesson.steps.length): Promise<LessonClaim> {
  const sb = await createSandbox(lesson.scenario, KERNELS);
  untilSettled(sb);
  const runner = new LessonRunner(lesson, sandboxApi(sb));
  const failures: string[] = [];
  const events: ClaimedEvent[] = [];
  const executor = { ...sandboxExecutor(sb, failures), ui: (event: string) => void events.push({ at: sb.now, event }) };
  while (runner.progress.index < steps) {
    const step = runner.progress.step!;
    await runner.showMe(executor);
    let met = await runner.check();
    const start = sb.now;
    while (!met && sb.now - start < step.settleMs) {
      sb.advance(250);
      met = await runner.check();
    }
    if (!met || failures.length > 0) throw new Error(`${lesson.id}/${step.id} not met: ${failures.join('; ')}`);
  }
  return {
    kind: 'lesson',
    id: lesson.id,
    scenarioHash: scenarioHash(lesson.scenario),
    actions: lessonActions(scriptOf(lesson.scenario), sb.script(), sb.now),
    events,
    finishedAt: sb.now,
    historyHash: sb.historyHash(),
  };
}
