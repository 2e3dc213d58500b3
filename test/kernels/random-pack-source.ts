/**
 * Random clusters as the packer reads them (PackSource), for the differential tests of the packer: agents with
 * several reservation pools each (static and dynamic ones look alike to the packer: one more pool reserved to a
 * role), used-up pools, dynamic pools emptied by UNRESERVE (all zero, kept in the list), reservations to
 * hierarchical roles and to roles no framework is in; unregistered, deactivated and disconnected agents;
 * MULTI_ROLE and suppressed frameworks holding resources; quota, weights, allocation counts and offer filters.
 */
import type { PortRanges } from '../../src/common/scenario/types.ts';
import type {
  PackAgent,
  PackFilter,
  PackFramework,
  PackPool,
  PackRole,
  PackShare,
  PackSource,
} from '../../src/kernels/allocator/pack-source.ts';

export interface PackSize {
  agents: number;
  frameworks: number;
  /** Probability that an agent holds reservations. */
  reserved: number;
}

const DUST = 0.1 + 0.2 - 0.3;
const CPUS = [0, DUST, 0.005, 0.01, 0.1, 0.1 + 0.2, 0.5, 1, 2, 4, 8, 16];
const MEM = [0, DUST, 16, 32, 100, 256, 1024, 4096, 65536];
const DISK = [0, 0, 1000, 65536];
const GPUS = [0, 0, 0, 0, 1, 2];
/** Roles frameworks subscribe to, and roles only reservations name (no framework is ever in them). */
const FRAMEWORK_ROLES = ['a', 'a/x', 'a/x/y', 'b', 'b/y', 'c', 'slave_public'];
const RESERVATION_ONLY = ['d', 'a/z', 'e/x', 'b/y/z'];

export function randomPackSource(rng: () => number, size: PackSize, now: number): PackSource {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const chance = (p: number) => rng() < p;
  const int = (max: number) => Math.floor(rng() * (max + 1));
  const odd = (scale: number) => (chance(0.5) ? Math.round(rng() * scale * 1000) / 1000 : rng() * scale);
  const scalars = (): number[] => [chance(0.2) ? odd(8) : pick(CPUS), chance(0.2) ? odd(8192) : pick(MEM), pick(DISK), pick(GPUS)];
  const part = (total: readonly number[]): number[] => {
    const k = pick([0, 0.5, 1, 1, 1]);
    return total.map((v) => (chance(0.2) ? odd(v) : v * k));
  };
  const ports = (from: number): PortRanges => (chance(0.5) ? [] : [[from, from + int(20)]]);

  const pool = (role: string): PackPool => {
    const kind = pick(['static', 'dynamic', 'dynamic', 'used-up', 'emptied'] as const);
    if (kind === 'emptied') return { role, total: [0, 0, 0, 0], free: [0, 0, 0, 0], totalPorts: [], freePorts: [] };
    const total = scalars();
    const totalPorts = ports(30000 + int(900));
    return kind === 'used-up'
      ? { role, total, free: [0, 0, 0, 0], totalPorts, freePorts: [] }
      : { role, total, free: part(total), totalPorts, freePorts: chance(0.7) ? totalPorts : [] };
  };

  const frameworks: PackFramework[] = Array.from({ length: int(size.frameworks) }, (_, i) => {
    const roles = [...new Set(Array.from({ length: 1 + int(1) }, () => pick(FRAMEWORK_ROLES)))];
    const shares: Record<string, PackShare> = {};
    for (const role of chance(0.3) ? [...roles, pick(FRAMEWORK_ROLES)] : roles) {
      if (!chance(0.6)) continue;
      const allocated = scalars().map((v) => v * pick([0.5, 1, 3]));
      shares[role] = { allocationCount: int(5), allocated, allocatedUnreserved: part(allocated), allocatedPorts: int(10) };
    }
    return {
      id: `fw-${String(int(999)).padStart(3, '0')}-${i}`,
      roles,
      suppressedRoles: roles.filter(() => chance(0.15)),
      registered: chance(0.9),
      gpuCapable: chance(0.3),
      shares,
    };
  });

  const filtersOn = (free: readonly number[]): PackFilter[] =>
    frameworks.length === 0
      ? []
      : Array.from({ length: pick([0, 0, 0, 1, 2]) }, () => {
          const fw = pick(frameworks);
          const declined = pick([
            [...free, 100],
            [...part(free), 0],
            [Infinity, Infinity, Infinity, Infinity, Infinity],
          ]);
          return { frameworkId: fw.id, role: pick(fw.roles), declined, expiresAt: now + pick([-1, 0, 1, 60_000]) };
        });

  const agents: PackAgent[] = Array.from({ length: size.agents }, () => {
    const total = scalars();
    const totalPorts: PortRanges = [[31000, 31000 + int(100)]];
    const unreserved: PackPool = { role: '*', total, free: part(total), totalPorts, freePorts: chance(0.7) ? totalPorts : [] };
    const reserved = chance(size.reserved)
      ? Array.from({ length: 1 + int(4) }, () => pool(chance(0.7) ? pick(FRAMEWORK_ROLES) : pick(RESERVATION_ONLY)))
      : [];
    return {
      registered: chance(0.95),
      deactivated: chance(0.05),
      disconnected: chance(0.05),
      pools: [unreserved, ...reserved],
      filters: filtersOn(unreserved.free),
    };
  });

  const roles: Record<string, PackRole> = {};
  for (const role of [...FRAMEWORK_ROLES, ...RESERVATION_ONLY, 'e']) {
    const top = !role.includes('/');
    const quota = top && chance(0.4) ? [pick([0, 0.5, 2, 8, 0.1 + 0.2]), pick([0, 1024, 4096]), pick([0, 100]), pick([0, 1])] : null;
    if (quota || chance(0.3)) roles[role] = { weight: pick([1, 1, 0.5, 2, 3]), quota };
  }
  const roleAllocationCounts: Record<string, number> = {};
  for (const role of FRAMEWORK_ROLES) if (chance(0.5)) roleAllocationCounts[role] = int(6);
  return { agents, frameworks, roles, roleAllocationCounts };
}

/** The agents a run may walk (the engine walks usable ones only): all of them, or a triggered run's few. */
export function randomRunAgents(rng: () => number, source: PackSource): number[] {
  const usable = [...source.agents.keys()].filter((a) => {
    const agent = source.agents[a]!;
    return agent.registered && !agent.deactivated && !agent.disconnected;
  });
  if (rng() < 0.3) return usable;
  return usable.filter(() => rng() < 0.25);
}

/** A seeded shuffle of `agents`, as the engine draws each stage's order. */
export function shuffledOrder(rng: () => number, agents: readonly number[]): Int32Array {
  const out = Int32Array.from(agents);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
