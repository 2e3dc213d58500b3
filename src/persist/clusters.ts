/**
 * Named clusters in IndexedDB: each one its scenario (with the script of every user action) and the
 * simulated moment the user had reached. Writes are one transaction each; reads validate every record,
 * and a record that does not read back is reported, never dropped and never allowed to hide the others.
 */
import { validateScenario } from '../common/scenario/validate.ts';
import type { Scenario } from '../common/scenario/types.ts';
import { CLUSTERS, RECORD_SCHEMA, runOnDb, type ClusterRecord, type SandboxDb } from './db.ts';
import { PersistError } from './errors.ts';

/** A stored cluster after validation: `scenario` is a full Scenario with every default filled in. */
export interface StoredCluster extends Omit<ClusterRecord, 'scenario'> {
  scenario: Scenario;
}

/** What the worker's `shareable()` returns, and all a save needs. */
export interface ClusterState {
  scenario: Scenario;
  at: number;
}

export interface CorruptCluster {
  id: string;
  /** The stored name, when there is one to show. */
  name: string | null;
  error: PersistError;
}

export interface ClusterList {
  /** Newest first (by updatedAt). */
  clusters: StoredCluster[];
  corrupt: CorruptCluster[];
}

export type ClusterChange = { kind: 'created' | 'saved' | 'renamed' | 'removed'; id: string };

export const MAX_NAME_LENGTH = 80;

export interface RepositoryOptions {
  /** Wall clock for createdAt/updatedAt. */
  now?: () => number;
  newId?: () => string;
}

export class ClusterRepository {
  readonly #db: SandboxDb;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #channelName: string;
  #channel: BroadcastChannel | null = null;

  constructor(db: SandboxDb, options: RepositoryOptions = {}) {
    this.#db = db;
    this.#now = options.now ?? (() => Date.now());
    this.#newId = options.newId ?? (() => crypto.randomUUID());
    this.#channelName = `${db.name}:clusters`;
  }

  list(): Promise<ClusterList> {
    return runOnDb(this.#db, 'read', async () => {
      const result: ClusterList = { clusters: [], corrupt: [] };
      const index = this.#db.transaction(CLUSTERS).store.index('updatedAt');
      for (let cursor = await index.openCursor(null, 'prev'); cursor; cursor = await cursor.continue()) {
        const read = restore(cursor.value as unknown, cursor.primaryKey);
        if ('error' in read) result.corrupt.push(read);
        else result.clusters.push(read);
      }
      // Records without a valid updatedAt are not in the index: find them so they are reported too.
      const seen = new Set([...result.clusters.map((c) => c.id), ...result.corrupt.map((c) => c.id)]);
      if (seen.size !== (await this.#db.count(CLUSTERS))) {
        for (const key of await this.#db.getAllKeys(CLUSTERS)) {
          if (seen.has(key)) continue;
          const read = restore((await this.#db.get(CLUSTERS, key)) as unknown, key);
          result.corrupt.push('error' in read ? read : { id: key, name: read.name, error: new PersistError('corrupt', 'updatedAt') });
        }
      }
      return result;
    });
  }

  /** The cluster, undefined when there is none; throws PersistError 'corrupt' when it does not read back. */
  get(id: string): Promise<StoredCluster | undefined> {
    return runOnDb(this.#db, 'read', async () => {
      const raw = (await this.#db.get(CLUSTERS, id)) as unknown;
      if (raw === undefined) return undefined;
      const read = restore(raw, id);
      if ('error' in read) throw read.error;
      return read;
    });
  }

  /** Rejects with RangeError for an empty name or a bad `at`, with PersistError when storing fails. */
  async create(input: { name: string } & ClusterState): Promise<StoredCluster> {
    const name = cleanName(input.name);
    const at = checkAt(input.at);
    return runOnDb(this.#db, 'write', async () => {
      const time = this.#now();
      const record: ClusterRecord = {
        id: this.#newId(),
        name,
        scenario: input.scenario,
        at,
        createdAt: time,
        updatedAt: time,
        schema: RECORD_SCHEMA,
      };
      await this.#db.add(CLUSTERS, record);
      this.#announce({ kind: 'created', id: record.id });
      return { ...record, scenario: input.scenario };
    });
  }

  /** The autosave write: one transaction; 'missing' if the cluster was deleted meanwhile. */
  async save(id: string, state: ClusterState): Promise<{ updatedAt: number }> {
    const at = checkAt(state.at);
    return this.#update(id, 'saved', (old) => ({ ...old, scenario: state.scenario, at }));
  }

  async rename(id: string, name: string): Promise<{ updatedAt: number }> {
    const clean = cleanName(name);
    return this.#update(id, 'renamed', (old) => ({ ...old, name: clean }));
  }

  /** A copy under a new id; its name is `name`, or "<name> (copy)", "<name> (copy 2)", ... if unset. */
  async duplicate(id: string, name?: string): Promise<StoredCluster> {
    const given = name === undefined ? '' : cleanName(name);
    return runOnDb(this.#db, 'write', async () => {
      const tx = this.#db.transaction(CLUSTERS, 'readwrite');
      const raw = (await tx.store.get(id)) as unknown;
      if (raw === undefined) throw new PersistError('missing');
      const source = restore(raw, id);
      if ('error' in source) throw source.error;
      let copyName = given;
      if (!copyName) {
        const base = source.name.slice(0, MAX_NAME_LENGTH - 10);
        copyName = `${base} (copy)`;
        for (let n = 2; (await tx.store.index('name').count(copyName)) > 0; n++) copyName = `${base} (copy ${n})`;
      }
      const time = this.#now();
      const copy: StoredCluster = { ...source, id: this.#newId(), name: copyName, createdAt: time, updatedAt: time, schema: RECORD_SCHEMA };
      await Promise.all([tx.store.add(copy), tx.done]);
      this.#announce({ kind: 'created', id: copy.id });
      return copy;
    });
  }

  remove(id: string): Promise<void> {
    return runOnDb(this.#db, 'write', async () => {
      await this.#db.delete(CLUSTERS, id);
      this.#announce({ kind: 'removed', id });
    });
  }

  /** Changes made by any repository on this database, in this tab or another one. Returns unsubscribe. */
  watch(listener: (change: ClusterChange) => void): () => void {
    if (typeof BroadcastChannel === 'undefined') return () => {};
    const channel = new BroadcastChannel(this.#channelName);
    channel.onmessage = (event: MessageEvent<ClusterChange>) => listener(event.data);
    return () => channel.close();
  }

  /** Stops announcing changes (the database connection belongs to the caller). */
  close(): void {
    this.#channel?.close();
    this.#channel = null;
  }

  #update(id: string, kind: ClusterChange['kind'], change: (old: ClusterRecord) => ClusterRecord): Promise<{ updatedAt: number }> {
    return runOnDb(this.#db, 'write', async () => {
      const tx = this.#db.transaction(CLUSTERS, 'readwrite');
      const old = await tx.store.get(id);
      if (!old) throw new PersistError('missing');
      // Never move updatedAt backwards (a wall clock can): the list order stays the save order.
      const updatedAt = Math.max(this.#now(), typeof old.updatedAt === 'number' ? old.updatedAt : 0);
      await Promise.all([tx.store.put({ ...change(old), updatedAt, schema: RECORD_SCHEMA }), tx.done]);
      this.#announce({ kind, id });
      return { updatedAt };
    });
  }

  #announce(change: ClusterChange): void {
    if (typeof BroadcastChannel === 'undefined') return;
    this.#channel ??= new BroadcastChannel(this.#channelName);
    this.#channel.postMessage(change);
  }
}

/** A stored value → a validated cluster, or the reason it is not one. Never throws. */
export function restore(raw: unknown, key: string): StoredCluster | CorruptCluster {
  const bad = (detail: string, name: string | null = null, cause?: unknown): CorruptCluster => ({
    id: key,
    name,
    error: new PersistError('corrupt', detail, { cause }),
  });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return bad('not an object');
  const rec = raw as Partial<Record<keyof ClusterRecord, unknown>>;
  const name = typeof rec.name === 'string' ? rec.name : null;
  if (name === null) return bad('name');
  if (typeof rec.schema !== 'number') return bad('schema', name);
  if (rec.schema > RECORD_SCHEMA) return { id: key, name, error: new PersistError('version') };
  for (const field of ['at', 'createdAt', 'updatedAt'] as const) {
    const v = rec[field];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return bad(field, name);
  }
  let scenario: Scenario;
  try {
    scenario = validateScenario(rec.scenario);
  } catch (err) {
    return bad(`scenario: ${err instanceof Error ? err.message : String(err)}`, name, err);
  }
  return {
    id: key,
    name,
    scenario,
    at: rec.at as number,
    createdAt: rec.createdAt as number,
    updatedAt: rec.updatedAt as number,
    schema: rec.schema,
  };
}

function cleanName(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (!clean) throw new RangeError('A cluster needs a name.');
  return clean.slice(0, MAX_NAME_LENGTH);
}

function checkAt(at: number): number {
  if (!Number.isFinite(at) || at < 0) throw new RangeError(`at must be a simulated time in ms ≥ 0 (got ${at})`);
  return at;
}
