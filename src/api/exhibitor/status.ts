/**
 * GET /exhibitor/exhibitor/v1/cluster/status: Exhibitor's view of the ZooKeeper ensemble, an array
 * of Exhibitor's `ServerStatus` ({hostname, code, description, isLeader}) per server, with
 * `InstanceStateTypes` codes: 0 latent, 1 down, 2 not serving, 3 serving.
 *
 * Exhibitor runs on every master and needs no Mesos leader. The sandbox asks the first master
 * (in index order) whose host and Exhibitor are up; it reports the servers it cannot reach (down,
 * or across a partition) as "down", as Exhibitor does when its REST call to a server fails.
 * With no Exhibitor up anywhere the answer is 503. Hostnames are the masters' IPs: DC/OS starts
 * Exhibitor with the master's detected IP as its hostname.
 */
import type { ClusterState } from '../../engine/core/model.ts';
import { mastersTalk } from '../../engine/network/reach.ts';
import type { ApiResponse } from '../types.ts';
import type { ExhibitorClusterStatus, ExhibitorServerStatus } from '../shapes/exhibitor.ts';

const DESCRIPTIONS = ['latent', 'down', 'not serving', 'serving'] as const;

/** The master whose Exhibitor answers, or null when none is up. */
export function answeringExhibitor(state: ClusterState): number | null {
  const i = state.masters.findIndex((m) => m.up && m.units.exhibitor === 'up');
  return i >= 0 ? i : null;
}

/** Server `i` as Exhibitor on master `from` sees it. */
export function serverStatus(state: ClusterState, from: number, i: number): ExhibitorServerStatus {
  const m = state.masters[i]!;
  const reachable = i === from || mastersTalk(state, from, i);
  let code: ExhibitorServerStatus['code'];
  if (!reachable || !m.up || m.units.exhibitor !== 'up') code = 1;
  else if (m.units.zookeeper === 'starting') code = 0;
  else if (m.units.zookeeper !== 'up') code = 1;
  else code = state.zk.serving && state.zk.members.includes(i) ? 3 : 2;
  return { hostname: m.ip, code, description: DESCRIPTIONS[code], isLeader: code === 3 && state.zk.leader === i };
}

export function exhibitorStatus(state: ClusterState): ApiResponse {
  const from = answeringExhibitor(state);
  if (from === null) return { status: 503, body: { message: 'Exhibitor is not running on any master' } };
  const body: ExhibitorClusterStatus = state.masters.map((_, i) => serverStatus(state, from, i));
  return { status: 200, body };
}
