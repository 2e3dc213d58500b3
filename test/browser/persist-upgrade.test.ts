// Schema upgrades: databases written by earlier versions (v1, v2) open with the current code.
import { openDB } from 'idb';
import { assert, assertEqual } from './assert.ts';
import { rejection, withDbName } from './persist-support.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { DB_VERSION, openSandboxDb } from '../../src/persist/db.ts';
import { ClusterRepository } from '../../src/persist/clusters.ts';
import { PersistError } from '../../src/persist/errors.ts';
import { TutorialRepository } from '../../src/persist/tutorial.ts';

/** Exactly what version 1 of the app wrote: no `name` index, records without `name` or `schema`. */
async function writeV1(name: string, records: object[]): Promise<void> {
  const db = await openDB(name, 1, {
    upgrade(v1) {
      v1.createObjectStore('clusters', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
    },
  });
  for (const r of records) await db.put('clusters', r);
  db.close();
}

/** Exactly what version 2 of the app wrote: clusters with a `name` index and schema-2 records, no tutorial store. */
async function writeV2(name: string, records: object[]): Promise<void> {
  const db = await openDB(name, 2, {
    upgrade(v2) {
      const store = v2.createObjectStore('clusters', { keyPath: 'id' });
      store.createIndex('updatedAt', 'updatedAt');
      store.createIndex('name', 'name');
    },
  });
  for (const r of records) await db.put('clusters', r);
  db.close();
}

describe('persist: schema', () => {
  it('opens a v2 database: its clusters stay as they were and a tutorial store is added', async () => {
    assertEqual(DB_VERSION, 3, 'this test upgrades from the version before the current one');
    await withDbName('upgrade-v2', async (name) => {
      const rec = { id: 'kept', name: 'mine', scenario: structuredClone(defaultScenario), at: 500, createdAt: 1, updatedAt: 2, schema: 2 };
      await writeV2(name, [rec]);
      const db = await openSandboxDb(name);
      try {
        assertEqual([db.version, [...db.objectStoreNames].sort()], [3, ['clusters', 'tutorial']], 'version and stores');
        const list = await new ClusterRepository(db).list();
        assertEqual(
          list.clusters.map((c) => [c.id, c.name, c.at, c.schema]),
          [['kept', 'mine', 500, 2]],
          'clusters untouched',
        );
        const tutorial = new TutorialRepository(db);
        assertEqual(await tutorial.all(), [], 'no progress yet');
        await tutorial.put({ lesson: 'drf', step: 2, done: false, updatedAt: 7 });
        await tutorial.put({ lesson: 'drf', step: 3, done: true, updatedAt: 8 });
        await db.put('tutorial', { lesson: 'bad', step: -1, done: false, updatedAt: 0 } as never);
        assertEqual(
          await tutorial.all(),
          [{ lesson: 'drf', step: 3, done: true, updatedAt: 8 }],
          'progress round-trips; a bad record is skipped',
        );
      } finally {
        db.close();
      }
    });
  });

  it('opens a v1 database: records get a name and schema 2, and the name index exists', async () => {
    await withDbName('upgrade', async (name) => {
      const named = { ...structuredClone(defaultScenario), cluster: { ...defaultScenario.cluster, name: 'prod-like' } };
      await writeV1(name, [
        { id: 'one', scenario: named, at: 1234, createdAt: 10, updatedAt: 20 },
        {
          id: 'two',
          scenario: { ...defaultScenario, cluster: { ...defaultScenario.cluster, name: '' } },
          at: 0,
          createdAt: 11,
          updatedAt: 21,
        },
      ]);
      const db = await openSandboxDb(name);
      try {
        assertEqual(
          [db.version, [...db.transaction('clusters').store.indexNames].sort()],
          [3, ['name', 'updatedAt']],
          'version and indexes',
        );
        const list = await new ClusterRepository(db).list();
        assertEqual(list.corrupt, [], 'nothing corrupt');
        assertEqual(
          list.clusters.map((c) => [c.id, c.name, c.at, c.schema]),
          [
            ['two', 'Cluster', 0, 2],
            ['one', 'prod-like', 1234, 2],
          ],
          'migrated',
        );
        assertEqual(await db.getAllKeysFromIndex('clusters', 'name', 'prod-like'), ['one'], 'name index');
      } finally {
        db.close();
      }
    });
  });

  it('an upgrade blocked by an old connection in another tab is an error, not a hang', async () => {
    await withDbName('blocked', async (name) => {
      await writeV1(name, []);
      const oldTab = await openDB(name, 1); // an old version of the app that never lets go
      try {
        const err = await rejection(openSandboxDb(name), 'open while blocked');
        assert(err instanceof PersistError && err.kind === 'blocked', `blocked: ${String(err)}`);
        assert(err.message.includes('Close or reload the other sandbox tabs'), err.message);
      } finally {
        oldTab.close();
      }
      // Once the old tab lets go the upgrade completes in the background and its connection is closed,
      // so the database can be deleted (deleteDB would block on a leaked connection).
      const probe = await openDB(name);
      const lateConnectionClosed = probe.version === DB_VERSION;
      probe.close();
      assert(lateConnectionClosed, 'the upgrade finished after the old tab closed');
    });
  });

  it('a connection that blocks a newer version closes itself and says so', async () => {
    await withDbName('blocking', async (name) => {
      let told = false;
      const db = await openSandboxDb(name, { onVersionChange: () => (told = true) });
      const newer = await openDB(name, DB_VERSION + 1); // a newer app version in another tab
      newer.close();
      assert(told, 'onVersionChange was called');
      const err = await rejection(new ClusterRepository(db).list(), 'read on a superseded connection');
      assert(err instanceof PersistError && err.kind === 'version', `version: ${String(err)}`);
      const tooOld = await rejection(openSandboxDb(name), 'open of a newer database');
      assert(tooOld instanceof PersistError && tooOld.kind === 'version', `newer database: ${String(tooOld)}`);
    });
  });

  it('storage denied (private mode) is reported as denied', async () => {
    const desc = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB');
    const fake = {
      open: () => {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      },
    };
    Object.defineProperty(globalThis, 'indexedDB', { value: fake, configurable: true });
    try {
      const err = await rejection(openSandboxDb(`denied-${Date.now()}`), 'open without storage');
      assert(err instanceof PersistError && err.kind === 'denied', `denied: ${String(err)}`);
    } finally {
      if (desc) Object.defineProperty(globalThis, 'indexedDB', desc);
      else delete (globalThis as { indexedDB?: unknown }).indexedDB;
    }
    assert(typeof indexedDB.open === 'function' && indexedDB !== (fake as unknown), 'indexedDB restored');
  });
});
