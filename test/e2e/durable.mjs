// A write the user saw acknowledged survives a reload right after it: the built site in Debian's Chromium,
// driven by playwright-core (no browser is downloaded), on a busy machine (the CPU slowed 6 times through
// the DevTools protocol).
//
//   node test/e2e/durable.mjs [--dist DIR] [--shots DIR]
//
// Checks, in order:
//   1. the site opens and the cluster boots (a Mesos and a Marathon leader); the CPU is then slowed ×6;
//   2. `dcos marathon app add` with a pasted app JSON in the terminal, and the page reloads from inside
//      itself the instant "Created deployment" shows (a MutationObserver on the terminal's output): after
//      the reload the Services page lists the app;
//   3. the same as a person does it: wait for "Created deployment", then reload at once: the second app is
//      listed after the reload too;
//   4. a second tab on the same cluster is read-only: an app it deploys is not stored (the first tab,
//      reloaded, does not list it);
//   5. no uncaught error in the pages.
// Prints one line per check and "e2e durable: N passed, N failed"; writes {passed, failed} for CI's closing
// line to e2e-durable-summary.json (site.mjs: summaryFile).
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { pageHelpers } from './page.mjs';

const WAIT_MS = 30_000;
const DEADLINE_MS = 180_000;
/** Chromium's CPU throttling rate: 6 is DevTools' "6× slowdown", a busy or slow machine. */
const THROTTLE = 6;
const ACK = /^Created deployment \S+$/;

const app = (id) => ({ id, cmd: 'sleep 1000', instances: 1, cpus: 0.1, mem: 32 });

const { check, finish, shotsDir, executablePath, dist } = await startSuite('durable', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const { openPage, clockAdvances, leadersElected, noAlerts, shot, noUncaughtErrors } = pageHelpers({ waitMs: WAIT_MS, shotsDir });

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await openPage(context, 'first');

  await check(`the site opens and the cluster boots; the CPU is slowed ×${THROTTLE}`, async () => {
    await page.goto(server.url, { waitUntil: 'load' });
    await clockAdvances(page);
    await leadersElected(page);
    await noAlerts(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  });

  await check('an app added in the terminal is kept by a reload the instant "Created deployment" shows', async () => {
    await openTerminal(page);
    // Reload from inside the page as soon as the acknowledgement is in the DOM: no later than a user could.
    await page.evaluate((ack) => {
      const pattern = new RegExp(ack);
      const log = document.querySelector('[role="log"][aria-label="Terminal output"]');
      if (!log) throw new Error('no terminal output');
      new MutationObserver(() => {
        const seen = [...log.querySelectorAll('*')].find((el) => pattern.test(el.textContent?.trim() ?? ''));
        if (!seen) return;
        sessionStorage.setItem('e2e-durable-ack', seen.textContent.trim());
        location.reload();
      }).observe(log, { childList: true, subtree: true, characterData: true });
    }, ACK.source);
    const navigated = page.waitForEvent('framenavigated', { timeout: WAIT_MS });
    await addApp(page, '/durable-one', { waitForAck: false });
    await navigated;
    await page.waitForLoadState('load');
    const ack = await page.evaluate(() => sessionStorage.getItem('e2e-durable-ack'));
    expect(ack !== null && ACK.test(ack), `the page reloaded without an acknowledgement (${ack})`);
    await clockAdvances(page);
    await appListed(page, 'durable-one');
    await noAlerts(page);
    await shot(page, 'after-instant-reload');
  });

  await check('an app added in the terminal is kept by a reload right after "Created deployment"', async () => {
    await openTerminal(page);
    await addApp(page, '/durable-two', { waitForAck: true });
    await page.reload({ waitUntil: 'load' });
    await clockAdvances(page);
    await appListed(page, 'durable-two');
    await appListed(page, 'durable-one');
  });

  await check('a second tab on the cluster is read-only: what it deploys is not stored', async () => {
    const second = await openPage(context, 'second');
    await second.goto(server.url, { waitUntil: 'load' });
    await clockAdvances(second);
    await second.getByText(/is open in another tab, which saves it/).waitFor({ timeout: WAIT_MS });
    await leadersElected(second);
    await openTerminal(second);
    await addApp(second, '/durable-elsewhere', { waitForAck: true });
    await appListed(second, 'durable-elsewhere');
    await second.close();
    await page.reload({ waitUntil: 'load' });
    await clockAdvances(page);
    await appListed(page, 'durable-two');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'durable-elsewhere', exact: true }) });
    expect((await row.count()) === 0, "the read-only tab's app was stored");
  });

  await noUncaughtErrors(check);
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);

// ---------------------------------------------------------------------------------------------------------

/** The backtick key opens the terminal with its command box focused (once open, it stays). */
async function openTerminal(page) {
  const terminal = page.getByRole('region', { name: 'Terminal' });
  if (!(await terminal.isVisible())) await page.keyboard.press('`');
  await terminal.waitFor({ state: 'visible', timeout: WAIT_MS });
  await terminal.getByRole('textbox', { name: 'dcos command' }).click();
}

/** Types `dcos marathon app add`, pastes the app's JSON, presses Enter; waits for the acknowledgement if asked. */
async function addApp(page, id, { waitForAck }) {
  const output = page.getByRole('region', { name: 'Terminal' }).getByRole('log', { name: 'Terminal output' });
  const before = await output.getByText(ACK).count();
  await page.keyboard.type('dcos marathon app add ');
  await page.keyboard.insertText(JSON.stringify(app(id), null, 2));
  await page.keyboard.press('Enter');
  if (!waitForAck) return;
  try {
    await output.getByText(ACK).nth(before).waitFor({ timeout: WAIT_MS });
  } catch {
    throw new Error(`no "Created deployment" for ${id} in the terminal; it shows:\n${await output.innerText()}`);
  }
}

/** The Services page lists the app (a row with its link). */
async function appListed(page, name) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Services' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  try {
    await row.first().waitFor({ timeout: WAIT_MS });
  } catch {
    const rows = (await page.getByRole('row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    throw new Error(`after the reload the Services page does not list ${name}; its rows: ${rows.join(' | ') || 'none'}`);
  }
}
