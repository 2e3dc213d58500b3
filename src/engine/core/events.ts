/**
 * Everything that can happen in the simulation is one of these, scheduled at a simulated time.
 * Each subsystem declares its own events beside its handlers; this union gathers them.
 */
import type { ConstraintMatcher } from '../../kernels/constraints/contract.ts';
import type { HaEvent } from '../ha/events.ts';
import type { MarathonEvent } from '../marathon/events.ts';
import type { MetronomeEvent } from '../metronome/events.ts';
import type { SdkEvent } from '../sdk/events.ts';
import type { DispatcherEvent } from '../dispatchers/events.ts';
import type { MesosEvent } from '../mesos/events.ts';
import type { MesosDnsEvent } from '../dns/events.ts';
import type { TrafficEvent } from '../traffic/events.ts';
import type { UsageEvent } from '../usage/events.ts';

export type SimEvent =
  HaEvent | MesosEvent | MarathonEvent | MetronomeEvent | MesosDnsEvent | TrafficEvent | SdkEvent | DispatcherEvent | UsageEvent;

/** What the subsystems may ask of the simulation: the time, scheduling, randomness and the history hash. */
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
