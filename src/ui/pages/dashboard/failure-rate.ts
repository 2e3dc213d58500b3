/**
 * Task failure rate, as DC/OS's Dashboard plots it: of the tasks that ended in a stretch of time,
 * the share that failed. The chart history's points carry cumulative counters of ended tasks
 * (`TaskCounts`), so a stretch's figures are the differences of the counters at its two ends.
 */
import type { TaskCounts } from '../../../common/view-types.ts';
import { timeTicks } from '../../format.ts';

/** The counters at a moment of simulated time (ms); `held`: the last known, while no leader answers. */
export interface CounterSample {
  t: number;
  tasks: TaskCounts;
  held?: boolean;
}

export interface Ended {
  /** Finished, killed, failed or lost. */
  ended: number;
  /** Failed (TASK_FAILED, TASK_ERROR) or lost (TASK_LOST, TASK_GONE, TASK_DROPPED), as the frames count them. */
  failed: number;
}

export interface RateBar extends Ended {
  from: number;
  to: number;
  /** failed ÷ ended; null when no task ended. */
  rate: number | null;
  /** A sample in the stretch held the last known counters (no leader answered). */
  held: boolean;
}

export function endedOf(t: TaskCounts): Ended {
  return { ended: t.finished + t.killed + t.failed + t.lost, failed: t.failed + t.lost };
}

export function rateOf(e: Ended): number | null {
  return e.ended > 0 ? e.failed / e.ended : null;
}

/** What ended between two counters; never negative (a counter that went back counts nothing). */
function between(a: Ended, b: Ended): Ended {
  return { ended: Math.max(0, b.ended - a.ended), failed: Math.max(0, Math.min(b.failed - a.failed, b.ended - a.ended)) };
}

/** What ended over the whole series: its last counters less its first. */
export function endedOver(samples: readonly CounterSample[]): Ended {
  const first = samples[0];
  const last = samples[samples.length - 1];
  return first && last ? between(endedOf(first.tasks), endedOf(last.tasks)) : { ended: 0, failed: 0 };
}

/**
 * The series' time span cut at round times (`timeTicks`, about `count` stretches, the first and the
 * last maybe partial), each with what ended in it: the counters at its end (the last sample at or
 * before it) less those at its start. Round cuts stay put as the series moves on, so only the last
 * stretch changes with a new sample. Fewer than two samples, or no time between them: no bars.
 */
export function failureBars(samples: readonly CounterSample[], count: number): RateBar[] {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || last.t <= first.t || count < 1) return [];
  const cuts = [...new Set([first.t, ...timeTicks(first.t, last.t, count), last.t])];
  const bars: RateBar[] = [];
  let i = 0;
  let prev = endedOf(first.tasks);
  for (let k = 1; k < cuts.length; k++) {
    const from = cuts[k - 1]!;
    const to = cuts[k]!;
    let held = false;
    while (i + 1 < samples.length && samples[i + 1]!.t <= to) {
      i++;
      held ||= samples[i]!.held === true;
    }
    // No sample inside the stretch: it is as the last one before it was.
    held ||= samples[i]!.held === true;
    const now = endedOf(samples[i]!.tasks);
    const e = between(prev, now);
    bars.push({ from, to, ...e, rate: rateOf(e), held });
    prev = now;
  }
  return bars;
}

/** Consecutive held bars as one [from, to] stretch of simulated ms, for the chart to shade. */
export function heldStretches(bars: readonly RateBar[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const b of bars) {
    if (!b.held) continue;
    const open = out[out.length - 1];
    if (open && open[1] === b.from) open[1] = b.to;
    else out.push([b.from, b.to]);
  }
  return out;
}
