// Autosave: bursts of actions are one write, time is saved at most every interval, failures reach onError.
import { assert, assertEqual } from './assert.ts';
import { sleep, withDb } from './persist-support.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { ClusterRepository, type ClusterState } from '../../src/persist/clusters.ts';
import { Autosaver } from '../../src/persist/autosave.ts';
import type { PersistError } from '../../src/persist/errors.ts';

describe('persist: autosave', () => {
  it('saves a burst of actions once, soon, and the latest state', async () => {
    await withDb('autosave', async (db) => {
      const repo = new ClusterRepository(db);
      const { id } = await repo.create({ name: 'auto', scenario: defaultScenario, at: 0 });
      let at = 0;
      let reads = 0;
      const saved: number[] = [];
      const errors: PersistError[] = [];
      const saver = new Autosaver({
        repo,
        clusterId: id,
        read: (): ClusterState => {
          reads++;
          return { scenario: defaultScenario, at };
        },
        onSaved: (s) => saved.push(s.at),
        onError: (e) => errors.push(e),
        actionDelayMs: 20,
      });
      at = 100;
      saver.noteAction();
      at = 200;
      saver.noteAction();
      at = 300;
      saver.noteAction();
      assert(saver.dirty, 'dirty until written');
      await sleep(120);
      assertEqual(
        { reads, saved, errors: errors.length, dirty: saver.dirty },
        { reads: 1, saved: [300], errors: 0, dirty: false },
        'one save',
      );
      assertEqual((await repo.get(id))?.at, 300, 'stored time');
      await saver.dispose();
    });
  });

  it('saves the passing of time at most every intervalMs of wall time, and flush writes at once', async () => {
    await withDb('autosave-time', async (db) => {
      const repo = new ClusterRepository(db);
      const { id } = await repo.create({ name: 'ticks', scenario: defaultScenario, at: 0 });
      let at = 0;
      const saved: number[] = [];
      const saver = new Autosaver({
        repo,
        clusterId: id,
        read: () => ({ scenario: defaultScenario, at }),
        onSaved: (s) => saved.push(s.at),
        onError: (e) => {
          throw e;
        },
        intervalMs: 150,
      });
      const start = performance.now();
      while (performance.now() - start < 400) {
        at += 10;
        saver.noteTime(); // every "frame"
        await sleep(10);
      }
      assert(saved.length >= 1 && saved.length <= 3, `2 or so saves in 400 ms at 150 ms (got ${saved.length}: ${saved.join(', ')})`);
      at = 99_999;
      saver.noteTime();
      assertEqual(await saver.flush(), null, 'flush succeeds');
      assertEqual([saved.at(-1), (await repo.get(id))?.at], [99_999, 99_999], 'flushed');
      await saver.dispose();
    });
  });

  it('saveAction resolves once a save made after the action is stored; concurrent actions each wait for theirs', async () => {
    await withDb('autosave-action', async (db) => {
      const repo = new ClusterRepository(db);
      const { id } = await repo.create({ name: 'acked', scenario: defaultScenario, at: 0 });
      let at = 0;
      const saved: number[] = [];
      const saver = new Autosaver({
        repo,
        clusterId: id,
        read: async (): Promise<ClusterState> => {
          const now = at;
          await sleep(20); // a worker round trip
          return { scenario: defaultScenario, at: now };
        },
        onSaved: (s) => saved.push(s.at),
        onError: (e) => {
          throw e;
        },
        actionDelayMs: 10_000, // a timer would be far too late: saveAction must not wait for it
      });
      at = 100;
      const first = saver.saveAction();
      await sleep(5); // the first save has read at = 100 and is writing
      at = 200;
      const second = saver.saveAction();
      at = 300;
      const third = saver.saveAction();
      assertEqual(await first, null, 'first stored');
      assert((await repo.get(id))!.at >= 100, 'the first action is stored when its saveAction resolves');
      await third;
      assertEqual((await repo.get(id))?.at, 300, 'the last action is stored when its saveAction resolves');
      await second;
      assertEqual(saved, [100, 300], 'the later two share one save');
      assert(!saver.dirty, 'nothing pending');
      await saver.dispose();
    });
  });

  it('a full disk (QuotaExceededError) is reported as quota, and a later save retries', async () => {
    await withDb('quota', async (db) => {
      const repo = new ClusterRepository(db);
      const { id } = await repo.create({ name: 'full', scenario: defaultScenario, at: 0 });
      const errors: PersistError[] = [];
      const saver = new Autosaver({
        repo,
        clusterId: id,
        read: () => ({ scenario: defaultScenario, at: 777 }),
        onError: (e) => errors.push(e),
        actionDelayMs: 0,
      });
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (): IDBRequest<IDBValidKey> {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      try {
        saver.noteAction();
        await sleep(50);
      } finally {
        IDBObjectStore.prototype.put = put;
      }
      assertEqual(
        errors.map((e) => e.kind),
        ['quota'],
        'reported once, as quota',
      );
      assert(errors[0]!.message.includes('storage for this site is full'), errors[0]!.message);
      assertEqual([saver.lastError?.kind, saver.dirty, (await repo.get(id))?.at], ['quota', true, 0], 'not saved, still dirty');

      assertEqual(await saver.flush(), null, 'space again: the retry succeeds');
      assertEqual([saver.lastError, saver.dirty, (await repo.get(id))?.at], [null, false, 777], 'saved');
      await saver.dispose();
    });
  });

  it('a failing read (the worker is gone) is reported too', async () => {
    const errors: PersistError[] = [];
    const saver = new Autosaver({
      repo: { save: () => Promise.reject(new Error('not reached')) },
      clusterId: 'x',
      read: () => Promise.reject(new Error('worker terminated')),
      onError: (e) => errors.push(e),
    });
    saver.noteAction();
    const err = await saver.flush();
    assertEqual([err?.kind, errors.length], ['unknown', 1], 'reported');
    assert(err!.message.includes('worker terminated'), err!.message);
  });
});
