/**
 * LessonRunner: where a reader is in a lesson. Pure logic, no DOM and no timers: the caller calls
 * `check()` after every frame and `noteEvent()` when the UI does something the API cannot see.
 *
 *   const runner = new LessonRunner(lesson, api);
 *   await runner.check();              // true when the current step's goal was met (it moved on)
 *   runner.progress                    // { index, step, done, total, finished }
 *   await runner.showMe(executor);     // perform the current step as a reader would
 *   runner.restart();                  // back to step 1 (the caller reloads lesson.scenario)
 *
 * Steps are taken one at a time and in order: a met goal advances exactly one step per check.
 */
import { resolveAction } from './resolve.ts';
import type { ApiRequest, ApiResponse } from '../api/types.ts';
import type { Lesson, Step, TutorialApi, UiEvent } from './types.ts';

/** How "show me" acts: the UI gives the real one, tests one over a Sandbox. */
export interface ShowMeExecutor {
  request(req: ApiRequest): Promise<ApiResponse>;
  /** Type `line` into the terminal (a JSON body may follow on the next lines) and run it. */
  cli(line: string): Promise<unknown>;
  /** Open a page (a route id of src/ui/state/routes.ts). */
  navigate(route: string): Promise<void> | void;
  /** Report a UI event, as if the reader did the thing (it also reaches `noteEvent`). */
  ui(event: UiEvent): Promise<void> | void;
}

export interface LessonProgress {
  /** Index of the current step; equals `total` once the lesson is finished. */
  index: number;
  /** The current step, or null when finished. */
  step: Step | null;
  /** done[i]: step i's goal was met. */
  done: readonly boolean[];
  total: number;
  finished: boolean;
}

export class LessonRunner {
  readonly lesson: Lesson;
  readonly #api: TutorialApi;
  #index = 0;
  #events = new Set<UiEvent>();
  /** Bumped by restart/goTo so a check started before it cannot advance the new position. */
  #generation = 0;

  constructor(lesson: Lesson, api: TutorialApi) {
    this.lesson = lesson;
    this.#api = api;
  }

  get progress(): LessonProgress {
    const total = this.lesson.steps.length;
    return {
      index: this.#index,
      step: this.lesson.steps[this.#index] ?? null,
      done: this.lesson.steps.map((_, i) => i < this.#index),
      total,
      finished: this.#index >= total,
    };
  }

  get events(): ReadonlySet<UiEvent> {
    return this.#events;
  }

  /** The UI did something the API cannot see (a share link made, the offer cycle watched). */
  noteEvent(event: UiEvent): void {
    this.#events.add(event);
  }

  /** Check the current step's goal; when met, mark it done and move to the next step. */
  async check(): Promise<boolean> {
    const step = this.lesson.steps[this.#index];
    if (!step) return false;
    const generation = this.#generation;
    const met = await step.goal.check({ api: this.#api, events: this.#events });
    if (!met || generation !== this.#generation) return false;
    this.#index++;
    return true;
  }

  /** Back to the first step with no UI events seen (the caller restarts the scenario). */
  restart(): void {
    this.#generation++;
    this.#index = 0;
    this.#events = new Set();
  }

  /** Jump to step `index` (Previous/Next); earlier steps count as done. */
  goTo(index: number): void {
    this.#generation++;
    this.#index = Math.max(0, Math.min(index, this.lesson.steps.length));
  }

  /**
   * Perform the current step's "show me" actions in order through `executor`, placeholders
   * resolved (see resolve.ts). Returns the API responses of its requests.
   */
  async showMe(executor: ShowMeExecutor): Promise<ApiResponse[]> {
    const step = this.lesson.steps[this.#index];
    if (!step) return [];
    const responses: ApiResponse[] = [];
    for (const raw of step.showMe) {
      const action = await resolveAction(this.#api, raw);
      switch (action.kind) {
        case 'request':
          responses.push(await executor.request(action.request));
          break;
        case 'cli':
          await executor.cli(action.line);
          break;
        case 'navigate':
          await executor.navigate(action.route);
          break;
        case 'ui':
          this.noteEvent(action.event);
          await executor.ui(action.event);
          break;
      }
    }
    return responses;
  }
}
