/** The cluster store, shared with every component below App through a symbol-keyed context. */
import { getContext, setContext } from 'svelte';
import type { ClusterStore } from './cluster.svelte.ts';

const KEY = Symbol('dcos-sandbox.cluster');

export function setClusterContext(store: ClusterStore): ClusterStore {
  return setContext(KEY, store);
}

export function getClusterContext(): ClusterStore {
  const store = getContext<ClusterStore | undefined>(KEY);
  if (!store) throw new Error('getClusterContext() outside <App>: no cluster store in context');
  return store;
}
