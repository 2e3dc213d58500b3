/**
 * What reading a posted definition needs from Marathon: where ids resolve, the roles a service may have (its groups'
 * enforceRole, --mesos_role, --new_group_enforce_role), networking flags and features.
 */
import type { GroupContext } from '../../common/marathon/validate-group.ts';
import { roleSettingsForService, type RoleContext } from '../../common/marathon/role-settings.ts';
import { networkConfigOf } from '../../common/marathon/app-normalize.ts';
import { own } from '../../common/own.ts';
import type { MarathonState } from './model.ts';

/** `force`: ?force=true, which lets a resident service change its role. */
export function readContextOf(m: MarathonState, base = '/', force = false): GroupContext {
  const { config } = m;
  const roles = roleContextOf(m);
  return {
    base,
    defaultRole: config.role,
    roles,
    roleSettings: (serviceId) => roleSettingsForService(serviceId, roles),
    force,
    network: networkConfigOf(config.flags),
    features: config.flags.features,
  };
}

export function roleContextOf(m: MarathonState): RoleContext {
  return {
    mesosRole: m.config.role,
    newGroupEnforceRole: m.config.flags.new_group_enforce_role,
    topLevelEnforceRole: (groupId) => {
      const record = own(m.groups, groupId);
      if (record) return record.enforceRole ?? false;
      // A group that exists only as the path of its services (a cluster saved before groups kept enforceRole).
      const under = `${groupId}/`;
      const exists = Object.values(m.runSpecs).some((r) => !r.removing && r.spec.id.startsWith(under));
      return exists ? false : undefined;
    },
    existingRole: (serviceId) => {
      const record = own(m.runSpecs, serviceId);
      return record && !record.removing ? record.spec.role : undefined;
    },
  };
}
