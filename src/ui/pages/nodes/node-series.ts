/**
 * The node page's usage charts, the parts that need no page: one sample of an agent's dcos-metrics node answer
 * (`/system/v1/agent/<id>/metrics/v0/node`: Telegraf collects once a simulated minute, stamped with that minute)
 * and the bounded series the charts draw, kept on the client as the DC/OS UI keeps its node charts' points.
 */
import type { MetricsDatapoint, NodeMetrics } from '../../../api/metrics/shapes.ts';
import { SIM_EPOCH_MS } from '../../../common/clock.ts';

/** Points a chart keeps: an hour of Telegraf's minutes. */
export const MAX_POINTS = 60;

export interface NodeSample {
  /** Simulated ms of the collection. */
  t: number;
  /** `cpu.total`, percent of the agent's CPUs. */
  cpuPercent: number;
  /** `load.1min`. */
  load: number;
  /** `memory.total − memory.free`, bytes. */
  memUsed: number;
  /** `memory.total`, bytes. */
  memTotal: number;
}

function value(points: readonly MetricsDatapoint[], name: string): number | undefined {
  const p = points.find((d) => d.name === name && !d.tags);
  return p && Number.isFinite(p.value) ? p.value : undefined;
}

/** The sample in a node answer; null when it lacks the CPU or memory datapoints or their time. */
export function nodeSample(body: NodeMetrics | null | undefined): NodeSample | null {
  const points = Array.isArray(body?.datapoints) ? body.datapoints : [];
  const cpu = value(points, 'cpu.total');
  const total = value(points, 'memory.total');
  const free = value(points, 'memory.free');
  const stamp = points.find((d) => d.name === 'cpu.total')?.timestamp;
  const t = stamp ? Date.parse(stamp) - SIM_EPOCH_MS : NaN;
  if (cpu === undefined || total === undefined || free === undefined || !Number.isFinite(t)) return null;
  return { t, cpuPercent: cpu, load: value(points, 'load.1min') ?? 0, memUsed: Math.max(0, total - free), memTotal: total };
}

/**
 * The series after a sample: appended when it is of a later minute (the oldest dropped past `max`), the same
 * series when its minute is the last one's (polled again before Telegraf's next collection), and the sample alone
 * when it is of an earlier minute (a trip back in time: the later points are of another history).
 */
export function pushSample(series: readonly NodeSample[], sample: NodeSample, max = MAX_POINTS): readonly NodeSample[] {
  const last = series.at(-1);
  if (last && sample.t === last.t) return series;
  if (last && sample.t < last.t) return [sample];
  const next = [...series, sample];
  return next.length > max ? next.slice(next.length - max) : next;
}

const GIB = 1024 ** 3;

/** Bytes in GiB, to two decimals at most (`1.5 GiB`). */
export function formatGiB(bytes: number): string {
  return `${(Math.round((bytes / GIB) * 100) / 100).toLocaleString('en-US')} GiB`;
}

/** The charts' text for assistive technology: the newest values and the range over the points kept. */
export function seriesSummary(series: readonly NodeSample[]): { cpu: string; mem: string } {
  const last = series.at(-1);
  if (!last) return { cpu: 'CPU usage: no sample yet', mem: 'Memory usage: no sample yet' };
  const span = series.length === 1 ? 'one sample' : `${series.length} samples, one a simulated minute`;
  const cpus = series.map((s) => s.cpuPercent);
  const used = series.map((s) => s.memUsed);
  const pct = (v: number): string => `${Math.round(v * 10) / 10}%`;
  return {
    cpu: `CPU usage over ${span}: now ${pct(last.cpuPercent)}, lowest ${pct(Math.min(...cpus))}, highest ${pct(Math.max(...cpus))}`,
    mem: `Memory usage over ${span}: now ${formatGiB(last.memUsed)} of ${formatGiB(last.memTotal)}, lowest ${formatGiB(Math.min(...used))}, highest ${formatGiB(Math.max(...used))}`,
  };
}

/** One minute of a task's container (`/metrics/v0/containers/<id>`): CPU seconds so far, memory and its limit. */
export interface ContainerSample {
  t: number;
  /** `cpus.user_time_secs + cpus.system_time_secs`: grows from the container's start. */
  cpuSeconds: number;
  /** `cpus.limit`. */
  cpuLimit: number;
  /** `mem.total_bytes`. */
  memBytes: number;
  /** `mem.limit_bytes`. */
  memLimit: number;
}

/** The sample in a container answer; null when it lacks the CPU or memory datapoints or their time. */
export function containerSample(body: { datapoints?: MetricsDatapoint[] } | null | undefined): ContainerSample | null {
  const points = Array.isArray(body?.datapoints) ? body.datapoints : [];
  const get = (name: string): number | undefined => {
    const p = points.find((d) => d.name === name);
    return p && Number.isFinite(p.value) ? p.value : undefined;
  };
  const user = get('cpus.user_time_secs');
  const system = get('cpus.system_time_secs');
  const mem = get('mem.total_bytes');
  const stamp = points[0]?.timestamp;
  const t = stamp ? Date.parse(stamp) - SIM_EPOCH_MS : NaN;
  if (user === undefined || system === undefined || mem === undefined || !Number.isFinite(t)) return null;
  return { t, cpuSeconds: user + system, cpuLimit: get('cpus.limit') ?? 0, memBytes: mem, memLimit: get('mem.limit_bytes') ?? 0 };
}

/** CPUs used between consecutive samples (CPU seconds over wall seconds); the first point has none, so it is left out. */
export function cpuRates(series: readonly ContainerSample[]): Array<{ t: number; cpus: number }> {
  const out: Array<{ t: number; cpus: number }> = [];
  for (let i = 1; i < series.length; i++) {
    const a = series[i - 1]!;
    const b = series[i]!;
    const dt = (b.t - a.t) / 1000;
    if (dt > 0) out.push({ t: b.t, cpus: Math.max(0, (b.cpuSeconds - a.cpuSeconds) / dt) });
  }
  return out;
}

/** Appends a container sample as `pushSample` does a node's (same minute: kept; earlier: started again). */
export function pushContainerSample(
  series: readonly ContainerSample[],
  sample: ContainerSample,
  max = MAX_POINTS,
): readonly ContainerSample[] {
  const last = series.at(-1);
  if (last && sample.t === last.t) return series;
  if (last && sample.t < last.t) return [sample];
  const next = [...series, sample];
  return next.length > max ? next.slice(next.length - max) : next;
}
