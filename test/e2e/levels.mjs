// Chaos levels: the Levels page plays a level in a lab worker of its own and says why it was lost. The built site in
// Debian's Chromium, driven by playwright-core.
//
//   node test/e2e/levels.mjs [--dist DIR] [--shots DIR]
//
// Checks, in order:
//   1. the sidebar's "Chaos levels" lists the nine shipped levels, none won yet;
//   2. "Survive one agent crash" tells its goals, its fault at 1:00 and what may change, prefilled with the naive
//      changes; Run loses at 2:15 with the level's stated violation, pointing at /shop, while the open cluster plays on;
//   3. a change the level does not allow says why as it is typed, and Run is off; so does text that is not JSON;
//   4. the reference changes, typed into the editor, win, with a completion code (DCOS1-…) that Copy copies; the list
//      then marks the level won;
//   5. #/verify/<that code> plays the level again in a worker of its own: Verified; the code with its changes set back
//      to the naive ones (checksum made again) is not verified, lost at 2:15;
//   6. "Open the run at that moment" opens the lost run as the page's cluster, paused at 2:15;
//   7. "Share this level" copies a link that opens the level's page in a fresh tab;
//   8. "Author a level" (#/levels/new) starts from a shipped level as JSON without its cluster; a level that is not
//      valid says why as it is typed and cannot be tried; edited, its naive changes lose as it says, and its link
//      opens it; the open cluster as the template wins with its reference changes;
//   9. at 390×844 the list, a lost level, a won one with its code and the level editor fit the width (no sideways
//      scroll);
//   10. no uncaught error in any page.
// axe-core finds no violation in any state checked. With --shots, screenshots (VIEWPORT-STATE.png). Prints one
// line per check and "e2e levels: N passed, N failed"; writes {passed, failed} to e2e-levels-summary.json.
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { fits, go, noViolations, pageHelpers, settle } from './page.mjs';

const WAIT_MS = 30_000;
const DEADLINE_MS = 180_000;
const TITLE = 'Survive one agent crash';
const LOST = '/shop has 0 running instances, fewer than 1';
const REFERENCE = '{"apps": {"/shop": {"instances": 2, "constraints": [["hostname", "UNIQUE"]]}}}';

const { check, finish, shotsDir, executablePath, dist } = await startSuite('levels', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const helpers = pageHelpers({ waitMs: WAIT_MS, shotsDir, browser, siteUrl: server.url });
const { openPage, clockMs, shot, noUncaughtErrors } = helpers;
/** The site at the Dashboard, the clock moving, in a context that may use the clipboard (the page's CSP kept). */
const openSite = (viewport, label) =>
  helpers.openSite(viewport, label, { bypassCSP: false, permissions: ['clipboard-read', 'clipboard-write'] });

const editor = (page) => page.getByRole('textbox', { name: /^Your changes/ });
const run = (page) => page.getByRole('button', { name: 'Run', exact: true });
const verdict = (page) => page.locator('#content .verdict h2');

/** A completion code with its claim edited by `edit` and its checksum made again: a false claim that decodes. */
function forged(code, edit) {
  const [body] = code.split('.');
  const payload = JSON.parse(inflateRawSync(Buffer.from(body.slice('DCOS1-'.length), 'base64url')).toString());
  edit(payload);
  const next = `DCOS1-${deflateRawSync(JSON.stringify(payload)).toString('base64url')}`;
  return `${next}.${createHash('sha1').update(next).digest('hex').slice(0, 8)}`;
}

/** The verify page's verdict for `code`, opened by its link: heading and text. */
async function verifyLink(page, code) {
  await go(page, `#/verify/${code}`);
  const section = page.locator('#content section.verdict');
  await section.waitFor({ timeout: WAIT_MS });
  return { heading: (await section.getByRole('heading').innerText()).trim(), text: (await section.innerText()).trim() };
}

/** Run the level with the editor as it is; the verdict's heading and text. */
async function play(page) {
  await run(page).click();
  await verdict(page).waitFor({ timeout: WAIT_MS });
  return { title: (await verdict(page).innerText()).trim(), text: (await page.locator('#content .verdict p').first().innerText()).trim() };
}

let code = '';
try {
  const page = await openSite({ width: 1440, height: 1000 }, '1440');
  const content = page.locator('#content');

  await check('the sidebar’s "Chaos levels" lists the nine shipped levels, none won yet', async () => {
    await page.getByRole('link', { name: 'Chaos levels' }).first().click();
    await content.getByRole('heading', { name: 'Chaos levels', level: 1 }).waitFor();
    const items = content.locator('ol.list > li');
    await items.first().waitFor();
    expect((await items.count()) === 9, `the list shows ${await items.count()} levels`);
    expect((await content.getByText('Not yet', { exact: true }).count()) === 9, 'a level is marked won in a fresh browser');
    await settle(page);
    await shot(page, '1440-list');
    await noViolations(page, 'level list');
  });

  await check(`"${TITLE}": naive changes lose at 2:15 with the stated violation, the open cluster playing on`, async () => {
    await content.getByRole('link', { name: TITLE }).click();
    await content.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await content.getByText('/shop never has fewer than 1 running instances (from 0:30)').waitFor();
    await content
      .getByRole('listitem')
      .filter({ hasText: /^1:00 the agent running \/shop crashes$/ })
      .waitFor();
    await content.getByText('/shop: instances, constraints').waitFor();
    await content.getByText('Allowed by this level.').waitFor();
    expect(
      JSON.parse(await editor(page).inputValue()) && (await editor(page).inputValue()).trim() === '{}',
      'the editor is not prefilled with {}',
    );
    const before = await clockMs(page);
    const { title, text } = await play(page);
    expect(title === 'Lost at 2:15', `the verdict says "${title}"`);
    expect(text === LOST, `the violation reads "${text}"`);
    const blame = (await content.locator('.verdict dl').innerText()).replace(/\s+/g, ' ');
    expect(/app \/shop/.test(blame), `what is at fault reads "${blame}"`);
    expect((await clockMs(page)) > before, 'the open cluster stopped playing while the level ran');
    await settle(page);
    await shot(page, '1440-lost');
    await noViolations(page, 'lost level');
  });

  await check('a change the level does not allow says why as it is typed, and Run is off', async () => {
    await editor(page).fill('{"apps": {"/shop": {"cpus": 2}}}');
    const reason = content.getByText(
      'Not allowed: apps./shop.cpus: not a field this level lets you change (allowed: instances, constraints)',
    );
    await reason.waitFor();
    expect(await run(page).isDisabled(), 'Run is on for a refused change');
    await editor(page).fill('{"masters": 3}');
    await content.getByText('Not allowed: masters: this level does not let you change the number of masters').waitFor();
    await editor(page).fill('{"apps": ');
    await content.getByText(/^Not allowed: not JSON: /).waitFor();
    expect(await run(page).isDisabled(), 'Run is on for text that is not JSON');
    await settle(page);
    await shot(page, '1440-refused');
    await noViolations(page, 'refused change');
  });

  await check('the reference changes, typed into the editor, win; the list marks the level won', async () => {
    await editor(page).fill('');
    await editor(page).pressSequentially(REFERENCE, { delay: 0 });
    await content.getByText('Allowed by this level.').waitFor();
    const { title, text } = await play(page);
    expect(title === 'Won', `the verdict says "${title}": ${text}`);
    const field = content.getByLabel('Your completion code');
    await field.waitFor();
    code = await field.inputValue();
    expect(/^DCOS1-[A-Za-z0-9_-]+\.[0-9a-f]{8}$/.test(code), `the code reads "${code.slice(0, 80)}…"`);
    await content.getByRole('button', { name: 'Copy code', exact: true }).click();
    await content.getByText('Copied.').waitFor();
    expect((await page.evaluate(() => navigator.clipboard.readText())) === code, 'the clipboard does not hold the code');
    const href = await content.getByRole('link', { name: 'Check it on the Verify page' }).getAttribute('href');
    expect(href === `#/verify/${encodeURIComponent(code)}`, `the Verify link is "${href}"`);
    await settle(page);
    await shot(page, '1440-won');
    await noViolations(page, 'won level');
    await go(page, '#/levels');
    const row = content.locator('ol.list > li').filter({ hasText: TITLE });
    await row.getByText('Won', { exact: true }).waitFor();
  });

  await check("the level's code verifies on #/verify; with the naive changes instead it is lost at 2:15", async () => {
    expect(code !== '', 'no code from the win');
    const good = await verifyLink(page, code);
    expect(good.heading === 'Verified', `the verdict is "${good.heading}": ${good.text}`);
    expect(good.text.includes(`“${TITLE}”: won with the code's changes`), `the verdict reads "${good.text}"`);
    await settle(page);
    await shot(page, '1440-verified');
    await noViolations(page, 'level code verified');
    const bad = await verifyLink(
      page,
      forged(code, (p) => (p.c = {})),
    );
    expect(bad.heading === `Not verified: “${TITLE}”`, `a forged code gives "${bad.heading}"`);
    expect(bad.text.includes(`The changes do not win: the run is lost at 2:15: ${LOST}.`), `a forged code gives "${bad.text}"`);
  });

  await check('"Open the run at that moment" opens the lost run as the cluster, paused at 2:15', async () => {
    await go(page, '#/levels/agent-crash');
    await content.getByText('Allowed by this level.').waitFor();
    expect((await editor(page).inputValue()).trim() === '{}', 'the level did not start over from its naive changes');
    const { title } = await play(page);
    expect(title === 'Lost at 2:15', `the verdict says "${title}"`);
    await content.getByRole('button', { name: 'Open the run at that moment' }).click();
    await page.waitForFunction(() => location.hash === '#/services', null, { timeout: WAIT_MS });
    await page.waitForFunction(() => document.querySelector('header time')?.textContent?.trim() === '0d 00:02:15.0', null, {
      timeout: WAIT_MS,
    });
    await page.waitForTimeout(1500);
    const at = await clockMs(page);
    expect(at === 135_000, `the clock reads ${at} ms after 1.5 s, not the violation's 135000 (it should be paused there)`);
    await content
      .getByRole('link', { name: /^shop$/ })
      .first()
      .waitFor()
      .catch(async (e) => {
        await shot(page, 'opened-run-failed');
        throw new Error(`${e.message}\n      the page shows: ${(await content.innerText()).slice(0, 400)}`);
      });
    await settle(page);
    await shot(page, '1440-opened-run');
    await noViolations(page, 'opened run');
  });

  await check('"Share this level" copies a link that opens the level in a fresh tab', async () => {
    await go(page, '#/levels/agent-crash');
    await content.getByRole('button', { name: 'Share this level' }).click();
    await content.getByText('Link copied.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const shown = await content.getByRole('textbox', { name: 'Link to this level' }).inputValue();
    expect(copied === shown && /#\/levels\/l=1\.[\w-]+$/.test(copied), `the link copied is "${copied.slice(0, 80)}…"`);
    const other = await openPage(await browser.newContext({ viewport: { width: 1440, height: 1000 } }), 'shared');
    await other.goto(copied, { waitUntil: 'load' });
    await other.locator('#content').getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await other.locator('#content').getByText('A level from a link.').waitFor();
    await other.locator('#content').getByText('Allowed by this level.').waitFor();
    await other.context().close();
  });

  await check('"Author a level": a template edited as JSON, validated as typed, tried, and shared as a link', async () => {
    await go(page, '#/levels');
    await content.getByRole('link', { name: 'author a level' }).click();
    await content.getByRole('heading', { name: 'Author a level', level: 1 }).waitFor();
    const draft = content.getByRole('textbox', { name: 'The level (JSON)' });
    await content.getByText('A valid level.').waitFor();
    const level = JSON.parse(await draft.inputValue());
    expect(level.id === 'agent-crash' && !('scenario' in level), `the template reads ${JSON.stringify(level).slice(0, 80)}`);
    await draft.fill(JSON.stringify({ ...level, goals: [] }, null, 2));
    await content.getByText('Not a valid level: goals: expected a non-empty list').waitFor();
    expect(await content.getByRole('button', { name: 'Try the naive changes' }).isDisabled(), 'Try is on for an invalid level');
    await draft.fill(JSON.stringify({ ...level, id: 'my-crash', title: 'My own crash' }, null, 2));
    await content.getByText('A valid level.').waitFor();
    await content.getByRole('button', { name: 'Try the naive changes' }).click();
    await content.getByText(/^The naive changes: As the level says: lost at 2:15/).waitFor({ timeout: WAIT_MS });
    await content.getByRole('button', { name: 'Share this level' }).click();
    await content.getByText('Link copied.').waitFor();
    const link = await content.getByRole('textbox', { name: 'Link to this level' }).inputValue();
    await settle(page);
    await shot(page, '1440-author');
    await noViolations(page, 'author a level');
    await page.goto(link, { waitUntil: 'load' });
    await content.getByRole('heading', { name: 'My own crash', level: 1 }).waitFor();
    await content.getByText('A level from a link.').waitFor();
    await go(page, '#/levels/new');
    await content.getByLabel('Start from').selectOption({ label: 'The open cluster (its leader crashes)' });
    await content.getByText('A valid level.').waitFor();
    expect(JSON.parse(await draft.inputValue()).id === 'my-cluster', 'the open cluster did not become the template');
    await content.getByRole('button', { name: 'Try the reference changes' }).click();
    await content.getByText('The reference changes: As the level says: won.').waitFor({ timeout: WAIT_MS });
  });

  const phone = await openSite({ width: 390, height: 844 }, '390');
  await check('at 390×844 the list, a lost level, a won one with its code and the level editor fit the width', async () => {
    await go(phone, '#/levels');
    await phone.locator('#content ol.list > li').first().waitFor();
    await settle(phone);
    await shot(phone, '390-list');
    await fits(phone, 'the level list');
    await noViolations(phone, '390 list');
    await go(phone, '#/levels/zone-outage');
    await phone.locator('#content').getByText('Allowed by this level.').waitFor();
    const { title } = await play(phone);
    expect(title === 'Lost at 2:15', `zone-outage's verdict says "${title}"`);
    await phone.locator('#content').getByRole('button', { name: 'Share this level' }).click();
    await phone.locator('#content').getByText('Link copied.').waitFor();
    await settle(phone);
    await shot(phone, '390-lost');
    await fits(phone, 'a lost level');
    await noViolations(phone, '390 lost level');
    await editor(phone).fill('{"apps": {"/shop": {"constraints": [["zone", "GROUP_BY", "3"]]}}}');
    await phone.locator('#content').getByText('Allowed by this level.').waitFor();
    const won = await play(phone);
    expect(won.title === 'Won', `zone-outage with GROUP_BY:3 says "${won.title}"`);
    await phone.locator('#content').getByLabel('Your completion code').scrollIntoViewIfNeeded();
    await settle(phone);
    await shot(phone, '390-won');
    await fits(phone, 'a won level with its code');
    await noViolations(phone, '390 won level');
    await go(phone, '#/levels/new');
    await phone.locator('#content').getByText('A valid level.').waitFor();
    await settle(phone);
    await shot(phone, '390-author');
    await fits(phone, 'the level editor');
    await noViolations(phone, '390 level editor');
  });

  await noUncaughtErrors(check);
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);
