// The Networking page: virtual networks, service addresses with traffic, and DNS lookups. The built site in
// Debian's Chromium, driven by playwright-core.
//
//   node test/e2e/networking.mjs [--dist DIR] [--shots DIR]
//
// Checks, in order:
//   1. the site opens at 1440×900 and the cluster boots;
//   2. #/networking loads its own chunk; the Networks tab lists the `dcos` network with a subnet per node
//      (subnet, bridges, VTEP) and a Container IPs part; the arrow keys move between the tabs;
//   3. the Service addresses tab: an app with a VIP_0 label, added in the terminal, has its named VIP with its
//      backends; a traffic client started from the form is listed, its chart drawn, and it stops (skipped, and
//      passed, while `/sandbox/v1/vips` answers 404: the page then says so);
//   4. the DNS tab looks up `leader.mesos` (A): Mesos-DNS answers with an IP; the VIP's name (A): dcos-dns answers
//      with an 11.x address (or says it does not answer yet); Mesos-DNS's records are listed;
//   5. an app created through the Run a service form on the virtual network `dcos`, one port mapping (container port
//      8080, VIP /web:80; the JSON editor shows what the form wrote): its task page's Networking lists a 9.0.x.y
//      address on dcos and the VIP, whose link opens the Service addresses tab, where the VIP has the task among
//      its backends; a traffic client started there has its requests counted;
//   6. under the site's Content-Security-Policy (no bypass), with the network off after the service worker took
//      over, #/networking still opens (its chunk from the precache) and no policy violation is reported;
//   7. at 390×844 each tab fits the window (no sideways scroll of the document or the page's box), and so do the
//      form's Network section and a task page's Networking;
//   8. no uncaught error in any page.
// axe-core finds no violation on any tab (1440 and 390 px wide). With --shots, screenshots of each state
// (VIEWPORT-STATE.png). Prints one line per check and "e2e networking: N passed, N failed"; writes {passed, failed}
// to e2e-networking-summary.json.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { addThroughTerminal, fits, noViolations, pageHelpers } from './page.mjs';

const WAIT_MS = 20_000;
const DEADLINE_MS = 150_000;
const APP = {
  id: '/web',
  cmd: 'serve',
  instances: 2,
  cpus: 0.1,
  mem: 32,
  portDefinitions: [{ port: 0, protocol: 'tcp', name: 'http', labels: { VIP_0: '/web:80' } }],
};
const VIP = 'web.marathon.l4lb.thisdcos.directory:80';
/** The app the form creates on the virtual network, backing the same VIP. */
const VNET_APP = '/vnet-web';

/** False once the Service addresses tab said `/sandbox/v1/vips` is not served (its checks are then skipped). */
let vipsServed = true;

const { check, finish, shotsDir, executablePath, dist } = await startSuite('networking', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const { openPage, clockAdvances, leadersElected, shot, noUncaughtErrors } = pageHelpers({ waitMs: WAIT_MS, shotsDir });

try {
  const page = await openPage(await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true }), '1440');
  const content = page.locator('#content');
  const tab = (name) => content.getByRole('tab', { name, exact: true });

  await check('the site opens at 1440×900 and the cluster boots', async () => {
    await page.goto(`${server.url}#/dashboard`, { waitUntil: 'load' });
    await clockAdvances(page);
    await leadersElected(page);
    // Ten times faster from here: Mesos-DNS reloads (every 30 simulated seconds) while the checks run.
    await page.getByRole('button', { name: '×10', exact: true }).click();
  });

  await check('the Networks tab lists the dcos network with its nodes’ subnets; arrow keys move between tabs', async () => {
    const chunk = page.waitForResponse((r) => /\/assets\/NetworkingPage-[\w-]+\.js$/.test(r.url()));
    await page.evaluate(() => (location.hash = '#/networking'));
    await chunk;
    await content.getByRole('heading', { name: 'Networking', level: 1 }).waitFor();
    expect((await tab('Networks').getAttribute('aria-selected')) === 'true', 'the Networks tab is not selected');
    await content.getByRole('heading', { name: /^dcos\b/, level: 2 }).waitFor();
    const subnets = content.getByRole('table', { name: 'Node subnets of dcos', exact: true });
    await subnets.locator('tbody tr').first().waitFor();
    const rows = await subnets.locator('tbody tr').allInnerTexts();
    expect(rows.length >= 1, 'no node subnet on dcos');
    expect(
      rows.every((r) => /\b\d+\.\d+\.\d+\.\d+\/\d+\b/.test(r)),
      `a node row has no subnet: ${rows.join(' | ')}`,
    );
    await content.getByRole('heading', { name: 'Container IPs' }).first().waitFor();
    await settle(page);
    await shot(page, '1440-networks');
    await noViolations(page, 'networks');
    await tab('Networks').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => location.hash === '#/networking/addresses');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(focused === 'Service addresses', `after ArrowRight focus is on "${focused}"`);
  });

  await check('the Service addresses tab: a VIP with its backends, a traffic client started, charted and stopped', async () => {
    await addThroughTerminal(page, 'app', APP);
    await tab('Service addresses').click();
    const missing = content.getByText(/does not answer for service addresses yet/);
    const row = content.getByRole('button', { name: new RegExp(VIP.replace(/\./g, '\\.')) });
    await Promise.race([missing.waitFor(), row.waitFor({ timeout: 40_000 })]);
    if (await missing.isVisible()) {
      vipsServed = false;
      console.log('    (skipped: /sandbox/v1/vips answers 404 in this build)');
      await shot(page, '1440-addresses-missing');
      await noViolations(page, 'addresses (missing)');
      return;
    }
    await row.click();
    const backends = content.getByRole('table', { name: `Backends of ${VIP}` });
    await backends.locator('tbody tr').nth(1).waitFor({ timeout: 40_000 });
    await content.getByLabel('Target', { exact: true }).fill(VIP);
    await content.getByLabel('Requests/s', { exact: true }).fill('40');
    await content.getByLabel('Name', { exact: true }).fill('e2e');
    await content.getByRole('button', { name: 'Start client' }).click();
    const clients = content.getByRole('table', { name: 'Traffic clients' });
    await clients.getByRole('row', { name: /^e2e\b/ }).waitFor();
    await content.getByRole('img', { name: /^Requests per second/ }).waitFor();
    await page.waitForTimeout(3000);
    await shot(page, '1440-addresses');
    await noViolations(page, 'addresses');
    await clients.getByRole('button', { name: 'Stop e2e' }).click();
    await clients.getByText('stopped').waitFor();
  });

  await check('the DNS tab looks up leader.mesos: Mesos-DNS answers with an address; its records are listed', async () => {
    await tab('DNS').click();
    const name = content.getByLabel('Name', { exact: true });
    await name.fill('leader.mesos');
    await content.getByLabel('Type').selectOption('A');
    await content.getByRole('button', { name: 'Look up' }).click();
    await content.getByText(/answered by Mesos-DNS/).waitFor();
    const answer = content.getByRole('table', { name: 'Answer' });
    await answer.waitFor();
    const text = await answer.locator('tbody').innerText();
    expect(/leader\.mesos/.test(text) && /\d+\.\d+\.\d+\.\d+/.test(text), `the answer reads: ${text}`);
    // Mesos-DNS's task records, or (before its first reload with tasks) the empty state that says so.
    const records = content.getByRole('table', { name: 'Mesos-DNS records' }).locator('tbody tr').first();
    await records.waitFor({ timeout: 40_000 }).catch(async () => {
      await content.getByText('Mesos-DNS has no task records yet.').waitFor();
      console.log('    (Mesos-DNS had no task records yet: its empty state shown)');
    });
    // A name in dcos-dns's zone goes to dcos-dns: the VIP's name has the VIP's address.
    await name.fill('web.marathon.l4lb.thisdcos.directory');
    await content.getByRole('button', { name: 'Look up' }).click();
    await content.getByText(/answered by dcos-dns/).waitFor();
    await content
      .getByText(/dcos-dns does not answer here yet/)
      .or(content.getByRole('table', { name: 'Answer' }).getByRole('cell', { name: /^11\.\d+\.\d+\.\d+$/ }))
      .waitFor();
    await settle(page);
    await shot(page, '1440-dns');
    await noViolations(page, 'dns');
  });

  await check('an app made with the form on the dcos network: its task’s Networking, the VIP’s backends, traffic counted', async () => {
    await formApp(page, { deploy: true, shots: '1440' });
    await page.evaluate((id) => (location.hash = `#/services/detail/${encodeURIComponent(id)}`), VNET_APP);
    const taskLink = content.locator('a[href*="/tasks/"]').first();
    await taskLink.waitFor({ timeout: 40_000 });
    await content.getByText('Running').first().waitFor({ timeout: 40_000 });
    await taskLink.click();
    const networking = content.getByRole('region', { name: 'Networking' });
    await networking
      .getByText(/^9\.0\.\d+\.\d+$/)
      .first()
      .waitFor();
    await networking.getByText('on dcos').first().waitFor();
    const vipLink = networking.getByRole('link', { name: VIP });
    await vipLink.waitFor();
    const env = await networking.getByRole('table', { name: 'Port environment' }).innerText();
    expect(/PORT0\s+8080/.test(env), `the port environment reads: ${env}`);
    await networking.scrollIntoViewIfNeeded();
    await settle(page);
    await shot(page, '1440-task-network');
    await noViolations(page, 'task networking');
    await vipLink.click();
    await page.waitForFunction(() => location.hash === '#/networking/addresses');
    if (!vipsServed) return;
    await content.getByRole('button', { name: new RegExp(VIP.replace(/\./g, '\\.')) }).click();
    const backends = content.getByRole('table', { name: `Backends of ${VIP}` });
    await backends
      .getByRole('row', { name: /9\.0\.\d+\.\d+:8080/ })
      .first()
      .waitFor({ timeout: 40_000 });
    await content.getByLabel('Target', { exact: true }).fill(VIP);
    await content.getByLabel('Requests/s', { exact: true }).fill('20');
    await content.getByLabel('Name', { exact: true }).fill('vnet');
    await content.getByRole('button', { name: 'Start client' }).click();
    const row = content.getByRole('table', { name: 'Traffic clients' }).getByRole('row', { name: /^vnet\b/ });
    await row.waitFor();
    let requests = 0;
    for (let i = 0; i < 40 && requests === 0; i++) {
      await page.waitForTimeout(250);
      requests = Number((await row.locator('td').nth(3).innerText()).replace(/\D/g, ''));
    }
    expect(requests > 0, `the client vnet counted no request: ${await row.innerText()}`);
    await shot(page, '1440-addresses-vnet');
    await row.getByRole('button', { name: 'Stop vnet' }).click();
  });

  await check('under the site’s CSP and offline, the Networking chunk comes from the precache and runs', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const csp = await openPage(context, 'csp');
    await csp.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    try {
      await csp.goto(`${server.url}#/dashboard`, { waitUntil: 'load' });
      await csp.getByTestId('offline-ready').waitFor();
      await csp.reload({ waitUntil: 'load' });
      await csp.waitForFunction(() => navigator.serviceWorker.controller !== null);
      server.offline = true;
      await context.setOffline(true);
      await csp.reload({ waitUntil: 'load' });
      await clockAdvances(csp);
      await csp.evaluate(() => (location.hash = '#/networking/dns'));
      await csp.locator('#content').getByRole('button', { name: 'Look up' }).click();
      await csp
        .locator('#content')
        .getByText(/answered by Mesos-DNS/)
        .waitFor();
      await csp.evaluate(() => (location.hash = '#/networking/networks'));
      await csp.locator('#content').getByRole('table', { name: 'Node subnets of dcos', exact: true }).waitFor();
      const violations = await csp.evaluate(() => window.__violations);
      expect(violations.length === 0, `CSP violations: ${violations.join(' | ')}`);
      await shot(csp, 'offline-networks');
    } finally {
      server.offline = false;
      await context.close();
    }
  });

  const phone = await openPage(
    await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true }),
    '390',
  );
  await check('at 390×844 every tab fits the window', async () => {
    await phone.goto(`${server.url}#/dashboard`, { waitUntil: 'load' });
    await clockAdvances(phone);
    await leadersElected(phone);
    if (vipsServed) await addThroughTerminal(phone, 'app', APP);
    await phone.evaluate(() => (location.hash = '#/networking'));
    const pc = phone.locator('#content');
    const vipShown = async () => {
      await pc.getByRole('heading', { name: 'Traffic' }).waitFor();
      if (!vipsServed) return;
      await pc.getByRole('button', { name: new RegExp(VIP.replace(/\./g, '\\.')) }).click({ timeout: 40_000 });
      await pc
        .getByRole('table', { name: `Backends of ${VIP}` })
        .locator('tbody tr')
        .first()
        .waitFor({ timeout: 40_000 });
    };
    for (const [id, ready] of [
      ['networks', () => pc.getByRole('table', { name: 'Node subnets of dcos', exact: true }).locator('tbody tr').first().waitFor()],
      ['addresses', vipShown],
      ['dns', () => pc.getByRole('button', { name: 'Look up' }).waitFor()],
    ]) {
      await pc.getByRole('tab', { name: { networks: 'Networks', addresses: 'Service addresses', dns: 'DNS' }[id], exact: true }).click();
      await ready();
      if (id === 'dns') {
        await pc.getByRole('button', { name: 'Look up' }).click();
        await pc.getByText(/answered by Mesos-DNS/).waitFor();
      }
      await settle(phone);
      await shot(phone, `390-${id}`);
      await fits(phone, `the ${id} tab`);
      await noViolations(phone, `390 ${id}`);
    }
    await formApp(phone, { deploy: false, shots: '390' });
    if (vipsServed) {
      // The terminal's /web (host networking): its task page's Networking.
      await phone.evaluate((id) => (location.hash = `#/services/detail/${encodeURIComponent(id)}`), APP.id);
      await pc.locator('a[href*="/tasks/"]').first().click({ timeout: 40_000 });
      const networking = pc.getByRole('region', { name: 'Networking' });
      await networking.getByText('on host (agent IP)').first().waitFor();
      await networking.scrollIntoViewIfNeeded();
      await settle(phone);
      await shot(phone, '390-task-network');
      await fits(phone, 'the task page');
      await noViolations(phone, '390 task networking');
    }
  });

  await noUncaughtErrors(check);
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);

/**
 * Run a service through the form: VNET_APP on the virtual network `dcos`, one port mapping (container port 8080, VIP
 * /web:80), its DNS name as the hint; the JSON editor has what the form wrote, and the form keeps it. Then run it, or
 * cancel.
 */
async function formApp(page, { deploy, shots }) {
  await page.evaluate(() => (location.hash = '#/services'));
  await page.getByRole('button', { name: 'Run a service' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Run a service' });
  await dialog.waitFor();
  await dialog.getByLabel('Service ID').fill(VNET_APP);
  await dialog.getByLabel('Command').fill('serve');
  await dialog.getByLabel('CPUs').fill('0.1');
  await dialog.getByLabel('Memory (MiB)').fill('32');
  await dialog.getByLabel('Network mode').selectOption('container');
  const name = dialog.getByLabel('Network name');
  expect((await name.inputValue()) === 'dcos', `the network name reads ${await name.inputValue()}`);
  await dialog.getByRole('button', { name: '+ Add port mapping' }).click();
  const port = dialog.getByRole('group', { name: 'Port 1' });
  await port.getByLabel('Container port').fill('8080');
  await port.getByLabel('VIP').fill('/web:80');
  await port.getByText(`Reached at ${VIP}`).waitFor();
  await port.scrollIntoViewIfNeeded();
  await settle(page);
  await shot(page, `${shots}-form-network`);
  if (shots === '390') await fits(page, 'the form');
  await noViolations(page, `${shots} form network`);
  await dialog.getByRole('tab', { name: 'JSON editor' }).click();
  const json = JSON.parse(await dialog.getByLabel('App definition (JSON)').inputValue());
  const mapping = json.container?.portMappings?.[0];
  expect(
    json.networks?.[0]?.mode === 'container' && json.networks[0].name === 'dcos' && json.container.type === 'MESOS',
    `the JSON has networks ${JSON.stringify(json.networks)}, container ${JSON.stringify(json.container)}`,
  );
  expect(mapping?.containerPort === 8080 && mapping.labels?.VIP_0 === '/web:80', `the mapping is ${JSON.stringify(mapping)}`);
  await dialog.getByRole('tab', { name: 'Form' }).click();
  const back = await dialog.getByRole('group', { name: 'Port 1' }).getByLabel('Container port').inputValue();
  expect(back === '8080', `back on the form the container port reads ${back}`);
  if (!deploy) {
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    return;
  }
  await dialog.getByRole('button', { name: 'Run service' }).click();
  await dialog.waitFor({ state: 'hidden' }).catch(async () => {
    throw new Error(`the dialog stayed open after "Run service": ${(await dialog.innerText()).replace(/\s+/g, ' ').slice(0, 400)}`);
  });
}

/** A moment for the page's data to arrive and its transitions to end. */
async function settle(page) {
  await page.waitForTimeout(400);
}
