/** Reads a scenario's `marathon.flags`: overrides of the Marathon flags DC/OS starts Marathon with. */
import { NEW_GROUP_ENFORCE_ROLES, type NewGroupEnforceRole } from '../marathon/role-settings.ts';
import {
  ACCEPTED_ROLES_BEHAVIORS,
  DCOS_MARATHON_FLAGS,
  GPU_SCHEDULING_BEHAVIORS,
  type AcceptedRolesBehavior,
  type GpuSchedulingBehavior,
  type MarathonFlags,
} from '../marathon/flags.ts';
import type { Reader } from './reader.ts';

const KNOWN_FEATURES = ['vips', 'task_killing', 'external_volumes', 'gpu_resources', 'secrets', 'maintenance_mode'];

/** The flags the scenario names, checked; the others stay DC/OS's. */
export function readMarathonFlags(r: Reader): Partial<MarathonFlags> {
  if (!r.present) return {};
  r.object(Object.keys(DCOS_MARATHON_FLAGS));
  const out: Partial<MarathonFlags> = {};
  const ms = (name: keyof MarathonFlags, min: number) => {
    const c = r.child(name);
    if (c.present) Object.assign(out, { [name]: c.number({ integer: true, min, max: 365 * 24 * 3_600_000 }) });
  };
  ms('decline_offer_duration', 0);
  ms('min_revive_offers_interval', 0);
  ms('task_launch_confirm_timeout', 1);
  ms('task_launch_timeout', 1);
  ms('task_reservation_timeout', 1);
  const port = (name: 'local_port_min' | 'local_port_max') => {
    const c = r.child(name);
    if (c.present) out[name] = c.number({ integer: true, min: 1, max: 65535 });
  };
  port('local_port_min');
  port('local_port_max');
  const min = out.local_port_min ?? DCOS_MARATHON_FLAGS.local_port_min;
  const max = out.local_port_max ?? DCOS_MARATHON_FLAGS.local_port_max;
  if (min > max) r.child('local_port_max').fail(`must be at least local_port_min (${min})`);
  if (r.child('max_instances_per_offer').present)
    out.max_instances_per_offer = r.child('max_instances_per_offer').number({ integer: true, min: 1, max: 10_000 });
  const behavior = r.child('accepted_resource_roles_default_behavior');
  if (behavior.present) {
    const b = behavior.string();
    if (!(ACCEPTED_ROLES_BEHAVIORS as readonly string[]).includes(b))
      behavior.fail(`must be one of ${ACCEPTED_ROLES_BEHAVIORS.join(', ')}`);
    out.accepted_resource_roles_default_behavior = b as AcceptedRolesBehavior;
  }
  const gpu = r.child('gpu_scheduling_behavior');
  if (gpu.present) {
    const b = gpu.string();
    if (!(GPU_SCHEDULING_BEHAVIORS as readonly string[]).includes(b)) gpu.fail(`must be one of ${GPU_SCHEDULING_BEHAVIORS.join(', ')}`);
    out.gpu_scheduling_behavior = b as GpuSchedulingBehavior;
  }
  const enforce = r.child('new_group_enforce_role');
  if (enforce.present) {
    const b = enforce.string();
    if (!(NEW_GROUP_ENFORCE_ROLES as readonly string[]).includes(b)) enforce.fail(`must be one of ${NEW_GROUP_ENFORCE_ROLES.join(', ')}`);
    out.new_group_enforce_role = b as NewGroupEnforceRole;
  }
  const network = r.child('default_network_name');
  if (network.present)
    out.default_network_name =
      network.value === null
        ? null
        : network.string({
            pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
            patternText: 'a network name (lower-case letters, digits, dashes)',
          });
  if (r.child('mesos_bridge_name').present)
    out.mesos_bridge_name = r.child('mesos_bridge_name').string({ pattern: /^\S+$/, patternText: 'a name' });
  const features = r.child('features');
  if (features.present)
    out.features = features.array().map((f) => {
      const name = f.string();
      if (!KNOWN_FEATURES.includes(name)) f.fail(`must be one of ${KNOWN_FEATURES.join(', ')}`);
      return name;
    });
  return out;
}
