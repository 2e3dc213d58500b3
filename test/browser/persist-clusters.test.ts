// Saved clusters in Chromium's IndexedDB: save, reopen, replay to the same history; corrupt records.
import { assert, assertEqual } from './assert.ts';
import { rejection, withDb, withDbName } from './persist-support.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { CLUSTERS, openSandboxDb } from '../../src/persist/db.ts';
import { ClusterRepository, type ClusterChange } from '../../src/persist/clusters.ts';
import { PersistError } from '../../src/persist/errors.ts';

describe('persist: clusters', () => {
  it('a saved cluster reopens (new connection) with the same scenario and time, and replays to the same history', async () => {
    await withDbName('reopen', async (name) => {
      const live = await createSandbox(defaultScenario, { allocator: 'wasm' });
      live.advance(12_345);
      live.request({
        method: 'POST',
        path: '/marathon/v2/apps',
        body: { id: '/hello', cmd: 'sleep 1000', instances: 3, cpus: 0.1, mem: 32 },
      });
      live.advance(20_000);
      live.request({ method: 'PUT', path: '/marathon/v2/apps/hello', body: { instances: 1 } });
      live.advance(7_655);

      const first = await openSandboxDb(name);
      const repo = new ClusterRepository(first);
      const created = await repo.create({ name: 'demo', scenario: live.scenario(), at: 1000 });
      await repo.save(created.id, { scenario: live.scenario(), at: live.now });
      repo.close();
      first.close();

      const second = await openSandboxDb(name);
      try {
        const loaded = await new ClusterRepository(second).get(created.id);
        assert(loaded, 'the cluster is there after reopening');
        assertEqual(loaded.scenario, live.scenario(), 'scenario');
        assertEqual([loaded.name, loaded.at, loaded.schema], ['demo', 40_000, 2], 'name, at, schema');
        assertEqual(loaded.scenario.script.length, 2, 'actions saved');

        const replay = await createSandbox(loaded.scenario, { allocator: 'wasm' });
        replay.advance(loaded.at);
        assertEqual({ now: replay.now, hash: replay.historyHash() }, { now: live.now, hash: live.historyHash() }, 'replayed history');
      } finally {
        second.close();
      }
    });
  });

  it('lists newest first; renames, duplicates with a free name, removes; announces changes', async () => {
    await withDb('crud', async (db) => {
      let time = 1000;
      const repo = new ClusterRepository(db, { now: () => time++ });
      const changes: ClusterChange[] = [];
      const unwatch = repo.watch((c) => changes.push(c));
      try {
        const a = await repo.create({ name: '  first   one ', scenario: defaultScenario, at: 0 });
        const b = await repo.create({ name: 'second', scenario: defaultScenario, at: 5 });
        assertEqual(
          (await repo.list()).clusters.map((c) => c.name),
          ['second', 'first one'],
          'newest first, name cleaned',
        );

        await repo.rename(a.id, 'alpha');
        const c1 = await repo.duplicate(a.id);
        const c2 = await repo.duplicate(a.id);
        const c3 = await repo.duplicate(b.id, 'mine');
        assertEqual([c1.name, c2.name, c3.name], ['alpha (copy)', 'alpha (copy 2)', 'mine'], 'copy names');
        assert(c1.id !== a.id, 'a copy has its own id');
        assertEqual((await repo.get(c1.id))?.scenario, (await repo.get(a.id))?.scenario, 'a copy has the same scenario');

        await repo.remove(b.id);
        const list = await repo.list();
        assertEqual(
          list.clusters.map((c) => c.name),
          ['mine', 'alpha (copy 2)', 'alpha (copy)', 'alpha'],
          'after remove',
        );
        assertEqual(list.corrupt, [], 'nothing corrupt');
        assertEqual(await repo.get(b.id), undefined, 'removed');

        const missing = await rejection(repo.save(b.id, { scenario: defaultScenario, at: 1 }), 'save of a removed cluster');
        assert(missing instanceof PersistError && missing.kind === 'missing', `missing: ${String(missing)}`);
        assert((await rejection(repo.rename(a.id, '   '), 'empty name')) instanceof RangeError, 'empty name is a RangeError');

        await new Promise((r) => setTimeout(r, 50)); // BroadcastChannel delivers asynchronously
        assertEqual(
          changes.map((c) => c.kind),
          ['created', 'created', 'renamed', 'created', 'created', 'created', 'removed'],
          'changes announced',
        );
      } finally {
        unwatch();
        repo.close();
      }
    });
  });

  it('a corrupt record is reported with its reason, and the others still list', async () => {
    await withDb('corrupt', async (db) => {
      const repo = new ClusterRepository(db);
      const good = await repo.create({ name: 'good', scenario: defaultScenario, at: 10 });
      const base = { createdAt: 1, updatedAt: 2, schema: 2, at: 0 };
      await db.put(CLUSTERS, { ...base, id: 'bad-scenario', name: 'broken', scenario: { ...defaultScenario, seed: -1 } });
      await db.put(CLUSTERS, { ...base, id: 'no-name', name: 42 as unknown as string, scenario: defaultScenario });
      await db.put(CLUSTERS, {
        ...base,
        id: 'no-time',
        name: 'timeless',
        scenario: defaultScenario,
        updatedAt: undefined as unknown as number,
      });
      await db.put(CLUSTERS, { ...base, id: 'future', name: 'from v9', scenario: defaultScenario, schema: 9 });

      const list = await repo.list();
      assertEqual(
        list.clusters.map((c) => c.id),
        [good.id],
        'the good one lists',
      );
      const reasons = Object.fromEntries(list.corrupt.map((c) => [c.id, [c.name, c.error.kind]]).sort());
      assertEqual(
        reasons,
        {
          'bad-scenario': ['broken', 'corrupt'],
          future: ['from v9', 'version'],
          'no-name': [null, 'corrupt'],
          'no-time': ['timeless', 'corrupt'],
        },
        'corrupt records',
      );
      const bad = list.corrupt.find((c) => c.id === 'bad-scenario');
      assert(bad?.error.message.includes('seed'), `the reason names the field: ${bad?.error.message}`);

      const err = await rejection(repo.get('bad-scenario'), 'get of a corrupt record');
      assert(err instanceof PersistError && err.kind === 'corrupt', `get: ${String(err)}`);
      assert((await repo.get(good.id))?.name === 'good', 'get of a good record still works');
    });
  });
});
