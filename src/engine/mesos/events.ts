/** Everything that can happen in the simulation is one of these, scheduled at a simulated time. */
import type { TaskStateName } from './model.ts';

export type SimEvent =
  | { type: 'agent.register'; agent: number }
  | { type: 'framework.subscribe'; framework: number }
  /** The periodic batch over every agent (Mesos' --allocation_interval). */
  | { type: 'allocate.batch' }
  /** A run triggered by a new agent, a new framework or a revive; candidates are coalesced. */
  | { type: 'allocate.triggered' }
  | { type: 'offers.deliver'; frameworkId: string; offerIds: string[] }
  | { type: 'task.status'; taskId: string; state: TaskStateName };

export interface SimContext {
  readonly now: number;
  schedule(delayMs: number, event: SimEvent): void;
  /** Ask for an allocation run over these agents (or all), coalesced with other pending triggers. */
  triggerAllocation(agents: number[] | 'all'): void;
  /** Mix a decision into the history hash. */
  record(text: string): void;
  randomInt(min: number, max: number): number;
}
