/**
 * Random cluster descriptions for the differential test, built with input-builder.ts: hierarchical
 * roles 1-3 levels deep, weights, quota guarantees and limits (dust-sized ones too), active,
 * inactive and GPU frameworks with allocations and counts, agents with zero, dust and odd free
 * amounts, reservation pools, offer filters near the candidate, random (partial) agent orders,
 * unallocated reservations on agents outside the run.
 */
import type { AgentSpec, ClusterSpec, FrameworkSpec, Res, RoleSpec } from './input-builder.ts';

export interface RandomSize {
  agents: number;
  frameworks: number;
  roles: number;
  /** Probability that a top-level role has quota. */
  quota: number;
  /** Probability that agents outside the run hold unallocated reservations (default 0). */
  unpacked?: number;
}

/** A small seeded PRNG (mulberry32): deterministic streams from a fast-check integer. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DUST = 0.1 + 0.2 - 0.3; // 5.55e-17
const CPUS = [0, 0, DUST, 1e-12, 0.005, 0.01, 0.1, 0.1 + 0.1, 0.1 + 0.2, 0.3, 0.5, 1, 2, 4, 16];
const MEM = [0, 0, DUST, 16, 31.999, 32, 100, 256, 1024, 4096, 65536];
const DISK = [0, 0, 0, 1, 1000, 65536];
const GPUS = [0, 0, 0, 0, 0, 1, 2];
const PORTS = [0, 0, 1, 10, 1000];
const TOPS = ['a', 'b', 'c', 'd'];
const KIDS = ['x', 'y', 'z'];

export function randomCluster(rng: () => number, size: RandomSize): ClusterSpec {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const chance = (p: number) => rng() < p;
  const int = (max: number) => Math.floor(rng() * (max + 1));
  const odd = (scale: number) => (chance(0.5) ? Math.round(rng() * scale * 1000) / 1000 : rng() * scale);
  const quantity = (): Res => ({
    cpus: chance(0.2) ? odd(8) : pick(CPUS),
    mem: chance(0.2) ? odd(8192) : pick(MEM),
    disk: pick(DISK),
    gpus: pick(GPUS),
    ports: pick(PORTS),
  });
  const scaled = (r: Res, k: number): Res => Object.fromEntries(Object.entries(r).map(([name, v]) => [name, v * k]));

  // Role paths, 1-3 levels: a random top, then maybe a child, maybe a grandchild.
  const paths = new Set<string>();
  const nRoles = 1 + int(size.roles - 1);
  for (let i = 0; i < nRoles; i++) {
    let path = pick(TOPS);
    if (chance(0.5)) path += `/${pick(KIDS)}`;
    if (path.includes('/') && chance(0.4)) path += `/${pick(KIDS)}`;
    paths.add(path);
  }
  const rolePaths = [...paths];
  const roles: Record<string, RoleSpec> = {};
  for (const path of rolePaths.flatMap((p) => p.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/')))) {
    const spec: RoleSpec = {};
    if (chance(0.4)) spec.weight = pick([0.5, 1, 2, 3, 1.5]);
    if (!path.includes('/') && chance(size.quota)) {
      spec.guarantee = {
        cpus: pick([0, 0.5, 1, 2, 4, 0.3, 0.1 + 0.2]),
        mem: pick([0, 0, 256, 1024, 4096]),
        disk: pick([0, 0, 100]),
        gpus: pick([0, 0, 1]),
      };
      if (chance(0.6)) {
        const g = spec.guarantee;
        spec.limit = {
          cpus: pick([g.cpus! + 1, g.cpus!, 0.3, 2, 8, Infinity]),
          mem: pick([Infinity, 2048, g.mem!, 512]),
          gpus: pick([Infinity, 0, 1]),
        };
      }
      if (chance(0.2)) spec.consumed = { cpus: pick([0, 0.1, 1, 3]), mem: pick([0, 128, 2048]) };
    }
    if (spec.weight !== undefined || spec.guarantee) roles[path] = spec;
  }

  const frameworks: FrameworkSpec[] = [];
  const ids = new Set<string>();
  const nF = int(size.frameworks);
  for (let i = 0; i < nF; i++) {
    let id = `fw-${int(999)}`;
    while (ids.has(id)) id += 'x';
    ids.add(id);
    frameworks.push({
      id,
      role: chance(0.8) ? pick(rolePaths) : pick(TOPS),
      active: chance(0.8),
      gpu: chance(0.3),
      alloc: chance(0.5) ? scaled(quantity(), pick([0.5, 1, 3])) : undefined,
      count: int(4),
    });
  }

  const agents: AgentSpec[] = [];
  const nAgents = int(size.agents);
  for (let i = 0; i < nAgents; i++) {
    const free = quantity();
    const pools = Array.from({ length: pick([0, 0, 1, 1, 2, 3]) }, () => ({
      role: chance(0.8) ? pick(rolePaths) : pick(TOPS),
      free: chance(0.2) ? {} : quantity(),
    }));
    const everything = pools.reduce<Res>(
      (acc, p) => Object.fromEntries(Object.entries(acc).map(([k, v]) => [k, v + (p.free[k as keyof Res] ?? 0)])),
      free,
    );
    const filters =
      frameworks.length === 0
        ? []
        : Array.from({ length: pick([0, 0, 1, 2]) }, () => ({
            framework: pick(frameworks).id,
            declined: pick([
              free,
              everything,
              scaled(free, 0.5),
              scaled(everything, 2),
              quantity(),
              { cpus: Infinity, mem: Infinity, disk: Infinity, gpus: Infinity, ports: Infinity },
            ]),
          }));
    agents.push({ id: `agent-${i}`, free, pools, filters, ...(chance(0.05) ? { hasGpus: true } : {}) });
  }

  const ordering = (): string[] => {
    const all = agents.map((a) => a.id);
    for (let i = all.length - 1; i > 0; i--) {
      const j = int(i);
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    return chance(0.2) ? all.slice(0, int(all.length)) : all; // a triggered run walks only some agents
  };
  const spec: ClusterSpec = {
    agents,
    frameworks,
    roles,
    order1: ordering(),
    order2: ordering(),
    minCpus: chance(0.9) ? 0.01 : pick([0, 0.5]),
    minMem: chance(0.9) ? 32 : pick([0, 1024]),
    ...(chance(0.2) ? { total: { cpus: pick([100, 1, 1000]), mem: pick([1e5, 4096]) } } : {}),
    shuffle: chance(0.5) ? rng : undefined,
  };
  // Reservations on agents outside the run (a triggered run): only in the headroom, the total and quota consumption.
  if (chance(size.unpacked ?? 0))
    spec.unpacked = Array.from({ length: 1 + int(5) }, () => ({ role: chance(0.7) ? pick(rolePaths) : pick(TOPS), free: quantity() }));
  return spec;
}
