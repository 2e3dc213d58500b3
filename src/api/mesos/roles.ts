/** Roles, weights and quota: GET /mesos/master/roles, GET|PUT|POST /mesos/weights, GET|POST /mesos/quota, DELETE /mesos/quota/{role}. */
import { SCALAR_NAMES, addInto, scalarsOf, zero, type Scalars } from '../../common/resources.ts';
import type { ClusterState } from '../../engine/core/model.ts';
import { ancestorsOf, roleNameProblem, topLevelOf } from '../../common/scenario/roles.ts';
import type { ApiResponse } from '../types.ts';
import { badRequest, ok } from '../http.ts';
import type { MesosQuota, MesosRoleList, MesosWeight, QuotaResource, ScalarAmounts } from '../shapes/mesos-roles.ts';
import { resourcesJson } from './resources-json.ts';
import { own, setOwn } from '../../common/own.ts';
import { heldScalars } from '../../engine/mesos/disks.ts';
import { isEmptyPool } from '../../engine/mesos/reservations.ts';

function scalarMap(s: Scalars): ScalarAmounts {
  const out: ScalarAmounts = {};
  s.forEach((v, i) => {
    if (v > 0) out[SCALAR_NAMES[i]!] = v;
  });
  return out;
}

/** Roles with a weight or quota, of subscribed frameworks, of a reservation on a registered agent, and their ancestors (MM:3594-3647). */
function knownRoles(state: ClusterState): string[] {
  const names = new Set<string>(Object.keys(state.roles));
  for (const f of state.frameworks) if (f.registered) for (const r of f.roles) names.add(r);
  for (const a of state.agents) if (a.registered) for (const p of a.pools.slice(1)) if (!(p.dynamic && isEmptyPool(p))) names.add(p.role);
  for (const name of [...names]) for (const up of ancestorsOf(name)) names.add(up);
  return [...names].sort();
}

/** Offered + used per role (its own frameworks), and reservations per role (subtree included for quota). */
function roleFigures(state: ClusterState, role: string) {
  const allocated = zero();
  const offered = zero();
  const consumed = zero();
  const frameworks: string[] = [];
  for (const fw of state.frameworks) {
    if (!fw.registered) continue;
    if (fw.roles.includes(role)) frameworks.push(fw.id);
    for (const [held, share] of Object.entries(fw.shares)) {
      if (held === role) addInto(allocated, share.allocated);
      if (held === role || ancestorsOf(held).includes(role)) addInto(consumed, share.allocatedUnreserved);
    }
  }
  for (const o of state.offers.values()) {
    if (o.role === role) for (const p of o.portions) addInto(offered, heldScalars(p));
  }
  const reserved = zero();
  for (const a of state.agents) {
    if (!a.registered) continue;
    for (const p of a.pools.slice(1)) {
      if (p.role !== role && !ancestorsOf(p.role).includes(role)) continue;
      // Reserved to the role or a sub-role: `reserved` and quota consumption both count the subtree (MM:3660-3717).
      addInto(reserved, p.total);
      addInto(consumed, p.total);
    }
  }
  return { allocated, offered, reserved, consumed, frameworks };
}

export function rolesJson(state: ClusterState): MesosRoleList {
  return {
    roles: knownRoles(state).map((name) => {
      const f = roleFigures(state, name);
      const quota = own(state.roles, name)?.quota;
      return {
        name,
        weight: own(state.roles, name)?.weight ?? 1,
        resources: resourcesJson(f.allocated),
        allocated: scalarMap(f.allocated),
        offered: scalarMap(f.offered),
        reserved: scalarMap(f.reserved),
        quota: {
          role: name,
          consumed: scalarMap(f.consumed),
          guarantee: quota ? scalarMap(quota) : {},
          limit: quota ? scalarMap(quota) : {},
        },
        frameworks: f.frameworks,
      };
    }),
  };
}

export function weightsJson(state: ClusterState): MesosWeight[] {
  return Object.entries(state.roles)
    .filter(([, r]) => r.weight !== 1)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([role, r]) => ({ role, weight: r.weight }));
}

export function updateWeights(state: ClusterState, body: unknown): ApiResponse {
  if (!Array.isArray(body))
    return badRequest('Failed to convert \'weights\' to protobuf: expected an array of {"role": ..., "weight": ...}');
  const updates: Array<[string, number]> = [];
  for (const entry of body as unknown[]) {
    const { role, weight } = (entry ?? {}) as { role?: unknown; weight?: unknown };
    if (typeof role !== 'string') return badRequest("Each weight needs a 'role' string");
    const problem = roleNameProblem(role);
    if (problem) return badRequest(`Invalid role '${role}': ${problem}`);
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0)
      return badRequest(`Invalid weight '${String(weight)}': weights must be positive`);
    updates.push([role, weight]);
  }
  // Takes effect at the next allocation run (a weight change does not trigger one).
  for (const [role, weight] of updates) setOwn(state.roles, role, { quota: own(state.roles, role)?.quota ?? null, weight });
  return ok();
}

/** Legacy quota resources: the scalars above 0. */
function quotaResources(s: Scalars): QuotaResource[] {
  return SCALAR_NAMES.flatMap((name, i) => (s[i]! > 0 ? [{ name, type: 'SCALAR' as const, scalar: { value: s[i]! } }] : []));
}

export function quotaJson(state: ClusterState): MesosQuota {
  const withQuota = Object.entries(state.roles).filter(([, r]) => r.quota) as Array<[string, { quota: Scalars }]>;
  return {
    infos: withQuota.map(([role, r]) => ({ role, guarantee: quotaResources(r.quota) })),
    configs: withQuota.map(([role, r]) => ({ role, guarantees: scalarMap(r.quota), limits: scalarMap(r.quota) })),
  };
}

/** Legacy quota request: `{role, guarantee: [{name, type: "SCALAR", scalar: {value}}], force?}`; guarantee = limit. */
export function setQuota(state: ClusterState, body: unknown): ApiResponse {
  const { role, guarantee, force } = (body ?? {}) as { role?: unknown; guarantee?: unknown; force?: unknown };
  if (typeof role !== 'string') return badRequest("Failed to validate set quota request: 'role' must be a string");
  const problem = roleNameProblem(role);
  if (problem) return badRequest(`Failed to validate set quota request: Invalid role '${role}': ${problem}`);
  if (topLevelOf(role) !== role)
    return badRequest(`Failed to validate set quota request: quota can only be set for top-level roles ('${role}' is nested)`);
  if (!Array.isArray(guarantee)) return badRequest("Failed to validate set quota request: 'guarantee' must be an array of resources");
  const amounts: Partial<Record<string, number>> = {};
  for (const r of guarantee as unknown[]) {
    const { name, scalar } = (r ?? {}) as { name?: unknown; scalar?: { value?: unknown } };
    if (typeof name !== 'string' || !(SCALAR_NAMES as readonly string[]).includes(name)) {
      return badRequest(`Failed to validate set quota request: unsupported resource '${String(name)}' (quota takes cpus, mem, disk, gpus)`);
    }
    const value = scalar?.value;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      return badRequest(`Failed to validate set quota request: '${name}' must be a non-negative number`);
    if (name in amounts) return badRequest(`Failed to validate set quota request: duplicate resource '${name}'`);
    amounts[name] = value;
  }
  if (own(state.roles, role)?.quota) return badRequest(`Failed to validate set quota request: role '${role}' already has quota set`);
  const quota = scalarsOf(amounts);
  if (force !== true) {
    const capacity = zero();
    for (const a of state.agents) if (a.registered) addInto(capacity, a.pools[0]!.total);
    for (const r of Object.values(state.roles)) if (r.quota) addInto(capacity, r.quota, -1);
    const short = SCALAR_NAMES.filter((_, i) => quota[i]! > capacity[i]!);
    if (short.length)
      return badRequest(
        `Not enough available cluster capacity to reasonably satisfy quota request (${short.join(', ')}); the force flag can be used to override this check`,
      );
  }
  setOwn(state.roles, role, { weight: own(state.roles, role)?.weight ?? 1, quota });
  return ok();
}

export function removeQuota(state: ClusterState, role: string): ApiResponse {
  const config = own(state.roles, role);
  if (!config?.quota) return badRequest(`Failed to validate remove quota request: role '${role}' has no quota set`);
  config.quota = null;
  return ok();
}

/** Mesos' `stringify` of resource quantities: `cpus:3; mem:2048`, by name; `{}` when empty. */
function quantitiesText(amounts: Partial<Record<string, number>>): string {
  const parts = Object.keys(amounts)
    .sort()
    .map((name) => `${name}:${Number(amounts[name]!.toFixed(3))}`);
  return parts.length ? parts.join('; ') : '{}';
}

/** A QuotaConfig's `guarantees` or `limits`: `{"cpus": {"value": 9}, …}` → amounts, or why not. */
function readQuantities(raw: unknown, field: string): Partial<Record<string, number>> | string {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return `Invalid QuotaConfig: '${field}' must be a map of resource names to {"value": ...}`;
  const out: Partial<Record<string, number>> = {};
  for (const [name, v] of Object.entries(raw as Record<string, unknown>)) {
    if (!(SCALAR_NAMES as readonly string[]).includes(name))
      return `Invalid QuotaConfig: unsupported resource '${name}' in '${field}' (the sandbox's quota takes cpus, mem, disk, gpus)`;
    const value = (v ?? {}) as { value?: unknown };
    if (typeof value.value !== 'number' || !Number.isFinite(value.value) || value.value < 0)
      return `Invalid QuotaConfig: '${field}.${name}.value' must be a non-negative number`;
    out[name] = value.value;
  }
  return out;
}

/**
 * The v1 operator call UPDATE_QUOTA (what `dcos quota create|update` sends):
 * `{"force": false, "quota_configs": [{"role": "b", "guarantees": {…}, "limits": {"cpus": {"value": 9}}}]}`.
 * Mesos' checks in its order: nested roles, each config, limits below what the role consumes, and
 * guarantees beyond the cluster (the last two unless `force`). The sandbox keeps one figure per
 * resource as both guarantee and limit: the limit where one is given, else the guarantee. A config
 * with neither removes the role's quota, as Mesos' default config does.
 */
export function updateQuota(state: ClusterState, params: Record<string, unknown>): ApiResponse {
  const force = params['force'] === true;
  const rawConfigs = params['quota_configs'];
  if (!Array.isArray(rawConfigs))
    return badRequest("Failed to validate master::Call: Expecting 'update_quota.quota_configs' to be present");
  const configs: Array<{ role: string; guarantees: Partial<Record<string, number>>; limits: Partial<Record<string, number>> }> = [];
  for (const raw of rawConfigs as unknown[]) {
    const c = (raw ?? {}) as { role?: unknown; guarantees?: unknown; limits?: unknown };
    if (typeof c.role !== 'string') return badRequest("Invalid QuotaConfig: 'role' must be a string");
    if (c.role.includes('/')) return badRequest(`Updating quota on nested role '${c.role}' is not supported yet`);
    const problem = roleNameProblem(c.role);
    if (problem) return badRequest(`Invalid QuotaConfig: Invalid role '${c.role}': ${problem}`);
    const guarantees = readQuantities(c.guarantees, 'guarantees');
    if (typeof guarantees === 'string') return badRequest(guarantees);
    const limits = readQuantities(c.limits, 'limits');
    if (typeof limits === 'string') return badRequest(limits);
    for (const name of Object.keys(guarantees))
      if (limits[name] !== undefined && limits[name] < guarantees[name]!)
        return badRequest(
          `Invalid QuotaConfig: guarantees '${quantitiesText(guarantees)}' is not contained within limits '${quantitiesText(limits)}'`,
        );
    configs.push({ role: c.role, guarantees, limits });
  }
  for (const c of configs) {
    const consumed = roleFigures(state, c.role).consumed;
    const over = Object.keys(c.limits).some(
      (name) => consumed[SCALAR_NAMES.indexOf(name as (typeof SCALAR_NAMES)[number])]! > c.limits[name]!,
    );
    if (over && !force)
      return badRequest(
        `Invalid QuotaConfig: Role '${c.role}' is already consuming '${quantitiesText(scalarMap(consumed))}'; this is more than the requested limits '${quantitiesText(c.limits)}' (use 'force' flag to bypass this check)`,
      );
  }
  const guaranteed = zero();
  const updated = new Set(configs.map((c) => c.role));
  for (const [role, r] of Object.entries(state.roles)) if (r.quota && !updated.has(role)) addInto(guaranteed, r.quota);
  for (const c of configs) addInto(guaranteed, scalarsOf(c.guarantees));
  const capacity = zero();
  for (const a of state.agents) if (a.registered) for (const p of a.pools) addInto(capacity, p.total);
  if (!force && SCALAR_NAMES.some((_, i) => guaranteed[i]! > capacity[i]!))
    return badRequest(
      `Invalid QuotaConfig: total quota guarantees '${quantitiesText(scalarMap(guaranteed))}' exceed cluster capacity '${quantitiesText(scalarMap(capacity))}' (use 'force' flag to bypass this check)`,
    );
  for (const c of configs) {
    const figure = { ...c.guarantees, ...c.limits };
    const quota = Object.keys(figure).length ? scalarsOf(figure) : null;
    setOwn(state.roles, c.role, { weight: own(state.roles, c.role)?.weight ?? 1, quota });
  }
  return ok();
}

/** The v1 operator call REMOVE_QUOTA (what `dcos quota delete` sends): `{"role": "b"}`. */
export function removeQuotaCall(state: ClusterState, params: Record<string, unknown>): ApiResponse {
  const role = params['role'];
  if (typeof role !== 'string') return badRequest("Failed to validate master::Call: Expecting 'remove_quota.role' to be present");
  return removeQuota(state, role);
}
