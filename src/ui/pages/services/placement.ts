/** The placement diagnosis, arranged for display: agents grouped by the check they fail, in check order. */
import { compareText } from './compare.ts';
import { stageLabel, stageOrder } from './funnel.ts';
import type { Placement, PlacementFailure } from './marathon-types.ts';

export interface FailureGroup {
  stage: string;
  label: string;
  /** All agents failing at this stage. */
  count: number;
  /** The first few, by hostname, for display. */
  shown: PlacementFailure[];
}

/**
 * `totals` (a stage's `failed` count from the diagnosis) wins over the listed agents, which the API
 * may cap.
 */
export function failureGroups(
  failures: readonly PlacementFailure[],
  limit = 50,
  totals: ReadonlyArray<{ stage: string; failed: number }> = [],
): FailureGroup[] {
  const byStage = new Map<string, PlacementFailure[]>();
  for (const f of failures) {
    const list = byStage.get(f.stage);
    if (list) list.push(f);
    else byStage.set(f.stage, [f]);
  }
  return [...byStage]
    .sort(([a], [b]) => stageOrder(a) - stageOrder(b) || a.localeCompare(b))
    .map(([stage, list]) => ({
      stage,
      label: stageLabel(stage),
      count: Math.max(list.length, totals.find((t) => t.stage === stage)?.failed ?? 0),
      shown: [...list].sort((a, b) => compareText(a.hostname, b.hostname)).slice(0, limit),
    }));
}

/** Stages in check order, each as a fraction of the agents that reached it, for the bar chart. */
export function placementStages(p: Placement): Array<{ stage: string; label: string; passed: number; failed: number; reached: number }> {
  return [...p.stages]
    .sort((a, b) => stageOrder(a.stage) - stageOrder(b.stage))
    .map((s) => ({ stage: s.stage, label: stageLabel(s.stage), passed: s.passed, failed: s.failed, reached: s.passed + s.failed }));
}
