/**
 * Marathon's offer matching for one delivery of offers: which waiting instances launch on which
 * offer. Constraints are answered by the matcher kernel, one batch call per round (waiting run
 * specs × the offers' agents). A round lets each run spec place on every offer its constraints
 * allow; placing an instance changes the counts that UNIQUE, MAX_PER, GROUP_BY and a value-less
 * CLUSTER read, so the offers whose agents share a value with it wait for the next round, which
 * asks the matcher again with the new counts.
 *
 * Resources follow `ResourceMatcher`: only pools whose role the run spec accepts, reserved pools
 * before the unreserved one, host ports from the same pools as ports-matcher.ts picks them.
 */
import { internMatch, type InternCache } from '../../kernels/constraints/pack.ts';
import { parseConstraint, fieldValue, type AgentSpec } from '../../kernels/constraints/parse.ts';
import { unpackRow, type ConstraintMatcher } from '../../kernels/constraints/contract.ts';
import { Op } from '../../kernels/constraints/contract.ts';
import { round3, subtractPorts, type Scalars } from '../../common/resources.ts';
import type { AgentState, ClusterState, OfferState, Portion } from '../core/model.ts';
import { LOST_CONDITIONS, type InstanceState, type RunSpec, type RunSpecRecord } from './model.ts';
import { matchPorts, portsFit, type RandomInt } from './ports-matcher.ts';
import { attachWholeDisks, needOf, pickWholeDisks, rootVolumeSize, usablePortions } from './resident-disks.ts';

/** Indexes into REJECT_REASONS. */
export const STAGE_ROLE = 0;
export const STAGE_CONSTRAINT = 1;
const STAGE_CPUS = 4;
const DISK = 2;
const STAGE_PORTS = 8;
const STAGE_SCARCE = 9;
/** A result: the offer reached its instance limit before this run spec's turn. */
export const NOT_PROCESSED = -2;

export interface TaskLaunchPlan {
  container: string;
  portions: Portion[];
}

export interface InstanceLaunch {
  instance: InstanceState;
  tasks: TaskLaunchPlan[];
  /** Aligned with the run spec's `hostPorts`: the port taken for each entry, null where it asks none. */
  hostPorts: Array<number | null>;
}

interface Room {
  offer: OfferState;
  agent: AgentState;
  /** What is left of the offer, pool by pool, with each pool's reservation role. */
  portions: Array<Portion & { role: string }>;
  launches: InstanceLaunch[];
}

export interface WaitingRunSpec {
  record: RunSpecRecord;
  /** Instances to launch, in launch order. */
  instances: InstanceState[];
}

interface Waiting extends WaitingRunSpec {
  next: number;
  /** Agent indexes of the instances constraints count (SEMANTICS 3.1), grown as this delivery places more. */
  counted: number[];
  /** The matcher's column of each of `counted` (see Columns), mapped as far as `counted` had grown at the last ask. */
  countedColumns: number[];
  /** Per room: 1 when the last matcher answer let this run spec use it. */
  allowed: Uint8Array;
  /** Per room, in the current round: 1 when a placement of this run spec may have changed its answer (see holdSharing). */
  held: Uint8Array;
  /** Per room: the result the Debug view reports, -1 = used. */
  result: Int8Array;
  countSensitive: Array<{ field: string; anyNewValueChangesAll: boolean; counts?: Map<string, number> }>;
}

export interface PlacementResult {
  /** Offer id → the instances launched on it. */
  launches: Map<string, InstanceLaunch[]>;
  /** Per waiting run spec (same order as asked): per offer, -1 used, NOT_PROCESSED, or the REJECT_REASONS index. */
  results: Int8Array[];
  /** Matcher calls made (one per round with constrained run specs). */
  matcherCalls: number;
}

/**
 * `maxPerOffer`: at most this many instances launch on one offer (Marathon's --max_instances_per_offer);
 * unlimited for trials that ask what fits at all. `random`: what picks dynamic host ports (the engine's seeded
 * generator); null picks them lowest-first (see ports-matcher.ts).
 */
export function placeInstances(
  state: ClusterState,
  matcher: ConstraintMatcher,
  offers: OfferState[],
  queue: WaitingRunSpec[],
  maxPerOffer = Infinity,
  random: RandomInt | null = null,
): PlacementResult {
  const rooms: Room[] = offers.map((offer) => {
    const agent = state.agents[offer.agentIdx]!;
    return {
      offer,
      agent,
      portions: offer.portions.map((p) => ({
        ...p,
        scalars: [...p.scalars] as Scalars,
        // Port ranges are never changed in place (taking ports makes new lists), so the offer's list is shared.
        ports: p.ports,
        role: agent.pools[p.pool]!.role,
      })),
      launches: [],
    };
  });
  const waiting: Waiting[] = queue.map((q) => ({
    ...q,
    next: 0,
    counted: q.record.spec.constraints.length > 0 ? countedAgents(state, q.record) : [],
    countedColumns: [],
    allowed: new Uint8Array(rooms.length).fill(1),
    held: new Uint8Array(rooms.length),
    result: new Int8Array(rooms.length).fill(STAGE_ROLE),
    countSensitive: countSensitiveFields(q.record.spec),
  }));
  const byValue: RoomsByValue = new Map();
  let columns: Columns | undefined;
  let matcherCalls = 0;
  for (;;) {
    const constrained = waiting.filter((w) => w.next < w.instances.length && w.record.spec.constraints.length > 0);
    if (constrained.length > 0) {
      columns ??= matcherColumns(state, rooms, waiting);
      askMatcher(matcher, columns, rooms, constrained);
      matcherCalls++;
    }
    const { placed, deferred } = placeRound(state, rooms, waiting, byValue, maxPerOffer, random);
    if (placed === 0 || !deferred) break;
  }
  for (const w of waiting) {
    rooms.forEach((room, r) => {
      if (w.result[r] === -1) return;
      // Past the instance limit, or made in another role (`TaskLauncherActor`): the run spec did not process it.
      const unseen = room.launches.length >= maxPerOffer || room.offer.role !== w.record.spec.role;
      w.result[r] = unseen ? NOT_PROCESSED : rejectReason(room, w.record.spec, w.allowed[r] === 1);
    });
  }
  const launches = new Map<string, InstanceLaunch[]>();
  for (const room of rooms) if (room.launches.length > 0) launches.set(room.offer.id, room.launches);
  return { launches, results: waiting.map((w) => w.result), matcherCalls };
}

/** One pass over the offers; `deferred` when some offer was held back for fresh counts. */
function placeRound(
  state: ClusterState,
  rooms: Room[],
  waiting: Waiting[],
  byValue: RoomsByValue,
  maxPerOffer: number,
  random: RandomInt | null,
): { placed: number; deferred: boolean } {
  let placed = 0;
  let deferred = false;
  const held = waiting.map((w) => w.held.fill(0));
  // Plain loops: a delivery of 10,000 offers to an app spread by GROUP_BY takes thousands of rounds.
  for (let r = 0; r < rooms.length; r++) {
    const room = rooms[r]!;
    for (let progress = true; progress && room.launches.length < maxPerOffer;) {
      progress = false;
      for (let i = 0; i < waiting.length && room.launches.length < maxPerOffer; i++) {
        const w = waiting[i]!;
        if (w.next >= w.instances.length || w.allowed[r] === 0 || held[i]![r] === 1) continue;
        if (room.offer.role !== w.record.spec.role) continue;
        if (w.record.spec.sparesGpuAgents && offersGpus(room)) continue;
        const taken = take(room, w.record.spec, random);
        if (!taken) continue;
        const instance = w.instances[w.next++]!;
        room.launches.push({ instance, ...taken });
        w.result[r] = -1;
        placed++;
        progress = true;
        if (w.countSensitive.length === 0) continue;
        w.counted.push(room.offer.agentIdx);
        deferred = true;
        holdSharing(state, rooms, r, w, held[i]!, byValue);
      }
    }
  }
  return { placed, deferred };
}

/** One field over the offers: each room's value, and the rooms that share each value. */
interface FieldIndex {
  values: Array<string | undefined>;
  rooms: Map<string | undefined, number[]>;
}
/** Per field, built once per delivery when first needed (agents' attributes do not change meanwhile). */
type RoomsByValue = Map<string, FieldIndex>;

function roomsByValue(byValue: RoomsByValue, rooms: Room[], field: string): FieldIndex {
  let entry = byValue.get(field);
  if (!entry) {
    const values = rooms.map((room) => fieldValue(agentSpec(room.agent), field));
    const sharing = new Map<string | undefined, number[]>();
    values.forEach((value, r) => {
      const list = sharing.get(value);
      if (list) list.push(r);
      else sharing.set(value, [r]);
    });
    entry = { values, rooms: sharing };
    byValue.set(field, entry);
  }
  return entry;
}

/** After a placement on room `r`, hold back the offers whose counts it may have changed. */
function holdSharing(state: ClusterState, rooms: Room[], r: number, w: Waiting, held: Uint8Array, byValue: RoomsByValue): void {
  for (const sensitive of w.countSensitive) {
    const { values, rooms: sharing } = roomsByValue(byValue, rooms, sensitive.field);
    const value = values[r];
    const counts = (sensitive.counts ??= valueCounts(state, w.counted.slice(0, -1), sensitive.field));
    const key = value ?? MISSING;
    const before = counts.get(key) ?? 0;
    counts.set(key, before + 1);
    if (sensitive.anyNewValueChangesAll && before === 0) {
      held.fill(1);
      return;
    }
    for (const other of sharing.get(value)!) held[other] = 1;
  }
}

const MISSING = '\u0000missing';

function valueCounts(state: ClusterState, agents: number[], field: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of agents) {
    const key = fieldValue(agentSpec(state.agents[a]!), field) ?? MISSING;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Fields whose counts matter, and whether a first instance on a new value can change the answer for every agent. */
function countSensitiveFields(spec: RunSpec): Waiting['countSensitive'] {
  const out: Waiting['countSensitive'] = [];
  for (const c of spec.constraints) {
    const { field, op, value } = parseConstraint(c);
    if (op === Op.UNIQUE || op === Op.MAX_PER) out.push({ field, anyNewValueChangesAll: false });
    else if (op === Op.GROUP_BY || (op === Op.CLUSTER && value === '')) out.push({ field, anyNewValueChangesAll: true });
  }
  return out;
}

/**
 * The matcher's columns for one delivery, the same in every round: the offers' agents (an agent offered twice is
 * one column, its first room's), then the other agents hosting counted instances. Placements in the delivery
 * land on offered agents only, so the columns never change, and the agents' values are interned once.
 */
interface Columns {
  agents: AgentSpec[];
  otherAgents: AgentSpec[];
  ofAgent: Map<number, number>;
  cache: InternCache;
}

function matcherColumns(state: ClusterState, rooms: Room[], waiting: Waiting[]): Columns {
  const ofAgent = new Map<number, number>();
  rooms.forEach((room, r) => {
    if (!ofAgent.has(room.offer.agentIdx)) ofAgent.set(room.offer.agentIdx, r);
  });
  const others: number[] = [];
  for (const w of waiting)
    for (const a of w.counted) {
      if (ofAgent.has(a)) continue;
      ofAgent.set(a, rooms.length + others.length);
      others.push(a);
    }
  return {
    agents: rooms.map((room) => agentSpec(room.agent)),
    otherAgents: others.map((a) => agentSpec(state.agents[a]!)),
    ofAgent,
    cache: {},
  };
}

function askMatcher(matcher: ConstraintMatcher, columns: Columns, rooms: Room[], constrained: Waiting[]): void {
  for (const w of constrained)
    for (let k = w.countedColumns.length; k < w.counted.length; k++) w.countedColumns.push(columns.ofAgent.get(w.counted[k]!)!);
  const input = internMatch(
    {
      agents: columns.agents,
      otherAgents: columns.otherAgents,
      pending: constrained.map((w) => ({ constraints: w.record.spec.constraints, placed: w.countedColumns })),
    },
    columns.cache,
  );
  const out = matcher.match(input, { matchInto: answerBuffer(input.nPending * ((input.nAgents + 7) >> 3)) });
  constrained.forEach((w, g) => {
    unpackRow(out, g, w.allowed);
  });
}

/** One answer buffer for every placement round (each answer is read before the next round asks). */
let answers = new Uint8Array(0);

function answerBuffer(bytes: number): Uint8Array {
  if (answers.length < bytes) answers = new Uint8Array(Math.max(bytes, answers.length * 2));
  return answers;
}

const specCache = new WeakMap<AgentState, AgentSpec>();

export function agentSpec(agent: AgentState): AgentSpec {
  let spec = specCache.get(agent);
  if (!spec) {
    spec = { hostname: agent.hostname, attributes: agent.attributes };
    specCache.set(agent, spec);
  }
  return spec;
}

/** Agent indexes of the run spec's counted instances: current config, placed, not lost. */
export function countedAgents(state: ClusterState, record: RunSpecRecord): number[] {
  const out: number[] = [];
  for (const id of record.instanceIds) {
    const i = state.marathon.instances[id]!;
    if (i.agentIdx === null || i.configVersion < record.lastConfigChangeAt || LOST_CONDITIONS.has(i.condition)) continue;
    // A reserved instance holds its agent even before its task launches (`inferForResidents` counts it).
    if ((i.condition === 'Scheduled' && !i.reservation) || i.goal !== 'Running') continue;
    out.push(i.agentIdx);
  }
  return out;
}

/**
 * The funnel stage at which this offer fails the run spec (role → constraints → cpus → mem → disk → gpus → ports →
 * GPUs kept for GPU work).
 */
function rejectReason(room: Room, spec: RunSpec, constraintsPass: boolean): number {
  const accepted = usablePortions(room.portions, spec);
  if (accepted.length === 0) return STAGE_ROLE;
  if (!constraintsPass) return STAGE_CONSTRAINT;
  for (let s = 0; s < 4; s++) {
    const available = accepted.reduce((sum, p) => sum + p.scalars[s]!, 0);
    if (round3(available) < needOf(spec, s)) return STAGE_CPUS + s;
    if (s === DISK && spec.residentVolumes && !pickWholeDisks(room.agent, accepted[0], spec.residentVolumes)) return STAGE_CPUS + s;
  }
  if (spec.sparesGpuAgents && offersGpus(room) && portsFit(accepted, spec.hostPorts)) return STAGE_SCARCE;
  return STAGE_PORTS;
}

/**
 * What is left of the offer holds GPUs, whatever their role (`ResourceMatcher`'s `availableGPUs`): once GPU work has
 * taken them, the rest of the offer serves others.
 */
function offersGpus(room: Room): boolean {
  return room.portions.some((p) => p.scalars[3]! > 0);
}

/** Take one instance's resources out of the room (every container, all or nothing), or undefined. */
function take(room: Room, spec: RunSpec, random: RandomInt | null): Omit<InstanceLaunch, 'instance'> | undefined {
  const inRole = usablePortions(room.portions, spec);
  if (inRole.length === 0) return undefined;
  const accepted = [...inRole].sort((a, b) => (a.pool === 0 ? 1 : 0) - (b.pool === 0 ? 1 : 0));
  for (let s = 0; s < 4; s++) {
    if (round3(accepted.reduce((sum, p) => sum + p.scalars[s]!, 0)) < needOf(spec, s)) return undefined;
  }
  const wholeDisks = spec.residentVolumes ? pickWholeDisks(room.agent, inRole[0], spec.residentVolumes) : [];
  if (!wholeDisks) return undefined;
  // Ports in offer order (PortsMatcher:174-189), not the scalars' reserved-first order.
  const ports = matchPorts(inRole, spec.hostPorts, random);
  if (!ports) return undefined;
  for (const p of inRole) {
    const t = ports.taken.get(p.pool);
    if (t) p.ports = subtractPorts(p.ports, t);
  }
  const tasks = spec.containers.map((container, i) => {
    const need = [...container.resources] as Scalars;
    if (i === 0 && spec.residentVolumes) need[DISK] = round3(need[DISK] + rootVolumeSize(spec.residentVolumes));
    const portions: Portion[] = [];
    for (const p of accepted) {
      const taken: Scalars = [0, 0, 0, 0];
      for (let s = 0; s < 4; s++) {
        const amount = round3(Math.min(p.scalars[s]!, need[s]!));
        taken[s] = amount;
        p.scalars[s] = round3(p.scalars[s]! - amount);
        need[s] = round3(need[s]! - amount);
      }
      const portsHere = i === 0 ? (ports.taken.get(p.pool) ?? []) : [];
      if (taken.some((x) => x > 0) || portsHere.length > 0) portions.push({ pool: p.pool, scalars: taken, ports: portsHere });
    }
    return { container: container.name, portions };
  });
  const ids = wholeDisks.filter((id): id is number => id !== null);
  if (ids.length > 0) attachWholeDisks(room.agent, room.portions, tasks[0]!.portions, ids);
  return { tasks, hostPorts: ports.hostPorts };
}
