/**
 * The IndexedDB database: its name, version and the upgrade steps from every earlier version.
 *
 * MIGRATION REQUIRED when changing any of these constants, a store, an index or the record shape:
 * bump DB_VERSION, append one step to UPGRADES (never edit a released step), and add a test that
 * opens a database written by the previous version (test/browser/persist-upgrade.test.ts).
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { PersistError, toPersistError, type PersistStage } from './errors.ts';

export const DB_NAME = 'dcos-sandbox';
export const DB_VERSION = 3;
export const CLUSTERS = 'clusters';
/** Tutorial progress, one record per lesson (keyed by lesson id). */
export const TUTORIAL = 'tutorial';
/** The shape of a stored cluster record (version 3 added a store and left clusters as they were). */
export const RECORD_SCHEMA = 2;

/** A cluster as stored (plain JSON). `scenario` is untrusted until validateScenario has read it. */
export interface ClusterRecord {
  id: string;
  name: string;
  /** The scenario with its script (every user action and its simulated time). */
  scenario: unknown;
  /** Simulated ms the user had reached: replaying `scenario` to `at` resumes where they were. */
  at: number;
  /** Wall-clock ms (Date.now()). */
  createdAt: number;
  updatedAt: number;
  schema: number;
}

/** How far the reader got in one lesson. Untrusted on read (src/persist/tutorial.ts checks it). */
export interface TutorialRecord {
  lesson: string;
  /** 0-based index of the step the reader is on; equals the step count once the lesson is done. */
  step: number;
  done: boolean;
  /** Wall-clock ms (Date.now()). */
  updatedAt: number;
}

export interface SandboxDbSchema extends DBSchema {
  clusters: {
    key: string;
    value: ClusterRecord;
    indexes: { updatedAt: number; name: string };
  };
  tutorial: {
    key: string;
    value: TutorialRecord;
  };
}

export type SandboxDb = IDBPDatabase<SandboxDbSchema>;

type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;
/** Step i upgrades a database at version i to version i + 1. Steps only see the stores of their time. */
type UpgradeStep = (db: IDBPDatabase, tx: UpgradeTx) => Promise<void> | void;

export const UPGRADES: readonly UpgradeStep[] = [
  // 0 → 1: clusters keyed by id, listed newest first.
  (db) => {
    const store = db.createObjectStore(CLUSTERS, { keyPath: 'id' });
    store.createIndex('updatedAt', 'updatedAt');
  },
  // 1 → 2: v1 had no `name` (the UI showed scenario.cluster.name) and no record `schema`.
  // Records get a name of their own (so renaming a saved cluster no longer edits its scenario),
  // an index on it (the list page sorts by name and checks for duplicates) and schema: 2.
  async (_db, tx) => {
    const store = tx.objectStore(CLUSTERS);
    store.createIndex('name', 'name');
    for (let cursor = await store.openCursor(); cursor; cursor = await cursor.continue()) {
      const old: unknown = cursor.value;
      if (!old || typeof old !== 'object') continue; // left for the repository to report as corrupt
      const rec = old as Record<string, unknown>;
      await cursor.update({ ...rec, name: typeof rec['name'] === 'string' ? rec['name'] : nameFromScenario(rec['scenario']), schema: 2 });
    }
  },
  // 2 → 3: tutorial progress, lesson id → { step, done, updatedAt }. Clusters are unchanged.
  (db) => {
    db.createObjectStore(TUTORIAL, { keyPath: 'lesson' });
  },
];

function nameFromScenario(scenario: unknown): string {
  const cluster = scenario && typeof scenario === 'object' ? (scenario as { cluster?: { name?: unknown } }).cluster : undefined;
  return typeof cluster?.name === 'string' && cluster.name.trim() ? cluster.name.trim() : 'Cluster';
}

export interface OpenOptions {
  /** This connection holds up a newer version opened in another tab; it has been closed. */
  onVersionChange?: () => void;
  /** The browser closed the connection abnormally (storage cleared, disk error). */
  onTerminated?: () => void;
}

/** Connections closed because a newer version opened in another tab: their failures are 'version'. */
const superseded = new WeakSet<object>();

export function isSuperseded(db: SandboxDb): boolean {
  return superseded.has(db);
}

/**
 * Run a store operation; any failure comes out as a PersistError for the UI to show (a
 * connection another tab's newer version closed fails as 'version').
 */
export async function runOnDb<T>(db: SandboxDb, stage: PersistStage, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    if (isSuperseded(db) && !(err instanceof PersistError)) throw new PersistError('version', undefined, { cause: err });
    throw toPersistError(err, stage);
  }
}

/**
 * Opens (creating or upgrading) the database. Rejects with a PersistError, never hangs: if another tab
 * holds an older version open, this rejects with kind 'blocked' (and closes the connection should the
 * other tab let go later, so the UI's "reload" stays the one way forward).
 */
export function openSandboxDb(name = DB_NAME, options: OpenOptions = {}): Promise<SandboxDb> {
  return new Promise<SandboxDb>((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      reject(toPersistError(err, 'open'));
    };
    let opening: Promise<SandboxDb>;
    let opened: SandboxDb | undefined;
    try {
      if (typeof indexedDB === 'undefined') throw new PersistError('denied', 'no IndexedDB in this browser');
      opening = openDB<SandboxDbSchema>(name, DB_VERSION, {
        upgrade(db, oldVersion, _newVersion, tx) {
          const untypedDb = db as unknown as IDBPDatabase;
          const untypedTx = tx as unknown as UpgradeTx;
          const run = async () => {
            for (let v = oldVersion; v < DB_VERSION; v++) await UPGRADES[v]!(untypedDb, untypedTx);
          };
          run().catch((err: unknown) => {
            fail(err);
            try {
              tx.abort();
            } catch {
              // already finished or aborted: the open request reports it
            }
          });
        },
        blocked: () => fail(new PersistError('blocked')),
        blocking: (_current, _blocked, event) => {
          (event.target as IDBDatabase).close();
          if (opened) superseded.add(opened);
          options.onVersionChange?.();
        },
        terminated: () => options.onTerminated?.(),
      });
    } catch (err) {
      fail(err);
      return;
    }
    opening.then(
      (db) => {
        if (settled)
          db.close(); // we gave up (blocked) before the other tab let go
        else {
          settled = true;
          opened = db;
          resolve(db);
        }
      },
      (err: unknown) => fail(err),
    );
  });
}
