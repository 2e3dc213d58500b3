/** Everything that can happen in the simulation is one of these, scheduled at a simulated time. */
import type { ConstraintMatcher } from '../../kernels/constraints/contract.ts';
import type { TaskStateName } from './model.ts';

export type SimEvent =
  | { type: 'agent.register'; agent: number }
  | { type: 'framework.subscribe'; framework: number }
  /** The periodic batch over every agent (Mesos' --allocation_interval). */
  | { type: 'allocate.batch' }
  /** A run triggered by a new agent, a new framework or a revive; candidates are coalesced. */
  | { type: 'allocate.triggered' }
  | { type: 'offers.deliver'; frameworkId: string; offerIds: string[] }
  | { type: 'task.status'; taskId: string; state: TaskStateName }
  /** The ping timeouts of a disconnected agent ran out: the master marks it unreachable. */
  | { type: 'agent.unreachable'; agent: number }
  /** Marathon's timers: a health check, the end of a launch delay, deployment progress, reconciliation, a rate-limited revive. */
  | { type: 'marathon.health'; instanceId: string; incarnation: number }
  | { type: 'marathon.delay-over'; runSpecId: string }
  | { type: 'marathon.check' }
  | { type: 'marathon.reconcile' }
  | { type: 'marathon.revive' };

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
