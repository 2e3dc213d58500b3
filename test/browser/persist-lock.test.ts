// One writer per cluster: a second holder (another tab) is told it does not own the cluster.
import { assert, assertEqual } from './assert.ts';
import { TabLock } from '../../src/persist/tab-lock.ts';

describe('persist: tab lock', () => {
  it('Web Locks: the second tab gets owned: false, and the lock once the first releases it', async () => {
    assert(navigator.locks, 'Chromium has Web Locks');
    const prefix = `test-weblocks-${Date.now()}`;
    await twoTabs(new TabLock({ prefix }), new TabLock({ prefix }));
  });

  it('BroadcastChannel fallback: the same, without Web Locks', async () => {
    const prefix = `test-channel-${Date.now()}`;
    const first = new TabLock({ prefix, locks: null, probeMs: 60 });
    const second = new TabLock({ prefix, locks: null, probeMs: 60 });
    try {
      await twoTabs(first, second);
    } finally {
      first.close();
      second.close();
    }
  });

  it('BroadcastChannel fallback: two tabs asking at the same moment do not both own the cluster', async () => {
    const prefix = `test-race-${Date.now()}`;
    const tabs = [0, 1, 2].map(() => new TabLock({ prefix, locks: null, probeMs: 60 }));
    try {
      const results = await Promise.all(tabs.map((t) => t.acquire('same')));
      assertEqual(results.filter((r) => r.owned).length, 1, 'exactly one owner');
    } finally {
      tabs.forEach((t) => t.close());
    }
  });
});

async function twoTabs(first: TabLock, second: TabLock): Promise<void> {
  const a = await first.acquire('cluster-1');
  assert(a.owned, 'the first tab owns the cluster');
  assertEqual(await second.acquire('cluster-1'), { owned: false }, 'the second tab does not');
  assertEqual(await first.acquire('cluster-1'), { owned: false }, 'nor does a second view in the first tab');
  const other = await second.acquire('cluster-2');
  assert(other.owned, 'another cluster is free');
  await a.release();
  const b = await second.acquire('cluster-1');
  assert(b.owned, 'after release the second tab gets the lock');
  assertEqual(await first.acquire('cluster-1'), { owned: false }, 'and now the first one does not');
  await b.release();
  await other.release();
}
