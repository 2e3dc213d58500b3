/**
 * Marathon's host-port selection for one instance on one offer (MA:src/main/scala/mesosphere/marathon/tasks/
 * PortsMatcher.scala). A request is one entry per port mapping (or pod endpoint, or port definition):
 * null = no host port (a container port only; kept so the answer stays aligned), 0 = any port, else that port.
 * Host networking with requirePorts:false asks 0 for every definition (run-spec.ts): the declared numbers are ignored.
 */
import { normalizePorts } from '../../common/resources.ts';
import type { PortRanges } from '../../common/scenario/types.ts';

/** Uniform integer in [min, max]: the engine's seeded generator (`SimContext.randomInt`). */
export type RandomInt = (min: number, max: number) => number;

/** One offered pool's ports, as the offer lists them. */
export interface PoolPorts {
  pool: number;
  ports: PortRanges;
}

export interface PortsMatch {
  /** Aligned with the request: the host port of each entry, null where it asked none. */
  hostPorts: Array<number | null>;
  /** Per pool, the ports taken (normalized). */
  taken: Map<number, PortRanges>;
}

interface Range {
  pool: number;
  begin: number;
  end: number;
}

/** Host ports the request takes (entries that are not null). */
export function hostPortCount(request: ReadonlyArray<number | null>): number {
  let n = 0;
  for (const p of request) if (p !== null) n++;
  return n;
}

/** The fixed host ports of the request: these must be offered, and dynamic ones never take them (PortsMatcher:118-157). */
function fixedPorts(request: ReadonlyArray<number | null>): Set<number> {
  const out = new Set<number>();
  for (const p of request) if (p !== null && p !== 0) out.add(p);
  return out;
}

const inRanges = (ranges: PortRanges, port: number) => ranges.some(([b, e]) => b <= port && port <= e);

/**
 * Whether the request fits the pools, without choosing (the Debug funnel asks this): every fixed port offered, and
 * enough other ports for the zeros.
 */
export function portsFit(pools: readonly PoolPorts[], request: ReadonlyArray<number | null>): boolean {
  return missingFixedPort(pools, request) === null && dynamicShort(pools, request) <= 0;
}

/** The first fixed port no pool offers, or null. */
export function missingFixedPort(pools: readonly PoolPorts[], request: ReadonlyArray<number | null>): number | null {
  for (const port of fixedPorts(request)) if (!pools.some((p) => inRanges(p.ports, port))) return port;
  return null;
}

/** How many more ports the zeros need than the pools hold beside the fixed ones (≤ 0: enough). */
export function dynamicShort(pools: readonly PoolPorts[], request: ReadonlyArray<number | null>): number {
  const fixed = fixedPorts(request);
  let offered = 0;
  for (const p of pools) for (const [b, e] of p.ports) offered += e - b + 1;
  for (const port of fixed) if (pools.some((p) => inRanges(p.ports, port))) offered--;
  return request.filter((p) => p === 0).length - offered;
}

/**
 * Choose the host ports, all or nothing (`takeEnoughPortsOrNone`, PortsMatcher:162-172), or undefined. `random`
 * null: no shuffle and the first offered port as the start, i.e. lowest-first in offer order (the what-if trials).
 */
export function matchPorts(
  pools: readonly PoolPorts[],
  request: ReadonlyArray<number | null>,
  random: RandomInt | null,
): PortsMatch | undefined {
  if (hostPortCount(request) === 0) return { hostPorts: request.map(() => null), taken: new Map() };
  if (!portsFit(pools, request)) return undefined;
  const ranges: Range[] = pools.flatMap((p) => p.ports.map(([begin, end]) => ({ pool: p.pool, begin, end })));
  // The common request, one port of any number: the iterator's first port, without the iterator.
  if (request.length === 1 && request[0] === 0) {
    const { pool, port } = firstRandomPort(ranges, random);
    return { hostPorts: [port], taken: new Map([[pool, [[port, port]]]]) };
  }
  const fixed = fixedPorts(request);
  // The iterator is only made (and the generator only drawn from) when some entry asks for any port.
  const dynamic = request.includes(0) ? randomPorts(ranges, random) : null;
  const chosen = new Map<number, number[]>();
  const hostPorts = request.map((asked): number | null => {
    if (asked === null) return null;
    let pool: number;
    let port: number;
    if (asked !== 0) {
      port = asked;
      pool = ranges.find((r) => r.begin <= asked && asked <= r.end)!.pool;
    } else {
      // portsFit counted enough ports beside the fixed ones, so the iterator does not run out.
      let next = dynamic!.next();
      while (!next.done && fixed.has(next.value.port)) next = dynamic!.next();
      ({ pool, port } = next.value as { pool: number; port: number });
    }
    const list = chosen.get(pool);
    if (list) list.push(port);
    else chosen.set(pool, [port]);
    return port;
  });
  const taken = new Map<number, PortRanges>();
  for (const [pool, ports] of chosen) taken.set(pool, normalizePorts(ports.map((p) => [p, p])));
  return { hostPorts, taken };
}

/**
 * `lazyRandomPortsFromRanges` (PortsMatcher:287-322): the offered ranges shuffled (scala.util.Random.shuffle's
 * Fisher-Yates: for n from the length down to 2, swap n-1 with a uniform index below n), a uniform start index over all
 * offered ports, then consecutive ports to the end of the start range, the ranges after it, the ranges before it, and
 * the start range's head. Lazy: an offer's ranges may hold tens of thousands of ports.
 */
/** The first port `randomPorts` yields, with the same draws from `random`; the ranges hold at least one port. */
function firstRandomPort(offered: readonly Range[], random: RandomInt | null): { pool: number; port: number } {
  let total = 0;
  for (const r of offered) total += r.end - r.begin + 1;
  const order = offered.map((_, i) => i);
  if (random)
    for (let n = order.length; n >= 2; n--) {
      const k = random(0, n - 1);
      [order[n - 1], order[k]] = [order[k]!, order[n - 1]!];
    }
  let start = random ? random(0, total - 1) : 0;
  for (const i of order) {
    const r = offered[i]!;
    const size = r.end - r.begin + 1;
    if (start < size) return { pool: r.pool, port: r.begin + start };
    start -= size;
  }
  throw new Error('no port offered');
}

export function* randomPorts(offered: readonly Range[], random: RandomInt | null): Generator<{ pool: number; port: number }> {
  const total = offered.reduce((n, r) => n + r.end - r.begin + 1, 0);
  if (total === 0) return;
  const shuffled = [...offered];
  if (random)
    for (let n = shuffled.length; n >= 2; n--) {
      const k = random(0, n - 1);
      [shuffled[n - 1], shuffled[k]] = [shuffled[k]!, shuffled[n - 1]!];
    }
  let start = random ? random(0, total - 1) : 0;
  let rangeIdx = 0;
  while (start >= shuffled[rangeIdx]!.end - shuffled[rangeIdx]!.begin + 1) {
    start -= shuffled[rangeIdx]!.end - shuffled[rangeIdx]!.begin + 1;
    rangeIdx++;
  }
  const first = shuffled[rangeIdx]!;
  for (let port = first.begin + start; port <= first.end; port++) yield { pool: first.pool, port };
  const rest = [...shuffled.slice(rangeIdx + 1), ...shuffled.slice(0, rangeIdx)];
  for (const r of rest) for (let port = r.begin; port <= r.end; port++) yield { pool: r.pool, port };
  for (let port = first.begin; port < first.begin + start; port++) yield { pool: first.pool, port };
}
