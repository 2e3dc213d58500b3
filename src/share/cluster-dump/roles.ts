/**
 * Roles of a dump: weights and quota from Mesos' `/master/roles` (each role's `weight` and `quota`), and every role
 * a static reservation names (declared with weight 1 when the roles file is absent or silent on it). The sandbox's
 * quota is the legacy one: guarantee = limit, on top-level roles only.
 */
import { roleNameProblem } from '../../common/scenario/roles.ts';
import type { QuotaSpec, RoleSpec } from '../../common/scenario/types.ts';
import { isObject, num, objects, str, type Json } from './common.ts';

const QUOTA_KEYS = ['cpus', 'mem', 'disk', 'gpus'] as const;

export function readRoles(rolesFile: Json | undefined, reservationRoles: ReadonlySet<string>, dropped: string[]): Record<string, RoleSpec> {
  const roles: Record<string, RoleSpec> = {};
  for (const role of objects(rolesFile?.roles)) {
    const name = str(role.name) ?? '';
    if (name === '*') continue;
    const problem = roleNameProblem(name);
    if (problem) {
      dropped.push(`role ${JSON.stringify(name)}: not a Mesos role name (${problem})`);
      continue;
    }
    const spec: RoleSpec = { weight: num(role.weight) > 0 ? num(role.weight) : 1 };
    const quota = quotaOf(role.quota, name, dropped);
    if (quota) {
      if (name.includes('/')) dropped.push(`role ${name}: quota ${JSON.stringify(quota)}: the sandbox sets quota on top-level roles only`);
      else spec.quota = quota;
    }
    // A role with nothing to say (weight 1, no quota, no reservation) need not be declared.
    if (spec.weight !== 1 || spec.quota || reservationRoles.has(name)) roles[name] = spec;
  }
  for (const name of reservationRoles) roles[name] ??= { weight: 1 };
  return roles;
}

/** The guarantee (Mesos 1.9+: the `guarantee` amounts; their limit must equal it or be absent). */
function quotaOf(raw: unknown, role: string, dropped: string[]): QuotaSpec | undefined {
  if (!isObject(raw)) return undefined;
  const amounts = (x: unknown): QuotaSpec => {
    const out: QuotaSpec = {};
    const source = isObject(x) ? x : {};
    for (const k of QUOTA_KEYS) if (num(source[k]) > 0) out[k] = num(source[k]);
    return out;
  };
  const guarantee = amounts(raw.guarantee);
  const limit = amounts(raw.limit);
  const hasLimit = Object.keys(limit).length > 0;
  const quota = Object.keys(guarantee).length > 0 ? guarantee : limit;
  if (hasLimit && JSON.stringify(limit) !== JSON.stringify(guarantee) && Object.keys(guarantee).length > 0)
    dropped.push(
      `role ${role}: quota limit ${JSON.stringify(limit)}: the sandbox's quota is a guarantee that is also the limit; the guarantee ${JSON.stringify(guarantee)} is kept`,
    );
  return Object.keys(quota).length > 0 ? quota : undefined;
}
