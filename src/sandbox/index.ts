/**
 * The headless entry: `createSandbox(scenario, options)` works in Node (tests, bench) and in
 * the worker. It puts together the simulation, the HTTP API and the script of actions.
 * Same scenario + seed = same history.
 */
import { withAdminRouter } from '../api/iam/admin-router.ts';
import { createRouter, isInternalFailure } from '../api/router.ts';
import type { ApiRequest, ApiResponse } from '../api/types.ts';
import { validateScenario } from '../common/scenario/validate.ts';
import { Simulation } from '../engine/simulation.ts';
import { figuresOf, frameOf, layoutOf } from '../engine/view.ts';
import type { AllocatorKernel } from '../kernels/allocator/contract.ts';
import { tsAllocator } from '../kernels/allocator/twin.ts';
import { loadWasmAllocator } from '../kernels/allocator/wasm.ts';
import type { ConstraintMatcher } from '../kernels/constraints/contract.ts';
import { tsMatcher } from '../kernels/constraints/twin.ts';
import { loadWasmMatcher } from '../kernels/constraints/wasm.ts';
import { API_SERVICES, SUBSYSTEMS } from './components.ts';
import { bodyText, isAction, Script, UNWRITABLE_BODY } from './script.ts';
import type { Sandbox, SandboxOptions, SandboxSnapshot } from './types.ts';

export { ScenarioError } from '../common/scenario/reader.ts';
export { validateScenario } from '../common/scenario/validate.ts';
export { isAction } from './script.ts';
export type * from './types.ts';
export type * from '../common/view-types.ts';
export type * from '../common/scenario/types.ts';

/** Every request passes Admin Router first (src/api/iam/admin-router.ts; docs/iam.md). */
const route = withAdminRouter(createRouter(API_SERVICES));

export async function createSandbox(scenario: unknown, options: SandboxOptions = {}): Promise<Sandbox> {
  return open(scenario, options);
}

/**
 * The cluster of `scenario` resumed at `snapshot`, a snapshot taken of that scenario's history
 * (its script starts with the actions the snapshot had run). Going on from here gives the same
 * history as the original did: the time bar's quick way back.
 */
export async function resumeSandbox(scenario: unknown, snapshot: SandboxSnapshot, options: SandboxOptions = {}): Promise<Sandbox> {
  return open(scenario, options, snapshot);
}

async function open(scenario: unknown, options: SandboxOptions, from?: SandboxSnapshot): Promise<Sandbox> {
  const valid = validateScenario(scenario);
  const allocator: AllocatorKernel = options.allocator === 'ts' ? tsAllocator : await loadWasmAllocator();
  const matcher: ConstraintMatcher = options.matcher === 'ts' ? tsMatcher : await loadWasmMatcher();
  const kernels = { allocator, matcher };
  const simulationOptions = { checkInvariants: options.checkInvariants, observe: options.observer?.event };
  let script = new Script(valid.script, from?.actionsDone);
  let sim = new Simulation(valid, SUBSYSTEMS, kernels, from, simulationOptions);

  /**
   * A DC/OS API call at the current simulated time. Writes are actions: they enter the history
   * hash and the script, so a replay that makes the same calls at the same times gets the same
   * history. The ordering rule at one moment: a write's own zero-delay events (a crashed task's
   * status, a revive, an allocation it triggers) run as part of it, before the next write. Live
   * writes made while paused and a script replayed with colliding times then order alike.
   */
  const request = (req: ApiRequest): ApiResponse => {
    if (!isAction(req)) return route({ state: sim.state, ctx: sim.context }, req);
    const text = bodyText(req.body);
    if (text === null) return UNWRITABLE_BODY;
    const refused = script.refusal(text);
    if (refused) return refused;
    sim.record(`${sim.now} api ${req.method} ${req.path} ${text}`);
    script.record(sim.now, req, text);
    const answer = route({ state: sim.state, ctx: sim.context }, req);
    if (isInternalFailure(answer)) undoLastWrite();
    else {
      options.observer?.action?.({ at: sim.now, method: req.method, path: req.path, body: text, status: answer.status }, sim.state);
      sim.runUntil(sim.now);
    }
    return answer;
  };

  /**
   * The last write's handler threw (a sandbox defect, answered 500): whatever it changed is undone by
   * rebuilding the cluster without it, from where this sandbox started, to this same moment. The write
   * leaves the script and the history hash, so the cluster, its saved scenario and a replay all agree
   * that it never happened. Slow (a replay), but only ever paid on this path.
   */
  const undoLastWrite = (): void => {
    const at = sim.now;
    const actions = script.actions();
    actions.splice(script.done - 1, 1);
    script = new Script(actions, from?.actionsDone);
    sim = new Simulation(valid, SUBSYSTEMS, kernels, from, simulationOptions);
    advanceTo(at);
  };

  /** A scripted action runs when the clock reaches its time, after that time's events, as it did when it was made. */
  const advanceTo = (until: number): void => {
    for (let next = script.takeDue(until); next !== undefined; next = script.takeDue(until)) {
      sim.runUntil(next.at);
      request(next.request);
    }
    sim.runUntil(until);
  };

  const advance = (ms: number): void => {
    if (!(ms >= 0)) throw new RangeError('advance needs a non-negative number of milliseconds');
    advanceTo(sim.now + ms);
  };

  return {
    get now() {
      return sim.now;
    },
    get eventCount() {
      return sim.eventCount;
    },
    advance,
    nextEventAt: () => {
      const event = sim.nextEventAt;
      const action = script.nextAt;
      return event === undefined ? action : action === undefined ? event : Math.min(event, action);
    },
    request,
    layout: () => layoutOf(sim.state),
    frame: () => frameOf(sim.state, sim.now),
    figures: () => figuresOf(sim.state, sim.now),
    historyHash: () => sim.historyHash,
    snapshot: () => ({ ...sim.snapshot(), actionsDone: script.done }),
    scenario: () => ({ ...structuredClone(valid), script: script.actions() }),
    script: () => script.actions(),
    pendingActions: () => script.pending,
    dropPendingActions: () => script.dropPending(),
  };
}
