/**
 * The plan commands of an SDK service's API (dcos-commons `PlansQueries`): start, stop, continue, interrupt,
 * forceComplete and restart, on a plan or one of its phases or steps. Each answers what the API returns:
 * done, already so (208 "Command has already been reported or completed"), or which element is not found.
 */
import type { SdkPhase, SdkPlan, SdkService, SdkStep } from './model.ts';
import { planStatus } from './plans.ts';

export type CommandResult = { ok: true } | { ok: false; status: 208 } | { ok: false; status: 404; what: string };

const ALREADY: CommandResult = { ok: false, status: 208 };
const DONE: CommandResult = { ok: true };

export function planNamed(service: SdkService, name: string): SdkPlan | undefined {
  return name === 'deploy' ? service.deploy : name === 'recovery' ? service.recovery : undefined;
}

function phaseOf(plan: SdkPlan, name: string | null): SdkPhase | undefined | null {
  if (name === null) return null;
  return plan.phases.find((p) => p.name === name || p.id === name);
}

const reset = (steps: SdkStep[]) => steps.forEach((s) => Object.assign(s, { status: 'PENDING', message: '' }));

/** `start`: an interrupted plan proceeds; a complete one starts over. */
export function startPlan(plan: SdkPlan): CommandResult {
  if (planStatus(plan) === 'COMPLETE') reset(plan.phases.flatMap((p) => p.steps));
  plan.interrupted = false;
  for (const p of plan.phases) delete p.interrupted;
  return DONE;
}

/** `stop`: interrupted, and every step back to PENDING. */
export function stopPlan(plan: SdkPlan): CommandResult {
  plan.interrupted = true;
  reset(plan.phases.flatMap((p) => p.steps));
  return DONE;
}

/** `continue` (`plan resume`) and `interrupt` (`plan pause`), of the plan or of one phase. */
export function setInterrupted(plan: SdkPlan, phaseName: string | null, interrupted: boolean): CommandResult {
  const phase = phaseOf(plan, phaseName);
  if (phase === undefined) return { ok: false, status: 404, what: `Phase ${phaseName}` };
  const complete = planStatus(plan) === 'COMPLETE';
  if (phase === null) {
    if (complete || plan.interrupted === interrupted) return ALREADY;
    plan.interrupted = interrupted;
    return DONE;
  }
  if ((phase.interrupted === true) === interrupted || phase.steps.every((s) => s.status === 'COMPLETE')) return ALREADY;
  if (interrupted) phase.interrupted = true;
  else delete phase.interrupted;
  return DONE;
}

function stepOf(plan: SdkPlan, phaseName: string, stepName: string): SdkStep | CommandResult {
  const phase = phaseOf(plan, phaseName);
  if (!phase) return { ok: false, status: 404, what: `Phase ${phaseName}` };
  const step = phase.steps.find((s) => s.name === stepName || s.id === stepName);
  return step ?? { ok: false, status: 404, what: `Step ${stepName}` };
}

/** `forceComplete`: the step counts as COMPLETE without running. */
export function forceComplete(plan: SdkPlan, phaseName: string, stepName: string): CommandResult {
  const step = stepOf(plan, phaseName, stepName);
  if ('ok' in step) return step;
  if (step.status === 'COMPLETE') return ALREADY;
  step.status = 'COMPLETE';
  return DONE;
}

/** `restart`: the plan, a phase or a step back to PENDING (a step whose pod runs completes again at once). */
export function restartElement(plan: SdkPlan, phaseName: string | null, stepName: string | null): CommandResult {
  if (phaseName === null) {
    reset(plan.phases.flatMap((p) => p.steps));
    plan.interrupted = false;
    return DONE;
  }
  if (stepName === null) {
    const phase = phaseOf(plan, phaseName);
    if (!phase) return { ok: false, status: 404, what: `Phase ${phaseName}` };
    reset(phase.steps);
    delete phase.interrupted;
    return DONE;
  }
  const step = stepOf(plan, phaseName, stepName);
  if ('ok' in step) return step;
  reset([step]);
  return DONE;
}
