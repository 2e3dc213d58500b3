/** A bounded series of cluster figures over the cluster's whole simulated past, appended from frames. */
import type { ClusterFrame, FigureSample, TaskCounts } from '../../common/view-types.ts';

export const HISTORY_POINTS = 600;

export type Quad = readonly [number, number, number, number];

export interface HistoryPoint {
  /** Simulated ms. */
  t: number;
  /** Used by tasks + offered (what the allocator counts as allocated). */
  allocated: Quad;
  /** Used by tasks. */
  used: Quad;
  /** Offered and not yet accepted or declined. */
  offered: Quad;
  total: Quad;
  /** Weighted dominant share per role, as DRF counts it (offered + used). */
  shares: Readonly<Record<string, number>>;
  /** Weighted dominant share per role of the resources its tasks use. */
  usedShares: Readonly<Record<string, number>>;
  /** The task counters (live tasks by state, ended tasks since the start by how they ended). */
  tasks: TaskCounts;
  /** The figures are the last known, held while no leader answered (see `heldFigures`). */
  held?: boolean;
}

/** The chart point of `frame`; `held`: its figures are the last known, repeated at `frame.now`. */
export function pointOf(frame: FigureSample, held = false): HistoryPoint {
  const shares: Record<string, number> = {};
  const usedShares: Record<string, number> = {};
  for (const r of frame.roles) {
    shares[r.role] = r.share;
    usedShares[r.role] = r.usedShare;
  }
  const point: HistoryPoint = {
    t: frame.now,
    allocated: [...frame.allocated],
    used: [...frame.used],
    offered: [...frame.offered],
    total: [...frame.total],
    shares,
    usedShares,
    tasks: { ...frame.tasks },
  };
  if (held) point.held = true;
  return point;
}

/**
 * A new array with `point` appended (never mutates `history`): a point at the same time replaces
 * the last one, a point earlier than the last starts a new series. Past `max` points the series is
 * thinned to about half, evenly over its whole span (see `thinned`): the charts keep the cluster's
 * whole past, at a resolution that coarsens as it grows, rather than a sliding window of frames.
 */
export function appendPoint(history: readonly HistoryPoint[], point: HistoryPoint, max = HISTORY_POINTS): HistoryPoint[] {
  const last = history[history.length - 1];
  if (!last || point.t < last.t) return [point];
  const keep = point.t === last.t ? history.slice(0, -1) : history.slice();
  keep.push(point);
  return keep.length > max ? thinned(keep, Math.ceil(max / 2)) : keep;
}

/**
 * About `target` of `points` spread evenly over their span: the first, the last, each point at least
 * span / (target − 1) after the one kept before it, and both sides of every change between held and
 * live figures (so shaded stretches keep their bounds).
 */
export function thinned(points: readonly HistoryPoint[], target: number): HistoryPoint[] {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || points.length <= target) return points.slice();
  const gap = (last.t - first.t) / Math.max(1, target - 1);
  const out = [first];
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!;
    const edge = !!p.held !== !!points[i - 1]!.held || !!p.held !== !!points[i + 1]!.held;
    if (edge || p.t - out[out.length - 1]!.t >= gap) out.push(p);
  }
  out.push(last);
  return out;
}

/** `known` plus any roles of `frame` not in it yet, in order of appearance (so colours stay put); the same array when nothing is new. */
export function mergeRoles(known: readonly string[], frame: Pick<FigureSample, 'roles'>): readonly string[] {
  const fresh = frame.roles.map((r) => r.role).filter((r) => !known.includes(r));
  return fresh.length === 0 ? known : [...known, ...fresh];
}

/** The figures a leader answered for in a frame; the rest (time, HA view, agents' standing, events) is live in every frame. */
export type Figures = Pick<
  ClusterFrame,
  'total' | 'allocated' | 'used' | 'offered' | 'agentAllocated' | 'agentTasks' | 'roles' | 'tasks' | 'offersOutstanding' | 'frameworks'
>;

/** Why figures are held: no master leads, or a new leader's agents and frameworks are not back yet. */
export type HoldReason = Exclude<ClusterFrame['answers'], 'leader'>;

/** Figures shown in place of a frame's own: the last known, since `at` (simulated ms of the frame they come from). */
export interface Held {
  at: number;
  reason: HoldReason;
}

/**
 * The frame to show for `frame`, given `known`, the last frame a leader answered for: `frame`
 * itself when a leader answers (or nothing was known yet), else `frame` with the figures of
 * `known` (never the zeros of a cluster nobody leads) and `held` saying since when. Offers are
 * the one thing known to be gone (a leader that stops leading rescinds them, and only a leader
 * makes them), so the held figures have none: allocated is what was used.
 */
export function heldFigures(
  frame: ClusterFrame,
  known: ClusterFrame | null,
): { shown: ClusterFrame; known: ClusterFrame | null; held: Held | null } {
  if (frame.answers === 'leader') return { shown: frame, known: frame, held: null };
  if (known === null || known.now > frame.now) return { shown: frame, known: null, held: null };
  const figures: Figures = {
    ...heldChartFigures(known),
    agentAllocated: known.agentAllocated,
    agentTasks: known.agentTasks,
    offersOutstanding: 0,
    frameworks: known.frameworks,
  };
  return { shown: { ...frame, ...figures }, known, held: { at: known.now, reason: frame.answers } };
}

/** The cluster-wide figures of `known` held while no leader answers: no offers (see `heldFigures`), so allocated is what was used. */
function heldChartFigures(known: FigureSample): Omit<FigureSample, 'now' | 'answers'> {
  return {
    tasks: known.tasks,
    total: known.total,
    allocated: known.used,
    used: known.used,
    offered: [0, 0, 0, 0],
    roles: known.roles.map((r) => ({ ...r, share: r.usedShare })),
  };
}

/** The chart points of figures sampled while the cluster ran unseen (oldest first), held as live frames are where no leader answered. */
export function pointsOfPast(samples: readonly FigureSample[], max = HISTORY_POINTS): HistoryPoint[] {
  let known: FigureSample | null = null;
  const points = samples.map((sample) => {
    if (sample.answers === 'leader') known = sample;
    else if (known !== null) return pointOf({ ...sample, ...heldChartFigures(known) }, true);
    return pointOf(sample);
  });
  return points.length > max ? thinned(points, Math.ceil(max / 2)) : points;
}

/**
 * The stretches of `history` drawn from held figures, as [from, to] in simulated ms: from the
 * first held point to the next point a leader answered for (or the last point). Charts shade them.
 */
export function heldSpans(history: readonly HistoryPoint[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let from: number | null = null;
  for (const p of history) {
    if (p.held && from === null) from = p.t;
    else if (!p.held && from !== null) {
      spans.push([from, p.t]);
      from = null;
    }
  }
  if (from !== null) spans.push([from, history[history.length - 1]!.t]);
  return spans;
}

/** Why figures are held, in a few words. */
export function holdReasonText(reason: HoldReason): string {
  return reason === 'none' ? 'no leading master' : 'new leader, agents re-registering';
}
