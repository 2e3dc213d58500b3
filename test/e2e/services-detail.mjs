// A pod's detail page, as DC/OS's, and readiness checks on an app's page: the built site in Debian's Chromium,
// driven by playwright-core.
//
//   node test/e2e/services-detail.mjs [--dist DIR] [--shots DIR]
//
// Checks, in order:
//   1. the site opens at 1440×900 and the cluster boots;
//   2. a pod deployed with `dcos marathon pod add` (the terminal) has a row in the Services list whose name
//      opens its detail page: the header's actions are Edit, Scale, Suspend, Delete, and the Instances tab lists
//      its 2 instances, each followed by its 2 containers, linked to their task pages;
//   3. the Configuration tab shows the pod's JSON and its versions; the Debug tab its launch queue and offers;
//   4. a container's link opens its task page, whose link leads back to the pod;
//   5. Scale opens its dialog; an instance's Restart asks first, then says it restarts that instance;
//   6. an app (from a scenario link) whose tasks do not answer their readiness check says "Not ready" in its
//      task table and "Readiness: 0 of 3 tasks ready" under its deployment's current action;
//   7. at 360×740 neither the document nor the page's box scrolls sideways on the pod's tabs, every action is a
//      button on the page, and the instances table keeps each row's name, status and Restart;
//   8. no uncaught error in any page.
// axe-core finds no violation in any state checked (tabs, dialogs, task page, at 1440 and 360 px wide). With
// --shots, screenshots of each state (VIEWPORT-STATE.png). Prints one line per check and
// "e2e services-detail: N passed, N failed"; writes {passed, failed} to e2e-services-detail-summary.json.
import { deflateRawSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { addThroughTerminal, fits, noViolations, pageHelpers } from './page.mjs';

const WAIT_MS = 20_000;
const DEADLINE_MS = 150_000;
const POD = {
  id: '/shop-web',
  scaling: { kind: 'fixed', instances: 2 },
  containers: [
    {
      name: 'nginx',
      resources: { cpus: 0.2, mem: 128 },
      image: { kind: 'DOCKER', id: 'nginx:1.25' },
      endpoints: [{ name: 'http', hostPort: 0 }],
    },
    { name: 'logger', resources: { cpus: 0.1, mem: 64 }, exec: { command: { shell: 'sleep 3600' } } },
  ],
  networks: [{ mode: 'host' }],
};
const HREF = `#/services/detail/${encodeURIComponent(POD.id)}`;

const { check, finish, shotsDir, executablePath, dist } = await startSuite('services-detail', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const { openPage, clockAdvances, leadersElected, shot, noUncaughtErrors } = pageHelpers({ waitMs: WAIT_MS, shotsDir });

try {
  const page = await openPage(await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true }), '1440');
  const content = page.locator('#content');
  const tab = (name) => content.getByRole('navigation', { name: 'Service details' }).getByRole('link', { name: new RegExp(`^${name}`) });

  await check('the site opens at 1440×900 and the cluster boots', async () => {
    await page.goto(`${server.url}#/dashboard`, { waitUntil: 'load' });
    await clockAdvances(page);
    await leadersElected(page);
  });

  await check(
    'a pod added in the terminal has a list row whose name opens its page: header, actions, instances with containers',
    async () => {
      await addThroughTerminal(page, 'pod', POD);
      await page.evaluate(() => (location.hash = '#/services'));
      await content.getByRole('link', { name: 'shop-web', exact: true }).click();
      await page.waitForFunction((h) => location.hash === h, HREF);
      await content.getByRole('group', { name: `Actions for ${POD.id}` }).waitFor();
      const actions = await content
        .getByRole('group', { name: `Actions for ${POD.id}` })
        .getByRole('button')
        .allInnerTexts();
      expect(actions.join(',') === 'Edit,Scale,Suspend,Delete', `the header's actions are ${actions.join(', ')}`);
      await content.getByRole('link', { name: 'logger' }).nth(1).waitFor();
      const rows = await content.locator('tbody tr:not(.spacer) th').allInnerTexts();
      expect(rows.length === 6, `the table has ${rows.length} rows, not 2 instances and 4 containers: ${rows.join(' | ')}`);
      const running = content.locator('tbody .state-chip', { hasText: /^Stable$/ });
      await running.nth(1).waitFor();
      const task = await content.getByRole('link', { name: 'nginx' }).first().getAttribute('href');
      expect(task?.startsWith(`${HREF}/tasks/`), `a container links to ${task}`);
      await settle(page);
      await shot(page, '1440-instances');
      await noViolations(page, 'instances');
    },
  );

  await check('the Configuration tab shows the JSON and the versions; Debug the launch queue and the offers', async () => {
    await tab('Configuration').click();
    const json = content.getByLabel('Pod definition (JSON)');
    await json.waitFor();
    expect((await json.innerText()).includes('"nginx:1.25"'), 'the definition does not show the image');
    await content.getByRole('heading', { name: 'Versions' }).waitFor();
    await content.getByText('current', { exact: true }).waitFor();
    await settle(page);
    await shot(page, '1440-configuration');
    await noViolations(page, 'configuration');
    await tab('Debug').click();
    await content.getByRole('heading', { name: 'Launch queue' }).waitFor();
    await settle(page);
    await shot(page, '1440-debug');
    await noViolations(page, 'debug');
  });

  await check('a container opens its task page, which leads back to the pod', async () => {
    await tab('Instances').click();
    await content.getByRole('link', { name: 'nginx' }).first().click();
    await content.getByRole('heading', { name: 'Status history', level: 2 }).waitFor();
    await content
      .locator('.state-chip', { hasText: /^Running$/ })
      .first()
      .waitFor();
    await settle(page);
    await shot(page, '1440-container-task');
    await noViolations(page, 'container task');
    await content.getByRole('link', { name: POD.id, exact: true }).first().click();
    await tab('Instances').waitFor();
  });

  await check('Scale opens its dialog; an instance’s Restart asks first', async () => {
    await tab('Instances').click();
    await content
      .getByRole('group', { name: `Actions for ${POD.id}` })
      .getByRole('button', { name: 'Scale' })
      .click();
    const scale = page.getByRole('dialog', { name: `Scale ${POD.id}` });
    await scale.waitFor();
    await settle(page);
    await shot(page, '1440-scale');
    await noViolations(page, 'scale dialog');
    await page.keyboard.press('Escape');
    await scale.waitFor({ state: 'hidden' });
    await content
      .getByRole('button', { name: /^Restart instance / })
      .first()
      .click();
    const restart = page.getByRole('dialog', { name: `Restart an instance of ${POD.id}` });
    await restart.waitFor();
    await settle(page);
    await shot(page, '1440-restart');
    await noViolations(page, 'restart dialog');
    await restart.getByRole('button', { name: 'Restart', exact: true }).click();
    await restart.waitFor({ state: 'hidden' });
    await page
      .getByRole('status')
      .getByText(/^Restarting instance shop-web\.instance-\S+ of \/shop-web\.$/)
      .waitFor();
  });

  await check('readiness: an app whose tasks do not answer ready yet says so in its tasks and its deployment', async () => {
    const app = {
      id: '/ready',
      cmd: 'serve',
      instances: 3,
      cpus: 0.1,
      mem: 32,
      portDefinitions: [{ port: 0, name: 'http-api' }],
      readinessChecks: [{ path: '/ready', intervalSeconds: 5, timeoutSeconds: 1, preserveLastResponse: true }],
    };
    const scenario = {
      seed: 1,
      cluster: {
        masters: 1,
        agents: [{ hostname: 'agent', count: 3, resources: { cpus: 4, mem: 8192, disk: 8192, gpus: 0, ports: [[31000, 32000]] } }],
        roles: {},
      },
      frameworks: [],
      marathon: { role: '*', apps: [app], behavior: { '/ready': { secondsUntilReady: 3600 } } },
    };
    const data = deflateRawSync(Buffer.from(JSON.stringify({ at: 0, scenario }))).toString('base64url');
    // A scenario link opens its cluster when the page loads (a new hash on the open page is not a load).
    await page.goto(`${server.url}#s=1.${data}`, { waitUntil: 'load' });
    await page.reload({ waitUntil: 'load' });
    await page.getByRole('button', { name: 'Play to continue' }).click();
    await clockAdvances(page);
    await page.evaluate(() => (location.hash = '#/services/detail/%2Fready'));
    await content
      .getByText(/3 not ready/)
      .waitFor({ timeout: 40_000 })
      .catch(async (e) => {
        await shot(page, 'readiness-failed');
        throw e;
      });
    await content.getByRole('cell', { name: 'Not ready' }).first().waitFor();
    await settle(page);
    await shot(page, '1440-readiness-tasks');
    await noViolations(page, 'readiness tasks');
    await tab('Deployments').click();
    await content.getByText('Readiness: 0 of 3 tasks ready · last answer HTTP 503').waitFor();
    await settle(page);
    await shot(page, '1440-readiness-deployment');
    await noViolations(page, 'readiness deployment');
  });

  const phone = await openPage(
    await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, bypassCSP: true }),
    '360',
  );
  await check('at 360×740: no sideways scroll, every action on the page, rows keep name, status and Restart', async () => {
    await phone.goto(`${server.url}#/dashboard`, { waitUntil: 'load' });
    await clockAdvances(phone);
    await leadersElected(phone);
    // The phone's cluster is a fresh one: deploy the pod again, through the same terminal.
    await addThroughTerminal(phone, 'pod', POD);
    await phone.evaluate((h) => (location.hash = h), HREF);
    const pc = phone.locator('#content');
    await pc.getByRole('link', { name: 'logger' }).nth(1).waitFor();
    await settle(phone);
    const actions = pc.getByRole('group', { name: `Actions for ${POD.id}` }).getByRole('button');
    for (const b of await actions.all()) expect(await b.isVisible(), `${await b.innerText()} is not visible`);
    const restart = pc.getByRole('button', { name: /^Restart instance / }).first();
    expect(await restart.isVisible(), 'an instance’s Restart is not visible');
    await shot(phone, '360-instances');
    await fits(phone, 'the Instances tab');
    await noViolations(phone, '360 instances');
    for (const name of ['Configuration', 'Debug']) {
      await pc
        .getByRole('navigation', { name: 'Service details' })
        .getByRole('link', { name: new RegExp(`^${name}`) })
        .click();
      await settle(phone);
      await shot(phone, `360-${name.toLowerCase()}`);
      await fits(phone, `the ${name} tab`);
      await noViolations(phone, `360 ${name}`);
    }
  });

  await noUncaughtErrors(check);
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);

/** A moment for the page's data to arrive and its transitions to end. */
async function settle(page) {
  await page.waitForTimeout(400);
}
