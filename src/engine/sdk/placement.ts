/**
 * An SDK pod type's placement (`PLACEMENT_CONSTRAINTS` and the like: Marathon-style `[["hostname","MAX_PER","1"]]`,
 * which dcos-commons' `MarathonConstraintParser` turns into placement rules of the same meaning) checked by the
 * engine's constraint matcher, as Marathon's are: the agent of the offer against the pod type's instances placed so far.
 */
import type { ConstraintMatcher } from '../../kernels/constraints/contract.ts';
import { internMatch } from '../../kernels/constraints/pack.ts';
import { isOperator } from '../../common/marathon/constraint-operators.ts';
import type { ClusterState } from '../core/model.ts';
import { agentSpec } from '../marathon/placement.ts';
import type { SdkPodSpec, SdkService } from './model.ts';

/** The constraints the matcher can read (a field, a known operator in any case, an optional value). */
export function readablePlacement(rules: readonly string[][]): [string, string, string?][] {
  return rules
    .filter((r) => r.length >= 2 && r.length <= 3 && isOperator(r[1]!.toUpperCase()))
    .map((r) => (r.length === 3 ? [r[0]!, r[1]!, r[2]!] : [r[0]!, r[1]!]));
}

/** Whether the pod type's placement lets one more of its instances go to agent `agentIdx`. */
export function placementAllows(
  state: ClusterState,
  matcher: ConstraintMatcher,
  service: SdkService,
  spec: SdkPodSpec,
  agentIdx: number,
): boolean {
  const constraints = readablePlacement(spec.placement);
  if (constraints.length === 0) return true;
  const placedOn = Object.values(service.instances)
    .filter((i) => i.type === spec.type && i.agentIdx !== null && !i.replacing)
    .map((i) => i.agentIdx!);
  const others = [...new Set(placedOn.filter((a) => a !== agentIdx))];
  const input = internMatch({
    agents: [agentSpec(state.agents[agentIdx]!)],
    otherAgents: others.map((a) => agentSpec(state.agents[a]!)),
    pending: [{ constraints, placed: placedOn.map((a) => (a === agentIdx ? 0 : 1 + others.indexOf(a))) }],
  });
  return (matcher.match(input).match[0]! & 1) === 1;
}
