// The Catalog page (Cosmos, the offline Universe) in the UI: the packages, a search, a package's details, the install
// form made from its config schema, and a Kafka that deploys. The built site in Debian's Chromium, driven by
// playwright-core.
//
//   node test/e2e/catalog.mjs [--dist DIR] [--shots DIR]
//
// Checks, in order:
//   1. the site opens at 1440×900 and the cluster boots;
//   2. #/catalog loads its own chunk and lists the 8 packages of the offline Universe (Certified and Community);
//   3. a search for "kafka" leaves one card; it opens kafka's page: version, Review & Run, the default resources;
//   4. Review & Run opens the form made from the config schema; Brokers → Count 3; Review & Run shows the options
//      (brokers.count 3); Run Service installs (`POST /package/install`) and the Success dialog names the service;
//   5. the deploy plan (`GET /service/kafka/v1/plans/deploy`, read through the page's worker bridge as the UI reads
//      the API) goes COMPLETE: phase `broker`, steps kafka-0..2:[broker]; three broker tasks run on three agents;
//   6. `dcos package list` in the terminal lists kafka with its app /kafka;
//   7. the Nodes page: each of the three agents lists a kafka-role reservation (its disk a volume);
//   8. at 390 px the list, the detail, the form and the Success dialog fit (no sideways scroll);
//   9. no uncaught error in any page.
// axe-core finds no violation on the list, the detail, the form, the review and the dialog (1440 and 390 px wide).
// With --shots, screenshots of each state (VIEWPORT-STATE.png). Prints one line per check and
// "e2e catalog: N passed, N failed"; writes {passed, failed} to e2e-catalog-summary.json.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { fits, noViolations, pageHelpers } from './page.mjs';

const WAIT_MS = 20_000;
const DEADLINE_MS = 150_000;
const PACKAGES = 8;
const BROKERS = 3;

const { check, finish, shotsDir, executablePath, dist } = await startSuite('catalog', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const { openPage, clockAdvances, leadersElected, shot, noUncaughtErrors } = pageHelpers({ waitMs: WAIT_MS, shotsDir });

try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  await context.addInitScript(keepSandboxWorker);
  const page = await openPage(context, '1440');
  const content = page.locator('#content');
  const go = (hash) => page.evaluate((h) => (location.hash = h), hash);
  const speed = (name) => page.getByRole('group', { name: 'Simulation speed' }).getByRole('button', { name, exact: true }).click();
  const cards = content.locator('a.card.package');
  const success = page.getByRole('dialog', { name: 'Success!' });
  /** The hosts the brokers run on (check 5). */
  let hosts = [];

  await check('the site opens at 1440×900 and the cluster boots', async () => {
    await page.goto(`${server.url}#/dashboard`, { waitUntil: 'load' });
    await clockAdvances(page);
    await leadersElected(page);
  });

  await check(`#/catalog loads its own chunk and lists the ${PACKAGES} packages, Certified and Community`, async () => {
    const chunk = page.waitForResponse((r) => /\/assets\/CatalogPage-[\w-]+\.js$/.test(r.url()));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
    await chunk;
    await content.getByRole('heading', { name: 'Catalog', level: 1 }).waitFor();
    await content.getByText(`${PACKAGES} packages`, { exact: true }).waitFor();
    await cards.nth(PACKAGES - 1).waitFor();
    const names = await cards.locator('.name').allInnerTexts();
    expect(names.length === PACKAGES && names.includes('kafka'), `the catalog lists ${names.join(', ')}`);
    await content.getByRole('heading', { name: 'Certified', level: 2 }).waitFor();
    await content.getByRole('heading', { name: 'Community', level: 2 }).waitFor();
    const all = await content.getByRole('group', { name: 'Show packages' }).getByRole('button', { name: /^All/ }).innerText();
    expect(all.replace(/\s+/g, ' ').trim() === `All ${PACKAGES}`, `the All filter reads "${all}"`);
    await settle(page);
    await shot(page, '1440-list');
    await noViolations(page, 'the package list');
  });

  await check('a search for "kafka" leaves one card, which opens kafka’s page', async () => {
    await content.getByRole('searchbox', { name: 'Search catalog' }).fill('kafka');
    await page.waitForFunction(() => document.querySelectorAll('#content a.card.package').length === 1);
    const name = (await cards.first().locator('.name').innerText()).trim();
    expect(name === 'kafka', `the search left "${name}"`);
    await settle(page);
    await shot(page, '1440-search');
    await cards.first().click();
    await content.getByRole('heading', { name: 'kafka', level: 1 }).waitFor();
    const version = await content.getByLabel('Version:').inputValue();
    expect(/^\d+\.\d+\.\d+-\d/.test(version), `the version reads "${version}"`);
    await content.getByRole('link', { name: 'Review & Run' }).waitFor();
    const resources = (await content.getByRole('region', { name: 'Resources table' }).innerText()).replace(/\s+/g, ' ');
    expect(/brokers 3 1 2048 5000/.test(resources), `the default resources read "${resources}"`);
    await settle(page);
    await shot(page, '1440-detail');
    await noViolations(page, 'kafka’s page');
  });

  await check(`the form: Brokers → Count ${BROKERS}; Review & Run shows the options; Run Service installs kafka`, async () => {
    await content.getByRole('link', { name: 'Review & Run' }).click();
    await content.getByRole('heading', { name: /^Edit Configuration/, level: 1 }).waitFor();
    const brokers = content.getByRole('region', { name: 'Brokers' });
    const count = brokers.getByLabel('Count', { exact: false }).first();
    await count.fill(String(BROKERS));
    await count.press('Tab');
    await brokers.scrollIntoViewIfNeeded();
    await settle(page);
    await shot(page, '1440-form');
    await noViolations(page, 'the install form');
    await content.getByRole('button', { name: 'Review & Run' }).click();
    await content.getByRole('heading', { name: /^Review Configuration/, level: 1 }).waitFor();
    const options = JSON.parse(await content.getByLabel('Options JSON').innerText());
    expect(options.brokers?.count === BROKERS && options.service?.name === 'kafka', `the options read ${JSON.stringify(options)}`);
    await settle(page);
    await shot(page, '1440-review');
    await noViolations(page, 'the review');
    await content.getByRole('button', { name: 'Run Service' }).click();
    await success.waitFor();
    const text = (await success.innerText()).replace(/\s+/g, ' ');
    expect(/Kafka is being installed\./.test(text), `the dialog reads "${text}"`);
    const href = await success.getByRole('link', { name: 'Open Service' }).getAttribute('href');
    expect(href === `#/services/detail/${encodeURIComponent('/kafka')}`, `Open Service goes to ${href}`);
    await settle(page);
    await shot(page, '1440-installed');
    await noViolations(page, 'the Success dialog');
    await success.getByRole('button', { name: 'Close' }).click();
    await success.waitFor({ state: 'detached' });
  });

  await check(`the deploy plan goes COMPLETE: ${BROKERS} brokers run on ${BROKERS} agents`, async () => {
    await speed('×10');
    let plan;
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      plan = await apiGet(page, '/service/kafka/v1/plans/deploy');
      if (plan.status === 200) break;
      await page.waitForTimeout(500);
    }
    await speed('×1');
    expect(plan?.status === 200 && plan.body.status === 'COMPLETE', `the deploy plan answers ${JSON.stringify(plan)}`);
    const steps = plan.body.phases.flatMap((p) => p.steps.map((s) => `${p.name}/${s.name} ${s.status}`));
    const want = [...Array(BROKERS).keys()].map((i) => `broker/kafka-${i}:[broker] COMPLETE`);
    expect(JSON.stringify(steps) === JSON.stringify(want), `the plan's steps: ${steps.join(' | ')}`);
    const state = (await apiGet(page, '/mesos/master/state')).body;
    const fw = state.frameworks.find((f) => f.name === 'kafka');
    expect(fw?.active && JSON.stringify(fw.roles) === '["kafka-role"]', `framework kafka: ${JSON.stringify(fw?.roles)}`);
    const running = fw.tasks.filter((t) => /^kafka-\d+-broker$/.test(t.name) && t.state === 'TASK_RUNNING');
    hosts = [...new Set(running.map((t) => state.slaves.find((s) => s.id === t.slave_id)?.hostname))];
    expect(running.length === BROKERS && hosts.length === BROKERS, `running brokers: ${running.map((t) => t.name).join(', ')} on ${hosts}`);
  });

  await check('`dcos package list` in the terminal lists kafka with its app /kafka', async () => {
    const text = await terminal(page, 'dcos package list', /^\s*kafka\s+/);
    const row = text.split('\n').find((l) => /^kafka\s/.test(l.trim()));
    expect(row !== undefined && /\/kafka\b/.test(row), `\`dcos package list\` printed:\n${text}`);
  });

  await check(`the Nodes page: the ${BROKERS} agents each list a kafka-role reservation with a volume`, async () => {
    for (const host of hosts) {
      await openAgent(page, host);
      const panel = page.getByRole('complementary', { name: host });
      const reserved = panel.getByRole('region', { name: 'Reserved resources by role' });
      await reserved.waitFor();
      const role = reserved.locator('tbody').filter({ has: page.getByRole('rowheader', { name: 'kafka-role', exact: true }) });
      const rows = (await role.locator('tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
      expect(
        rows.some((r) => /^disk \(volume\) /.test(r)),
        `${host}: no kafka-role disk volume among the reservations: ${rows.join(' | ')}`,
      );
      if (host === hosts[0]) {
        await reserved.scrollIntoViewIfNeeded();
        await settle(page);
        await shot(page, '1440-node-kafka');
        await noViolations(page, 'the agent panel');
      }
    }
  });

  await check('at 390 px the list, the detail, the form and the Success dialog fit; axe finds nothing', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await go('#/catalog');
    await cards.nth(PACKAGES - 1).waitFor();
    await settle(page);
    await fits(page, '390 list');
    await shot(page, '390-list');
    await noViolations(page, '390 list');
    await go('#/catalog/packages/kafka');
    await content.getByRole('heading', { name: 'kafka', level: 1 }).waitFor();
    await settle(page);
    await fits(page, '390 detail');
    await shot(page, '390-detail');
    await noViolations(page, '390 detail');
    await content.getByRole('link', { name: 'Review & Run' }).click();
    const brokers = content.getByRole('region', { name: 'Brokers' });
    await brokers.waitFor();
    await brokers.scrollIntoViewIfNeeded();
    await settle(page);
    await fits(page, '390 form');
    await shot(page, '390-form');
    await noViolations(page, '390 form');
    await go(`#/catalog/packages/kafka?appId=${encodeURIComponent('/kafka')}`);
    await success.waitFor();
    await settle(page);
    await fits(page, '390 Success dialog');
    await shot(page, '390-installed');
    await noViolations(page, '390 Success dialog');
    await success.getByRole('button', { name: 'Close' }).click();
    await success.waitFor({ state: 'detached' });
    await openAgent(page, hosts[0]);
    await page
      .getByRole('complementary', { name: hosts[0] })
      .getByRole('region', { name: 'Reserved resources by role' })
      .scrollIntoViewIfNeeded();
    await settle(page);
    await fits(page, '390 agent panel');
    await shot(page, '390-node-kafka');
  });

  await noUncaughtErrors(check);
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);

/**
 * An init script: keeps the page's sandbox worker at `window.__sandboxWorker`, so that the suite can read the API as
 * the UI does, through the worker's Comlink endpoint (apiGet).
 */
function keepSandboxWorker() {
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      if (options?.name === 'dcos-sandbox') window.__sandboxWorker = this;
    }
  };
}

/** `GET path` through the page's worker bridge (a Comlink APPLY of `request`, as SandboxBridge makes it): {status, body}. */
async function apiGet(page, path) {
  return page.evaluate(
    (p) =>
      new Promise((resolve, reject) => {
        const worker = window.__sandboxWorker;
        if (!worker) return reject(new Error('the sandbox worker has not started'));
        const id = `e2e-${Math.random().toString(36).slice(2)}`;
        const answer = (ev) => {
          if (ev.data?.id !== id) return;
          worker.removeEventListener('message', answer);
          if (ev.data.type === 'RAW') resolve(ev.data.value);
          else reject(new Error(`the worker answered ${JSON.stringify(ev.data).slice(0, 200)}`));
        };
        worker.addEventListener('message', answer);
        worker.postMessage({ id, type: 'APPLY', path: ['request'], argumentList: [{ type: 'RAW', value: { method: 'GET', path: p } }] });
      }),
    path,
  );
}

/** Runs `line` in the terminal (opened, then closed again); waits for output matching `expected`; returns the output. */
async function terminal(page, line, expected) {
  const toggle = page.getByRole('button', { name: 'Terminal', exact: true });
  await toggle.click();
  const term = page.getByRole('region', { name: 'Terminal' });
  const output = term.getByRole('log', { name: 'Terminal output' });
  const before = (await output.innerText()).length;
  await term.getByRole('textbox', { name: 'dcos command' }).click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await page
    .waitForFunction(
      ([n, source]) => {
        const text = document.querySelector('[role="log"][aria-label="Terminal output"]')?.innerText ?? '';
        return new RegExp(source, 'm').test(text.slice(n).split('\n').slice(1).join('\n'));
      },
      [before, expected.source],
    )
    .catch(async () => {
      throw new Error(`\`${line}\` did not answer ${expected}; the terminal shows:\n${(await output.innerText()).slice(-400)}`);
    });
  const text = (await output.innerText()).slice(before);
  expect(!/^Error/m.test(text), `\`${line}\` answered:\n${text.slice(0, 400)}`);
  await shot(page, '1440-terminal');
  await toggle.click();
  return text;
}

/** The Nodes page's table, the agent `host` opened in the side panel. */
async function openAgent(page, host) {
  await page.evaluate(() => (location.hash = '#/nodes'));
  const content = page.locator('#content');
  await content.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).click();
  await content.getByRole('button', { name: host, exact: true }).click();
  await page.getByRole('complementary', { name: host }).waitFor();
}

/** A moment for the page's data to arrive and its transitions to end. */
async function settle(page) {
  await page.waitForTimeout(400);
}
