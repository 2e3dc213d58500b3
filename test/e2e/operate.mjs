// Operating the cluster: a task's logs and a node's usage charts, as the DC/OS UI shows them. The built site in
// Debian's Chromium, driven by playwright-core.
//
//   node test/e2e/operate.mjs [--dist DIR] [--shots DIR]
//
// Checks, in order:
//   1. a scenario link opens a cluster with an app whose task crashes (`meanSecondsToCrash`), and it runs;
//   2. the task's Logs tab shows its stdout, then its stderr; following, the crash's Python traceback arrives at
//      the bottom of stderr as simulated time moves;
//   3. Find highlights the matches of "Error", says "1 of N", and Next / Previous (and Enter) step through them;
//   3b. `dcos task log … --follow` in the terminal prints the next crash's lines as they come, and Ctrl+C stops it;
//   4. the Nodes page's agent panel charts its CPU and memory from dcos-metrics, with a text summary, points
//      added as simulated minutes pass;
//   5. at 390×844 the Logs tab and the node panel fit the width (no sideways scroll);
//   6. no uncaught error in any page.
// axe-core finds no violation in any state checked. With --shots, screenshots (VIEWPORT-STATE.png). Prints one
// line per check and "e2e operate: N passed, N failed"; writes {passed, failed} to e2e-operate-summary.json.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { addThroughTerminal, fits, noViolations, pageHelpers, scenarioLink, settle, speed } from './page.mjs';

const WAIT_MS = 20_000;
const DEADLINE_MS = 150_000;
const APP = { id: '/crashy', cmd: 'python3 app.py', instances: 1, cpus: 0.5, mem: 256 };
const WEB = { id: '/web', cmd: 'python3 -m http.server', instances: 1, cpus: 0.5, mem: 512 };
const SCENARIO = {
  seed: 7,
  cluster: {
    masters: 1,
    agents: [{ hostname: 'agent', count: 2, resources: { cpus: 4, mem: 8192, disk: 16384, gpus: 0, ports: [[31000, 32000]] } }],
    roles: {},
  },
  frameworks: [],
  marathon: {
    role: '*',
    apps: [APP],
    behavior: { '/crashy': { meanSecondsToCrash: 120, usage: { profile: 'sawtooth', periodSeconds: 300 } } },
  },
};
const LINK = scenarioLink(SCENARIO);
const APP_HREF = `#/services/detail/${encodeURIComponent(APP.id)}`;

const { check, finish, shotsDir, executablePath, dist } = await startSuite('operate', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const { openLink, shot, noUncaughtErrors } = pageHelpers({ waitMs: WAIT_MS, shotsDir, browser, siteUrl: server.url });

/** Opens the scenario's cluster in a new page of `viewport` and plays it; returns the page. */
const openCluster = (viewport, label) => openLink(viewport, label, LINK);

/** The logs page of the app's first task (its id from the instances table's link). */
async function openLogs(page) {
  await page.evaluate((h) => (location.hash = h), APP_HREF);
  const link = page.locator(`#content a[href*="/tasks/"]`).first();
  await link.waitFor();
  const href = await link.getAttribute('href');
  const logs = href.replace(/\/details$/, '/logs');
  await page.evaluate((h) => (location.hash = h), logs);
  await page.locator('#content').getByRole('log').waitFor();
  return href.match(/\/tasks\/([^/]+)\//)[1];
}

/** The agents table's first agent, opened in the side panel. */
async function openAgent(page) {
  await page.evaluate(() => (location.hash = '#/nodes'));
  const content = page.locator('#content');
  await content.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).click();
  const first = content.locator('tbody th button').first();
  const host = (await first.innerText()).trim();
  await first.click();
  const panel = page.getByRole('complementary', { name: host });
  await panel.waitFor();
  return panel;
}

try {
  const page = await openCluster({ width: 1440, height: 900 }, '1440');
  const content = page.locator('#content');
  const log = content.getByRole('log');
  let taskId = '';

  await check('a scenario link opens the cluster and the crashing app’s task runs', async () => {
    await page.evaluate((h) => (location.hash = h), APP_HREF);
    await content
      .locator('.state-chip', { hasText: /^Running$/ })
      .first()
      .waitFor();
  });

  await check('the task’s Logs tab shows stdout, then stderr; following, the crash’s traceback arrives at the bottom', async () => {
    taskId = await openLogs(page);
    await log.getByText(/starting \(build [0-9a-f]{8}\)/).waitFor();
    const tabs = content.getByRole('navigation', { name: 'Task' });
    expect((await tabs.getByRole('link', { name: 'Logs' }).getAttribute('aria-current')) === 'page', 'the Logs tab is not the current one');
    await settle(page);
    await shot(page, '1440-logs-stdout');
    await noViolations(page, 'logs stdout');
    await content.getByRole('group', { name: 'File' }).getByRole('button', { name: 'stderr' }).click();
    await log.getByText(/Starting task/).waitFor();
    expect((await content.getByRole('button', { name: /^Follow/ }).getAttribute('aria-pressed')) === 'true', 'the log does not follow');
    await speed(page, '×100');
    await log.getByText('Traceback (most recent call last):').waitFor({ timeout: 40_000 });
    await log.getByText(/Command exited with status 1/).waitFor();
    await speed(page, '×1');
    // Followed: the newest line is in view at the bottom.
    const gap = await log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    expect(gap < 4, `the log is ${gap} px above its bottom while following`);
    const last = (await log.locator('.line').last().innerText()).trim();
    expect(/Command exited with status 1/.test(last), `the last line is "${last}"`);
    await settle(page);
    await shot(page, '1440-logs-stderr-crash');
    await noViolations(page, 'logs stderr');
  });

  await check('Find highlights the matches and steps through them', async () => {
    const find = content.getByRole('searchbox', { name: 'Find in stderr' });
    await find.fill('error');
    const marks = log.locator('mark');
    await marks.first().waitFor();
    const n = await marks.count();
    const count = content.getByRole('search').getByRole('status');
    expect((await count.innerText()).trim() === `1 of ${n}`, `the count says "${await count.innerText()}" for ${n} marks`);
    const currentIndex = () => log.locator('mark').evaluateAll((ms) => ms.findIndex((m) => m.classList.contains('current')));
    expect((await currentIndex()) === 0, 'the first match is not the current one');
    await content.getByRole('button', { name: 'Previous match' }).click();
    expect((await currentIndex()) === n - 1, 'Previous from the first does not wrap to the last');
    expect((await count.innerText()).trim() === `${n} of ${n}`, `the count says "${await count.innerText()}"`);
    await find.press('Enter');
    expect((await currentIndex()) === 0, 'Enter does not step to the next match');
    expect((await content.getByRole('button', { name: /^Follow/ }).getAttribute('aria-pressed')) === 'false', 'stepping keeps following');
    await settle(page);
    await shot(page, '1440-logs-find');
    await noViolations(page, 'logs find');
  });

  await check('dcos task log --follow in the terminal prints the task’s new lines as they come, until Ctrl+C', async () => {
    const toggle = page.getByRole('button', { name: 'Terminal', exact: true });
    await toggle.click();
    const terminal = page.getByRole('region', { name: 'Terminal' });
    const box = terminal.getByRole('textbox', { name: 'dcos command' });
    const status = terminal.getByRole('status');
    // The app crashes (a mean of 2 simulated minutes), and on a busy machine this check may come when its task has
    // just failed and the next one is not running yet: then the command finds no task to follow, and is asked again.
    for (let attempt = 1; ; attempt++) {
      await box.fill('dcos task log crashy stderr --follow --lines=3');
      await box.press('Enter');
      const following = await status
        .getByText('following…')
        .waitFor({ timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (following) break;
      expect(attempt < 6, 'the terminal never followed the task (no running task of /crashy for 30 s)');
    }
    const output = terminal.getByRole('log', { name: 'Terminal output' });
    await output.getByText(/^1970-01-01 00:00:00 UTC: .*Forked command at/m).waitFor();
    await speed(page, '×100');
    await output.getByText(/UTC: Traceback \(most recent call last\):/).waitFor({ timeout: 60_000 });
    await speed(page, '×1');
    await settle(page);
    await shot(page, '1440-terminal-follow');
    await noViolations(page, 'terminal follow');
    await box.press('Control+c');
    await output.getByText(/^\^C$/).waitFor();
    expect((await terminal.getByText('following…').count()) === 0, 'the terminal still follows after Ctrl+C');
    await toggle.click();
  });

  await check('the node panel charts CPU and memory from dcos-metrics, a point a simulated minute', async () => {
    const panel = await openAgent(page);
    const cpu = panel.getByRole('img', { name: /^CPU usage over / });
    const mem = panel.getByRole('img', { name: /^Memory usage over / });
    await cpu.waitFor();
    await mem.waitFor();
    await speed(page, '×100');
    await page
      .waitForFunction(
        () =>
          /over (\d+) samples/.exec(document.querySelector('[role=img][aria-label^="CPU usage"]')?.getAttribute('aria-label') ?? '')?.[1] >=
          4,
        null,
        { timeout: WAIT_MS },
      )
      .catch(async (e) => {
        await shot(page, 'node-charts-failed');
        throw new Error(`${e.message}; the chart says "${await cpu.getAttribute('aria-label')}"`);
      });
    await speed(page, '×1');
    const label = await mem.getAttribute('aria-label');
    expect(/now [\d.]+ GiB of [\d.]+ GiB/.test(label), `the memory chart says "${label}"`);
    expect((await panel.locator('svg path').count()) >= 3, 'the charts draw no lines');
    await settle(page);
    await shot(page, '1440-node-charts');
    await noViolations(page, 'node charts');
  });

  await check('a running task’s details chart its CPU and memory against its limits', async () => {
    // An app that does not crash, added in the terminal (its usage: the steady default, a share of its limits).
    await addThroughTerminal(page, 'app', WEB);
    await page.evaluate((h) => (location.hash = h), `#/services/detail/${encodeURIComponent(WEB.id)}`);
    await content
      .locator('a[href*="/tasks/"]')
      .first()
      .click()
      .catch(async (e) => {
        await shot(page, 'task-usage-failed');
        throw e;
      });
    const mem = content.getByRole('img', { name: /^Memory usage over / });
    // Telegraf collects a container once a simulated minute: a few minutes, quickly.
    await speed(page, '×100');
    await mem.waitFor();
    await page.waitForFunction(
      () =>
        /over (\d+) simulated minutes/.exec(
          document.querySelector('[role=img][aria-label^="CPU usage"]')?.getAttribute('aria-label') ?? '',
        )?.[1] >= 4,
      null,
      { timeout: WAIT_MS },
    );
    await speed(page, '×1');
    const label = await mem.getAttribute('aria-label');
    expect(/of a 512 MiB limit/.test(label), `the memory chart says "${label}"`);
    await content.getByRole('heading', { name: 'Resource usage' }).scrollIntoViewIfNeeded();
    await settle(page);
    await shot(page, '1440-task-usage');
    await noViolations(page, 'task usage');
  });

  const phone = await openCluster({ width: 390, height: 844 }, '390');
  await check('at 390×844 the Logs tab and the node panel fit the width', async () => {
    await phone.evaluate((h) => (location.hash = h), APP_HREF);
    await phone
      .locator('#content .state-chip', { hasText: /^Running$/ })
      .first()
      .waitFor();
    await openLogs(phone);
    await phone
      .locator('#content')
      .getByRole('log')
      .getByText(/starting/)
      .waitFor();
    await settle(phone);
    await shot(phone, '390-logs');
    await fits(phone, 'the Logs tab');
    await noViolations(phone, '390 logs');
    const panel = await openAgent(phone);
    await speed(phone, '×100');
    await phone.waitForFunction(
      () =>
        /over (\d+) samples/.exec(document.querySelector('[role=img][aria-label^="CPU usage"]')?.getAttribute('aria-label') ?? '')?.[1] >=
        3,
      null,
      { timeout: WAIT_MS },
    );
    await speed(phone, '×1');
    await panel.getByRole('img', { name: /^Memory usage over / }).scrollIntoViewIfNeeded();
    await settle(phone);
    await shot(phone, '390-node-charts');
    await fits(phone, 'the node panel');
    await noViolations(phone, '390 node charts');
  });

  void taskId;
  await noUncaughtErrors(check);
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);
