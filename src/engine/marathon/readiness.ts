/**
 * Readiness checks (`ReadinessBehavior`, `ReadinessCheckExecutor`): only a deployment that scales or restarts an
 * app checks it. Each of the app's tasks that starts running during that action is checked at once, then an
 * interval after every not-ready answer, until it answers ready. A new instance counts toward the action only
 * once it is ready (and healthy). Results live on the action: a new step starts with none, and they go with the
 * deployment. The sandbox runs no process: the scenario says after how long an app answers ready
 * (`behavior.secondsUntilReady`), and a check of a task on a cut-off agent fails as an unanswered request.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import type { ReadinessCheck } from '../../common/marathon/readiness-check.ts';
import type { DeploymentAction, DeploymentState, InstanceState, MarathonState, ReadinessResult, RunSpecRecord } from './model.ts';
import { requestCheck } from './deployment-check.ts';
import { isHealthy } from './instance-tally.ts';

const CHECKED_ACTIONS: ReadonlySet<DeploymentAction['action']> = new Set(['ScaleApplication', 'RestartApplication']);
/** What the simulated app answers while it is not ready (unless that is a ready code). */
const NOT_READY_STATUSES = [503, 500, 404];

/** The action of a running deployment's current step that scales or restarts this app, if any. */
function checkingAction(m: MarathonState, runSpecId: string): { dep: DeploymentState; action: DeploymentAction } | null {
  for (const dep of m.deployments) {
    const action = dep.steps[dep.current]?.find((a) => a.runSpecId === runSpecId && CHECKED_ACTIONS.has(a.action));
    if (action) return { dep, action };
  }
  return null;
}

/** The instance started running: if a deployment is scaling or restarting its app, its readiness is checked now. */
export function startReadinessCheck(ctx: SimContext, state: ClusterState, record: RunSpecRecord, instance: InstanceState): void {
  const check = record.spec.readinessCheck;
  if (!check) return;
  const found = checkingAction(state.marathon, record.spec.id);
  if (!found) return;
  // A rolling restart waits for the instances of the new version only.
  if (found.action.action === 'RestartApplication' && instance.configVersion < record.lastConfigChangeAt) return;
  // Back from an unreachable agent: its checks went on meanwhile.
  if (found.action.readiness?.[instance.taskIds[0]!]) return;
  runCheck(ctx, state, found.dep, found.action, check, record, instance);
}

/** A scheduled check of one task, if its deployment's step still checks it. */
export function onReadinessCheck(ctx: SimContext, state: ClusterState, taskId: string, deploymentId: string): void {
  const m = state.marathon;
  const dep = m.deployments.find((d) => d.id === deploymentId);
  const instance = m.instances[m.taskInstance[taskId] ?? ''];
  if (!dep || !instance || instance.taskIds[0] !== taskId || !isCheckable(instance)) return;
  const action = dep.steps[dep.current]?.find((a) => a.runSpecId === instance.runSpecId && a.readiness?.[taskId]);
  const record = m.runSpecs[instance.runSpecId];
  const check = record?.spec.readinessCheck;
  if (!action || !record || !check) return;
  runCheck(ctx, state, dep, action, check, record, instance);
}

/** A new Marathon leader checks again every task that was not ready yet (the old leader's timers died with it). */
export function restartReadinessChecks(ctx: SimContext, state: ClusterState): void {
  for (const dep of state.marathon.deployments)
    for (const action of dep.steps[dep.current] ?? [])
      for (const result of Object.values(action.readiness ?? {}))
        if (!result.ready)
          ctx.schedule(0, { type: 'marathon.readiness', taskId: result.taskId, deploymentId: dep.id, epoch: state.ha.marathonEpoch });
}

/** Running, and healthy if it has health checks: a new instance also needs a ready answer before it counts. */
export function isReady(action: DeploymentAction, instance: InstanceState): boolean {
  const result = action.readiness?.[instance.taskIds[0] ?? ''];
  return result === undefined || result.ready;
}

/** Instances counted healthy that still wait for a ready answer: a scale step does not count them yet. */
export function healthyButNotReady(m: MarathonState, record: RunSpecRecord, action: DeploymentAction): number {
  let n = 0;
  for (const result of Object.values(action.readiness ?? {})) {
    if (result.ready) continue;
    const instance = m.instances[m.taskInstance[result.taskId] ?? ''];
    if (instance && instance.goal === 'Running' && instance.taskIds[0] === result.taskId && isHealthy(record, instance)) n++;
  }
  return n;
}

/** Every result the current steps of running deployments hold for an app (`embed=apps.readiness`). */
export function readinessResultsOf(m: MarathonState, runSpecId: string): ReadinessResult[] {
  return m.deployments.flatMap((dep) =>
    (dep.steps[dep.current] ?? []).filter((a) => a.runSpecId === runSpecId).flatMap((a) => Object.values(a.readiness ?? {})),
  );
}

function isCheckable(instance: InstanceState): boolean {
  return instance.condition === 'Running' || instance.condition === 'Unreachable';
}

function runCheck(
  ctx: SimContext,
  state: ClusterState,
  dep: DeploymentState,
  action: DeploymentAction,
  check: ReadinessCheck,
  record: RunSpecRecord,
  instance: InstanceState,
): void {
  const taskId = instance.taskIds[0]!;
  const result = answer(ctx, state, check, record, instance);
  (action.readiness ??= {})[taskId] = result;
  if (result.ready) requestCheck(ctx, state.marathon);
  else
    ctx.schedule(check.intervalSeconds * 1000, { type: 'marathon.readiness', taskId, deploymentId: dep.id, epoch: state.ha.marathonEpoch });
}

/** The task's answer to one check, as Marathon records it (`ReadinessCheckResult.forSpecAndResponse`). */
function answer(
  ctx: SimContext,
  state: ClusterState,
  check: ReadinessCheck,
  record: RunSpecRecord,
  instance: InstanceState,
): ReadinessResult {
  const taskId = instance.taskIds[0]!;
  const agent = instance.agentIdx === null ? null : state.agents[instance.agentIdx]!;
  const withResponse = (ready: boolean, response: NonNullable<ReadinessResult['lastResponse']>): ReadinessResult =>
    check.preserveLastResponse ? { name: check.name, taskId, ready, lastResponse: response } : { name: check.name, taskId, ready };
  if (!agent || agent.disconnected || instance.condition !== 'Running') {
    // No answer within the timeout: Marathon records a made-up 504 (`exceptionToErrorResponse`).
    const body = `Marathon could not query ${urlOf(state, check, record, instance)}: the request timed out after ${check.timeoutSeconds} s`;
    return withResponse(false, { status: 504, contentType: 'text/plain', body });
  }
  const ready = answersReady(record, instance, ctx.now);
  const status = ready
    ? check.httpStatusCodesForReady[0]!
    : (NOT_READY_STATUSES.find((s) => !check.httpStatusCodesForReady.includes(s)) ?? 599);
  // Marathon reads the content type from the response's headers, where its HTTP client never puts it.
  return withResponse(ready, { status, contentType: '', body: '' });
}

function answersReady(record: RunSpecRecord, instance: InstanceState, now: number): boolean {
  const after = record.behavior.secondsUntilReady;
  if (after === undefined) return true;
  if (after === null) return false;
  return now - (instance.startedAt ?? now) >= after * 1000;
}

/** Where Marathon sends the check: the agent and host port of the named port, or the task's IP and container port. */
function urlOf(state: ClusterState, check: ReadinessCheck, record: RunSpecRecord, instance: InstanceState): string {
  const agent = instance.agentIdx === null ? null : state.agents[instance.agentIdx]!;
  const hostPorts = instance.hostPorts ?? [];
  const app = record.app;
  const mappings = (Array.isArray(app?.container?.portMappings) ? app.container.portMappings : []) as Array<Record<string, unknown>>;
  let host = agent?.hostname ?? 'unknown';
  let port: number | undefined;
  if (mappings.length > 0) {
    const k = mappings.findIndex((m) => m.name === check.portName);
    const mapping = mappings[k];
    if (mapping && typeof mapping.hostPort === 'number') port = hostPorts[k] ?? undefined;
    else {
      host = agent?.ip ?? host;
      port = typeof mapping?.containerPort === 'number' ? mapping.containerPort : undefined;
    }
  } else {
    port = hostPorts[(app?.portDefinitions ?? []).findIndex((p) => p.name === check.portName)] ?? undefined;
  }
  return `${check.protocol.toLowerCase()}://${host}:${port ?? 0}${check.path}`;
}
