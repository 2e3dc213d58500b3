/**
 * The page's view of the simulated cluster: the layout (once per load), the latest frame and
 * worker status, and a bounded history for the charts. Big values are `$state.raw` and are
 * replaced wholesale, never deep-proxied. Components read these and call the intents below;
 * only this class talks to the worker (through the bridge).
 */
import type { SandboxBridge, AgentDetails, WorkerStatus } from '../../worker/bridge.ts';
import type { ClusterFrame, ClusterLayout } from '../../engine/view-types.ts';
import type { ApiRequest, ApiResponse } from '../../engine/types.ts';
import { appendPoint, mergeRoles, pointOf, type HistoryPoint } from './history.ts';
import { SCENARIOS, type ScenarioChoice } from './scenarios.ts';
import { SavedSession } from './saved-session.svelte.ts';
import { decodeScenarioLink, encodeScenarioLink, LINK_BUDGET_CHARS, MAX_LINK_CHARS } from '../../share/link.ts';

/** A share link made from the running cluster, or why there is none. */
export type ShareResult = { ok: true; fragment: string; chars: number; overBudget: boolean } | { ok: false; error: string };

export const SPEEDS = [1, 10, 100, 1000] as const;

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
  #scenario = $state.raw<ScenarioChoice>(SCENARIOS[0]!);
  #loading = $state(false);
  #error = $state.raw<LoadError | null>(null);
  #shared = $state.raw<ScenarioChoice | null>(null);
  #linkError = $state<string | null>(null);
  #generation = 0;
  /** Frames from before this simulated time are stale (sent before a jump to a shared link's moment). */
  #notBefore = 0;

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

  /** The scenario with its actions, for a file download. */
  async scenarioFile(): Promise<string | null> {
    const current = await this.#bridge.shareable();
    return current ? JSON.stringify({ ...current.scenario }, null, 2) : null;
  }

  /** Replace the cluster with another scenario; keeps playing if it was. */
  async loadScenario(id: string): Promise<void> {
    const choice = this.scenarios.find((s) => s.id === id);
    if (!choice) return;
    const playing = this.#status.playing;
    this.#scenario = choice;
    if (!(await this.#load(choice))) return;
    await this.saved.adopt(choice.label);
    if (playing) await this.play();
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

  /** The cluster's DC/OS HTTP API (Mesos, Marathon, sandbox diagnostics), answered in the worker. */
  async request(req: ApiRequest): Promise<ApiResponse> {
    const answer = await this.#bridge.request(req);
    if (req.method !== 'GET') this.saved.noteAction();
    return answer;
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
  };
}
