/**
 * The packed agents' live offer filters, as the kernel reads them: grouped by agent and, within an
 * agent, ordered by framework index (the kernel binary searches them; one framework's filters keep
 * their order).
 *
 * Filters live long (Marathon declines for 120 s, Mesos' benchmarks for a year) and there can be
 * millions, so each agent's filters are kept packed between runs: the engine only ever appends to
 * an agent's list (a decline) or replaces the list (expiry, revive, failover), so the same list holds
 * what was packed plus what was pushed since. A run then copies each agent's packed block instead
 * of reading every filter object again. A block is refilled (in place) when its agent's list was
 * replaced, when one of its filters has expired, or when the frameworks' slots changed (their
 * indexes did).
 */
import { Q, type AllocationInput } from './contract.ts';
import type { PackAgent, PackFilter } from './pack-source.ts';
import type { SlotIndex } from './pack-slots.ts';

type FilterArrays = Pick<AllocationInput, 'filterStart' | 'filterFw' | 'filterRes'>;

/** One agent's live filters, packed and ordered by framework index under `fwIndex`. */
interface AgentBlock {
  list: readonly PackFilter[];
  fwIndex: SlotIndex;
  /** How many of the list's filters have been looked at (packed, or left out as not live). */
  seen: number;
  n: number;
  fw: Int32Array;
  res: Float64Array;
  /** The earliest expiry among the packed filters: from then on the block is rebuilt. */
  expiresFirst: number;
}

const blocks = new WeakMap<PackAgent, AgentBlock>();

export function packFilters(agents: readonly PackAgent[], fwIndex: SlotIndex, now: number): FilterArrays {
  const nAgents = agents.length;
  const filterStart = new Int32Array(nAgents + 1);
  const packed = agents.map((agent) => blockOf(agent, fwIndex, now));
  let total = 0;
  packed.forEach((block, a) => (filterStart[a + 1] = total += block.n));
  const filterFw = new Int32Array(total);
  const filterRes = new Float64Array(total * Q);
  packed.forEach((block, a) => {
    if (block.n === 0) return;
    filterFw.set(block.fw.subarray(0, block.n), filterStart[a]!);
    filterRes.set(block.res.subarray(0, block.n * Q), filterStart[a]! * Q);
  });
  return { filterStart, filterFw, filterRes };
}

function blockOf(agent: PackAgent, fwIndex: SlotIndex, now: number): AgentBlock {
  const list = agent.filters;
  let block = blocks.get(agent);
  if (!block) {
    block = {
      list,
      fwIndex,
      seen: 0,
      n: 0,
      fw: new Int32Array(list.length),
      res: new Float64Array(list.length * Q),
      expiresFirst: Infinity,
    };
    blocks.set(agent, block);
  } else if (block.list !== list || block.fwIndex !== fwIndex || block.expiresFirst <= now) {
    block.list = list;
    block.fwIndex = fwIndex;
    block.seen = block.n = 0;
    block.expiresFirst = Infinity;
  }
  for (; block.seen < list.length; block.seen++) {
    const f = list[block.seen]!;
    const fw = fwIndex.get(f.frameworkId)?.get(f.role);
    if (f.expiresAt <= now || fw === undefined) continue;
    insert(block, fw, f.declined);
    block.expiresFirst = Math.min(block.expiresFirst, f.expiresAt);
  }
  return block;
}

/** Insert after every filter of a framework index ≤ fw (stable), growing the block when full. */
function insert(block: AgentBlock, fw: number, declined: ArrayLike<number>): void {
  if (block.n === block.fw.length) {
    const fwGrown = new Int32Array(Math.max(4, block.n * 2));
    const resGrown = new Float64Array(fwGrown.length * Q);
    fwGrown.set(block.fw);
    resGrown.set(block.res);
    block.fw = fwGrown;
    block.res = resGrown;
  }
  let at = block.n;
  while (at > 0 && block.fw[at - 1]! > fw) at--;
  if (at < block.n) {
    block.fw.copyWithin(at + 1, at, block.n);
    block.res.copyWithin((at + 1) * Q, at * Q, block.n * Q);
  }
  block.fw[at] = fw;
  for (let q = 0; q < Q; q++) block.res[at * Q + q] = declined[q]!;
  block.n++;
}
