/**
 * Trying a placement without touching the cluster: each agent's room (free resources plus outstanding
 * offers), `placeInstances` run over it in several offer orders, and a rolling restart played out as
 * `deployments.ts` runs it. Every trial spends one unit of the diagnosis' placement budget.
 */
import { freeRootDisk } from '../mesos/disks.ts';
import type { ConstraintMatcher } from '../../kernels/constraints/contract.ts';
import { mergePorts, portCount, round3, subtractPorts, type Scalars } from '../../common/resources.ts';
import type { PortRanges } from '../../common/scenario/types.ts';
import type { AgentState, ClusterState, OfferState, Portion } from '../core/model.ts';
import { LOST_CONDITIONS, newInstance, TERMINAL_CONDITIONS, type InstanceState, type RunSpec, type RunSpecRecord } from './model.ts';
import { isHealthy } from './instance-tally.ts';
import { placeInstances } from './placement.ts';
import { instancesOf } from './store.ts';
import { LAUNCH_WINDOW } from './launch-window.ts';

const NEW_VERSION = '\uffff';

const OUT_OF_BUDGET = new Error('placement budget spent');

/** `fits()`, or false once the placement budget is spent. */
export function within(fits: () => boolean): boolean {
  try {
    return fits();
  } catch (e) {
    if (e === OUT_OF_BUDGET) return false;
    throw e;
  }
}

export interface PoolRoom {
  role: string;
  /** Plain resources: the disk is ROOT disk only. */
  scalars: Scalars;
  ports: PortRanges;
  /** Whole disks (PATH, MOUNT) free or offered. */
  disks: number[];
}

/** What the placement of a run spec needs to know, read once from the cluster. */
export interface Situation {
  state: ClusterState;
  matcher: ConstraintMatcher;
  record: RunSpecRecord;
  /** Roles whose resources Marathon is offered. */
  offeredRoles: Set<string>;
  /** Per agent index (registered agents only, others null): free resources plus outstanding offers, per pool. */
  rooms: Array<PoolRoom[] | null>;
  waiting: number;
  /** Placement runs left for this diagnosis; once spent, untried changes are left out (the GET stays quick on large clusters). */
  budget: number;
}

/** Placement runs one diagnosis may make: each goes over every agent, so fewer on large clusters. */
export const placementBudget = (agents: number) => Math.max(120, Math.floor(40_000 / Math.max(1, agents)));

/**
 * The orders offers are tried in: which agent's offer comes first decides where greedy placement
 * puts an instance (and, in a restart, where the old waiting ones land), so a change is kept only
 * when it works in each. Every order for up to 4 agents; else ascending, descending and, up to
 * 50 agents, four fixed shuffles (a fixed generator, not the simulation's).
 */
export function offerOrders(n: number): number[][] {
  const asc = Array.from({ length: n }, (_, i) => i);
  if (n <= 4) return permutations(asc);
  const out = [asc, [...asc].reverse()];
  for (let seed = 1; seed <= (n <= 50 ? 4 : 0); seed++) {
    const order = [...asc];
    let x = seed * 2654435761;
    for (let i = n - 1; i > 0; i--) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const j = x % (i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    out.push(order);
  }
  return out;
}

function permutations(xs: number[]): number[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** Per agent and pool: free resources plus those sitting in outstanding offers. */
export function availableRooms(state: ClusterState): Array<PoolRoom[] | null> {
  const rooms = state.agents.map((a) =>
    a.registered
      ? a.pools.map((p) => {
          const scalars = [...p.free] as Scalars;
          scalars[2] = freeRootDisk(p);
          return {
            role: p.role,
            scalars,
            ports: p.freePorts.map(([b, e]) => [b, e] as [number, number]),
            disks: (p.disks ?? []).filter((d) => d.free).map((d) => d.id),
          };
        })
      : null,
  );
  for (const offer of state.offers.values()) {
    const pools = rooms[offer.agentIdx];
    if (!pools) continue;
    for (const portion of offer.portions) addPortion(pools, portion);
  }
  return rooms;
}

function addPortion(pools: PoolRoom[], portion: Portion): void {
  const room = pools[portion.pool]!;
  for (let r = 0; r < 4; r++) room.scalars[r] = round3(room.scalars[r]! + portion.scalars[r]!);
  room.ports = mergePorts(room.ports, portion.ports);
  if (portion.disks) room.disks = [...room.disks, ...portion.disks];
}

export function copyRooms(rooms: Array<PoolRoom[] | null>): Array<PoolRoom[] | null> {
  return rooms.map(
    (pools) =>
      pools?.map((p) => ({
        role: p.role,
        scalars: [...p.scalars] as Scalars,
        ports: p.ports.map(([b, e]) => [b, e] as [number, number]),
        disks: [...p.disks],
      })) ?? null,
  );
}

/**
 * Place up to `count` instances of `spec` on offers made of `rooms`, with the instances on `counted`
 * (agent indexes) counting for its constraints and `extra` agents appended to the cluster; the
 * rooms lose what the placed instances take. Returns how many placed and where.
 */
export function place(
  s: Situation,
  spec: RunSpec,
  rooms: Array<PoolRoom[] | null>,
  extra: AgentState[],
  counted: number[],
  count: number,
  order: readonly number[],
): Launched[] {
  if (count <= 0) return [];
  if (s.budget <= 0) throw OUT_OF_BUDGET;
  count = Math.min(count, LAUNCH_WINDOW); // as the launch queue: never more waiting records than the window
  s.budget--;
  const agents = extra.length > 0 ? [...s.state.agents, ...extra] : s.state.agents;
  const instances: Record<string, InstanceState> = {};
  const ids: string[] = [];
  counted.forEach((agentIdx, k) => {
    const id = `counted-${k}`;
    instances[id] = fakeInstance(id, agentIdx, 'Running');
    ids.push(id);
  });
  const pending: InstanceState[] = [];
  for (let k = 0; k < count; k++) {
    const id = `waiting-${k}`;
    instances[id] = fakeInstance(id, null, 'Scheduled');
    pending.push(instances[id]);
    ids.push(id);
  }
  const record: RunSpecRecord = { ...s.record, spec, lastConfigChangeAt: NEW_VERSION, instanceIds: ids };
  const view: ClusterState = { ...s.state, agents, marathon: { ...s.state.marathon, instances } };
  const offers: OfferState[] = [];
  for (const agentIdx of order) {
    const pools = rooms[agentIdx];
    if (!pools) continue;
    const portions: Portion[] = [];
    pools.forEach((p, pool) => {
      if (!s.offeredRoles.has(p.role) || (p.scalars.every((x) => x <= 0) && portCount(p.ports) === 0 && p.disks.length === 0)) return;
      const ports = p.ports.map(([b, e]) => [b, e] as [number, number]);
      portions.push({ pool, scalars: [...p.scalars] as Scalars, ports, ...(p.disks.length > 0 ? { disks: [...p.disks] } : {}) });
    });
    if (portions.length > 0)
      offers.push({ id: `diagnosis-${agentIdx}`, frameworkId: '', agentIdx, role: spec.role, portions, offeredAt: 0 });
  }
  // Dynamic host ports lowest-first (random null): a trial must not draw from the engine's generator, and which free
  // ports it picks does not change whether an instance fits.
  const result = placeInstances(view, s.matcher, offers, [{ record, instances: pending }], Infinity, null);
  const placed: Launched[] = [];
  for (const offer of offers) {
    for (const launch of result.launches.get(offer.id) ?? []) {
      const portions = launch.tasks.flatMap((task) => task.portions);
      for (const portion of portions) takePortion(rooms[offer.agentIdx]!, portion);
      placed.push({ k: pending.indexOf(launch.instance), agentIdx: offer.agentIdx, portions });
    }
  }
  return placed.sort((a, b) => a.k - b.k);
}

/** One placed instance: its index among those asked for, where, and what it took. */
interface Launched {
  k: number;
  agentIdx: number;
  portions: Portion[];
}

function takePortion(pools: PoolRoom[], portion: Portion): void {
  const room = pools[portion.pool]!;
  for (let r = 0; r < 4; r++) room.scalars[r] = round3(room.scalars[r]! - portion.scalars[r]!);
  if (portion.ports.length > 0) room.ports = subtractPorts(room.ports, portion.ports);
  if (portion.disks) room.disks = room.disks.filter((id) => !portion.disks!.includes(id));
}

function fakeInstance(id: string, agentIdx: number | null, condition: 'Running' | 'Scheduled'): InstanceState {
  return newInstance({ id, runSpecId: '', configVersion: NEW_VERSION, condition, since: 0, incarnation: 1, agentIdx, replaces: null });
}

/** The waiting instances of the unchanged definition, as placement counts them now: how many place. */
export function placeWaiting(
  s: Situation,
  spec: RunSpec,
  rooms: Array<PoolRoom[] | null>,
  extra: AgentState[],
  count: number,
  order: readonly number[],
): number {
  const counted: number[] = [];
  for (const id of s.record.instanceIds) {
    const i = s.state.marathon.instances[id]!;
    if (i.agentIdx === null || i.configVersion < s.record.lastConfigChangeAt || LOST_CONDITIONS.has(i.condition)) continue;
    if (i.condition === 'Scheduled' || i.goal !== 'Running') continue;
    counted.push(i.agentIdx);
  }
  return place(s, spec, copyRooms(rooms), extra, spec.constraints.length > 0 ? counted : [], count, order).length;
}

/**
 * Whether the rolling restart to `spec` (a changed definition) brings up every instance, as
 * `restart` in deployments.ts runs it: new instances start beside the old ones; old instances still
 * waiting stay in the launch queue ahead of the new ones and launch with the new definition; old
 * ones are killed as new ones become healthy (unplaced first, then unhealthy, then oldest), and what
 * a killed instance held goes back into the offers.
 */
export function restartPlaces(s: Situation, spec: RunSpec): boolean {
  return within(() =>
    offerOrders(s.rooms.length).every((order) => restartPlacesWith(s, spec, order, false) && restartPlacesWith(s, spec, order, true)),
  );
}

/**
 * `launchedHealthy`: whether an old instance launched during the restart is healthy by the time
 * kills are chosen (unhealthy ones go first); it depends on timing, so both are tried.
 */
function restartPlacesWith(s: Situation, spec: RunSpec, order: readonly number[], launchedHealthy: boolean): boolean {
  const { state, record } = s;
  const N = spec.instances;
  const live = instancesOf(state.marathon, record).filter(
    (i) => i.goal === 'Running' && !TERMINAL_CONDITIONS.has(i.condition) && i.condition !== 'UnreachableInactive',
  );
  const healthy = live.filter((i) => isHealthy(record, i)).length;
  const { minimumHealthCapacity, maximumOverCapacity } = spec.upgradeStrategy;
  const minHealthy = Math.ceil(N * minimumHealthCapacity);
  let maxCapacity = Math.floor(N * (1 + maximumOverCapacity));
  let initialKill = Math.max(0, healthy - minHealthy);
  if (minHealthy === maxCapacity && maxCapacity <= healthy) maxCapacity += 1;
  if (live.length > N) initialKill = Math.max(initialKill, live.length - N);
  const rooms = copyRooms(s.rooms);
  const old = live.map((i, order) => ({
    order,
    placed: i.condition !== 'Scheduled',
    healthy: isHealthy(record, i),
    held: i.taskIds.flatMap((id) => {
      const task = state.tasks[id];
      return task ? task.portions.map((portion) => ({ agentIdx: task.agentIdx, portion })) : [];
    }),
  }));
  const rank = (o: (typeof old)[number]) => (o.placed ? (o.healthy ? 2 : 1) : 0);
  const counted: number[] = [];
  let started = 0;
  let killed = 0;
  for (let guard = 0; guard <= 2 * (N + live.length) + 4; guard++) {
    const allowed = Math.min(initialKill + counted.length - killed, old.length);
    for (let k = 0; k < allowed; k++) {
      old.sort((a, b) => rank(a) - rank(b) || a.order - b.order);
      const victim = old.shift()!;
      killed++;
      for (const { agentIdx, portion } of victim.held) {
        const pools = rooms[agentIdx];
        if (pools) addPortion(pools, portion);
      }
    }
    const toStart = Math.min(N - started, Math.max(0, maxCapacity - old.length - started));
    started += toStart;
    const waitingOld = old.filter((o) => !o.placed).sort((a, b) => a.order - b.order);
    const launched = place(
      s,
      spec,
      rooms,
      [],
      spec.constraints.length > 0 ? counted : [],
      waitingOld.length + started - counted.length,
      order,
    );
    launched.forEach((l) => {
      if (l.k >= waitingOld.length) return;
      const o = waitingOld[l.k]!;
      o.placed = true;
      o.healthy = launchedHealthy;
      o.held = l.portions.map((portion) => ({ agentIdx: l.agentIdx, portion }));
    });
    for (const l of launched) if (l.k >= waitingOld.length) counted.push(l.agentIdx);
    if (counted.length >= N) return true;
    if (launched.length === 0 && allowed <= 0 && toStart === 0) return false;
  }
  return false;
}
