/** What happens to the Mesos master, its agents and its frameworks, scheduled at a simulated time. */
import type { TaskStateName } from '../../common/task-states.ts';
import type { StatusDetail } from '../core/model.ts';

export type MesosEvent =
  /** The agent (re-)registers with the leader of `epoch` (a later leader ignores it). */
  | { type: 'agent.register'; agent: number; epoch: number }
  | { type: 'framework.subscribe'; framework: number; epoch: number }
  /** The periodic batch over every agent (Mesos' --allocation_interval). */
  | { type: 'allocate.batch' }
  /** A run triggered by a new agent, a new framework or a revive; candidates are coalesced. */
  | { type: 'allocate.triggered' }
  | { type: 'offers.deliver'; frameworkId: string; offerIds: string[] }
  /** A status update; from the task's agent unless the master made it (TASK_UNREACHABLE, TASK_LOST). */
  | { type: 'task.status'; taskId: string; state: TaskStateName; origin?: 'master'; detail?: StatusDetail }
  /** The ping timeouts of an agent silent since `since` ran out: the leader of `epoch` marks it unreachable. */
  | { type: 'agent.unreachable'; agent: number; epoch: number; since: number }
  /** --agent_reregister_timeout after a failover: agents that did not come back are unreachable. */
  | { type: 'agent.reregister-timeout'; epoch: number }
  /** A draining agent's grace period ran out: its tasks are killed. */
  | { type: 'agent.drain-deadline'; agent: number; since: number };
