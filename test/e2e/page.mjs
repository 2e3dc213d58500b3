// Playwright helpers the page-driving suites share: pages that collect uncaught errors, the header's simulated
// clock, the leaders on the dashboard, error banners and screenshots.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, ROOT } from './site.mjs';

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** `waitMs`: how long a wait may take; `shotsDir`: where screenshots go (none without it). */
export function pageHelpers({ waitMs, shotsDir }) {
  const pageErrors = [];

  async function openPage(context, label) {
    const page = await context.newPage();
    page.setDefaultTimeout(waitMs);
    page.on('pageerror', (e) => pageErrors.push(`${label} page: ${e.message}`));
    return page;
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

  return { pageErrors, openPage, clockMs, clockAdvances, leadersElected, noAlerts, alertText, shot, noUncaughtErrors };
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
