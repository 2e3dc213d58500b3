/** What every part of the cluster dump reader shares: JSON guards, Mesos' port text, a resource summary in words. */
import type { PortRanges } from '../../common/scenario/types.ts';

export type Json = Record<string, unknown>;

export const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
export const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
export const objects = (x: unknown): Json[] => list(x).filter(isObject);
export const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
export const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

/** Mesos' ranges text, `[1025-2180, 2182-3887]`, as port ranges; null when it is not that. */
export function parsePorts(text: unknown): PortRanges | null {
  if (text === undefined || text === '' || text === '[]') return [];
  if (typeof text !== 'string') return null;
  const inner = /^\[(.*)\]$/.exec(text.trim())?.[1];
  if (inner === undefined) return null;
  const ranges: PortRanges = [];
  for (const part of inner.split(',')) {
    const m = /^\s*(\d+)-(\d+)\s*$/.exec(part);
    if (!m) return null;
    ranges.push([Number(m[1]), Number(m[2])]);
  }
  return ranges;
}

/** `2 cpus, 1024 MB mem, ports [8080-8080]`: only what is there. */
export function amountsText(r: { cpus?: number; mem?: number; disk?: number; gpus?: number; ports?: PortRanges }): string {
  const parts: string[] = [];
  if (r.cpus) parts.push(`${r.cpus} cpus`);
  if (r.mem) parts.push(`${r.mem} MB mem`);
  if (r.disk) parts.push(`${r.disk} MB disk`);
  if (r.gpus) parts.push(`${r.gpus} gpus`);
  if (r.ports && r.ports.length > 0) parts.push(`ports ${r.ports.map(([b, e]) => `[${b}-${e}]`).join(', ')}`);
  return parts.join(', ') || 'nothing';
}

/** A Mesos duration flag (`1secs`, `500ms`, `2mins`) in ms; null when it is not one. */
export function durationMs(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = /^\s*([\d.]+)\s*(ns|us|ms|secs|mins|hrs|days|weeks)\s*$/.exec(text);
  if (!m) return null;
  const unit: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    ms: 1,
    secs: 1000,
    mins: 60_000,
    hrs: 3_600_000,
    days: 86_400_000,
    weeks: 604_800_000,
  };
  return Number(m[1]) * unit[m[2]!]!;
}

/** The Marathon id as a file name: `/prod/api` → `prod-api` (the root's own apps keep their name). */
export function slug(id: string): string {
  return (
    id
      .replace(/^\/+|\/+$/g, '')
      .replace(/\//g, '-')
      .replace(/[^A-Za-z0-9._-]/g, '_') || 'root'
  );
}
