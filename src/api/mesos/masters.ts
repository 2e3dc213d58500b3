/**
 * A sandbox extension to /mesos/master/state: `sandbox_masters`, every master with what its
 * components are doing. Real Mesos has no such field (a master knows only the leader); the
 * sandbox adds it beside Mesos' own fields so one call shows the whole HA picture.
 *
 *   "sandbox_masters": [{"hostname": "master-1", "ip": "10.0.0.11",
 *                        "state": "leading" | "standby" | "recovering" | "down",
 *                        "zookeeper": "leader" | "follower" | "not serving" | "down",
 *                        "marathon": "leader" | "standby" | "electing" | "down"}]
 */
import type { MesosRole } from '../../common/units.ts';
import type { ClusterState } from '../../engine/core/model.ts';
import type { MasterStateName, SandboxMaster, ZookeeperStateName } from '../shapes/mesos.ts';

export const SANDBOX_MASTERS_FIELD = 'sandbox_masters';

const MESOS_STATE: Record<MesosRole, MasterStateName> = { leader: 'leading', contender: 'standby', recovering: 'recovering', down: 'down' };

/** What master `i`'s ZooKeeper server is doing in the ensemble. */
export function zookeeperOf(state: ClusterState, i: number): ZookeeperStateName {
  const m = state.masters[i]!;
  if (!m.up || m.units.zookeeper !== 'up') return 'down';
  if (!state.zk.serving || !state.zk.members.includes(i)) return 'not serving';
  return state.zk.leader === i ? 'leader' : 'follower';
}

export function sandboxMasters(state: ClusterState): SandboxMaster[] {
  return state.masters.map((m, i) => ({
    hostname: m.hostname,
    ip: m.ip,
    state: MESOS_STATE[m.mesos],
    zookeeper: zookeeperOf(state, i),
    marathon: m.marathon,
  }));
}
