/**
 * Reads a pod's `scheduling` and `role` (`SchedulingValidation.scala`): backoff, upgrade, placement, unreachable
 * strategy and kill selection, reported in that order.
 */
import { roleNameProblem } from '../scenario/roles.ts';
import type { ConstraintSpec, SchedulingPolicy } from './app-definition.ts';
import { readConstraint } from './constraint-rules.ts';
import { POD_DEFAULTS } from './pod-definition.ts';
import { canonical, list, obj, type AtLeast, type Json } from './pod-read-helpers.ts';
import { KILL_SELECTIONS } from './pod-shape.ts';
import { readUnreachable } from './unreachable-strategy.ts';
import { scalaDouble } from './json-values.ts';
import type { Violations } from './violations.ts';

type PodScheduling = Pick<
  SchedulingPolicy,
  | 'constraints'
  | 'role'
  | 'upgradeStrategy'
  | 'backoffSeconds'
  | 'backoffFactor'
  | 'maxLaunchDelaySeconds'
  | 'unreachableStrategy'
  | 'killSelection'
> & {
  /** As pasted: an empty list means "not set". */
  acceptedResourceRoles: string[] | undefined;
};

/** `resident`: the pod has a persistent volume; `defaultRole` is the role of a pod that names none. */
export function readPodScheduling(json: Json, resident: boolean, defaultRole: string, v: Violations, atLeast: AtLeast): PodScheduling {
  const scheduling = obj(json.scheduling);
  const backoff = { ...POD_DEFAULTS.backoff, ...obj(scheduling.backoff) } as typeof POD_DEFAULTS.backoff;
  for (const key of ['backoff', 'backoffFactor', 'maxLaunchDelay'] as const) atLeast(`/scheduling/backoff/${key}`, backoff[key], 0, '0.0');
  const upgradeStrategy = readUpgrade(scheduling.upgrade === undefined ? undefined : obj(scheduling.upgrade), resident, v, atLeast);
  const placement = obj(scheduling.placement);
  const constraints = readConstraints(placement, v);
  const role = (json.role as string | undefined) ?? defaultRole;
  const roleProblem = roleNameProblem(role);
  if (roleProblem) v.add('/role', `invalid role: ${roleProblem}`);
  const acceptedResourceRoles = readAcceptedRoles(placement, role, v);
  const unreachable = scheduling.unreachableStrategy;
  const unreachableStrategy =
    unreachable === undefined
      ? resident
        ? 'disabled'
        : { ...POD_DEFAULTS.unreachableStrategy }
      : readUnreachable(unreachable, v, '/scheduling/unreachableStrategy');
  return {
    constraints,
    role,
    upgradeStrategy,
    backoffSeconds: backoff.backoff,
    backoffFactor: backoff.backoffFactor,
    maxLaunchDelaySeconds: backoff.maxLaunchDelay,
    unreachableStrategy,
    killSelection: canonical((scheduling.killSelection as string | undefined) ?? POD_DEFAULTS.killSelection, KILL_SELECTIONS),
    acceptedResourceRoles,
  };
}

/**
 * A resident pod gets its own default only when `upgrade` is absent as a whole (`PodNormalization`); a partial one is
 * filled with the reader's defaults (1.0, 1.0), and a resident pod must then not go over capacity
 * (`SchedulingValidation.validForResidentPods`, at `/upgrade`).
 */
function readUpgrade(upgrade: Json | undefined, resident: boolean, v: Violations, atLeast: AtLeast): SchedulingPolicy['upgradeStrategy'] {
  const strategy = (
    upgrade === undefined
      ? { ...(resident ? POD_DEFAULTS.residentUpgrade : POD_DEFAULTS.upgrade) }
      : { ...POD_DEFAULTS.upgrade, ...upgrade }
  ) as SchedulingPolicy['upgradeStrategy'];
  if (resident && strategy.maximumOverCapacity !== 0)
    v.add('/upgrade/maximumOverCapacity', `got ${scalaDouble(strategy.maximumOverCapacity)}, expected 0.0`);
  for (const key of ['minimumHealthCapacity', 'maximumOverCapacity'] as const) {
    atLeast(`/scheduling/upgrade/${key}`, strategy[key], 0, '0.0');
    if (strategy[key] > 1) v.add(`/scheduling/upgrade/${key}`, `got ${strategy[key]}, expected 1.0 or less`);
  }
  return strategy;
}

function readConstraints(placement: Json, v: Violations): ConstraintSpec[] {
  const constraints: ConstraintSpec[] = [];
  list(placement.constraints).forEach((c, i) => {
    const read = readConstraint(c);
    if (read.ok) constraints.push(read.value);
    else v.add(`/scheduling/placement/constraints(${i})`, read.error);
  });
  return constraints;
}

/** Unlike apps, an empty list is allowed: it means "not set" (`SchedulingValidation.placementStrategyValidator`). */
function readAcceptedRoles(placement: Json, role: string, v: Violations): string[] | undefined {
  const accepted = placement.acceptedResourceRoles as string[] | undefined;
  if (accepted?.some((r) => r !== '*' && r !== role))
    v.add('/scheduling/placement/acceptedResourceRoles', `acceptedResourceRoles can only contain * and ${role}`);
  return accepted;
}
