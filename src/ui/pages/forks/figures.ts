/** The comparison as the What-if page lays it out: figures grouped by subject, and placements agent by agent. */
import type { ComparisonRow, Metric, VariantReport } from '../../../sandbox/forks/types.ts';

/** Simulated time as the comparison's words write it, whole seconds down: "3:15", "1:03:15". */
export function forkClock(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A sentence of the comparison in parts: names it quotes in backticks (`analytics`) are code. */
export function sentenceParts(sentence: string): Array<{ text: string; code: boolean }> {
  const capital = sentence.charAt(0).toUpperCase() + sentence.slice(1);
  return capital
    .split('`')
    .map((text, i) => ({ text, code: i % 2 === 1 }))
    .filter((p) => p.text !== '');
}

export const METRIC_LABELS: Record<Metric, string> = {
  'role tasks': 'Tasks running',
  'role share': 'Dominant share',
  'app running': 'Instances running',
  'app waiting': 'Instances waiting',
  'app waiting ms': 'Time waiting',
  'app deployment ms': 'Deployment time',
  'app unfinished deployments': 'Deployments not done',
};

export function formatFigure(metric: Metric, value: number | null): string {
  if (value === null) return '—';
  // Whole percents: what the comparison counts as a difference (two decimals of the share).
  if (metric === 'role share') return `${Math.round(value * 100)}%`;
  if (metric === 'app waiting ms' || metric === 'app deployment ms') return forkClock(value);
  return String(value);
}

export interface FigureGroup {
  subject: string;
  kind: 'role' | 'app';
  rows: Array<ComparisonRow & { label: string; changed: boolean[] }>;
}

/** Rows grouped by role or app, in the comparison's order; `changed[i]`: variant i's figure is not the baseline's. */
export function figureGroups(rows: readonly ComparisonRow[]): FigureGroup[] {
  const groups: FigureGroup[] = [];
  for (const row of rows) {
    let group = groups[groups.length - 1];
    if (group?.subject !== row.subject) {
      group = { subject: row.subject, kind: row.metric.startsWith('role') ? 'role' : 'app', rows: [] };
      groups.push(group);
    }
    const base = row.values[0] ?? null;
    const changed = row.values.map((v, i) => i > 0 && !sameFigure(row.metric, base, v));
    group.rows.push({ ...row, label: METRIC_LABELS[row.metric], changed });
  }
  return groups;
}

/** As the comparison's words count it: shares at two decimals, times to the second. */
function sameFigure(metric: Metric, a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  if (metric === 'role share') return Math.round(a * 100) === Math.round(b * 100);
  if (metric === 'app waiting ms' || metric === 'app deployment ms') return Math.abs(a - b) < 1000;
  return a === b;
}

export interface PlacementCell {
  /** Marathon app id → live tasks on the agent. */
  apps: Array<{ app: string; tasks: number }>;
  changed: boolean;
}

export interface PlacementRow {
  agent: string;
  cells: PlacementCell[];
}

const natural = new Intl.Collator('en', { numeric: true });

/** Every agent that holds a Marathon app's task in any variant, and what each variant has there at its end. */
export function placementRows(reports: readonly VariantReport[]): PlacementRow[] {
  const apps = [...new Set(reports.flatMap((r) => Object.keys(r.placements)))].filter((a) => a.startsWith('/')).sort(natural.compare);
  const agents = new Set<string>();
  for (const r of reports) for (const app of apps) for (const agent of Object.keys(r.placements[app] ?? {})) agents.add(agent);
  const cellOf = (r: VariantReport, agent: string) =>
    apps.flatMap((app) => {
      const tasks = r.placements[app]?.[agent] ?? 0;
      return tasks > 0 ? [{ app, tasks }] : [];
    });
  return [...agents].sort(natural.compare).map((agent) => {
    const base = JSON.stringify(cellOf(reports[0]!, agent));
    return {
      agent,
      cells: reports.map((r, i) => {
        const cell = cellOf(r, agent);
        return { apps: cell, changed: i > 0 && JSON.stringify(cell) !== base };
      }),
    };
  });
}
