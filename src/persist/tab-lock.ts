/**
 * One writer per cluster across tabs. The tab that opens a cluster first owns it (runs and autosaves
 * it); a second tab is told (`owned: false`) so the UI can offer a read-only view or a copy.
 *
 * Web Locks (`navigator.locks`) where the browser has them: the browser frees the lock when the tab
 * closes or crashes. Otherwise a BroadcastChannel protocol: ask "who holds X?", wait `probeMs`, and
 * own X if nobody answers; two tabs asking at once are told apart by their random ids.
 */

export type LockResult = { owned: true; release: () => Promise<void> } | { owned: false };

export interface TabLockOptions {
  /** Lock and channel names start with this. */
  prefix?: string;
  /** Default navigator.locks; null forces the BroadcastChannel fallback. */
  locks?: LockManager | null;
  /** Fallback only: how long to wait for a holder to answer. Default 150 ms. */
  probeMs?: number;
}

type Message = { type: 'probe' | 'contend'; id: string; from: string } | { type: 'held'; id: string };

export class TabLock {
  readonly #prefix: string;
  readonly #locks: LockManager | null;
  readonly #probeMs: number;
  readonly #tabId = crypto.randomUUID();
  #channel: BroadcastChannel | null = null;
  /** Fallback state: clusters this tab owns, and the probes in flight (id → lost?). */
  readonly #owned = new Set<string>();
  readonly #probing = new Map<string, { lost: boolean }>();

  constructor(options: TabLockOptions = {}) {
    this.#prefix = options.prefix ?? 'dcos-sandbox';
    const native = typeof navigator !== 'undefined' ? (navigator.locks as LockManager | undefined) : undefined;
    this.#locks = options.locks === undefined ? (native ?? null) : options.locks;
    this.#probeMs = options.probeMs ?? 150;
  }

  /** Owns the cluster if no other holder (in any tab, this one included) does. Never waits for one. */
  acquire(clusterId: string): Promise<LockResult> {
    return this.#locks ? this.#acquireWebLock(clusterId, this.#locks) : this.#acquireByChannel(clusterId);
  }

  /** Closes the fallback channel; clusters owned through it are released. */
  close(): void {
    this.#owned.clear();
    this.#channel?.close();
    this.#channel = null;
  }

  #acquireWebLock(clusterId: string, locks: LockManager): Promise<LockResult> {
    return new Promise<LockResult>((resolve, reject) => {
      let letGo!: () => void;
      const held = new Promise<void>((r) => (letGo = r));
      const request = locks.request(`${this.#prefix}:cluster:${clusterId}`, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve({ owned: false });
          return undefined;
        }
        resolve({
          owned: true,
          release: () => {
            letGo();
            return request.then(() => undefined);
          },
        });
        return held;
      });
      request.catch(reject);
    });
  }

  async #acquireByChannel(clusterId: string): Promise<LockResult> {
    if (typeof BroadcastChannel === 'undefined') return this.#ownLocally(clusterId); // nothing to share with
    if (this.#owned.has(clusterId) || this.#probing.has(clusterId)) return { owned: false };
    const channel = this.#openChannel();
    const probe = { lost: false };
    this.#probing.set(clusterId, probe);
    channel.postMessage({ type: 'probe', id: clusterId, from: this.#tabId } satisfies Message);
    await new Promise((r) => setTimeout(r, this.#probeMs));
    this.#probing.delete(clusterId);
    if (probe.lost) return { owned: false };
    return this.#ownLocally(clusterId);
  }

  #ownLocally(clusterId: string): LockResult {
    if (this.#owned.has(clusterId)) return { owned: false };
    this.#owned.add(clusterId);
    return {
      owned: true,
      release: () => {
        this.#owned.delete(clusterId);
        return Promise.resolve();
      },
    };
  }

  #openChannel(): BroadcastChannel {
    if (this.#channel) return this.#channel;
    const channel = new BroadcastChannel(`${this.#prefix}:locks`);
    channel.onmessage = (event: MessageEvent<Message>) => {
      const msg = event.data;
      if (msg.type === 'held') {
        const probe = this.#probing.get(msg.id);
        if (probe) probe.lost = true;
        return;
      }
      if (this.#owned.has(msg.id) && msg.type === 'probe') channel.postMessage({ type: 'held', id: msg.id } satisfies Message);
      // Two tabs asking at once: each tells the other (whose channel may have opened too late to hear
      // its probe), and the smaller id goes on while the other one yields.
      const probe = this.#probing.get(msg.id);
      if (!probe) return;
      if (msg.type === 'probe') channel.postMessage({ type: 'contend', id: msg.id, from: this.#tabId } satisfies Message);
      if (msg.from < this.#tabId) probe.lost = true;
    };
    this.#channel = channel;
    return channel;
  }
}
