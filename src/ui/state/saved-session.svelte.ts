/**
 * The page's saved cluster: which stored cluster this tab works on, whether it owns it (one
 * writer per cluster across tabs), and its autosave. Storage problems are shown, never
 * swallowed; without storage the sandbox keeps running, unsaved.
 */
import { Autosaver, ClusterRepository, openSandboxDb, TabLock, toPersistError, type ClusterState, type StoredCluster } from '../../persist/index.ts';

const CURRENT_KEY = 'dcos-sandbox.current-cluster';

export class SavedSession {
  #repo: ClusterRepository | null = null;
  readonly #lock = new TabLock();
  #release: (() => Promise<void>) | null = null;
  #autosaver: Autosaver | null = null;
  readonly #read: () => Promise<ClusterState | null>;
  #clusterId = $state<string | null>(null);
  #name = $state('');
  #readOnly = $state(false);
  #problem = $state<string | null>(null);

  /** `read`: the running cluster's scenario and time (the worker's `shareable`). */
  constructor(read: () => Promise<ClusterState | null>) {
    this.#read = read;
  }

  get clusterId(): string | null {
    return this.#clusterId;
  }
  get name(): string {
    return this.#name;
  }
  /** Another tab owns this cluster: nothing here is saved until the user makes a copy. */
  get readOnly(): boolean {
    return this.#readOnly;
  }
  /** The latest storage problem, for the page to show. */
  get problem(): string | null {
    return this.#problem;
  }
  dismissProblem(): void {
    this.#problem = null;
  }

  async open(): Promise<void> {
    try {
      const db = await openSandboxDb(undefined, { onVersionChange: () => (this.#problem = 'A newer version of the sandbox opened in another tab: reload this page to keep saving.') });
      this.#repo = new ClusterRepository(db);
    } catch (e) {
      this.#problem = `${toPersistError(e, 'open').message} The sandbox runs, but nothing is saved.`;
    }
  }

  /** The cluster this browser worked on last, if it is still stored and reads back. */
  async lastCluster(): Promise<StoredCluster | null> {
    const id = storedCurrentId();
    if (!this.#repo || !id) return null;
    try {
      return (await this.#repo.get(id)) ?? null;
    } catch (e) {
      this.#problem = `The last cluster could not be read back: ${toPersistError(e, 'read').message}`;
      return null;
    }
  }

  /** Keep the running cluster as a new stored cluster, and work on it. */
  async adopt(name: string): Promise<void> {
    const state = await this.#read();
    if (!this.#repo || !state) return;
    try {
      const created = await this.#repo.create({ name, ...state });
      await this.attach(created.id, created.name);
    } catch (e) {
      this.#problem = toPersistError(e, 'write').message;
    }
  }

  /** Work on a stored cluster: save into it if this tab gets its lock, else read-only. */
  async attach(id: string, name: string): Promise<void> {
    await this.#detach();
    this.#clusterId = id;
    this.#name = name;
    rememberCurrentId(id);
    const lock = await this.#lock.acquire(id);
    this.#readOnly = !lock.owned;
    if (!lock.owned || !this.#repo) return;
    this.#release = lock.release;
    this.#autosaver = new Autosaver({
      repo: this.#repo,
      clusterId: id,
      read: () => this.#read(),
      onError: (error) => (this.#problem = error.message),
      onSaved: () => (this.#problem = null),
    });
  }

  /** A read-only tab keeps its own copy of what it runs now. */
  async saveCopy(): Promise<void> {
    await this.adopt(`${this.#name || 'Cluster'} (copy)`);
  }

  noteAction(): void {
    this.#autosaver?.noteAction();
  }

  noteTime(): void {
    this.#autosaver?.noteTime();
  }

  async flush(): Promise<void> {
    await this.#autosaver?.flush();
  }

  async #detach(): Promise<void> {
    await this.#autosaver?.dispose();
    this.#autosaver = null;
    await this.#release?.();
    this.#release = null;
  }
}

function storedCurrentId(): string | null {
  try {
    return localStorage.getItem(CURRENT_KEY);
  } catch {
    return null;
  }
}

function rememberCurrentId(id: string): void {
  try {
    localStorage.setItem(CURRENT_KEY, id);
  } catch {
    // Storage denied: resuming falls back to the default cluster; the session itself still works.
  }
}
