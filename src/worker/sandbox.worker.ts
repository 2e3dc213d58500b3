/**
 * The Web Worker that owns the simulated cluster. The page talks to `api` through Comlink
 * (see bridge.ts) and only ever imports this module's types.
 */
import { expose, releaseProxy, transfer } from 'comlink';
import { createSandbox, resumeSandbox, validateScenario, type Scenario } from '../sandbox/index.ts';
import type { ApiRequest, ApiResponse } from '../api/types.ts';
import type { Sandbox, SandboxOptions } from '../sandbox/types.ts';
import type { ClusterFrame, ClusterLayout } from '../common/view-types.ts';
import { SimDriver } from './driver.ts';
import { FramePump } from './frame-pump.ts';
import { Checkpoints } from './checkpoints.ts';
import { EMPTY_TIMELINE, happeningsOf, happeningsTotalOf, timelineOf, type Timeline, type TimelineEvent } from './timeline.ts';

export type { Timeline, TimelineAction, TimelineEvent, TimelineEventKind } from './timeline.ts';

export interface WorkerStatus {
  loaded: boolean;
  playing: boolean;
  /** Requested simulated ms per wall ms. */
  speed: number;
  /** Measured simulated ms per wall ms while playing; below `speed` when the engine falls behind. */
  effectiveSpeed: number;
  /** Simulated ms since the cluster started. */
  now: number;
  eventCount: number;
  allocationIntervalMs: number;
  /** Which load this cluster came from: frames of an older load may still be on their way. */
  generation: number;
  /** Set when the engine threw while playing: the loop has stopped. */
  error: string | null;
}

export type LoadResult = { ok: true; layout: ClusterLayout; generation: number } | { ok: false; error: { message: string; field: string } };

/** Called by the worker with each frame; the next frame waits until the returned promise settles. */
export type FrameListener = (frame: ClusterFrame, status: WorkerStatus) => void | Promise<void>;

/** One agent's details, gathered in the worker so only a small answer crosses to the page. */
export interface AgentDetails {
  /** The agent's entry of GET /mesos/master/slaves?slave_id=…, or null if it is not registered. */
  agent: unknown;
  /** Its tasks from GET /mesos/master/tasks (live first, then the newest completed), at most `taskLimit`. */
  tasks: unknown[];
  /** How many of the master's tasks (live and completed) ran on this agent. */
  taskCount: number;
}

const ALL_TASKS = 1_000_000_000;

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
/** The latest simulated time reached since the load (or the last fork). */
let end = 0;
/** Snapshots of the current history, to go back without replaying from the start. */
const checkpoints = new Checkpoints();
/** Notable events known to lie ahead of the clock: seen before going back, and bound to happen again unless the history forks. */
let happeningsAhead: TimelineEvent[] = [];

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
    end = 0;
    checkpoints.clear();
    happeningsAhead = [];
    install(next);
    // The first frame goes out after this reply, so the page has the layout before it.
    setTimeout(() => pump.request(), 0);
    return { ok: true, layout: next.layout(), generation };
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
    keepCheckpoint(null);
    pump.request();
    return status();
  },

  /** The DC/OS HTTP API of the current cluster. */
  request(req: ApiRequest): ApiResponse {
    if (!sandbox) return { status: 503, body: { message: 'No cluster is loaded' } };
    return sandbox.request(req);
  },

  agentDetails(agentId: string, taskLimit = 200): AgentDetails {
    if (!sandbox) return { agent: null, tasks: [], taskCount: 0 };
    const id = encodeURIComponent(agentId);
    const slaves = sandbox.request({ method: 'GET', path: `/mesos/master/slaves?slave_id=${id}` }).body as { slaves?: unknown[] };
    const all = sandbox.request({ method: 'GET', path: `/mesos/master/tasks?limit=${ALL_TASKS}&order=des` }).body as {
      tasks?: Array<{ slave_id?: string; state?: string }>;
    };
    const mine = (all.tasks ?? []).filter((t) => t.slave_id === agentId);
    const live = mine.filter((t) => !isTerminal(t.state));
    const done = mine.filter((t) => isTerminal(t.state));
    return { agent: slaves.slaves?.[0] ?? null, tasks: [...live, ...done].slice(0, taskLimit), taskCount: mine.length };
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
        sandbox.advance(at - sandbox.now);
      } catch (e) {
        return { ...status(), error: errorOf(e).message };
      }
      end = Math.max(end, sandbox.now);
      keepCheckpoint(null);
    }
    pump.request();
    return status();
  },

  /**
   * Pause and go to simulated time `at`. Forward with nothing kept on the way, run to it;
   * otherwise resume the latest snapshot kept at or before `at` (or rebuild the cluster from its
   * scenario when there is none: same seed, the whole script) and run from there to `at`. Later
   * actions stay in the script and run again when the clock passes them. A resumed cluster has a
   * new `generation` (same layout).
   */
  async travelTo(at: number): Promise<WorkerStatus> {
    if (!sandbox || !Number.isFinite(at)) return status();
    const target = Math.max(0, Math.round(at));
    const checkpoint = checkpoints.nearest(target);
    if (target >= sandbox.now && (checkpoint === null || checkpoint.now <= sandbox.now)) return api.runTo(target);
    driver?.pause();
    end = Math.max(end, sandbox.now);
    const id = loadId;
    const scenario = sandbox.scenario();
    const ahead = knownHappenings(sandbox, sandbox.request({ method: 'GET', path: '/sandbox/v1/events' }).body).filter((e) => e.at > target);
    let next: Sandbox;
    try {
      next = checkpoint ? await resumeSandbox(scenario, checkpoint, loaded.options) : await createSandbox(scenario, loaded.options);
      next.advance(target - next.now);
    } catch (e) {
      return { ...status(), error: errorOf(e).message };
    }
    if (id !== loadId) return status(); // a load replaced the cluster meanwhile
    happeningsAhead = ahead;
    install(next);
    // As after a load: the first frame of the new generation goes out after this reply.
    setTimeout(() => pump.request(), 0);
    return status();
  },

  /** The time bar: now, the latest time reached, the script's actions and the notable ones among them. */
  timeline(): Timeline {
    if (!sandbox) return EMPTY_TIMELINE;
    end = Math.max(end, sandbox.now);
    const body = sandbox.request({ method: 'GET', path: '/sandbox/v1/events' }).body;
    return timelineOf(sandbox.script(), sandbox.now, end, knownHappenings(sandbox, body), happeningsTotalOf(body));
  },

  /** Whether acting now would fork the history: how many scripted actions lie ahead of the clock. */
  pendingFork(): { dropped: number } | null {
    const dropped = sandbox?.pendingActions() ?? 0;
    return dropped > 0 ? { dropped } : null;
  },

  /** Fork the history at the current time: the actions still ahead are dropped, and the time bar ends here. */
  fork(): void {
    if (!sandbox) return;
    sandbox.dropPendingActions();
    end = sandbox.now;
    checkpoints.dropAfter(sandbox.now);
    happeningsAhead = [];
  },
};

/** Make `next` the current cluster, with a new generation and a paused driver at the current speed. */
function install(next: Sandbox): void {
  driver?.pause();
  sandbox = next;
  generation = ++generations;
  driver = new SimDriver(next, loaded.intervalMs, () => {
    keepCheckpoint(performance.now());
    pump.request();
  });
  driver.setSpeed(speed);
  pump.reset();
}

/** Keep a snapshot if one is due; `wallNow` rate-limits them while playing (null: a one-off jump). */
function keepCheckpoint(wallNow: number | null): void {
  const current = sandbox;
  if (current) checkpoints.offer(current.now, wallNow, () => current.snapshot());
}

/** The cluster's notable events up to now (`eventsBody`: its GET /sandbox/v1/events), then those known to come after it. */
function knownHappenings(current: Sandbox, eventsBody: unknown): TimelineEvent[] {
  return [...happeningsOf(eventsBody), ...happeningsAhead.filter((e) => e.at > current.now)];
}

/** Free the page-side end of a Comlink-proxied callback. */
function release(callback: FrameListener | null): void {
  (callback as Partial<Record<typeof releaseProxy, () => void>> | null)?.[releaseProxy]?.();
}

function isTerminal(state: string | undefined): boolean {
  return state !== 'TASK_STAGING' && state !== 'TASK_STARTING' && state !== 'TASK_RUNNING' && state !== 'TASK_KILLING';
}

expose(api);

export type SandboxWorkerApi = typeof api;
