/**
 * The cluster state as a snapshot carries it: plain data that survives structuredClone, JSON and
 * IndexedDB. The live state keeps a few indexes in Maps (fast for keys made thousands of times a
 * second); a snapshot writes them as plain objects, and reading one back rebuilds them.
 */
import type { ClusterState, OfferState } from './model.ts';
import { flagsWith } from '../../common/marathon/flags.ts';

export type SavedClusterState = Omit<ClusterState, 'offers'> & { offers: Record<string, OfferState> };

/** A deep copy of `state` as plain data. */
export function saveState(state: ClusterState): SavedClusterState {
  const { offers, ...rest } = state;
  return structuredClone({ ...rest, offers: Object.fromEntries(offers) });
}

/** A live state from a snapshot's copy (the snapshot is not changed). */
export function restoreState(saved: SavedClusterState): ClusterState {
  const { offers, ...rest } = structuredClone(saved);
  // A cluster saved before Marathon's flags were kept runs with DC/OS's.
  rest.marathon.config.flags = flagsWith(rest.marathon.config.flags);
  return { ...rest, offers: new Map(Object.entries(offers)) };
}
