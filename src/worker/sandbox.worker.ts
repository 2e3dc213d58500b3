/**
 * The Web Worker that owns the simulated cluster. The page talks to `api` through Comlink
 * (see bridge.ts) and only ever imports this module's types.
 */
import { expose, releaseProxy, transfer } from 'comlink';
import type { LabResult, LabTask } from './lab.ts';
import { createSandbox, isAction, resumeSandbox, validateScenario, type Scenario } from '../sandbox/index.ts';
import type { ApiRequest, ApiResponse } from '../api/types.ts';
import type { Sandbox, SandboxOptions } from '../sandbox/types.ts';
import { SimDriver } from './driver.ts';
import { FramePump } from './frame-pump.ts';
import { HistoryRecord } from './history-record.ts';
import { agentDetailsOf, NO_AGENT } from './agent-details.ts';
import type { Timeline } from './timeline.ts';
import type { ClusterLayout, FigureSample } from '../common/view-types.ts';
import type { AgentDetails, FrameListener, LoadResult, TravelResult, WorkerStatus, WriteResult } from './protocol.ts';

export type { Timeline, TimelineAction, TimelineEvent, TimelineEventKind } from './timeline.ts';
export type { AgentDetails, FrameListener, LoadResult, TravelResult, WorkerStatus, WriteResult } from './protocol.ts';

const NO_CLUSTER: ApiResponse = { status: 503, body: { message: 'No cluster is loaded' } };

let sandbox: Sandbox | null = null;
let driver: SimDriver | null = null;
let listener: FrameListener | null = null;
let speed = 1;
let loadId = 0;
let generation = 0;
/** Every cluster the worker builds (a load, a rebuild to go back in time) gets the next number. */
let generations = 0;
/** What the current cluster was loaded with, to rebuild it when going back in time. */
let loaded: { options: SandboxOptions | undefined; intervalMs: number } = { options: undefined, intervalMs: 1000 };
/** The time reached, snapshots and events known ahead of the current history. */
const history = new HistoryRecord();

const pump = new FramePump(() => {
  if (!sandbox || !listener) return undefined;
  const frame = sandbox.frame();
  // frame() builds fresh typed arrays each call, so their buffers can move to the page.
  const sent = listener(transfer(frame, [frame.agentAllocated.buffer, frame.agentTasks.buffer, frame.agentStatus.buffer]), status());
  return Promise.resolve(sent);
});

function status(): WorkerStatus {
  return {
    loaded: sandbox !== null,
    playing: driver?.playing ?? false,
    speed,
    effectiveSpeed: driver?.effectiveSpeed ?? 0,
    now: sandbox?.now ?? 0,
    eventCount: sandbox?.eventCount ?? 0,
    allocationIntervalMs: driver?.chunkMs ?? 0,
    generation,
    error: driver?.error ?? null,
  };
}

function errorOf(e: unknown): { message: string; field: string } {
  if (e instanceof Error) {
    const field = (e as Error & { field?: unknown }).field;
    return { message: e.message, field: typeof field === 'string' ? field : '' };
  }
  return { message: String(e), field: '' };
}

const api = {
  /** Replace the cluster. Never throws: a bad scenario comes back as `{ok: false, error}` naming the field. */
  async load(scenario: unknown, options?: SandboxOptions): Promise<LoadResult> {
    const id = ++loadId;
    const wasPlaying = driver?.playing ?? false;
    driver?.pause();
    let next: Sandbox;
    let intervalMs: number;
    try {
      intervalMs = validateScenario(scenario).cluster.allocationIntervalMs;
      next = await createSandbox(scenario, options);
    } catch (e) {
      if (id === loadId && wasPlaying) driver?.play();
      return { ok: false, error: errorOf(e) };
    }
    if (id !== loadId) return { ok: false, error: { message: 'superseded by a later load', field: '' } };
    loaded = { options, intervalMs };
    history.clear();
    install(next);
    // The first frame goes out after this reply, so the page has the layout before it.
    setTimeout(() => pump.request(), 0);
    return { ok: true, layout: next.layout(), generation, timeline: api.timeline() };
  },

  play(): WorkerStatus {
    driver?.play();
    pump.request();
    return status();
  },

  pause(): WorkerStatus {
    driver?.pause();
    pump.request();
    return status();
  },

  /** Simulated ms per wall ms, clamped to 1…1000. */
  setSpeed(n: number): WorkerStatus {
    speed = driver ? driver.setSpeed(n) : Math.min(1000, Math.max(1, Number.isFinite(n) ? n : 1));
    pump.request();
    return status();
  },

  /** Pause and advance one allocation interval, or `ms` simulated ms. */
  step(ms?: number): WorkerStatus {
    driver?.step(ms);
    if (sandbox) history.keep(sandbox);
    pump.request();
    return status();
  },

  /** The DC/OS HTTP API of the current cluster. */
  request(req: ApiRequest): ApiResponse {
    return sandbox ? sandbox.request(req) : NO_CLUSTER;
  },

  /**
   * A write from the page in one call: the API's answer and the time bar after it. A write while
   * scripted actions lie ahead of the clock forks the history and drops them: that happens only
   * when the page has confirmed dropping at least that many (`dropsConfirmed`); otherwise nothing
   * is done and the answer says how many would be dropped, for the page to ask and call again.
   */
  write(req: ApiRequest, dropsConfirmed = 0): WriteResult {
    if (!sandbox) return { sent: true, answer: NO_CLUSTER, timeline: api.timeline() };
    const dropped = isAction(req) ? sandbox.pendingActions() : 0;
    if (dropped > dropsConfirmed) return { sent: false, dropped };
    if (dropped > 0) api.fork();
    const answer = sandbox.request(req);
    // A write shows at once, paused or not (an agent added or decommissioned changes the layout the frames follow).
    if (isAction(req)) pump.request();
    return { sent: true, answer, timeline: api.timeline() };
  },

  agentDetails(agentId: string, taskLimit = 200): AgentDetails {
    return sandbox ? agentDetailsOf(sandbox, agentId, taskLimit) : NO_AGENT;
  },

  /** Receive frames (≤ 10 per second, one in flight). Pass a `Comlink.proxy(fn)`. */
  subscribe(callback: FrameListener): void {
    release(listener);
    listener = callback;
    pump.reset();
    pump.request();
  },

  unsubscribe(): void {
    release(listener);
    listener = null;
    pump.reset();
  },

  status,

  historyHash(): string {
    return sandbox?.historyHash() ?? '';
  },

  /** What a share link carries: the scenario with every action so far, and the simulated time. */
  shareable(): { scenario: Scenario; at: number } | null {
    return sandbox ? { scenario: sandbox.scenario(), at: sandbox.now } : null;
  },

  /** Pause and run to simulated time `at` (a shared link's moment); nothing when already past it. */
  runTo(at: number): WorkerStatus {
    driver?.pause();
    if (sandbox && Number.isFinite(at) && at > sandbox.now) {
      try {
        history.runKeeping(sandbox, at);
      } catch (e) {
        return { ...status(), error: errorOf(e).message };
      }
    }
    pump.request();
    return status();
  },

  /**
   * Pause and go to simulated time `at`; answers with the status there and the time bar. Forward
   * with nothing kept on the way, run to it; otherwise resume the latest snapshot kept at or before
   * `at` (or rebuild the cluster from its scenario when there is none: same seed, the whole script)
   * and run from there to `at`. Later actions stay in the script and run again when the clock
   * passes them. A resumed cluster has a new `generation` (same layout).
   */
  async travelTo(at: number): Promise<TravelResult> {
    if (!sandbox || !Number.isFinite(at)) return landed(status(), null);
    const target = Math.max(0, Math.round(at));
    const checkpoint = history.nearest(target);
    if (target >= sandbox.now && (checkpoint === null || checkpoint.now <= sandbox.now)) return landed(api.runTo(target), null);
    driver?.pause();
    history.reached(sandbox.now);
    const id = loadId;
    const scenario = sandbox.scenario();
    const ahead = history.eventsAfter(sandbox, target);
    let next: Sandbox;
    try {
      next = checkpoint ? await resumeSandbox(scenario, checkpoint, loaded.options) : await createSandbox(scenario, loaded.options);
      history.runKeeping(next, target);
    } catch (e) {
      return landed({ ...status(), error: errorOf(e).message }, null);
    }
    if (id !== loadId) return landed(status(), null); // a load replaced the cluster meanwhile
    history.expect(ahead);
    install(next);
    // As after a load: the first frame of the new generation goes out after this reply.
    setTimeout(() => pump.request(), 0);
    return landed(status(), checkpoint?.now ?? 0);
  },

  /** The charts' figures sampled while the cluster ran unseen (run on to a link's or a saved cluster's moment), up to now. */
  pastFigures(): FigureSample[] {
    return sandbox ? history.pastFigures(sandbox.now) : [];
  },

  /** The current cluster's layout and generation: the page asks again when a frame's `agentsVersion` differs from its layout's. */
  layout(): { layout: ClusterLayout; generation: number } | null {
    return sandbox ? { layout: sandbox.layout(), generation } : null;
  },

  /** The time bar: now, the latest time reached, the script's actions and the notable ones among them. */
  timeline(): Timeline {
    return history.timeline(sandbox);
  },

  /** Whether acting now would fork the history: how many scripted actions lie ahead of the clock. */
  pendingFork(): { dropped: number } | null {
    const dropped = sandbox?.pendingActions() ?? 0;
    return dropped > 0 ? { dropped } : null;
  },

  /** Fork the history at the current time: the actions still ahead are dropped, and the time bar ends here. */
  /**
   * An experiment lab run (a story, a level, a fork's variant) in a throwaway sandbox: the open cluster is not
   * touched. The lab's code is a chunk of its own, fetched the first time it is asked for.
   */
  async lab(task: LabTask): Promise<LabResult> {
    const { runLab } = await import('./lab.ts');
    return runLab(task);
  },

  fork(): void {
    if (!sandbox) return;
    sandbox.dropPendingActions();
    history.forkAt(sandbox.now);
  },
};

/** A trip's answer: where it landed, the time bar there (the page would ask for it next) and where it resumed from. */
function landed(at: WorkerStatus, resumedFrom: number | null): TravelResult {
  return { status: at, timeline: api.timeline(), resumedFrom };
}

/** Make `next` the current cluster, with a new generation and a paused driver at the current speed. */
function install(next: Sandbox): void {
  driver?.pause();
  sandbox = next;
  generation = ++generations;
  driver = new SimDriver(next, loaded.intervalMs, () => {
    history.keep(next, performance.now());
    pump.request();
  });
  driver.setSpeed(speed);
  pump.reset();
}

/** Free the page-side end of a Comlink-proxied callback. */
function release(callback: FrameListener | null): void {
  (callback as Partial<Record<typeof releaseProxy, () => void>> | null)?.[releaseProxy]?.();
}

expose(api);

export type SandboxWorkerApi = typeof api;
