/**
 * Scale-down under GROUP_BY (MC `selectInstancesToKill`, SEMANTICS 3.1): instances are taken from
 * a largest group of the most uneven GROUP_BY field, so that what is left stays as even as it can.
 */
import { Op } from '../../kernels/constraints/contract.ts';
import { fieldValue, parseConstraint } from '../../kernels/constraints/parse.ts';
import type { ClusterState } from '../core/model.ts';
import type { InstanceState, RunSpec } from './model.ts';
import { agentSpec } from './placement.ts';

/** Agents lacking the field form their own group. */
const MISSING = '\u0000missing';

/**
 * `ordered` (kill candidates, best first) reordered so that any prefix keeps the GROUP_BY groups
 * even: each next instance is the first candidate in a largest group. Unplaced instances stay first.
 */
export function balanceGroupBy(state: ClusterState, spec: RunSpec, ordered: InstanceState[]): InstanceState[] {
  const fields = spec.constraints
    .map(parseConstraint)
    .filter((c) => c.op === Op.GROUP_BY)
    .map((c) => c.field);
  if (fields.length === 0) return ordered;
  const valueOf = (i: InstanceState, field: string): string | undefined =>
    i.agentIdx === null ? undefined : (fieldValue(agentSpec(state.agents[i.agentIdx]!), field) ?? MISSING);
  const counts = fields.map((field) => {
    const m = new Map<string, number>();
    for (const i of ordered) {
      const v = valueOf(i, field);
      if (v !== undefined) m.set(v, (m.get(v) ?? 0) + 1);
    }
    return m;
  });
  const spread = (m: Map<string, number>) => (m.size === 0 ? 0 : Math.max(...m.values()) - Math.min(...m.values()));
  const left = [...ordered];
  const out: InstanceState[] = [];
  while (left.length > 0) {
    let pick = 0;
    if (left[0]!.agentIdx !== null) {
      const f = counts.reduce((best, m, k) => (spread(m) > spread(counts[best]!) ? k : best), 0);
      const largest = Math.max(...counts[f]!.values());
      pick = Math.max(
        0,
        left.findIndex((i) => counts[f]!.get(valueOf(i, fields[f]!)!) === largest),
      );
    }
    const [chosen] = left.splice(pick, 1);
    out.push(chosen!);
    fields.forEach((field, f) => {
      const v = valueOf(chosen!, field);
      if (v !== undefined) counts[f]!.set(v, counts[f]!.get(v)! - 1);
    });
  }
  return out;
}
