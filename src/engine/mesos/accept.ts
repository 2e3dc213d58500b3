/**
 * ACCEPT: the operations a framework sends with an offer, LAUNCH of tasks and the speculative conversions
 * (reservations.ts), run in order against what the offer holds; what is left returns to the agent.
 */
import type { SimContext } from '../core/events.ts';
import { round3, subtractPorts, type Scalars } from '../../common/resources.ts';
import type { ClusterState, FrameworkState, OfferState, Portion, StatusDetail, TaskState } from '../core/model.ts';
import { DEFAULT_STORE, hasSecret } from '../secrets/store.ts';
import { chargeFramework } from './offers.ts';
import { frameworkById } from './frameworks.ts';
import { countLive, countState, recover, takeOffer, tasksOn } from './master.ts';
import { applyConversion, type Conversion, type ConversionError } from './reservations.ts';
import { assignContainerIps, type IpAssignment } from '../network/container-ips.ts';
import type { NetworkAttachment } from '../network/model.ts';

export interface TaskLaunch {
  name: string;
  /** The framework's own task id (Marathon names its tasks); generated when absent. */
  id?: string;
  portions: Portion[];
  /** The networks its container joins; absent or empty: the agent's network (host). */
  networks?: NetworkAttachment[];
  /** Launches with the same key share one network namespace (a pod's containers): one set of IPs. */
  namespace?: string;
  /** Secret paths its container needs resolved at launch (env, volumes, pull config); absent: none. */
  secrets?: string[];
}

/** An operation of an ACCEPT: a speculative conversion, or LAUNCH of tasks. */
export type OfferOperation = Conversion | { type: 'LAUNCH'; launches: TaskLaunch[] };

export interface AcceptResult {
  tasks: TaskState[];
  /** Per operation, in order: null when applied, else why Mesos dropped it (a v0 framework is not told). */
  errors: Array<ConversionError | null>;
}

/** ACCEPT with LAUNCH operations: tasks start staging; what was not used returns with a filter. */
export function acceptOffer(
  ctx: SimContext,
  state: ClusterState,
  offerId: string,
  launches: TaskLaunch[],
  refuseSeconds: number,
): TaskState[] {
  return acceptOperations(ctx, state, offerId, [{ type: 'LAUNCH', launches }], refuseSeconds).tasks;
}

/**
 * ACCEPT with operations run in order against what the offer holds: each conversion changes the agent's resources
 * and the held remainder at once, so RESERVE, CREATE, LAUNCH in one accept launches on the new volume. A failing
 * operation is dropped and the others go on. Converted leftovers return with no filter, the others with the accept's.
 */
export function acceptOperations(
  ctx: SimContext,
  state: ClusterState,
  offerId: string,
  operations: OfferOperation[],
  refuseSeconds: number,
): AcceptResult {
  const offer = takeOffer(state, offerId);
  const fw = frameworkById(state, offer.frameworkId);
  const agent = state.agents[offer.agentIdx]!;
  let held = offer.portions.map(copyPortion);
  // The framework's allocation follows the conversions: what it held before, replaced by what it holds after.
  chargeFramework(fw, offer.role, offer.portions, -1);
  const converted = new Set<number>();
  const errors: Array<ConversionError | null> = [];
  const tasks: TaskState[] = [];
  let lastReserved: number | null = null;
  for (const op of operations) {
    if (op.type === 'LAUNCH') {
      const fits = op.launches.every((l) => holds(held, l.portions));
      errors.push(fits ? null : { kind: 'not-contained' });
      if (!fits) continue;
      const used = op.launches.flatMap((l) => l.portions);
      held = subtractPortions(held, used);
      chargeFramework(fw, offer.role, used, 1);
      tasks.push(...launchTasks(ctx, state, fw, offer, op.launches));
      continue;
    }
    const result = applyConversion(agent, held, op, (pool, id) => diskInUse(state, offer.agentIdx, pool, id), lastReserved);
    errors.push(result.ok ? null : result.error);
    if (!result.ok) continue;
    // What a conversion produced comes back unfiltered (the rest of the offer keeps the accept's filter).
    converted.add(result.pool);
    if (op.type === 'RESERVE') lastReserved = result.pool;
  }
  chargeFramework(fw, offer.role, held, 1);
  recover(
    ctx,
    state,
    fw,
    offer,
    held.filter((p) => converted.has(p.pool)),
    0,
  );
  recover(
    ctx,
    state,
    fw,
    offer,
    held.filter((p) => !converted.has(p.pool)),
    refuseSeconds,
  );
  return { tasks, errors };
}

function launchTasks(ctx: SimContext, state: ClusterState, fw: FrameworkState, offer: OfferState, launches: TaskLaunch[]): TaskState[] {
  const namespaces = new Map<string, IpAssignment>();
  return launches.map((launch) => {
    const task: TaskState = {
      id: launch.id ?? `${launch.name}.${fw.id.slice(-4)}-${fw.taskSeq++}`,
      name: launch.name,
      frameworkId: fw.id,
      agentIdx: offer.agentIdx,
      role: offer.role,
      state: 'TASK_STAGING',
      portions: launch.portions,
      statuses: [{ state: 'TASK_STAGING', timestamp: ctx.now }],
    };
    state.tasks[task.id] = task;
    state.agents[task.agentIdx]!.taskIds.push(task.id);
    countState(state, 'TASK_STAGING');
    countLive(state, task, 1);
    fw.launched++;
    const joined = joinNetworks(state, task, launch, namespaces);
    // A container the agent cannot give an address fails to launch (inferred: networking-sources.md §5 #12).
    const unresolved = unresolvedSecret(state, launch);
    const next = joined && unresolved === null ? 'TASK_STARTING' : 'TASK_FAILED';
    ctx.schedule(ctx.randomInt(300, 1500), {
      type: 'task.status',
      taskId: task.id,
      state: next,
      ...(joined && unresolved !== null ? { detail: unresolved } : {}),
    });
    return task;
  });
}

/**
 * The agent resolves the container's secrets before it launches it (apache/mesos src/slave/containerizer/mesos/
 * isolators/environment_secret.cpp, volume/secret.cpp): one missing from the store fails the launch, TASK_FAILED
 * with REASON_CONTAINER_LAUNCH_FAILED and "Failed to launch container: …" (src/slave/slave.cpp). The resolver's own
 * words after the colon are Enterprise's and not sourced (inferred).
 */
function unresolvedSecret(state: ClusterState, launch: TaskLaunch): StatusDetail | null {
  const missing = (launch.secrets ?? []).find((path) => !hasSecret(state, path));
  if (missing === undefined) return null;
  return {
    source: 'SOURCE_SLAVE',
    reason: 'REASON_CONTAINER_LAUNCH_FAILED',
    message: `Failed to launch container: Failed to resolve secret '${missing}': not found in store '${DEFAULT_STORE}'`,
  };
}

/** Whether a live task on the agent holds the pool's whole disk `diskId` (a volume in use cannot be destroyed). */
export function diskInUse(state: ClusterState, agentIdx: number, pool: number, diskId: number): boolean {
  return tasksOn(state, agentIdx).some((t) => t.portions.some((p) => p.pool === pool && p.disks?.includes(diskId)));
}

function copyPortion(p: Portion): Portion {
  const copy: Portion = { pool: p.pool, scalars: [...p.scalars], ports: p.ports.map(([b, e]) => [b, e]) };
  if (p.disks) {
    copy.disks = [...p.disks];
    copy.wholeDisk = p.wholeDisk ?? 0;
  }
  return copy;
}

/** Whether `held` has every portion of `wanted`, pool by pool (scalars, ports, whole disks). */
function holds(held: Portion[], wanted: Portion[]): boolean {
  const left = held.map(copyPortion);
  for (const w of wanted) {
    const from = left.find((p) => p.pool === w.pool);
    if (!from) return false;
    for (let i = 0; i < 4; i++) {
      if (from.scalars[i]! < w.scalars[i]! - 1e-9) return false;
      from.scalars[i] = round3(from.scalars[i]! - w.scalars[i]!);
    }
    if (subtractPorts(w.ports, from.ports).length > 0) return false;
    from.ports = subtractPorts(from.ports, w.ports);
    if ((w.disks ?? []).some((id) => !from.disks?.includes(id))) return false;
    from.disks = from.disks?.filter((id) => !w.disks?.includes(id));
  }
  return true;
}

/** The container joins its networks (one namespace per pod instance); false when the agent's IPAM refuses. */
function joinNetworks(state: ClusterState, task: TaskState, launch: TaskLaunch, namespaces: Map<string, IpAssignment>): boolean {
  const networks = launch.networks ?? [];
  if (networks.length === 0) return true;
  const key = launch.namespace ?? task.id;
  let assigned = namespaces.get(key);
  if (!assigned) {
    assigned = assignContainerIps(state, task.agentIdx, networks);
    namespaces.set(key, assigned);
  }
  task.networks = networks;
  if (assigned.ok) task.ips = assigned.ips;
  return assigned.ok;
}

/** What is left of `offered` after `used` was taken from it, pool by pool. */
function subtractPortions(offered: Portion[], used: Portion[]): Portion[] {
  return offered.map((o) => {
    const scalars = [...o.scalars] as Scalars;
    let ports = o.ports;
    let disks = o.disks;
    let wholeDisk = o.wholeDisk ?? 0;
    for (const u of used) {
      if (u.pool !== o.pool) continue;
      for (let i = 0; i < 4; i++) scalars[i] = round3(scalars[i]! - u.scalars[i]!);
      ports = subtractPorts(ports, u.ports);
      if (u.disks?.length) disks = disks?.filter((id) => !u.disks!.includes(id));
      wholeDisk = round3(wholeDisk - (u.wholeDisk ?? 0));
    }
    return disks?.length ? { pool: o.pool, scalars, ports, disks, wholeDisk } : { pool: o.pool, scalars, ports };
  });
}
