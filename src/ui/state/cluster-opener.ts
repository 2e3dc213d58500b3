/**
 * Which cluster this tab runs, and its place in storage: the one the page starts with (a link, the
 * last one worked on, the default), a lesson, an imported file, a stored cluster, a built-in
 * scenario. The cluster being left is saved first, while the worker still runs it.
 */
import type { SandboxBridge } from '../../worker/bridge.ts';
import type { Scenario } from '../../common/scenario/types.ts';
import { PersistError } from '../../persist/index.ts';
import type { SavedSession } from './saved-session.svelte.ts';
import type { FrameFeed } from './frame-feed.svelte.ts';
import { ownChoice, type ClusterLoader } from './cluster-loader.svelte.ts';
import type { Playback } from './playback.ts';

export interface OpenerParts {
  bridge: Pick<SandboxBridge, 'subscribe'>;
  feed: Pick<FrameFeed, 'receive' | 'status'>;
  saved: SavedSession;
  loader: ClusterLoader;
  playback: Pick<Playback, 'play'>;
}

export class ClusterOpener {
  readonly #parts: OpenerParts;

  constructor(parts: OpenerParts) {
    this.#parts = parts;
  }

  /**
   * Subscribe to frames and load the first cluster: the one in `link` (a URL fragment `s=4.…`)
   * replayed to the moment it was shared and paused there (the loader's `shared` says when and on
   * which page), else, playing, the one this browser worked on last, else the default one (when the
   * link cannot be opened, the loader's `linkError` says why).
   */
  async start(link?: string): Promise<void> {
    const { saved, loader } = this.#parts;
    try {
      await this.#connect();
      // A link opens paused at the moment it was shared; the reader plays on from there.
      if (link && (await loader.openLink(link))) return await saved.adopt('Shared link');
      const last = link ? null : await saved.lastCluster();
      if (last && (await loader.openAt(ownChoice('saved', last.name, last.scenario), last.at))) {
        await saved.attach(last.id, last.name);
        return await this.#parts.playback.play();
      }
      if (await loader.open(loader.scenario)) await this.#adoptAndPlay(loader.scenario.label);
    } catch (e) {
      loader.fail(e);
    }
  }

  /**
   * start() for a page opened on a tutorial link: subscribe and open storage, then `open` loads the
   * lesson (through openLesson). Nothing is resumed or stored; a lesson that does not load says why in `error`.
   */
  async startLesson(open: () => Promise<boolean>): Promise<void> {
    try {
      await this.#connect();
      await open();
    } catch (e) {
      this.#parts.loader.fail(e);
    }
  }

  /**
   * Open an imported (already validated) scenario file as a new stored cluster named `name`, replayed to
   * `at`; keeps playing if it was. False when it does not load (the old cluster stays).
   */
  async importScenario(scenario: Scenario, at: number, name: string): Promise<boolean> {
    return this.#switch(
      () => this.#parts.loader.openAt(ownChoice('imported', name, scenario), at),
      () => this.#parts.saved.adopt(name),
    );
  }

  /**
   * Open a tutorial lesson's scenario as the running cluster, playing, without storing it: the
   * cluster this tab worked on is saved and set aside (the user's stored clusters are untouched).
   */
  async openLesson(scenario: unknown, label: string): Promise<boolean> {
    await this.#parts.saved.setAside();
    if (!(await this.#parts.loader.openOwn(ownChoice('lesson', label, scenario)))) return false;
    await this.#parts.playback.play();
    return true;
  }

  /** Keep the running (unsaved) cluster as a new stored cluster named `name`, and save into it from now on. */
  async keepRunning(name: string): Promise<boolean> {
    const { saved } = this.#parts;
    await saved.adopt(name);
    return saved.clusterId !== null && saved.name === name;
  }

  /** Replace the cluster with built-in scenario `id`, kept as a new stored cluster named `name` (default its label). */
  async loadScenario(id: string, name?: string): Promise<boolean> {
    const { loader, saved, feed } = this.#parts;
    const choice = loader.scenarios.find((s) => s.id === id);
    if (!choice) return false;
    const playing = feed.status.playing;
    await saved.leave();
    if (!(await loader.open(choice))) return false;
    await saved.adopt(name?.trim() || choice.label);
    if (playing) await this.#parts.playback.play();
    return true;
  }

  /**
   * Switch to a stored cluster: replay its scenario to its moment, then work on it (read-only if
   * another tab owns it). Rejects with PersistError when it cannot be read; false when it does not load.
   */
  async openSaved(id: string): Promise<boolean> {
    const { saved, loader } = this.#parts;
    const stored = await saved.get(id);
    if (!stored) throw new PersistError('missing');
    return this.#switch(
      () => loader.openAt(ownChoice('saved', stored.name, stored.scenario), stored.at),
      () => saved.attach(stored.id, stored.name),
    );
  }

  /** Receive the worker's frames and open storage. */
  async #connect(): Promise<void> {
    await this.#parts.bridge.subscribe(this.#parts.feed.receive);
    await this.#parts.saved.open();
  }

  /** Store the cluster just loaded as `name` and play it. */
  async #adoptAndPlay(name: string): Promise<void> {
    await this.#parts.saved.adopt(name);
    await this.#parts.playback.play();
  }

  /**
   * Leave the stored cluster for the one `load` opens, then `store` it; keeps playing if it was.
   * When it does not load, this tab goes back to the stored cluster it left (the worker still runs it).
   */
  async #switch(load: () => Promise<boolean>, store: () => Promise<void>): Promise<boolean> {
    const { saved, feed } = this.#parts;
    const playing = feed.status.playing;
    const before = { id: saved.clusterId, name: saved.name };
    await saved.leave();
    if (!(await load())) {
      if (before.id) await saved.attach(before.id, before.name);
      return false;
    }
    await store();
    if (playing) await this.#parts.playback.play();
    return true;
  }
}
