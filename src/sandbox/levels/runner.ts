/**
 * Playing a level: the player's changes (if allowed) on the level's scenario, a sandbox, then the clock moved
 * moment by moment (`nextEventAt`), the schedule's writes made at their times, and every goal checked after every
 * event (the sandbox's event observer) and at every moment a write or a deadline falls on. The first violation ends
 * the run there: the sandbox stops at that moment. Same level and changes, same result at the same moment.
 */
import { ScenarioError } from '../../common/scenario/reader.ts';
import { validateScenario } from '../../common/scenario/validate.ts';
import type { Scenario } from '../../common/scenario/types.ts';
import { createSandbox } from '../index.ts';
import type { Sandbox } from '../types.ts';
import { applyChanges, changesProblem } from './changes.ts';
import { faultRequests, randomFaults, resolveRequest } from './faults.ts';
import { compileGoals } from './goals.ts';
import type { Changes, Level, LevelResult, RunOptions, TimedRequest, Violation } from './types.ts';

/** A write of the schedule that could not be made (a placeholder with no value, or an answer other than 2xx). */
export interface Skipped {
  at: number;
  request: TimedRequest['request'];
  error: string;
}

/** `played`: the scenario as run, its script holding every write made (open it to look at the run at `at`). */
export type RunResult = LevelResult & { skipped: Skipped[]; played?: Scenario };

/** Every write of the run in time order (ties keep the order: level actions, player actions, faults). */
export function scheduleOf(level: Level, scenario: Scenario, changes: Changes): TimedRequest[] {
  const faults = [...(level.faults ?? []), ...(level.randomFaults ? randomFaults(scenario, level.randomFaults) : [])];
  const all = [...(level.actions ?? []), ...(changes.actions ?? []), ...faults.flatMap((f) => faultRequests(scenario, f.at, f.fault))];
  return all
    .map((r, i) => [r, i] as const)
    .sort((a, b) => a[0].at - b[0].at || a[1] - b[1])
    .map(([r]) => r);
}

function refused(text: string): RunResult {
  return { won: false, at: 0, violation: { text }, events: 0, historyHash: '', refused: true, skipped: [] };
}

/** The level's scenario with the changes made, or why it cannot be run. */
export function levelScenario(level: Level, changes: Changes): Scenario | string {
  const problem = changesProblem(level, changes);
  if (problem) return `refused: ${problem}`;
  try {
    return validateScenario(applyChanges(validateScenario(level.scenario), changes));
  } catch (e) {
    if (e instanceof ScenarioError || e instanceof RangeError) return `refused: ${e.message}`;
    throw e;
  }
}

/** Play `level` with `changes`: won at `level.until`, or lost at the moment of the first violation. */
export async function runLevel(level: Level, changes: Changes, options: RunOptions = {}): Promise<RunResult> {
  const scenario = levelScenario(level, changes);
  if (typeof scenario === 'string') return refused(scenario);
  const schedule = scheduleOf(level, scenario, changes);
  const goals = compileGoals(level.goals);
  const deadlines = goals.flatMap((g) => (g.deadline === undefined ? [] : [g.deadline]));
  const made: { sandbox?: Sandbox } = {}; // set once created: the observer only runs while it advances
  let lost: { at: number; violation: Violation } | null = null;
  let checkedAt = -1;
  let events = 0;
  const check = (now: number): void => {
    checkedAt = now;
    if (lost || !made.sandbox) return;
    for (const goal of goals) {
      const violation = goal.check(made.sandbox.request, now);
      if (violation) return void (lost = { at: now, violation });
    }
  };
  const kernel = options.kernels ?? 'wasm';
  const sandbox = await createSandbox(scenario, {
    allocator: kernel,
    matcher: kernel,
    observer: {
      event: (_event, _state, now) => {
        events++;
        check(now);
        options.onEvent?.(now, events);
      },
    },
  });
  made.sandbox = sandbox;
  const run = sandbox;
  const skipped: Skipped[] = [];
  let next = 0;
  while (!lost && run.now < level.until) {
    const candidates = [run.nextEventAt(), schedule[next]?.at, ...deadlines.filter((d) => d > run.now), level.until];
    const at = Math.min(...candidates.filter((t): t is number => t !== undefined && t >= run.now));
    run.advance(at - run.now);
    for (; !lost && schedule[next] !== undefined && schedule[next]!.at <= at; next++) {
      const item = schedule[next]!;
      const resolved = resolveRequest(run.request, item.request);
      if (!resolved.ok) {
        skipped.push({ at, request: item.request, error: resolved.error });
        continue;
      }
      const answer = run.request(resolved.req);
      if (answer.status >= 300) skipped.push({ at, request: resolved.req, error: `HTTP ${answer.status}: ${JSON.stringify(answer.body)}` });
    }
    if (checkedAt !== at || deadlines.includes(at)) check(at);
    if (at >= level.until) break;
  }
  const base = { events: run.eventCount, historyHash: run.historyHash(), skipped, played: run.scenario() };
  const ended = lost as { at: number; violation: Violation } | null; // set by the observer, which TypeScript cannot follow
  if (ended) return { won: false, at: ended.at, violation: ended.violation, ...base };
  return { won: true, at: run.now, ...base };
}
