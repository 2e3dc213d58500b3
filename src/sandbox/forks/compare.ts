/**
 * Variants side by side: the figures each report ends with (what each fork's API says at `until`), and the
 * differences from the first report (the baseline) in words. Only differences that exist are stated: two runs of
 * one scenario compare with no difference at all.
 */
import { count, listOf, storyTime } from '../story/time.ts';
import type { Comparison, ComparisonRow, Difference, Metric, VariantReport } from './types.ts';

const last = <T>(items: readonly T[]): T | undefined => items[items.length - 1];
const round2 = (n: number): number => Math.round(n * 100) / 100;
const sorted = (items: Iterable<string>): string[] => [...new Set(items)].sort((a, b) => a.localeCompare(b));

/** Per app: ms of its deployments that finished after the fork (null: none did), and how many were left unfinished at the end. */
function deploymentFigures(r: VariantReport): Map<string, { ms: number | null; unfinished: number }> {
  const out = new Map<string, { ms: number | null; unfinished: number }>();
  for (const d of r.deployments) {
    for (const app of d.apps) {
      const f = out.get(app) ?? { ms: null, unfinished: 0 };
      if (d.outcome === 'finished' && d.endedAt !== null) f.ms = (f.ms ?? 0) + d.endedAt - d.startedAt;
      if (d.outcome === 'running') f.unfinished++;
      out.set(app, f);
    }
  }
  return out;
}

/** Every figure, by subject and metric: the table's rows. */
function rowsOf(reports: readonly VariantReport[]): ComparisonRow[] {
  const finals = reports.map((r) => last(r.samples));
  const deploys = reports.map(deploymentFigures);
  const roles = sorted(finals.flatMap((s) => s?.roles.map((x) => x.role) ?? []));
  const apps = sorted([...finals.flatMap((s) => s?.apps.map((x) => x.app) ?? []), ...deploys.flatMap((d) => [...d.keys()])]);
  const rows: ComparisonRow[] = [];
  const row = (subject: string, metric: Metric, value: (i: number) => number | null) =>
    rows.push({ subject, metric, values: reports.map((_r, i) => value(i)) });
  for (const role of roles) {
    const of = (i: number) => finals[i]?.roles.find((x) => x.role === role);
    row(role, 'role tasks', (i) => of(i)?.tasks ?? 0);
    row(role, 'role share', (i) => of(i)?.share ?? 0);
  }
  for (const app of apps) {
    const of = (i: number) => finals[i]?.apps.find((x) => x.app === app);
    row(app, 'app running', (i) => of(i)?.running ?? null);
    row(app, 'app waiting', (i) => of(i)?.waiting ?? null);
    row(app, 'app waiting ms', (i) => reports[i]!.waitingMs[app] ?? 0);
    row(app, 'app deployment ms', (i) => deploys[i]!.get(app)?.ms ?? null);
    row(app, 'app unfinished deployments', (i) => deploys[i]!.get(app)?.unfinished ?? 0);
  }
  return rows;
}

/** "3 more instances", "1 fewer instance". */
const more = (d: number, noun: string): string => `${Math.abs(d)} ${d > 0 ? 'more' : 'fewer'} ${Math.abs(d) === 1 ? noun : `${noun}s`}`;

/** The words for a figure that differs, or null when it does not. */
function wordsFor(
  row: ComparisonRow,
  base: number | null,
  value: number | null,
  r: VariantReport,
  i: number,
  reports: readonly VariantReport[],
): string | null {
  const { subject: s } = row;
  if (base === value) return null;
  const b = base ?? 0;
  const v = value ?? 0;
  const d = v - b;
  switch (row.metric) {
    case 'role tasks':
      return `${more(d, `\`${s}\` task`)} ${Math.abs(d) === 1 ? 'runs' : 'run'}`;
    case 'role share':
      return round2(b) === round2(v) ? null : `\`${s}\`'s dominant share ends at ${round2(v).toFixed(2)} (${round2(b).toFixed(2)})`;
    case 'app running':
      return value === null
        ? `${s} is gone`
        : base === null
          ? `${s} runs ${count(v, 'instance')} (it did not exist)`
          : `${s} runs ${more(d, 'instance')}`;
    case 'app waiting': {
      // An app on one side only: 'app running' says it is new or gone; nothing waits on the other side.
      if (base === null || value === null) return null;
      const reason = last(r.samples)?.apps.find((a) => a.app === s)?.reason;
      return v === 0
        ? `no instance of ${s} is left waiting (${b} in ${reports[0]!.name})`
        : `${count(v, 'instance')} of ${s} still ${v === 1 ? 'waits' : 'wait'} (${b} in ${reports[0]!.name})${reason ? `: ${reason}` : ''}`;
    }
    case 'app waiting ms':
      return Math.abs(d) < 1000 ? null : `${s} waits ${storyTime(Math.abs(d))} ${d > 0 ? 'longer' : 'less'}`;
    case 'app deployment ms':
      if (value === null) return `no deployment of ${s} finishes after the fork (${storyTime(b)} in ${reports[0]!.name})`;
      if (base === null) return `${s}'s deployment takes ${storyTime(v)} (none in ${reports[0]!.name})`;
      return Math.abs(d) < 1000 ? null : `${s}'s deployments take ${storyTime(Math.abs(d))} ${d > 0 ? 'longer' : 'less'}`;
    case 'app unfinished deployments':
      return v > 0
        ? `${s}'s deployment is not done by ${storyTime(reports[i]!.until)}`
        : `${s}'s deployment finishes by ${storyTime(reports[i]!.until)}`;
  }
}

/** A Marathon app whose instances sit on other agents than in the baseline: which agents gained or lost. */
function placementDifferences(base: VariantReport, r: VariantReport): Difference[] {
  const apps = sorted([...Object.keys(base.placements), ...Object.keys(r.placements)].filter((a) => a.startsWith('/')));
  const out: Difference[] = [];
  for (const app of apps) {
    const was = base.placements[app] ?? {};
    const now = r.placements[app] ?? {};
    const moved = sorted([...Object.keys(was), ...Object.keys(now)])
      .filter((h) => (was[h] ?? 0) !== (now[h] ?? 0))
      .map((h) => `${h} ${was[h] ?? 0}→${now[h] ?? 0}`);
    if (moved.length === 0) continue;
    out.push({
      variant: r.name,
      subject: app,
      metric: 'placement',
      baseline: null,
      value: null,
      text: `${app}'s instances sit elsewhere (${listOf(moved, 4)})`,
    });
  }
  return out;
}

function refusedWrites(r: VariantReport): Difference[] {
  return r.writes
    .filter((w) => w.status >= 300)
    .map((w) => ({
      variant: r.name,
      subject: `${w.request.method} ${w.request.path}`,
      metric: 'write refused' as const,
      baseline: null,
      value: w.status,
      text: `its write ${w.request.method} ${w.request.path} was refused (${w.status}: ${w.message ?? ''})`,
    }));
}

/** Reports side by side; the first is the baseline every other one is compared with. */
export function compareVariants(reports: readonly VariantReport[]): Comparison {
  if (reports.length === 0) throw new RangeError('compareVariants needs at least one report');
  const rows = rowsOf(reports);
  const base = reports[0]!;
  const differences: Difference[] = [...refusedWrites(base)];
  const summary: string[] = [];
  reports.forEach((r, i) => {
    if (i === 0) return;
    const mine: Difference[] = [...refusedWrites(r)];
    for (const row of rows) {
      const text = wordsFor(row, row.values[0] ?? null, row.values[i] ?? null, r, i, reports);
      if (text)
        mine.push({
          variant: r.name,
          subject: row.subject,
          metric: row.metric,
          baseline: row.values[0] ?? null,
          value: row.values[i] ?? null,
          text,
        });
    }
    mine.push(...placementDifferences(base, r));
    differences.push(...mine);
    const clauses = mine.map((d) => d.text);
    const shown = clauses.length > 6 ? [...clauses.slice(0, 5), `${clauses.length - 5} more differences`] : clauses;
    summary.push(
      shown.length === 0
        ? `with ${r.name}, nothing differs from ${base.name} by ${storyTime(r.until)}`
        : `with ${r.name}, ${listOf(shown, shown.length)} (against ${base.name}, by ${storyTime(r.until)})`,
    );
  });
  return {
    variants: reports.map((r) => r.name),
    sameHistoryAtFork: reports.every((r) => r.hashAtFork === base.hashAtFork),
    rows,
    differences,
    summary,
  };
}
