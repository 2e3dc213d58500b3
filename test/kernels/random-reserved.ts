/**
 * Random clusters aimed at the kernel's pool-only walk (assembly/pool-reach.ts): agents whose unreserved part is
 * used up, dust or below the minimum from the start, or taken by the first offer, while pools of several roles
 * remain: hierarchical roles (a pool of `a` goes to `a/x/y` too), roles with their own frameworks and sub-roles (a
 * virtual leaf `a/.`), roles no framework is in, pools with only cpus, only mem, only disk or ports, or dust. Now and
 * then a guarantee larger than the cluster, so that stage 2 has no surplus headroom for unreserved resources.
 */
import type { AgentSpec, ClusterSpec, FrameworkSpec, Res, RoleSpec } from './input-builder.ts';

export interface ReservedSize {
  agents: number;
  frameworks: number;
}

const DUST = 0.1 + 0.2 - 0.3;
const TOPS = ['a', 'b', 'c', 'd', 'e'];
const KIDS = ['x', 'y'];

export function reservedCluster(rng: () => number, size: ReservedSize): ClusterSpec {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const chance = (p: number) => rng() < p;
  const int = (max: number) => Math.floor(rng() * (max + 1));

  // Every path up to 3 levels under the tops: frameworks sit on some of them only.
  const all = TOPS.flatMap((t) => [t, ...KIDS.flatMap((k) => [`${t}/${k}`, ...KIDS.map((g) => `${t}/${k}/${g}`)])]);
  const withFrameworks = all.filter(() => chance(0.35));
  if (withFrameworks.length === 0) withFrameworks.push(pick(all));

  const frameworks: FrameworkSpec[] = [];
  const nF = 1 + int(size.frameworks - 1);
  for (let i = 0; i < nF; i++)
    frameworks.push({
      id: `fw-${String(i).padStart(3, '0')}`,
      role: pick(withFrameworks),
      active: chance(0.9),
      gpu: chance(0.2),
      alloc: chance(0.6) ? { cpus: pick([0, 0.5, 1, 2, 3]), mem: pick([0, 256, 1024, 4096]) } : undefined,
      count: int(3),
    });

  const roles: Record<string, RoleSpec> = {};
  for (const t of TOPS) if (chance(0.3)) roles[t] = { weight: pick([0.5, 2, 3]) };
  if (chance(0.3)) {
    // A guarantee no cluster here can satisfy: every unreserved resource is held back for it in stage 2.
    const t = pick(TOPS);
    roles[t] = { ...roles[t], guarantee: { cpus: pick([1000, 0.5]), mem: pick([1e6, 0]) } };
  }

  const unreserved = (): Res =>
    pick<Res>([
      {},
      { cpus: DUST, mem: DUST },
      { cpus: 0.005, mem: 31.999 },
      { cpus: 0.01 - DUST, mem: 16, disk: 100, ports: 5 },
      { cpus: 0.01 },
      { mem: 32 },
      { cpus: 4, mem: 4096, disk: 1000, ports: 10 },
      { cpus: 16, mem: 65536, ports: 100 },
    ]);
  const pooled = (): Res =>
    pick<Res>([
      { cpus: 1, mem: 1024 },
      { cpus: 2, mem: 512, disk: 100 },
      { cpus: 0.005 },
      { cpus: 0.005, mem: 16 },
      { mem: 64 },
      { disk: 1000 },
      { ports: 10 },
      { cpus: DUST },
      { gpus: 1, cpus: 1 },
      { cpus: 0.5, mem: 31.999 },
    ]);
  const agents: AgentSpec[] = [];
  const nAgents = 1 + int(size.agents - 1);
  for (let i = 0; i < nAgents; i++) {
    const pools = Array.from({ length: 1 + int(5) }, () => ({ role: chance(0.2) ? pick(TOPS) : pick(all), free: pooled() }));
    const filters = chance(0.2)
      ? [{ framework: pick(frameworks).id, declined: pick<Res>([pooled(), { cpus: 2, mem: 2048, disk: 1000 }]) }]
      : [];
    agents.push({ id: `agent-${i}`, free: unreserved(), pools, filters });
  }
  const ordering = (): string[] => {
    const ids = agents.map((a) => a.id);
    for (let i = ids.length - 1; i > 0; i--) {
      const j = int(i);
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    return ids;
  };
  return {
    agents,
    frameworks,
    roles,
    order1: ordering(),
    order2: ordering(),
    minCpus: chance(0.9) ? 0.01 : 0,
    minMem: chance(0.9) ? 32 : 0,
    shuffle: chance(0.5) ? rng : undefined,
  };
}
