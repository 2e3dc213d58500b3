/**
 * A task's resource use as a pure function of time: no event per simulated second, nothing kept per task. The
 * engine pays only for the `leak` profile (one event: the OOM kill, oom.ts); every other number is computed when
 * someone reads the metrics. Profiles (docs/metrics.md): `steady`, `sawtooth` (memory climbs to a peak and drops
 * back), `leak` (memory grows at a rate until the limit, or levels off at `peakMemMb`), `spike` (CPU bursts every period).
 */
import type { UsageSpec } from '../../common/scenario/types.ts';
import { fraction } from './hash.ts';

/** A container's limits: CPUs, memory and disk in MB (the resources its task was launched with). */
export interface Limits {
  cpus: number;
  mem: number;
  disk: number;
}

/** What a task uses at one instant, and its counters since it started. */
export interface UsageSample {
  /** Seconds since the container started. */
  seconds: number;
  /** CPUs in use now (bounded by the limit). */
  cpus: number;
  /** CPU-seconds used since start, and seconds of CPU wanted beyond the limit (throttled). */
  cpuSeconds: number;
  throttledSeconds: number;
  /** Seconds during which it wanted more CPU than its limit. */
  throttledWallSeconds: number;
  memMb: number;
  diskMb: number;
  rxBytes: number;
  txBytes: number;
}

const STEADY: UsageSpec = { profile: 'steady' };
const DEFAULT_SAWTOOTH_PERIOD_S = 300;
const DEFAULT_SPIKE_PERIOD_S = 600;
const DEFAULT_SPIKE_S = 60;
const DEFAULT_LEAK_MB_PER_MIN = 10;

/** The levels a task of this spec settles at: its own share of its limits when the spec names none (hashed). */
function levels(spec: UsageSpec, limits: Limits, hash: number): { cpus: number; mem: number } {
  const cpus = spec.cpus ?? limits.cpus * (0.1 + 0.3 * fraction(hash, 0));
  const mem = spec.memMb ?? limits.mem * (0.25 + 0.3 * fraction(hash, 1));
  return { cpus, mem };
}

/** A value held at or under a limit (a limit of 0 bounds nothing). */
const bounded = (value: number, limit: number): number => (limit > 0 ? Math.min(value, limit) : value);

/** Seconds of spike in [0, x) for spikes of `s` seconds at the start of every `p` seconds. */
function spikeTime(x: number, p: number, s: number): number {
  return Math.floor(x / p) * Math.min(s, p) + Math.min(x % p, s);
}

/**
 * Seconds after start at which the task's memory first reaches its limit, when the OOM killer ends it (null: never).
 * A leak reaches it unless it levels off (`peakMemMb`) below; a sawtooth when its peak is at or over it, in the
 * first climb that gets there; a steady or spiking task when its own level is at or over it, at once.
 */
export function oomSeconds(spec: UsageSpec | undefined, limits: Limits, hash: number): number | null {
  if (limits.mem <= 0) return null;
  const s = spec ?? STEADY;
  const { mem: base } = levels(s, limits, hash);
  if (base >= limits.mem) return 0;
  if (s.profile === 'leak') {
    if (s.peakMemMb !== undefined && s.peakMemMb < limits.mem) return null;
    return ((limits.mem - base) / (s.memMbPerMinute ?? DEFAULT_LEAK_MB_PER_MIN)) * 60;
  }
  if (s.profile !== 'sawtooth') return null;
  const period = s.periodSeconds ?? DEFAULT_SAWTOOTH_PERIOD_S;
  const peak = sawtoothPeak(s, limits, base);
  if (peak < limits.mem) return null;
  // The phase climbs from 0 to 1 over each period; the limit is reached at phase q.
  const q = (limits.mem - base) / (peak - base);
  const offset = fraction(hash, 2) * period;
  return offset >= q * period ? period - offset + q * period : q * period - offset;
}

const sawtoothPeak = (s: UsageSpec, limits: Limits, base: number): number =>
  s.peakMemMb ?? Math.max(base, Math.min(limits.mem * 0.9, base * 2));

/** The memory in MB at `t` seconds (before the bound of the limit). */
function memoryAt(spec: UsageSpec, limits: Limits, hash: number, base: number, t: number): number {
  switch (spec.profile) {
    case 'leak': {
      const grown = base + ((spec.memMbPerMinute ?? DEFAULT_LEAK_MB_PER_MIN) * t) / 60;
      return spec.peakMemMb === undefined ? grown : Math.min(grown, Math.max(base, spec.peakMemMb));
    }
    case 'sawtooth': {
      const period = spec.periodSeconds ?? DEFAULT_SAWTOOTH_PERIOD_S;
      const peak = sawtoothPeak(spec, limits, base);
      const phase = ((t + fraction(hash, 2) * period) % period) / period;
      return base + (peak - base) * phase;
    }
    default:
      return base;
  }
}

/** Usage of a task with `spec` (absent: steady) and `limits`, `ms` after its container started. */
export function usageAt(spec: UsageSpec | undefined, limits: Limits, hash: number, ms: number): UsageSample {
  const s = spec ?? STEADY;
  const t = Math.max(0, ms) / 1000;
  const base = levels(s, limits, hash);
  let cpus = bounded(base.cpus, limits.cpus);
  let cpuSeconds = cpus * t;
  let throttledSeconds = Math.max(0, base.cpus - cpus) * t;
  let throttledWallSeconds = base.cpus > cpus ? t : 0;
  if (s.profile === 'spike') {
    const period = s.periodSeconds ?? DEFAULT_SPIKE_PERIOD_S;
    const length = s.spikeSeconds ?? DEFAULT_SPIKE_S;
    const offset = fraction(hash, 2) * period;
    const wanted = s.spikeCpus ?? Math.max(base.cpus, limits.cpus);
    const spiking = spikeTime(t + offset, period, length) - spikeTime(offset, period, length);
    const high = bounded(wanted, limits.cpus);
    if ((t + offset) % period < length) cpus = high;
    cpuSeconds += (high - bounded(base.cpus, limits.cpus)) * spiking;
    throttledSeconds += (Math.max(0, wanted - high) - Math.max(0, base.cpus - bounded(base.cpus, limits.cpus))) * spiking;
    if (wanted > high && !(base.cpus > bounded(base.cpus, limits.cpus))) throttledWallSeconds = spiking;
  }
  const memMb = bounded(memoryAt(s, limits, hash, base.mem, t), limits.mem);
  const rate = 2_000 + 18_000 * fraction(hash, 3);
  return {
    seconds: t,
    cpus,
    cpuSeconds,
    throttledSeconds,
    throttledWallSeconds,
    memMb,
    diskMb: limits.disk * (0.05 + 0.15 * fraction(hash, 4)),
    rxBytes: Math.floor(rate * t),
    txBytes: Math.floor(rate * 0.6 * t),
  };
}
