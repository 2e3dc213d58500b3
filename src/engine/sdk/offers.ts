/**
 * An SDK scheduler's answer to offers (dcos-commons `OfferEvaluator`, PLATFORM.md E.4): reservations it gave up are
 * destroyed and unreserved; a pod instance whose task ended relaunches on its own reservation (recovery); the deploy
 * plan's candidate steps reserve for the service's role, create the pod's volume and launch in one ACCEPT.
 */
import type { SimContext } from '../core/events.ts';
import type { AgentState, ClusterState, DynamicReservation, OfferState, Portion } from '../core/model.ts';
import { round3, takePorts, type Scalars } from '../../common/resources.ts';
import { acceptOperations, type OfferOperation, type TaskLaunch } from '../mesos/accept.ts';
import { declineOffer } from '../mesos/master.ts';
import { diskItem, freeRootDisk } from '../mesos/disks.ts';
import { RESERVED, reservedPoolIndex, type Conversion } from '../mesos/reservations.ts';
import { TERMINAL_STATES } from '../../common/task-states.ts';
import type { SdkPodInstance, SdkPodSpec, SdkService, SdkStep } from './model.ts';
import { candidateSteps } from './plans.ts';
import { launchedCount, onceLive, settleRunningSteps, specOf, stepTasks } from './steps.ts';
import { resizeFits, resizeOps, stopOutdatedPods } from './updates.ts';
import { placementAllows } from './placement.ts';

/** The label dcos-commons puts on every resource it reserves. */
export const RESOURCE_ID_LABEL = 'resource_id';
/** Unused offers: declined for a short while, as the SDK's default filter. */
const DECLINE_SECONDS = 5;

export function resourceIdOf(agent: AgentState, pool: number): string | undefined {
  return agent.pools[pool]?.dynamic?.labels.find((l) => l.key === RESOURCE_ID_LABEL)?.value;
}

export function handleSdkOffers(ctx: SimContext, state: ClusterState, service: SdkService, offers: OfferState[]): void {
  settleRunningSteps(service);
  stopOutdatedPods(ctx, state, service);
  const pending = candidateSteps(service.deploy).filter((s) => s.status === 'PENDING' || s.status === 'PREPARED');
  for (const offer of offers) {
    const agent = state.agents[offer.agentIdx]!;
    const ops: OfferOperation[] = [...cleanup(service, agent, offer)];
    const launches: TaskLaunch[] = relaunches(ctx, service, agent, offer);
    if (ops.length === 0 && launches.length === 0) {
      const step = pending.find((s) => s.status !== 'STARTING' && fits(ctx, state, service, service.instances[s.pod]!, s, offer));
      if (step) {
        const pod = service.instances[step.pod]!;
        const own = ownResourceTask(specOf(service, pod), step);
        if (pod.resourceId === null) ops.push(...deployOps(ctx, service, step, agent, offer, launches));
        else if (own) ops.push(...sidecarOps(ctx, service, pod, own, agent, offer, launches));
        else launches.push(...launchOnReservation(ctx, state, service, pod, step, offer, ops));
        step.status = 'STARTING';
      }
    }
    if (launches.length > 0) ops.push({ type: 'LAUNCH', launches });
    if (ops.length === 0) declineOffer(ctx, state, offer.id, DECLINE_SECONDS);
    else acceptOperations(ctx, state, offer.id, ops, DECLINE_SECONDS);
  }
}

/** Reservations of replaced pods (or of an uninstall): DESTROY the volume, UNRESERVE the rest. */
function cleanup(service: SdkService, agent: AgentState, offer: OfferState): Conversion[] {
  const ops: Conversion[] = [];
  for (const portion of offer.portions) {
    const id = resourceIdOf(agent, portion.pool);
    if (id === undefined || !service.abandoned.includes(id)) continue;
    const pool = agent.pools[portion.pool]!;
    const items = (portion.disks ?? []).map((d) => diskItem(pool, d)!);
    const volumes = items.filter((d) => d.persistence);
    if (volumes.length > 0) ops.push({ type: 'DESTROY', pool: portion.pool, persistenceIds: volumes.map((d) => d.persistence!.id) });
    const scalars: Scalars = [...portion.scalars];
    scalars[2] = round3(scalars[2] + volumes.reduce((n, d) => (d.source === null ? n + d.size : n), 0));
    const whole = items.filter((d) => d.source !== null).map((d) => d.id);
    ops.push({
      type: 'UNRESERVE',
      resources: { pool: portion.pool, scalars, ports: portion.ports, ...(whole.length ? { disks: whole } : {}) },
    });
    service.abandoned = service.abandoned.filter((x) => x !== id);
  }
  return ops;
}

/** A pod instance with a reservation and no live task relaunches on it when its resources come back (recovery). */
function relaunches(ctx: SimContext, service: SdkService, agent: AgentState, offer: OfferState): TaskLaunch[] {
  const out: TaskLaunch[] = [];
  for (const portion of offer.portions) {
    const id = resourceIdOf(agent, portion.pool);
    const pod = Object.values(service.instances).find(
      (i) =>
        i.resourceId === id &&
        !i.replacing &&
        !i.outdated &&
        i.taskIds.length === 0 &&
        !onceLive(i) &&
        launchedCount(specOf(service, i), i) > 0,
    );
    if (id === undefined || !pod || service.uninstalling) continue;
    const spec = specOf(service, pod);
    const names = spec.tasks.slice(0, launchedCount(spec, pod));
    out.push(...launchTasks(ctx, service, pod, spec, names, { ...portion, scalars: [...portion.scalars] }));
    const step = recoveryStep(service, pod);
    if (step) step.status = 'STARTING';
  }
  return out;
}

function recoveryStep(service: SdkService, pod: SdkPodInstance): SdkStep | undefined {
  return service.recovery.phases.flatMap((p) => p.steps).find((s) => s.pod === pod.name && s.status !== 'COMPLETE');
}

/**
 * Whether the step can launch with this offer: a pod without a reservation needs the offer's unreserved resources to
 * hold it, its volume and a port on an agent its placement allows; a pod with one launches the step's tasks on it when
 * the offer carries it and none of those tasks runs.
 */
function fits(ctx: SimContext, state: ClusterState, service: SdkService, pod: SdkPodInstance, step: SdkStep, offer: OfferState): boolean {
  const spec = specOf(service, pod);
  if (pod.replacing) return false;
  const own = ownResourceTask(spec, step);
  if (pod.resourceId !== null && own) {
    const portion = sidecarPortion(state, pod, offer);
    return !onceLive(pod) && portion !== undefined && portion.scalars[0] >= own.resources[0] && portion.scalars[1] >= own.resources[1];
  }
  if (pod.resourceId !== null) {
    const reserved = reservedPortion(state, pod, offer);
    return reserved !== undefined && stepTasksIdle(spec, pod, step) && resizeFits(service, pod, reserved, offer);
  }
  const agent = state.agents[offer.agentIdx]!;
  const free = offer.portions.find((p) => p.pool === 0);
  if (!free || free.ports.length === 0) return false;
  for (let s = 0; s < 2; s++) if (free.scalars[s]! < spec.resources[s]!) return false;
  if (spec.volume?.type === 'ROOT' && free.scalars[2] < spec.volume.size) return false;
  if (spec.volume?.type === 'MOUNT' && mountFor(agent, free, spec.volume.size) === undefined) return false;
  return placementAllows(state, ctx.matcher, service, spec, offer.agentIdx);
}

/** The offer's part of the pod's reservation (on the pod's agent, its `resource_id`). */
function reservedPortion(state: ClusterState, pod: SdkPodInstance, offer: OfferState): Portion | undefined {
  if (offer.agentIdx !== pod.agentIdx) return undefined;
  const agent = state.agents[offer.agentIdx]!;
  return offer.portions.find((p) => p.pool !== 0 && resourceIdOf(agent, p.pool) === pod.resourceId);
}

/** A step's task that runs on a resource set of its own (Cassandra's `init_system_keyspaces` on sidecar-resources). */
function ownResourceTask(spec: SdkPodSpec, step: SdkStep): { task: string; resources: [number, number] } | undefined {
  for (const task of stepTasks(step, spec)) {
    const once = spec.once?.[task];
    if (once && once.slot === undefined && once.resources) return { task, resources: once.resources };
  }
  return undefined;
}

/** Where the pod's own resource set comes from in this offer: its reservation once made, else the unreserved pool. */
function sidecarPortion(state: ClusterState, pod: SdkPodInstance, offer: OfferState): Portion | undefined {
  if (offer.agentIdx !== pod.agentIdx) return undefined;
  const agent = state.agents[offer.agentIdx]!;
  if (pod.sidecarResourceId) return offer.portions.find((p) => p.pool !== 0 && resourceIdOf(agent, p.pool) === pod.sidecarResourceId);
  return offer.portions.find((p) => p.pool === 0);
}

/** RESERVE the pod's own resource set beside it (the first time, with a `resource_id` of its own) and LAUNCH the task on it. */
function sidecarOps(
  ctx: SimContext,
  service: SdkService,
  pod: SdkPodInstance,
  own: { task: string; resources: [number, number] },
  agent: AgentState,
  offer: OfferState,
  launches: TaskLaunch[],
): Conversion[] {
  const scalars: Scalars = [own.resources[0], own.resources[1], 0, 0];
  const ops: Conversion[] = [];
  let pool: number;
  if (pod.sidecarResourceId) {
    pool = offer.portions.find((p) => p.pool !== 0 && resourceIdOf(agent, p.pool) === pod.sidecarResourceId)!.pool;
  } else {
    const reservation: DynamicReservation = { principal: service.principal, labels: [{ key: RESOURCE_ID_LABEL, value: ctx.randomUuid() }] };
    pool = reservedPoolIndex(agent, service.role, reservation);
    pod.sidecarResourceId = reservation.labels[0]!.value!;
    ops.push({ type: 'RESERVE', role: service.role, reservation, resources: { pool: 0, scalars, ports: [] } });
  }
  const id = `${pod.name}-${own.task}__${ctx.randomUuid()}`;
  pod.once = { task: own.task, id, state: 'TASK_STAGING' };
  service.taskSeq++;
  launches.push({ name: `${pod.name}-${own.task}`, id, portions: [{ pool, scalars, ports: [] }] });
  return ops;
}

/** No task of the pod runs to completion now, and none of the step's tasks is staging or running. */
function stepTasksIdle(spec: SdkPodSpec, pod: SdkPodInstance, step: SdkStep): boolean {
  if (onceLive(pod)) return false;
  return stepTasks(step, spec).every((t) => {
    const state = pod.taskStates[slotOf(spec, t)];
    return state === undefined || TERMINAL_STATES.has(state);
  });
}

/** The running task whose resources a task uses: itself, or for a task that runs to completion the one svc.yml names. */
function slotOf(spec: SdkPodSpec, task: string): number {
  const k = spec.tasks.indexOf(task);
  return k >= 0 ? k : Math.max(0, spec.tasks.indexOf(spec.once?.[task]?.slot ?? ''));
}

/**
 * LAUNCH the step's tasks on the pod's reservation (a later step of a pod that an earlier one reserved, or an outdated
 * pod relaunched with its target: its reservation resized first, the conversions added to `ops`).
 */
function launchOnReservation(
  ctx: SimContext,
  state: ClusterState,
  service: SdkService,
  pod: SdkPodInstance,
  step: SdkStep,
  offer: OfferState,
  ops: OfferOperation[],
): TaskLaunch[] {
  const spec = specOf(service, pod);
  const resized = resizeOps(state, service, pod, reservedPortion(state, pod, offer)!);
  ops.push(...resized.ops);
  return launchTasks(ctx, service, pod, spec, stepTasks(step, spec), resized.portion);
}

function mountFor(agent: AgentState, free: Portion, size: number): number | undefined {
  return (free.disks ?? []).find((id) => {
    const d = diskItem(agent.pools[0]!, id);
    return d !== undefined && d.source?.type === 'MOUNT' && !d.persistence && d.size >= size;
  });
}

/** RESERVE the pod's resources with a fresh `resource_id`, CREATE its volume, and LAUNCH its tasks on them. */
function deployOps(
  ctx: SimContext,
  service: SdkService,
  step: SdkStep,
  agent: AgentState,
  offer: OfferState,
  launches: TaskLaunch[],
): Conversion[] {
  const pod = service.instances[step.pod]!;
  const spec = service.pods.find((p) => p.type === pod.type)!;
  const free = offer.portions.find((p) => p.pool === 0)!;
  const [port] = takePorts(free.ports, 1);
  const mount = spec.volume?.type === 'MOUNT' ? mountFor(agent, free, spec.volume.size) : undefined;
  const scalars: Scalars = [spec.resources[0], spec.resources[1], spec.volume?.type === 'ROOT' ? spec.volume.size : 0, 0];
  const reservation: DynamicReservation = { principal: service.principal, labels: [{ key: RESOURCE_ID_LABEL, value: ctx.randomUuid() }] };
  const pool = reservedPoolIndex(agent, service.role, reservation);
  const persistenceId = ctx.randomUuid();
  const volumeDisk = mount ?? (agent.diskSeq ?? 0) + 1;
  const volumeSize = mount !== undefined ? diskItem(agent.pools[0]!, mount)!.size : (spec.volume?.size ?? 0);
  pod.agentIdx = offer.agentIdx;
  pod.resourceId = reservation.labels[0]!.value!;
  pod.volume = spec.volume ? persistenceId : null;
  const reserved: Portion = { pool, scalars: [spec.resources[0], spec.resources[1], 0, 0], ports: port };
  if (spec.volume) Object.assign(reserved, { disks: [volumeDisk], wholeDisk: volumeSize });
  pod.launched = 0;
  launches.push(...launchTasks(ctx, service, pod, spec, stepTasks(step, spec), reserved));
  const ops: Conversion[] = [
    {
      type: 'RESERVE',
      role: service.role,
      reservation,
      resources: { pool: 0, scalars, ports: port, ...(mount !== undefined ? { disks: [mount] } : {}) },
    },
  ];
  if (spec.volume) {
    const volume = { containerPath: spec.volume.path, mode: 'RW' as const };
    const persistence = { id: persistenceId, principal: service.principal };
    ops.push({
      type: 'CREATE',
      pool: RESERVED,
      volumes: [{ size: volumeSize, persistence, volume, ...(mount !== undefined ? { disk: mount } : {}) }],
    });
  }
  return ops;
}

/**
 * LAUNCH `names` of the pod on its reservation: each task has its slot's share of the pod's resources (a task that runs
 * to completion, the share of the running task whose resources it uses); the first slot carries the port and the
 * volume. Running tasks take their slot in the pod's current launch; one that runs to completion is the pod's `once`.
 */
function launchTasks(
  ctx: SimContext,
  service: SdkService,
  pod: SdkPodInstance,
  spec: SdkPodSpec,
  names: readonly string[],
  reserved: Portion,
): TaskLaunch[] {
  const n = spec.tasks.length;
  service.taskSeq++;
  // Shares rounded down to Mesos' three decimals, so that they never add up to more than was reserved.
  const share: Scalars = [Math.floor((spec.resources[0] * 1000) / n) / 1000, Math.floor((spec.resources[1] * 1000) / n) / 1000, 0, 0];
  return names.map((t) => {
    const slot = slotOf(spec, t);
    const id = `${pod.name}-${t}__${ctx.randomUuid()}`;
    const portion: Portion = { pool: reserved.pool, scalars: [...share], ports: slot === 0 ? reserved.ports : [] };
    if (slot === 0 && reserved.disks) Object.assign(portion, { disks: reserved.disks, wholeDisk: reserved.wholeDisk });
    if (spec.tasks[slot] === t) {
      pod.taskIds[slot] = id;
      pod.taskStates[slot] = 'TASK_STAGING';
      pod.launched = Math.max(pod.launched ?? 0, slot + 1);
    } else pod.once = { task: t, id, state: 'TASK_STAGING' };
    return { name: `${pod.name}-${t}`, id, portions: [portion] };
  });
}

/** Free ROOT disk of the unreserved pool (for the placement view). */
export const unreservedRootDisk = (agent: AgentState): number => freeRootDisk(agent.pools[0]!);
