/**
 * The Marathon command-line flags the sandbox simulates, by Marathon's names, with the values DC/OS starts
 * Marathon with (dcos/dcos `packages/marathon/extra/marathon.sh` and its environment: `--mesos_role slave_public`,
 * `--max_instances_per_offer 100`, `--decline_offer_duration 300000`, `--task_reservation_timeout 1800000`,
 * `--accepted_resource_roles_default_behavior unreserved`, the features list, and `gen/calc.py`'s
 * `marathon_new_group_enforce_role: top`); the rest are Marathon's own
 * defaults (`MarathonConf.scala`), `default_network_name` DC/OS's overlay `dcos`. A scenario may override each.
 */

import type { NewGroupEnforceRole } from './role-settings.ts';

export type AcceptedRolesBehavior = 'any' | 'unreserved' | 'reserved';
export type GpuSchedulingBehavior = 'restricted' | 'unrestricted';
export const GPU_SCHEDULING_BEHAVIORS: readonly GpuSchedulingBehavior[] = ['restricted', 'unrestricted'];

export interface MarathonFlags {
  /** Which offers an app without `acceptedResourceRoles` takes: any, only unreserved (`*`), only its role's. */
  accepted_resource_roles_default_behavior: AcceptedRolesBehavior;
  /** ms a declined offer stays filtered. */
  decline_offer_duration: number;
  default_network_name: string | null;
  features: string[];
  /** `restricted`: an app asking no GPU declines offers with GPUs (DC/OS's and Marathon's default). */
  gpu_scheduling_behavior: GpuSchedulingBehavior;
  /** `top`: a top-level group created without `enforceRole` enforces its role (DC/OS's; Marathon's default is `off`). */
  new_group_enforce_role: NewGroupEnforceRole;
  local_port_max: number;
  local_port_min: number;
  max_instances_per_offer: number;
  mesos_bridge_name: string;
  /** ms between two revives. */
  min_revive_offers_interval: number;
  task_launch_confirm_timeout: number;
  task_launch_timeout: number;
  task_reservation_timeout: number;
}

export const DCOS_MARATHON_FLAGS: Readonly<MarathonFlags> = {
  accepted_resource_roles_default_behavior: 'unreserved',
  decline_offer_duration: 300_000,
  default_network_name: 'dcos',
  features: ['vips', 'task_killing', 'external_volumes', 'gpu_resources'],
  gpu_scheduling_behavior: 'restricted',
  new_group_enforce_role: 'top',
  local_port_max: 20_000,
  local_port_min: 10_000,
  max_instances_per_offer: 100,
  mesos_bridge_name: 'mesos-bridge',
  min_revive_offers_interval: 5000,
  task_launch_confirm_timeout: 1_800_000,
  task_launch_timeout: 86_400_000,
  task_reservation_timeout: 1_800_000,
};

/** DC/OS's mesos_role for Marathon: public agents' resources are reserved for it. */
export const DCOS_MARATHON_ROLE = 'slave_public';

export const ACCEPTED_ROLES_BEHAVIORS: readonly AcceptedRolesBehavior[] = ['any', 'unreserved', 'reserved'];

/** The flags in force: DC/OS's, with what the scenario overrides (a saved cluster from before flags existed has none). */
export function flagsWith(overrides: Partial<MarathonFlags> | undefined): MarathonFlags {
  return { ...DCOS_MARATHON_FLAGS, features: [...DCOS_MARATHON_FLAGS.features], ...overrides };
}
