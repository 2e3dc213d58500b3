// The narrated replay (issue 21): the Story panel tells the open cluster's run as chapters, and Previous / Next move
// the cluster to a chapter's moment. The built site in Debian's Chromium, driven by playwright-core.
//
//   node test/e2e/story.mjs [--dist DIR] [--shots DIR]
//
// Checks, in order:
//   1. a scenario link whose script crashes the leading master (of three) at 1:00 opens, and plays past 2:00;
//   2. the time bar's Story button opens the panel: a chapter tells of master-1's crash and master-2's election, and
//      it is the current chapter (the clock is past it);
//   3. Previous and Next move the cluster to the chapter's moment: the header's clock and the time bar read it;
//   4. the chapter's highlights link to the Nodes page, which marks them: a "Story" tag on its masters, a ring on the
//      grid (said in its label), the table's rows;
//   5. Play steps to the next chapter by itself, and Pause stops;
//   6. at 390×844, a link shared at 2:10 and opened by someone who was not there (paused, never played): Story tells
//      the same crash, the panel fits the width;
//   7. no uncaught error in any page.
// axe-core finds no violation with the panel open. With --shots, screenshots (VIEWPORT-STATE.png). Prints one line per
// check and "e2e story: N passed, N failed"; writes {passed, failed} to e2e-story-summary.json.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { fits, noViolations, pageHelpers, scenarioLink, settle, speed } from './page.mjs';

const WAIT_MS = 20_000;
const DEADLINE_MS = 150_000;
const agent = (hostname) => ({ hostname, resources: { cpus: 4, mem: 4096, disk: 0, gpus: 0 } });
// test/lab/story-support.ts's FAILOVER: master-1 leads from 0:01 and crashes at 1:00 (a fault in the script).
const SCENARIO = {
  seed: 7,
  cluster: { masters: 3, agents: [agent('a1'), agent('a2'), agent('a3')], roles: {} },
  frameworks: [],
  marathon: { role: '*', apps: [{ id: '/web', cmd: 'run', instances: 3, cpus: 0.5, mem: 128 }] },
  script: [{ at: 60_000, request: { method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'master-crash', target: 'master-1' } } }],
};

const { check, finish, shotsDir, executablePath, dist } = await startSuite('story', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const helpers = pageHelpers({ waitMs: WAIT_MS, shotsDir, browser, siteUrl: server.url });
const { clockMs, shot, noUncaughtErrors } = helpers;
/** A new page of `viewport` on the scenario link shared at `at`, paused there (the site loaded first, as a fresh profile does). */
const openLink = (viewport, label, at) => helpers.openLink(viewport, label, scenarioLink(SCENARIO, at), { play: false });
const panelOf = (page) => page.getByRole('region', { name: 'Story of this run' });

/** "1:00–1:11" or "1:00" → ms of its start. */
function startOf(span) {
  const m = /^(?:(\d+):)?(\d+):(\d\d)/.exec(span.trim());
  expect(m !== null, `a chapter's time reads "${span}"`);
  return ((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
}

/** Opens the Story panel and waits for the crash chapter; returns the panel. */
async function openStory(page) {
  await page.getByRole('button', { name: 'Story', exact: true }).click();
  const panel = panelOf(page);
  await panel.waitFor();
  await panel.getByRole('button', { name: /Master-1 crashed/ }).waitFor({ timeout: 30_000 });
  return panel;
}

/** The current chapter's start (ms) and title. */
async function currentChapter(panel) {
  const li = panel.locator('li[aria-current="step"]');
  await li.waitFor();
  return { at: startOf(await li.locator('.when').innerText()), title: (await li.locator('.title').innerText()).trim() };
}

/** The header's clock and the time bar both read `at` (the cluster went there and paused). */
async function atMoment(page, at, what) {
  await page.waitForFunction(
    (want) => Math.abs(Number(document.querySelector('[role=slider].timeline')?.getAttribute('aria-valuenow')) - want) < 1000,
    at,
    { timeout: WAIT_MS },
  );
  const clock = await clockMs(page);
  expect(Math.abs(clock - at) < 1000, `${what}: the clock reads ${clock} ms, the chapter starts at ${at} ms`);
}

try {
  const page = await openLink({ width: 1440, height: 900 }, '1440', 0);
  let panel;

  await check('a link whose script crashes the leading master at 1:00 opens and plays past 2:00', async () => {
    await page.getByRole('button', { name: 'Play to continue' }).click();
    await speed(page, '×10');
    await page.waitForFunction(() => /^0d 00:0[2-9]/.test(document.querySelector('header time')?.textContent?.trim() ?? ''), null, {
      timeout: 40_000,
    });
    await speed(page, '×1');
    expect((await clockMs(page)) >= 120_000, 'the clock is not past 2:00');
  });

  await check('Story tells of master-1’s crash and the new election, the current chapter', async () => {
    panel = await openStory(page);
    const crash = panel.locator('li', { has: page.getByRole('button', { name: /Master-1 crashed/ }) });
    const text = await crash.locator('.text').innerText();
    expect(/master-1 crashed at 1:00/.test(text), `the crash chapter says "${text}"`);
    expect(/master-2 won the election/.test(text), `the crash chapter does not tell the election: "${text}"`);
    expect((await crash.getAttribute('aria-current')) === 'step', 'the crash chapter (1:00, the clock past it) is not the current one');
    expect(
      /^\d+ chapters up to 2:\d\d$/.test((await panel.getByRole('status').innerText()).trim()),
      'the status line does not say how far',
    );
    await settle(page);
    await shot(page, '1440-story');
    await noViolations(page, 'story panel');
  });

  await check('Previous and Next move the cluster (the clock, the time bar) to the chapter’s moment', async () => {
    await panel.getByRole('button', { name: 'Previous', exact: true }).click();
    const before = await currentChapter(panel);
    expect(before.at < 60_000, `Previous went to "${before.title}" at ${before.at} ms`);
    await atMoment(page, before.at, 'after Previous');
    await panel.getByRole('button', { name: 'Next', exact: true }).click();
    const crash = await currentChapter(panel);
    expect(crash.title === 'Master-1 crashed' && crash.at === 60_000, `Next went to "${crash.title}" at ${crash.at} ms`);
    await atMoment(page, 60_000, 'after Next');
    await settle(page);
    await shot(page, '1440-story-next');
  });

  await check('the chapter’s highlights link to the Nodes page', async () => {
    const chips = panel.getByRole('list', { name: 'What this chapter is about' });
    const master = chips.getByRole('link', { name: 'master-2', exact: true });
    expect((await master.getAttribute('href')) === '#/nodes', 'master-2 does not link to the Nodes page');
    await chips.getByRole('link', { name: 'a1', exact: true }).click();
    await page.waitForFunction(() => location.hash === '#/nodes');
    await settle(page);
    await shot(page, '1440-story-nodes');
  });

  await check('the Nodes page marks what the chapter points at: its masters, its agents on the grid and in the table', async () => {
    const content = page.locator('#content');
    const chips = await panel.getByRole('list', { name: 'What this chapter is about' }).getByRole('link').allInnerTexts();
    const masters = chips.filter((c) => /^master-/.test(c));
    const agents = chips.filter((c) => /^a\d$/.test(c));
    expect(masters.length > 0 && agents.length > 0, `the chapter points at ${chips.join(', ')}`);
    const tagged = (await content.locator('.masters li', { has: page.locator('.story-mark') }).allInnerTexts()).map(
      (t) => t.split(/\s/)[0],
    );
    expect(
      JSON.stringify(tagged) === JSON.stringify(masters),
      `masters tagged: ${tagged.join(', ')}; the chapter's: ${masters.join(', ')}`,
    );
    const grid = await content.locator('canvas').getAttribute('aria-label');
    expect(grid.includes(`Ringed by the story's chapter: ${agents.join(', ')}.`), `the grid says "${grid}"`);
    await content.getByRole('button', { name: 'Table', exact: true }).click();
    const rows = (await content.locator('tr.story-marked th').allInnerTexts()).map((t) => t.replace(/\s*Story$/, '').trim());
    expect(JSON.stringify(rows) === JSON.stringify(agents), `table rows marked: ${rows.join(', ')}`);
    await settle(page);
    await shot(page, '1440-story-nodes-table');
    await noViolations(page, 'nodes page with story marks');
    await content.getByRole('button', { name: 'Grid', exact: true }).click();
  });

  await check('Play steps to the next chapter by itself, and Pause stops', async () => {
    await panel.getByRole('button', { name: 'Previous', exact: true }).click();
    const from = await currentChapter(panel);
    const faster = panel.getByRole('button', { name: 'Faster', exact: true });
    while (await faster.isEnabled()) await faster.click();
    expect((await panel.getByText('1.5 s a chapter').count()) === 1, 'the pace does not read 1.5 s a chapter');
    await panel.getByRole('button', { name: 'Play', exact: true }).click();
    await panel.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    await page.waitForFunction(
      (t) => document.querySelector('#story-panel li[aria-current="step"] .title')?.textContent?.trim() !== t,
      from.title,
      {
        timeout: WAIT_MS,
      },
    );
    const to = await currentChapter(panel);
    await atMoment(page, to.at, 'after Play');
    const pause = panel.getByRole('button', { name: 'Pause', exact: true });
    if (await pause.isVisible()) await pause.click();
    await panel.getByRole('button', { name: 'Play', exact: true }).waitFor();
  });

  await check('Next stops at the last chapter; Escape closes the panel and focus goes back to the Story button', async () => {
    // Next on the last chapter does nothing and keeps the focus (aria-disabled), so Esc still reaches the panel.
    const last = panel.locator('ol > li').last();
    await last.getByRole('button').click();
    await page.waitForFunction(() => document.querySelector('#story-panel ol > li:last-child')?.getAttribute('aria-current') === 'step');
    const next = panel.getByRole('button', { name: 'Next', exact: true });
    expect((await next.getAttribute('aria-disabled')) === 'true', 'Next is not marked disabled on the last chapter');
    await next.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(focused === 'Story', `focus is on "${focused}"`);
  });

  const phone = await openLink({ width: 390, height: 844 }, '390', 130_000);
  await check('at 390×844 a link shared at 2:10, opened by someone who was not there, tells the crash', async () => {
    const at = await clockMs(phone);
    expect(Math.abs(at - 130_000) < 1000, `the shared link opened at ${at} ms`);
    const story = await openStory(phone);
    const text = await story
      .locator('li', { has: phone.getByRole('button', { name: /Master-1 crashed/ }) })
      .locator('.text')
      .innerText();
    expect(/master-2 won the election/.test(text), `the crash chapter says "${text}"`);
    await settle(phone);
    await shot(phone, '390-story');
    await fits(phone, 'the Story panel');
    await noViolations(phone, '390 story');
    await story.getByRole('button', { name: 'Previous', exact: true }).click();
    await atMoment(phone, (await currentChapter(story)).at, '390 after Previous');
    await settle(phone);
    await shot(phone, '390-story-previous');
    await fits(phone, 'the Story panel after Previous');
  });

  await noUncaughtErrors(check);
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);
