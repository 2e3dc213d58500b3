/**
 * Lessons are data: a title, a starting scenario, and steps whose goals are predicates over the
 * cluster as the DC/OS API shows it. The runner (runner.ts) checks a step's goal after every
 * frame; a goal met turns the step green and moves on. "Show me" performs the step the way a
 * reader would: API calls (as the UI makes them), `dcos` commands typed into the terminal, pages
 * opened.
 */
import type { ApiRequest, ApiResponse } from '../api/types.ts';

/** How goals read the cluster: only through the API (the same one the UI and the CLI use). */
export interface TutorialApi {
  request(req: ApiRequest): Promise<ApiResponse>;
  /** GET `path`; the parsed body on 200, null otherwise (booting, no leader, 404). */
  get<T = unknown>(path: string): Promise<T | null>;
}

/** What the UI did that the API cannot see (a share link made or opened). */
export type UiEvent = 'share-link-created' | 'share-link-opened' | 'offer-cycle-watched' | 'split-predicted';

export interface GoalContext {
  api: TutorialApi;
  /** UI events seen since the lesson (re)started. */
  events: ReadonlySet<UiEvent>;
}

export interface Goal {
  /** What the reader must reach, as a sentence: "An app /hello with 3 healthy instances". */
  description: string;
  check(ctx: GoalContext): Promise<boolean>;
}

export type ShowMeAction =
  /** An API call, made as the UI would make it (it enters the scenario's script like any write). */
  | { kind: 'request'; request: ApiRequest }
  /** A `dcos` command typed into the terminal (a JSON body may follow the command on the next lines). */
  | { kind: 'cli'; line: string }
  /** Open a page: a route id of src/ui/state/routes.ts ('dashboard', 'services', 'nodes', 'components', ...). */
  | { kind: 'navigate'; route: string }
  /** A UI event the step needs (e.g. the share dialog made a link). */
  | { kind: 'ui'; event: UiEvent };

/** A picture the tutorial panel shows beside a step's text ('drf-predict': the shares, after the reader predicts them with the clock paused). */
export type StepVisual = 'offer-cycle' | 'drf-shares' | 'drf-predict' | 'election';

export interface Step {
  /** Unique within the lesson; used in links (`#lesson=drf&step=2` counts steps from 1). */
  id: string;
  title: string;
  /** A few sentences at most; `code` in backticks. */
  text: string;
  goal: Goal;
  hints: string[];
  showMe: ShowMeAction[];
  /** Simulated ms the cluster needs after "show me" before the goal holds (tests advance up to this). */
  settleMs: number;
  visual?: StepVisual;
  /** The roles the visual draws and asks about (others, Marathon's `slave_public` say, are left out); all when absent. */
  visualRoles?: readonly string[];
}

export interface Lesson {
  /** Short and stable: used in links (`#lesson=first-app`). */
  id: string;
  title: string;
  /** One sentence for the lesson list. */
  summary: string;
  /** The starting cluster (a scenario as src/engine/scenario/validate.ts reads it). */
  scenario: unknown;
  steps: Step[];
}
