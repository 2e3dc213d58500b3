/** Pure helpers of the time bar: its scale, where a pointer or a key takes the clock, and the markers. */
import { scaleLinear, type ScaleLinear } from 'd3';
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

export type MarkerKind = TimelineEventKind | 'action';

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

const PRIORITY: Record<MarkerKind, number> = { failure: 5, leader: 4, recovery: 3, deployment: 2, config: 1, action: 0 };

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

/** The cluster's own events (deployments done, failures, agents back, new leaders), drawn below the track. */
export function happeningMarkersOf(happenings: readonly TimelineEvent[], scale: TimeScale, now: number): Marker[] {
  return merged(
    happenings.map((e) => ({ at: e.at, kind: e.kind, line: `${formatAxisTime(e.at)} ${e.label}` })),
    scale,
    now,
  );
}
