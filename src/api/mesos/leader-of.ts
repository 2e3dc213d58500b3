import { leadingMaster } from '../../engine/mesos/leader.ts';
import type { ClusterState, MasterState } from '../../engine/core/model.ts';

/** The leading master; the router answers 503 before any /mesos handler runs without one. */
export function leaderOf(state: ClusterState): MasterState {
  const leader = leadingMaster(state);
  if (!leader) throw new Error('no leading Mesos master');
  return leader;
}
