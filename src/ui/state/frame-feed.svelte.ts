/**
 * What the frames tell the page: the layout (once per load), the latest frame and worker status,
 * the bounded chart history, the roles seen and the Mesos leader election as followed through the
 * frames. Frames of a cluster that has been replaced, or from before a jump, are left out. While
 * no leader answers (`ClusterFrame.answers`), the frame shown and the chart points carry the last
 * figures a leader answered for, marked as held (history.ts `heldFigures`), never zeros.
 */
import type { WorkerStatus } from '../../worker/bridge.ts';
import type { ClusterFrame, ClusterLayout, FigureSample } from '../../common/view-types.ts';
import { appendPoint, heldFigures, mergeRoles, pointOf, pointsOfPast, type Held, type HistoryPoint } from './history.ts';
import { EMPTY_TRACK, trackElection, trackFromPast, type ElectionTrack } from './election.ts';
import type { NotableEvent } from '../../api/shapes/sandbox.ts';

export const IDLE_STATUS: WorkerStatus = {
  loaded: false,
  playing: false,
  speed: 1,
  effectiveSpeed: 0,
  now: 0,
  eventCount: 0,
  allocationIntervalMs: 0,
  generation: 0,
  error: null,
};

export class FrameFeed {
  #layout = $state.raw<ClusterLayout | null>(null);
  #frame = $state.raw<ClusterFrame | null>(null);
  #held = $state.raw<Held | null>(null);
  /** The last frame a leader answered for. */
  #known: ClusterFrame | null = null;
  #status = $state.raw<WorkerStatus>(IDLE_STATUS);
  #history = $state.raw<readonly HistoryPoint[]>([]);
  #roles = $state.raw<readonly string[]>([]);
  #election = $state.raw<ElectionTrack>(EMPTY_TRACK);
  #generation = 0;
  /** Frames from before this simulated time are stale (sent before a jump to a shared link's moment). */
  #notBefore = 0;
  readonly #onFrame: (frame: ClusterFrame) => void;

  /** `onFrame`: called with each frame of the current cluster that the feed takes. */
  constructor(onFrame: (frame: ClusterFrame) => void) {
    this.#onFrame = onFrame;
  }

  get layout(): ClusterLayout | null {
    return this.#layout;
  }
  /** The latest frame; while no leader answers, with the last known figures (see `held`). */
  get frame(): ClusterFrame | null {
    return this.#frame;
  }
  /** Since when the figures of `frame` are held, and why; null when a leader answers for them. */
  get held(): Held | null {
    return this.#held;
  }
  get status(): WorkerStatus {
    return this.#status;
  }
  get history(): readonly HistoryPoint[] {
    return this.#history;
  }
  get roles(): readonly string[] {
    return this.#roles;
  }
  get election(): ElectionTrack {
    return this.#election;
  }
  /** Simulated ms of the latest frame. */
  get now(): number {
    return this.#frame?.now ?? this.#status.now;
  }

  /** The worker's status as an intent's answer reported it. */
  setStatus(status: WorkerStatus): void {
    this.#status = status;
  }

  /** A new cluster was loaded: its layout, and nothing seen of it yet. */
  reset(layout: ClusterLayout, generation: number): void {
    this.#notBefore = 0;
    this.#generation = generation;
    // A loaded cluster starts at 0: until its first frame, the clock must not show the replaced cluster's time.
    this.#status = { ...this.#status, now: 0, eventCount: 0, generation };
    this.#layout = layout;
    this.#frame = null;
    this.#known = null;
    this.#held = null;
    this.#history = [];
    this.#roles = [];
    this.#election = EMPTY_TRACK;
  }

  /** The cluster's agents changed (added, decommissioned, or another moment's): its layout now. */
  setLayout(layout: ClusterLayout): void {
    this.#layout = layout;
  }

  /** The cluster is being run on to `at`: from now on, a frame from before `at` is stale (it was sent before the run). */
  runningTo(at: number): void {
    this.#notBefore = at;
  }

  /**
   * The cluster was run on to `at` before being shown: the charts start with the `figures` sampled on
   * the way (not with a line from its start), and the election log with the elections of its `past`
   * (its notable events), at their times.
   */
  startAt(at: number, past: readonly NotableEvent[] = [], figures: readonly FigureSample[] = []): void {
    this.#notBefore = at;
    this.#history = pointsOfPast(figures.filter((f) => f.now <= at));
    this.#roles = figures.reduce<readonly string[]>((known, f) => mergeRoles(known, f), this.#roles);
    this.#known = null;
    this.#election = trackFromPast(past, at);
  }

  /** A trip in time landed at `status`; a cluster rebuilt back in time keeps the chart points before its `now`. */
  landed(status: WorkerStatus): void {
    // The trip's moment is the one to show from now on, even before the moment a reopened cluster was run on to.
    this.#notBefore = Math.min(this.#notBefore, status.now);
    if (status.generation !== this.#generation && this.#generation !== 0) {
      this.#generation = status.generation;
      this.#history = this.#history.filter((p) => p.t <= status.now);
    }
    this.#status = status;
  }

  /** The worker's frame listener (passed to the bridge's subscribe). */
  readonly receive = (frame: ClusterFrame, status: WorkerStatus): void => {
    // A frame from a replaced cluster, or from before the moment a reopened one was run on to (the load's
    // first frame can arrive after the run's answer), is stale, and so is the status that came with it.
    if (status.generation !== this.#generation) return;
    if (frame.now < this.#notBefore) return;
    this.#status = status;
    const { shown, known, held } = heldFigures(frame, this.#known);
    this.#known = known;
    this.#held = held;
    this.#frame = shown;
    this.#history = appendPoint(this.#history, pointOf(shown, held !== null));
    this.#roles = mergeRoles(this.#roles, frame);
    const hostnames = this.#layout?.masters.map((m) => m.hostname) ?? [];
    this.#election = trackElection(this.#election, frame.ha, frame.now, hostnames);
    this.#onFrame(frame);
  };
}
