// The Dashboard's usage (dcos-metrics of every agent) and top tasks, and Settings → Package Repositories. The built site
// in Debian's Chromium, driven by playwright-core.
//
//   node test/e2e/settings.mjs [--dist DIR] [--shots DIR]
//
// Checks, in order:
//   1. a scenario link opens a cluster with a leaking app and a steady one, and it runs;
//   2. the Dashboard's Resource usage card charts CPU and memory used against allocated (its own chunk), CPU once two
//      collections were read; Top tasks lists the leaking app's task first by memory, linking to its task page, with
//      its agent's host; CPU ranks too;
//   3. the link opens the task's page;
//   4. #/settings loads its own chunk and lists Universe at priority 0;
//   5. Add Repository with a URL Cosmos cannot read shows Cosmos' message in the form; dev-universe at priority 0
//      is added first in the list; searching "dev" leaves it alone;
//   6. Delete on dev-universe asks, deletes it, and Universe is left;
//   7. at 390×844 the Dashboard's usage cards, Settings and its Add form fit the width (no sideways scroll);
//   8. no uncaught error in any page.
// axe-core finds no violation in any state checked. With --shots, screenshots (VIEWPORT-STATE.png). Prints one line
// per check and "e2e settings: N passed, N failed"; writes {passed, failed} to e2e-settings-summary.json.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { fits, go, noViolations, pageHelpers, scenarioLink, settle, speed } from './page.mjs';

const WAIT_MS = 20_000;
const DEADLINE_MS = 180_000;
const LEAK = { id: '/leaky', cmd: 'python3 app.py', instances: 1, cpus: 1, mem: 1024 };
const WEB = { id: '/web', cmd: 'python3 -m http.server', instances: 3, cpus: 0.5, mem: 256 };
const SCENARIO = {
  seed: 11,
  cluster: {
    masters: 1,
    agents: [{ hostname: 'agent', count: 3, resources: { cpus: 4, mem: 8192, disk: 16384, gpus: 0, ports: [[31000, 32000]] } }],
    roles: {},
  },
  frameworks: [],
  marathon: {
    role: '*',
    apps: [LEAK, WEB],
    behavior: { '/leaky': { usage: { profile: 'leak', memMb: 700, memMbPerMinute: 5, cpus: 0.6 } } },
  },
};
const LINK = scenarioLink(SCENARIO);
const DEV = { name: 'dev-universe', uri: 'http://universe.marathon.mesos:8085/repo' };

const { check, finish, shotsDir, executablePath, dist } = await startSuite('settings', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const { openLink, shot, noUncaughtErrors } = pageHelpers({ waitMs: WAIT_MS, shotsDir, browser, siteUrl: server.url });
const openCluster = (viewport, label) => openLink(viewport, label, LINK);

/** What reaches past the right of the page's box (for a failure's message). */
const overflowing = (page) =>
  page.evaluate(() => {
    const content = document.getElementById('content');
    const right = content.getBoundingClientRect().left + content.clientWidth;
    return [...content.querySelectorAll('*')]
      .filter((el) => {
        for (let a = el.parentElement; a && a !== content; a = a.parentElement)
          if (getComputedStyle(a).overflowX !== 'visible') return false;
        return el.getBoundingClientRect().right > right + 0.5;
      })
      .slice(-4)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 20)}"`)
      .join('; ');
  });

/** The Dashboard, with its usage read at least twice (CPU known). */
async function usageReady(page) {
  await go(page, '#/dashboard');
  const content = page.locator('#content');
  await content.getByRole('heading', { name: 'Resource usage', level: 2 }).waitFor();
  await speed(page, '×100');
  await page.waitForFunction(() =>
    /^CPU usage: [\d.]+ CPUs used of [\d.]+ allocated$/.test(
      document.querySelector('[role=img][aria-label^="CPU usage"]')?.getAttribute('aria-label') ?? '',
    ),
  );
  await speed(page, '×1');
  return content;
}

try {
  const page = await openCluster({ width: 1440, height: 900 }, '1440');
  const content = page.locator('#content');
  let taskHref = '';

  await check('a scenario link opens the cluster with a leaking app and a steady one, and it runs', async () => {
    await go(page, '#/services');
    await content.getByRole('link', { name: 'leaky' }).first().waitFor();
  });

  await check('the Dashboard charts usage against allocation, and Top tasks ranks the leaking task first', async () => {
    await go(page, '#/dashboard');
    const ownChunk = await page.evaluate(() =>
      performance.getEntriesByType('resource').some((e) => /\/assets\/UsagePanel-[\w-]+\.js$/.test(e.name)),
    );
    expect(ownChunk, 'the usage cards did not come in a chunk of their own');
    await usageReady(page);
    const mem = await content.getByRole('img', { name: /^Memory usage: / }).getAttribute('aria-label');
    expect(/^Memory usage: [\d.]+ (MiB|GiB) used of [\d.]+ GiB allocated$/.test(mem), `the memory chart reads "${mem}"`);
    const top = content.getByTestId('top-tasks').locator('li');
    await top.first().getByRole('link', { name: 'leaky' }).waitFor();
    expect((await top.count()) === 4, `Top tasks lists ${await top.count()} tasks, not the 4 running`);
    taskHref = await top.first().getByRole('link').getAttribute('href');
    expect(/^#\/services\/detail\/%2Fleaky\/tasks\/leaky\.instance-[\w-]+\._app\.\d+\/details$/.test(taskHref), `the link is ${taskHref}`);
    const first = await top.first().innerText();
    expect(/agent-\d/.test(first) && /\/ 1 GiB/.test(first) && /\/ 1 CPUs/.test(first), `the first row reads "${first}"`);
    await content.getByRole('group', { name: 'Rank by' }).getByRole('button', { name: 'CPU' }).click();
    await top.first().getByRole('link', { name: 'leaky' }).waitFor();
    await content.getByRole('group', { name: 'Rank by' }).getByRole('button', { name: 'Memory' }).click();
    await content.getByRole('heading', { name: 'Resource usage' }).scrollIntoViewIfNeeded();
    await settle(page);
    await shot(page, '1440-dashboard-usage');
    await fits(page, 'the Dashboard');
    await noViolations(page, '1440 dashboard');
  });

  await check('the top task’s link opens its task page', async () => {
    await go(page, taskHref);
    await content.getByRole('navigation', { name: 'Task' }).waitFor();
  });

  await check('#/settings loads its own chunk and lists Universe at priority 0', async () => {
    const chunk = page.waitForResponse((r) => /\/assets\/SettingsPage-[\w-]+\.js$/.test(r.url()));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await chunk;
    await content.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    const rows = content.getByTestId('repositories').locator('tbody tr');
    await rows.first().waitFor();
    const text = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(
      text.length === 1 && /^Universe https:\/\/universe\.mesosphere\.com\/repo 0 Delete$/.test(text[0]),
      `the rows: ${text.join(' | ')}`,
    );
    await shot(page, '1440-settings');
    await noViolations(page, '1440 settings');
  });

  await check("Add Repository shows Cosmos' refusal in the form, then adds dev-universe first; the search finds it", async () => {
    await content.getByRole('button', { name: 'Add Repository' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add Repository' });
    await dialog.getByRole('textbox', { name: 'Repository Name' }).fill('nowhere');
    await dialog.getByRole('textbox', { name: 'URL' }).fill('https://example.org/repo');
    await dialog.getByRole('button', { name: 'Add Repository' }).click();
    await dialog
      .getByTestId('repository-add-error')
      .getByText('Could not access data at URI for repository [nowhere]: https://example.org/repo')
      .waitFor();
    await shot(page, '1440-settings-add-error');
    await noViolations(page, '1440 add form with an error');
    await dialog.getByRole('textbox', { name: 'Repository Name' }).fill(DEV.name);
    await dialog.getByRole('textbox', { name: 'URL' }).fill(DEV.uri);
    await dialog.getByRole('textbox', { name: 'Priority' }).fill('0');
    await dialog.getByRole('button', { name: 'Add Repository' }).click();
    await dialog.waitFor({ state: 'detached' });
    const names = content.getByTestId('repositories').locator('tbody th');
    await names.nth(1).waitFor();
    const listed = await names.allInnerTexts();
    expect(listed.join() === 'dev-universe,Universe', `the list is ${listed.join(', ')}`);
    await content.getByRole('searchbox', { name: 'Search repositories' }).fill('dev');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=repositories] tbody tr').length === 1);
    await content.getByRole('searchbox', { name: 'Search repositories' }).fill('');
  });

  await check('Delete on dev-universe asks, deletes it, and Universe is left', async () => {
    await content.getByRole('button', { name: 'Delete dev-universe' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Repository' });
    await shot(page, '1440-settings-delete');
    await noViolations(page, '1440 delete dialog');
    await dialog.getByRole('button', { name: 'Delete Repository' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=repositories] tbody tr').length === 1);
    const listed = await content.getByTestId('repositories').locator('tbody th').allInnerTexts();
    expect(listed.join() === 'Universe', `the list is ${listed.join(', ')}`);
  });

  await check('at 390×844 the Dashboard usage, Settings and its Add form fit the width', async () => {
    const phone = await openCluster({ width: 390, height: 844 }, '390');
    const phoneContent = await usageReady(phone);
    await phoneContent.getByRole('heading', { name: 'Resource usage' }).scrollIntoViewIfNeeded();
    await settle(phone);
    await shot(phone, '390-dashboard-usage');
    await phoneContent.getByRole('heading', { name: 'Top tasks' }).scrollIntoViewIfNeeded();
    await settle(phone);
    await shot(phone, '390-dashboard-top-tasks');
    await fits(phone, `the Dashboard (${await overflowing(phone)})`);
    await noViolations(phone, '390 dashboard');
    await go(phone, '#/settings');
    await phoneContent.getByTestId('repositories').waitFor();
    await settle(phone);
    await shot(phone, '390-settings');
    await fits(phone, 'Settings');
    await noViolations(phone, '390 settings');
    await phoneContent.getByRole('button', { name: 'Add Repository' }).click();
    await phone.getByRole('dialog', { name: 'Add Repository' }).waitFor();
    await settle(phone);
    await shot(phone, '390-settings-add');
    await fits(phone, 'the Add Repository form');
    await noViolations(phone, '390 add form');
  });

  await noUncaughtErrors(check);
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);
