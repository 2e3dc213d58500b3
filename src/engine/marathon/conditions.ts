/** An instance's condition, derived from its tasks' last reported states (`core/condition/Condition.scala`). */
import { TERMINAL_STATES, type TaskStateName } from '../../common/task-states.ts';
import type { Condition, InstanceState, MarathonState } from './model.ts';
import { changeInstance } from './instance-tally.ts';

/** One condition for all of an instance's tasks (a pod's containers go as a group). */
export function conditionOf(states: TaskStateName[]): Condition {
  if (states.every((s) => TERMINAL_STATES.has(s)))
    return terminalCondition(states.find((s) => s !== 'TASK_KILLED' && s !== 'TASK_FINISHED') ?? states[0]!);
  if (states.some((s) => TERMINAL_STATES.has(s) || s === 'TASK_KILLING')) return 'Killing';
  if (states.some((s) => s === 'TASK_UNREACHABLE')) return 'Unreachable';
  if (states.every((s) => s === 'TASK_RUNNING')) return 'Running';
  if (states.some((s) => s === 'TASK_STAGING')) return 'Staging';
  return 'Starting';
}

function terminalCondition(s: TaskStateName): Condition {
  switch (s) {
    case 'TASK_FINISHED':
      return 'Finished';
    case 'TASK_KILLED':
      return 'Killed';
    case 'TASK_ERROR':
      return 'Error';
    case 'TASK_DROPPED':
      return 'Dropped';
    case 'TASK_LOST':
    case 'TASK_GONE':
    case 'TASK_GONE_BY_OPERATOR':
      return 'Gone';
    default:
      return 'Failed';
  }
}

/** Enter a condition; `since` moves only when the condition changes. */
export function setCondition(m: MarathonState, instance: InstanceState, condition: Condition, now: number): void {
  if (instance.condition === condition) return;
  changeInstance(m, instance, () => {
    instance.condition = condition;
    instance.since = now;
  });
}
