/**
 * The page's view of the simulated cluster: the layout (once per load), the latest frame and
 * worker status, and a bounded history for the charts. Big values are `$state.raw` and are
 * replaced wholesale, never deep-proxied. Components read these and call the intents below;
 * only this class talks to the worker (through the bridge).
 */
import type { SandboxBridge, AgentDetails, Timeline, WorkerStatus } from '../../worker/bridge.ts';
import type { ClusterFrame, ClusterLayout } from '../../common/view-types.ts';
import type { ApiRequest, ApiResponse } from '../../api/types.ts';
import { appendPoint, mergeRoles, pointOf, type HistoryPoint } from './history.ts';
import { SCENARIOS, type ScenarioChoice } from './scenarios.ts';
import { SavedSession } from './saved-session.svelte.ts';
import { PersistError } from '../../persist/index.ts';
import { decodeScenarioLink, encodeScenarioLink, LINK_BUDGET_CHARS, MAX_LINK_CHARS } from '../../share/link.ts';
import { writeScenarioFile } from '../../share/scenario-file.ts';
import type { Scenario } from '../../common/scenario/types.ts';
import { EMPTY_TRACK, trackElection, type ElectionTrack } from './election.ts';

/** A share link made from the running cluster, or why there is none. */
export type ShareResult = { ok: true; fragment: string; chars: number; overBudget: boolean } | { ok: false; error: string };

export const SPEEDS = [1, 10, 100, 1000] as const;

/** The answer to a write the user chose not to send (it would have dropped later actions). */
export const NOT_SENT: ApiResponse = { status: 499, body: { message: 'Not sent: the later actions were kept.' } };

/** The question asked before a write at a past moment drops the actions after it. */
export function forkQuestion(dropped: number): string {
  return `Acting now drops ${dropped} later action${dropped === 1 ? '' : 's'}. Continue?`;
}

/** Asks the user whether to fork; resolves true to go ahead. */
export type ConfirmFork = (dropped: number) => Promise<boolean>;

const IDLE: WorkerStatus = {
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

export interface LoadError {
  message: string;
  field: string;
}

export class ClusterStore {
  readonly #bridge: SandboxBridge;
  #layout = $state.raw<ClusterLayout | null>(null);
  #frame = $state.raw<ClusterFrame | null>(null);
  #status = $state.raw<WorkerStatus>(IDLE);
  #history = $state.raw<readonly HistoryPoint[]>([]);
  #roles = $state.raw<readonly string[]>([]);
  #election = $state.raw<ElectionTrack>(EMPTY_TRACK);
  #scenario = $state.raw<ScenarioChoice>(SCENARIOS[0]!);
  #loading = $state(false);
  #error = $state.raw<LoadError | null>(null);
  #shared = $state.raw<ScenarioChoice | null>(null);
  #linkError = $state<string | null>(null);
  #generation = 0;
  /** Frames from before this simulated time are stale (sent before a jump to a shared link's moment). */
  #notBefore = 0;
  #timeline = $state.raw<Timeline>({ now: 0, end: 0, actions: [], events: [], happenings: [], happeningsSeen: 0 });
  /** The latest scrub target not yet sent, while a travel is in flight (a drag sends many). */
  #travelTarget: number | null = null;
  #travelling: Promise<void> | null = null;
  /**
   * Asked before a write at a past moment drops the later actions (the time bar sets a dialog;
   * without one, the browser's confirm()).
   */
  confirmFork: ConfirmFork = (dropped) => Promise.resolve(typeof confirm === 'function' ? confirm(forkQuestion(dropped)) : true);

  /** The stored cluster this tab works on, and its autosave. */
  readonly saved: SavedSession;

  constructor(bridge: SandboxBridge) {
    this.#bridge = bridge;
    this.saved = new SavedSession(() => bridge.shareable());
  }

  get layout(): ClusterLayout | null {
    return this.#layout;
  }
  get frame(): ClusterFrame | null {
    return this.#frame;
  }
  get status(): WorkerStatus {
    return this.#status;
  }
  get history(): readonly HistoryPoint[] {
    return this.#history;
  }
  /** The Mesos leader election as followed through the frames (state/election.ts). */
  get election(): ElectionTrack {
    return this.#election;
  }
  /** ZooKeeper's session timeout (from the latest frame): how long an old leader's znode outlives it. */
  get sessionTimeoutMs(): number | null {
    return this.#frame?.ha.zk.sessionTimeoutMs ?? null;
  }
  /** Every role seen since the load, in order of appearance. */
  get roles(): readonly string[] {
    return this.#roles;
  }
  get scenario(): ScenarioChoice {
    return this.#scenario;
  }
  /** The built-in scenarios, and the cluster opened from a link if there is one. */
  get scenarios(): readonly ScenarioChoice[] {
    return this.#shared ? [...SCENARIOS, this.#shared] : SCENARIOS;
  }
  /** Why the link the page was opened with could not be opened (the default cluster runs instead). */
  get linkError(): string | null {
    return this.#linkError;
  }
  dismissLinkError(): void {
    this.#linkError = null;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get error(): LoadError | null {
    return this.#error;
  }
  /** Simulated ms of the latest frame. */
  get now(): number {
    return this.#frame?.now ?? this.#status.now;
  }

  /**
   * Subscribe to frames and load the first scenario, playing: the one in `link` (a URL fragment
   * `s=1.…`) replayed to the moment it was shared, or the default one if there is no link or it
   * cannot be opened (then `linkError` says why).
   */
  async start(link?: string): Promise<void> {
    try {
      await this.#bridge.subscribe(this.#onFrame);
      await this.saved.open();
      if (link && (await this.#openLink(link))) {
        await this.saved.adopt('Shared link');
        await this.play();
        return;
      }
      const last = link ? null : await this.saved.lastCluster();
      if (last && (await this.#loadAt({ id: 'saved', label: last.name, build: () => last.scenario }, last.at))) {
        await this.saved.attach(last.id, last.name);
        await this.play();
        return;
      }
      if (await this.#load(this.#scenario)) {
        await this.saved.adopt(this.#scenario.label);
        await this.play();
      }
    } catch (e) {
      this.#error = { message: e instanceof Error ? e.message : String(e), field: '' };
    }
  }

  /**
   * start() for a page opened on a tutorial link: subscribe and open storage, then `open` loads the
   * lesson (through openLesson). Nothing is resumed or stored; a lesson that does not load says why in `error`.
   */
  async startLesson(open: () => Promise<boolean>): Promise<void> {
    try {
      await this.#bridge.subscribe(this.#onFrame);
      await this.saved.open();
      await open();
    } catch (e) {
      this.#error = { message: e instanceof Error ? e.message : String(e), field: '' };
    }
  }

  async #openLink(fragment: string): Promise<boolean> {
    const decoded = await decodeScenarioLink(fragment);
    if (!decoded.ok) {
      this.#linkError = decoded.error;
      return false;
    }
    return this.#loadAt({ id: 'shared', label: 'Shared link', build: () => decoded.scenario }, decoded.at);
  }

  /** Load a scenario and replay it to simulated time `at` (a shared link, a saved cluster). */
  async #loadAt(choice: ScenarioChoice, at: number): Promise<boolean> {
    this.#shared = choice;
    this.#scenario = choice;
    if (!(await this.#load(choice))) return false;
    this.#status = await this.#bridge.runTo(at);
    // The charts start at that moment, not with a line from the cluster's start.
    this.#notBefore = at;
    this.#history = [];
    return true;
  }

  /** A link to this cluster as it is now: its scenario, every action so far, and the time. */
  async share(): Promise<ShareResult> {
    const current = await this.#bridge.shareable();
    if (!current) return { ok: false, error: 'No cluster is loaded.' };
    const fragment = await encodeScenarioLink(current.scenario, current.at);
    if (fragment.length > MAX_LINK_CHARS) {
      return { ok: false, error: `This cluster is too large for a link (${fragment.length.toLocaleString('en-US')} characters, at most ${MAX_LINK_CHARS.toLocaleString('en-US')}): download it as a scenario file instead.` };
    }
    return { ok: true, fragment, chars: fragment.length, overBudget: fragment.length > LINK_BUDGET_CHARS };
  }

  /** The scenario with its actions and the moment, as a versioned scenario file (`share/scenario-file.ts`). */
  async scenarioFile(): Promise<string | null> {
    const current = await this.#bridge.shareable();
    return current ? writeScenarioFile(current.scenario, current.at) : null;
  }

  /**
   * Open an imported (already validated) scenario file as a new stored cluster named `name`, replayed to
   * `at`; keeps playing if it was. False when it does not load (`error` says why; the old cluster stays).
   */
  async importScenario(scenario: Scenario, at: number, name = 'Imported scenario'): Promise<boolean> {
    const playing = this.#status.playing;
    const before = { id: this.saved.clusterId, name: this.saved.name };
    await this.saved.leave();
    if (!(await this.#loadAt({ id: 'imported', label: name, build: () => scenario }, at))) {
      if (before.id) await this.saved.attach(before.id, before.name);
      return false;
    }
    await this.saved.adopt(name);
    if (playing) await this.play();
    return true;
  }

  /**
   * Open a tutorial lesson's scenario as the running cluster, playing, without storing it: the
   * cluster this tab worked on is saved and set aside (the user's stored clusters are untouched).
   * `keepRunning` makes it a stored cluster. False when the scenario does not load (`error` says why).
   */
  async openLesson(scenario: unknown, label: string): Promise<boolean> {
    await this.saved.setAside();
    const choice: ScenarioChoice = { id: 'lesson', label, build: () => scenario as Scenario };
    this.#shared = choice;
    this.#scenario = choice;
    if (!(await this.#load(choice))) return false;
    await this.play();
    return true;
  }

  /** Keep the running (unsaved) cluster as a new stored cluster named `name`, and save into it from now on. */
  async keepRunning(name: string): Promise<boolean> {
    await this.saved.adopt(name);
    return this.saved.clusterId !== null && this.saved.name === name;
  }

  /**
   * Replace the cluster with another scenario, kept as a new stored cluster named `name` (default
   * the scenario's label); keeps playing if it was. False when the scenario does not load.
   */
  async loadScenario(id: string, name?: string): Promise<boolean> {
    const choice = this.scenarios.find((s) => s.id === id);
    if (!choice) return false;
    const playing = this.#status.playing;
    // Save the cluster being left while the worker still runs it (the autosave reads the worker).
    await this.saved.leave();
    this.#scenario = choice;
    if (!(await this.#load(choice))) return false;
    await this.saved.adopt(name?.trim() || choice.label);
    if (playing) await this.play();
    return true;
  }

  /**
   * Switch this tab to a stored cluster: save the one being left, replay the stored scenario to its
   * moment, then work on it (read-only if another tab owns it); keeps playing if it was. Rejects
   * with PersistError when the cluster cannot be read; false when its scenario does not load.
   */
  async openSaved(id: string): Promise<boolean> {
    const stored = await this.saved.get(id);
    if (!stored) throw new PersistError('missing');
    const playing = this.#status.playing;
    const before = { id: this.saved.clusterId, name: this.saved.name };
    await this.saved.leave();
    if (!(await this.#loadAt({ id: 'saved', label: stored.name, build: () => stored.scenario }, stored.at))) {
      if (before.id) await this.saved.attach(before.id, before.name); // the worker still runs it
      return false;
    }
    await this.saved.attach(stored.id, stored.name);
    if (playing) await this.play();
    return true;
  }

  async play(): Promise<void> {
    this.#status = await this.#bridge.play();
  }

  async pause(): Promise<void> {
    this.#status = await this.#bridge.pause();
  }

  async toggle(): Promise<void> {
    await (this.#status.playing ? this.pause() : this.play());
  }

  /** Pause and advance one allocation interval. */
  async step(): Promise<void> {
    this.#status = await this.#bridge.step();
  }

  async setSpeed(speed: number): Promise<void> {
    this.#status = await this.#bridge.setSpeed(speed);
  }

  /**
   * The cluster's DC/OS HTTP API (Mesos, Marathon, sandbox diagnostics), answered in the worker.
   * A write while the clock is behind scripted actions forks the history: it is sent only if
   * `confirmFork` agrees, and then the later actions are dropped (else the answer is NOT_SENT).
   */
  async request(req: ApiRequest): Promise<ApiResponse> {
    if (req.method !== 'GET') {
      const fork = await this.#bridge.pendingFork();
      if (fork) {
        if (!(await this.confirmFork(fork.dropped))) return NOT_SENT;
        await this.#bridge.fork();
      }
    }
    const answer = await this.#bridge.request(req);
    if (req.method !== 'GET') {
      this.saved.noteAction();
      await this.refreshTimeline();
    }
    return answer;
  }

  /** The time bar's data: now and the latest time reached follow the frames; actions come from the worker. */
  get timeline(): Timeline {
    const now = this.now;
    const t = this.#timeline;
    return { ...t, now, end: Math.max(t.end, now) };
  }

  #timelineFetch = false;

  async refreshTimeline(): Promise<void> {
    this.#timeline = await this.#bridge.timeline();
  }

  /**
   * Pause and go to simulated time `at` (back: the worker replays from the start). While one
   * travel runs, later targets replace each other and only the last is gone to.
   */
  travelTo(at: number): Promise<void> {
    this.#travelTarget = at;
    this.#travelling ??= this.#travel().finally(() => (this.#travelling = null));
    return this.#travelling;
  }

  async #travel(): Promise<void> {
    for (let at = this.#travelTarget; at !== null; at = this.#travelTarget) {
      this.#travelTarget = null;
      const status = await this.#bridge.travelTo(at);
      if (status.generation !== this.#generation && this.#generation !== 0) {
        // Rebuilt back in time: same layout, a new cluster; the charts keep what came before `now`.
        this.#generation = status.generation;
        this.#history = this.#history.filter((p) => p.t <= status.now);
      }
      this.#status = status;
      await this.refreshTimeline();
    }
  }

  agentDetails(agentId: string): Promise<AgentDetails> {
    return this.#bridge.agentDetails(agentId);
  }

  async #load(choice: ScenarioChoice): Promise<boolean> {
    this.#loading = true;
    try {
      const result = await this.#bridge.load(choice.build());
      if (!result.ok) {
        this.#error = result.error;
        return false;
      }
      this.#error = null;
      this.#notBefore = 0;
      this.#generation = result.generation;
      this.#layout = result.layout;
      this.#frame = null;
      this.#history = [];
      this.#roles = [];
      this.#election = EMPTY_TRACK;
      void this.refreshTimeline();
      return true;
    } finally {
      this.#loading = false;
    }
  }

  #onFrame = (frame: ClusterFrame, status: WorkerStatus): void => {
    this.#status = status;
    if (status.generation !== this.#generation) return; // from a cluster that has been replaced
    if (frame.now < this.#notBefore) return;
    this.saved.noteTime();
    this.#frame = frame;
    this.#history = appendPoint(this.#history, pointOf(frame));
    this.#roles = mergeRoles(this.#roles, frame);
    const hostnames = this.#layout?.masters.map((m) => m.hostname) ?? [];
    this.#election = trackElection(this.#election, frame.ha, frame.now, hostnames);
    if (frame.notableEvents !== this.#timeline.happeningsSeen) void this.#refreshTimelineSoon();
  };

  /** The cluster had news for the time bar: fetch it, at most one fetch in flight. */
  async #refreshTimelineSoon(): Promise<void> {
    if (this.#timelineFetch) return;
    this.#timelineFetch = true;
    try {
      await this.refreshTimeline();
    } finally {
      this.#timelineFetch = false;
    }
  }
}
