/**
 * What-if forks in the browser: the same 4-way comparison as the forks section (the default cluster forked at 2:00,
 * run to a simulated hour) opened as a comparison link on the built site's What-if page in Debian's Chromium, run by
 * the page itself, its workers alternately in parallel (one per core, each taking the next variant) and one for all,
 * the variants one after the other: P, S, P, S, P, S. Reported: the wall time the page measures for each run (forking, workers started, variants run,
 * reports compared), the median of each way, and whether every run said the same words.
 */
import { availableParallelism } from 'node:os';
import type { Page } from 'playwright-core';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { validateScenario } from '../../src/common/scenario/validate.ts';
import { encodeComparisonLink } from '../../src/share/comparison-link.ts';
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from '../browser/chrome-path.mjs';
import { buildSite, startServer } from '../e2e/site.mjs';
import { BASELINE, benchVariants, FORK_AT, SAMPLE_EVERY, UNTIL } from './forks-section.ts';
import { round3, type BenchRow, type BenchSection, type Goal } from './harness.ts';

const ORDER = ['parallel', 'sequential', 'parallel', 'sequential', 'parallel', 'sequential'] as const;
type Way = (typeof ORDER)[number];
const RUN_WAIT_MS = 600_000;

let problem: string | null = null;

/** The comparison's words and the wall ms the page reports, once the run that `start` begins is done. */
async function runOnce(page: Page, start: () => Promise<void>): Promise<{ words: string[]; wallMs: number; variants: string[] }> {
  const done = page.locator('#content p[data-wall-ms]');
  await start();
  await done.waitFor({ timeout: RUN_WAIT_MS });
  const wallMs = Number(await done.getAttribute('data-wall-ms'));
  const words = await page.locator('#content ul.words > li').allInnerTexts();
  const variants = (await page.locator('#content ul.progress > li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  return { words, wallMs, variants };
}

async function measure(log: (line: string) => void): Promise<Array<{ way: Way; wallMs: number; words: string[]; variants: string[] }>> {
  const executablePath = findChromium();
  if (executablePath === undefined) throw new Error(`not measured: ${HOW_TO_GET_CHROMIUM}`);
  const link = await encodeComparisonLink({
    scenario: validateScenario(defaultScenario),
    at: FORK_AT,
    untilMs: UNTIL,
    sampleEveryMs: SAMPLE_EVERY,
    baseline: BASELINE,
    variants: benchVariants(),
  });
  log('  building the site…');
  const dist = await buildSite();
  const server = await startServer(dist);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}#/dashboard`, { waitUntil: 'load' });
    // The open cluster paused: the runs share the machine with nothing of the page's own.
    await page.getByRole('button', { name: 'Pause' }).click({ timeout: 30_000 });
    const runs: Array<{ way: Way; wallMs: number; words: string[]; variants: string[] }> = [];
    for (const [i, way] of ORDER.entries()) {
      const run = await runOnce(page, async () => {
        if (i === 0) {
          await page.evaluate((h) => (location.hash = h), `#/forks/${link}`);
          return;
        }
        await page.locator('#content').getByLabel('Workers').selectOption(way);
        await page.locator('#content').getByRole('button', { name: 'Run 4 forks' }).click();
        await page.locator('#content p[data-wall-ms]').waitFor({ state: 'detached' });
      });
      log(`  ${way}: ${run.wallMs} ms (${run.variants.join('; ')})`);
      runs.push({ way, ...run });
    }
    if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
    return runs;
  } finally {
    await browser.close();
    server.close();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export const forksBrowserSection: BenchSection = {
  title: 'What-if forks in Chromium: the same 4-way comparison over a simulated hour, run by the What-if page in Web Workers',
  id: 'forks-browser',
  async run(log) {
    let runs: Awaited<ReturnType<typeof measure>>;
    try {
      runs = await measure(log);
    } catch (e) {
      problem = e instanceof Error ? e.message : String(e);
      log(`  ${problem}`);
      return [];
    }
    const same = runs.every((r) => JSON.stringify(r.words) === JSON.stringify(runs[0]!.words)) ? 1 : 0;
    if (!same) for (const r of runs) log(`  ${r.way}'s words: ${r.words.join(' | ')}`);
    for (const line of runs[0]!.words) log(`  ${line}`);
    return (['sequential', 'parallel'] as const).map((way) => {
      const walls = runs.filter((r) => r.way === way).map((r) => r.wallMs);
      return {
        name: way,
        agents: 14,
        roles: 4,
        wasm_ms: round3(median(walls)),
        ts_ms: Number.NaN,
        ratio: Number.NaN,
        extra: { runs: walls, variants: 4, simulated_ms: UNTIL, same, cores: availableParallelism() },
      } satisfies BenchRow;
    });
  },
  table(rows) {
    return rows.map(
      (r) => `${r.name.padEnd(10)} ${r.wasm_ms.toFixed(0).padStart(7)} ms wall, median of ${(r.extra?.runs as number[]).join(', ')} ms`,
    );
  },
  goals(rows): Goal[] {
    const seq = rows.find((r) => r.name === 'sequential');
    const par = rows.find((r) => r.name === 'parallel');
    if (!seq || !par) return [{ text: 'the What-if page runs the forks in Chromium', figure: problem ?? 'not run', met: false }];
    return [
      {
        text: 'every run, either way, says the same words',
        figure: par.extra?.same === 1 ? 'identical' : 'DIFFERENT',
        met: par.extra?.same === 1,
      },
      {
        text: `in parallel Web Workers (one per core) faster than one for all (${String(par.extra?.cores)} cores)`,
        figure: `${par.wasm_ms.toFixed(0)} ms vs ${seq.wasm_ms.toFixed(0)} ms (${(seq.wasm_ms / par.wasm_ms).toFixed(2)}×)`,
        met: par.wasm_ms < seq.wasm_ms,
      },
    ];
  },
};
