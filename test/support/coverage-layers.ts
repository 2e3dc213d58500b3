/**
 * A vitest reporter for `vitest run --coverage` (npm test): the Node tests' coverage of src/ per layer, one
 * line per src folder (the worker's bridge.ts apart: it runs on the main thread), each figure beside the
 * layer's threshold from vitest.config.ts. Vitest itself fails the run on a threshold; this prints the
 * figures they are checked against, and, when CI_CHECKS_DIR is set (.ci/run), writes the outcome to
 * check-coverage.json there so CI's closing line counts it (test/support/ci-summary.mjs).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Reporter, Vitest } from 'vitest/node';

const METRICS = ['lines', 'statements', 'functions', 'branches'] as const;
type Metric = (typeof METRICS)[number];
type Totals = Record<Metric, { covered: number; total: number }>;

/** The part of istanbul's CoverageMap this reads. */
interface CoverageMapLike {
  files(): string[];
  fileCoverageFor(file: string): { toSummary(): { data: Totals } };
}

/** 'src/engine/marathon/x.ts' → 'src/engine'; the bridge is a layer of its own. */
function layerOf(rel: string): string {
  if (rel === 'src/worker/bridge.ts') return rel;
  return rel.split('/').slice(0, 2).join('/');
}

/** The layer a threshold glob of vitest.config.ts covers ('src/engine/**' → 'src/engine'). */
function layerOfGlob(glob: string): string {
  return glob.split('/').slice(0, 2).join('/');
}

/** Percent as istanbul rounds it (2 decimals), which is what vitest compares with the thresholds. */
function pct({ covered, total }: { covered: number; total: number }): number {
  return total === 0 ? 100 : Math.floor((100_000 * covered) / total / 10) / 100;
}

export default class CoverageLayers implements Reporter {
  #vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.#vitest = vitest;
  }

  onCoverage(coverage: unknown): void {
    const vitest = this.#vitest;
    if (!vitest) return;
    const map = coverage as CoverageMapLike;
    const root = vitest.config.root;
    const layers = new Map<string, { files: number; totals: Totals }>();
    for (const file of map.files()) {
      const layer = layerOf(relative(root, file).split('\\').join('/'));
      const data = map.fileCoverageFor(file).toSummary().data;
      const entry = layers.get(layer) ?? {
        files: 0,
        totals: {
          lines: { covered: 0, total: 0 },
          statements: { covered: 0, total: 0 },
          functions: { covered: 0, total: 0 },
          branches: { covered: 0, total: 0 },
        },
      };
      entry.files++;
      for (const m of METRICS) {
        entry.totals[m].covered += data[m].covered;
        entry.totals[m].total += data[m].total;
      }
      layers.set(layer, entry);
    }

    const thresholds = new Map<string, Partial<Record<Metric, number>>>();
    const configured = (vitest.config.coverage as { thresholds?: Record<string, unknown> }).thresholds ?? {};
    for (const [glob, value] of Object.entries(configured)) {
      if (typeof value === 'object' && value !== null) thresholds.set(layerOfGlob(glob), value as Partial<Record<Metric, number>>);
    }

    const failures: string[] = [];
    const lines = ['Coverage per layer (threshold)'.padEnd(34) + METRICS.map((m) => m.padStart(17)).join('') + '  files'];
    for (const [layer, { files, totals }] of [...layers].sort(([a], [b]) => a.localeCompare(b))) {
      const limits = thresholds.get(layer) ?? {};
      const cells = METRICS.map((m) => {
        const value = pct(totals[m]);
        const limit = limits[m];
        if (limit !== undefined && value < limit) failures.push(`${layer} ${m} ${value}% < ${limit}%`);
        const mark = limit !== undefined && value < limit ? '!' : ' ';
        return `${value.toFixed(1)}%${limit === undefined ? '' : ` (${limit})`}${mark}`.padStart(17);
      });
      lines.push(`  ${layer.padEnd(32)}${cells.join('')}  ${String(files).padStart(5)}`);
    }
    vitest.logger.log(`\n${lines.join('\n')}\n`);

    const dir = process.env.CI_CHECKS_DIR;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      const more = failures.length > 4 ? `; and ${failures.length - 4} more` : '';
      const detail =
        failures.length > 0 ? `below threshold: ${failures.slice(0, 4).join('; ')}${more}` : 'every layer at or above its threshold';
      writeFileSync(
        join(dir, 'check-coverage.json'),
        JSON.stringify({ name: 'coverage thresholds', passed: failures.length === 0, detail }),
      );
    }
  }
}
