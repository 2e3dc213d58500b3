/** The headless sandbox's vocabulary: its options, its snapshots and the running cluster's interface. */
import type { ApiRequest, ApiResponse } from '../api/types.ts';
import type { ClusterFrame, ClusterLayout, FigureSample } from '../common/view-types.ts';
import type { ClusterState } from '../engine/core/model.ts';
import type { EventObserver, SimulationSnapshot } from '../engine/simulation.ts';
import type { Scenario, ScriptAction } from '../common/scenario/types.ts';

/** A cluster at one moment: the simulation's state, and how many of the script's actions had run (a snapshot resumes a script that starts with them). */
export interface SandboxSnapshot extends SimulationSnapshot {
  actionsDone: number;
}

export type AllocatorChoice = 'wasm' | 'ts';

export interface SandboxOptions {
  /** Which allocator kernel decides offers: the WebAssembly one (default) or its TypeScript twin. */
  allocator?: AllocatorChoice;
  /** Which placement-constraint matcher Marathon asks: Wasm (default) or the TypeScript twin. */
  matcher?: AllocatorChoice;
  /** Check the safety invariants (invariants.ts) after every event and throw on the first violation: for fault testing. */
  checkInvariants?: boolean;
  /** Watches the run without changing it (narration): it must only read the state it is handed. */
  observer?: RunObserver;
}

/** A write made to the cluster (an action of its script), as an observer sees it once its handler ran. */
export interface ObservedAction {
  at: number;
  method: string;
  path: string;
  /** The request body as the script keeps it (JSON text, or '' for none). */
  body: string;
  status: number;
}

/** Watches a run: each event after its handler ran, and each write before the events it set off at its moment. */
export interface RunObserver {
  event?: EventObserver;
  action?: (action: ObservedAction, state: ClusterState) => void;
}

/** A running simulated cluster. Same scenario + seed = same history. */
export interface Sandbox {
  /** Simulated milliseconds since the cluster started. */
  readonly now: number;
  /** Run the simulation forward by `ms` simulated milliseconds. */
  advance(ms: number): void;
  /**
   * When something next happens (simulated ms): the next pending event or scripted action, or undefined when
   * nothing is pending. A read: `advance(nextEventAt() - now)` runs exactly that moment (for stepping a run).
   */
  nextEventAt(): number | undefined;
  /** The DC/OS HTTP API, in-process. */
  request(req: ApiRequest): ApiResponse;
  /** Static facts about the cluster: sent to the UI once. */
  layout(): ClusterLayout;
  /** Compact live figures for the UI. */
  frame(): ClusterFrame;
  /** The frame's cluster-wide figures alone (cheaper: no per-agent arrays). */
  figures(): FigureSample;
  /** A hash of every event processed so far: equal hashes = identical histories. */
  historyHash(): string;
  /** The whole state as plain, serialisable data: cluster, pending events and the generator's state. */
  snapshot(): SandboxSnapshot;
  /** The scenario with every action made so far in its script: replaying it gives this history. */
  scenario(): Scenario;
  /** The script alone (actions made so far, then those still to come), without copying the rest of the scenario. */
  script(): ScriptAction[];
  /** Scripted actions not run yet: the clock has not reached their time (after a rewind, say). */
  pendingActions(): number;
  /** Fork here: drop the scripted actions not run yet (they leave `scenario().script`); returns how many. */
  dropPendingActions(): number;
  /** Number of events processed so far. */
  readonly eventCount: number;
}
