/**
 * The page's saved cluster: which stored cluster this tab works on, whether it owns it (one
 * writer per cluster across tabs), and its autosave. Storage problems are shown, never
 * swallowed; without storage the sandbox keeps running, unsaved.
 */
import {
  Autosaver,
  ClusterRepository,
  openSandboxDb,
  PersistError,
  TabLock,
  toPersistError,
  type ClusterChange,
  type ClusterList,
  type ClusterState,
  type StoredCluster,
} from '../../persist/index.ts';

const CURRENT_KEY = 'dcos-sandbox.current-cluster';
/** TabLock's Web Lock names with its default prefix: `dcos-sandbox:cluster:<id>`. */
const LOCK_PREFIX = 'dcos-sandbox:cluster:';

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
  #opened = $state(false);
  #unavailable = $state<string | null>(null);

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
  /** True once open() has finished, whether or not storage could be opened. */
  get opened(): boolean {
    return this.#opened;
  }
  /** Why there is no storage at all (stays set when `problem` is dismissed); null when there is. */
  get unavailable(): string | null {
    return this.#unavailable;
  }

  async open(): Promise<void> {
    try {
      const db = await openSandboxDb(undefined, {
        onVersionChange: () => (this.#problem = 'A newer version of the sandbox opened in another tab: reload this page to keep saving.'),
      });
      this.#repo = new ClusterRepository(db);
      // A rename in another tab (or on the Clusters page) shows in this tab's banners.
      this.#repo.watch((change) => {
        if (change.kind === 'renamed' && change.id === this.#clusterId) void this.#syncName(change.id);
      });
    } catch (e) {
      this.#unavailable = toPersistError(e, 'open').message;
      this.#problem = `${this.#unavailable} The sandbox runs, but nothing is saved.`;
    } finally {
      this.#opened = true;
    }
  }

  // The stored clusters, for the Clusters page. These reject with PersistError (or RangeError for a bad name).

  list(): Promise<ClusterList> {
    return this.#repository().list();
  }

  /** One stored cluster; undefined when it is gone. */
  get(id: string): Promise<StoredCluster | undefined> {
    return this.#repository().get(id);
  }

  /** A new stored cluster, not opened: the tab keeps working on its own. */
  create(name: string, state: ClusterState): Promise<StoredCluster> {
    return this.#repository().create({ name, ...state });
  }

  async rename(id: string, name: string): Promise<void> {
    await this.#repository().rename(id, name);
    if (id === this.#clusterId) await this.#syncName(id);
  }

  /** A copy under a new name; the cluster this tab works on is saved first, so the copy is of now. */
  async duplicate(id: string): Promise<StoredCluster> {
    if (id === this.#clusterId) await this.flush();
    return this.#repository().duplicate(id);
  }

  /** Deletes a stored cluster; refuses the one this tab works on (open another one first). */
  remove(id: string): Promise<void> {
    if (id === this.#clusterId)
      return Promise.reject(new RangeError('This cluster is open in this tab: open another one before deleting it.'));
    return this.#repository().remove(id);
  }

  /** Changes to the stored clusters from this tab and others; returns unsubscribe. */
  watch(listener: (change: ClusterChange) => void): () => void {
    return this.#repo?.watch(listener) ?? (() => {});
  }

  /** Ids of clusters another tab works on (Web Locks only; empty where the browser has none). */
  async heldElsewhere(): Promise<ReadonlySet<string>> {
    const held = new Set<string>();
    try {
      const locks = typeof navigator !== 'undefined' ? (navigator.locks as LockManager | undefined) : undefined;
      const snapshot = await locks?.query();
      for (const lock of snapshot?.held ?? []) {
        if (lock.name?.startsWith(LOCK_PREFIX)) held.add(lock.name.slice(LOCK_PREFIX.length));
      }
    } catch {
      // Only a hint on the Clusters page: without it no cluster is marked.
    }
    // This tab's own lock, when it has one, is not another tab's.
    if (this.#clusterId && this.#release) held.delete(this.#clusterId);
    return held;
  }

  /** Saves what is pending and stops saving: call before the worker loads another cluster. */
  async leave(): Promise<void> {
    await this.#detach();
  }

  /**
   * Save what is pending, stop saving and work on no stored cluster (a tutorial lesson runs unsaved).
   * The browser still resumes the stored cluster on the next visit.
   */
  async setAside(): Promise<void> {
    await this.#detach();
    this.#clusterId = null;
    this.#name = '';
    this.#readOnly = false;
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

  /**
   * An API write was made: store it now (nothing when this tab does not save: read-only, or a
   * lesson). Resolves once stored, so the write is acknowledged only when a reload keeps it; a
   * failure is shown as `problem` (the action stays in the running cluster).
   */
  async saveAction(): Promise<void> {
    await this.#autosaver?.saveAction();
  }

  async flush(): Promise<void> {
    await this.#autosaver?.flush();
  }

  async #syncName(id: string): Promise<void> {
    try {
      const stored = await this.#repo?.get(id);
      if (stored && id === this.#clusterId) this.#name = stored.name;
    } catch {
      // The old name stays: it only labels this tab's banners.
    }
  }

  #repository(): ClusterRepository {
    if (!this.#repo) throw new PersistError('denied', this.#unavailable ?? 'storage is not open');
    return this.#repo;
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
