/** `/v2/info` and `/v2/leader`: Marathon's configuration and where its leader listens. */
import { MARATHON_VERSION } from '../../common/versions.ts';
import type { ClusterState } from '../../engine/core/model.ts';
import { leadingMaster } from '../../engine/mesos/leader.ts';
import { marathonLeaderIndex } from '../../engine/marathon/leader.ts';
import type { MarathonInfo } from '../shapes/marathon.ts';

/** Where the leading Marathon listens (the router only calls Marathon's routes while one leads). */
export function leaderAddress(state: ClusterState): string {
  const leader = state.masters[marathonLeaderIndex(state) ?? 0]!;
  return `${leader.ip}:8080`;
}

/**
 * `InfoResource`: the flags in force (the scenario's, else DC/OS's; `marathon/flags.ts`), the others at the
 * values DC/OS starts Marathon with or Marathon's defaults (`MarathonConf.scala` and the config traits it mixes in).
 */
export function info(state: ClusterState): MarathonInfo {
  const m = state.marathon;
  const f = m.config.flags;
  const zk = state.masters.map((x) => `${x.ip}:2181`).join(',');
  const leader = leaderAddress(state);
  return {
    name: 'marathon',
    version: MARATHON_VERSION,
    buildref: 'sandbox',
    elected: true,
    leader,
    frameworkId: m.frameworkId,
    marathon_config: {
      access_control_allow_origin: null,
      checkpoint: true,
      decline_offer_duration: f.decline_offer_duration,
      default_network_name: f.default_network_name,
      env_vars_prefix: null,
      executor: '//cmd',
      failover_timeout: 604_800,
      features: [...f.features],
      framework_name: 'marathon',
      ha: true,
      hostname: leader.slice(0, leader.lastIndexOf(':')),
      launch_token: 100,
      launch_token_refresh_interval: 30_000,
      leader_proxy_connection_timeout_ms: 5000,
      leader_proxy_read_timeout_ms: 10_000,
      local_port_max: f.local_port_max,
      local_port_min: f.local_port_min,
      master: `zk://${zk}/mesos`,
      max_instances_per_offer: f.max_instances_per_offer,
      mesos_bridge_name: f.mesos_bridge_name,
      mesos_heartbeat_failure_threshold: 5,
      mesos_heartbeat_interval: 15_000,
      mesos_leader_ui_url: `http://${leadingMaster(state)?.ip ?? 'leader.mesos'}:5050/`,
      mesos_role: m.config.role,
      mesos_user: 'root',
      // NewGroupEnforceRoleBehavior's name.
      new_group_enforce_role: f.new_group_enforce_role === 'top' ? 'Top' : 'Off',
      min_revive_offers_interval: f.min_revive_offers_interval,
      offer_matching_timeout: 3000,
      on_elected_prepare_timeout: 180_000,
      reconciliation_initial_delay: 15_000,
      reconciliation_interval: 600_000,
      scale_apps_initial_delay: 15_000,
      scale_apps_interval: 300_000,
      store_cache: true,
      task_launch_confirm_timeout: f.task_launch_confirm_timeout,
      task_launch_timeout: f.task_launch_timeout,
      task_lost_expunge_initial_delay: 300_000,
      task_lost_expunge_interval: 30_000,
      task_reservation_timeout: f.task_reservation_timeout,
      webui_url: null,
    },
    zookeeper_config: {
      zk: `zk://${zk}/marathon`,
      zk_compression: true,
      zk_compression_threshold: 65_536,
      zk_connection_timeout: 10_000,
      zk_max_node_size: 1_024_000,
      zk_max_versions: 50,
      zk_session_timeout: 10_000,
      zk_timeout: 10_000,
    },
    http_config: { http_port: 8080, https_port: 8443 },
  };
}
