/** Pure helpers of the time bar: its scale, where a pointer or a key takes the clock, and the markers. */
import { scaleLinear, type ScaleLinear } from 'd3';
import type { JobMark, JobMarkKind } from '../../../api/shapes/sandbox.ts';
import type { TimelineAction, TimelineEvent, TimelineEventKind } from '../../../worker/bridge.ts';
import { formatAxisTime } from '../../format.ts';

/** The axis spans at least this much simulated time, so a fresh cluster's bar is not all handle. */
export const MIN_SPAN_MS = 60_000;
/** One arrow key press moves the clock this far. */
export const KEY_STEP_MS = 10_000;
/** Markers closer than this many pixels share one tick. */
export const MERGE_PX = 4;
/** Scrub targets are whole tenths of a second (the clock's display resolution). */
const RESOLUTION_MS = 100;

export type TimeScale = ScaleLinear<number, number>;

/**
 * Where the axis ends: the latest time reached, or the last action if it lies beyond (a cluster
 * opened from a link made after going back carries actions that this tab has not reached yet).
 */
export function axisEnd(end: number, actions: readonly TimelineAction[]): number {
  return Math.max(end, actions[actions.length - 1]?.at ?? 0);
}

/**
 * Where the axis is drawn to: `end`, or past it by the look-ahead in which the jobs' scheduled runs are listed
 * (the worker's `jobs.lookAheadMs`, 0 when none is scheduled), counted from now when now lies beyond. Scrubbing still
 * stops at `end` (timeAt).
 */
export function viewEnd(end: number, now: number, lookAheadMs: number): number {
  return lookAheadMs > 0 ? Math.max(end, now) + lookAheadMs : end;
}

/** Simulated ms 0…end (at least MIN_SPAN_MS) onto 0…width pixels. */
export function timeScale(end: number, width: number): TimeScale {
  return scaleLinear()
    .domain([0, Math.max(end, MIN_SPAN_MS)])
    .range([0, Math.max(1, width)]);
}

/** The simulated time under pixel `x`, clamped to 0…`end` (the latest time reached) and rounded. */
export function timeAt(scale: TimeScale, x: number, end: number): number {
  const t = Math.round(scale.invert(x) / RESOLUTION_MS) * RESOLUTION_MS;
  return Math.min(Math.max(0, t), Math.max(0, end));
}

/** Where a key takes the clock from `now`, or null for a key the bar does not use. */
export function keyTarget(key: string, now: number, end: number): number | null {
  switch (key) {
    case 'ArrowLeft':
      return Math.max(0, now - KEY_STEP_MS);
    case 'ArrowRight':
      return now + KEY_STEP_MS;
    case 'Home':
      return 0;
    case 'End':
      return Math.max(now, end);
    default:
      return null;
  }
}

export type MarkerKind = TimelineEventKind | JobMarkKind | 'action';

export interface Marker {
  x: number;
  /** The earliest action's time in this tick. */
  at: number;
  kind: MarkerKind;
  /** Every action in the tick: `m:ss METHOD /path`, with the event's label when there is one. */
  lines: string[];
  /** All of its actions are still ahead of the clock (they run again, or are dropped by a fork). */
  ahead: boolean;
}

/** Which kind a merged tick shows: the cluster's failures and leaders first, then a failed job run, … a run still to come last. */
export const PRIORITY: Record<MarkerKind, number> = {
  failure: 8,
  leader: 7,
  'job-failure': 6,
  recovery: 5,
  deployment: 4,
  'job-success': 3,
  config: 2,
  'job-upcoming': 1,
  action: 0,
};

/** A tick's tooltip shows at most this many lines, then how many more it holds. */
export const MAX_TOOLTIP_LINES = 12;

interface Mark {
  at: number;
  kind: MarkerKind;
  line: string;
}

/** One marker per mark, merged when closer than MERGE_PX; a merged tick takes the most notable kind. */
function merged(marks: readonly Mark[], scale: TimeScale, now: number): Marker[] {
  const markers: Marker[] = [];
  for (const { at, kind, line } of marks) {
    const x = scale(at);
    const last = markers[markers.length - 1];
    if (last && x - last.x < MERGE_PX) {
      last.lines.push(line);
      if (PRIORITY[kind] > PRIORITY[last.kind]) last.kind = kind;
      last.ahead &&= at > now;
      continue;
    }
    markers.push({ x, at, kind, lines: [line], ahead: at > now });
  }
  return markers;
}

/**
 * The actions' ticks: a merged tick takes the most notable kind (failure over recovery over
 * deployment …). Events are matched to actions by time, in order.
 */
export function markersOf(actions: readonly TimelineAction[], events: readonly TimelineEvent[], scale: TimeScale, now: number): Marker[] {
  const unmatched = [...events];
  const marks = actions.map((action): Mark => {
    const i = unmatched.findIndex((e) => e.at === action.at);
    const event = i >= 0 ? unmatched.splice(i, 1)[0] : undefined;
    const line = `${formatAxisTime(action.at)} ${action.method} ${action.path}${event ? ` (${event.label})` : ''}`;
    return { at: action.at, kind: event?.kind ?? 'action', line };
  });
  return merged(marks, scale, now);
}

/**
 * The cluster's own events (deployments done, failures, agents back, new leaders) and the jobs' runs (finished, and
 * scheduled ahead of the clock), drawn below the track in one row: both lists oldest first, merged by time.
 */
export function happeningMarkersOf(
  happenings: readonly TimelineEvent[],
  scale: TimeScale,
  now: number,
  jobs: readonly JobMark[] = [],
): Marker[] {
  const marks: Mark[] = [];
  let i = 0;
  let j = 0;
  while (i < happenings.length || j < jobs.length) {
    const e = j >= jobs.length || (i < happenings.length && happenings[i]!.at <= jobs[j]!.at) ? happenings[i++]! : jobs[j++]!;
    marks.push({ at: e.at, kind: e.kind, line: `${formatAxisTime(e.at)} ${e.label}` });
  }
  return merged(marks, scale, now);
}

/** A tick's tooltip: its lines, at most MAX_TOOLTIP_LINES, then how many more. */
export function tooltipOf(lines: readonly string[]): string {
  if (lines.length <= MAX_TOOLTIP_LINES) return lines.join('\n');
  const more = lines.length - (MAX_TOOLTIP_LINES - 1);
  return [...lines.slice(0, MAX_TOOLTIP_LINES - 1), `… and ${more} more`].join('\n');
}

/** The jobs' marks in words, for screen readers (the ticks are drawn only): runs done, failed, and the next one due. */
export function jobsSummary(jobs: readonly JobMark[], now: number): string {
  if (jobs.length === 0) return '';
  const succeeded = jobs.filter((m) => m.kind === 'job-success' && m.at <= now).length;
  const failed = jobs.filter((m) => m.kind === 'job-failure' && m.at <= now).length;
  const next = jobs.find((m) => m.kind === 'job-upcoming' && m.at > now);
  const runs = `Job runs on the time bar: ${succeeded} succeeded, ${failed} failed`;
  return next ? `${runs}; next: ${next.label} (at ${formatAxisTime(next.at)})` : `${runs}.`;
}
