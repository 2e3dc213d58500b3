/**
 * The headless entry: `createSandbox(scenario, options)` works in Node (tests, bench) and in
 * the worker. Same scenario + seed = same history.
 */
import type { ConstraintMatcher } from '../kernels/constraints/contract.ts';
import { tsMatcher } from '../kernels/constraints/twin.ts';
import { loadWasmMatcher } from '../kernels/constraints/wasm.ts';
import type { AllocatorKernel } from '../kernels/allocator/contract.ts';
import { tsAllocator } from '../kernels/allocator/twin.ts';
import { loadWasmAllocator } from '../kernels/allocator/wasm.ts';
import { validateScenario } from './scenario/validate.ts';
import { Simulation } from './simulation.ts';
import type { ApiRequest, ApiResponse, Sandbox, SandboxOptions, SandboxSnapshot } from './types.ts';
import { frameOf, layoutOf } from './view.ts';

export { ScenarioError } from './scenario/reader.ts';
export { validateScenario } from './scenario/validate.ts';
export type * from './types.ts';
export type * from './view-types.ts';
export type * from './scenario/types.ts';

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
  const kernel: AllocatorKernel = options.allocator === 'ts' ? tsAllocator : await loadWasmAllocator();
  const matcher: ConstraintMatcher = options.matcher === 'ts' ? tsMatcher : await loadWasmMatcher();
  const sim = new Simulation(valid, kernel, matcher, from, { checkInvariants: options.checkInvariants });
  return {
    get now() {
      return sim.now;
    },
    get eventCount() {
      return sim.eventCount;
    },
    advance: (ms: number) => sim.advance(ms),
    request: (req: ApiRequest): ApiResponse => sim.request(req),
    layout: () => layoutOf(sim.state),
    frame: () => frameOf(sim.state, sim.now),
    historyHash: () => sim.historyHash,
    snapshot: () => sim.snapshot(),
    scenario: () => ({ ...structuredClone(valid), script: sim.script }),
    script: () => sim.script,
    pendingActions: () => sim.pendingActions,
    dropPendingActions: () => sim.dropPendingActions(),
  };
}
