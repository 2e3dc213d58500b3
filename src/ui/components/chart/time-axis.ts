/** The x axis every history chart shares: simulated time of the kept points, at least one second wide. */
import { scaleLinear, type ScaleLinear } from 'd3';
import type { HistoryPoint } from '../../state/history.ts';
import { timeTicks } from '../../format.ts';

export function historyTimeScale(history: readonly HistoryPoint[], plotWidth: number): ScaleLinear<number, number> {
  const from = history[0]?.t ?? 0;
  const to = Math.max(history[history.length - 1]?.t ?? 0, from + 1000);
  return scaleLinear().domain([from, to]).range([0, plotWidth]);
}

/** Round-time ticks for a time scale, one per `spacing` px at most. */
export function historyTimeTicks(x: ScaleLinear<number, number>, plotWidth: number, spacing: number): number[] {
  const [from, to] = x.domain() as [number, number];
  return timeTicks(from, to, Math.max(2, Math.floor(plotWidth / spacing)));
}
