/**
 * An SDK scheduler's answer to offers (dcos-commons `OfferEvaluator`, PLATFORM.md E.4): reservations it gave up are
 * destroyed and unreserved; a pod instance whose task ended relaunches on its own reservation (recovery); the deploy
 * plan's candidate steps reserve for the service's role, create the pod's volume and launch in one ACCEPT.
 */
import type { SimContext } from '../core/events.ts';
import type { AgentState, ClusterState, DynamicReservation, OfferState, Portion } from '../core/model.ts';
import { round3, subtractPorts, takePorts, type Scalars } from '../../common/resources.ts';
import { acceptOperations, type OfferOperation, type TaskLaunch } from '../mesos/accept.ts';
import { declineOffer } from '../mesos/master.ts';
import { diskItem, freeRootDisk } from '../mesos/disks.ts';
import { RESERVED, reservedPoolIndex, type Conversion } from '../mesos/reservations.ts';
import type { SdkPodInstance, SdkPodSpec, SdkService, SdkStep } from './model.ts';
import { candidateSteps } from './plans.ts';

/** The label dcos-commons puts on every resource it reserves. */
export const RESOURCE_ID_LABEL = 'resource_id';
/** Unused offers: declined for a short while, as the SDK's default filter. */
const DECLINE_SECONDS = 5;

export function resourceIdOf(agent: AgentState, pool: number): string | undefined {
  return agent.pools[pool]?.dynamic?.labels.find((l) => l.key === RESOURCE_ID_LABEL)?.value;
}

export function handleSdkOffers(ctx: SimContext, state: ClusterState, service: SdkService, offers: OfferState[]): void {
  settleRunningSteps(service);
  const pending = candidateSteps(service.deploy).filter((s) => s.status === 'PENDING' || s.status === 'PREPARED');
  for (const offer of offers) {
    const agent = state.agents[offer.agentIdx]!;
    const ops: OfferOperation[] = [...cleanup(service, agent, offer)];
    const launches: TaskLaunch[] = relaunches(ctx, service, agent, offer);
    if (ops.length === 0 && launches.length === 0) {
      const step = pending.find((s) => s.status !== 'STARTING' && fits(state, service, service.instances[s.pod]!, offer));
      if (step) {
        ops.push(...deployOps(ctx, service, step, agent, offer, launches));
        step.status = 'STARTING';
      }
    }
    if (launches.length > 0) ops.push({ type: 'LAUNCH', launches });
    if (ops.length === 0) declineOffer(ctx, state, offer.id, DECLINE_SECONDS);
    else acceptOperations(ctx, state, offer.id, ops, DECLINE_SECONDS);
  }
}

/** A step restarted while its pod runs as it should has nothing to do: it completes at the next look. */
export function settleRunningSteps(service: SdkService): void {
  for (const step of candidateSteps(service.deploy)) {
    const pod = service.instances[step.pod];
    if (
      (step.status === 'PENDING' || step.status === 'PREPARED') &&
      pod &&
      pod.taskStates.length > 0 &&
      pod.taskStates.every((s) => s === 'TASK_RUNNING')
    )
      step.status = 'COMPLETE';
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
    const pod = Object.values(service.instances).find((i) => i.resourceId === id && !i.replacing && i.taskIds.length === 0);
    if (id === undefined || !pod || service.uninstalling) continue;
    const spec = service.pods.find((p) => p.type === pod.type)!;
    out.push(...launchPod(ctx, service, pod, spec, { ...portion, scalars: [...portion.scalars] }));
    const step = recoveryStep(service, pod);
    if (step) step.status = 'STARTING';
  }
  return out;
}

function recoveryStep(service: SdkService, pod: SdkPodInstance): SdkStep | undefined {
  return service.recovery.phases.flatMap((p) => p.steps).find((s) => s.pod === pod.name && s.status !== 'COMPLETE');
}

/** The offer's unreserved resources hold the pod, its volume and a port, and the pod's placement allows the agent. */
function fits(state: ClusterState, service: SdkService, pod: SdkPodInstance, offer: OfferState): boolean {
  const spec = service.pods.find((p) => p.type === pod.type)!;
  const agent = state.agents[offer.agentIdx]!;
  const free = offer.portions.find((p) => p.pool === 0);
  if (!free || free.ports.length === 0) return false;
  for (let s = 0; s < 2; s++) if (free.scalars[s]! < spec.resources[s]!) return false;
  if (spec.volume?.type === 'ROOT' && free.scalars[2] < spec.volume.size) return false;
  if (spec.volume?.type === 'MOUNT' && mountFor(agent, free, spec.volume.size) === undefined) return false;
  return placementAllows(service, spec, offer.agentIdx);
}

function mountFor(agent: AgentState, free: Portion, size: number): number | undefined {
  return (free.disks ?? []).find((id) => {
    const d = diskItem(agent.pools[0]!, id);
    return d !== undefined && d.source?.type === 'MOUNT' && !d.persistence && d.size >= size;
  });
}

/** `hostname:MAX_PER:n` and `hostname:UNIQUE` over the service's instances of the pod type (others: not checked). */
function placementAllows(service: SdkService, spec: SdkPodSpec, agentIdx: number): boolean {
  const here = Object.values(service.instances).filter((i) => i.type === spec.type && i.agentIdx === agentIdx && !i.replacing).length;
  for (const [field, op, value] of spec.placement) {
    if (field !== 'hostname') continue;
    if (op === 'UNIQUE' && here >= 1) return false;
    if (op === 'MAX_PER' && here >= Number(value ?? 1)) return false;
  }
  return true;
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
  launches.push(...launchPod(ctx, service, pod, spec, reserved));
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

/** The pod's tasks share its reserved resources; the first carries the volume. */
function launchPod(ctx: SimContext, service: SdkService, pod: SdkPodInstance, spec: SdkPodSpec, reserved: Portion): TaskLaunch[] {
  const n = spec.tasks.length;
  pod.taskIds = spec.tasks.map((t) => `${pod.name}-${t}__${ctx.randomUuid()}`);
  pod.taskStates = spec.tasks.map(() => 'TASK_STAGING');
  service.taskSeq++;
  let ports = reserved.ports;
  return spec.tasks.map((t, k) => {
    // Shares rounded down to Mesos' three decimals, so that they never add up to more than was reserved.
    const share: Scalars = [Math.floor((reserved.scalars[0] * 1000) / n) / 1000, Math.floor((reserved.scalars[1] * 1000) / n) / 1000, 0, 0];
    const portion: Portion = { pool: reserved.pool, scalars: share, ports: k === 0 ? ports : [] };
    if (k === 0) {
      ports = subtractPorts(ports, portion.ports);
      if (reserved.disks) Object.assign(portion, { disks: reserved.disks, wholeDisk: reserved.wholeDisk });
    }
    return { name: `${pod.name}-${t}`, id: pod.taskIds[k]!, portions: [portion] };
  });
}

/** Free ROOT disk of the unreserved pool (for the placement view). */
export const unreservedRootDisk = (agent: AgentState): number => freeRootDisk(agent.pools[0]!);
