// The built site, offline and updating, in Debian's Chromium (puppeteer-core; no browser is downloaded).
//
//   node test/e2e/offline.mjs [--dist DIR] [--shots DIR]
//
// Builds the site into a temporary directory (or tests DIR, an existing `vite build`), serves it from a
// sub-path with the static server of site.mjs, and checks, in order:
//   1. the first visit installs the service worker, precaches the shell, the worker chunk and the Wasm, and
//      says "Ready to work offline";
//   2. after a reload the service worker controls the page;
//   3. with the network off (Chromium offline and the server refusing every request) a reload runs the
//      scenario: the header's simulated clock advances and the Wasm allocator places tasks;
//   4. an update reaches the page: the server switches to a second build (a changed index.html and sw.js),
//      the new worker waits, the page shows "A new version of the sandbox is available", and Reload
//      brings up the new index.html.
// Prints one line per check and "e2e offline: N passed, N failed"; writes {passed, failed} for CI's closing
// line (test/support/ci-summary.mjs) to e2e-offline-summary.json (site.mjs: summaryFile).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';

const WAIT_MS = 20_000;
const DEADLINE_MS = 120_000;
const V2_MARKER = '<meta name="sandbox-e2e-build" content="v2" />';

const { check, finish, shotsDir, executablePath, dist } = await startSuite('offline', DEADLINE_MS);
const server = await startVersionedServer(dist);
const base = server.url;
const browser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await check('first visit installs the service worker and precaches shell, worker chunk and Wasm', async () => {
    await page.goto(base, { waitUntil: 'load' });
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.waitForSelector('[data-testid="offline-ready"]', { timeout: WAIT_MS });
    const text = await page.$eval('[data-testid="offline-ready"]', (el) => el.textContent ?? '');
    expect(text.includes('Ready to work offline'), `offline-ready toast says "${text}"`);
    const cached = await page.evaluate(async () => {
      const urls = [];
      for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
      return urls;
    });
    for (const [what, re] of [
      ['index.html', /\/index\.html/],
      ['the Wasm', /\/assets\/kernels-[\w-]+\.wasm/],
      ['the worker chunk', /\/assets\/sandbox\.worker-[\w-]+\.js/],
      ['the manifest', /manifest\.webmanifest/],
    ]) {
      expect(
        cached.some((u) => re.test(u)),
        `${what} is not precached (cache holds ${cached.length} URLs)`,
      );
    }
    await shot(page, 'offline-ready');
  });

  await check('after a reload the service worker controls the page', async () => {
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, { timeout: WAIT_MS });
    await clockAdvances(page);
  });

  await check('with the network off, a reload still runs the scenario', async () => {
    server.offline = true;
    await page.setOfflineMode(true);
    const before = server.requests - server.updateChecks;
    const response = await page.reload({ waitUntil: 'load' });
    expect(response?.fromServiceWorker() === true, 'the page did not come from the service worker');
    await clockAdvances(page);
    await tasksRun(page);
    const stopped = await page.$$eval('[role="alert"]', (els) =>
      els.map((e) => e.textContent ?? '').filter((t) => /stopped|Could not/.test(t)),
    );
    expect(stopped.length === 0, `error banner: ${stopped.join(' | ')}`);
    // Chromium's page offline emulation does not cover the service worker, whose own update check of sw.js may still
    // reach the (refusing) server after a navigation; what counts is that the page asks the network for nothing.
    expect(
      server.requests - server.updateChecks === before,
      `${server.requests - server.updateChecks - before} request(s) from the page reached the server while offline`,
    );
    await shot(page, 'offline-reload');
  });

  await check('a new build reaches the page: the new worker waits, the prompt shows, Reload applies it', async () => {
    await page.setOfflineMode(false);
    server.offline = false;
    server.version = 'v2';
    expect(!(await page.$('meta[name="sandbox-e2e-build"]')), 'the page already shows the second build');
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await page.waitForSelector('[data-testid="update-prompt"]', { timeout: WAIT_MS });
    const text = await page.$eval('[data-testid="update-prompt"]', (el) => el.textContent ?? '');
    expect(text.includes('A new version of the sandbox is available'), `update prompt says "${text}"`);
    expect(
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => Boolean(r?.waiting))),
      'no waiting service worker',
    );
    await shot(page, 'update-prompt');
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load', timeout: WAIT_MS }),
      page.click('[data-testid="update-prompt"] button.primary'),
    ]);
    await page.waitForSelector('meta[name="sandbox-e2e-build"]', { timeout: WAIT_MS });
    const state = await page.evaluate(() =>
      navigator.serviceWorker
        .getRegistration()
        .then((r) => ({ waiting: Boolean(r?.waiting), controlled: navigator.serviceWorker.controller !== null })),
    );
    expect(state.controlled && !state.waiting, `after Reload: ${JSON.stringify(state)}`);
    expect(!(await page.$('[data-testid="update-prompt"]')), 'the prompt is still shown after the update');
    await clockAdvances(page);
    await shot(page, 'after-update');
  });

  await check('no uncaught errors in the page', async () => {
    expect(pageErrors.length === 0, pageErrors.join(' | '));
  });
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);

// ---------------------------------------------------------------------------------------------------------

/** The allocator (the Wasm kernel, no fallback) has placed tasks: the Dashboard's "Tasks running" is above 0. */
async function tasksRun(page) {
  const running = () =>
    [...document.querySelectorAll('.tiles li')].some(
      (li) => /tasks running/i.test(li.querySelector('.label')?.textContent ?? '') && Number(li.querySelector('.value')?.textContent) > 0,
    );
  try {
    await page.waitForFunction(running, { timeout: WAIT_MS });
  } catch {
    throw new Error(`no task is running after ${WAIT_MS / 1000} s (clock at ${await page.$eval('.clock time', (el) => el.textContent)})`);
  }
}

/** The header's "Simulated time" is shown and moves on. */
async function clockAdvances(page) {
  await page.waitForSelector('.clock time', { timeout: WAIT_MS });
  const label = await page.$eval('.clock .label', (el) => el.textContent ?? '');
  expect(/simulated time/i.test(label), `header label is "${label}"`);
  const first = await page.$eval('.clock time', (el) => el.textContent);
  try {
    await page.waitForFunction((t) => document.querySelector('.clock time')?.textContent !== t, { timeout: WAIT_MS }, first);
  } catch {
    const alerts = await page.$$eval('[role="alert"]', (els) => els.map((e) => e.textContent?.trim()).join(' | '));
    throw new Error(`the simulated clock stayed at ${first} for ${WAIT_MS / 1000} s${alerts ? ` (page says: ${alerts})` : ''}`);
  }
}

async function shot(page, name) {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`) });
}

/**
 * The static server, and a second build on demand: `version = 'v2'` serves a marked index.html and an sw.js
 * whose precache revision for it changed (as a real rebuild would).
 */
async function startVersionedServer(dir) {
  const v2Html = readFileSync(join(dir, 'index.html'), 'utf8').replace('<head>', `<head>\n    ${V2_MARKER}`);
  const v2Revision = createHash('md5').update(v2Html).digest('hex');
  const server = await startServer(dir, {
    rewrite(rel, body) {
      if (server.version !== 'v2') return undefined;
      if (rel === 'index.html') return Buffer.from(v2Html);
      if (rel !== 'sw.js') return undefined;
      const sw = body.toString('utf8');
      const changed = sw.replace(/(url:"index\.html",revision:")[0-9a-f]+"/, `$1${v2Revision}"`);
      if (changed === sw) console.error("  (could not find index.html's revision in sw.js: the update check will fail)");
      return Buffer.from(changed);
    },
  });
  server.version = 'v1';
  return server;
}
