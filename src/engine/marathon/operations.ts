/**
 * What Marathon's REST API does to the store: create, replace, scale, restart and remove apps
 * through deployments, and kill tasks. Results carry Marathon's
 * status codes and messages; JSON shapes are the API layer's job.
 */
import { wipeInstances } from './resident-lifecycle.ts';
import { readContextOf, roleContextOf } from './read-context.ts';
import { effectiveEnforceRole, topLevelName } from '../../common/marathon/role-settings.ts';
import { parentOf } from '../../common/marathon/path-id.ts';
import { volumeUniquenessViolations } from '../../common/marathon/volume-uniqueness.ts';
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import type { AppBehavior, MarathonSpec } from '../../common/scenario/types.ts';
import type { AppDefinition } from '../../common/marathon/app-definition.ts';
import { cancelDeployment, deploymentsFor, rollbackDeployment, startDeployment, type RunSpecChange } from './deployments.ts';
import type { Definition, DeploymentState, InstanceState, MarathonState } from './model.ts';
import type { PodDefinition } from '../../common/marathon/pod-definition.ts';
import type { GroupDefinition } from '../../common/marathon/validate-group.ts';
import { decommission, killMarathonTask } from './kills.ts';
import { definitionOf, nextVersion, NO_BEHAVIOR, recordOf } from './store.ts';
import { readApp } from '../../common/marathon/validate-app.ts';
import { hasOwn, own } from '../../common/own.ts';

export type OpResult<T> = { ok: true; value: T } | { ok: false; status: number; body: { message: string; [key: string]: unknown } };

const fail = (status: number, message: string, extra: Record<string, unknown> = {}): OpResult<never> => ({
  ok: false,
  status,
  body: { message, ...extra },
});

/**
 * The scenario's apps are deployed when Marathon starts, as if posted at time 0: apps linked by
 * dependencies in one deployment (so they start in order), every other app in its own, so one
 * app that cannot be placed does not hold the others back.
 */
export function bootMarathon(ctx: SimContext, state: ClusterState, spec: MarathonSpec): void {
  const apps: AppDefinition[] = [];
  const m = state.marathon;
  for (const raw of spec.apps) {
    // Read one after the other, as if posted one by one: the first app below a new top-level group creates it.
    const read = readApp(raw, readContextOf(m));
    if (!read.ok) continue;
    apps.push(read.app);
    const top = missingTopLevelGroup(m, read.app.id);
    if (top) createTopLevelGroup(m, top, nextVersion(m, ctx.now));
  }
  const linked = (a: AppDefinition, b: AppDefinition) => a.dependencies.some((d) => b.id === d || b.id.startsWith(d + '/'));
  const component = apps.map((_, i) => i);
  const root = (i: number): number => (component[i] === i ? i : (component[i] = root(component[i]!)));
  apps.forEach((a, i) => apps.forEach((b, j) => linked(a, b) && (component[root(i)] = root(j))));
  const groups = new Map<number, AppDefinition[]>();
  apps.forEach((app, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), app]));
  for (const group of groups.values())
    startDeployment(
      ctx,
      state,
      group.map((app) => ({ id: app.id, before: null, after: { kind: 'app', app } })),
      spec.behavior,
    );
}

/** Deployments in the way of a change; with force they are cancelled (without rollback). */
function clearWay(state: ClusterState, ids: string[], force: boolean): OpResult<null> {
  const m = state.marathon;
  const blocking = deploymentsFor(m, ids);
  if (blocking.length === 0) return { ok: true, value: null };
  if (!force) {
    return fail(
      409,
      `App is locked by one or more deployments. Override with the option '?force=true'. View details at '/v2/deployments/${blocking[0]!.id}'.`,
      {
        deployments: blocking.map((d) => ({ id: d.id })),
      },
    );
  }
  for (const d of blocking) cancelDeployment(m, d);
  return { ok: true, value: null };
}

const noun = (kind: Definition['kind']) => (kind === 'app' ? 'App' : 'Pod');

/** POST: a new app or pod. */
export function create(ctx: SimContext, state: ClusterState, definition: Definition): OpResult<DeploymentState> {
  const id = definition.kind === 'app' ? definition.app.id : definition.pod.id;
  const existing = own(state.marathon.runSpecs, id);
  if (existing && !existing.removing)
    return fail(409, definition.kind === 'app' ? `An app with id [${id}] already exists.` : `Pod ${id} already exists.`);
  if (existing?.removing)
    return fail(409, `${noun(definition.kind)} '${id}' is being removed. Try again when its deployment has finished.`);
  if (definition.kind === 'app' && groupExists(state, id)) return fail(409, `A group with id [${id}] already exists.`);
  const volumes = volumeConflicts(state, new Map([[id, definition]]));
  if (!volumes.ok) return volumes;
  const top = missingTopLevelGroup(state.marathon, id);
  const deployment = startDeployment(ctx, state, [{ id, before: null, after: definition }]);
  if (top) createTopLevelGroup(state.marathon, top, deployment.version);
  return { ok: true, value: deployment };
}

/** PUT: replace the definition (creating it if it does not exist). */
export function replace(ctx: SimContext, state: ClusterState, definition: Definition, force: boolean): OpResult<DeploymentState> {
  const id = definition.kind === 'app' ? definition.app.id : definition.pod.id;
  const record = recordOf(state.marathon, id);
  if (record && record.kind !== definition.kind) return fail(409, `${id} is a${record.kind === 'app' ? 'n app' : ' pod'}.`);
  const volumes = volumeConflicts(state, new Map([[id, definition]]));
  if (!volumes.ok) return volumes;
  const way = clearWay(state, [id], force);
  if (!way.ok) return way;
  const top = missingTopLevelGroup(state.marathon, id);
  const deployment = startDeployment(ctx, state, [{ id, before: record ? definitionOf(record) : null, after: definition }]);
  if (top) createTopLevelGroup(state.marathon, top, deployment.version);
  return { ok: true, value: deployment };
}

/** The root group after `changes` (id → new definition, null: removed) keeps each single-attach external volume to one app. */
function volumeConflicts(state: ClusterState, changes: ReadonlyMap<string, Definition | null>): OpResult<null> {
  const apps: AppDefinition[] = [];
  for (const r of Object.values(state.marathon.runSpecs)) if (!r.removing && !changes.has(r.spec.id) && r.app) apps.push(r.app);
  for (const d of changes.values()) if (d?.kind === 'app') apps.push(d.app);
  const details = volumeUniquenessViolations(apps);
  return details.length === 0 ? { ok: true, value: null } : fail(422, 'Object is not valid', { details });
}

/** The top-level group above `id` when it does not exist yet (asked before the change that creates it). */
function missingTopLevelGroup(m: MarathonState, id: string): string | null {
  const top = `/${topLevelName(id)}`;
  return top === '/' || top === id || roleContextOf(m).topLevelEnforceRole(top) !== undefined ? null : top;
}

/** A top-level group made for what is created below it: its enforceRole is --new_group_enforce_role's (`NewGroupStrategy.UsingConfig`). */
function createTopLevelGroup(m: MarathonState, id: string, version: string): void {
  m.groups[id] = { id, dependencies: [], version, enforceRole: m.config.flags.new_group_enforce_role === 'top' };
}

/** PATCH /v2/groups/{id}: a top-level group's enforceRole (absent: the configured default); no deployment. */
export function patchGroup(state: ClusterState, id: string, enforceRole: boolean | undefined): OpResult<null> {
  const m = state.marathon;
  if (id === '/' || parentOf(id) !== '/')
    return fail(422, 'Object is not valid', { details: [{ path: '/', errors: ['Path needs to be top-level'] }] });
  if (!groupExists(state, id)) return fail(404, `Group '${id}' does not exist`);
  const record = own(m.groups, id) ?? { id, dependencies: [], version: '' };
  m.groups[id] = { ...record, enforceRole: effectiveEnforceRole(enforceRole, roleContextOf(m)) };
  return { ok: true, value: null };
}

export function remove(
  ctx: SimContext,
  state: ClusterState,
  kind: Definition['kind'],
  id: string,
  force: boolean,
): OpResult<DeploymentState> {
  const record = recordOf(state.marathon, id);
  if (!record || record.kind !== kind) return fail(404, kind === 'app' ? `App '${id}' does not exist` : `Pod '${id}' does not exist`);
  const way = clearWay(state, [id], force);
  if (!way.ok) return way;
  return { ok: true, value: startDeployment(ctx, state, [{ id, before: definitionOf(record), after: null }]) };
}

export function restart(ctx: SimContext, state: ClusterState, id: string, force: boolean): OpResult<DeploymentState> {
  const record = recordOf(state.marathon, id);
  if (!record) return fail(404, `App '${id}' does not exist`);
  const way = clearWay(state, [id], force);
  if (!way.ok) return way;
  const current = definitionOf(record);
  return { ok: true, value: startDeployment(ctx, state, [{ id, before: current, after: structuredClone(current), restart: true }]) };
}

function groupExists(state: ClusterState, id: string): boolean {
  return hasOwn(state.marathon.groups, id) || Object.keys(state.marathon.runSpecs).some((other) => other.startsWith(id + '/'));
}

/**
 * POST/PUT /v2/groups: the group's apps and pods as one deployment (dependencies in order). PUT
 * replaces the group: what it no longer lists is stopped. Groups are recorded with their dependencies.
 */
export function deployGroup(
  ctx: SimContext,
  state: ClusterState,
  group: GroupDefinition,
  replaceAll: boolean,
  force: boolean,
): OpResult<DeploymentState> {
  const m = state.marathon;
  const wanted = new Map<string, Definition>();
  for (const app of group.apps) wanted.set(app.id, { kind: 'app', app });
  for (const pod of group.pods) wanted.set(pod.id, { kind: 'pod', pod });
  const inside = (id: string) => group.id === '/' || id.startsWith(group.id + '/');
  const existing = Object.values(m.runSpecs).filter((r) => !r.removing && inside(r.spec.id));
  const changes: RunSpecChange[] = [];
  for (const [id, after] of wanted) {
    const record = recordOf(m, id);
    const before = record ? definitionOf(record) : null;
    if (before && JSON.stringify(before) === JSON.stringify(after)) continue;
    changes.push({ id, before, after });
  }
  if (replaceAll)
    for (const r of existing) if (!wanted.has(r.spec.id)) changes.push({ id: r.spec.id, before: definitionOf(r), after: null });
  const volumes = volumeConflicts(state, new Map(changes.map((c) => [c.id, c.after])));
  if (!volumes.ok) return volumes;
  const way = clearWay(
    state,
    changes.map((c) => c.id),
    force,
  );
  if (!way.ok) return way;
  const version = nextVersion(m, ctx.now);
  const top = missingTopLevelGroup(m, group.id);
  if (top) createTopLevelGroup(m, top, version);
  for (const g of group.groups)
    m.groups[g.id] = {
      id: g.id,
      dependencies: g.dependencies,
      version,
      ...(g.enforceRole === undefined ? {} : { enforceRole: g.enforceRole }),
    };
  return { ok: true, value: startDeployment(ctx, state, changes) };
}

/** DELETE /v2/groups/{id}: stop everything under it and forget its subgroups. */
export function removeGroup(ctx: SimContext, state: ClusterState, id: string, force: boolean): OpResult<DeploymentState> {
  const m = state.marathon;
  if (id !== '/' && !groupExists(state, id)) return fail(404, `Group '${id}' does not exist`);
  const inside = (other: string) => id === '/' || other === id || other.startsWith(id + '/');
  const records = Object.values(m.runSpecs).filter((r) => !r.removing && inside(r.spec.id));
  const way = clearWay(
    state,
    records.map((r) => r.spec.id),
    force,
  );
  if (!way.ok) return way;
  // Plan while the groups' dependencies are still known: dependents stop first.
  const deployment = startDeployment(
    ctx,
    state,
    records.map((r) => ({ id: r.spec.id, before: definitionOf(r), after: null })),
  );
  for (const g of Object.keys(m.groups)) if (inside(g)) delete m.groups[g];
  return { ok: true, value: deployment };
}

/** Scala's `Double.toInt` saturates here: an app cannot be scaled past Int.MaxValue instances. */
const INT_MAX = 2_147_483_647;

/**
 * PUT /v2/groups/{id} with `scaleBy` (`GroupApiService.updateGroup`): every app below the group, nested groups'
 * included, to ceil(instances × factor) (`RootGroup.updateTransitiveApps`; pods keep theirs), in one deployment,
 * even when no count changes. A group that does not exist is created, empty.
 */
export function scaleGroup(ctx: SimContext, state: ClusterState, id: string, factor: number, force: boolean): OpResult<DeploymentState> {
  const m = state.marathon;
  const inside = (other: string) => id === '/' || other.startsWith(id + '/');
  const changes: RunSpecChange[] = [];
  for (const runSpecId of Object.keys(m.runSpecs).sort()) {
    const record = recordOf(m, runSpecId);
    if (!record || record.kind !== 'app' || !inside(runSpecId)) continue;
    const app = record.app!;
    // `+ 0` turns the -0 of a -0.0 factor into 0.
    const instances = Math.min(INT_MAX, Math.ceil(app.instances * factor)) + 0;
    if (instances !== app.instances)
      changes.push({ id: runSpecId, before: { kind: 'app', app }, after: { kind: 'app', app: { ...app, instances } } });
  }
  const way = clearWay(
    state,
    changes.map((c) => c.id),
    force,
  );
  if (!way.ok) return way;
  const created = id !== '/' && !groupExists(state, id);
  const top = missingTopLevelGroup(m, id);
  const deployment = startDeployment(ctx, state, changes);
  if (created && parentOf(id) === '/') createTopLevelGroup(m, id, deployment.version);
  else if (created) m.groups[id] = { id, dependencies: [], version: deployment.version };
  if (top) createTopLevelGroup(m, top, deployment.version);
  for (const g of Object.keys(m.groups)) if (g === id || inside(g)) m.groups[g] = { ...m.groups[g]!, version: deployment.version };
  return { ok: true, value: deployment };
}

export type { PodDefinition };

/** DELETE /v2/deployments/{id}: roll back (a new deployment), or with force just stop it. */
export function deleteDeployment(ctx: SimContext, state: ClusterState, id: string, force: boolean): OpResult<DeploymentState | null> {
  const dep = state.marathon.deployments.find((d) => d.id === id);
  if (!dep) return fail(404, `DeploymentPlan ${id} does not exist`);
  if (force) {
    cancelDeployment(state.marathon, dep);
    return { ok: true, value: null };
  }
  return { ok: true, value: rollbackDeployment(ctx, state, dep) };
}

/**
 * Kill tasks. Without scale their instances are relaunched (a kill adds no backoff); with
 * scale the instances go and their apps' instance counts drop by as many.
 */
export function killTasks(
  ctx: SimContext,
  state: ClusterState,
  taskIds: string[],
  scale: boolean,
  force: boolean,
  wipe = false,
): OpResult<{ killed: InstanceState[]; deployment: DeploymentState | null }> {
  const m = state.marathon;
  const instances: InstanceState[] = [];
  for (const taskId of taskIds) {
    const instanceId = own(m.taskInstance, taskId);
    const instance = instanceId === undefined ? undefined : own(m.instances, instanceId);
    if (instance && !instances.includes(instance)) instances.push(instance);
  }
  if (wipe) {
    wipeInstances(ctx, state, instances);
    return { ok: true, value: { killed: instances, deployment: null } };
  }
  if (!scale) {
    for (const i of instances) for (const t of i.taskIds) killMarathonTask(ctx, state, t);
    return { ok: true, value: { killed: instances, deployment: null } };
  }
  const byApp = new Map<string, InstanceState[]>();
  for (const i of instances) byApp.set(i.runSpecId, [...(byApp.get(i.runSpecId) ?? []), i]);
  const way = clearWay(state, [...byApp.keys()], force);
  if (!way.ok) return way;
  const changes: RunSpecChange[] = [];
  for (const [id, list] of byApp) {
    const record = recordOf(m, id);
    if (!record) continue;
    for (const i of list) decommission(ctx, state, i);
    const before = definitionOf(record);
    const after: Definition =
      before.kind === 'app'
        ? { kind: 'app', app: { ...before.app, instances: Math.max(0, before.app.instances - list.length) } }
        : { kind: 'pod', pod: { ...before.pod, instances: Math.max(0, before.pod.instances - list.length) } };
    changes.push({ id, before, after });
  }
  const deployment = changes.length > 0 ? startDeployment(ctx, state, changes) : null;
  return { ok: true, value: { killed: instances, deployment } };
}

export function setBehavior(state: ClusterState, id: string, behavior: Partial<AppBehavior>): OpResult<AppBehavior> {
  const record = recordOf(state.marathon, id);
  if (!record) return fail(404, `App '${id}' does not exist`);
  record.behavior = { ...NO_BEHAVIOR, ...record.behavior, ...behavior };
  return { ok: true, value: record.behavior };
}
