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
  // A plan's own errors (a refused configuration) make it ERROR before anything else, as they would a phase's.
  if (plan.errors.length > 0) return 'ERROR';
  const of = (p: SdkPhase) => phaseStatus(p, plan.interrupted);
  return rollUp(plan.phases.map(of), candidates(plan.phases, of, plan.strategy).map(of), plan.interrupted);
}

/** The steps the plan would work on now: the candidates of its candidate phases (none while interrupted). */
export function candidateSteps(plan: SdkPlan): SdkStep[] {
  if (plan.interrupted) return [];
  const phases = candidates(plan.phases, (p) => phaseStatus(p), plan.strategy);
  return phases.filter((p) => !p.interrupted).flatMap((p) => candidates(p.steps, (s) => s.status, p.strategy));
}

/**
 * The deploy plan: serial over phases in spec order, by default one per pod type with a step per pod instance; a pod
 * whose svc.yml names custom steps gets its phases (`PlanGenerator`: each task list of `<index>` or `default` is a
 * step of its own, `[[format], [node]]` → `name-0:[format]`, `name-0:[node]`; an empty list, no step).
 */
export function deployPlan(pods: readonly SdkPodSpec[], uuid: () => string): SdkPlan {
  const phases: SdkPhase[] = [];
  for (const p of pods.filter((x) => x.count > 0)) {
    if (!p.deploy) {
      const steps = Array.from({ length: p.count }, (_, i) => newStep(uuid(), p, i));
      phases.push({ id: uuid(), name: p.phase, strategy: p.strategy, steps });
      continue;
    }
    for (const phase of p.deploy) {
      const id = uuid();
      const steps: SdkStep[] = [];
      for (let i = 0; i < p.count; i++)
        for (const tasks of phase.steps[String(i)] ?? phase.steps.default ?? []) steps.push(newStep(uuid(), p, i, tasks));
      phases.push({ id, name: phase.name, strategy: phase.strategy, steps });
    }
  }
  return { name: 'deploy', strategy: 'serial', phases, errors: [], interrupted: false };
}

/** `TaskUtils.getStepName`: `<pod>-<index>:` and the task list as Java prints it (`[a, b]`). */
export function newStep(id: string, pod: SdkPodSpec, index: number, tasks: readonly string[] = pod.tasks): SdkStep {
  const name = `${pod.type}-${index}`;
  return { id, name: `${name}:[${tasks.join(', ')}]`, pod: name, status: 'PENDING', message: '', tasks: [...tasks] };
}

export function emptyPlan(name: string): SdkPlan {
  return { name, strategy: 'serial', phases: [], errors: [], interrupted: false };
}
