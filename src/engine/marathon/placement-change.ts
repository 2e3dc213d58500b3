/** What a placement suggestion proposes: one change to the app definition or to the cluster, with a sentence and a size. */
import type { ConstraintSpec } from '../../common/marathon/app-definition.ts';
import type { SCALAR_NAMES } from '../../common/resources.ts';

/** One change to the app definition or to the cluster, machine-readable. */
export type PlacementChange =
  | { kind: 'cpus' | 'mem' | 'disk' | 'gpus'; from: number; to: number }
  | { kind: 'ports'; from: number; to: number }
  | { kind: 'requirePorts'; from: true; to: false }
  | { kind: 'acceptedResourceRoles'; from: string[]; to: string[] }
  | { kind: 'relaxConstraint'; constraint: ConstraintSpec; to: ConstraintSpec }
  | { kind: 'dropConstraint'; constraint: ConstraintSpec }
  | { kind: 'addAgents'; count: number; like: string; atLeast?: Partial<Record<(typeof SCALAR_NAMES)[number] | 'ports', number>> }
  | { kind: 'scale'; from: number; to: number };

export interface Suggestion {
  text: string;
  change: PlacementChange;
  /** Size of the change, 0 (none) to 1 (a constraint dropped): the ranking key. */
  size: number;
}
