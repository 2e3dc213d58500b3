/**
 * Chaos levels (docs/chaos-levels.md): a scenario, a fault schedule, a goal checked after every event, and the
 * changes a player may make. A level is plain data, so it travels in a link; its goals are compiled into checks
 * over the sandbox's API (goals.ts) when it runs (runner.ts).
 */
import type { ApiRequest, ApiResponse } from '../../api/types.ts';
import type { ScriptAction } from '../../common/scenario/types.ts';

/** An API write the level (or the player) makes at a simulated time. Strings may hold placeholders (faults.ts). */
export interface TimedRequest {
  at: number;
  request: ScriptAction['request'];
}

/**
 * A fault at a simulated time: any body `POST /sandbox/v1/faults` takes (targets may be placeholders such as
 * `{{leader}}` or `{{host:/shop}}`, resolved when it fires), or a whole zone at once: every agent whose `zone`
 * attribute is `zone` crashes (`zone-outage`), comes back (`zone-restore`), or is cut off from the rest of the
 * cluster (`zone-partition`; `heal` ends it).
 */
export type LevelFault =
  | { kind: 'zone-outage' | 'zone-restore' | 'zone-partition'; zone: string }
  | { kind: string; target?: string; sides?: [string[], string[]]; component?: string };

/** Faults drawn from a seed (faults.ts, `randomFaults`): `count` of `kinds` at times in [from, to). Same seed, same faults. */
export interface RandomFaults {
  seed: number;
  count: number;
  from: number;
  to: number;
  kinds: Array<'agent-crash' | 'leader-crash' | 'task-crash'>;
  /** Targets of `agent-crash` and `task-crash` are drawn among these hosts or app ids (task-crash: a task of the app). */
  agents?: string[];
  apps?: string[];
}

/** The goal as data: each kind compiles to a check over the API (goals.ts). */
export type GoalSpec =
  /** `app` never has fewer than `count` running tasks (healthy ones only, when `healthy`) from `from` on, for more than `forMs` (0). */
  | { kind: 'min-running'; app: string; count: number; healthy?: boolean; from?: number; forMs?: number }
  /** No task of `app` fails its health checks for more than `maxMs` in a row (a hung task must be replaced). */
  | { kind: 'max-unhealthy'; app: string; maxMs: number }
  /** No second of traffic client `client` has errors for more than `maxSeconds` seconds in a row. */
  | { kind: 'traffic-errors'; client: string; maxSeconds: number }
  /** The cluster is never without a leading Mesos master for more than `maxMs`. */
  | { kind: 'leader'; maxMs: number }
  /** SDK service `service`'s plan `plan` is COMPLETE by `by` (must eventually). */
  | { kind: 'plan-complete'; service: string; plan: string; by: number }
  /** At `at`, SDK service `service` runs `count` pod tasks RUNNING (pod/status), by pod instance. */
  | { kind: 'pods-running'; service: string; count: number; at: number }
  /** `app` runs `count` healthy tasks whose command is `cmd`, with no deployment left, by `by` (must eventually). */
  | { kind: 'rolled-out'; app: string; cmd: string; count: number; by: number };

/** Which app fields a player may set (anything else is refused). */
export const APP_FIELDS = [
  'instances',
  'constraints',
  'healthChecks',
  'upgradeStrategy',
  'unreachableStrategy',
  'killSelection',
  'backoffSeconds',
  'backoffFactor',
  'maxLaunchDelaySeconds',
] as const;
export type AppField = (typeof APP_FIELDS)[number];

/** What the player may change: a whitelist over the scenario. */
export interface Allowed {
  /** By app id: the fields of its definition the player may set. */
  apps?: Record<string, AppField[]>;
  /** The numbers of masters the player may pick. */
  masters?: number[];
  /** Operator actions the player may add at times of their choosing: `METHOD path` patterns, `*` for one path segment. */
  actions?: string[];
}

/** A player's changes: each must be allowed (changes.ts, `changesProblem`). */
export interface Changes {
  apps?: Record<string, Record<string, unknown>>;
  masters?: number;
  actions?: TimedRequest[];
}

/** The changes a solution makes and what it must come to: a win, or a loss at `at` with a violation matching `violation`. */
export interface Solution {
  changes: Changes;
  expect: { won: true } | { won: false; at: number; violation: string };
}

export interface Level {
  /** Lower-case words joined by dashes. */
  id: string;
  title: string;
  /** What happens, told to the player. */
  story: string;
  /** A scenario as `validateScenario` reads it (its own script is left as is). */
  scenario: unknown;
  /** API writes the level makes: starting traffic, installing a package, pushing a new version. */
  actions?: TimedRequest[];
  faults?: Array<{ at: number; fault: LevelFault }>;
  randomFaults?: RandomFaults;
  goals: GoalSpec[];
  /** Simulated ms the run lasts. */
  until: number;
  allowed: Allowed;
  /** The changes that win. */
  reference: Solution;
  /** The starting point: what a player gets without changing anything; it loses. */
  naive: Solution;
}

/** What went wrong, and where: the UI points at the app, task and agent. */
export interface Violation {
  text: string;
  app?: string;
  task?: string;
  agent?: string;
  /** A master at fault (the leader that went). */
  master?: string;
}

export type RequestFn = (req: ApiRequest) => ApiResponse;

/** A compiled goal: null while it holds, else the violation. `final` is asked once more when the run ends. */
export interface GoalCheck {
  check(request: RequestFn, now: number): Violation | null;
  /** A deadline the runner must stop at, so a "by" goal is judged at its moment even when nothing happens then. */
  deadline?: number;
}

export interface RunOptions {
  /** Called after every event the runner checked, with the moment and the event count so far. */
  onEvent?: (at: number, events: number) => void;
  /** Which kernels run (Node tests use the TypeScript twins: no Wasm to load). */
  kernels?: 'wasm' | 'ts';
}

export type LevelResult =
  | { won: true; at: number; events: number; historyHash: string }
  | { won: false; at: number; violation: Violation; events: number; historyHash: string }
  | { won: false; at: 0; violation: Violation; events: 0; historyHash: ''; refused: true };
