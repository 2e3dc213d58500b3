/**
 * Which Mesos roles a service may run in, and which it gets when it names none (Marathon's `RoleSettings` and
 * `GroupNormalization`). A service directly in `/` runs in --mesos_role. Below a top-level group `/prod` that
 * enforces its role (`enforceRole`, by default true for groups created under `--new_group_enforce_role top`, as
 * DC/OS starts Marathon), a service runs in `prod`; below one that does not, in --mesos_role or `prod`. A service
 * may always keep the role it has.
 */
import type { Violations } from './violations.ts';

export type NewGroupEnforceRole = 'top' | 'off';
export const NEW_GROUP_ENFORCE_ROLES: readonly NewGroupEnforceRole[] = ['top', 'off'];

export interface RoleSettings {
  /** The role of a service that names none. */
  defaultRole: string;
  /** The roles it may name, in the order Marathon lists them. */
  validRoles: string[];
  /** The role the service has now, when it exists. */
  previousRole?: string;
}

/** What role settings read from Marathon's configuration and its groups. */
export interface RoleContext {
  /** --mesos_role. */
  mesosRole: string;
  /** --new_group_enforce_role: the enforceRole of a top-level group created without one. */
  newGroupEnforceRole: NewGroupEnforceRole;
  /** The enforceRole of an existing top-level group (`/prod`), undefined when there is no such group. */
  topLevelEnforceRole(groupId: string): boolean | undefined;
  /** The role of an existing app or pod. */
  existingRole(serviceId: string): string | undefined;
}

/** The first segment of an absolute id: `/prod/web/a` → `prod` (empty for `/`). */
export const topLevelName = (id: string): string => id.split('/').filter(Boolean)[0] ?? '';

const withExisting = (roles: string[], existing: string | undefined): string[] => [
  ...new Set(existing === undefined ? roles : [...roles, existing]),
];

/** `RoleSettings.forService`: POST/PUT of an app or a pod. */
export function roleSettingsForService(serviceId: string, ctx: RoleContext): RoleSettings {
  const segments = serviceId.split('/').filter(Boolean);
  if (segments.length <= 1) return { defaultRole: ctx.mesosRole, validRoles: [ctx.mesosRole] };
  const top = segments[0]!;
  const enforce = ctx.topLevelEnforceRole(`/${top}`) ?? ctx.newGroupEnforceRole === 'top';
  const previousRole = ctx.existingRole(serviceId);
  const settings = enforce
    ? { defaultRole: top, validRoles: withExisting([top], previousRole) }
    : { defaultRole: ctx.mesosRole, validRoles: withExisting([ctx.mesosRole, top], previousRole) };
  return previousRole === undefined ? settings : { ...settings, previousRole };
}

/** A top-level group's enforceRole when a group body (or a PATCH) gives it or not (`effectiveEnforceRole`). */
export function effectiveEnforceRole(given: boolean | undefined, ctx: RoleContext): boolean {
  return given ?? ctx.newGroupEnforceRole === 'top';
}

/**
 * `GroupNormalization.validRolesFor`: an app or pod of a group body. `defaultRole` is the top-level group's name when
 * it enforces its role, else --mesos_role; `enforce` is that of the group the service is directly in.
 */
export function roleSettingsInGroup(serviceId: string, defaultRole: string, enforce: boolean, ctx: RoleContext): RoleSettings {
  const previousRole = ctx.existingRole(serviceId);
  const validRoles = withExisting(enforce ? [defaultRole] : [defaultRole, ctx.mesosRole], previousRole);
  return previousRole === undefined ? { defaultRole, validRoles } : { defaultRole, validRoles, previousRole };
}

/**
 * `validWithRoleEnforcement` (apps) and `validPodDefinitionWithRoleEnforcement` (pods): the role is one of the valid
 * ones; a resident service (persistent volumes) never runs unreserved and keeps its role unless forced.
 */
export function roleViolations(
  role: string,
  settings: RoleSettings | undefined,
  resident: { kind: 'apps' | 'pods'; is: boolean; force: boolean },
  v: Violations,
): void {
  if (settings && !settings.validRoles.includes(role)) v.add('/role', `got ${role}, expected one of: [${settings.validRoles.join(', ')}]`);
  if (!resident.is) return;
  if (role === '*') v.add('/role', `Resident ${resident.kind} cannot have the role *`);
  const previous = settings?.previousRole;
  if (previous !== undefined && previous !== role && !resident.force)
    v.add(
      '/role',
      'It is not possible to change the role for existing reservations. If you proceed with this change, all existing ' +
        `instances will continue to run under the previous role, ${previous}. Only new instances will be allocated with ` +
        `the new role, ${role}. In order to continue, retry your request with ?force=true`,
    );
}
