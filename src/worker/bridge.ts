/**
 * The page's one handle on the sandbox worker: starts it lazily, wraps it with Comlink, and
 * can terminate or restart it. The UI state talks to this class, never to a Worker.
 */
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { ApiRequest, ApiResponse } from '../api/types.ts';
import type { SandboxOptions } from '../sandbox/types.ts';
import type { Scenario } from '../common/scenario/types.ts';
import type { AgentDetails, FrameListener, LoadResult, SandboxWorkerApi, Timeline, WorkerStatus } from './sandbox.worker.ts';

export type { AgentDetails, FrameListener, LoadResult, Timeline, WorkerStatus };
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

  shareable(): Promise<{ scenario: Scenario; at: number } | null> {
    return this.remote.shareable();
  }

  runTo(at: number): Promise<WorkerStatus> {
    return this.remote.runTo(at);
  }

  /** Pause and go to simulated time `at`, back (a replay from the start) or forward. */
  travelTo(at: number): Promise<WorkerStatus> {
    return this.remote.travelTo(at);
  }

  timeline(): Promise<Timeline> {
    return this.remote.timeline();
  }

  pendingFork(): Promise<{ dropped: number } | null> {
    return this.remote.pendingFork();
  }

  fork(): Promise<void> {
    return this.remote.fork();
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
