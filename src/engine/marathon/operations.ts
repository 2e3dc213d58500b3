/**
 * What Marathon's REST API does to the store: create, replace, scale, restart and remove apps
 * through deployments, kill tasks, and the sandbox's fault calls. Results carry Marathon's
 * status codes and messages; JSON shapes are the API layer's job.
 */
import type { SimContext } from '../mesos/events.ts';
import { disconnectAgent, killTask, reconnectAgent } from '../mesos/master.ts';
import type { ClusterState } from '../mesos/model.ts';
import type { AppBehavior, MarathonSpec } from '../scenario/types.ts';
import type { AppDefinition } from './app-definition.ts';
import { cancelDeployment, deploymentsFor, rollbackDeployment, startDeployment, type AppChange } from './deployments.ts';
import type { DeploymentState, InstanceState } from './model.ts';
import { decommission, makeUnhealthy } from './scheduler.ts';
import { NO_BEHAVIOR, recordOf } from './store.ts';
import { readApp } from './validate-app.ts';

export type OpResult<T> = { ok: true; value: T } | { ok: false; status: number; body: { message: string; [key: string]: unknown } };

const fail = (status: number, message: string, extra: Record<string, unknown> = {}): OpResult<never> => ({ ok: false, status, body: { message, ...extra } });

/**
 * The scenario's apps are deployed when Marathon starts, as if posted at time 0: apps linked by
 * dependencies in one deployment (so they start in order), every other app in its own, so one
 * app that cannot be placed does not hold the others back.
 */
export function bootMarathon(ctx: SimContext, state: ClusterState, spec: MarathonSpec): void {
  const apps: AppDefinition[] = [];
  for (const raw of spec.apps) {
    const read = readApp(raw, { base: '/', defaultRole: spec.role });
    if (read.ok) apps.push(read.app);
  }
  const linked = (a: AppDefinition, b: AppDefinition) => a.dependencies.some((d) => b.id === d || b.id.startsWith(d + '/'));
  const component = apps.map((_, i) => i);
  const root = (i: number): number => (component[i] === i ? i : (component[i] = root(component[i]!)));
  apps.forEach((a, i) => apps.forEach((b, j) => linked(a, b) && (component[root(i)] = root(j))));
  const groups = new Map<number, AppDefinition[]>();
  apps.forEach((app, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), app]));
  for (const group of groups.values()) startDeployment(ctx, state, group.map((app) => ({ id: app.id, before: null, after: app })), spec.behavior);
}

/** Deployments in the way of a change; with force they are cancelled (without rollback). */
function clearWay(state: ClusterState, ids: string[], force: boolean): OpResult<null> {
  const m = state.marathon;
  const blocking = deploymentsFor(m, ids);
  if (blocking.length === 0) return { ok: true, value: null };
  if (!force) {
    return fail(409, `App is locked by one or more deployments. Override with the option '?force=true'. View details at '/v2/deployments/${blocking[0]!.id}'.`, {
      deployments: blocking.map((d) => ({ id: d.id })),
    });
  }
  for (const d of blocking) cancelDeployment(m, d);
  return { ok: true, value: null };
}

export function createApp(ctx: SimContext, state: ClusterState, app: AppDefinition): OpResult<DeploymentState> {
  if (state.marathon.runSpecs[app.id] && !state.marathon.runSpecs[app.id]!.removing) return fail(409, `An app with id [${app.id}] already exists.`);
  if (state.marathon.runSpecs[app.id]?.removing) return fail(409, `App '${app.id}' is being removed. Try again when its deployment has finished.`);
  return { ok: true, value: startDeployment(ctx, state, [{ id: app.id, before: null, after: app }]) };
}

/** PUT: replace the definition (creating the app if it does not exist). */
export function replaceApp(ctx: SimContext, state: ClusterState, app: AppDefinition, force: boolean): OpResult<DeploymentState> {
  const record = recordOf(state.marathon, app.id);
  const way = clearWay(state, [app.id], force);
  if (!way.ok) return way;
  const change: AppChange = { id: app.id, before: record?.app ?? null, after: app };
  return { ok: true, value: startDeployment(ctx, state, [change]) };
}

export function removeApp(ctx: SimContext, state: ClusterState, id: string, force: boolean): OpResult<DeploymentState> {
  const record = recordOf(state.marathon, id);
  if (!record || !record.app) return fail(404, `App '${id}' does not exist`);
  const way = clearWay(state, [id], force);
  if (!way.ok) return way;
  return { ok: true, value: startDeployment(ctx, state, [{ id, before: record.app, after: null }]) };
}

export function restartApp(ctx: SimContext, state: ClusterState, id: string, force: boolean): OpResult<DeploymentState> {
  const record = recordOf(state.marathon, id);
  if (!record || !record.app) return fail(404, `App '${id}' does not exist`);
  const way = clearWay(state, [id], force);
  if (!way.ok) return way;
  return { ok: true, value: startDeployment(ctx, state, [{ id, before: record.app, after: { ...record.app }, restart: true }]) };
}

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
export function killTasks(ctx: SimContext, state: ClusterState, taskIds: string[], scale: boolean, force: boolean): OpResult<{ killed: InstanceState[]; deployment: DeploymentState | null }> {
  const m = state.marathon;
  const instances: InstanceState[] = [];
  for (const taskId of taskIds) {
    const instanceId = m.taskInstance[taskId];
    const instance = instanceId === undefined ? undefined : m.instances[instanceId];
    if (instance && !instances.includes(instance)) instances.push(instance);
  }
  if (!scale) {
    for (const i of instances) for (const t of i.taskIds) killTask(ctx, state, t);
    return { ok: true, value: { killed: instances, deployment: null } };
  }
  const byApp = new Map<string, InstanceState[]>();
  for (const i of instances) byApp.set(i.runSpecId, [...(byApp.get(i.runSpecId) ?? []), i]);
  const way = clearWay(state, [...byApp.keys()], force);
  if (!way.ok) return way;
  const changes: AppChange[] = [];
  for (const [id, list] of byApp) {
    const record = recordOf(m, id);
    if (!record?.app) continue;
    for (const i of list) decommission(ctx, state, i);
    changes.push({ id, before: record.app, after: { ...record.app, instances: Math.max(0, record.app.instances - list.length) } });
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

export type Fault =
  | { kind: 'task-crash'; target: string }
  | { kind: 'task-unhealthy'; target: string }
  | { kind: 'agent-crash'; target: string }
  | { kind: 'agent-restore'; target: string };

export const FAULT_KINDS = ['task-crash', 'task-unhealthy', 'agent-crash', 'agent-restore'] as const;

/** A fault: crash or sicken a task (by id), or cut or restore an agent (by hostname). */
export function applyFault(ctx: SimContext, state: ClusterState, fault: Fault): OpResult<null> {
  switch (fault.kind) {
    case 'task-crash': {
      const task = state.tasks[fault.target];
      if (!task) return fail(400, `unknown task '${fault.target}'`);
      ctx.schedule(0, { type: 'task.status', taskId: task.id, state: 'TASK_FAILED' });
      return { ok: true, value: null };
    }
    case 'task-unhealthy': {
      const instanceId = state.marathon.taskInstance[fault.target];
      const instance = instanceId === undefined ? undefined : state.marathon.instances[instanceId];
      if (!instance) return fail(400, `unknown Marathon task '${fault.target}'`);
      makeUnhealthy(instance);
      return { ok: true, value: null };
    }
    case 'agent-crash':
    case 'agent-restore': {
      const agentIdx = state.agents.findIndex((a) => a.hostname === fault.target);
      if (agentIdx < 0) return fail(400, `unknown host '${fault.target}'`);
      if (fault.kind === 'agent-crash') disconnectAgent(ctx, state, agentIdx);
      else reconnectAgent(ctx, state, agentIdx);
      return { ok: true, value: null };
    }
  }
}
