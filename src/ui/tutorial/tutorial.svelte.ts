/**
 * The tutorial beside the live UI: which lesson runs and on which step, the reader's progress
 * (kept in IndexedDB), the panel's open state, and the loop that checks the current goal as
 * frames arrive. Lessons run on the real cluster store: a lesson's scenario is the running
 * cluster, unsaved until the reader keeps it.
 */
import type { ClusterStore } from '../state/cluster.svelte.ts';
import type { Lesson, UiEvent } from '../../tutorial/types.ts';
import { formatTutorialHash, parseTutorialHash, stripTutorialHash, type TutorialLink } from '../../tutorial/link.ts';
import { reduceProgress, type ProgressAction, type ProgressMap } from '../../tutorial/progress.ts';
import { openSandboxDb, toPersistError, TutorialRepository } from '../../persist/index.ts';
import { isScenarioLink } from '../../share/link.ts';
import { LessonRunner, type ShowMeExecutor } from '../../tutorial/runner.ts';
import { tutorialApi } from './api.ts';
import { fastForward } from './fast-forward.ts';

/** At most this many goal checks per second. */
const CHECK_EVERY_MS = 250;

export interface TutorialDeps {
  cluster: ClusterStore;
  lessons: readonly Lesson[];
  /** `quiet`: while fast-forwarding to a linked step (commands run without opening the terminal). */
  executor: (quiet: boolean) => ShowMeExecutor;
}

export class TutorialStore {
  readonly lessons: readonly Lesson[];
  readonly #cluster: ClusterStore;
  readonly #executor: (quiet: boolean) => ShowMeExecutor;
  #repo: TutorialRepository | null = null;
  #runner: LessonRunner | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #checking = false;
  #lastCheckedAt = -1;

  #open = $state(false);
  #lesson = $state.raw<Lesson | null>(null);
  #index = $state(0);
  #progress = $state.raw<ProgressMap>({});
  #busy = $state<string | null>(null);
  #problem = $state<string | null>(null);
  #note = $state<string | null>(null);
  #kept = $state<string | null>(null);
  #events = $state.raw<ReadonlySet<UiEvent>>(new Set());
  /** Each UI event with the simulated time it was first seen at: a completion code carries them (docs/completion-codes.md). */
  #eventTimes: { at: number; event: UiEvent }[] = [];

  constructor(deps: TutorialDeps) {
    this.#cluster = deps.cluster;
    this.lessons = deps.lessons;
    this.#executor = deps.executor;
  }

  get open(): boolean {
    return this.#open;
  }
  set open(value: boolean) {
    this.#open = value;
  }
  /** The lesson running, or null (the lesson list shows). */
  get lesson(): Lesson | null {
    return this.#lesson;
  }
  /** 0-based current step; the step count once the lesson is done. */
  get index(): number {
    return this.#index;
  }
  get done(): boolean {
    return this.#lesson !== null && this.#index >= this.#lesson.steps.length;
  }
  get progress(): ProgressMap {
    return this.#progress;
  }
  /** What the tutorial is doing ("Loading the lesson…"), or null when it waits for the reader. */
  get busy(): string | null {
    return this.#busy;
  }
  /** A storage or loading problem, shown in the panel. */
  get problem(): string | null {
    return this.#problem;
  }
  dismissProblem(): void {
    this.#problem = null;
  }
  /** Something the reader should know about the last jump (a linked step that could not be reached). */
  get notice(): string | null {
    return this.#note;
  }
  /** The name the lesson's cluster was kept under, once kept. */
  get kept(): string | null {
    return this.#kept;
  }
  get events(): ReadonlySet<UiEvent> {
    return this.#events;
  }
  get eventTimes(): readonly { at: number; event: UiEvent }[] {
    return this.#eventTimes;
  }

  /** Open storage and read the progress; failures are shown in the panel, never fatal. */
  async init(): Promise<void> {
    try {
      const db = await openSandboxDb(undefined, {
        onVersionChange: () =>
          (this.#problem = 'A newer version of the sandbox opened in another tab: reload this page to keep your tutorial progress.'),
      });
      this.#repo = new TutorialRepository(db);
      this.#dispatch({ kind: 'loaded', records: await this.#repo.all() });
    } catch (e) {
      this.#problem = `Tutorial progress is not saved: ${toPersistError(e, 'open').message}`;
    }
  }

  lessonById(id: string): Lesson | undefined {
    return this.lessons.find((l) => l.id === id);
  }

  /**
   * Load `lesson`'s scenario as the running cluster and go to `step` (1-based): earlier steps are
   * brought about by performing their "Show me" quickly. `fromStart`: ignore stored progress.
   */
  async start(id: string, step?: number): Promise<boolean> {
    const lesson = this.lessonById(id);
    if (!lesson) {
      this.#problem = `There is no lesson “${id}”.`;
      return false;
    }
    const target = Math.min(
      lesson.steps.length,
      Math.max(1, step ?? (this.#progress[id] && !this.#progress[id].done ? this.#progress[id].step + 1 : 1)),
    );
    this.#stopLoop();
    this.#busy = 'Loading the lesson…';
    this.#note = null;
    this.#kept = null;
    this.#open = true;
    try {
      if (!(await this.#cluster.openLesson(lesson.scenario, `Tutorial: ${lesson.title}`))) {
        this.#problem = `The lesson's cluster did not load${this.#cluster.error ? `: ${this.#cluster.error.message}` : '.'}`;
        return false;
      }
      const runner = new LessonRunner(
        lesson,
        tutorialApi((req) => this.#cluster.request(req)),
      );
      this.#runner = runner;
      this.#eventTimes = [];
      this.#lesson = lesson;
      this.#sync(false);
      if (target > 1) {
        this.#busy = `Bringing about steps 1–${target - 1}…`;
        const reached = await fastForward(runner, this.#cluster, this.#executor(true), target - 1);
        if (this.#runner !== runner) return false;
        if (reached < target - 1)
          this.#note = `Step ${reached + 1} could not be brought about by itself: do it yourself, or press “Show me”.`;
        await this.#cluster.play();
      }
      this.#sync();
      return true;
    } finally {
      this.#busy = null;
      this.#startLoop();
    }
  }

  /** Back to the lesson's first step, on a fresh copy of its cluster. */
  async restart(): Promise<void> {
    const lesson = this.#lesson;
    if (!lesson) return;
    this.#dispatch({ kind: 'restart', lesson: lesson.id, at: Date.now() });
    this.#runner?.restart();
    await this.start(lesson.id, 1);
  }

  /** Leave the lesson: the cluster keeps running; the panel shows the lesson list. */
  exit(): void {
    this.#stopLoop();
    this.#runner = null;
    this.#lesson = null;
    this.#note = null;
    const route = stripTutorialHash(location.hash);
    history.replaceState(null, '', `${location.pathname}${location.search}${route || '#/dashboard'}`);
  }

  /** Perform the current step through the real UI paths; the loop sees the goal met. */
  async showMe(): Promise<void> {
    const runner = this.#runner;
    if (!runner || this.done) return;
    this.#busy = 'Showing you…';
    try {
      await runner.showMe(this.#executor(false));
      this.#mirrorEvents(runner);
    } catch (e) {
      this.#problem = `“Show me” failed: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      this.#busy = null;
    }
    void this.check();
  }

  /** A UI event the API cannot see (a share link made, the offer cycle watched). */
  note(event: UiEvent): void {
    this.#runner?.noteEvent(event);
    if (this.#runner) this.#mirrorEvents(this.#runner);
    void this.check();
  }

  /** The lesson's cluster as a normal stored cluster (free play). */
  async keep(): Promise<void> {
    const lesson = this.#lesson;
    if (!lesson) return;
    const name = `${lesson.title} (tutorial)`;
    if (await this.#cluster.keepRunning(name)) this.#kept = name;
    else
      this.#problem = `The cluster was not kept: ${this.#cluster.saved.problem ?? this.#cluster.saved.unavailable ?? 'storage is not available.'}`;
  }

  /** Check the current goal once; advances (and saves progress) when it is met. */
  async check(): Promise<void> {
    const runner = this.#runner;
    if (!runner || this.#checking || this.#busy) return;
    this.#checking = true;
    try {
      if (await runner.check()) this.#sync();
    } catch {
      // A goal that throws is a goal not met yet (the cluster may be booting).
    } finally {
      this.#checking = false;
    }
  }

  /** Called on hashchange: keep the lesson in the fragment; a different lesson link starts that lesson. */
  followHash(): void {
    const link = parseTutorialHash(location.hash);
    if (link && link.lesson !== this.#lesson?.id) {
      void this.start(link.lesson, link.step);
      return;
    }
    this.#writeHash();
  }

  dispose(): void {
    this.#stopLoop();
  }

  /** Mirror the runner; `record`: save the progress (not for the step 1 a linked jump starts from). */
  #sync(record = true): void {
    const runner = this.#runner;
    const lesson = this.#lesson;
    if (!runner || !lesson) return;
    this.#index = runner.progress.index;
    this.#mirrorEvents(runner);
    if (record)
      this.#dispatch({ kind: 'reached', lesson: lesson.id, step: runner.progress.index, stepCount: lesson.steps.length, at: Date.now() });
    this.#writeHash();
  }

  #mirrorEvents(runner: LessonRunner): void {
    this.#events = new Set(runner.events);
    for (const event of runner.events)
      if (!this.#eventTimes.some((e) => e.event === event)) this.#eventTimes.push({ at: this.#cluster.now, event });
  }

  #writeHash(): void {
    const lesson = this.#lesson;
    if (!lesson || isScenarioLink(location.hash)) return;
    const link: TutorialLink = { lesson: lesson.id, step: Math.min(this.#index + 1, lesson.steps.length) };
    const next = formatTutorialHash(location.hash, link);
    if (next !== location.hash) history.replaceState(null, '', `${location.pathname}${location.search}${next}`);
  }

  #dispatch(action: ProgressAction): void {
    const before = this.#progress;
    this.#progress = reduceProgress(before, action);
    if (action.kind === 'loaded' || this.#progress === before) return;
    const p = this.#progress[action.lesson];
    if (!p || !this.#repo) return;
    this.#repo.put({ lesson: action.lesson, ...p }).catch((e: unknown) => {
      this.#problem = `Tutorial progress was not saved: ${toPersistError(e, 'write').message}`;
    });
  }

  #startLoop(): void {
    this.#stopLoop();
    this.#timer = setInterval(() => {
      const now = this.#cluster.now;
      if (now === this.#lastCheckedAt && this.#events === this.#seenEvents) return; // no new frame
      this.#lastCheckedAt = now;
      this.#seenEvents = this.#events;
      void this.check();
    }, CHECK_EVERY_MS);
  }
  #seenEvents: ReadonlySet<UiEvent> | null = null;

  #stopLoop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.#lastCheckedAt = -1;
  }
}
