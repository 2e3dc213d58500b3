/**
 * SDK services' lives: installed by Cosmos (their scheduler is a Marathon app), up while that app's task runs (its
 * framework then subscribes in `<name>-role`), their tasks' updates moving the plans' steps, pods restarted in place or
 * replaced anywhere, and the uninstall plan that gives every reservation back before the app goes.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState, SdkFramework, TaskState } from '../core/model.ts';
import { TERMINAL_STATES, type TaskStateName } from '../../common/task-states.ts';
import { frameworkById } from '../mesos/frameworks.ts';
import { killTask, revive, suppress } from '../mesos/master.ts';
import { deactivate, setSchedulerUp } from '../mesos/leader.ts';
import { newFramework, nextFrameworkId } from '../core/build.ts';
import { appRunning, runningAppEnv } from '../marathon/store.ts';
import { onSchedulerEnv } from './config-update.ts';
import { remove } from '../marathon/operations.ts';
import { emptySdk, newPodInstance, type SdkPodInstance, type SdkService, type SdkState } from './model.ts';
import { candidateSteps, deployPlan, emptyPlan, newStep, planStatus } from './plans.ts';
import { podsOf } from './spec.ts';
import { launchedCount, onceLive, refreshSteps, settleRunningSteps, specOf, stepTasks } from './steps.ts';
import { runReadiness, startReadiness } from './readiness.ts';
import type { SdkEvent } from './events.ts';

/** How often the sandbox looks whether a service's scheduler task runs (its process starting or gone). */
export const WATCH_MS = 2000;

export const sdkOf = (state: ClusterState): SdkState => (state.sdk ??= emptySdk());

/** `service.name` → Mesos role and principal (`/a/b` → `a__b-role`), as dcos-commons derives them. */
export function roleOf(name: string): string {
  return `${name.replace(/^\//, '').replaceAll('/', '__')}-role`;
}

export interface SdkInstall {
  name: string;
  appId: string;
  packageName: string;
  env: Record<string, string>;
}

/** Cosmos installed an SDK package: its framework is known (not yet registered) and the watch begins. */
export function addSdkService(ctx: SimContext, state: ClusterState, install: SdkInstall): SdkService {
  const sdk = sdkOf(state);
  const name = install.name.replace(/^\//, '');
  const frameworkId = nextFrameworkId(state);
  const fw: SdkFramework = {
    ...newFramework(),
    id: frameworkId,
    name,
    kind: 'sdk',
    service: name,
    schedulerUp: false,
    roles: [roleOf(name)],
    multiRole: true,
    gpuCapable: false,
    partitionAware: true,
  };
  state.frameworks.push(fw);
  const pods = podsOf(install.packageName, install.env);
  const uuid = () => ctx.randomUuid();
  const service: SdkService = {
    name,
    appId: install.appId,
    packageName: install.packageName,
    frameworkId,
    role: roleOf(name),
    principal: install.env.FRAMEWORK_PRINCIPAL || `${name.replaceAll('/', '__')}-principal`,
    pods,
    instances: {},
    deploy: deployPlan(pods, uuid),
    recovery: emptyPlan('recovery'),
    abandoned: [],
    uninstalling: false,
    taskSeq: 0,
  };
  for (const pod of pods) for (let i = 0; i < pod.count; i++) service.instances[`${pod.type}-${i}`] = newPodInstance(pod.type, i);
  sdk.services[name] = service;
  ctx.schedule(WATCH_MS, { type: 'sdk.watch', service: name });
  return service;
}

/** The scheduler runs while its Marathon app has a running task: its framework (re-)subscribes or is deactivated. */
export function onWatch(ctx: SimContext, state: ClusterState, name: string): void {
  const service = state.sdk?.services[name];
  if (!service) return;
  setSchedulerUp(ctx, state, frameworkById(state, service.frameworkId) as SdkFramework, appRunning(state.marathon, service.appId));
  const env = runningAppEnv(state.marathon, service.appId);
  if (env && onSchedulerEnv(ctx, service, env)) adjustOffers(ctx, state, service);
  ctx.schedule(WATCH_MS, { type: 'sdk.watch', service: name });
}

export function serviceOfFramework(state: ClusterState, fw: SdkFramework): SdkService | undefined {
  return state.sdk?.services[fw.service];
}

/** Whether the scheduler has anything to do with offers: a step to deploy, a pod to relaunch, a reservation to give up. */
export function hasWork(service: SdkService): boolean {
  if (service.abandoned.length > 0) return true;
  settleRunningSteps(service);
  if (candidateSteps(service.deploy).some((s) => s.status !== 'COMPLETE')) return true;
  return Object.values(service.instances).some((i) => i.taskIds.length === 0 && !service.uninstalling);
}

/** After any change: revive when there is work, suppress when there is none (the SDK's revive/suppress manager). */
export function adjustOffers(ctx: SimContext, state: ClusterState, service: SdkService): void {
  const fw = frameworkById(state, service.frameworkId);
  if (!fw.registered) return;
  const work = hasWork(service);
  if (work && fw.suppressedRoles.length > 0) revive(ctx, state, fw);
  else if (!work && fw.suppressedRoles.length === 0) suppress(fw);
}

/**
 * A status update for one of the service's tasks: the steps follow (a task with a readiness check has it run from now
 * on); a task that runs to completion finishes after its time; an ended running task's pod waits for recovery.
 */
export function onSdkTaskStatus(ctx: SimContext, state: ClusterState, service: SdkService, task: TaskState, next: TaskStateName): void {
  const pod = Object.values(service.instances).find((i) => i.taskIds.includes(task.id) || i.once?.id === task.id);
  if (!pod) {
    // A task of a pod that was replaced meanwhile: it has no place any more.
    if (!TERMINAL_STATES.has(next)) killTask(ctx, state, task.id);
    return;
  }
  const spec = specOf(service, pod);
  if (pod.once?.id === task.id) {
    const before = pod.once.state;
    pod.once.state = next;
    const seconds = spec.once?.[pod.once.task]?.seconds ?? 0;
    if (next === 'TASK_RUNNING' && before !== 'TASK_RUNNING')
      ctx.schedule(seconds * 1000, { type: 'task.status', taskId: task.id, state: 'TASK_FINISHED' });
    refreshSteps(service, pod);
    if (!TERMINAL_STATES.has(next)) return;
    finishUninstall(ctx, state, service);
    if (state.sdk?.services[service.name]) adjustOffers(ctx, state, service);
    return;
  }
  const k = pod.taskIds.indexOf(task.id);
  const before = pod.taskStates[k];
  pod.taskStates[k] = next;
  if (next === 'TASK_RUNNING' && before !== 'TASK_RUNNING') startReadiness(ctx, service, spec, pod, task.id);
  refreshSteps(service, pod);
  if (!TERMINAL_STATES.has(next)) return;
  // An agent the operator removed takes the pod's reservation with it: the SDK replaces the pod elsewhere
  // (TaskUtils.getTasksForReplacement).
  if (next === 'TASK_GONE_BY_OPERATOR') pod.replacing = true;
  // One task of the pod ended: the pod goes as a whole, then relaunches (in place, or anywhere when replaced).
  for (const id of pod.taskIds) if (id !== task.id) killTask(ctx, state, id);
  if (pod.taskStates.some((s) => !TERMINAL_STATES.has(s))) return;
  podEnded(state, service, pod);
  finishUninstall(ctx, state, service);
  adjustOffers(ctx, state, service);
}

/** A run of a readiness check (`sdk.readiness`): when it passes, the pod's steps complete and the plan goes on. */
export function onReadiness(ctx: SimContext, state: ClusterState, e: Extract<SdkEvent, { type: 'sdk.readiness' }>): void {
  const service = state.sdk?.services[e.service];
  if (!service || !runReadiness(ctx, service, e)) return;
  refreshSteps(service, service.instances[e.pod]!);
  adjustOffers(ctx, state, service);
}

/**
 * A pod with no live running task: a replaced one gives up its reservation, and its deploy steps that launch running
 * tasks start it over (those that ran a task to completion, such as HDFS' `format`, stay done); others relaunch in
 * place (a recovery step), their unfinished deploy steps back to PENDING.
 */
function podEnded(state: ClusterState, service: SdkService, pod: SdkPodInstance): void {
  pod.taskIds = [];
  pod.taskStates = [];
  if (service.uninstalling) return;
  const spec = specOf(service, pod);
  const deploySteps = service.deploy.phases.flatMap((p) => p.steps).filter((s) => s.pod === pod.name);
  if (pod.replacing) {
    // Reservations on a removed agent went with it: nothing to give back there.
    const gone = pod.agentIdx !== null && state.agents[pod.agentIdx]?.gone === true;
    if (pod.resourceId && !gone) service.abandoned.push(pod.resourceId);
    if (pod.sidecarResourceId && !gone) service.abandoned.push(pod.sidecarResourceId);
    Object.assign(pod, {
      agentIdx: null,
      resourceId: null,
      volume: null,
      replacing: false,
      launched: 0,
      once: null,
      sidecarResourceId: null,
    });
    for (const s of deploySteps) if (stepTasks(s, spec).some((t) => spec.tasks.includes(t))) s.status = 'PENDING';
    return;
  }
  for (const s of deploySteps) if (s.status !== 'COMPLETE') s.status = 'PENDING';
  // An outdated pod relaunches by its deploy steps, with the target's resources (updates.ts), not by recovery.
  if (!pod.resourceId || launchedCount(spec, pod) === 0 || pod.outdated) return;
  let phase = service.recovery.phases.find((p) => p.name === pod.type);
  if (!phase)
    service.recovery.phases.push((phase = { id: `${service.name}-recovery-${pod.type}`, name: pod.type, strategy: 'serial', steps: [] }));
  phase.steps = phase.steps.filter((s) => s.pod !== pod.name);
  const tasks = spec.tasks.slice(0, launchedCount(spec, pod));
  phase.steps.push(newStep(`${service.name}-recovery-${pod.name}-${service.taskSeq}`, spec, pod.index, tasks));
}

/** `POST /v1/pod/<name>/restart|replace`: kill its tasks; restart relaunches in place, replace anywhere from scratch. */
export function restartPod(ctx: SimContext, state: ClusterState, service: SdkService, podName: string, replace: boolean): string[] | null {
  const pod = service.instances[podName];
  if (!pod) return null;
  const spec = service.pods.find((p) => p.type === pod.type)!;
  if (replace) pod.replacing = true;
  const live = pod.taskIds.filter((_, k) => !TERMINAL_STATES.has(pod.taskStates[k]!));
  const killed = live.filter((id) => killTask(ctx, state, id));
  // A pod whose tasks cannot be reached (its agent lost) is taken as ended: a replaced one starts over elsewhere now,
  // and its old tasks are killed if their agent comes back.
  if (killed.length === 0) {
    podEnded(state, service, pod);
    adjustOffers(ctx, state, service);
  }
  return spec.tasks.map((t) => `${pod.name}-${t}`);
}

/** The deploy plan's status (uninstall waits for it in the real SDK). */
export const deployStatus = (service: SdkService) => planStatus(service.deploy);

/**
 * Cosmos' uninstall of an SDK package: the scheduler runs its uninstall plan (every task killed, every reservation
 * destroyed and unreserved as it is offered back), then tears its framework down and its Marathon app goes.
 */
export function uninstallSdkService(ctx: SimContext, state: ClusterState, name: string): boolean {
  const service = state.sdk?.services[name];
  if (!service || service.uninstalling) return false;
  service.uninstalling = true;
  for (const pod of Object.values(service.instances)) {
    pod.taskIds.forEach((id, k) => {
      if (!TERMINAL_STATES.has(pod.taskStates[k]!)) killTask(ctx, state, id);
    });
    if (pod.once && onceLive(pod)) killTask(ctx, state, pod.once.id);
    // Reservations on a removed agent went with it.
    const gone = pod.agentIdx !== null && state.agents[pod.agentIdx]?.gone === true;
    if (pod.resourceId && !gone) service.abandoned.push(pod.resourceId);
    if (pod.sidecarResourceId && !gone) service.abandoned.push(pod.sidecarResourceId);
    Object.assign(pod, { resourceId: null, volume: null, sidecarResourceId: null });
  }
  finishUninstall(ctx, state, service);
  adjustOffers(ctx, state, service);
  return true;
}

/** Nothing of the service left on the cluster: its framework is torn down and its scheduler app removed. */
export function finishUninstall(ctx: SimContext, state: ClusterState, service: SdkService): void {
  if (!service.uninstalling || service.abandoned.length > 0) return;
  if (Object.values(service.instances).some((p) => onceLive(p) || p.taskStates.some((s) => !TERMINAL_STATES.has(s)))) return;
  const fw = frameworkById(state, service.frameworkId) as SdkFramework;
  fw.schedulerUp = false;
  deactivate(state, fw);
  delete state.sdk!.services[service.name];
  remove(ctx, state, 'app', service.appId, true);
}
