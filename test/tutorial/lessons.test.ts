/**
 * Every lesson can be completed: from its starting scenario, each step's goal is false, and its
 * "show me" makes it true within `settleMs` simulated ms. Plus the shape of the lesson data.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, validateScenario } from '../../src/sandbox/index.ts';
import { LESSONS } from '../../src/tutorial/lessons/index.ts';
import { LessonRunner } from '../../src/tutorial/runner.ts';
import { sandboxApi, sandboxExecutor, untilSettled } from './support.ts';

const ORDER = [
  'tour',
  'two-level',
  'first-app',
  'self-healing',
  'drf',
  'placement',
  'rolling',
  'discovery',
  'jobs',
  'ha',
  'share',
  'volumes',
  'kafka',
  'culprit',
  'least-privilege',
];

describe('lesson data', () => {
  it('has the lessons in order, with unique ids', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(ORDER);
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: steps are short, hinted and showable; the scenario validates', (_, lesson) => {
    expect(() => validateScenario(lesson.scenario)).not.toThrow();
    expect(lesson.steps.length).toBeGreaterThan(0);
    expect(new Set(lesson.steps.map((s) => s.id)).size).toBe(lesson.steps.length);
    for (const step of lesson.steps) {
      expect(step.hints.length, step.id).toBeGreaterThan(0);
      expect(step.showMe.length, step.id).toBeGreaterThan(0);
      expect(step.text.length, `${step.id}: ${step.text.length} characters`).toBeLessThanOrEqual(400);
      expect(step.settleMs, step.id).toBeGreaterThan(0);
    }
  });
});

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_, lesson) => {
  it('starts from a cluster that meets none of its goals', async () => {
    const sb = await createSandbox(lesson.scenario, { allocator: 'ts', matcher: 'ts' });
    untilSettled(sb);
    const api = sandboxApi(sb);
    const met: string[] = [];
    for (const step of lesson.steps) if (await step.goal.check({ api, events: new Set() })) met.push(step.id);
    expect(met).toEqual([]);
  });

  it('is completed step by step by its "show me" path; no goal holds before its step', async () => {
    const sb = await createSandbox(lesson.scenario, { allocator: 'ts', matcher: 'ts' });
    untilSettled(sb);
    const runner = new LessonRunner(lesson, sandboxApi(sb));
    const failures: string[] = [];
    for (const [i, step] of lesson.steps.entries()) {
      expect(runner.progress.index).toBe(i);
      expect(await runner.check(), `${step.id}: goal already met before its step`).toBe(false);
      await runner.showMe(sandboxExecutor(sb, failures));
      expect(failures, `${step.id}: show me failed`).toEqual([]);
      let met = await runner.check();
      const start = sb.now;
      while (!met && sb.now - start < step.settleMs) {
        sb.advance(250);
        met = await runner.check();
      }
      expect(met, `${step.id}: "${step.goal.description}" not met within ${step.settleMs} ms`).toBe(true);
    }
    expect(runner.progress.finished).toBe(true);
  });
});
