// Schema upgrades: a database written by the previous version (v1) opens with the current code.
import { openDB } from 'idb';
import { assert, assertEqual } from './assert.ts';
import { rejection, withDbName } from './persist-support.ts';
import { defaultScenario } from '../../src/engine/scenario/examples.ts';
import { DB_VERSION, openSandboxDb } from '../../src/persist/db.ts';
import { ClusterRepository } from '../../src/persist/clusters.ts';
import { PersistError } from '../../src/persist/errors.ts';

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

describe('persist: schema', () => {
  it('opens a v1 database: records get a name and schema 2, and the name index exists', async () => {
    assertEqual(DB_VERSION, 2, 'this test upgrades from the version before the current one');
    await withDbName('upgrade', async (name) => {
      const named = { ...structuredClone(defaultScenario), cluster: { ...defaultScenario.cluster, name: 'prod-like' } };
      await writeV1(name, [
        { id: 'one', scenario: named, at: 1234, createdAt: 10, updatedAt: 20 },
        { id: 'two', scenario: { ...defaultScenario, cluster: { ...defaultScenario.cluster, name: '' } }, at: 0, createdAt: 11, updatedAt: 21 },
      ]);
      const db = await openSandboxDb(name);
      try {
        assertEqual([db.version, [...db.transaction('clusters').store.indexNames].sort()], [2, ['name', 'updatedAt']], 'version and indexes');
        const list = await new ClusterRepository(db).list();
        assertEqual(list.corrupt, [], 'nothing corrupt');
        assertEqual(list.clusters.map((c) => [c.id, c.name, c.at, c.schema]), [['two', 'Cluster', 0, 2], ['one', 'prod-like', 1234, 2]], 'migrated');
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
      let lateConnectionClosed = false;
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
      lateConnectionClosed = probe.version === 2;
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
    const fake = { open: () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); } };
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
