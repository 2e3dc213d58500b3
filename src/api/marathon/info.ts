/** `/v2/info` and `/v2/leader`: Marathon's configuration and where its leader listens. */
import { MARATHON_VERSION } from '../../common/versions.ts';
import type { ClusterState } from '../../engine/core/model.ts';
import { isoOf } from '../../engine/marathon/store.ts';
import { leadingMaster } from '../../engine/mesos/leader.ts';
import { marathonLeaderIndex } from '../../engine/marathon/leader.ts';
import type { MarathonInfo } from '../shapes/marathon.ts';

/** Where the leading Marathon listens (the router only calls Marathon's routes while one leads). */
export function leaderAddress(state: ClusterState): string {
  const leader = state.masters[marathonLeaderIndex(state) ?? 0]!;
  return `${leader.ip}:8080`;
}

export function info(state: ClusterState): MarathonInfo {
  const m = state.marathon;
  const zk = state.masters.map((x) => `${x.ip}:2181`).join(',');
  return {
    name: 'marathon',
    version: MARATHON_VERSION,
    buildref: 'sandbox',
    elected: true,
    leader: leaderAddress(state),
    frameworkId: m.frameworkId,
    marathon_config: {
      master: `zk://${zk}/mesos`,
      mesos_role: m.config.role,
      default_accepted_resource_roles: m.config.defaultAcceptedResourceRoles ?? undefined,
      decline_offer_duration: 120_000,
      min_revive_offers_interval: 5000,
      reconciliation_interval: 600_000,
      mesos_leader_ui_url: `http://${leadingMaster(state)?.ip ?? 'leader.mesos'}:5050/`,
      features: ['vips', 'task_killing', 'external_volumes', 'gpu_resources'],
    },
    zookeeper_config: { zk: `zk://${zk}/marathon`, zk_timeout: 10_000, zk_session_timeout: 10_000 },
    http_config: { http_port: 8080, https_port: 8443 },
    elected_time: isoOf(state.ha.marathonElectedAt ?? 0),
  };
}
