/**
 * The operator reservation operations after their form or call is read (`_reserve`, `_unreserve`, `_createVolumes`,
 * `_destroyVolumes`, then `_operation`: MS:src/master/http.cpp:766-1071, 1832-1987, 4059-4246): the agent, the format
 * check, the semantic check, then the conversion on the agent's unallocated resources (the engine rescinds offers as
 * needed), 409 `<available> does not contain <consumed>` when it does not fit, else 202 with an empty body.
 *
 * Each resource names one pool of the agent exactly: its reservation stack (role, principal, labels) is a pool's, and
 * a disk with a `source` or `persistence` is one of that pool's whole disks, size included. The engine keeps one
 * reservation per pool, so a refined stack (more than one entry) or a RESERVE with a reserved `source` (a reservation
 * update) matches nothing and is answered 409, as Mesos answers when those resources are not there.
 */
import type { ClusterState, DiskItem, Pool } from '../../engine/core/model.ts';
import type { SimContext } from '../../engine/core/events.ts';
import { applyOperatorConversion } from '../../engine/mesos/operator-ops.ts';
import { sameReservation, type Conversion, type ConversionError, type PoolResources } from '../../engine/mesos/reservations.ts';
import { normalizePorts, round3, zero } from '../../common/resources.ts';
import type { ApiResponse } from '../types.ts';
import { badRequest, conflict } from '../http.ts';
import { resourcesText, validateAndUpgrade, type MesosResourceIn } from './resource-model.ts';
import { poolResources, ResourceSet, unallocated } from './resource-set.ts';
import { agentVolumes, createProblem, destroyProblem, reserveProblem, unreserveProblem, volumeKey } from './reservation-checks.ts';

export type OperationKind = 'RESERVE' | 'UNRESERVE' | 'CREATE' | 'DESTROY';

export interface OperationRequest {
  kind: OperationKind;
  agentId: string;
  /** `resources` (RESERVE, UNRESERVE) or `volumes` (CREATE, DESTROY), as parsed. */
  resources: MesosResourceIn[];
  /** RESERVE's optional `source`. */
  source: MesosResourceIn[];
}

const ACCEPTED: ApiResponse = { status: 202, body: '' };

/** stringify(Slave): `<id> at <pid> (<hostname>)` (MS:src/master/master.hpp:348-352). */
function agentText(state: ClusterState, agentIdx: number): string {
  const a = state.agents[agentIdx]!;
  return `${a.id} at slave(1)@${a.ip}:5051 (${a.hostname})`;
}

export function runOperation(ctx: SimContext, state: ClusterState, req: OperationRequest): ApiResponse {
  const agentIdx = state.agents.findIndex((a) => a.id === req.agentId && a.registered && !a.gone);
  if (agentIdx < 0) return badRequest('No agent found with specified ID');
  const resources = validateAndUpgrade(req.resources);
  if (typeof resources === 'string') return badRequest(resources);
  const source = validateAndUpgrade(req.source);
  if (typeof source === 'string') return badRequest(source);
  const agent = state.agents[agentIdx]!;
  switch (req.kind) {
    case 'RESERVE': {
      const problem = reserveProblem(resources, source);
      if (problem) return badRequest(`Invalid RESERVE operation on agent ${agentText(state, agentIdx)}: ${problem}`);
      break;
    }
    case 'UNRESERVE': {
      const problem = unreserveProblem(resources);
      if (problem) return badRequest(`Invalid UNRESERVE operation: ${problem}`);
      break;
    }
    case 'CREATE': {
      const problem = createProblem(agent, resources);
      if (problem) return badRequest(`Invalid CREATE operation on agent ${agentText(state, agentIdx)}: ${problem}`);
      break;
    }
    case 'DESTROY': {
      const problem = destroyProblem(state, agentIdx, resources);
      if (problem) return badRequest(`Invalid DESTROY operation: ${problem}`);
      break;
    }
  }
  const steps = mesosConversions(req.kind, resources, source);
  const conversions = engineConversions(state, agentIdx, req.kind, resources, source);
  if (conversions === null) return conflict(conflictText(state, agentIdx, steps));
  // Several engine operations must all fit before the first changes anything (Mesos applies one operation whole).
  const unfit = conversions.length > 1 ? failureText(state, agentIdx, steps, true) : null;
  if (unfit) return conflict(unfit);
  for (const op of conversions) {
    const result = applyOperatorConversion(state, agentIdx, op, ctx.now);
    if (!result.ok) return conflict(errorText(result.error, state, agentIdx, steps));
  }
  return ACCEPTED;
}

type Step = [consumed: MesosResourceIn[], converted: MesosResourceIn[]];

const popped = (r: MesosResourceIn): MesosResourceIn => ({ ...r, reservations: r.reservations.slice(0, -1) });
function stripped(v: MesosResourceIn): MesosResourceIn {
  const out: MesosResourceIn = { ...v, shared: false };
  if (v.disk?.source) out.disk = { source: v.disk.source };
  else delete out.disk;
  return out;
}

/** Mesos' conversions of the operation (MS:src/common/resources_utils.cpp:106-259), unallocated. */
function mesosConversions(kind: OperationKind, rs: MesosResourceIn[], source: MesosResourceIn[]): Step[] {
  const plain = rs.map((r) => ({ ...r, allocationRole: undefined }));
  switch (kind) {
    case 'RESERVE':
      return [[source.length > 0 ? source : plain.map(popped), plain]];
    case 'UNRESERVE':
      return plain.map((r) => [[r], [popped(r)]]);
    case 'CREATE':
      return plain.map((v) => [[stripped(v)], [v]]);
    case 'DESTROY':
      return plain.map((v) => [[v], [stripped(v)]]);
  }
}

/**
 * The 409 text: the first conversion that does not fit the agent's unallocated resources (with its offered ones too,
 * `withOffered`, for an operation checked before any change); null when every conversion fits.
 */
function failureText(state: ClusterState, agentIdx: number, steps: Step[], withOffered: boolean): string | null {
  const agent = state.agents[agentIdx]!;
  const available = unallocated(agent);
  if (withOffered) {
    for (const offer of state.offers.values()) {
      if (offer.agentIdx !== agentIdx) continue;
      for (const p of offer.portions) {
        const pool = agent.pools[p.pool]!;
        const items = (p.disks ?? []).flatMap((id) => pool.disks?.find((d) => d.id === id) ?? []);
        for (const r of poolResources(pool, p.scalars, p.ports, items)) available.add(r);
      }
    }
  }
  for (const [consumed, converted] of steps) {
    const text = available.convert(new ResourceSet().addAll(consumed).items, converted);
    if (text) return text;
  }
  return null;
}

/** The 409 text when Mesos' arithmetic would fit but the sandbox cannot (a PATH disk split, a refined reservation). */
function conflictText(state: ClusterState, agentIdx: number, steps: Step[]): string {
  const text = failureText(state, agentIdx, steps, false);
  if (text) return text;
  const consumed = new ResourceSet().addAll(steps.flatMap(([c]) => c));
  return `${resourcesText(unallocated(state.agents[agentIdx]!).items)} does not contain ${resourcesText(consumed.items)}`;
}

function errorText(error: ConversionError, state: ClusterState, agentIdx: number, steps: Step[]): string {
  if (error.kind === 'not-unique') return `Persistence ID '${error.persistenceId}' is not unique`;
  if (error.kind === 'in-use') return 'Persistent volumes in use';
  if (error.kind === 'not-found') return 'Persistent volumes not found';
  return conflictText(state, agentIdx, steps);
}

const SCALAR_INDEX: Record<string, number> = { cpus: 0, mem: 1, disk: 2, gpus: 3 };

/** The pool a reservation stack names: '*' for none; a static or dynamic pool of that role, principal and labels. */
function poolOf(pools: readonly Pool[], r: MesosResourceIn): number {
  if (r.reservations.length === 0) return 0;
  if (r.reservations.length > 1) return -1;
  const x = r.reservations[0]!;
  return pools.findIndex((p, i) => {
    if (i === 0 || p.role !== x.role) return false;
    if (x.type === 'STATIC') return !p.dynamic;
    return (
      p.dynamic !== undefined &&
      sameReservation(p.dynamic, { ...(x.principal !== undefined ? { principal: x.principal } : {}), labels: x.labels ?? [] })
    );
  });
}

/** The whole disk of the pool a resource with `source` names (same source, same size, no volume on it yet). */
function sourceDisk(pool: Pool, r: MesosResourceIn): DiskItem | undefined {
  const s = r.disk?.source;
  if (!s || (s.type !== 'MOUNT' && s.type !== 'PATH') || s.csi !== undefined) return undefined;
  return pool.disks?.find(
    (d) => d.source?.type === s.type && d.source.root === s.root && !d.persistence && round3(d.size) === round3(r.scalar ?? 0),
  );
}

/** Adds one unreserved-or-reserved plain resource (or whole disk) of `pool` to `into`; false if it names none. */
function addTo(into: PoolResources, pool: Pool, r: MesosResourceIn): boolean {
  if (r.disk?.persistence) return false;
  if (r.disk?.source) {
    const item = sourceDisk(pool, r);
    if (!item || into.disks?.includes(item.id)) return false;
    into.disks = [...(into.disks ?? []), item.id];
    return true;
  }
  if (r.name === 'ports' && r.type === 'RANGES') {
    into.ports = normalizePorts([...into.ports, ...(r.ranges ?? [])]);
    return true;
  }
  const at = SCALAR_INDEX[r.name];
  if (at === undefined || r.type !== 'SCALAR' || r.revocable || r.shared || r.provider !== undefined) return false;
  into.scalars[at] = round3(into.scalars[at]! + (r.scalar ?? 0));
  return true;
}

/** The engine operations, one per pool involved; null when a resource names nothing the agent has. */
function engineConversions(
  state: ClusterState,
  agentIdx: number,
  kind: OperationKind,
  rs: MesosResourceIn[],
  source: MesosResourceIn[],
): Conversion[] | null {
  const pools = state.agents[agentIdx]!.pools;
  const groups = new Map<string, { pool: number; res: PoolResources; first: MesosResourceIn }>();
  const group = (key: string, pool: number, first: MesosResourceIn) => {
    const g = groups.get(key) ?? { pool, res: { pool, scalars: zero(), ports: [] }, first };
    groups.set(key, g);
    return g;
  };
  if (kind === 'RESERVE') {
    if (source.some((s) => s.reservations.length > 0)) return null;
    for (const r of rs) {
      if (r.reservations.length !== 1) return null;
      if (!addTo(group(JSON.stringify(r.reservations[0]), 0, r).res, pools[0]!, popped(r))) return null;
    }
    return [...groups.values()].map(({ res, first }) => {
      const x = first.reservations[0]!;
      const reservation = {
        ...(x.principal !== undefined ? { principal: x.principal } : {}),
        labels: (x.labels ?? []).map((l) => ({ ...l })),
      };
      return { type: 'RESERVE', role: x.role!, reservation, resources: res } satisfies Conversion;
    });
  }
  if (kind === 'UNRESERVE') {
    for (const r of rs) {
      const pool = poolOf(pools, r);
      if (pool <= 0 || !addTo(group(String(pool), pool, r).res, pools[pool]!, r)) return null;
    }
    return [...groups.values()].map(({ res }) => ({ type: 'UNRESERVE', resources: res }) satisfies Conversion);
  }
  if (kind === 'DESTROY') {
    const known = agentVolumes(state.agents[agentIdx]!);
    const byPool = new Map<number, string[]>();
    for (const v of rs) {
      const k = known.find((x) => x.key === volumeKey({ ...v, allocationRole: undefined }));
      if (!k) return null;
      byPool.set(k.pool, [...(byPool.get(k.pool) ?? []), k.item.persistence!.id]);
    }
    return [...byPool].map(([pool, persistenceIds]) => ({ type: 'DESTROY', pool, persistenceIds }) satisfies Conversion);
  }
  const volumes = new Map<number, Extract<Conversion, { type: 'CREATE' }>['volumes']>();
  for (const v of rs) {
    const pool = poolOf(pools, v);
    if (pool <= 0 || v.type !== 'SCALAR') return null;
    const item = v.disk?.source ? sourceDisk(pools[pool]!, v) : undefined;
    if (v.disk?.source && !item) return null;
    const d = v.disk!;
    const spec = {
      size: round3(v.scalar ?? 0),
      persistence: { id: d.persistence!.id, ...(d.persistence!.principal !== undefined ? { principal: d.persistence!.principal } : {}) },
      volume: { containerPath: d.volume!.containerPath, mode: d.volume!.mode },
      ...(item ? { disk: item.id } : {}),
    };
    volumes.set(pool, [...(volumes.get(pool) ?? []), spec]);
  }
  return [...volumes].map(([pool, vs]) => ({ type: 'CREATE', pool, volumes: vs }) satisfies Conversion);
}
