/**
 * The discrete-event loop: a queue of timestamped events, a simulated clock and a seeded random
 * generator drive everything. The loop knows no subsystem: it boots the ones it is given, in
 * order, and hands each event to the one that registered its type (core/subsystem.ts).
 */
import { restoreState, saveState, type SavedClusterState } from './core/saved-state.ts';
import type { AllocatorKernel } from '../kernels/allocator/contract.ts';
import type { ConstraintMatcher } from '../kernels/constraints/contract.ts';
import type { Scenario } from '../common/scenario/types.ts';
import { buildCluster } from './core/build.ts';
import { EventQueue, type Scheduled } from './core/event-queue.ts';
import type { SimContext, SimEvent } from './core/events.ts';
import { HistoryHash } from './core/history-hash.ts';
import type { ClusterState, FrameworkState } from './core/model.ts';
import { Rng, type RngState } from './core/rng.ts';
import type { EventHandler, FrameworkScheduler, Subsystem, World } from './core/subsystem.ts';
import { checkInvariants } from './invariants.ts';

export interface SimulationOptions {
  /** Check the safety invariants after every event and throw on the first violation: for fault testing. */
  checkInvariants?: boolean;
  /**
   * Called after each event is handled, with the state it left: for watching a run (narration, goals).
   * It must only read: it draws nothing from the generator and adds nothing to the history hash.
   */
  observe?: EventObserver;
}

/** Watches a run: each event after its handler ran, at the simulated time it ran. */
export type EventObserver = (event: SimEvent, state: ClusterState, now: number) => void;

/** Everything a simulation is at one moment, as plain data: resuming it goes on exactly as the original would. */
export interface SimulationSnapshot {
  now: number;
  eventCount: number;
  historyHash: string;
  rng: RngState;
  pending: Array<Scheduled<SimEvent>>;
  /** The sequence number of the next scheduled event (ties on time run in sequence order). */
  nextSeq: number;
  /** Agents waiting for the allocation run already scheduled, or null when none is. */
  triggered: number[] | 'all' | null;
  cluster: SavedClusterState;
}

type AnyHandler = EventHandler<SimEvent>;

function handlerTable(subsystems: readonly Subsystem[]): Map<SimEvent['type'], AnyHandler> {
  const table = new Map<SimEvent['type'], AnyHandler>();
  for (const subsystem of subsystems) {
    for (const [type, handler] of Object.entries(subsystem.events ?? {}) as Array<[SimEvent['type'], AnyHandler]>) {
      if (table.has(type)) throw new Error(`two subsystems handle '${type}'`);
      table.set(type, handler);
    }
  }
  return table;
}

function schedulerTable(subsystems: readonly Subsystem[]): Map<string, FrameworkScheduler> {
  const table = new Map<string, FrameworkScheduler>();
  for (const scheduler of subsystems.flatMap((s) => s.schedulers ?? [])) {
    if (table.has(scheduler.kind)) throw new Error(`two schedulers for frameworks of kind '${scheduler.kind}'`);
    table.set(scheduler.kind, scheduler);
  }
  return table;
}

export class Simulation {
  readonly state: ClusterState;
  readonly #queue: EventQueue<SimEvent>;
  readonly #rng: Rng;
  readonly #hash: HistoryHash;
  readonly #handlers: Map<SimEvent['type'], AnyHandler>;
  readonly #schedulers: Map<string, FrameworkScheduler>;
  readonly #world: World;
  #now = 0;
  #events = 0;
  /** Agents waiting for a triggered allocation run; 'all' after a framework change. */
  #candidates: Set<number> | 'all' | null = null;
  /** Fault-testing runs check the safety invariants after every event. */
  readonly #checkInvariants: boolean;
  readonly #observe: EventObserver | undefined;

  /**
   * A cluster booting from `scenario`, or, given `from` (a snapshot of this scenario's history),
   * that cluster resumed at the snapshot's moment.
   */
  constructor(
    scenario: Scenario,
    subsystems: readonly Subsystem[],
    kernels: { allocator: AllocatorKernel; matcher: ConstraintMatcher },
    from?: SimulationSnapshot,
    options: SimulationOptions = {},
  ) {
    this.#checkInvariants = options.checkInvariants === true;
    this.#observe = options.observe;
    this.#handlers = handlerTable(subsystems);
    this.#schedulers = schedulerTable(subsystems);
    if (from) {
      this.#rng = new Rng(from.rng);
      this.#hash = HistoryHash.fromHex(from.historyHash);
      this.#queue = EventQueue.fromArray(structuredClone(from.pending), from.nextSeq);
      this.state = restoreState(from.cluster);
      this.#now = from.now;
      this.#events = from.eventCount;
      this.#candidates = from.triggered === null || from.triggered === 'all' ? from.triggered : new Set(from.triggered);
    } else {
      this.#rng = Rng.fromSeed(scenario.seed);
      this.#hash = new HistoryHash();
      this.#queue = new EventQueue<SimEvent>();
      this.state = buildCluster(scenario, this.#rng);
    }
    const sim = this;
    const ctx: SimContext = {
      get now() {
        return sim.#now;
      },
      schedule: (delay, event) => this.#queue.push(this.#now + delay, event),
      triggerAllocation: (agents) => this.#trigger(agents),
      record: (text) => this.#hash.add(text),
      randomInt: (min, max) => this.#rng.int(min, max),
      random: () => this.#rng.next(),
      randomUuid: () => this.#rng.uuid(),
      matcher: kernels.matcher,
    };
    this.#world = {
      state: this.state,
      ctx,
      rng: this.#rng,
      allocator: kernels.allocator,
      schedulerOf: (fw) => this.#schedulerOf(fw),
      takeAllocationCandidates: () => this.#takeCandidates(),
    };
    if (!from) for (const subsystem of subsystems) subsystem.boot?.(this.#world, scenario);
    else for (const subsystem of subsystems) subsystem.resume?.(this.#world);
  }

  get now(): number {
    return this.#now;
  }

  get eventCount(): number {
    return this.#events;
  }

  get historyHash(): string {
    return this.#hash.hex;
  }

  get context(): SimContext {
    return this.#world.ctx;
  }

  /** When the next pending event is due (simulated ms), or undefined when none is: a read, it changes nothing. */
  get nextEventAt(): number | undefined {
    return this.#queue.peekTime();
  }

  /** Mix something that happened from outside (an API write) into the history hash. */
  record(text: string): void {
    this.#hash.add(text);
  }

  snapshot(): SimulationSnapshot {
    return {
      now: this.#now,
      eventCount: this.#events,
      historyHash: this.#hash.hex,
      rng: this.#rng.state,
      pending: structuredClone(this.#queue.toArray()),
      nextSeq: this.#queue.nextSeq,
      triggered: this.#candidates === null || this.#candidates === 'all' ? this.#candidates : [...this.#candidates],
      cluster: saveState(this.state),
    };
  }

  /** Process every event up to and including time `until`, then leave the clock there. */
  runUntil(until: number): void {
    for (let at = this.#queue.peekTime(); at !== undefined && at <= until; at = this.#queue.peekTime()) {
      const next = this.#queue.pop()!;
      this.#now = next.at;
      this.#events++;
      this.#dispatch(next.event);
      if (this.#checkInvariants) this.#assertInvariants(next.event.type);
      this.#observe?.(next.event, this.state, this.#now);
    }
    this.#now = until;
  }

  #dispatch(event: SimEvent): void {
    const handler = this.#handlers.get(event.type);
    if (!handler) throw new Error(`no subsystem handles '${event.type}'`);
    if (handler.trace) {
      const trace = handler.trace(event);
      this.#hash.add(trace === '' ? `${this.#now} ${event.type}` : `${this.#now} ${event.type} ${trace}`);
    }
    handler.handle(this.#world, event);
  }

  #assertInvariants(eventType: SimEvent['type']): void {
    const violations = checkInvariants(this.state, this.#now);
    if (violations.length > 0) throw new Error(`invariant violated after ${eventType}, ${violations[0]}`);
  }

  #schedulerOf(fw: FrameworkState): FrameworkScheduler {
    const scheduler = this.#schedulers.get(fw.kind);
    if (!scheduler) throw new Error(`no scheduler for frameworks of kind '${fw.kind}'`);
    return scheduler;
  }

  #trigger(agents: number[] | 'all'): void {
    if (this.#candidates === null) this.#world.ctx.schedule(0, { type: 'allocate.triggered' });
    if (agents === 'all' || this.#candidates === 'all') this.#candidates = 'all';
    else {
      this.#candidates ??= new Set();
      for (const a of agents) this.#candidates.add(a);
    }
  }

  #takeCandidates(): number[] {
    const candidates =
      this.#candidates === 'all' ? this.state.agents.map((_, i) => i) : [...(this.#candidates ?? [])].sort((a, b) => a - b);
    this.#candidates = null;
    return candidates;
  }
}
