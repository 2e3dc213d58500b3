// Deploy through the in-page CLI, share, open the link elsewhere, go offline: the built site in Debian's
// Chromium, driven by playwright-core (no browser is downloaded).
//
//   node test/e2e/share.mjs [--dist DIR] [--shots DIR]
//
// Builds the site into a temporary directory (or tests DIR, an existing `vite build`), serves it from a
// sub-path with the static server of site.mjs, and checks, in order, as a person would:
//   1. the site opens and the cluster boots (the clock advances; a Mesos and a Marathon leader are elected);
//   2. the backtick key opens the terminal, its command box focused;
//   3. typing `dcos marathon app add `, pasting a multi-line Marathon app JSON and pressing Enter creates a
//      deployment;
//   4. at ×10 speed, the app's instances all run: the Services page's row says so, and so does
//      `dcos marathon app list`;
//   5. Share shows a link to the cluster (`#s=4.…`);
//   6. the link, opened in a fresh browser context (no storage shared with the first), runs the same cluster
//      from the moment it was shared: the Services page shows the app with all its instances running;
//   7. with the network off (the context offline and the server refusing every request) a reload of that
//      page still shows the app running, from the service worker's cache and the stored cluster, and the
//      simulated clock advances;
//   8. a link whose app has a LIKE regex RE2 cannot compile (only the worker carries RE2) says why it did not
//      open, and a cluster runs instead;
//   9. no uncaught error in any page.
// Prints one line per check and "e2e share: N passed, N failed"; writes {passed, failed} for CI's closing
// line (test/support/ci-summary.mjs) to e2e-share-summary.json (site.mjs: summaryFile).
import { deflateRawSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { pageHelpers } from './page.mjs';

const WAIT_MS = 20_000;
const DEADLINE_MS = 80_000;
const APP = {
  id: '/e2e-hello',
  cmd: 'python3 -m http.server $PORT0',
  instances: 3,
  cpus: 0.1,
  mem: 64,
  portDefinitions: [{ port: 0, protocol: 'tcp', name: 'http' }],
};
const APP_NAME = APP.id.slice(1);

const { check, finish, shotsDir, executablePath, dist } = await startSuite('share', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const { openPage, clockMs, clockAdvances, leadersElected, noAlerts, shot, noUncaughtErrors } = pageHelpers({ waitMs: WAIT_MS, shotsDir });

try {
  const first = await openPage(await browser.newContext(contextOptions()), 'first');
  let link = '';
  let sharedAt = 0;

  await check('the site opens and the cluster boots: a Mesos and a Marathon leader are elected', async () => {
    await first.goto(server.url, { waitUntil: 'load' });
    await clockAdvances(first);
    // The masters boot first (ZooKeeper, the Mesos and Marathon elections); Marathon's API answers after that.
    await leadersElected(first);
    await first.getByRole('button', { name: 'Share', exact: true }).waitFor({ state: 'visible', timeout: WAIT_MS });
    expect(await first.getByRole('button', { name: 'Share', exact: true }).isEnabled({ timeout: WAIT_MS }), 'the Share button is disabled');
  });

  const terminal = first.getByRole('region', { name: 'Terminal' });
  const commandBox = terminal.getByRole('textbox', { name: 'dcos command' });
  const output = terminal.getByRole('log', { name: 'Terminal output' });

  await check('the backtick key opens the terminal, its command box focused', async () => {
    expect(!(await terminal.isVisible()), 'the terminal is open before the key is pressed');
    await first.keyboard.press('`');
    await terminal.waitFor({ state: 'visible', timeout: WAIT_MS });
    await first.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'dcos command', null, { timeout: WAIT_MS });
    try {
      await first.getByRole('button', { name: 'Terminal', exact: true, pressed: true }).waitFor({ timeout: WAIT_MS });
    } catch {
      throw new Error("the header's Terminal button does not show pressed");
    }
  });

  await check('`dcos marathon app add` with a pasted app JSON creates a deployment', async () => {
    await first.keyboard.type('dcos marathon app add ');
    await first.keyboard.insertText(JSON.stringify(APP, null, 2)); // a paste: the JSON's lines, no key presses
    const typed = await commandBox.inputValue();
    expect(
      typed.startsWith('dcos marathon app add {\n') && typed.split('\n').length > 5,
      `the command box holds ${JSON.stringify(typed.slice(0, 80))}`,
    );
    await shot(first, 'cli-typed');
    await first.keyboard.press('Enter');
    const created = output.getByText(/^Created deployment \S+$/);
    try {
      await created.waitFor({ timeout: WAIT_MS });
    } catch {
      throw new Error(`no "Created deployment" in the terminal; it shows:\n${await output.innerText()}`);
    }
    expect((await commandBox.inputValue()) === '', 'the command box was not cleared after Enter');
    expect(await output.getByText('$ dcos marathon app add {', { exact: false }).isVisible(), 'the command is not echoed in the terminal');
  });

  await check(`at ×10 the app's ${APP.instances} instances run: Services page and \`dcos marathon app list\``, async () => {
    // A deployment waits for free resources: seconds to tens of simulated seconds, depending on when the
    // app was added (the default cluster fills up, then batch tasks finish). ×10 keeps that short in real time.
    const speeds = first.getByRole('group', { name: 'Simulation speed' });
    await speeds.getByRole('button', { name: '×10', exact: true }).click();
    try {
      await speeds.getByRole('button', { name: '×10', exact: true, pressed: true }).waitFor({ timeout: WAIT_MS });
    } catch {
      throw new Error('the ×10 speed button does not show pressed after a click');
    }
    await first.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Services' }).click();
    await appRuns(first);
    await commandBox.click();
    await first.keyboard.type('dcos marathon app list');
    await first.keyboard.press('Enter');
    const table = output
      .locator('pre')
      .filter({ hasText: /^\s*ID\s+MEM\s+CPUS\s+TASKS/ })
      .last();
    await table.waitFor({ timeout: WAIT_MS });
    const text = await table.innerText();
    // dcos-core-cli 2.2's tables (tablewriter) start each line with a blank.
    const row = text.split('\n').find((l) => l.trimStart().startsWith(`${APP.id} `));
    expect(row !== undefined, `\`dcos marathon app list\` has no ${APP.id} row:\n${text}`);
    const tasks = row.trim().split(/\s+/)[3];
    expect(tasks === `${APP.instances}/${APP.instances}`, `\`dcos marathon app list\` says TASKS ${tasks} for ${APP.id}:\n${row}`);
    await shot(first, 'deployed');
  });

  await check('Share shows a link to this cluster', async () => {
    sharedAt = await clockMs(first);
    await first.getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = first.getByRole('dialog', { name: 'Share this cluster' });
    await dialog.waitFor({ timeout: WAIT_MS });
    link = await dialog.getByRole('textbox', { name: /^Link/ }).inputValue();
    expect(link.startsWith(`${server.url}#s=4.`), `the dialog's link is ${JSON.stringify(link.slice(0, 120))}`);
    await shot(first, 'share-dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: WAIT_MS });
  });

  const secondContext = await browser.newContext(contextOptions());
  const second = await openPage(secondContext, 'second');

  await check('the link, in a fresh browser context, opens paused at its moment on the page it was shared from', async () => {
    await second.goto(link, { waitUntil: 'load' });
    const banner = second.getByTestId('shared-moment');
    await banner.waitFor({ timeout: WAIT_MS });
    await noAlerts(second);
    const at = await clockMs(second);
    expect(at >= sharedAt, `the clock is at ${at} ms, before the moment the link was shared (${sharedAt} ms)`);
    const hash = new URL(second.url()).hash;
    expect(hash.startsWith('#/services'), `the link opened on ${hash}, not on the Services page it was shared from`);
    await appRuns(second);
    await second.waitForTimeout(1500);
    const still = await clockMs(second);
    expect(still === at, `the clock moved from ${at} to ${still} ms while the shared cluster should wait at its moment`);
    await shot(second, 'link-opened');
  });

  await check('"Play to continue" plays the shared cluster on from its moment', async () => {
    const banner = second.getByTestId('shared-moment');
    await banner.getByRole('button', { name: 'Play to continue' }).click();
    await banner.waitFor({ state: 'hidden', timeout: WAIT_MS });
    await clockAdvances(second);
  });

  await check('offline, a reload still shows the app running and the clock advancing', async () => {
    // The first visit must have installed the service worker and precached the site: a worker is active once
    // its install (the precache) has finished. ("Ready to work offline" says so too, but goes after a few seconds.)
    await second.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    server.offline = true;
    await secondContext.setOffline(true);
    const before = server.requests;
    const sharedTime = sharedAt;
    const response = await second.reload({ waitUntil: 'load' });
    expect(response?.fromServiceWorker() === true, 'the page did not come from the service worker');
    await clockAdvances(second);
    const now = await clockMs(second);
    expect(
      now >= sharedTime,
      `after the reload the clock is at ${now} ms, before the shared moment (${sharedTime} ms): not the stored cluster`,
    );
    await appRuns(second);
    await noAlerts(second);
    expect(server.requests === before, `${server.requests - before} request(s) reached the server while offline`);
    await shot(second, 'offline-reload');
  });

  await check('a link whose LIKE regex only Java reads says why it did not open, and a cluster runs instead', async () => {
    server.offline = false;
    const third = await openPage(await browser.newContext(contextOptions()), 'third');
    await third.goto(`${server.url}${lookaheadLink()}`, { waitUntil: 'load' });
    const alert = third.getByRole('alert').filter({ hasText: 'Could not open the shared link' });
    await alert.waitFor({ timeout: WAIT_MS });
    const text = await alert.innerText();
    expect(/marathon\.apps\[0\].*constraints.*lookahead/.test(text), `the alert says ${JSON.stringify(text)}`);
    await clockAdvances(third);
    await shot(third, 'link-refused');
  });

  await noUncaughtErrors(check);
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);

// ---------------------------------------------------------------------------------------------------------

function contextOptions() {
  return { viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' };
}

/** A share link (`#s=1.…`: version 1 still opens) whose app is placed `hostname LIKE (?=a).*`. */
function lookaheadLink() {
  const app = { id: '/lookahead', cmd: 'sleep 1000', cpus: 0.1, mem: 32, constraints: [['hostname', 'LIKE', '(?=a).*']] };
  const scenario = { seed: 1, cluster: { agents: [{ hostname: 'a1', resources: { cpus: 2, mem: 2048 } }] }, marathon: { apps: [app] } };
  return `#s=1.${deflateRawSync(Buffer.from(JSON.stringify({ at: 0, scenario }))).toString('base64url')}`;
}

/** The Services page lists the app, Running, with every instance running. */
async function appRuns(page) {
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: APP_NAME, exact: true }) });
  const wanted = new RegExp(`\\b${APP.instances} running \\(.*\\), 0 staged, ${APP.instances} wanted`);
  try {
    await row.filter({ hasText: wanted }).filter({ hasText: 'Running' }).waitFor({ timeout: WAIT_MS });
  } catch {
    const seen = (await row.count()) > 0 ? await row.first().innerText() : `no row for ${APP_NAME}`;
    throw new Error(
      `the Services page does not show ${APP.id} with ${APP.instances} of ${APP.instances} running (${seen.replace(/\s+/g, ' ')})`,
    );
  }
}
