/**
 * The page's one handle on the sandbox worker: starts it lazily, wraps it with Comlink, and
 * can terminate or restart it. The UI state talks to this class, never to a Worker.
 */
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { ApiRequest, ApiResponse } from '../api/types.ts';
import type { SandboxOptions } from '../sandbox/types.ts';
import type { Scenario } from '../common/scenario/types.ts';
import type { ClusterLayout, FigureSample } from '../common/view-types.ts';
import type { SandboxWorkerApi, Timeline } from './sandbox.worker.ts';
import type { LabResult, LabTask } from './lab.ts';
import type { AgentDetails, FrameListener, LoadResult, TravelResult, WorkerStatus, WriteResult } from './protocol.ts';

export type { AgentDetails, FrameListener, LabResult, LabTask, LoadResult, Timeline, TravelResult, WorkerStatus, WriteResult };
export type { TimelineAction, TimelineEvent, TimelineEventKind } from './sandbox.worker.ts';

export class SandboxBridge {
  #worker: Worker | null = null;
  #remote: Remote<SandboxWorkerApi> | null = null;
  #listener: FrameListener | null = null;

  /** The worker's API, starting the worker on first use. */
  get remote(): Remote<SandboxWorkerApi> {
    if (!this.#remote) {
      this.#worker = new Worker(new URL('./sandbox.worker.ts', import.meta.url), { type: 'module', name: 'dcos-sandbox' });
      this.#remote = wrap<SandboxWorkerApi>(this.#worker);
      if (this.#listener) void this.#remote.subscribe(proxy(this.#listener));
    }
    return this.#remote;
  }

  get started(): boolean {
    return this.#worker !== null;
  }

  load(scenario: unknown, options?: SandboxOptions): Promise<LoadResult> {
    return this.remote.load(scenario, options);
  }

  play(): Promise<WorkerStatus> {
    return this.remote.play();
  }

  pause(): Promise<WorkerStatus> {
    return this.remote.pause();
  }

  setSpeed(n: number): Promise<WorkerStatus> {
    return this.remote.setSpeed(n);
  }

  step(ms?: number): Promise<WorkerStatus> {
    return this.remote.step(ms);
  }

  status(): Promise<WorkerStatus> {
    return this.remote.status();
  }

  request(req: ApiRequest): Promise<ApiResponse> {
    return this.remote.request(req);
  }

  /**
   * A write and the time bar after it, in one call. Refused (`sent: false`, with how many later
   * actions it would drop) when it would fork the history and fewer drops were confirmed.
   */
  write(req: ApiRequest, dropsConfirmed?: number): Promise<WriteResult> {
    return this.remote.write(req, dropsConfirmed);
  }

  shareable(): Promise<{ scenario: Scenario; at: number } | null> {
    return this.remote.shareable();
  }

  runTo(at: number): Promise<WorkerStatus> {
    return this.remote.runTo(at);
  }

  /** Pause and go to simulated time `at`, back (a replay from the start) or forward; with the time bar there. */
  travelTo(at: number): Promise<TravelResult> {
    return this.remote.travelTo(at);
  }

  /** The charts' figures sampled while the cluster ran on to a link's or saved cluster's moment. */
  pastFigures(): Promise<FigureSample[]> {
    return this.remote.pastFigures();
  }

  /** The current cluster's layout (its agents change as agents are added and decommissioned) and generation. */
  layout(): Promise<{ layout: ClusterLayout; generation: number } | null> {
    return this.remote.layout();
  }

  timeline(): Promise<Timeline> {
    return this.remote.timeline();
  }

  /** An experiment lab run (a story, a chaos level) in a throwaway sandbox of the worker's (lab.ts). */
  lab(task: LabTask): Promise<LabResult> {
    return this.remote.lab(task);
  }

  agentDetails(agentId: string, taskLimit?: number): Promise<AgentDetails> {
    return this.remote.agentDetails(agentId, taskLimit);
  }

  /** Receive frames; kept across restarts. */
  subscribe(listener: FrameListener): Promise<void> {
    this.#listener = listener;
    return this.remote.subscribe(proxy(listener));
  }

  /** Stop the worker; the next call starts a fresh one (with the same subscriber). */
  terminate(): void {
    this.#remote?.[releaseProxy]();
    this.#worker?.terminate();
    this.#remote = null;
    this.#worker = null;
  }

  restart(): Remote<SandboxWorkerApi> {
    this.terminate();
    return this.remote;
  }
}
