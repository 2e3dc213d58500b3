/**
 * Hand-written allocation runs with their expected offers, run against both kernels. Each case
 * is small enough to work out by hand from the rules in twin.ts.
 */
import { describe, expect, it } from 'vitest';
import * as layout from '../../assembly/layout.ts';
import { Q, SCALARS, type AllocatorKernel } from '../../src/kernels/allocator/contract.ts';
import { tsAllocator } from '../../src/kernels/allocator/twin.ts';
import { loadWasmAllocator } from '../../src/kernels/allocator/wasm.ts';
import { buildInput, full, readOffers, type ClusterSpec, type ReadableOffer, type Res } from './input-builder.ts';

const kernels: Record<'ts' | 'wasm', AllocatorKernel> = { ts: tsAllocator, wasm: await loadWasmAllocator() };

const offer = (framework: string, agent: string, unreserved: Res, pools: string[] = []): ReadableOffer => ({
  framework,
  agent,
  unreserved: full(unreserved),
  pools,
});
const node = { cpus: 4, mem: 4096 };

describe.each(['ts', 'wasm'] as const)('%s allocator', (name) => {
  const kernel = kernels[name];
  const run = (spec: ClusterSpec): ReadableOffer[] => {
    const built = buildInput(spec);
    return readOffers(built, kernel.allocate(built.input));
  };

  it('is named', () => expect(kernel.name).toBe(name));

  it('answers empty runs', () => {
    expect(run({ agents: [], frameworks: [] })).toEqual([]);
    expect(run({ agents: [{ id: 'a1', free: node }], frameworks: [] })).toEqual([]);
    expect(run({ agents: [], frameworks: [{ id: 'fa', role: 'a' }] })).toEqual([]);
  });

  it('is coarse-grained: the first framework in order gets everything on the agent', () => {
    const agents = [{ id: 'a1', free: { cpus: 4, mem: 4096, disk: 100, ports: 10 } }];
    expect(
      run({
        agents,
        frameworks: [
          { id: 'fa', role: 'a' },
          { id: 'fb', role: 'b' },
        ],
      }),
    ).toEqual([offer('fa', 'a1', { cpus: 4, mem: 4096, disk: 100, ports: 10 })]);
  });

  it('orders roles by dominant share, recomputed for the next agent', () => {
    // total cpus 24, mem 22000: a = 4/24 = 0.17 > b = 2000/22000 = 0.09, so b first; then b's share is 0.55.
    const agents = [
      { id: 'a1', free: { cpus: 10, mem: 10000 } },
      { id: 'a2', free: { cpus: 10, mem: 10000 } },
    ];
    const frameworks = [
      { id: 'fa', role: 'a', alloc: { cpus: 4 } },
      { id: 'fb', role: 'b', alloc: { mem: 2000 } },
    ];
    expect(run({ agents, frameworks }).map((o) => [o.framework, o.agent])).toEqual([
      ['fb', 'a1'],
      ['fa', 'a2'],
    ]);
  });

  it('breaks share ties by allocation count, then by name (not by index)', () => {
    const agents = [{ id: 'a1', free: node }];
    expect(
      run({
        agents,
        frameworks: [
          { id: 'fa', role: 'a', count: 2 },
          { id: 'fb', role: 'b', count: 1 },
        ],
      })[0]?.framework,
    ).toBe('fb');
    expect(
      run({
        agents,
        frameworks: [
          { id: 'fz', role: 'b' },
          { id: 'fy', role: 'a' },
        ],
      })[0]?.framework,
    ).toBe('fy');
    // Frameworks inside one role the same way: fw-a first, then fw-b (fw-a now has a share).
    const two = [
      { id: 'a1', free: node },
      { id: 'a2', free: node },
    ];
    expect(
      run({
        agents: two,
        frameworks: [
          { id: 'fw-b', role: 'r' },
          { id: 'fw-a', role: 'r' },
        ],
      }).map((o) => o.framework),
    ).toEqual(['fw-a', 'fw-b']);
  });

  it('divides shares by role weights', () => {
    // total cpus 17: a = 4/17/2 = 0.12 < b = 3/17 = 0.18.
    const spec: ClusterSpec = {
      agents: [{ id: 'a1', free: { cpus: 10, mem: 1000 } }],
      frameworks: [
        { id: 'fa', role: 'a', alloc: { cpus: 4 } },
        { id: 'fb', role: 'b', alloc: { cpus: 3 } },
      ],
    };
    expect(run(spec)[0]?.framework).toBe('fb');
    expect(run({ ...spec, roles: { a: { weight: 2 } } })[0]?.framework).toBe('fa');
  });

  it('compares subtree aggregates at each level of the role tree', () => {
    // total cpus 30: subtree a = 6/30 > b = 4/30 although a/y has nothing; then b = 14/30 and a/y < a/x inside a.
    const agents = [
      { id: 'a1', free: { cpus: 10, mem: 1000 } },
      { id: 'a2', free: { cpus: 10, mem: 1000 } },
    ];
    const frameworks = [
      { id: 'fax', role: 'a/x', alloc: { cpus: 6 } },
      { id: 'fay', role: 'a/y' },
      { id: 'fb', role: 'b', alloc: { cpus: 4 } },
    ];
    expect(run({ agents, frameworks }).map((o) => [o.framework, o.agent])).toEqual([
      ['fb', 'a1'],
      ['fay', 'a2'],
    ]);
  });

  it('gives a role with frameworks and children a virtual leaf beside its children', () => {
    // a = 5/21 < b = 6/21 at the root; inside a, the virtual leaf a/. (0) comes before a/x (5/21).
    const frameworks = [
      { id: 'fa', role: 'a' },
      { id: 'fax', role: 'a/x', alloc: { cpus: 5 } },
      { id: 'fb', role: 'b', alloc: { cpus: 6 } },
    ];
    expect(run({ agents: [{ id: 'a1', free: { cpus: 10, mem: 1000 } }], frameworks })[0]?.framework).toBe('fa');
  });

  it('offers a reservation to its role and its descendants only', () => {
    // b comes first (no allocation) but cannot use a's pool; a/b gets the pool whole.
    const agents = [{ id: 'a1', free: {}, pools: [{ role: 'a', free: { cpus: 2, mem: 1024 } }] }];
    const frameworks = [
      { id: 'fb', role: 'b' },
      { id: 'fab', role: 'a/b', alloc: { cpus: 1 } },
    ];
    expect(run({ agents, frameworks })).toEqual([offer('fab', 'a1', {}, ['a1#0'])]);
    // A pool reserved to a/b is not offered to role a.
    const deeper = [{ id: 'a1', free: {}, pools: [{ role: 'a/b', free: { cpus: 2, mem: 1024 } }] }];
    expect(run({ agents: deeper, frameworks: [{ id: 'fa', role: 'a' }] })).toEqual([]);
  });

  it('serves unsatisfied quota guarantees first (stage 1)', () => {
    // total cpus 8: q's guarantee of 4 is served on a1 in stage 1 although a comes first by name.
    const agents = [
      { id: 'a1', free: node },
      { id: 'a2', free: node },
    ];
    const frameworks = [
      { id: 'fa', role: 'a' },
      { id: 'fq', role: 'q' },
    ];
    expect(run({ agents, frameworks, roles: { q: { guarantee: { cpus: 4 } } } })).toEqual([
      offer('fq', 'a1', node),
      offer('fa', 'a2', node),
    ]);
  });

  it('chops unreserved scalars to the quota limit; the rest goes to the next role', () => {
    const agents = [{ id: 'a1', free: { cpus: 8, mem: 1000 } }];
    const frameworks = [
      { id: 'fl', role: 'l' },
      { id: 'fm', role: 'm' },
    ];
    expect(run({ agents, frameworks, roles: { l: { limit: { cpus: 3 } } } })).toEqual([
      offer('fl', 'a1', { cpus: 3, mem: 1000 }),
      offer('fm', 'a1', { cpus: 5 }),
    ]);
  });

  it('holds back headroom for a quota role without an active framework', () => {
    // 6 cpus in the cluster, 4 guaranteed to q: only 2 may go to a.
    const agents = [{ id: 'a1', free: { cpus: 6, mem: 6000 } }];
    const roles = { q: { guarantee: { cpus: 4 } } };
    const expected = [offer('fa', 'a1', { cpus: 2, mem: 6000 })];
    expect(run({ agents, roles, frameworks: [{ id: 'fa', role: 'a' }] })).toEqual(expected);
    expect(
      run({
        agents,
        roles,
        frameworks: [
          { id: 'fa', role: 'a' },
          { id: 'fq', role: 'q', active: false },
        ],
      }),
    ).toEqual(expected);
  });

  it('applies offer filters unless more became free', () => {
    const frameworks = [
      { id: 'fa', role: 'a' },
      { id: 'fb', role: 'b' },
    ];
    const filters = [{ framework: 'fa', declined: node }];
    expect(run({ agents: [{ id: 'a1', free: node, filters }], frameworks })[0]?.framework).toBe('fb');
    expect(run({ agents: [{ id: 'a1', free: { ...node, cpus: 5 }, filters }], frameworks })[0]?.framework).toBe('fa');
    // Float dust does not defeat a filter: 0.1 + 0.2 is within 0.3.
    const dust = [{ id: 'a1', free: { cpus: 0.1 + 0.2 }, filters: [{ framework: 'fa', declined: { cpus: 0.3 } }] }];
    expect(run({ agents: dust, frameworks })[0]?.framework).toBe('fb');
  });

  it('offers only cpus >= 0.01 or mem >= 32, reservations included', () => {
    const agents = [
      { id: 'tiny', free: { cpus: 0.005, mem: 16 } },
      { id: 'cpu', free: { cpus: 0.01 } },
      { id: 'mem', free: { mem: 32 } },
      { id: 'pooled', free: { cpus: 0.005 }, pools: [{ role: 'a', free: { cpus: 0.005 } }] },
    ];
    expect(run({ agents, frameworks: [{ id: 'fa', role: 'a' }] }).map((o) => o.agent)).toEqual(['cpu', 'mem', 'pooled']);
  });

  it('gives nothing to inactive frameworks', () => {
    const agents = [{ id: 'a1', free: node }];
    expect(
      run({
        agents,
        frameworks: [
          { id: 'fa', role: 'a', active: false },
          { id: 'fb', role: 'b' },
        ],
      }),
    ).toEqual([offer('fb', 'a1', node)]);
    expect(run({ agents, frameworks: [{ id: 'fa', role: 'a', active: false }] })).toEqual([]);
  });

  it('offers GPU agents only to GPU-capable frameworks', () => {
    const gpu = [{ id: 'g1', free: { ...node, gpus: 1 } }];
    expect(
      run({
        agents: gpu,
        frameworks: [
          { id: 'fa', role: 'a' },
          { id: 'fg', role: 'g', gpu: true },
        ],
      }),
    ).toEqual([offer('fg', 'g1', { ...node, gpus: 1 })]);
    expect(run({ agents: gpu, frameworks: [{ id: 'fa', role: 'a' }] })).toEqual([]);
    expect(
      run({
        agents: [{ id: 'c1', free: node }],
        frameworks: [
          { id: 'fa', role: 'a' },
          { id: 'fg', role: 'g', gpu: true },
        ],
      })[0]?.framework,
    ).toBe('fa');
  });

  it('does not chop by float dust: two 0.1 leftovers fill a 0.2 limit whole', () => {
    // limit left = 0.3 - 0.1 = 0.19999999999999998; the leftover 0.1 + 0.1 = 0.2 is offered whole.
    const agents = [{ id: 'a1', free: { cpus: 0.1 + 0.1 } }];
    const spec: ClusterSpec = {
      agents,
      frameworks: [{ id: 'fl', role: 'l' }],
      roles: { l: { limit: { cpus: 0.3 }, consumed: { cpus: 0.1 } } },
    };
    expect(run(spec)).toEqual([offer('fl', 'a1', { cpus: 0.2 })]);
    // A real shortfall is chopped: 0.25 - 0.1 = 0.15 of 0.2.
    expect(run({ ...spec, roles: { l: { limit: { cpus: 0.25 }, consumed: { cpus: 0.1 } } } })).toEqual([
      offer('fl', 'a1', { cpus: 0.25 - 0.1 }),
    ]);
  });

  it('walks only the agents of the run, stage 2 in its own order', () => {
    const agents = [
      { id: 'a1', free: node },
      { id: 'a2', free: node },
      { id: 'a3', free: node },
    ];
    expect(run({ agents, frameworks: [{ id: 'fa', role: 'a' }], order1: [], order2: ['a3', 'a1'] }).map((o) => o.agent)).toEqual([
      'a3',
      'a1',
    ]);
  });

  it('answers runs with more offers than its first output guess', () => {
    // With no minimum, every framework visited gets an offer, empty ones included: 40 on one agent.
    const frameworks = Array.from({ length: 40 }, (_, i) => ({
      id: `f${String(i).padStart(2, '0')}`,
      role: `r${String(i).padStart(2, '0')}`,
    }));
    const offers = run({ agents: [{ id: 'a1', free: node }], frameworks, minCpus: 0, minMem: 0 });
    expect(offers).toHaveLength(40);
    expect(offers[0]).toEqual(offer('f00', 'a1', node));
    expect(offers[39]).toEqual(offer('f39', 'a1', {}));
  });
});

describe('Wasm header layout', () => {
  it('uses the contract columns', () => {
    expect([layout.Q, layout.SCALARS]).toEqual([Q, SCALARS]);
  });
});
