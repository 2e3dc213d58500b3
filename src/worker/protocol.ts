/**
 * What crosses between the page and the sandbox worker besides frames' own fields: the worker's
 * status and the answers of its calls. The worker's API itself is `typeof` its implementation
 * (sandbox.worker.ts); these are the shapes it answers with.
 */
import type { MesosAgent, MesosTask } from '../api/shapes/mesos.ts';
import type { ApiResponse } from '../api/types.ts';
import type { ClusterFrame, ClusterLayout } from '../common/view-types.ts';
import type { Timeline } from './timeline.ts';

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

/** A load's answer; a loaded cluster comes with its time bar, so the page needs no second call. */
export type LoadResult =
  { ok: true; layout: ClusterLayout; generation: number; timeline: Timeline } | { ok: false; error: { message: string; field: string } };

/** Where a trip in time landed, and the time bar there. */
export interface TravelResult {
  status: WorkerStatus;
  timeline: Timeline;
  /** The simulated time the trip replayed from: a kept snapshot's, 0 for a rebuild from the start, null when it ran on. */
  resumedFrom: number | null;
}

/**
 * A write's answer: the API's answer and the time bar after it; or, when the write would fork the
 * history and the page had not confirmed dropping that many later actions, nothing done and how
 * many actions it would drop.
 */
export type WriteResult = { sent: true; answer: ApiResponse; timeline: Timeline } | { sent: false; dropped: number };

/** Called by the worker with each frame; the next frame waits until the returned promise settles. */
export type FrameListener = (frame: ClusterFrame, status: WorkerStatus) => void | Promise<void>;

/** One agent's details, gathered in the worker so only a small answer crosses to the page. */
export interface AgentDetails {
  /** The agent's entry of GET /mesos/master/slaves?slave_id=…, or null if it is not registered. */
  agent: MesosAgent | null;
  /** Its tasks from GET /mesos/master/tasks (live first, then the newest completed), at most `taskLimit`. */
  tasks: MesosTask[];
  /** How many of the master's tasks (live and completed) ran on this agent. */
  taskCount: number;
}
