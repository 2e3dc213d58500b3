/**
 * Loading a scenario into the worker: which one runs, the clusters that are not built-in scenarios
 * (a link, a file, a stored cluster, a lesson), whether a load is under way, and why the last one
 * (or the link the page was opened with) failed.
 */
import type { SandboxBridge } from '../../worker/bridge.ts';
import type { Scenario } from '../../common/scenario/types.ts';
import { decodeScenarioLink } from '../../share/link.ts';
import { SCENARIOS, type ScenarioChoice } from './scenarios.ts';
import type { FrameFeed } from './frame-feed.svelte.ts';
import type { TimeBar } from './time-bar.svelte.ts';

export interface LoadError {
  message: string;
  field: string;
}

/** Where a shared link opened the cluster: its simulated moment and the page it was shared from. */
export interface SharedMoment {
  at: number;
  view: string | null;
}

export class ClusterLoader {
  readonly #bridge: Pick<SandboxBridge, 'load' | 'runTo' | 'timeline' | 'pastFigures'>;
  readonly #feed: Pick<FrameFeed, 'reset' | 'runningTo' | 'setStatus' | 'startAt'>;
  readonly #timeBar: Pick<TimeBar, 'set'>;
  #scenario = $state.raw<ScenarioChoice>(SCENARIOS[0]!);
  #own = $state.raw<ScenarioChoice | null>(null);
  #loading = $state(false);
  #error = $state.raw<LoadError | null>(null);
  #linkError = $state<string | null>(null);
  #shared = $state.raw<SharedMoment | null>(null);

  constructor(
    bridge: Pick<SandboxBridge, 'load' | 'runTo' | 'timeline' | 'pastFigures'>,
    feed: Pick<FrameFeed, 'reset' | 'runningTo' | 'setStatus' | 'startAt'>,
    timeBar: Pick<TimeBar, 'set'>,
  ) {
    this.#bridge = bridge;
    this.#feed = feed;
    this.#timeBar = timeBar;
  }

  get scenario(): ScenarioChoice {
    return this.#scenario;
  }
  /** The built-in scenarios, and the cluster opened from elsewhere if there is one. */
  get scenarios(): readonly ScenarioChoice[] {
    return this.#own ? [...SCENARIOS, this.#own] : SCENARIOS;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get error(): LoadError | null {
    return this.#error;
  }
  /** Why the link the page was opened with could not be opened (the default cluster runs instead). */
  /** The moment and page of the link this tab opened, until the cluster plays on from it. */
  get shared(): SharedMoment | null {
    return this.#shared;
  }

  /** The cluster has moved on from the shared moment. */
  leaveShared(): void {
    this.#shared = null;
  }

  /** Why the link did not open, as a sentence (the banner goes on after it). */
  get linkError(): string | null {
    const why = this.#linkError;
    return why === null || /[.!?]$/.test(why) ? why : `${why}.`;
  }
  dismissLinkError(): void {
    this.#linkError = null;
  }

  /** Something failed around a load (opening storage, say): shown like a load error. */
  fail(e: unknown): void {
    this.#error = { message: e instanceof Error ? e.message : String(e), field: '' };
  }

  /** Load `choice` as the running cluster. False when it does not load (`error` says why). */
  async open(choice: ScenarioChoice): Promise<boolean> {
    this.#scenario = choice;
    return this.#load(choice);
  }

  /** open() for a cluster that is not a built-in scenario: it joins the list of scenarios. */
  async openOwn(choice: ScenarioChoice): Promise<boolean> {
    this.#own = choice;
    return this.open(choice);
  }

  /** openOwn(), replayed to simulated time `at` (a shared link, a saved cluster, a file). */
  async openAt(choice: ScenarioChoice, at: number): Promise<boolean> {
    if (!(await this.openOwn(choice))) return false;
    // Frames the load sent before the run may still be on their way: they must not take the clock back.
    this.#feed.runningTo(at);
    this.#feed.setStatus(await this.#bridge.runTo(at));
    const [timeline, figures] = await Promise.all([this.#bridge.timeline(), this.#bridge.pastFigures()]);
    this.#timeBar.set(timeline);
    this.#feed.startAt(at, timeline.happenings, figures);
    return true;
  }

  /** Open a share link's fragment (`s=4.…`) at its moment; false, with `linkError` set, when it cannot be read. */
  async openLink(fragment: string): Promise<boolean> {
    const decoded = await decodeScenarioLink(fragment);
    if (!decoded.ok) {
      this.#linkError = decoded.error;
      return false;
    }
    const [scenario, own] = [this.#scenario, this.#own];
    if (!(await this.openAt(ownChoice('shared', 'Shared link', decoded.scenario), decoded.at))) {
      // The worker refused what the page's reading let through (a LIKE regex RE2 cannot compile: only the
      // worker carries RE2). Said as the link's problem, and the choice goes back to what it was, so the
      // cluster opened instead is not this one again.
      this.#linkError = `This link's scenario is not valid: ${this.#error?.message ?? 'the cluster did not load.'}`;
      [this.#scenario, this.#own, this.#error] = [scenario, own, null];
      return false;
    }
    this.#shared = { at: decoded.at, view: decoded.view };
    return true;
  }

  async #load(choice: ScenarioChoice): Promise<boolean> {
    this.#loading = true;
    this.#shared = null;
    try {
      const result = await this.#bridge.load(choice.build());
      if (!result.ok) {
        this.#error = result.error;
        return false;
      }
      this.#error = null;
      this.#feed.reset(result.layout, result.generation);
      this.#timeBar.set(result.timeline);
      return true;
    } finally {
      this.#loading = false;
    }
  }
}

/** A cluster that is not a built-in scenario, as a choice in the list. */
export function ownChoice(id: string, label: string, scenario: unknown): ScenarioChoice {
  return { id, label, build: () => scenario as Scenario };
}
