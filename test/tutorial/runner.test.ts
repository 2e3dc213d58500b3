/** LessonRunner: one step per check, in order; restart and goTo; UI events; placeholders resolved. */
import { describe, expect, it } from 'vitest';
import { resolveText } from '../../src/tutorial/resolve.ts';
import { LessonRunner } from '../../src/tutorial/runner.ts';
import type { Lesson, Step, TutorialApi } from '../../src/tutorial/types.ts';

const always = (id: string): Step => ({
  id,
  title: id,
  text: id,
  goal: { description: id, check: async () => true },
  hints: ['h'],
  showMe: [{ kind: 'request', request: { method: 'DELETE', path: '/marathon/v2/apps/x/tasks/{{task:/x}}' } }],
  settleMs: 1,
});
const lesson: Lesson = { id: 't', title: 't', summary: 't', scenario: {}, steps: [always('a'), always('b')] };
const api: TutorialApi = {
  request: async () => ({ status: 200, body: null }),
  get: async <T>(path: string) =>
    path.startsWith('/marathon/v2/apps/x') ? ({ app: { tasks: [{ id: 'x.1', host: 'a-1', state: 'TASK_RUNNING' }] } } as T) : null,
};

describe('LessonRunner', () => {
  it('advances one step per check even when later goals hold, then restarts', async () => {
    const r = new LessonRunner(lesson, api);
    expect(await r.check()).toBe(true);
    expect(r.progress.index).toBe(1);
    expect(r.progress.done).toEqual([true, false]);
    expect(await r.check()).toBe(true);
    expect(r.progress.finished).toBe(true);
    expect(await r.check()).toBe(false);
    r.noteEvent('split-predicted');
    r.restart();
    expect(r.progress.index).toBe(0);
    expect(r.events.size).toBe(0);
    r.goTo(1);
    expect(r.progress.step?.id).toBe('b');
  });

  it('resolves placeholders before handing actions to the executor', async () => {
    const seen: string[] = [];
    const r = new LessonRunner(lesson, api);
    await r.showMe({
      request: async (req) => (seen.push(req.path), { status: 200, body: null }),
      cli: async () => null,
      navigate: () => {},
      ui: () => {},
    });
    expect(seen).toEqual(['/marathon/v2/apps/x/tasks/x.1']);
  });
});

describe('placeholders of any task', () => {
  it('{{anyTask:…}} and {{anyHost:…}} name the first task Marathon lists, running or not; {{task:…}} only a running one', async () => {
    const kept: TutorialApi = {
      request: async () => ({ status: 200, body: null }),
      get: async <T>() => ({ app: { tasks: [{ id: 'db.1', host: 'a-2', state: 'TASK_KILLED' }] } }) as T,
    };
    expect(await resolveText(kept, 'stop {{anyTask:/db}} on {{anyHost:/db}}')).toBe('stop db.1 on a-2');
    await expect(resolveText(kept, '{{task:/db}}')).rejects.toThrow('cannot resolve {{task:/db}} now');
  });
});
