/**
 * The page's view of the simulated cluster, and the intents components call. It composes the
 * parts that do the work: what the frames tell (frame-feed), the time bar (time-bar), loading
 * (cluster-loader), which cluster runs and its storage (cluster-opener, saved-session), the clock
 * (playback), trips in time (time-travel), API calls (requests), sharing (share) and the layout
 * following agents added and decommissioned (layout-follower). Only these
 * parts talk to the worker, through the bridge.
 */
import type { SandboxBridge, AgentDetails, Timeline, WorkerStatus } from '../../worker/bridge.ts';
import type { ClusterFrame, ClusterLayout } from '../../common/view-types.ts';
import type { ApiRequest, ApiResponse } from '../../api/types.ts';
import type { Scenario } from '../../common/scenario/types.ts';
import type { Held, HistoryPoint } from './history.ts';
import type { ElectionTrack } from './election.ts';
import type { ScenarioChoice } from './scenarios.ts';
import { SavedSession } from './saved-session.svelte.ts';
import { FrameFeed } from './frame-feed.svelte.ts';
import { TimeBar } from './time-bar.svelte.ts';
import { ClusterLoader, type LoadError, type SharedMoment } from './cluster-loader.svelte.ts';
import { ClusterOpener } from './cluster-opener.ts';
import { Playback } from './playback.ts';
import { LayoutFollower } from './layout-follower.ts';
import { TimeTravel } from './time-travel.ts';
import { browserConfirmFork, sendRequest, type ConfirmFork } from './requests.ts';
import { scenarioFileOf, shareLink, type ShareResult } from './share.ts';

export type { ConfirmFork, LoadError, ShareResult };
export { forkQuestion, NOT_SENT } from './requests.ts';
export { SPEEDS } from './playback.ts';

/** A trip in time that takes longer than this shows where it is going. */
export const SLOW_TRIP_MS = 200;

export class ClusterStore {
  readonly #bridge: SandboxBridge;
  readonly #feed: FrameFeed;
  readonly #timeBar: TimeBar;
  readonly #loader: ClusterLoader;
  readonly #opener: ClusterOpener;
  readonly #playback: Playback;
  readonly #travel: TimeTravel;
  /** The moment a trip in time is going to, once it has taken longer than SLOW_TRIP_MS (null otherwise). */
  #slowTripTo = $state<number | null>(null);
  /**
   * Asked before a write at a past moment drops the later actions (the time bar sets a dialog;
   * without one, the browser's confirm()).
   */
  confirmFork: ConfirmFork = browserConfirmFork;

  /** The stored cluster this tab works on, and its autosave. */
  readonly saved: SavedSession;

  constructor(bridge: SandboxBridge) {
    this.#bridge = bridge;
    this.saved = new SavedSession(() => bridge.shareable());
    this.#timeBar = new TimeBar(bridge);
    this.#feed = new FrameFeed((frame) => {
      this.saved.noteTime();
      this.#timeBar.noteHappenings(frame.notableEvents, frame.now);
    });
    this.#loader = new ClusterLoader(bridge, this.#feed, this.#timeBar);
    this.#playback = new Playback(bridge, this.#feed);
    this.#travel = new TimeTravel(bridge, ({ status, timeline }) => {
      this.#feed.landed(status);
      this.#timeBar.set(timeline);
    });
    const feed = new LayoutFollower(bridge, this.#feed);
    this.#opener = new ClusterOpener({ bridge, feed, saved: this.saved, loader: this.#loader, playback: this.#playback });
  }

  get layout(): ClusterLayout | null {
    return this.#feed.layout;
  }
  get frame(): ClusterFrame | null {
    return this.#feed.frame;
  }
  /** Since when the figures of `frame` are the last known (no leader answers), or null. */
  get held(): Held | null {
    return this.#feed.held;
  }
  get status(): WorkerStatus {
    return this.#feed.status;
  }
  get history(): readonly HistoryPoint[] {
    return this.#feed.history;
  }
  /** The Mesos leader election as followed through the frames (state/election.ts). */
  get election(): ElectionTrack {
    return this.#feed.election;
  }
  /** ZooKeeper's session timeout (from the latest frame): how long an old leader's znode outlives it. */
  get sessionTimeoutMs(): number | null {
    return this.#feed.frame?.ha.zk.sessionTimeoutMs ?? null;
  }
  /** Every role seen since the load, in order of appearance. */
  get roles(): readonly string[] {
    return this.#feed.roles;
  }
  /** Simulated ms of the latest frame. */
  get now(): number {
    return this.#feed.now;
  }
  /** The time bar's data: now and the latest time reached follow the frames; actions come from the worker. */
  get timeline(): Timeline {
    return this.#timeBar.at(this.now);
  }
  get scenario(): ScenarioChoice {
    return this.#loader.scenario;
  }
  /** The built-in scenarios, and the cluster opened from a link (a file, storage, a lesson) if there is one. */
  get scenarios(): readonly ScenarioChoice[] {
    return this.#loader.scenarios;
  }
  /** Why the link the page was opened with could not be opened (the default cluster runs instead). */
  get linkError(): string | null {
    return this.#loader.linkError;
  }
  dismissLinkError(): void {
    this.#loader.dismissLinkError();
  }
  get loading(): boolean {
    return this.#loader.loading;
  }
  get error(): LoadError | null {
    return this.#loader.error;
  }

  /** Subscribe to frames and load the first cluster, playing (see ClusterOpener.start). */
  start(link?: string): Promise<void> {
    return this.#opener.start(link);
  }
  /** start() for a page opened on a tutorial link: `open` loads the lesson (through openLesson). */
  startLesson(open: () => Promise<boolean>): Promise<void> {
    return this.#opener.startLesson(open);
  }
  /** Open an imported scenario file as a new stored cluster replayed to `at`; false when it does not load. */
  importScenario(scenario: Scenario, at: number, name = 'Imported scenario'): Promise<boolean> {
    return this.#opener.importScenario(scenario, at, name);
  }
  /** Run a tutorial lesson's scenario, playing and unsaved; false when it does not load (`error` says why). */
  openLesson(scenario: unknown, label: string): Promise<boolean> {
    return this.#opener.openLesson(scenario, label);
  }
  /** Keep the running (unsaved) cluster as a new stored cluster named `name`. */
  keepRunning(name: string): Promise<boolean> {
    return this.#opener.keepRunning(name);
  }
  /** Replace the cluster with another scenario, stored as `name`; keeps playing if it was. */
  loadScenario(id: string, name?: string): Promise<boolean> {
    return this.#opener.loadScenario(id, name);
  }
  /** Switch this tab to a stored cluster; rejects with PersistError when it cannot be read. */
  openSaved(id: string): Promise<boolean> {
    return this.#opener.openSaved(id);
  }

  /** A link to this cluster as it is now: its scenario, every action so far, and the time. */
  /** A link to the cluster as it is now, opening on page `view` (a route such as `/services`) if given. */
  share(view: string | null = null): Promise<ShareResult> {
    return shareLink(this.#bridge, view);
  }
  /** The scenario with its actions and the moment, as a scenario file. */
  scenarioFile(): Promise<string | null> {
    return scenarioFileOf(this.#bridge);
  }

  /** The moment and page of the link this tab opened, until the cluster plays on from it (or another one loads). */
  get shared(): SharedMoment | null {
    return this.#loader.shared;
  }

  play(): Promise<void> {
    this.#loader.leaveShared();
    return this.#playback.play();
  }
  pause(): Promise<void> {
    return this.#playback.pause();
  }
  toggle(): Promise<void> {
    this.#loader.leaveShared();
    return this.#playback.toggle();
  }
  /** Pause and advance one allocation interval. */
  step(): Promise<void> {
    this.#loader.leaveShared();
    return this.#playback.step();
  }
  setSpeed(speed: number): Promise<void> {
    return this.#playback.setSpeed(speed);
  }

  /**
   * The cluster's DC/OS HTTP API (Mesos, Marathon, sandbox diagnostics), answered in the worker.
   * A write while the clock is behind scripted actions forks the history: it is sent only if
   * `confirmFork` agrees, and then the later actions are dropped (else the answer is NOT_SENT).
   * A write's answer comes back only once the action is stored: what the caller acknowledges (the
   * terminal's "Created deployment", a form closing) survives a reload right after.
   */
  async request(req: ApiRequest): Promise<ApiResponse> {
    const { answer, timeline } = await sendRequest(this.#bridge, req, this.confirmFork);
    if (timeline) {
      this.#timeBar.set(timeline);
      await this.saved.saveAction();
    }
    return answer;
  }

  /**
   * Pause and go to simulated time `at` (back: the worker resumes a snapshot and replays). While
   * one trip runs, later targets replace each other and only the last is gone to.
   */
  async travelTo(at: number): Promise<void> {
    const slow = setTimeout(() => (this.#slowTripTo = at), SLOW_TRIP_MS);
    try {
      await this.#travel.travelTo(at);
    } finally {
      clearTimeout(slow);
      this.#slowTripTo = null;
    }
  }

  /** Where a trip in time that is taking a while is going (the time bar shows it), or null. */
  get slowTripTo(): number | null {
    return this.#slowTripTo;
  }

  agentDetails(agentId: string): Promise<AgentDetails> {
    return this.#bridge.agentDetails(agentId);
  }
}
