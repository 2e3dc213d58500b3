/**
 * RESERVE, UNRESERVE, CREATE, DESTROY and LAUNCH in one ACCEPT, as a framework sends them (docs/storage-sources-mesos.md
 * §1.3–1.5): in order against what the accept holds, a failing operation dropped and the rest applied, converted
 * leftovers back with no filter, reservations offered only to their role. The engine is driven directly: a framework
 * whose tasks never fit declines everything, and the test answers its outstanding offers in its place.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/common/scenario/validate.ts';
import { Simulation } from '../../../src/engine/simulation.ts';
import { SUBSYSTEMS } from '../../../src/sandbox/components.ts';
import { tsAllocator } from '../../../src/kernels/allocator/twin.ts';
import { tsMatcher } from '../../../src/kernels/constraints/twin.ts';
import { acceptOperations, type OfferOperation } from '../../../src/engine/mesos/accept.ts';
import { RESERVED, type PoolResources } from '../../../src/engine/mesos/reservations.ts';
import { checkInvariants } from '../../../src/engine/invariants.ts';
import type { OfferState } from '../../../src/engine/core/model.ts';
import { agent, framework, scenario } from '../../support/cluster.ts';

/** `ads` never fits a task (100 CPUs), so it is offered everything and declines; `web` (role `*`) the same. */
function cluster(): Simulation {
  const s = scenario(
    [
      agent(
        'a1',
        { cpus: 8, mem: 8192, disk: 10000, ports: [[31000, 31009]] },
        { disks: [{ type: 'MOUNT', root: '/dcos/volume0', size: 50000 }] },
      ),
    ],
    [
      framework('ads', 'ads', { cpus: 100, mem: 1, disk: 0, gpus: 0, ports: 0 }, { refuseSeconds: 1 }),
      framework('web', '*', { cpus: 100, mem: 1, disk: 0, gpus: 0, ports: 0 }, { refuseSeconds: 1 }),
    ],
    { ads: { weight: 1 } },
  );
  (s as { marathon?: unknown }).marathon = { role: '*', apps: [] };
  return new Simulation(validateScenario(s), SUBSYSTEMS, { allocator: tsAllocator, matcher: tsMatcher }, undefined, {
    checkInvariants: true,
  });
}

/** Runs until `name` holds an outstanding offer with all of the agent's unreserved CPUs (`cpus` of them), and returns it. */
function offerTo(sim: Simulation, name: string, cpus = 8): OfferState {
  const fw = sim.state.frameworks.find((f) => f.name === name)!;
  for (let t = 0; t < 600_000; t += 50) {
    const offer = [...sim.state.offers.values()].find(
      (o) => o.frameworkId === fw.id && o.portions.find((p) => p.pool === 0)?.scalars[0] === cpus,
    );
    if (offer) return offer;
    sim.runUntil(sim.now + 50);
  }
  throw new Error(`no offer for ${name}`);
}

const accept = (sim: Simulation, offer: OfferState, ops: OfferOperation[]) => acceptOperations(sim.context, sim.state, offer.id, ops, 5);
const labels = [{ key: 'owner', value: 'test' }];
const some = (cpus: number, disk: number, disks?: number[]): PoolResources => ({
  pool: 0,
  scalars: [cpus, 512, disk, 0],
  ports: [],
  ...(disks ? { disks } : {}),
});
const volume = (id: string, size: number, disk?: number) => ({
  size,
  persistence: { id, principal: 'ops' },
  volume: { containerPath: 'data', mode: 'RW' as const },
  ...(disk === undefined ? {} : { disk }),
});

describe('offer operations in one ACCEPT', () => {
  it('RESERVE, CREATE and LAUNCH: the task runs on the new volume in the new reservation', () => {
    const sim = cluster();
    const offer = offerTo(sim, 'ads');
    const agentState = sim.state.agents[0]!;
    const result = accept(sim, offer, [
      { type: 'RESERVE', role: 'ads', reservation: { principal: 'ops', labels }, resources: some(1, 2000) },
      { type: 'CREATE', pool: RESERVED, volumes: [volume('v1', 1000)] },
      {
        type: 'LAUNCH',
        launches: [{ name: 'db', id: 'db-1', portions: [{ pool: 1, scalars: [1, 512, 1000, 0], ports: [], disks: [2], wholeDisk: 1000 }] }],
      },
    ]);
    expect(result.errors).toEqual([null, null, null]);
    expect(result.tasks.map((t) => t.id)).toEqual(['db-1']);
    const pool = agentState.pools[1]!;
    expect(pool).toMatchObject({ role: 'ads', dynamic: { principal: 'ops', labels }, total: [1, 512, 2000, 0] });
    expect(pool.disks).toEqual([
      {
        id: 2,
        source: null,
        size: 1000,
        persistence: { id: 'v1', principal: 'ops' },
        volume: { containerPath: 'data', mode: 'RW' },
        free: false,
      },
    ]);
    expect(agentState.pools[0]!.total).toEqual([7, 7680, 58000, 0]);
    expect(checkInvariants(sim.state, sim.now)).toEqual([]);
  });

  it('a failing operation is dropped and the others go on: role *, more than offered, a persistence id taken', () => {
    const sim = cluster();
    const offer = offerTo(sim, 'ads');
    const result = accept(sim, offer, [
      { type: 'RESERVE', role: '*', reservation: { labels: [] }, resources: some(1, 0) },
      { type: 'RESERVE', role: 'ads', reservation: { labels: [] }, resources: some(9, 0) },
      { type: 'RESERVE', role: 'ads', reservation: { labels: [] }, resources: some(1, 1000) },
      { type: 'CREATE', pool: RESERVED, volumes: [volume('v1', 400)] },
      { type: 'CREATE', pool: RESERVED, volumes: [volume('v1', 400)] },
      { type: 'CREATE', pool: RESERVED, volumes: [volume('v2', 4000)] },
      { type: 'UNRESERVE', resources: { pool: 0, scalars: [1, 0, 0, 0], ports: [] } },
    ]);
    expect(result.errors.map((e) => e?.kind ?? null)).toEqual([
      'star-role',
      'not-contained',
      null,
      null,
      'not-unique',
      'not-contained',
      'not-dynamic',
    ]);
    expect(sim.state.agents[0]!.pools[1]!.total).toEqual([1, 512, 1000, 0]);
    expect(checkInvariants(sim.state, sim.now)).toEqual([]);
  });

  it('a MOUNT disk is reserved and made a volume whole; a volume in use cannot be destroyed, and a volume cannot be unreserved', () => {
    const sim = cluster();
    const offer = offerTo(sim, 'ads');
    expect(offer.portions[0]!.disks).toEqual([1]);
    const mount = some(1, 0, [1]);
    const first = accept(sim, offer, [
      { type: 'RESERVE', role: 'ads', reservation: { labels: [] }, resources: mount },
      { type: 'CREATE', pool: RESERVED, volumes: [volume('big', 0, 1)] },
      {
        type: 'LAUNCH',
        launches: [{ name: 'db', id: 'db-1', portions: [{ pool: 1, scalars: [1, 512, 0, 0], ports: [], disks: [1], wholeDisk: 50000 }] }],
      },
    ]);
    expect(first.errors).toEqual([null, null, null]);
    expect(sim.state.agents[0]!.pools[1]!.disks![0]).toMatchObject({
      id: 1,
      source: { type: 'MOUNT', root: '/dcos/volume0' },
      size: 50000,
      persistence: { id: 'big' },
    });
    const next = offerTo(sim, 'web', 7);
    // `web` is in role `*`: the reservation to `ads` is never in its offers.
    expect(next.portions.map((p) => p.pool)).toEqual([0]);
    sim.runUntil(sim.now + 3000);
    const again = accept(sim, offerTo(sim, 'ads', 7), [
      { type: 'DESTROY', pool: 1, persistenceIds: ['big'] },
      { type: 'UNRESERVE', resources: { pool: 1, scalars: [0, 0, 0, 0], ports: [], disks: [1] } },
    ]);
    expect(again.errors.map((e) => e?.kind ?? null)).toEqual(['in-use', 'unreserve-volume']);
    expect(checkInvariants(sim.state, sim.now)).toEqual([]);
  });

  it('DESTROY then UNRESERVE give the resources back to *, the emptied pool is reused, and converted leftovers come back unfiltered', () => {
    const sim = cluster();
    const offer = offerTo(sim, 'ads');
    accept(sim, offer, [
      { type: 'RESERVE', role: 'ads', reservation: { labels }, resources: some(2, 3000) },
      { type: 'CREATE', pool: RESERVED, volumes: [volume('v1', 1000)] },
    ]);
    // Only the unconverted rest of the offer is filtered: the reservation comes back to `ads` at the next batch.
    const filters = sim.state.agents[0]!.filters.filter((f) => f.frameworkId === offer.frameworkId);
    expect(filters.map((f) => f.declined[0])).toEqual([6]);
    const back = offerTo(sim, 'ads', 6);
    expect(back.portions.map((p) => p.pool)).toContain(1);
    const result = accept(sim, back, [
      { type: 'DESTROY', pool: 1, persistenceIds: ['v1'] },
      { type: 'UNRESERVE', resources: { pool: 1, scalars: [2, 512, 3000, 0], ports: [] } },
      { type: 'RESERVE', role: 'ads', reservation: { labels: [{ key: 'owner', value: 'other' }] }, resources: some(1, 0) },
    ]);
    expect(result.errors).toEqual([null, null, null]);
    const pools = sim.state.agents[0]!.pools;
    expect(pools).toHaveLength(2);
    expect(pools[1]).toMatchObject({ role: 'ads', dynamic: { labels: [{ key: 'owner', value: 'other' }] }, total: [1, 512, 0, 0] });
    expect(pools[1]!.disks ?? []).toEqual([]);
    expect(checkInvariants(sim.state, sim.now)).toEqual([]);
  });
});
