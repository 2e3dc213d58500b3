/**
 * The contract between the simulation and its subsystems (see src/engine/README.md): a subsystem
 * boots its part of the cluster, handles its own events and may bring the scheduler of a kind of
 * framework. The simulation knows no subsystem by name; it dispatches by these tables.
 */
import type { AllocatorKernel } from '../../kernels/allocator/contract.ts';
import type { Scenario } from '../../common/scenario/types.ts';
import type { SimContext, SimEvent } from './events.ts';
import type { ClusterState, FrameworkState, OfferState, Subscription, TaskState } from './model.ts';
import type { Rng } from './rng.ts';
import type { TaskStateName } from '../../common/task-states.ts';

/** What a handler works with: the cluster's state, the simulation's services and the kernels. */
export interface World {
  readonly state: ClusterState;
  readonly ctx: SimContext;
  /** The seeded generator itself, for the allocator's shuffles (ctx offers the usual draws). */
  readonly rng: Rng;
  readonly allocator: AllocatorKernel;
  /** The scheduler of a framework's kind. */
  schedulerOf(fw: FrameworkState): FrameworkScheduler;
  /** The agents a triggered allocation run covers (ascending), or every agent; the wait is cleared. */
  takeAllocationCandidates(): number[];
}

export type EventOf<T extends SimEvent['type']> = Extract<SimEvent, { type: T }>;

export interface EventHandler<E extends SimEvent> {
  /**
   * What enters the history hash after the time and the event's type, before `handle` runs;
   * absent when `handle` records for itself (its line depends on what it finds).
   */
  trace?(event: E): string;
  handle(world: World, event: E): void;
}

export type EventHandlers = { [T in SimEvent['type']]?: EventHandler<EventOf<T>> };

/** A framework's scheduler: what answers its offers and status updates (Marathon, a load generator, …). */
export interface FrameworkScheduler<F extends FrameworkState = FrameworkState> {
  readonly kind: F['kind'];
  /** The roles it subscribes with, and those it wants no offers in yet. */
  subscription(world: World, fw: F): Subscription;
  /** It has just (re-)subscribed to a leading master. */
  subscribed?(world: World, fw: F): void;
  offers(world: World, fw: F, offers: OfferState[]): void;
  /** A status update the master forwards for one of its tasks. */
  status(world: World, fw: F, task: TaskState, next: TaskStateName): void;
}

export interface Subsystem {
  readonly name: string;
  /** Runs once when a new cluster starts, in registration order (a resumed cluster does not boot). */
  boot?(world: World, scenario: Scenario): void;
  /** Runs when a cluster resumes from a snapshot, in registration order (for state a snapshot from before it may lack). */
  resume?(world: World): void;
  readonly events?: EventHandlers;
  readonly schedulers?: readonly FrameworkScheduler[];
}
