// Playwright helpers the page-driving suites share: opening the site or a scenario link in a context of its own
// (openSite, openLink, play), pages that collect uncaught errors, the header's simulated clock, the leaders on the
// dashboard, error banners, screenshots, axe-core, the terminal, and the speed buttons.
//
// A suite's setup, typically:
//
//   const { check, finish, shotsDir, executablePath, dist } = await startSuite('NAME', DEADLINE_MS);
//   const server = await startServer(dist);
//   const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
//   const { openSite, openLink, play, shot, noUncaughtErrors } = pageHelpers({ waitMs: WAIT_MS, shotsDir, browser, siteUrl: server.url });
//   const page = await openLink({ width: 1440, height: 900 }, '1440', scenarioLink(SCENARIO)); // booted, playing
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { expect, ROOT } from './site.mjs';

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * A share link's fragment (`#s=1.…`) that opens `scenario` (a Scenario of src/common/scenario/types.ts, e.g.
 * `{seed, cluster: {masters, agents, roles}, frameworks, marathon: {role, apps}}`) at `at` ms of simulated time.
 */
export function scenarioLink(scenario, at = 0) {
  return `#s=1.${deflateRawSync(Buffer.from(JSON.stringify({ at, scenario }))).toString('base64url')}`;
}

/**
 * The helpers of one suite.
 *   `waitMs`: how long a wait may take (every page's default timeout);
 *   `shotsDir`: where screenshots go (none without it);
 *   `browser`: the suite's playwright Browser, and `siteUrl`: the served site's address (startServer's `url`),
 *     both needed by openSite, openLink and play only.
 */
export function pageHelpers({ waitMs, shotsDir, browser, siteUrl }) {
  const pageErrors = [];

  async function openPage(context, label) {
    const page = await context.newPage();
    page.setDefaultTimeout(waitMs);
    page.on('pageerror', (e) => pageErrors.push(`${label} page: ${e.message}`));
    return page;
  }

  /**
   * The site in a new browser context and page, loaded at `hash` and waited for. Returns the page (its context
   * is `page.context()`; close that to drop the page's storage).
   *   `viewport`: `{width, height}`; narrower than 600 px, the context is a phone's (`isMobile`, `hasTouch`).
   *   `label`: names the page in the uncaught errors' messages (e.g. '1440', '390').
   *   options:
   *     `hash` ('#/dashboard'): the fragment the site is opened at (e.g. '#/organization', '#lesson=first-app&step=1');
   *     `wait` ('clock'): 'clock' waits until the header's simulated clock moves on (a fresh profile opens the
   *       default cluster and plays it), 'leaders' until the dashboard names a Mesos and a Marathon leader,
   *       'none' for nothing past the page's load;
   *     `bypassCSP` (true): the context ignores the page's Content-Security-Policy;
   *     `permissions` ([]): granted to the site's origin, e.g. ['clipboard-read', 'clipboard-write'];
   *     `context` ({}): more browser.newContext options (e.g. `{ locale: 'de-DE' }`).
   */
  async function openSite(
    viewport,
    label,
    { hash = '#/dashboard', wait = 'clock', bypassCSP = true, permissions = [], context = {} } = {},
  ) {
    expect(browser && siteUrl, 'pageHelpers needs `browser` and `siteUrl` to open the site');
    const mobile = viewport.width < 600 ? { isMobile: true, hasTouch: true } : {};
    const ctx = await browser.newContext({ viewport, ...(bypassCSP ? { bypassCSP } : {}), ...mobile, ...context });
    if (permissions.length > 0) await ctx.grantPermissions(permissions, { origin: new URL(siteUrl).origin });
    const page = await openPage(ctx, label);
    await page.goto(`${siteUrl}${hash}`, { waitUntil: 'load' });
    if (wait === 'clock') await clockAdvances(page);
    else if (wait === 'leaders') await leadersElected(page);
    return page;
  }

  /**
   * A new page on share link `link` (a fragment, e.g. scenarioLink(SCENARIO, at)): the site first, as openSite
   * opens it (a fresh profile's first load sets it up), then the link, reloaded (a new hash on the open page is
   * not a load, and only a load opens a link). The link's cluster opens paused at its moment; with `play` (true)
   * "Play to continue" plays it and the clock moves on, without, the page is returned paused with the
   * "shared-moment" banner shown. `options`: openSite's (`hash`, `wait` are for the site's first load).
   */
  async function openLink(viewport, label, link, { play: playing = true, ...options } = {}) {
    const page = await openSite(viewport, label, options);
    await page.goto(`${siteUrl}${link}`, { waitUntil: 'load' });
    await page.reload({ waitUntil: 'load' });
    if (playing) await play(page);
    else await page.getByTestId('shared-moment').waitFor();
    return page;
  }

  /** "Play to continue" on a paused shared cluster, then the simulated clock moves on. */
  async function play(page) {
    await page.getByRole('button', { name: 'Play to continue' }).click();
    await clockAdvances(page);
  }

  /** The header's simulated time in ms (`0d 00:01:05.3`). */
  async function clockMs(page) {
    const text = (await page.locator('header time').innerText()).trim();
    const m = /^(\d+)d (\d\d):(\d\d):(\d\d)\.(\d)$/.exec(text);
    expect(m !== null, `the header's clock reads "${text}"`);
    const [d, h, min, s, tenth] = m.slice(1).map(Number);
    return (((d * 24 + h) * 60 + min) * 60 + s) * 1000 + tenth * 100;
  }

  /**
   * The header's "Simulated time" is shown and moves on: its value grows. A change of its text is not enough:
   * while a reopened cluster loads, the clock can be re-rendered (for a moment there is no clock to read, which
   * the old check took for a change) and still read 0 after.
   */
  async function clockAdvances(page) {
    const clock = page.locator('header time');
    await clock.waitFor({ timeout: waitMs });
    const start = await clockMs(page);
    try {
      await page.waitForFunction(
        (from) => {
          const m = /^(\d+)d (\d\d):(\d\d):(\d\d)\.(\d)$/.exec(document.querySelector('header time')?.textContent?.trim() ?? '');
          if (!m) return false;
          const [d, h, min, s, tenth] = m.slice(1).map(Number);
          return (((d * 24 + h) * 60 + min) * 60 + s) * 1000 + tenth * 100 > from;
        },
        start,
        { timeout: waitMs },
      );
    } catch {
      throw new Error(`the simulated clock stayed at ${start} ms for ${waitMs / 1000} s${await alertText(page)}`);
    }
    const later = await clockMs(page);
    expect(later > start, `the simulated clock went from ${start} to ${later} ms`);
  }

  /** The dashboard's overview names a Mesos and a Marathon leader (the masters have booted). */
  async function leadersElected(page) {
    try {
      await page.waitForFunction(
        () => {
          const row = (name) =>
            [...document.querySelectorAll('dt')].find((dt) => dt.textContent?.trim() === name)?.nextElementSibling?.textContent?.trim();
          const mesos = row('Mesos leader');
          const marathon = row('Marathon leader');
          return !!mesos && !!marathon && !/none|…/.test(mesos) && !/none|…/.test(marathon);
        },
        null,
        { timeout: waitMs },
      );
    } catch {
      throw new Error(`no Mesos and Marathon leader on the dashboard within ${waitMs / 1000} s${await alertText(page)}`);
    }
  }

  /** No error banner (a link or lesson that did not open, a stopped simulation, a storage problem). */
  async function noAlerts(page) {
    const text = await alertText(page);
    expect(text === '', `the page shows an error${text}`);
  }

  async function alertText(page) {
    const alerts = (await page.getByRole('alert').allInnerTexts())
      .map((t) => t.trim())
      .filter((t) => t && !/Ready to work offline/.test(t));
    return alerts.length > 0 ? ` (page says: ${alerts.join(' | ')})` : '';
  }

  async function shot(page, name) {
    if (!shotsDir) return;
    mkdirSync(shotsDir, { recursive: true });
    await page.screenshot({ path: join(shotsDir, `${name}.png`) });
  }

  /** Every suite's last check: no uncaught error in any page it opened. */
  async function noUncaughtErrors(check) {
    await check('no uncaught errors in the pages', async () => {
      expect(pageErrors.length === 0, pageErrors.join(' | '));
    });
  }

  return {
    pageErrors,
    openPage,
    openSite,
    openLink,
    play,
    clockMs,
    clockAdvances,
    leadersElected,
    noAlerts,
    alertText,
    shot,
    noUncaughtErrors,
  };
}

/** Sets the simulation's speed: `name` is a button of the header's "Simulation speed" group ('×1', '×10', '×100'…). */
export const speed = (page, name) =>
  page.getByRole('group', { name: 'Simulation speed' }).getByRole('button', { name, exact: true }).click();

/** Goes to `hash` in the open page (no load: the cluster runs on). */
export const go = (page, hash) => page.evaluate((h) => (location.hash = h), hash);

/** A short pause for transitions and charts to settle (before a screenshot or axe). */
export const settle = (page, ms = 400) => page.waitForTimeout(ms);

/** One `dcos` command in the terminal (opened if closed, left open); waits for `expected` (text or RegExp) in its output. */
export async function terminal(page, line, expected) {
  const region = page.getByRole('region', { name: 'Terminal' });
  if (!(await region.isVisible())) await page.getByRole('button', { name: 'Terminal', exact: true }).click();
  const box = region.getByRole('textbox', { name: 'dcos command' });
  await box.fill(line);
  await box.press('Enter');
  if (expected) await region.getByRole('log', { name: 'Terminal output' }).getByText(expected).last().waitFor();
  else await page.waitForTimeout(300);
}

/** Closes the terminal if it is open. */
export async function closeTerminal(page) {
  if (await page.getByRole('region', { name: 'Terminal' }).isVisible())
    await page.getByRole('button', { name: 'Terminal', exact: true }).click();
}

/**
 * `dcos marathon <kind> add` with the definition's JSON pasted, in the terminal (opened, then closed again); throws with
 * the terminal's last output unless Marathon answers with a deployment.
 */
export async function addThroughTerminal(page, kind, definition) {
  const toggle = page.getByRole('button', { name: 'Terminal', exact: true });
  await toggle.click();
  const terminal = page.getByRole('region', { name: 'Terminal' });
  // The command and the JSON pasted on the lines after it, set at once: keys typed one by one could land elsewhere
  // while the page underneath re-renders.
  const box = terminal.getByRole('textbox', { name: 'dcos command' });
  await box.fill(`dcos marathon ${kind} add\n${JSON.stringify(definition, null, 2)}`);
  await box.press('Enter');
  const output = terminal.getByRole('log', { name: 'Terminal output' });
  await output
    .getByText(/^Created deployment \S+$/)
    .waitFor()
    .catch(async () => {
      throw new Error(`the terminal did not create the ${kind}; it shows:\n${(await output.innerText()).slice(-300)}`);
    });
  await toggle.click();
}

/** axe-core over the whole page as it is; throws with every violation found. */
export async function noViolations(page, label) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const found = violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(' ')}: ${n.failureSummary.replace(/\n\s*/g, ' ')}`));
  expect(found.length === 0, `${label}: ${found.length} violation node(s):\n      ${found.join('\n      ')}`);
}

/** Neither the document nor the page's own scroll box (#content) scrolls sideways. */
export async function fits(page, what) {
  const { doc, content, box, width } = await page.evaluate(() => {
    const el = document.getElementById('content');
    return { doc: document.documentElement.scrollWidth, content: el?.scrollWidth ?? 0, box: el?.clientWidth ?? 0, width: innerWidth };
  });
  expect(doc <= width && content <= box, `${what}: the document is ${doc} px wide, the page's box ${content} px in ${box} px`);
}
