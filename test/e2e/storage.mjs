// Local persistent volumes (a resident app) in the UI: the app form's Volumes section, the app's Volumes tab and an
// agent's reservations and volumes on the Nodes page. The built site in Debian's Chromium, driven by playwright-core.
//
//   node test/e2e/storage.mjs [--dist DIR] [--shots DIR]
//
// Checks, in order:
//   1. the site opens at 1440×900 and the cluster boots;
//   2. the app `/db` made with the Run a service form, its Volumes section holding one Local Persistent Volume
//      (container path `data`, 1024 MiB): the definition sent has it, and the app runs one task;
//   3. the app's Volumes tab lists one row: the persistence id (`db#data#<uuid>`), the task's host, Persistent,
//      1024 MiB, Attached; the row's id opens its facts; editing the app shows the volume in the form;
//   4. the task stopped (`dcos marathon task stop`, no --wipe) comes back on the same host with the same
//      persistence id;
//   5. scaled to 0 (`dcos marathon app update /db instances=0`), the tab shows the row Detached;
//   6. the Nodes page: the agent that holds the volume lists the slave_public reservation (its disk a volume) and
//      the volume by its persistence id, 1 GiB, at `data`;
//   7. at 390 and 360 px the Volumes tab and the agent's panel fit (no sideways scroll);
//   8. no uncaught error in any page.
// axe-core finds no violation on the form's Volumes section, the Volumes tab and the agent's panel (1440 and 360 px
// wide). With --shots, screenshots of each state (VIEWPORT-STATE.png). Prints one line per check and
// "e2e storage: N passed, N failed"; writes {passed, failed} to e2e-storage-summary.json.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { fits, noViolations, pageHelpers } from './page.mjs';

const WAIT_MS = 20_000;
const DEADLINE_MS = 150_000;
const APP = '/db';
const HREF = `#/services/detail/${encodeURIComponent(APP)}`;
/** A persistence id as Marathon makes it: the app's path without its slash, the container path, a uuid. */
const PERSISTENCE_ID = /^db#data#[0-9a-f-]{36}$/;

const { check, finish, shotsDir, executablePath, dist } = await startSuite('storage', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const { openPage, clockAdvances, leadersElected, shot, noUncaughtErrors } = pageHelpers({ waitMs: WAIT_MS, shotsDir });

try {
  const page = await openPage(await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true }), '1440');
  const content = page.locator('#content');
  const go = (hash) => page.evaluate((h) => (location.hash = h), hash);
  const speed = (name) => page.getByRole('group', { name: 'Simulation speed' }).getByRole('button', { name, exact: true }).click();
  const tab = (name) => content.getByRole('navigation', { name: 'Service details' }).getByRole('link', { name: new RegExp(`^${name}`) });
  const volumes = content.getByRole('table', { name: `Volumes of ${APP}` });
  /** The Volumes tab's rows, cell by cell (the id first). */
  const volumeRows = async () =>
    (await volumes.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())))) ?? [];
  /** The first row once `ok(row)` holds (the tab is polled). */
  async function volumeRow(ok, what) {
    let rows = [];
    const until = Date.now() + WAIT_MS;
    while (Date.now() < until) {
      rows = await volumeRows().catch(() => []);
      if (rows.length === 1 && ok(rows[0])) return rows[0];
      await page.waitForTimeout(250);
    }
    throw new Error(`the Volumes tab never showed ${what}; its rows: ${JSON.stringify(rows)}`);
  }
  let first = { id: '', host: '' };

  await check('the site opens at 1440×900 and the cluster boots', async () => {
    await page.goto(`${server.url}#/dashboard`, { waitUntil: 'load' });
    await clockAdvances(page);
    await leadersElected(page);
  });

  await check('the Run a service form with a Local Persistent Volume creates /db, which runs one task', async () => {
    await go('#/services');
    await content.getByRole('button', { name: 'Run a service' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Run a service' });
    await dialog.waitFor();
    await dialog.getByLabel('Service ID').fill(APP);
    await dialog.getByLabel('Instances').fill('1');
    await dialog.getByLabel('CPUs').fill('0.5');
    await dialog.getByLabel('Memory (MiB)').fill('256');
    await dialog.getByLabel('Disk (MiB)').fill('100');
    await dialog.getByLabel('Command').fill('sleep 100000');
    await dialog.getByRole('button', { name: '+ Add Volume' }).click();
    const volume = dialog.getByRole('group', { name: 'Volume 1' });
    await volume.getByLabel('Volume Type').selectOption({ label: 'Local Persistent Volume [Recommended]' });
    await volume.getByLabel('Container Path').fill('data');
    await volume.getByLabel('Size (MiB)').fill('1024');
    await volume.scrollIntoViewIfNeeded();
    await settle(page);
    await shot(page, '1440-form-volumes');
    await noViolations(page, 'the form with a volume');
    await dialog.getByRole('tab', { name: 'JSON editor' }).click();
    const json = JSON.parse(await dialog.getByLabel('App definition (JSON)').inputValue());
    const v = json.container?.volumes?.[0];
    expect(
      json.id === APP && json.container?.type === 'MESOS' && v?.containerPath === 'data' && v.persistent?.size === 1024 && v.mode === 'RW',
      `the form's definition reads ${JSON.stringify(json)}`,
    );
    await dialog.getByRole('button', { name: 'Run service' }).click();
    await dialog.waitFor({ state: 'detached' });
    await go(HREF);
    await content.getByRole('group', { name: `Actions for ${APP}` }).waitFor();
    await content
      .locator('tbody .state-chip', { hasText: /^Running$/ })
      .first()
      .waitFor({ timeout: 40_000 });
  });

  await check('the Volumes tab: one row, the persistence id on the task’s host, Persistent, 1024 MiB, Attached', async () => {
    await tab('Volumes').click();
    const row = await volumeRow((r) => r[6] === 'Attached', 'an Attached volume');
    const [id, host, type, profile, path, size, status] = row;
    expect(PERSISTENCE_ID.test(id), `the volume's id is "${id}"`);
    expect(host !== '' && host !== '—', `the volume's host is "${host}"`);
    expect(
      type === 'Persistent' && profile === 'Not Available' && path === 'data' && size === '1024 MiB' && status === 'Attached',
      `the row reads ${row.join(' | ')}`,
    );
    first = { id, host };
    await volumes.getByRole('button', { name: id }).click();
    const facts = content.getByRole('region', { name: 'Volume details' });
    await facts.getByRole('link').first().waitFor();
    const text = (await facts.innerText()).replace(/\s+/g, ' ');
    expect(/Mode RW/.test(text) && /Size \(MiB\) 1024/.test(text) && text.includes(host), `the volume's facts read "${text}"`);
    await settle(page);
    await shot(page, '1440-volumes-attached');
    await noViolations(page, 'the Volumes tab');
    // Editing the app: the form reads the volume back.
    await content
      .getByRole('group', { name: `Actions for ${APP}` })
      .getByRole('button', { name: 'Edit' })
      .click();
    const edit = page.getByRole('dialog', { name: `Edit ${APP}` });
    const volume = edit.getByRole('group', { name: 'Volume 1' });
    await volume.waitFor();
    const kind = await volume.getByLabel('Volume Type').inputValue();
    const cpath = await volume.getByLabel('Container Path').inputValue();
    const vsize = await volume.getByLabel('Size (MiB)').inputValue();
    expect(kind === 'persistent' && cpath === 'data' && vsize === '1024', `the edit form reads ${kind}, ${cpath}, ${vsize}`);
    await volume.scrollIntoViewIfNeeded();
    await settle(page);
    await shot(page, '1440-edit-volumes');
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await edit.waitFor({ state: 'detached' });
  });

  await check('the task stopped comes back on the same host with the same persistence id', async () => {
    const facts = content.getByRole('region', { name: 'Volume details' });
    const taskId = (await facts.getByRole('link').first().innerText()).trim();
    await terminal(page, `dcos marathon task stop ${taskId}`, /\S/);
    await speed('×10');
    await tab('Volumes').click();
    // A new task: Attached again, the task id in the facts a new one.
    const until = Date.now() + 40_000;
    let row;
    let now = taskId;
    while (Date.now() < until) {
      row = await volumeRow(() => true, 'a row').catch(() => undefined);
      if (row) {
        const button = volumes.getByRole('button', { name: row[0] });
        if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
        now = await content
          .getByRole('region', { name: 'Volume details' })
          .getByRole('link')
          .first()
          .innerText()
          .catch(() => taskId);
        if (now !== taskId && row[6] === 'Attached') break;
      }
      await page.waitForTimeout(250);
    }
    await speed('×1');
    expect(now !== taskId, `the task ${taskId} was not replaced`);
    expect(row?.[0] === first.id && row[1] === first.host, `the volume is now ${row?.join(' | ')}, was ${first.id} on ${first.host}`);
    await settle(page);
    await shot(page, '1440-volumes-relaunched');
  });

  await check('scaled to 0, the Volumes tab shows the volume Detached', async () => {
    await terminal(page, `dcos marathon app update ${APP} instances=0`, /^Created deployment \S+$/);
    const row = await volumeRow((r) => r[6] === 'Detached', 'a Detached volume');
    expect(row[0] === first.id && row[1] === first.host, `the detached volume is ${row.join(' | ')}`);
    await settle(page);
    await shot(page, '1440-volumes-detached');
    await noViolations(page, 'the Volumes tab, detached');
  });

  await check('the Nodes page: the agent lists the slave_public reservation and the volume by its persistence id', async () => {
    await openAgent(page, first.host);
    const panel = page.getByRole('complementary', { name: first.host });
    const reserved = panel.getByRole('region', { name: 'Reserved resources by role' });
    await reserved.waitFor();
    // The rows of each role follow its name; the volume's disk is one of slave_public's.
    const role = reserved.locator('tbody').filter({ has: page.getByRole('rowheader', { name: 'slave_public', exact: true }) });
    const rows = (await role.locator('tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    const disk = rows.find((r) => /^disk \(volume\) 1 GiB Dynamic by \S+$/.test(r));
    expect(disk !== undefined, `no slave_public disk volume of 1 GiB among the reservations: ${rows.join(' | ')}`);
    const vols = panel.getByRole('region', { name: 'Volumes by persistence ID' });
    await vols.getByText(first.id, { exact: true }).waitFor();
    const text = (await vols.innerText()).replace(/\s+/g, ' ');
    expect(/Role slave_public Size 1 GiB Container path data \(RW\)/.test(text), `the volume reads "${text}"`);
    await reserved.scrollIntoViewIfNeeded();
    await settle(page);
    await panelFits(panel, '1440 agent panel');
    await shot(page, '1440-node-storage');
    await noViolations(page, 'the agent panel');
  });

  await check('at 390 and 360 px the Volumes tab and the agent’s panel fit; axe at 360 px', async () => {
    for (const [width, height] of [
      [390, 844],
      [360, 740],
    ]) {
      await page.setViewportSize({ width, height });
      await go(`${HREF}/volumes`);
      await volumes.getByRole('button', { name: first.id }).waitFor();
      await settle(page);
      await fits(page, `${width} Volumes tab`);
      await shot(page, `${width}-volumes`);
      if (width === 360) await noViolations(page, '360 Volumes tab');
      await openAgent(page, first.host);
      const panel = page.getByRole('complementary', { name: first.host });
      await panel.getByRole('region', { name: 'Volumes by persistence ID' }).getByText(first.id).waitFor();
      await panel.getByRole('region', { name: 'Reserved resources by role' }).scrollIntoViewIfNeeded();
      await settle(page);
      await fits(page, `${width} agent panel`);
      await panelFits(panel, `${width} agent panel`);
      await shot(page, `${width}-node-storage`);
      if (width === 360) {
        await panel.getByRole('region', { name: 'Volumes by persistence ID' }).scrollIntoViewIfNeeded();
        await shot(page, '360-node-volumes');
        await noViolations(page, '360 agent panel');
        await go(HREF);
        await content
          .getByRole('group', { name: `Actions for ${APP}` })
          .getByRole('button', { name: 'Edit' })
          .click();
        const edit = page.getByRole('dialog', { name: `Edit ${APP}` });
        await edit.getByRole('group', { name: 'Volume 1' }).scrollIntoViewIfNeeded();
        await settle(page);
        await fits(page, '360 edit form');
        await shot(page, '360-edit-volumes');
        await noViolations(page, '360 form with a volume');
        await edit.getByRole('button', { name: 'Cancel' }).click();
      }
    }
  });

  await noUncaughtErrors(check);
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);

/** Runs `line` in the terminal (opened, then closed again); waits for output matching `expected`. */
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
        const after = text.slice(n);
        return new RegExp(source, 'm').test(after.split('\n').slice(1).join('\n'));
      },
      [before, expected.source],
    )
    .catch(async () => {
      throw new Error(`\`${line}\` did not answer ${expected}; the terminal shows:\n${(await output.innerText()).slice(-400)}`);
    });
  const text = (await output.innerText()).slice(before);
  expect(!/^Error|does not exist/m.test(text), `\`${line}\` answered:\n${text.slice(0, 400)}`);
  await toggle.click();
}

/** The Nodes page's table, the agent `host` opened in the side panel. */
async function openAgent(page, host) {
  await page.evaluate(() => (location.hash = '#/nodes'));
  const content = page.locator('#content');
  await content.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).click();
  await content.getByRole('button', { name: host, exact: true }).click();
  await page.getByRole('complementary', { name: host }).waitFor();
}

/** The side panel (a scroll box of its own) does not scroll sideways either: each of its tables fits. */
async function panelFits(panel, what) {
  const { scroll, box } = await panel.evaluate((el) => ({ scroll: el.scrollWidth, box: el.clientWidth }));
  expect(scroll <= box, `${what}: the panel is ${scroll} px wide inside ${box} px`);
}

/** A moment for the page's data to arrive and its transitions to end. */
async function settle(page) {
  await page.waitForTimeout(400);
}
