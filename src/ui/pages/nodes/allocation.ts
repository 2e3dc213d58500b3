/** Per-agent allocation read straight from the frame's typed arrays. */
import { interpolateHcl, piecewise, scaleSequential } from 'd3';
import type { AgentInfo } from '../../../common/view-types.ts';

/** What the grid colours each agent by, as DC/OS's Nodes grid does: one resource at a time. */
export type GridMetric = 'cpus' | 'mem' | 'disk' | 'gpus';

/** The switch's choices, in the frame's resource order. */
export const GRID_METRICS: ReadonlyArray<{ metric: GridMetric; label: string; long: string }> = [
  { metric: 'cpus', label: 'CPU', long: 'CPU' },
  { metric: 'mem', label: 'Mem', long: 'memory' },
  { metric: 'disk', label: 'Disk', long: 'disk' },
  { metric: 'gpus', label: 'GPU', long: 'GPU' },
];

const SLOT: Record<GridMetric, number> = { cpus: 0, mem: 1, disk: 2, gpus: 3 };

/** Allocated fraction of one resource of an agent, or null when the agent has none of it (no GPUs). */
export function resourceFraction(agent: AgentInfo, allocated: Float64Array | undefined, index: number, metric: GridMetric): number | null {
  const s = SLOT[metric];
  const total = agent.total[s] ?? 0;
  if (total <= 0) return null;
  return Math.min(1, Math.max(0, (allocated?.[index * 4 + s] ?? 0) / total));
}

/** Whether any agent has some of the resource (a cluster without GPUs shows no GPU grid). */
export function anyAgentHas(agents: readonly AgentInfo[], metric: GridMetric): boolean {
  return agents.some((a) => (a.total[SLOT[metric]] ?? 0) > 0);
}

/** A tile for an agent without the resource: neither idle nor busy. */
export const NO_RESOURCE_COLOUR = '#f7f7f9';

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
