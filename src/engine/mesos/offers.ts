/** Turning the allocator's answer into offers, and returning offered resources to the pool. */
import { PORTS, Q, SCALARS, type AllocationOutput } from '../../kernels/allocator/contract.ts';
import { addInto, mergePorts, portCount, round3, zero, type Scalars } from '../../common/resources.ts';
import type { ClusterState, FrameworkState, OfferState, Pool, Portion } from '../core/model.ts';
import { heldScalars, markDisks, takeDisks } from './disks.ts';
import type { PackedRun } from '../../kernels/allocator/pack.ts';
import { frameworkById, shareOf } from './frameworks.ts';
import { own, setOwn } from '../../common/own.ts';

export function createOffers(state: ClusterState, run: PackedRun<FrameworkState>, out: AllocationOutput, now: number): OfferState[] {
  const offers: OfferState[] = [];
  const perRole = new Map<string, number>();
  for (let o = 0; o < out.nOffers; o++) {
    const { framework: fw, role } = run.slots[out.offerFw[o]!]!;
    const agentIdx = run.agents[out.offerAgent[o]!]!;
    const agent = state.agents[agentIdx]!;
    const portions: Portion[] = [];
    const unreserved = zero();
    for (let s = 0; s < SCALARS; s++) unreserved[s] = round3(out.offerUnreserved[o * Q + s]!);
    const withPorts = out.offerUnreserved[o * Q + PORTS]! > 0;
    if (withPorts || unreserved.some((x) => x > 0)) portions.push(takeFromPool(agent.pools[0]!, 0, unreserved, withPorts));
    for (let k = out.offerPoolStart[o]!; k < out.offerPoolStart[o + 1]!; k++) {
      const [a, p] = run.pools[out.offerPools[k]!]!;
      const pool = state.agents[a]!.pools[p]!;
      portions.push(takeFromPool(pool, p, [...pool.free], true));
    }
    const offer: OfferState = {
      id: `${state.masterId}-O${state.offerSeq++}`,
      frameworkId: fw.id,
      agentIdx,
      role,
      portions,
      offeredAt: now,
    };
    state.offers.set(offer.id, offer);
    chargeFramework(fw, role, portions, 1);
    shareOf(fw, role).allocationCount++;
    perRole.set(role, (perRole.get(role) ?? 0) + 1);
    offers.push(offer);
  }
  for (const [role, n] of perRole) setOwn(state.roleAllocationCounts, role, (own(state.roleAllocationCounts, role) ?? 0) + n);
  return offers;
}

function takeFromPool(pool: Pool, index: number, scalars: Scalars, allPorts: boolean): Portion {
  const whole = takeDisks(pool, scalars);
  const portion: Portion = { pool: index, scalars, ports: allPorts ? pool.freePorts : [], ...whole };
  addInto(pool.free, heldScalars(portion), -1);
  if (allPorts) pool.freePorts = [];
  return portion;
}

/** Add (sign 1) or remove (sign -1) portions from a framework's allocation in `role`. */
export function chargeFramework(fw: FrameworkState, role: string, portions: Portion[], sign: 1 | -1): void {
  const share = shareOf(fw, role);
  for (const p of portions) {
    const held = heldScalars(p);
    addInto(share.allocated, held, sign);
    if (p.pool === 0) addInto(share.allocatedUnreserved, held, sign);
    share.allocatedPorts += sign * portCount(p.ports);
  }
}

/** Give portions back to their agent's pools (declined, unused, or freed by a terminal task). */
export function returnToAgent(state: ClusterState, agentIdx: number, portions: Portion[]): void {
  const agent = state.agents[agentIdx]!;
  for (const p of portions) {
    const pool = agent.pools[p.pool]!;
    addInto(pool.free, heldScalars(p), 1);
    markDisks(pool, p.disks, true);
    if (p.ports.length) pool.freePorts = mergePorts(pool.freePorts, p.ports);
  }
}

/** The quantities a filter remembers: [cpus, mem, disk, gpus, ports]. */
export function quantitiesOf(portions: Portion[]): [number, number, number, number, number] {
  const sum = zero();
  let ports = 0;
  for (const p of portions) {
    addInto(sum, heldScalars(p), 1);
    ports += portCount(p.ports);
  }
  return [...sum, ports];
}

/** Outstanding offers matching `which` are withdrawn: their resources go back to their agents. */
export function rescindOffers(state: ClusterState, which: (offer: OfferState) => boolean): void {
  for (const offer of [...state.offers.values()]) {
    if (!which(offer)) continue;
    state.offers.delete(offer.id);
    returnToAgent(state, offer.agentIdx, offer.portions);
    chargeFramework(frameworkById(state, offer.frameworkId), offer.role, offer.portions, -1);
  }
}

/** Every offer filter goes (the leading master changed: filters live in its memory only). */
export function clearFilters(state: ClusterState): void {
  for (const agent of state.agents) agent.filters = [];
}
