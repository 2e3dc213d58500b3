/**
 * Resource arithmetic. Scalars are kept at Mesos' fixed-point precision (three decimals), so
 * adding and removing the same amounts always returns to the same value: no float drift.
 */
import type { PortRanges, ScalarResources } from './scenario/types.ts';

/** [cpus, mem, disk, gpus]. */
export type Scalars = [number, number, number, number];

export const SCALAR_NAMES = ['cpus', 'mem', 'disk', 'gpus'] as const;

export const zero = (): Scalars => [0, 0, 0, 0];

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function scalarsOf(r: Partial<ScalarResources>): Scalars {
  return [r.cpus ?? 0, r.mem ?? 0, r.disk ?? 0, r.gpus ?? 0];
}

export function toObject(s: Scalars): ScalarResources {
  return { cpus: s[0], mem: s[1], disk: s[2], gpus: s[3] };
}

export function addInto(target: Scalars, x: Scalars, sign = 1): void {
  for (let i = 0; i < 4; i++) target[i] = round3(target[i]! + sign * x[i]!);
}

export function isEmpty(s: Scalars): boolean {
  return s[0] <= 0 && s[1] <= 0 && s[2] <= 0 && s[3] <= 0;
}

export function portCount(ranges: PortRanges): number {
  let n = 0;
  for (const [b, e] of ranges) n += e - b + 1;
  return n;
}

/** Sorted, merged copy. */
/** The ports of the ranges one by one, in order, at most `max` of them. */
export function listPorts(ranges: PortRanges, max = 1000): number[] {
  const ports: number[] = [];
  for (const [b, e] of ranges) for (let port = b; port <= e && ports.length < max; port++) ports.push(port);
  return ports;
}

export function normalizePorts(ranges: PortRanges): PortRanges {
  const sorted = ranges.map(([b, e]) => [b, e] as [number, number]).sort((x, y) => x[0] - y[0]);
  const out: PortRanges = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}

/**
 * The union of two port sets, normalized. Both are nearly always normalized already (an agent's free ports and
 * what an offer or task took from them): then one linear merge, no sort, the same answer.
 */
export function mergePorts(a: PortRanges, b: PortRanges): PortRanges {
  // Port ranges are never changed in place, so a normalized side can be the answer itself.
  if (a.length === 0 && isNormalized(b)) return b;
  if (b.length === 0 && isNormalized(a)) return a;
  if (!sortedByStart(a) || !sortedByStart(b)) return normalizePorts([...a, ...b]);
  const out: PortRanges = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]![0] <= b[j]![0]) ? a[i++]! : b[j++]!;
    const last = out[out.length - 1];
    if (last && next[0] <= last[1] + 1) last[1] = Math.max(last[1], next[1]);
    else out.push([next[0], next[1]]);
  }
  return out;
}

/** Sorted, each range valid, apart from the next by at least one port. */
function isNormalized(ranges: PortRanges): boolean {
  for (let k = 0; k < ranges.length; k++) {
    const [b, e] = ranges[k]!;
    if (b > e || (k > 0 && b <= ranges[k - 1]![1] + 1)) return false;
  }
  return true;
}

function sortedByStart(ranges: PortRanges): boolean {
  for (let k = 1; k < ranges.length; k++) if (ranges[k]![0] < ranges[k - 1]![0]) return false;
  return true;
}

/** Take the `n` lowest ports out of `ranges`; returns [taken, left]. */
export function takePorts(ranges: PortRanges, n: number): [PortRanges, PortRanges] {
  const taken: PortRanges = [];
  const left: PortRanges = [];
  let need = n;
  for (const [b, e] of ranges) {
    if (need <= 0) {
      left.push([b, e]);
      continue;
    }
    const size = e - b + 1;
    if (size <= need) {
      taken.push([b, e]);
      need -= size;
    } else {
      taken.push([b, b + need - 1]);
      left.push([b + need, e]);
      need = 0;
    }
  }
  return [taken, left];
}

/** `ranges` without the ports in `remove`. */
export function subtractPorts(ranges: PortRanges, remove: PortRanges): PortRanges {
  let out = ranges;
  // Plain loops: host ports taken one by one split an offer's ranges into many, and this runs for every instance placed.
  for (const [rb, re] of remove) {
    const next: PortRanges = [];
    for (const [b, e] of out) {
      if (re < b || rb > e) {
        next.push([b, e]);
        continue;
      }
      if (b < rb) next.push([b, rb - 1]);
      if (re < e) next.push([re + 1, e]);
    }
    out = next;
  }
  return out;
}

/** Mesos' text form: "[1025-2180, 2182-3887]". */
export function formatPorts(ranges: PortRanges): string {
  return `[${ranges.map(([b, e]) => `${b}-${e}`).join(', ')}]`;
}
