/** A bounded series of cluster figures over simulated time, appended from frames. */
import type { ClusterFrame } from '../../common/view-types.ts';

export const HISTORY_POINTS = 600;

export type Quad = readonly [number, number, number, number];

export interface HistoryPoint {
  /** Simulated ms. */
  t: number;
  allocated: Quad;
  total: Quad;
  /** Weighted dominant share per role. */
  shares: Readonly<Record<string, number>>;
}

export function pointOf(frame: ClusterFrame): HistoryPoint {
  const shares: Record<string, number> = {};
  for (const r of frame.roles) shares[r.role] = r.share;
  return { t: frame.now, allocated: [...frame.allocated], total: [...frame.total], shares };
}

/**
 * A new array with `point` appended (never mutates `history`): a point at the same time
 * replaces the last one, a point earlier than the last starts a new series.
 */
export function appendPoint(history: readonly HistoryPoint[], point: HistoryPoint, max = HISTORY_POINTS): HistoryPoint[] {
  const last = history[history.length - 1];
  if (!last || point.t < last.t) return [point];
  const keep = point.t === last.t ? history.slice(0, -1) : history.slice(history.length >= max ? history.length - max + 1 : 0);
  keep.push(point);
  return keep;
}

/** `known` plus any roles of `frame` not in it yet, in order of appearance (so colours stay put); the same array when nothing is new. */
export function mergeRoles(known: readonly string[], frame: ClusterFrame): readonly string[] {
  const fresh = frame.roles.map((r) => r.role).filter((r) => !known.includes(r));
  return fresh.length === 0 ? known : [...known, ...fresh];
}
