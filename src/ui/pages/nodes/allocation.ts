/** Per-agent allocation read straight from the frame's typed arrays. */
import { interpolateHcl, piecewise, scaleSequential } from 'd3';
import type { AgentInfo } from '../../../common/view-types.ts';

/** Allocated fraction of an agent: the larger of CPU and memory. */
export function allocatedFraction(agent: AgentInfo, allocated: Float64Array | undefined, index: number): number {
  if (!allocated) return 0;
  const cpus = agent.total[0] > 0 ? (allocated[index * 4] ?? 0) / agent.total[0] : 0;
  const mem = agent.total[1] > 0 ? (allocated[index * 4 + 1] ?? 0) / agent.total[1] : 0;
  return Math.min(1, Math.max(0, cpus, mem));
}

/** Light (idle) to deep violet (full), with most of the change in the upper half where busy clusters live. */
export const allocationScale = scaleSequential(piecewise(interpolateHcl, ['#eceef4', '#c4b8f7', '#8e6ff0', '#5b3fd9', '#250c6e'])).domain([
  0, 1,
]);

const STEPS = 100;
/** Precomputed colours for 0 %, 1 %, … 100 %: no string building per tile per frame. */
const LUT: readonly string[] = Array.from({ length: STEPS + 1 }, (_, i) => allocationScale(i / STEPS));

export function allocationColour(fraction: number): string {
  return LUT[Math.round(Math.min(1, Math.max(0, fraction)) * STEPS)]!;
}

/** Legend stops. */
export const LEGEND_STOPS: readonly number[] = [0, 0.25, 0.5, 0.75, 1];
