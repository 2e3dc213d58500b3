/**
 * How a step's status follows its tasks (dcos-commons `DeploymentStep.update`): STARTING while they stage, STARTED once
 * running until a task with a readiness check has passed it, COMPLETE when every task is running and ready (goal
 * RUNNING) or finished (goal ONCE/FINISH), PENDING again when one ended otherwise. The step's status is the least of
 * its tasks'.
 */
import { TERMINAL_STATES, type TaskStateName } from '../../common/task-states.ts';
import type { SdkPodInstance, SdkPodSpec, SdkService, SdkStep, StepStatus } from './model.ts';
import { candidateSteps } from './plans.ts';

export const specOf = (service: SdkService, pod: SdkPodInstance): SdkPodSpec => service.pods.find((p) => p.type === pod.type)!;

/** The tasks a step launches (steps of saved clusters before steps named them: all the pod's tasks). */
export const stepTasks = (step: SdkStep, spec: SdkPodSpec): string[] => step.tasks ?? spec.tasks;

/** The pod's running tasks (goal RUNNING) launched on its reservation so far. */
export const launchedCount = (spec: SdkPodSpec, pod: SdkPodInstance): number => pod.launched ?? spec.tasks.length;

/** Whether the running task in `slot` of the pod's current launch passed its readiness check (or has none). */
export function isReady(spec: SdkPodSpec, pod: SdkPodInstance, slot: number): boolean {
  if (!spec.readiness || spec.tasks.indexOf(spec.readiness.task) !== slot) return true;
  return pod.readyTaskId !== undefined && pod.readyTaskId === pod.taskIds[slot];
}

/** Whether a task of the pod that runs to completion is staging or running now. */
export const onceLive = (pod: SdkPodInstance): boolean => !!pod.once && !TERMINAL_STATES.has(pod.once.state);

const ORDER: readonly StepStatus[] = ['PENDING', 'STARTING', 'STARTED', 'COMPLETE'];

/** One task's part in a step's status; null: not launched in the pod's current life. */
function progress(spec: SdkPodSpec, pod: SdkPodInstance, task: string): StepStatus | null {
  const slot = spec.tasks.indexOf(task);
  if (slot >= 0) {
    const state = pod.taskStates[slot];
    if (state === undefined) return null;
    if (state === 'TASK_RUNNING') return isReady(spec, pod, slot) ? 'COMPLETE' : 'STARTED';
    return launching(state) ? 'STARTING' : 'PENDING';
  }
  const once = pod.once;
  if (!once || once.task !== task) return null;
  if (once.state === 'TASK_FINISHED') return 'COMPLETE';
  if (once.state === 'TASK_RUNNING') return 'STARTED';
  return launching(once.state) ? 'STARTING' : 'PENDING';
}

/** STAGING and STARTING make a step STARTING; any other state but RUNNING (and FINISHED for ONCE) PENDING (FAILED: DELAYED upstream). */
const launching = (state: TaskStateName) => state === 'TASK_STAGING' || state === 'TASK_STARTING';

/** The status the step's tasks give it now; null when one of them has not been launched. */
export function stepProgress(spec: SdkPodSpec, pod: SdkPodInstance, step: SdkStep): StepStatus | null {
  let least: StepStatus = 'COMPLETE';
  for (const task of stepTasks(step, spec)) {
    const p = progress(spec, pod, task);
    if (p === null) return null;
    if (ORDER.indexOf(p) < ORDER.indexOf(least)) least = p;
  }
  return least;
}

export const allSteps = (service: SdkService): SdkStep[] => [...service.deploy.phases, ...service.recovery.phases].flatMap((p) => p.steps);

/** After a task update or a readiness run: the pod's unfinished steps (deploy and recovery) follow its tasks. */
export function refreshSteps(service: SdkService, pod: SdkPodInstance): void {
  const spec = specOf(service, pod);
  for (const step of allSteps(service)) {
    if (step.pod !== pod.name || step.status === 'COMPLETE') continue;
    const p = stepProgress(spec, pod, step);
    if (p !== null) step.status = p;
  }
}

/**
 * A step restarted while its tasks run (and are ready) or have finished has nothing to do: it completes at the next look;
 * not a step of an outdated pod's running tasks, which relaunch with the new target.
 */
export function settleRunningSteps(service: SdkService): void {
  for (const step of candidateSteps(service.deploy)) {
    const pod = service.instances[step.pod];
    if (!pod || (pod.outdated && stepTasks(step, specOf(service, pod)).some((t) => specOf(service, pod).tasks.includes(t)))) continue;
    if ((step.status === 'PENDING' || step.status === 'PREPARED') && stepProgress(specOf(service, pod), pod, step) === 'COMPLETE')
      step.status = 'COMPLETE';
  }
}
