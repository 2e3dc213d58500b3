// What-if forks: the What-if page forks the open cluster into the cluster as is and variants, runs each in a worker
// of its own, and compares them side by side. The built site in Debian's Chromium, driven by playwright-core.
//
//   node test/e2e/forks.mjs [--dist DIR] [--shots DIR]
//
// Checks, in order:
//   1. the sidebar's "What-if" opens the page, forking the open cluster at its moment; Run is off until every variant
//      has a change, and a change that cannot be written says why;
//   2. two variants (weight 3 on analytics; private-1 removed) run for 10 minutes in parallel workers (one per core), while
//      the open cluster plays on: the words name each variant against "as is", the placements table has a column
//      per fork and marks cells unlike the baseline's, a share chart per role, the figures table, every write's answer;
//   3. "Share this comparison" gives a #/forks/f=1.… link: a fresh tab opened on it runs the same forks again and
//      says the same words (same seed, same history);
//   4. "Keep every fork as a cluster" stores the three forks: the Clusters page lists them;
//   5. opening a variant makes it the page's cluster, at the end of its run (the header's clock);
//   6. a damaged comparison link says why, and the page still offers to fork the open cluster;
//   7. at 390×844 the set-up and the results fit the width (tables scroll inside their cards);
//   8. no uncaught error in any page.
// axe-core finds no violation in any state checked. With --shots, screenshots (VIEWPORT-STATE.png). Prints one
// line per check and "e2e forks: N passed, N failed"; writes {passed, failed} to e2e-forks-summary.json.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { fits, go, noViolations, pageHelpers, settle, speed } from './page.mjs';

const WAIT_MS = 30_000;
const RUN_WAIT_MS = 120_000;
const DEADLINE_MS = 300_000;

const { check, finish, shotsDir, executablePath, dist } = await startSuite('forks', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const { openSite, clockMs, shot, noUncaughtErrors } = pageHelpers({ waitMs: WAIT_MS, shotsDir, browser, siteUrl: server.url });
const CLIPBOARD = ['clipboard-read', 'clipboard-write'];

const runButton = (page) => page.locator('#content').getByRole('button', { name: /^Run \d forks$/ });
const variantCard = (page, n) => page.locator('#content section.variant').nth(n - 1);

/** Add a change to variant `n` through its form: `kind` is the option's label, `fields` label → value (select or input). */
async function addChange(page, n, kind, fields) {
  const form = variantCard(page, n).getByRole('form', { name: /^Add a change/ });
  await form.getByLabel('Change').selectOption({ label: kind });
  for (const [label, value] of Object.entries(fields)) {
    const field = form
      .locator('label')
      .filter({ has: page.locator(`span:text-is("${label}")`) })
      .locator('select, input');
    if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(String(value));
  }
  await form.getByRole('button', { name: 'Add' }).click();
}

/** Wait for the results, then the words of "What differs", one sentence per variant. */
async function words(page) {
  const section = page.locator('#content section').filter({ has: page.getByRole('heading', { name: 'What differs' }) });
  await section.waitFor({ timeout: RUN_WAIT_MS });
  return (await section.locator('ul.words > li').allInnerTexts()).map((t) => t.trim());
}

let link = '';
let sentences = [];
try {
  const page = await openSite({ width: 1440, height: 1000 }, '1440', { permissions: CLIPBOARD });
  const content = page.locator('#content');
  // Past the boot and the first deployments, so the forks start from a cluster at work.
  await speed(page, '×100');
  await page.waitForFunction(() => /^0d 00:0[3-9]/.test(document.querySelector('header time')?.textContent?.trim() ?? ''), null, {
    timeout: WAIT_MS,
  });
  await speed(page, '×1');

  await check('"What-if" forks the open cluster at its moment; Run waits for a change in every variant', async () => {
    await page.getByRole('link', { name: 'What-if' }).first().click();
    await content.getByRole('heading', { name: 'What-if', level: 1 }).waitFor();
    await content.getByText(/^Forked from the open cluster at its moment, \d+:\d\d/).waitFor();
    expect(await runButton(page).isDisabled(), 'Run is on with a variant that changes nothing');
    await content.getByText('Every variant needs a change.').waitFor();
    const form = variantCard(page, 1).getByRole('form', { name: /^Add a change/ });
    await form.getByLabel('Change').selectOption({ label: 'Any API write' });
    await form.getByLabel('Path').fill('marathon/v2/apps');
    await form.getByRole('button', { name: 'Add' }).click();
    await form.getByRole('alert').filter({ hasText: 'A path starts with /' }).waitFor();
    await settle(page);
    await shot(page, '1440-setup');
    await noViolations(page, 'set-up');
  });

  await check('two variants run in workers of their own and compare side by side, the open cluster playing on', async () => {
    await addChange(page, 1, "A role's weight", { Role: 'analytics', Weight: 3 });
    await variantCard(page, 1).getByRole('heading', { name: 'Variant 1: weight 3 on analytics' }).waitFor();
    await content.getByRole('button', { name: 'Add a variant' }).click();
    await addChange(page, 2, 'An agent removed', { Agent: 'private-1' });
    await content.getByLabel('Run each for').selectOption({ label: '10 minutes' });
    const before = await clockMs(page);
    await runButton(page).click();
    sentences = await words(page);
    expect(sentences.length === 2, `"What differs" has ${sentences.length} sentences: ${sentences.join(' | ')}`);
    expect(sentences[0].startsWith('With weight 3 on analytics, '), `the first sentence reads "${sentences[0]}"`);
    expect(/against as is, by \d+:\d\d/.test(sentences[0]), `the first sentence names no baseline: "${sentences[0]}"`);
    expect(sentences[1].startsWith('With private-1 removed, '), `the second sentence reads "${sentences[1]}"`);
    const progress = (await content.locator('ul.progress').innerText()).replace(/\s+/g, ' ');
    expect((progress.match(/done in \d+\.\d s/g) ?? []).length === 3, `the progress reads "${progress}"`);
    const ran = (await content.locator('section:has(> h2) p.small').first().innerText()).replace(/\s+/g, ' ');
    expect(/in \d workers at once; every one had the same history up to the fork/.test(ran), `the run reads "${ran}"`);
    const placements = content.locator('section').filter({ has: page.getByRole('heading', { name: /^Placements at / }) });
    const columns = (await placements.locator('thead th').allInnerTexts()).map((t) => t.trim());
    expect(
      JSON.stringify(columns) === JSON.stringify(['Agent', 'as is', 'weight 3 on analytics', 'private-1 removed']),
      `the placement columns are ${columns.join(', ')}`,
    );
    const gone = placements.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'private-1', exact: true }) });
    if ((await gone.count()) > 0) {
      const cells = gone.locator('td');
      expect((await cells.nth(2).innerText()).includes('—'), 'private-1 still holds instances in the fork that removed it');
      expect(await cells.nth(2).evaluate((td) => td.classList.contains('changed')), "private-1's emptied cell is not marked");
    }
    const charts = await content.locator('figure figcaption').allInnerTexts();
    expect(charts.includes('analytics'), `share charts: ${charts.join(', ')}`);
    const figures = content.locator('section').filter({ has: page.getByRole('heading', { name: /^Figures at / }) });
    const only = figures.getByRole('checkbox', { name: /^Only the figures that differ from as is \((\d+) of (\d+)\)$/ });
    const [, differ, all] = /\((\d+) of (\d+)\)/.exec(await figures.locator('label.only').innerText()).map(Number);
    const rows = () => figures.locator('tbody tr').count();
    expect((await only.isChecked()) && (await rows()) === differ && differ < all, `${await rows()} rows shown; ${differ} of ${all} differ`);
    expect((await figures.locator('td.changed').count()) > 0, 'no figure is marked as differing');
    await only.uncheck();
    expect((await rows()) === all, `unchecked, ${await rows()} rows of ${all} are shown`);
    await only.check();
    const writes = (await content.locator('ul.writes > li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(
      writes.length === 2 && writes[0] === 'PUT /mesos/weights → 200' && /^DELETE \/sandbox\/v1\/agents\/private-1 → 20\d/.test(writes[1]),
      `the writes' answers read ${JSON.stringify(writes)}`,
    );
    expect((await clockMs(page)) > before, 'the open cluster stopped playing while the forks ran');
    await settle(page);
    await shot(page, '1440-results');
    await placements.scrollIntoViewIfNeeded();
    await shot(page, '1440-placements');
    await content.getByRole('heading', { name: /^Figures at / }).scrollIntoViewIfNeeded();
    await shot(page, '1440-figures');
    await noViolations(page, 'results');
  });

  await check('a comparison link runs the same forks again in a fresh tab, with the same words', async () => {
    await content.getByRole('button', { name: 'Share this comparison' }).click();
    const field = content.getByLabel(/It runs the same comparison when opened/);
    link = await field.inputValue();
    expect(/#\/forks\/f=1\.[A-Za-z0-9_-]+$/.test(link), `the link reads ${link.slice(0, 80)}…`);
    expect((await page.evaluate(() => navigator.clipboard.readText())) === link, 'the link was not copied');
    const other = await openSite({ width: 1440, height: 1000 }, '1440 link');
    await other.goto(link, { waitUntil: 'load' });
    await other
      .locator('#content')
      .getByText(/^Forked from the cluster in the link, at \d+:\d\d/)
      .waitFor();
    const again = await words(other);
    expect(
      JSON.stringify(again) === JSON.stringify(sentences),
      `the link's words differ:\n${again.join('\n')}\nvs\n${sentences.join('\n')}`,
    );
    await other.context().close();
  });

  await check('"Keep every fork as a cluster" stores the three forks', async () => {
    await content.getByRole('button', { name: 'Keep every fork as a cluster' }).click();
    await content.getByRole('status').filter({ hasText: '3 clusters kept' }).waitFor();
    await go(page, '#/clusters');
    for (const name of ['What-if: as is', 'What-if: weight 3 on analytics', 'What-if: private-1 removed'])
      await content.getByText(name, { exact: true }).first().waitFor();
  });

  await check('opening a variant makes it the page’s cluster at the end of its run', async () => {
    await go(page, '#/forks');
    await content.getByRole('heading', { name: 'What-if', level: 1 }).waitFor();
    // The page forgets its last comparison when left: run a short one again, then open its variant.
    await addChange(page, 1, "A role's weight", { Role: 'analytics', Weight: 3 });
    await content.getByLabel('Run each for').selectOption({ label: '10 minutes' });
    await runButton(page).click();
    await words(page);
    const end = await content
      .getByText(/^Open at \d+:\d\d:/)
      .innerText()
      .then((t) => /(\d+):(\d\d)/.exec(t));
    await content.getByRole('button', { name: 'weight 3 on analytics', exact: true }).click();
    await page.waitForURL(/#\/services/);
    await page.waitForFunction(
      (name) => [...document.querySelectorAll('header select')].some((s) => s.selectedOptions[0]?.textContent?.trim() === name),
      'What-if: weight 3 on analytics',
    );
    const at = await clockMs(page);
    const endMs = (Number(end[1]) * 60 + Number(end[2])) * 1000;
    expect(Math.abs(at - endMs) < 2000, `the cluster opened at ${at} ms, not at the run's end (${endMs} ms)`);
  });

  await check('a damaged comparison link says why, and offers the open cluster instead', async () => {
    await go(page, '#/forks/f=1.AAAA');
    await content.getByRole('alert').filter({ hasText: 'This comparison link cannot be opened: its data does not decompress' }).waitFor();
    await content.getByRole('link', { name: 'Compare from the open cluster instead' }).waitFor();
    await noViolations(page, 'damaged link');
  });
  await page.context().close();

  await check('at 390 px the set-up and the results fit the width', async () => {
    const phone = await openSite({ width: 390, height: 844 }, '390');
    await go(phone, link.slice(link.indexOf('#')));
    await words(phone);
    await fits(phone, 'the results at 390 px');
    await phone.getByRole('heading', { name: 'What differs' }).scrollIntoViewIfNeeded();
    await settle(phone);
    await shot(phone, '390-results');
    await phone.getByRole('heading', { name: /^Placements at / }).scrollIntoViewIfNeeded();
    await shot(phone, '390-placements');
    await noViolations(phone, 'results at 390 px');
    await phone.locator('#content').getByRole('link', { name: 'Fork the open cluster instead' }).click();
    await phone
      .locator('#content')
      .getByText(/^Forked from the open cluster/)
      .waitFor();
    await fits(phone, 'the set-up at 390 px');
    await shot(phone, '390-setup');
    await phone.context().close();
  });

  await noUncaughtErrors(check);
} finally {
  await browser.close();
  await server.close();
}
finish(0);
