/** Polls while mounted, each time the simulated clock moved (at most once a second), and again for a new cluster. */
import { untrack } from 'svelte';
import type { ClusterStore } from './cluster.svelte.ts';
import { Poller } from '../pages/services/poller.ts';

/** Call during a component's initialisation; `poke()` the result after an action. */
export function poll(cluster: ClusterStore, tick: () => Promise<void>): Poller {
  const poller = new Poller(tick, {
    intervalMs: 1000,
    clock: () => untrack(() => cluster.now),
    visible: () => document.visibilityState === 'visible',
  });
  $effect(() => poller.start());
  $effect(() => {
    void cluster.layout;
    untrack(() => poller.poke());
  });
  return poller;
}
