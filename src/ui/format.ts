/** Number and time formatting shared by the pages. */

const pad = (n: number, width = 2): string => String(Math.floor(n)).padStart(width, '0');

/** Simulated time as `d HH:MM:SS.s`, e.g. `0d 01:02:03.4`. */
export function formatClock(ms: number): string {
  const tenths = Math.floor(Math.max(0, ms) / 100);
  const s = Math.floor(tenths / 10);
  const days = Math.floor(s / 86_400);
  return `${days}d ${pad((s % 86_400) / 3600)}:${pad((s % 3600) / 60)}:${pad(s % 60)}.${tenths % 10}`;
}

/** Simulated time to the second, `d HH:MM:SS`, e.g. `0d 00:01:05` (a saved cluster's moment). */
export function formatSimTime(ms: number): string {
  return formatClock(ms).slice(0, -2);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How long ago wall-clock time `then` was, both in ms: `just now`, `5 min ago`, `3 h ago`, then the
 * local date and time (`toLocale` formats it; the default is the browser's locale).
 */
export function formatAge(then: number, now: number, toLocale: (t: number) => string = localTime): string {
  const ago = now - then;
  if (ago < -MINUTE) return toLocale(then); // a clock that went back: no "in 5 min"
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < 24 * HOUR) return `${Math.floor(ago / HOUR)} h ago`;
  return toLocale(then);
}

const localFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function localTime(t: number): string {
  return localFormat.format(t);
}

/** Short simulated time for chart axes: `m:ss`, `h:mm:ss` or `Nd hh:mm`. */
export function formatAxisTime(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}:${pad(s % 60)}`;
  if (s < 86_400) return `${Math.floor(s / 3600)}:${pad((s % 3600) / 60)}:${pad(s % 60)}`;
  return `${Math.floor(s / 86_400)}d ${pad((s % 86_400) / 3600)}:${pad((s % 3600) / 60)}`;
}

const STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/** Tick positions (ms) on whole seconds/minutes/hours for a simulated-time axis. */
export function timeTicks(from: number, to: number, count = 5): number[] {
  const span = Math.max(1, to - from) / 1000;
  const step = (STEPS_S.find((s) => span / s <= count) ?? Math.ceil(span / count / 86_400) * 86_400) * 1000;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

const num = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatNumber(n: number): string {
  return num.format(n);
}

export function formatInt(n: number): string {
  return int.format(n);
}

/** Mesos megabytes as MiB / GiB / TiB. */
export function formatMem(mb: number): string {
  if (Math.abs(mb) >= 1024 * 1024) return `${num.format(mb / 1024 / 1024)} TiB`;
  if (Math.abs(mb) >= 1024) return `${num.format(mb / 1024)} GiB`;
  return `${num.format(mb)} MiB`;
}

/** The binary unit that suits a memory/disk amount of `mb` MiB. */
export function memUnit(mb: number): { div: number; label: string } {
  if (Math.abs(mb) >= 1024 * 1024) return { div: 1024 * 1024, label: 'TiB' };
  if (Math.abs(mb) >= 1024) return { div: 1024, label: 'GiB' };
  return { div: 1, label: 'MiB' };
}

/** `used / total unit` with the unit of the total, e.g. `5 / 16 GiB`. */
export function formatMemPair(used: number, total: number): string {
  const { div, label } = memUnit(total);
  return `${num.format(used / div)} / ${num.format(total / div)} ${label}`;
}

export function formatPercent(fraction: number): string {
  return `${num.format(fraction * 100)}%`;
}

/** Resource `index` (0 cpus, 1 mem, 2 disk, 3 gpus) in its natural unit. */
export function formatResource(index: number, value: number): string {
  return index === 1 || index === 2 ? formatMem(value) : num.format(value);
}

export const RESOURCE_LABELS = ['CPU', 'Memory', 'Disk', 'GPU'] as const;

const cpus = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** CPU shares to Mesos' three decimals: a 0.01-CPU task is not "0". */
export function formatCpus(n: number): string {
  return cpus.format(n);
}
