/**
 * A dispatcher-style service's life: Cosmos installs its package (its scheduler is the Marathon app), the scheduler
 * is up while that app has a running task (its framework then subscribes, as an SDK scheduler's does), and the
 * service goes when its app is removed.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState, DispatcherFramework, FrameworkState } from '../core/model.ts';
import { frameworkById } from '../mesos/frameworks.ts';
import { setSchedulerUp } from '../mesos/leader.ts';
import { newFramework, nextFrameworkId } from '../core/build.ts';
import { appRunning } from '../marathon/store.ts';
import { emptyDispatchers, type DispatcherService, type DispatchersState } from './model.ts';

/** How often the sandbox looks whether a service's scheduler task runs (as `sdk.watch`). */
export const WATCH_MS = 2000;

export const DISPATCHER_PACKAGES = ['spark', 'jenkins'] as const;
export const isDispatcherPackage = (name: string): name is DispatcherService['packageName'] =>
  (DISPATCHER_PACKAGES as readonly string[]).includes(name);

export const dispatchersOf = (state: ClusterState): DispatchersState => (state.dispatchers ??= emptyDispatchers());

/** A framework's common fields, not yet registered. */
export function frameworkBase(id: string, name: string, roles: string[]): Omit<FrameworkState, 'kind'> {
  return { id, name, roles, multiRole: false, gpuCapable: false, partitionAware: false, ...newFramework() };
}

export interface DispatcherInstall {
  name: string;
  appId: string;
  packageName: string;
  env: Record<string, string>;
}

const num = (text: string | undefined, fallback: number) => {
  const n = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
};

/**
 * Cosmos installed spark or jenkins: the scheduler's framework is known (not yet registered) and the watch begins.
 * Spark's dispatcher registers as the service's name (`--name`) in SPARK_DISPATCHER_MESOS_ROLE; Jenkins' Mesos
 * plugin as JENKINS_FRAMEWORK_NAME in JENKINS_AGENT_ROLE (the role its agents run in).
 */
export function addDispatcherService(ctx: SimContext, state: ClusterState, install: DispatcherInstall): DispatcherService | undefined {
  if (!isDispatcherPackage(install.packageName)) return undefined;
  const name = install.name.replace(/^\//, '');
  const { env } = install;
  const spark = install.packageName === 'spark';
  const role = (spark ? env.SPARK_DISPATCHER_MESOS_ROLE : env.JENKINS_AGENT_ROLE) || '*';
  const fwName = spark ? name : env.JENKINS_FRAMEWORK_NAME || name;
  const fw: DispatcherFramework = {
    ...frameworkBase(nextFrameworkId(state), fwName, [role]),
    kind: 'dispatcher',
    service: name,
    schedulerUp: false,
  };
  state.frameworks.push(fw);
  const service: DispatcherService = {
    name,
    appId: install.appId,
    packageName: install.packageName,
    frameworkId: fw.id,
    role,
    drivers: [],
    driverSeq: 0,
    builds: [],
    buildSeq: 0,
    agentCpus: num(env.JENKINS_LINUX_AGENT_CPUS, 0.1),
    agentMem: num(env.JENKINS_LINUX_AGENT_MEM, 512),
    agentLabel: env.JENKINS_LINUX_AGENT_LABEL || 'linux',
  };
  dispatchersOf(state).services[name] = service;
  ctx.schedule(WATCH_MS, { type: 'dispatcher.watch', service: name });
  return service;
}

/** The scheduler runs while its Marathon app has a running task; with its app gone the service goes too. */
export function onWatch(ctx: SimContext, state: ClusterState, name: string): void {
  const service = state.dispatchers?.services[name];
  if (!service) return;
  const fw = frameworkById(state, service.frameworkId) as DispatcherFramework;
  const record = state.marathon.runSpecs[service.appId];
  setSchedulerUp(ctx, state, fw, appRunning(state.marathon, service.appId));
  if (record === undefined) {
    // Uninstalled: the scheduler is gone for good (drivers and agents already running are not touched).
    delete state.dispatchers!.services[name];
    return;
  }
  ctx.schedule(WATCH_MS, { type: 'dispatcher.watch', service: name });
}

export function serviceOf(state: ClusterState, name: string): DispatcherService | undefined {
  return state.dispatchers?.services[name];
}
