/**
 * The Clusters page's state: the stored clusters (re-read when any tab changes them), which ones
 * another tab works on, and the page's intents. One action at a time; each failure becomes `error`.
 */
import type { ClusterStore } from '../../state/cluster.svelte.ts';
import { messageOf, rowsOf, type ClusterRow, type CorruptRow } from './clusters-list.ts';

/** Changes arrive in bursts (a duplicate, then an autosave): one re-read per burst. */
const REFRESH_DELAY_MS = 200;
/** How often "5 min ago" moves on. */
const AGE_TICK_MS = 30_000;

export class ClustersModel {
  readonly #store: ClusterStore;
  #clusters = $state.raw<readonly ClusterRow[]>([]);
  #corrupt = $state.raw<readonly CorruptRow[]>([]);
  #elsewhere = $state.raw<ReadonlySet<string>>(new Set());
  #loaded = $state(false);
  #busy = $state<string | null>(null);
  #error = $state<string | null>(null);
  #wallNow = $state(Date.now());
  #readId = 0;

  constructor(store: ClusterStore) {
    this.#store = store;
  }

  get clusters(): readonly ClusterRow[] {
    return this.#clusters;
  }
  get corrupt(): readonly CorruptRow[] {
    return this.#corrupt;
  }
  /** Clusters another tab works on (saves). */
  get elsewhere(): ReadonlySet<string> {
    return this.#elsewhere;
  }
  /** The list has been read at least once. */
  get loaded(): boolean {
    return this.#loaded;
  }
  /** What the page is doing ("Opening …"), null when idle: actions wait until then. */
  get busy(): string | null {
    return this.#busy;
  }
  get error(): string | null {
    return this.#error;
  }
  dismissError(): void {
    this.#error = null;
  }
  /** Wall-clock ms, moving on every half minute, for the "last saved" ages. */
  get wallNow(): number {
    return this.#wallNow;
  }
  /** The cluster this tab works on. */
  get currentId(): string | null {
    return this.#store.saved.clusterId;
  }

  /** Read the list now and whenever the stored clusters change; returns the stop function. */
  connect(): () => void {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unwatch = this.#store.saved.watch(() => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void this.refresh();
      }, REFRESH_DELAY_MS);
    });
    const tick = setInterval(() => (this.#wallNow = Date.now()), AGE_TICK_MS);
    void this.refresh();
    return () => {
      unwatch();
      clearInterval(tick);
      if (timer !== null) clearTimeout(timer);
    };
  }

  /** Re-read the list; a read that a later one overtook is dropped. */
  async refresh(): Promise<void> {
    const id = ++this.#readId;
    try {
      const [list, elsewhere] = await Promise.all([this.#store.saved.list(), this.#store.saved.heldElsewhere()]);
      if (id !== this.#readId) return;
      const rows = rowsOf(list);
      this.#clusters = rows.clusters;
      this.#corrupt = rows.corrupt;
      this.#elsewhere = elsewhere;
      this.#wallNow = Date.now();
    } catch (e) {
      if (id === this.#readId) this.#error = `The saved clusters could not be read: ${messageOf(e)}`;
    } finally {
      if (id === this.#readId) this.#loaded = true;
    }
  }

  /** Switch this tab to a stored cluster. */
  open(row: ClusterRow): Promise<boolean> {
    return this.#act(`Opening “${row.name}”…`, async () => {
      if (!(await this.#store.openSaved(row.id))) throw new Error(this.#store.error?.message ?? 'its scenario did not load');
    });
  }

  rename(row: ClusterRow, name: string): Promise<boolean> {
    return this.#act(`Renaming “${row.name}”…`, () => this.#store.saved.rename(row.id, name));
  }

  duplicate(row: ClusterRow): Promise<boolean> {
    return this.#act(`Duplicating “${row.name}”…`, async () => {
      await this.#store.saved.duplicate(row.id);
    });
  }

  remove(id: string): Promise<boolean> {
    return this.#act('Deleting…', () => this.#store.saved.remove(id));
  }

  /** Load a built-in scenario and keep it as a new stored cluster, opened in this tab. */
  create(scenarioId: string, name: string): Promise<boolean> {
    return this.#act(`Creating “${name}”…`, async () => {
      const before = this.#store.saved.clusterId;
      if (!(await this.#store.loadScenario(scenarioId, name))) throw new Error(this.#store.error?.message ?? 'the scenario did not load');
      // adopt() reports a failed write as the session's problem and leaves the old id in place.
      if (this.#store.saved.clusterId === before) throw new Error(this.#store.saved.problem ?? 'The new cluster was not saved.');
    });
  }

  async #act(label: string, body: () => Promise<void>): Promise<boolean> {
    if (this.#busy) return false;
    this.#busy = label;
    this.#error = null;
    try {
      await body();
      return true;
    } catch (e) {
      this.#error = messageOf(e);
      return false;
    } finally {
      this.#busy = null;
      await this.refresh();
    }
  }
}
