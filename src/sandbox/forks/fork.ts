/**
 * Forking a cluster at a moment: its scenario with the script's actions up to that moment (those after it dropped,
 * as `dropPendingActions` does), then each variant's writes at that moment. Same seed and same actions until the
 * fork, so every variant has the same history up to it.
 */
import type { ApiRequest } from '../../api/types.ts';
import { ScenarioError } from '../../common/scenario/reader.ts';
import type { Scenario, ScriptAction } from '../../common/scenario/types.ts';
import { validateScenario } from '../../common/scenario/validate.ts';
import type { Variant, VariantScenario } from './types.ts';
import { writeProblem } from './writes.ts';

/** A fork that cannot be made, with the first reason (naming the variant and the write). */
export class ForkError extends Error {
  override name = 'ForkError';
}

export const MAX_VARIANTS = 4;

export interface ForkOptions {
  /** Put the unchanged cluster first, named so (the baseline every variant is compared with). */
  baseline?: string;
}

function actionOf(at: number, write: ApiRequest): ScriptAction {
  const request: ScriptAction['request'] = { method: write.method as ScriptAction['request']['method'], path: write.path };
  if (write.body !== undefined) request.body = structuredClone(write.body);
  if (write.headers !== undefined) request.headers = { ...write.headers };
  return { at, request };
}

/** Why the variants cannot be forked, or null. */
function variantsProblem(variants: readonly Variant[], baseline: string | undefined): string | null {
  const total = variants.length + (baseline === undefined ? 0 : 1);
  if (total < 2 || total > MAX_VARIANTS) return `a fork has 2 to ${MAX_VARIANTS} variants (the baseline counted), not ${total}`;
  const names = new Set<string>(baseline === undefined ? [] : [baseline]);
  for (const [i, v] of variants.entries()) {
    if (typeof v?.name !== 'string' || v.name.trim() === '') return `variants[${i}].name: must be a non-empty string`;
    if (names.has(v.name)) return `variants[${i}].name: '${v.name}' is used twice`;
    names.add(v.name);
    if (!Array.isArray(v.writes)) return `variants[${i}].writes: must be a list of requests`;
    for (const [j, w] of v.writes.entries()) {
      const problem = writeProblem(w);
      if (problem) return `variants[${i}] (${v.name}).writes[${j}]: ${problem}`;
    }
  }
  return null;
}

/**
 * One scenario per variant (the baseline first when `options.baseline` names it), forked from `base` at `at`
 * simulated ms. Throws a ForkError naming the first problem: a bad base scenario, a time, a name, a write's shape.
 */
export function forkScenarios(base: unknown, at: number, variants: readonly Variant[], options: ForkOptions = {}): VariantScenario[] {
  if (!(Number.isFinite(at) && at >= 0)) throw new ForkError(`at: must be a number of simulated ms, 0 or more (got ${String(at)})`);
  let scenario: Scenario;
  try {
    scenario = validateScenario(base);
  } catch (e) {
    if (e instanceof ScenarioError) throw new ForkError(`base scenario: ${e.message}`);
    throw e;
  }
  const problem = variantsProblem(variants, options.baseline);
  if (problem) throw new ForkError(problem);
  const history = (scenario.script ?? []).filter((a) => a.at <= at);
  const all = options.baseline === undefined ? variants : [{ name: options.baseline, writes: [] }, ...variants];
  return all.map((v) => {
    const script = [...history.map((a) => structuredClone(a)), ...v.writes.map((w) => actionOf(at, w))];
    return { name: v.name, at, changes: v.writes.length, scenario: { ...structuredClone(scenario), script } };
  });
}
