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
//   8. the Services page lists kafka; its Plans tab shows phase broker and its three steps Complete, its Pods tab the
//      three pods each on its agent (those of check 5), its Endpoints tab the broker's addresses and VIP;
//   9. Restart on kafka-1 (its dialog, `POST pod/kafka-1/restart`): its task is launched again (a new task id) and
//      runs on the same agent; the deploy plan stays Complete; the recovery plan's step kafka-1:[broker] goes Complete;
//  10. Edit on kafka (a package's service) opens its package configuration (the Catalog's chunk) at
//      #/services/detail/%2Fkafka/edit, filled from `POST /cosmos/service/describe` (service name kafka, Brokers →
//      Count 3); Count 4; the JSON editor shows it; Review & Run shows the options without the install terms; Run Service
//      (`POST /cosmos/service/update`) goes back to the service page and says so; the app's DCOS_PACKAGE_OPTIONS
//      hold 4 brokers; the Pods tab reaches four pods (kafka-3 running) and the deploy plan's step kafka-3:[broker]
//      completes with the plan;
//  11. Edit again, back to Count 3: Cosmos takes it, the SDK's validator refuses it: the deploy plan answers 417 ERROR
//      and the Plans tab shows its error (a PodSpec with fewer tasks) and "deploy (serial) - Error";
//  12. at 360 px the list, the detail, the form, the Success dialog, the Services page, the three tabs and the edit
//      form fit (no sideways scroll);
//  13. no uncaught error in any page.
// axe-core finds no violation on the list, the detail, the form, the review, the dialog, the Services page, the
// Plans (with and without errors), Pods and Endpoints tabs and the edit form and its review (1440 and 360 px wide).
// With --shots, screenshots of each state (VIEWPORT-STATE.png). Prints one line per check and
// "e2e catalog: N passed, N failed"; writes {passed, failed} to e2e-catalog-summary.json.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { fits, noViolations, pageHelpers } from './page.mjs';

const WAIT_MS = 20_000;
const DEADLINE_MS = 180_000;
const PACKAGES = 8;
const BROKERS = 3;
/** The brokers after kafka's Edit (check 10). */
const GROWN = 4;

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
    await speed('×100');
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

  const tabs = page.getByRole('navigation', { name: 'Service details' });
  const podList = content.getByRole('list', { name: 'Pods of /kafka' });
  /** The Pods tab's item of pod `name`: its agent, its tasks' states and ids. */
  const podLine = async (name) => (await podList.locator(`[data-pod="${name}"]`).innerText()).replace(/\s+/g, ' ');

  await check('the Services page lists kafka; its Plans, Pods and Endpoints tabs show the plan, the pods and the endpoints', async () => {
    await go('#/services');
    await content.getByRole('link', { name: 'kafka', exact: true }).waitFor();
    await settle(page);
    await shot(page, '1440-services');
    await noViolations(page, 'the Services page');
    await content.getByRole('link', { name: 'kafka', exact: true }).click();
    const chunk = page.waitForResponse((r) => /\/assets\/SdkTabs-[\w-]+\.js$/.test(r.url()));
    await tabs.getByRole('link', { name: 'Plans' }).click();
    await chunk;
    const plan = content.locator('table.plan');
    await plan.getByRole('rowheader', { name: 'broker (serial)' }).waitFor();
    await page.waitForFunction(
      () => !/In Progress|Started|Starting|Pending/.test(document.querySelector('#content table.plan')?.textContent ?? ''),
    );
    const rows = (await plan.locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    const want = ['broker (serial) Complete', ...[...Array(BROKERS).keys()].map((i) => `kafka-${i}:[broker] Complete`)];
    expect(JSON.stringify(rows) === JSON.stringify(want), `the Plans tab reads: ${rows.join(' | ')}`);
    const menu = await content.getByLabel('Plan', { exact: true }).locator('option:checked').innerText();
    expect(menu === 'deploy (serial) - Complete', `the plan menu reads "${menu}"`);
    await settle(page);
    await shot(page, '1440-plans');
    await noViolations(page, 'the Plans tab');

    await tabs.getByRole('link', { name: 'Pods' }).click();
    await podList
      .locator('[data-pod]')
      .nth(BROKERS - 1)
      .waitFor();
    for (let i = 0; i < BROKERS; i++) {
      await page.waitForFunction(
        (n) => /Agent \S+/.test(document.querySelector(`#content [data-pod="${n}"]`)?.innerText ?? ''),
        `kafka-${i}`,
      );
      const line = await podLine(`kafka-${i}`);
      const host = /Agent (\S+)/.exec(line)?.[1];
      expect(hosts.includes(host) && new RegExp(`kafka-${i}-broker Running`).test(line), `pod kafka-${i} reads "${line}"`);
    }
    await settle(page);
    await shot(page, '1440-pods');
    await noViolations(page, 'the Pods tab');

    await tabs.getByRole('link', { name: 'Endpoints' }).click();
    const broker = content.getByRole('region', { name: 'Endpoint broker' });
    await broker.waitFor();
    const text = (await broker.innerText()).replace(/\s+/g, ' ');
    const addresses = text.match(/\d+\.\d+\.\d+\.\d+:\d+/g) ?? [];
    expect(
      addresses.length === BROKERS && /broker\.kafka\.l4lb\.thisdcos\.directory:9092/.test(text),
      `the broker endpoint reads "${text}"`,
    );
    await settle(page);
    await shot(page, '1440-endpoints');
    await noViolations(page, 'the Endpoints tab');
  });

  await check(
    'Restart on kafka-1: its task runs again on the same agent; the deploy plan stays Complete, the recovery step completes',
    async () => {
      await tabs.getByRole('link', { name: 'Pods' }).click();
      const before = await podLine('kafka-1');
      const [, host, taskId] = /Agent (\S+).*kafka-1-broker Running (\S+)/.exec(before) ?? [];
      expect(taskId !== undefined, `pod kafka-1 reads "${before}"`);
      await content.getByRole('button', { name: 'Restart kafka-1', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Restart pod kafka-1?' });
      await dialog.waitFor();
      await settle(page);
      await shot(page, '1440-restart');
      await noViolations(page, 'the Restart dialog');
      await dialog.getByRole('button', { name: 'Restart', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText(/^Restarting pod kafka-1 of \/kafka/).waitFor();
      await speed('×10');
      try {
        await page.waitForFunction(
          (old) => {
            const text = document.querySelector('#content [data-pod="kafka-1"]')?.innerText?.replace(/\s+/g, ' ') ?? '';
            return /kafka-1-broker Running/.test(text) && !text.includes(old);
          },
          taskId,
          { timeout: 60_000 },
        );
      } finally {
        await speed('×1');
      }
      const after = await podLine('kafka-1');
      expect(after.includes(`Agent ${host}`), `after the restart, pod kafka-1 reads "${after}" (it ran on ${host})`);
      const plan = await apiGet(page, '/service/kafka/v1/plans/deploy');
      expect(plan.status === 200 && plan.body.status === 'COMPLETE', `the deploy plan answers ${plan.status} ${plan.body?.status}`);
      // The restart's step in the recovery plan, on the Plans tab: Complete once the broker is ready again.
      await tabs.getByRole('link', { name: 'Plans' }).click();
      const menu = content.getByLabel('Plan', { exact: true });
      await menu.locator('option[value="recovery"]').waitFor({ state: 'attached' });
      await menu.selectOption('recovery');
      const step = content
        .locator('table.plan tr.step')
        .filter({ has: page.getByRole('rowheader', { name: 'kafka-1:[broker]', exact: true }) });
      await speed('×100');
      try {
        await step.filter({ hasText: 'Complete' }).waitFor({ timeout: 60_000 });
      } finally {
        await speed('×1');
      }
      await settle(page);
      await shot(page, '1440-recovery');
      await noViolations(page, 'the recovery plan');
    },
  );

  const editHash = `#/services/detail/${encodeURIComponent('/kafka')}/edit`;

  await check(
    `Edit on kafka opens its package configuration (Count ${BROKERS}); Count ${GROWN}, Run Service: ${GROWN} pods run, the plan completes`,
    async () => {
      await go(`#/services/detail/${encodeURIComponent('/kafka')}`);
      const actions = content.getByRole('group', { name: 'Actions for /kafka' });
      await actions.getByRole('button', { name: 'Edit', exact: true }).click();
      await content.getByRole('heading', { name: /^Edit Configuration/, level: 1 }).waitFor();
      const hash = await page.evaluate(() => location.hash);
      expect(hash === editHash, `Edit went to ${hash}`);
      await settle(page);
      await shot(page, '1440-edit-top');
      const brokers = content.getByRole('region', { name: 'Brokers' });
      const count = brokers.getByLabel('Count', { exact: false }).first();
      const before = await count.inputValue();
      const name = await content
        .getByRole('region', { name: 'Service', exact: true })
        .getByLabel('Name', { exact: false })
        .first()
        .inputValue();
      expect(before === String(BROKERS) && name === 'kafka', `the form opens with Count "${before}", service name "${name}"`);
      await count.fill(String(GROWN));
      await count.press('Tab');
      await brokers.scrollIntoViewIfNeeded();
      await settle(page);
      await shot(page, '1440-edit');
      await noViolations(page, 'the edit form');
      await content.getByRole('button', { name: 'JSON Editor' }).click();
      const json = JSON.parse(await content.getByLabel('Options JSON').inputValue());
      expect(
        json.brokers?.count === GROWN && json.service?.name === 'kafka',
        `the JSON editor reads ${JSON.stringify(json).slice(0, 300)}`,
      );
      await settle(page);
      await shot(page, '1440-edit-json');
      await noViolations(page, 'the edit form’s JSON editor');
      await content.getByRole('button', { name: 'Form', exact: true }).click();
      await content.getByRole('button', { name: 'Review & Run' }).click();
      await content.getByRole('heading', { name: /^Review Configuration/, level: 1 }).waitFor();
      const options = JSON.parse(await content.getByLabel('Options JSON').innerText());
      expect(options.brokers?.count === GROWN, `the review reads ${JSON.stringify(options).slice(0, 300)}`);
      const terms = await content.getByText('terms and conditions').count();
      expect(terms === 0, 'the review of an edit shows the install terms');
      await settle(page);
      await shot(page, '1440-edit-review');
      await noViolations(page, 'the edit review');
      await content.getByRole('button', { name: 'Run Service' }).click();
      await page.getByText(/^Updated \/kafka/).waitFor();
      const back = await page.evaluate(() => location.hash);
      expect(back === `#/services/detail/${encodeURIComponent('/kafka')}`, `after Run Service the page is ${back}`);
      const app = (await apiGet(page, '/marathon/v2/apps/kafka')).body.app;
      const stored = JSON.parse(atob(app.labels.DCOS_PACKAGE_OPTIONS ?? 'e30='));
      expect(stored.brokers?.count === GROWN, `the app's DCOS_PACKAGE_OPTIONS: ${JSON.stringify(stored)}`);

      await speed('×100');
      try {
        await tabs.getByRole('link', { name: 'Pods' }).click();
        await page.waitForFunction(
          (n) => {
            const text = document.querySelector(`#content [data-pod="${n}"]`)?.innerText?.replace(/\s+/g, ' ') ?? '';
            return /Agent \S+/.test(text) && new RegExp(`${n}-broker Running`).test(text);
          },
          `kafka-${GROWN - 1}`,
          { timeout: 90_000 },
        );
        await tabs.getByRole('link', { name: 'Plans' }).click();
        const step = content
          .locator('table.plan tr.step')
          .filter({ has: page.getByRole('rowheader', { name: `kafka-${GROWN - 1}:[broker]`, exact: true }) });
        await step.filter({ hasText: 'Complete' }).waitFor({ timeout: 90_000 });
        await page.waitForFunction(
          () => !/In Progress|Started|Starting|Pending/.test(document.querySelector('#content table.plan')?.textContent ?? ''),
          undefined,
          { timeout: 90_000 },
        );
      } finally {
        await speed('×1');
      }
      const plan = await apiGet(page, '/service/kafka/v1/plans/deploy');
      const steps = plan.body.phases.flatMap((p) => p.steps.map((s) => `${s.name} ${s.status}`));
      expect(
        plan.status === 200 && plan.body.status === 'COMPLETE' && steps.length === GROWN && steps.every((s) => s.endsWith('COMPLETE')),
        `the deploy plan answers ${plan.status} ${plan.body.status}: ${steps.join(' | ')}`,
      );
      const rows = (await content.locator('table.plan tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
      expect(rows.length === GROWN + 1 && rows.every((r) => r.endsWith('Complete')), `the Plans tab reads: ${rows.join(' | ')}`);
      await settle(page);
      await shot(page, '1440-edit-plans');
      await tabs.getByRole('link', { name: 'Pods' }).click();
      await podList
        .locator('[data-pod]')
        .nth(GROWN - 1)
        .waitFor();
      const pods = await podList.locator('[data-pod]').count();
      expect(pods === GROWN, `the Pods tab lists ${pods} pods`);
      await settle(page);
      await shot(page, '1440-edit-pods');
      await noViolations(page, 'the Pods tab after the edit');
    },
  );

  await check(`Edit on kafka back to Count ${BROKERS}: the deploy plan errs, the Plans tab shows the validator’s error`, async () => {
    await content.getByRole('group', { name: 'Actions for /kafka' }).getByRole('button', { name: 'Edit', exact: true }).click();
    const count = content.getByRole('region', { name: 'Brokers' }).getByLabel('Count', { exact: false }).first();
    await count.waitFor();
    const before = await count.inputValue();
    expect(before === String(GROWN), `the form opens with Count "${before}"`);
    await count.fill(String(BROKERS));
    await content.getByRole('button', { name: 'Review & Run' }).click();
    await content.getByRole('button', { name: 'Run Service' }).click();
    await page.getByText(/^Updated \/kafka/).waitFor();
    await tabs.getByRole('link', { name: 'Plans' }).click();
    const errors = content.getByRole('alert', { name: 'Plan errors' });
    await speed('×100');
    try {
      await errors.waitFor({ timeout: 90_000 });
    } finally {
      await speed('×1');
    }
    const text = (await errors.innerText()).replace(/\s+/g, ' ');
    expect(
      new RegExp(`PodSpec named 'kafka' has ${BROKERS} tasks, expected >=${GROWN} tasks`).test(text),
      `the Plans tab's errors read "${text}"`,
    );
    const plan = await apiGet(page, '/service/kafka/v1/plans/deploy');
    expect(plan.status === 417 && plan.body.status === 'ERROR', `the deploy plan answers ${plan.status} ${plan.body?.status}`);
    const menu = await content.getByLabel('Plan', { exact: true }).locator('option:checked').innerText();
    expect(/^deploy \(serial\) - Error/.test(menu), `the plan menu reads "${menu}"`);
    await settle(page);
    await shot(page, '1440-edit-errors');
    await noViolations(page, 'the Plans tab with errors');
  });

  await check(
    'at 360 px the list, the detail, the form, the Success dialog, the Services page, the SDK tabs and the edit form fit; axe finds nothing',
    async () => {
      await page.setViewportSize({ width: 360, height: 780 });
      await go('#/catalog');
      await cards.nth(PACKAGES - 1).waitFor();
      await settle(page);
      await shot(page, '360-list');
      await fits(page, '360 list');
      await withinContent(page, '360 list');
      await noViolations(page, '360 list');
      await go('#/catalog/packages/kafka');
      await content.getByRole('heading', { name: 'kafka', level: 1 }).waitFor();
      await settle(page);
      await shot(page, '360-detail');
      await fits(page, '360 detail');
      await withinContent(page, '360 detail');
      await noViolations(page, '360 detail');
      await content.getByRole('link', { name: 'Review & Run' }).click();
      const brokers = content.getByRole('region', { name: 'Brokers' });
      await brokers.waitFor();
      await shot(page, '360-form-top');
      await brokers.scrollIntoViewIfNeeded();
      await settle(page);
      await shot(page, '360-form');
      await fits(page, '360 form');
      await withinContent(page, '360 form');
      await noViolations(page, '360 form');
      await go(`#/catalog/packages/kafka?appId=${encodeURIComponent('/kafka')}`);
      await success.waitFor();
      await settle(page);
      await shot(page, '360-installed');
      await fits(page, '360 Success dialog');
      await withinContent(page, '360 Success dialog');
      await noViolations(page, '360 Success dialog');
      await success.getByRole('button', { name: 'Close' }).click();
      await success.waitFor({ state: 'detached' });
      await openAgent(page, hosts[0]);
      await page
        .getByRole('complementary', { name: hosts[0] })
        .getByRole('region', { name: 'Reserved resources by role' })
        .scrollIntoViewIfNeeded();
      await settle(page);
      await shot(page, '360-node-kafka');
      await fits(page, '360 agent panel');
      await go('#/services');
      await content.getByRole('link', { name: 'kafka', exact: true }).waitFor();
      await settle(page);
      await shot(page, '360-services');
      await fits(page, '360 Services page');
      await noViolations(page, '360 Services page');
      for (const tab of ['plans', 'pods', 'endpoints']) {
        await go(`#/services/detail/${encodeURIComponent('/kafka')}/${tab}`);
        await content
          .locator({ plans: 'table.plan', pods: '[data-pod="kafka-2"]', endpoints: 'section[aria-label="Endpoint broker"]' }[tab])
          .waitFor();
        await settle(page);
        await shot(page, `360-${tab}`);
        await fits(page, `360 ${tab} tab`);
        await withinContent(page, `360 ${tab} tab`);
        await noViolations(page, `360 ${tab} tab`);
      }
      await go(editHash);
      const grown = content.getByRole('region', { name: 'Brokers' });
      await grown.waitFor();
      await settle(page);
      await shot(page, '360-edit-top');
      await fits(page, '360 edit form');
      await withinContent(page, '360 edit form');
      await grown.scrollIntoViewIfNeeded();
      const count = await grown.getByLabel('Count', { exact: false }).first().inputValue();
      expect(count === String(BROKERS), `at 360 px the edit form reads Count "${count}"`);
      await settle(page);
      await shot(page, '360-edit');
      await noViolations(page, '360 edit form');
    },
  );

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

/**
 * Nothing on the page sticks out of #content's padding box sideways (what `fits` misses: an element over the padding
 * does not make the box scroll). Inside a box that scrolls or clips sideways, that box is what counts; fixed layers
 * (dialogs) and hidden 1 px text are left out.
 */
async function withinContent(page, what) {
  const out = await page.evaluate(() => {
    const content = document.getElementById('content');
    if (!content) return ['no #content'];
    const cs = getComputedStyle(content);
    const left = content.getBoundingClientRect().left + content.clientLeft + parseFloat(cs.paddingLeft);
    const right = content.getBoundingClientRect().left + content.clientLeft + content.clientWidth - parseFloat(cs.paddingRight);
    const skipped = (el) => {
      for (let a = el.parentElement; a && a !== content; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX !== 'visible' || s.position === 'fixed') return true;
      }
      return getComputedStyle(el).position === 'fixed';
    };
    return [...content.querySelectorAll('*')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 1 && r.height > 1 && (r.right > right + 0.5 || r.left < left - 0.5) && !skipped(el);
      })
      .map((el) => {
        const r = el.getBoundingClientRect();
        return `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.left)}–${Math.round(r.right)} (box ${Math.round(left)}–${Math.round(right)})`;
      });
  });
  expect(out.length === 0, `${what}: out of the page's box:\n      ${out.slice(0, 6).join('\n      ')}`);
}

/** A moment for the page's data to arrive and its transitions to end. */
async function settle(page) {
  await page.waitForTimeout(400);
}
