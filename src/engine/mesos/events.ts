/** Everything that can happen in the simulation is one of these, scheduled at a simulated time. */
import type { ConstraintMatcher } from '../../kernels/constraints/contract.ts';
import type { TaskStateName } from './model.ts';
import type { MasterUnit } from '../ha/model.ts';

export type SimEvent =
  /** The agent (re-)registers with the leader of `epoch` (a later leader ignores it). */
  | { type: 'agent.register'; agent: number; epoch: number }
  | { type: 'framework.subscribe'; framework: number; epoch: number }
  /** The periodic batch over every agent (Mesos' --allocation_interval). */
  | { type: 'allocate.batch' }
  /** A run triggered by a new agent, a new framework or a revive; candidates are coalesced. */
  | { type: 'allocate.triggered' }
  | { type: 'offers.deliver'; frameworkId: string; offerIds: string[] }
  /** A status update; from the task's agent unless the master made it (TASK_UNREACHABLE, TASK_LOST). */
  | { type: 'task.status'; taskId: string; state: TaskStateName; origin?: 'master' }
  /** The ping timeouts of an agent silent since `since` ran out: the leader of `epoch` marks it unreachable. */
  | { type: 'agent.unreachable'; agent: number; epoch: number; since: number }
  /** --agent_reregister_timeout after a failover: agents that did not come back are unreachable. */
  | { type: 'agent.reregister-timeout'; epoch: number }
  /** A draining agent's grace period ran out: its tasks are killed. */
  | { type: 'agent.drain-deadline'; agent: number; since: number }
  /** A unit of a master finished starting (void when the host rebooted since: `boot`). */
  | { type: 'unit.up'; master: number; unit: MasterUnit; boot: number }
  /** ZooKeeper's servers finish electing their leader. */
  | { type: 'zk.elect' }
  /** A session that lost the ensemble at `lostAt` reaches its timeout. */
  | { type: 'zk.expire'; session: number; lostAt: number }
  /** A Mesos master that won the election has read the registry from the replicated log. */
  | { type: 'mesos.recovered'; master: number; session: number }
  /** A Marathon instance that won its election has loaded its state and takes over. */
  | { type: 'marathon.elected'; master: number; session: number }
  /** Marathon's timers: a health check, the end of a launch delay, deployment progress, reconciliation, a rate-limited revive. */
  | { type: 'marathon.health'; instanceId: string; incarnation: number; epoch: number }
  | { type: 'marathon.delay-over'; runSpecId: string }
  | { type: 'marathon.check' }
  | { type: 'marathon.reconcile' }
  | { type: 'marathon.revive' }
  /** Marathon sends again the kills that did not reach their agents (--task_kill_retry_timeout). */
  | { type: 'marathon.kill-retry' };

export interface SimContext {
  readonly now: number;
  schedule(delayMs: number, event: SimEvent): void;
  /** Ask for an allocation run over these agents (or all), coalesced with other pending triggers. */
  triggerAllocation(agents: number[] | 'all'): void;
  /** Mix a decision into the history hash. */
  record(text: string): void;
  randomInt(min: number, max: number): number;
  /** Uniform in [0, 1), from the seeded generator. */
  random(): number;
  randomUuid(): string;
  /** The placement-constraint kernel Marathon asks. */
  readonly matcher: ConstraintMatcher;
}
