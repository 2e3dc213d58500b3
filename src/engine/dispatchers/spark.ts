/**
 * Spark's MesosClusterDispatcher (spark `MesosClusterScheduler`): submissions queue; on offers the dispatcher launches
 * each driver as a Mesos task (id = submission id, name `Driver for <app name>`, spark.driver.cores / memory). A
 * running driver is a Spark application: it registers a framework of its own (`<dispatcher framework id>-<submission
 * id>`, named after the app, role spark.mesos.role) that launches executors on the offers it gets, like any other
 * framework (`<app name> <n>`), runs for a while, then stops its executors, unregisters, and its driver exits.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState, DispatcherFramework, OfferState, SparkAppFramework, TaskState } from '../core/model.ts';
import { SIM_EPOCH_MS } from '../../common/clock.ts';
import { TERMINAL_STATES, type TaskStateName } from '../../common/task-states.ts';
import { acceptOffer, type TaskLaunch } from '../mesos/accept.ts';
import { frameworkById } from '../mesos/frameworks.ts';
import { declineOffer, killTask, revive, suppress } from '../mesos/master.ts';
import { refreshFrameworks } from '../mesos/leader.ts';
import type { DispatcherService, SparkDriver } from './model.ts';
import { frameworkBase } from './services.ts';

/** spark.mesos.rejectOfferDuration (and …ForReachedMaxCores): what a Spark scheduler declines for, in seconds. */
export const REJECT_OFFER_SECONDS = 120;
/** How long an application runs when its arguments name no number of seconds. */
export const DEFAULT_APP_SECONDS = 60;
const DEFAULT_EXECUTORS = 2;
const EXIT_DELAY_MS: [number, number] = [500, 2000];

const two = (n: number) => String(n).padStart(2, '0');

/** `driver-<yyyyMMddHHmmss>-<nnnn>` (MesosClusterScheduler.newDriverId), the date of the simulated wall clock. */
export function driverId(now: number, seq: number): string {
  const d = new Date(SIM_EPOCH_MS + now);
  const stamp = `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
  return `driver-${stamp}-${String(seq).padStart(4, '0')}`;
}

/** `1g`, `1024m`, `512` (MB, as spark-submit reads `--driver-memory`) → MB. */
export function memoryMb(text: string | undefined, fallback: number): number {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([kmgt]?)b?\s*$/i.exec(text ?? '');
  if (!m) return fallback;
  const scale: Record<string, number> = { '': 1, k: 1 / 1024, m: 1, g: 1024, t: 1024 * 1024 };
  return Math.max(1, Math.round(Number(m[1]) * scale[m[2]!.toLowerCase()]!));
}

const positive = (text: string | undefined, fallback: number) => {
  const n = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
};

export interface Submission {
  appResource: string;
  mainClass: string;
  appArgs: string[];
  sparkProperties: Record<string, string>;
}

/** `POST /v1/submissions/create`: the driver queues; the dispatcher revives its offers. */
export function submitDriver(ctx: SimContext, state: ClusterState, service: DispatcherService, sub: Submission): SparkDriver {
  const props = sub.sparkProperties;
  const executorCores = positive(props['spark.executor.cores'], 1);
  const maxCores = positive(props['spark.cores.max'], 0);
  const seconds = sub.appArgs.map(Number).find((n) => Number.isFinite(n) && n > 0) ?? DEFAULT_APP_SECONDS;
  const base = seconds * 1000;
  const driver: SparkDriver = {
    submissionId: driverId(ctx.now, ++service.driverSeq),
    appName: props['spark.app.name'] || sub.mainClass.split('.').pop() || 'Spark',
    mainClass: sub.mainClass,
    appResource: sub.appResource,
    appArgs: [...sub.appArgs],
    submittedAt: ctx.now,
    cores: positive(props['spark.driver.cores'], 1),
    mem: memoryMb(props['spark.driver.memory'], 1024),
    executorCores,
    executorMem: memoryMb(props['spark.executor.memory'], 1024),
    executorCount: maxCores > 0 ? Math.max(1, Math.floor(maxCores / executorCores)) : DEFAULT_EXECUTORS,
    // Seeded jitter of up to a tenth either way: runs of one job differ a little, runs of one seed never.
    durationMs: Math.max(1000, Math.round(base * (0.9 + 0.2 * ctx.random()))),
    state: 'QUEUED',
    taskState: null,
    agentIdx: null,
    frameworkId: null,
    executors: [],
    done: false,
  };
  service.drivers.push(driver);
  const fw = frameworkById(state, service.frameworkId);
  if (fw.registered) revive(ctx, state, fw);
  return driver;
}

const cpusMem = (offer: OfferState): [number, number] => {
  const free = offer.portions.find((p) => p.pool === 0);
  return free ? [free.scalars[0], free.scalars[1]] : [0, 0];
};

/** Launches `want` tasks of `cpus`/`mem` on what the offer's unreserved part holds, as many as fit. */
function fitting(offer: OfferState, want: number, cpus: number, mem: number): number {
  const [c, m] = cpusMem(offer);
  let n = 0;
  while (n < want && c - (n + 1) * cpus >= -1e-9 && m - (n + 1) * mem >= -1e-9) n++;
  return n;
}

const portion = (cpus: number, mem: number) => [{ pool: 0, scalars: [cpus, mem, 0, 0] as [number, number, number, number], ports: [] }];

/** The dispatcher's offers: queued drivers launch, oldest first, where they fit; the rest is declined. */
export function dispatcherOffers(ctx: SimContext, state: ClusterState, service: DispatcherService, offers: OfferState[]): void {
  for (const offer of offers) {
    const launches: TaskLaunch[] = [];
    let [cpus, mem] = cpusMem(offer);
    for (const driver of service.drivers) {
      if (driver.state !== 'QUEUED') continue;
      if (cpus + 1e-9 < driver.cores || mem + 1e-9 < driver.mem) continue;
      cpus -= driver.cores;
      mem -= driver.mem;
      // Launched drivers count as RUNNING at once (MesosClusterScheduler's launchedDrivers).
      driver.state = 'RUNNING';
      driver.taskState = 'TASK_STAGING';
      driver.agentIdx = offer.agentIdx;
      launches.push({ id: driver.submissionId, name: `Driver for ${driver.appName}`, portions: portion(driver.cores, driver.mem) });
    }
    if (launches.length === 0) declineOffer(ctx, state, offer.id, REJECT_OFFER_SECONDS);
    else acceptOffer(ctx, state, offer.id, launches, REJECT_OFFER_SECONDS);
  }
}

/** A driver task's update: RUNNING starts its application (a framework of its own); its end ends the application. */
export function onDriverStatus(
  ctx: SimContext,
  state: ClusterState,
  service: DispatcherService,
  task: TaskState,
  next: TaskStateName,
): void {
  const driver = service.drivers.find((d) => d.submissionId === task.id);
  if (!driver) return;
  driver.taskState = next;
  if (next === 'TASK_RUNNING' && driver.frameworkId === null && !driver.done) {
    startApplication(ctx, state, service, driver);
  }
  if (!TERMINAL_STATES.has(next)) return;
  driver.state = 'FINISHED';
  endApplication(ctx, state, driver);
}

/** The driver's SparkContext registers the application's framework (spark.mesos.driver.frameworkId). */
function startApplication(ctx: SimContext, state: ClusterState, service: DispatcherService, driver: SparkDriver): void {
  const dispatcher = frameworkById(state, service.frameworkId) as DispatcherFramework;
  const fw: SparkAppFramework = {
    ...frameworkBase(`${dispatcher.id}-${driver.submissionId}`, driver.appName, [service.role]),
    kind: 'spark-app',
    service: service.name,
    submissionId: driver.submissionId,
    schedulerUp: true,
  };
  state.frameworks.push(fw);
  driver.frameworkId = fw.id;
  refreshFrameworks(ctx, state);
  ctx.schedule(driver.durationMs, { type: 'spark.app-done', service: service.name, submissionId: driver.submissionId });
}

/** The application stops: its executors are killed, its framework unregisters. */
function endApplication(ctx: SimContext, state: ClusterState, driver: SparkDriver): void {
  if (driver.done) return;
  driver.done = true;
  for (const e of driver.executors) if (!TERMINAL_STATES.has(e.state)) killTask(ctx, state, e.taskId);
  if (driver.frameworkId === null) return;
  const fw = frameworkById(state, driver.frameworkId) as SparkAppFramework;
  fw.schedulerUp = false;
  refreshFrameworks(ctx, state);
}

/** The application's time ran out: it stops, and its driver exits cleanly shortly after. */
export function onAppDone(ctx: SimContext, state: ClusterState, service: DispatcherService, submissionId: string): void {
  const driver = service.drivers.find((d) => d.submissionId === submissionId);
  if (!driver || driver.state !== 'RUNNING' || driver.done) return;
  endApplication(ctx, state, driver);
  if (state.tasks[submissionId])
    ctx.schedule(ctx.randomInt(EXIT_DELAY_MS[0], EXIT_DELAY_MS[1]), { type: 'task.status', taskId: submissionId, state: 'TASK_FINISHED' });
}

export function driverOfApp(state: ClusterState, fw: SparkAppFramework): SparkDriver | undefined {
  return state.dispatchers?.services[fw.service]?.drivers.find((d) => d.submissionId === fw.submissionId);
}

const liveExecutors = (driver: SparkDriver) => driver.executors.filter((e) => !TERMINAL_STATES.has(e.state)).length;

/** Whether the application wants more executors. */
export const appWantsOffers = (driver: SparkDriver | undefined) => !!driver && !driver.done && liveExecutors(driver) < driver.executorCount;

/** The application's offers (MesosCoarseGrainedSchedulerBackend): executors until it has its count, then decline. */
export function appOffers(ctx: SimContext, state: ClusterState, fw: SparkAppFramework, offers: OfferState[]): void {
  const driver = driverOfApp(state, fw);
  for (const offer of offers) {
    const want = appWantsOffers(driver) ? driver!.executorCount - liveExecutors(driver!) : 0;
    const n = want > 0 ? fitting(offer, want, driver!.executorCores, driver!.executorMem) : 0;
    if (n === 0) {
      declineOffer(ctx, state, offer.id, REJECT_OFFER_SECONDS);
      continue;
    }
    const launches: TaskLaunch[] = [];
    for (let k = 0; k < n; k++) {
      const id = String(fw.taskSeq++);
      launches.push({
        id: `${fw.id}-${id}`,
        name: `${driver!.appName} ${id}`,
        portions: portion(driver!.executorCores, driver!.executorMem),
      });
      driver!.executors.push({ taskId: `${fw.id}-${id}`, state: 'TASK_STAGING' });
    }
    acceptOffer(ctx, state, offer.id, launches, REJECT_OFFER_SECONDS);
  }
  if (driver && !appWantsOffers(driver) && fw.suppressedRoles.length === 0) suppress(fw);
}

export function onExecutorStatus(state: ClusterState, fw: SparkAppFramework, task: TaskState, next: TaskStateName): void {
  const driver = driverOfApp(state, fw);
  const executor = driver?.executors.find((e) => e.taskId === task.id);
  if (executor) executor.state = next;
}

/** `POST /v1/submissions/kill/<id>`: MesosClusterScheduler.killDriver's answers. */
export function killDriver(
  ctx: SimContext,
  state: ClusterState,
  service: DispatcherService,
  submissionId: string,
): { success: boolean; message: string } {
  const driver = service.drivers.find((d) => d.submissionId === submissionId);
  if (!driver) return { success: false, message: 'Cannot find driver' };
  if (driver.state === 'FINISHED') return { success: false, message: 'Driver already terminated' };
  if (driver.taskState === null) {
    driver.state = 'FINISHED';
    driver.done = true;
    service.drivers.splice(service.drivers.indexOf(driver), 1);
    return { success: true, message: "Removed driver while it's still pending" };
  }
  killTask(ctx, state, submissionId);
  return { success: true, message: 'Killing running driver' };
}
