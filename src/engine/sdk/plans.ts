/**
 * Plans of phases of steps, and how a parent's status rolls up from its children (`PlanUtils.getAggregateStatus`,
 * PLATFORM.md E.4): the first rule that holds wins. A serial parent's candidates are its first incomplete child, a
 * parallel one's all incomplete children.
 */
import type { RollUpStatus, SdkPhase, SdkPlan, SdkPodSpec, SdkStep, Strategy } from './model.ts';

export function candidates<T>(children: readonly T[], statusOf: (c: T) => RollUpStatus, strategy: Strategy): T[] {
  const incomplete = children.filter((c) => statusOf(c) !== 'COMPLETE');
  return strategy === 'serial' ? incomplete.slice(0, 1) : incomplete;
}

export function rollUp(statuses: readonly RollUpStatus[], candidateStatuses: readonly RollUpStatus[], interrupted: boolean): RollUpStatus {
  const any = (s: RollUpStatus, in_: readonly RollUpStatus[] = statuses) => in_.includes(s);
  if (any('ERROR')) return 'ERROR';
  if (statuses.every((s) => s === 'COMPLETE')) return 'COMPLETE';
  if (interrupted) return 'WAITING';
  if (statuses.length > 0 && statuses.every((s) => s === 'DELAYED')) return 'DELAYED';
  if (any('PREPARED')) return 'IN_PROGRESS';
  if (any('WAITING', candidateStatuses)) return 'WAITING';
  if (any('IN_PROGRESS', candidateStatuses)) return 'IN_PROGRESS';
  if (any('COMPLETE') && candidateStatuses.some((s) => s === 'PENDING' || s === 'STARTING' || s === 'STARTED')) return 'IN_PROGRESS';
  if (any('PENDING', candidateStatuses)) return 'PENDING';
  if (any('WAITING')) return 'WAITING';
  if (any('STARTING', candidateStatuses)) return 'STARTING';
  return 'STARTED';
}

export function phaseStatus(phase: SdkPhase, interrupted = false): RollUpStatus {
  const of = (s: SdkStep): RollUpStatus => s.status;
  return rollUp(phase.steps.map(of), candidates(phase.steps, of, phase.strategy).map(of), interrupted || phase.interrupted === true);
}

export function planStatus(plan: SdkPlan): RollUpStatus {
  const of = (p: SdkPhase) => phaseStatus(p, plan.interrupted);
  return rollUp(plan.phases.map(of), candidates(plan.phases, of, plan.strategy).map(of), plan.interrupted);
}

/** The steps the plan would work on now: the candidates of its candidate phases (none while interrupted). */
export function candidateSteps(plan: SdkPlan): SdkStep[] {
  if (plan.interrupted) return [];
  const phases = candidates(plan.phases, (p) => phaseStatus(p), plan.strategy);
  return phases.filter((p) => !p.interrupted).flatMap((p) => candidates(p.steps, (s) => s.status, p.strategy));
}

/** The default deploy plan: serial over phases, one per pod type in spec order, a step per pod instance. */
export function deployPlan(pods: readonly SdkPodSpec[], uuid: () => string): SdkPlan {
  return {
    name: 'deploy',
    strategy: 'serial',
    phases: pods
      .filter((p) => p.count > 0)
      .map((p) => ({
        id: uuid(),
        name: p.phase,
        strategy: p.strategy,
        steps: Array.from({ length: p.count }, (_, i) => newStep(uuid(), p, i)),
      })),
    errors: [],
    interrupted: false,
  };
}

export function newStep(id: string, pod: SdkPodSpec, index: number): SdkStep {
  const name = `${pod.type}-${index}`;
  return { id, name: `${name}:[${pod.tasks.join(', ')}]`, pod: name, status: 'PENDING', message: '' };
}

export function emptyPlan(name: string): SdkPlan {
  return { name, strategy: 'serial', phases: [], errors: [], interrupted: false };
}
