/**
 * Reads a `POST/PUT /v2/groups` body: a tree of groups holding apps, flattened to absolute ids.
 * Nested ids resolve against the enclosing group (`GroupNormalization`, `PathId.canonicalPath`) and must name a
 * direct child of it (`PathId.validPathWithBase`); apps are read with readApp and their errors re-pathed
 * (`/groups(1)/apps(0)/cpus`). Default and valid roles follow `GroupNormalization` (role-settings.ts): a top-level group
 * with `enforceRole` makes its name the role of the services in it. `pods` are a sandbox extension (Marathon's
 * GroupUpdate has none): read with readPod after their ids are resolved like apps'.
 */
import { effectiveEnforceRole, roleSettingsInGroup, topLevelName, type RoleContext } from './role-settings.ts';
import type { AppDefinition } from './app-definition.ts';
import { checkDepth, checkShape, type Shape } from './json-shape.ts';
import { normalizePath, parentOf, pathIdProblem } from './path-id.ts';
import type { PodDefinition } from './pod-definition.ts';
import { readApp, type AppContext } from './validate-app.ts';
import { readPod } from './validate-pod.ts';
import { Violations, type Violation } from './violations.ts';

export interface GroupSpec {
  id: string;
  dependencies: string[];
  /** Only on top-level groups (`/prod`). */
  enforceRole?: boolean;
}

/** Everything in the body, flat: `groups` starts with the body's own group; ids are absolute. */
export interface GroupDefinition {
  id: string;
  groups: GroupSpec[];
  apps: AppDefinition[];
  pods: PodDefinition[];
}

type Body = { message: string; details: Violation[] };
export type GroupReadResult = { ok: true; group: GroupDefinition } | { ok: false; status: number; body: Body };

export interface GroupContext extends AppContext {
  /** Marathon's configuration and groups, for the roles of the body's services; none: any role, enforceRole off. */
  roles?: RoleContext;
}

/** The role a group's own services get when they name none, and whether they may name only that one (or theirs). */
interface RoleScope {
  defaultRole: string;
  enforce: boolean;
}

type Json = Record<string, unknown>;
const GROUP_FIELDS: Record<string, Shape> = {
  id: 'string',
  apps: 'array',
  groups: 'array',
  pods: 'array',
  dependencies: { items: 'string' },
  enforceRole: 'boolean',
};
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

export function readGroup(raw: unknown, ctx: GroupContext): GroupReadResult {
  const types = new Violations();
  const v = new Violations();
  const groups = new Map<string, GroupSpec>();
  const apps = new Map<string, AppDefinition>();
  const pods = new Map<string, PodDefinition>();
  const rc = ctx.roles;
  const mesosRole = rc?.mesosRole ?? ctx.defaultRole;
  const enforceOf = (given: boolean | undefined) => (rc ? effectiveEnforceRole(given, rc) : (given ?? false));

  /**
   * The role scope of a group's own services. A top-level group's follows its enforceRole (the configured default when
   * the body gives none); a lower group inherits the default role, and enforces only with an enforceRole of its own
   * (`visitChildGroup`); a body below an existing top-level group takes that group's role if it enforces it.
   */
  const scopeOf = (id: string, given: boolean | undefined, inherited: string | undefined): RoleScope => {
    if (id === '/') return { defaultRole: mesosRole, enforce: false };
    if (parentOf(id) === '/') {
      const enforce = enforceOf(given);
      return { defaultRole: enforce ? topLevelName(id) : mesosRole, enforce };
    }
    const defaultRole = inherited ?? (rc?.topLevelEnforceRole(`/${topLevelName(id)}`) ? topLevelName(id) : mesosRole);
    return { defaultRole, enforce: given ?? false };
  };

  /** Reads one app or pod of group `id`, re-pathing its errors under `at`. */
  const readChild = <T extends { id: string; role: string }>(
    item: unknown,
    at: string,
    id: string,
    scope: RoleScope,
    read: (raw: unknown, c: AppContext) => { ok: true; value: T } | { ok: false; body: Body },
  ) => {
    const childId = isObject(item) && typeof item.id === 'string' ? normalizePath(item.id, id) : undefined;
    if (childId !== undefined && parentOf(childId) !== id) v.add(`${at}/id`, `Identifier is not child of '${id}'`);
    const roleSettings = rc ? (serviceId: string) => roleSettingsInGroup(serviceId, scope.defaultRole, scope.enforce, rc) : undefined;
    const r = read(item, { ...ctx, base: id, defaultRole: scope.defaultRole, roleSettings });
    if (!r.ok) {
      const into = r.body.message === 'Invalid JSON' ? types : v;
      for (const d of r.body.details) for (const e of d.errors) into.add(d.path === '/' ? at : at + d.path, e);
      return undefined;
    }
    return r.value;
  };
  const asApp = (raw: unknown, c: AppContext) => {
    const r = readApp(raw, c);
    if (r.ok) return { ok: true as const, value: r.app };
    // A 500 (Marathon fails the whole request) is reported at the app, with the rules' violations.
    return { ok: false as const, body: { message: r.body.message, details: r.body.details ?? [{ path: '/', errors: [r.body.message] }] } };
  };
  const asPod = (raw: unknown, c: AppContext) => {
    // Pods need absolute ids; inside a group they resolve like apps.
    const r = readPod(isObject(raw) && typeof raw.id === 'string' ? { ...raw, id: normalizePath(raw.id, c.base) } : raw, c);
    return r.ok ? { ok: true as const, value: r.pod } : r;
  };

  const visit = (node: unknown, at: string, parent: string | null, inherited?: string): string => {
    checkShape(node, { fields: GROUP_FIELDS, required: parent === null ? [] : ['id'] }, at, types);
    if (!isObject(node)) return ctx.base;
    const rawId = typeof node.id === 'string' ? node.id : undefined;
    const id = rawId === undefined ? normalizePath(ctx.base) : normalizePath(rawId, parent ?? ctx.base);
    if (rawId !== undefined) {
      const problem = pathIdProblem(rawId);
      if (problem && !(parent === null && id === '/')) v.add(`${at}/id`, problem);
      else if (parent !== null && parentOf(id) !== parent) v.add(`${at}/id`, `Identifier is not child of '${parent}'`);
    }
    const topLevel = id !== '/' && parentOf(id) === '/';
    const enforceRole = typeof node.enforceRole === 'boolean' ? node.enforceRole : undefined;
    if (enforceRole && !topLevel)
      v.add(`${at}/enforceRole`, `enforceRole can only be set for top-level groups, and ${id} is not top-level`);
    const deps = Array.isArray(node.dependencies) ? node.dependencies.filter((d): d is string => typeof d === 'string') : [];
    deps.forEach((d, i) => {
      const problem = pathIdProblem(d);
      if (problem) v.add(`${at}/dependencies(${i})`, problem);
    });
    const spec: GroupSpec = { id, dependencies: deps.map((d) => normalizePath(d, id)) };
    if (topLevel) spec.enforceRole = enforceOf(enforceRole);
    groups.set(id, spec);
    const scope = scopeOf(id, enforceRole, inherited);

    const each = (key: string, f: (item: unknown, at: string) => void) => {
      if (Array.isArray(node[key])) (node[key] as unknown[]).forEach((item, i) => f(item, `${at}/${key}(${i})`));
    };
    each('apps', (item, itemAt) => {
      const app = readChild(item, itemAt, id, scope, asApp);
      if (app) apps.set(app.id, app);
    });
    each('pods', (item, itemAt) => {
      const pod = readChild(item, itemAt, id, scope, asPod);
      if (pod) pods.set(pod.id, pod);
    });
    each('groups', (item, itemAt) => visit(item, itemAt, id, id === '/' ? undefined : scope.defaultRole));
    return id;
  };
  const id = checkDepth(raw, types) ? visit(raw, '', null) : ctx.base;
  if (!types.empty) return { ok: false, status: 422, body: types.body('Invalid JSON') };

  // Group's identifier rules, over the whole body (`Group.noAppsAndGroupsWithSameName`, …).
  if ([...apps.keys()].some((a) => groups.has(a))) v.add('/', 'Groups and Applications may not have the same identifier.');
  if ([...pods.keys()].some((p) => groups.has(p))) v.add('/', 'Groups and Pods may not have the same identifier.');
  if ([...apps.keys()].some((a) => pods.has(a))) v.add('/', 'Applications and Pods may not share the same id');
  const group: GroupDefinition = { id, groups: [...groups.values()], apps: [...apps.values()], pods: [...pods.values()] };
  if (v.empty) {
    const order = dependencyOrder(group.apps, group.groups);
    if (!order.ok) return order;
  }
  if (!v.empty) return { ok: false, status: 422, body: v.body() };
  return { ok: true, group };
}

export type DependencyOrder<T> = { ok: true; steps: T[][] } | { ok: false; status: number; body: Body };

/**
 * Deployment steps, dependencies first (`RootGroup.dependencyGraph`, `DeploymentPlan.runSpecsGroupedByLongestPath`):
 * an app's step is the length of its longest dependency chain. A dependency names an app, or a group and then every
 * app under it; a group's dependencies apply to every app under it. Unknown ids are ignored. Order within a step is
 * the input order.
 */
export function dependencyOrder<T extends { id: string; dependencies: readonly string[] }>(
  apps: readonly T[],
  groups: readonly GroupSpec[],
): DependencyOrder<T> {
  const index = new Map(apps.map((a, i) => [a.id, i]));
  const under = (gid: string) => apps.flatMap((a, i) => (gid === '/' || a.id.startsWith(`${gid}/`) ? [i] : []));
  const out = apps.map(() => new Set<number>());
  apps.forEach((a, i) => {
    for (const d of a.dependencies) for (const j of index.has(d) ? [index.get(d)!] : under(d)) out[i]!.add(j);
  });
  for (const g of groups) {
    const targets = g.dependencies.flatMap(under);
    for (const i of under(g.id)) for (const j of targets) out[i]!.add(j);
  }

  const depth = apps.map(() => 0);
  const state = apps.map(() => 0); // 0 unseen, 1 on the current path, 2 done
  let cyclic = false;
  const longest = (i: number): number => {
    if (state[i] === 2) return depth[i]!;
    if (state[i] === 1) {
      cyclic = true;
      return 0;
    }
    state[i] = 1;
    let d = 1;
    for (const j of out[i]!) d = Math.max(d, 1 + longest(j));
    state[i] = 2;
    depth[i] = d;
    return d;
  };
  apps.forEach((_, i) => longest(i));
  if (cyclic)
    return {
      ok: false,
      status: 422,
      body: { message: 'Object is not valid', details: [{ path: '/', errors: ['Dependency graph has cyclic dependencies.'] }] },
    };
  const steps: T[][] = [];
  apps.forEach((a, i) => (steps[depth[i]! - 1] ??= []).push(a));
  return { ok: true, steps: steps.filter(Boolean) };
}
