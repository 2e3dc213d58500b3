// The main thread while the cluster plays at ×1,000: the built site in Debian's Chromium, driven by
// playwright-core, with a PerformanceObserver recording every long task (> 50 ms, the browser's own
// definition) and a requestAnimationFrame loop recording the gaps between frames.
//
//   node test/e2e/long-tasks.mjs [--dist DIR] [--shots DIR] [--seconds N]
//
// For each probe (the Dashboard and the Nodes page, on the default cluster and on 1,000 agents; then every page
// in turn on 1,000 agents) it opens the page, lets the cluster boot, switches to ×1,000 and plays for N wall seconds (default 12), then prints:
// long tasks (count, longest, total ms and the share of the wall time they blocked), the longest gap between
// animation frames, the frame rate, and the simulated speed the engine achieved. Machines are noisy, so a
// probe fails only on a clear regression: a task over REGRESSION_MS, or long tasks blocking more than
// REGRESSION_SHARE of the time. Also written to long-tasks.json in the --shots directory when given.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, option, startServer, startSuite } from './site.mjs';
import { pageHelpers } from './page.mjs';

const WAIT_MS = 30_000;
const SECONDS = Number(option('--seconds') ?? 12);
const DEADLINE_MS = 60_000 + SECONDS * 5 * 3_000;
/** A clear regression on a noisy 2-core machine: the goal is no task over 50 ms. */
const REGRESSION_MS = 200;
const REGRESSION_SHARE = 0.1;

/** `tour`: instead of staying on one page, go through these pages one after the other while playing. */
const TOUR = ['services', 'nodes', 'roles', 'components', 'forks', 'dashboard', 'nodes'];
const PROBES = [
  { scenario: 'default', page: 'dashboard', label: 'Dashboard, default cluster' },
  { scenario: 'default', page: 'nodes', label: 'Nodes, default cluster' },
  { scenario: 'large', page: 'dashboard', label: 'Dashboard, 1,000 agents' },
  { scenario: 'large', page: 'nodes', label: 'Nodes, 1,000 agents' },
  { scenario: 'large', page: 'dashboard', tour: TOUR, label: `every page in turn, 1,000 agents` },
];

const { check, finish, shotsDir, executablePath, dist } = await startSuite('long-tasks', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const { pageErrors, openPage, clockAdvances, leadersElected, shot } = pageHelpers({ waitMs: WAIT_MS, shotsDir });

/** Installed in the page: records long tasks and animation-frame gaps from now on. */
function startRecording() {
  const w = /** @type {any} */ (window);
  w.__probe = { tasks: [], frames: 0, maxGap: 0, started: performance.now() };
  const probe = w.__probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.tasks.push(e.duration);
  }).observe({ type: 'longtask' });
  let last = performance.now();
  const tick = (t) => {
    probe.frames++;
    probe.maxGap = Math.max(probe.maxGap, t - last);
    last = t;
    if (!probe.stopped) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function stopRecording() {
  const probe = /** @type {any} */ (window).__probe;
  probe.stopped = true;
  return { tasks: probe.tasks, frames: probe.frames, maxGap: probe.maxGap, wallMs: performance.now() - probe.started };
}

const results = [];
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await openPage(context, 'long-tasks');
  for (const probe of PROBES) {
    await check(`${probe.label}: no main-thread task over ${REGRESSION_MS} ms at ×1,000`, async () => {
      await page.goto(`${server.url}#/${probe.page}`, { waitUntil: 'load' });
      const current = await page.locator('header .cluster-name').textContent({ timeout: WAIT_MS });
      if (probe.scenario !== 'default' && !current?.includes(probe.scenario)) {
        await page.locator('header select').selectOption(probe.scenario);
        // Loaded: the header names the new cluster (the large scenario's is `large-…`).
        await page.waitForFunction((id) => document.querySelector('header .cluster-name')?.textContent?.includes(id), probe.scenario, {
          timeout: WAIT_MS,
        });
      }
      await clockAdvances(page);
      if (probe.page === 'dashboard') await leadersElected(page);
      const speeds = page.getByRole('group', { name: 'Simulation speed' });
      await speeds.getByRole('button', { name: '×1,000', exact: true }).click();
      const simStart = await page.evaluate(() => document.querySelector('header time')?.textContent ?? '');
      await page.evaluate(startRecording);
      if (probe.tour) {
        const nav = page.getByRole('navigation', { name: 'Main' });
        for (const id of probe.tour) {
          await nav.locator(`a[href="#/${id}"]`).click();
          await page.waitForTimeout((SECONDS * 1000) / probe.tour.length);
        }
      } else {
        await page.waitForTimeout(SECONDS * 1000);
      }
      const r = await page.evaluate(stopRecording);
      const simEnd = await page.evaluate(() => document.querySelector('header time')?.textContent ?? '');
      await shot(page, `${probe.scenario}-${probe.page}`);
      await speeds.getByRole('button', { name: '×1', exact: true }).click();
      const longest = Math.max(0, ...r.tasks);
      const blocked = r.tasks.reduce((a, b) => a + b, 0);
      const row = {
        probe: probe.label,
        longTasks: r.tasks.length,
        longestMs: Math.round(longest),
        blockedShare: blocked / r.wallMs,
        maxFrameGapMs: Math.round(r.maxGap),
        fps: (r.frames / r.wallMs) * 1000,
        achievedSpeed: (simMs(simEnd) - simMs(simStart)) / r.wallMs,
      };
      results.push(row);
      console.log(
        `      ${row.longTasks} long tasks, longest ${row.longestMs} ms, ${(row.blockedShare * 100).toFixed(1)} % blocked; ` +
          `longest frame gap ${row.maxFrameGapMs} ms, ${row.fps.toFixed(0)} fps; ×${Math.round(row.achievedSpeed)} achieved`,
      );
      expect(longest <= REGRESSION_MS, `a main-thread task took ${Math.round(longest)} ms`);
      expect(row.blockedShare <= REGRESSION_SHARE, `long tasks blocked ${(row.blockedShare * 100).toFixed(1)} % of the main thread`);
    });
  }
  await check('no uncaught error in the page', async () => {
    expect(pageErrors.length === 0, pageErrors.join('; '));
  });
} finally {
  if (shotsDir) {
    mkdirSync(shotsDir, { recursive: true });
    writeFileSync(join(shotsDir, 'long-tasks.json'), JSON.stringify(results, null, 2));
  }
  await browser.close();
  await server.close();
}
finish(0);

/** Simulated ms of a header clock (`0d 00:01:05.3`). */
function simMs(text) {
  const m = /(\d+)d (\d\d):(\d\d):(\d\d)\.(\d)/.exec(text);
  if (!m) return NaN;
  const [d, h, min, s, tenth] = m.slice(1).map(Number);
  return (((d * 24 + h) * 60 + min) * 60 + s) * 1000 + tenth * 100;
}
