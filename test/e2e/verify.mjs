// Completion codes: a finished lesson hands out a code, and #/verify replays it offline. The built site in Debian's
// Chromium, driven by playwright-core.
//
//   node test/e2e/verify.mjs [--dist DIR] [--shots DIR]
//
// Checks, in order:
//   1. "Your first app", opened by its link and done by "Show me" step after step, ends with "Lesson complete" and a
//      completion code (DCOS1-…); Copy puts it on the clipboard; a chaos level won in the same tab gives one too;
//   2. in a fresh tab, #/verify loads its own chunk; with the service worker in control and the network off, the
//      pasted code verifies ("Verified", the lesson named), and the page's thread never blocks 50 ms or more meanwhile
//      (no long task);
//   3. the code with one character flipped is refused for its checksum; a code forged with a later finish (checksum
//      made again) replays but fails because the history differs;
//   4. #/verify/<code> fills in the code and verifies it at once; still offline, the level's code verifies (the level
//      played again in a lab worker of its own);
//   5. at 390×844, #/verify/<forged code> shows its reason and fits the width (no sideways scroll);
//   6. no uncaught error in any page.
// axe-core finds no violation in any state checked. With --shots, screenshots (VIEWPORT-STATE.png). Prints one line
// per check and "e2e verify: N passed, N failed"; writes {passed, failed} to e2e-verify-summary.json.
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { fits, noViolations, pageHelpers } from './page.mjs';

const WAIT_MS = 30_000;
const DEADLINE_MS = 240_000;
const STEPS = 4; // "Your first app"

const { check, finish, shotsDir, executablePath, dist } = await startSuite('verify', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const { openPage, leadersElected, alertText, shot, noUncaughtErrors } = pageHelpers({ waitMs: WAIT_MS, shotsDir });

/** The code with its claimed finish moved `ms` later and its checksum made again: a false claim that decodes. */
function forged(code, ms) {
  const [body] = code.split('.');
  const payload = JSON.parse(inflateRawSync(Buffer.from(body.slice('DCOS1-'.length), 'base64url')).toString());
  payload.t += ms;
  const next = `DCOS1-${deflateRawSync(JSON.stringify(payload)).toString('base64url')}`;
  return `${next}.${createHash('sha1').update(next).digest('hex').slice(0, 8)}`;
}

const flipped = (code) => {
  const at = Math.floor(code.length / 2);
  return `${code.slice(0, at)}${code[at] === 'A' ? 'B' : 'A'}${code.slice(at + 1)}`;
};

/** The verify page's verdict once the replay is done: its heading and its text. */
async function verdict(page) {
  const section = page.locator('#content section.verdict');
  try {
    await section.waitFor({ timeout: WAIT_MS });
  } catch {
    throw new Error(`no verdict on the verify page: ${(await page.locator('#content').innerText()).slice(0, 300)}${await alertText(page)}`);
  }
  return { heading: (await section.getByRole('heading').innerText()).trim(), text: (await section.innerText()).trim() };
}

async function verifyPasted(page, code) {
  const content = page.locator('#content');
  await content.getByLabel('Completion code').fill(code);
  await content.getByRole('button', { name: 'Verify' }).click();
  return verdict(page);
}

try {
  let code = '';
  let levelCode = '';
  const lessonContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await lessonContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  const page = await openPage(lessonContext, 'lesson');
  const panel = page.locator('#tutorial-panel');

  await check('"Your first app" done by "Show me" ends with a completion code, "Copy code" copies it; a won level gives one', async () => {
    await page.goto(`${server.url}#lesson=first-app&step=1`, { waitUntil: 'load' });
    await panel.getByRole('heading', { name: 'Your first app', level: 3 }).waitFor();
    await leadersElected(page);
    await page.getByRole('group', { name: 'Simulation speed' }).getByRole('button', { name: '×10', exact: true }).click();
    for (let i = 0; i < STEPS; i++) {
      const current = panel.locator('li[aria-current="step"]');
      await current.getByRole('button', { name: 'Show me' }).click();
      await page.waitForFunction(
        (n) =>
          document.querySelectorAll('#tutorial-panel ol.steps > li:not([aria-current])').length > 0 &&
          [...document.querySelectorAll('#tutorial-panel ol.steps > li')].filter((li) => li.textContent.includes('(done)')).length > n,
        i,
        { timeout: WAIT_MS },
      );
    }
    await panel.getByText('Lesson complete.').waitFor();
    const field = panel.getByLabel('Your completion code');
    try {
      await field.waitFor({ timeout: WAIT_MS });
    } catch {
      throw new Error(`no code under "Lesson complete": ${(await panel.locator('.complete').innerText()).slice(0, 300)}`);
    }
    code = await field.inputValue();
    expect(/^DCOS1-[A-Za-z0-9_-]+\.[0-9a-f]{8}$/.test(code), `the code reads "${code.slice(0, 80)}…"`);
    await panel.getByRole('button', { name: 'Copy code', exact: true }).click();
    await panel.getByText('Copied.').waitFor();
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    expect(clip === code, 'the clipboard does not hold the code');
    await noViolations(page, 'lesson complete');
    await shot(page, '1440-lesson-complete');
    await page.evaluate(() => (location.hash = '#/levels/agent-crash'));
    const changes = page.locator('#content').getByRole('textbox', { name: /^Your changes/ });
    await changes.fill('{"apps": {"/shop": {"instances": 2, "constraints": [["hostname", "UNIQUE"]]}}}');
    await page.locator('#content').getByText('Allowed by this level.').waitFor();
    await page.locator('#content').getByRole('button', { name: 'Run', exact: true }).click();
    levelCode = await page.locator('#content').getByLabel('Your completion code').inputValue({ timeout: WAIT_MS });
    expect(/^DCOS1-[A-Za-z0-9_-]+\.[0-9a-f]{8}$/.test(levelCode), `the level's code reads "${levelCode.slice(0, 80)}…"`);
  });

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const verifier = await openPage(context, 'verify');

  await check('offline, #/verify replays the code in its own chunk and worker: Verified, without a long task', async () => {
    expect(code !== '', 'no code from the lesson');
    await verifier.goto(`${server.url}#/verify`, { waitUntil: 'load' });
    await verifier.locator('#content').getByRole('heading', { name: 'Verify a completion code', level: 1 }).waitFor();
    const ownChunk = await verifier.evaluate(() =>
      performance.getEntriesByType('resource').some((e) => /\/assets\/VerifyPage-[\w-]+\.js$/.test(e.name)),
    );
    expect(ownChunk, 'the verify page did not come in a chunk of its own');
    await verifier.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await verifier.reload({ waitUntil: 'load' });
    await verifier.waitForFunction(() => navigator.serviceWorker.controller !== null, { timeout: WAIT_MS });
    await verifier.locator('#content').getByLabel('Completion code').waitFor();
    server.offline = true;
    await context.setOffline(true);
    await verifier.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => Math.round(e.duration)))).observe({
        type: 'longtask',
      });
    });
    const { heading, text } = await verifyPasted(verifier, code);
    expect(heading === 'Verified', `the verdict is "${heading}": ${text}`);
    expect(text.includes('“Your first app”: all 4 steps completed'), `the verdict reads "${text}"`);
    const long = await verifier.evaluate(() => window.__longTasks);
    expect(long.length === 0, `the page's thread was blocked for ${long.join(', ')} ms during the replay`);
    await noViolations(verifier, 'verified');
    await shot(verifier, '1440-verified');
  });

  await check('a flipped character fails its checksum; a forged later finish fails because the history differs', async () => {
    const typo = await verifyPasted(verifier, flipped(code));
    expect(typo.heading === 'Not verified', `a flipped character gives "${typo.heading}"`);
    expect(/The checksum does not match/.test(typo.text), `a flipped character gives "${typo.text}"`);
    const forgery = await verifyPasted(verifier, forged(code, 5000));
    expect(forgery.heading === 'Not verified: “Your first app”', `a forged code gives "${forgery.heading}"`);
    expect(/The history differs/.test(forgery.text), `a forged code gives "${forgery.text}"`);
    await noViolations(verifier, 'not verified');
    await shot(verifier, '1440-forged');
  });

  await check("#/verify/<code> fills in the code and verifies it; offline, a level's code verifies", async () => {
    await verifier.evaluate((h) => (location.hash = h), `#/verify/${code}`);
    await verifier.waitForFunction(() => document.querySelector('#content section.verdict')?.textContent?.includes('Verified'), null, {
      timeout: WAIT_MS,
    });
    expect((await verifier.locator('#content textarea').inputValue()) === code, 'the link did not fill in the code');
    const level = await verifyPasted(verifier, levelCode);
    expect(level.heading === 'Verified', `the level's code gives "${level.heading}": ${level.text}`);
    expect(level.text.includes("“Survive one agent crash”: won with the code's changes"), `the level's verdict reads "${level.text}"`);
  });

  await check('at 390×844 a forged code shows its reason and the page fits the width', async () => {
    await context.setOffline(false);
    server.offline = false;
    const phone = await openPage(
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }),
      '390',
    );
    await phone.goto(`${server.url}#/verify/${forged(code, 5000)}`, { waitUntil: 'load' });
    const { heading } = await verdict(phone);
    expect(heading.startsWith('Not verified'), `the verdict is "${heading}"`);
    await fits(phone, 'the verify page');
    await noViolations(phone, 'verify at 390');
    await shot(phone, '390-forged');
  });

  await noUncaughtErrors(check);
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);
