// A reopened cluster travels in time as a fresh one does: the built site in Debian's Chromium, driven by
// playwright-core (no browser is downloaded).
//
//   node test/e2e/reopen.mjs [--dist DIR] [--shots DIR]
//
// Checks, in order:
//   1. the site opens and the cluster boots; at ×100 it runs on past two simulated minutes;
//   2. after a reload (the cluster reopens from storage at its moment), the election log lists the boot's
//      elections at their own times (0:01–0:03), not at the reopen time;
//   3. the Dashboard's charts draw the cluster's past from its start (a time axis before the reopen moment);
//   4. a click on the time bar far back lands within 1 s of wall time, and the header clock, the time bar's
//      handle and the Dashboard all show that one moment;
//   5. no uncaught error in the page.
// Prints one line per check and "e2e reopen: N passed, N failed"; writes {passed, failed} for CI's closing
// line to e2e-reopen-summary.json (site.mjs: summaryFile).
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { pageHelpers } from './page.mjs';

const WAIT_MS = 20_000;
const DEADLINE_MS = 90_000;
/** A trip back must land within this much wall time (a fresh cluster's trips take well under it). */
const TRIP_LIMIT_MS = 1000;
/** Wall ms to let the autosave (every 5 s of play: src/persist/autosave.ts) store the cluster before a reload. */
const AUTOSAVE_WAIT_MS = 6000;

const { check, finish, shotsDir, executablePath, dist } = await startSuite('reopen', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const { openPage, clockMs, clockAdvances, leadersElected, shot, noUncaughtErrors } = pageHelpers({ waitMs: WAIT_MS, shotsDir });

try {
  const page = await openPage(await browser.newContext({ viewport: { width: 1440, height: 900 } }), 'reopen');
  const slider = page.getByRole('slider', { name: /Simulated time/ });
  /** The header's clock just after the reload: about the moment the cluster was reopened at. */
  let reopenedAt = 0;

  await check('the cluster boots and runs on past two simulated minutes', async () => {
    await page.goto(server.url, { waitUntil: 'load' });
    await clockAdvances(page);
    await leadersElected(page);
    await page.getByRole('group', { name: 'Simulation speed' }).getByRole('button', { name: '×100', exact: true }).click();
    await page.waitForFunction(() => /^0d 00:0[2-9]/.test(document.querySelector('header time')?.textContent?.trim() ?? ''), null, {
      timeout: WAIT_MS,
    });
  });

  await check("after a reload the election log keeps the boot's elections at their own times", async () => {
    await page.waitForTimeout(AUTOSAVE_WAIT_MS); // the cluster is saved past two minutes
    await page.reload({ waitUntil: 'load' });
    // The cluster reopens at the moment last saved (autosave: every few seconds of play), past a minute.
    await page.waitForFunction(
      () => /^0d 00:(0[1-9]|[1-5]\d)/.test(document.querySelector('header time')?.textContent?.trim() ?? ''),
      null,
      {
        timeout: WAIT_MS,
      },
    );
    reopenedAt = await clockMs(page);
    await page.getByRole('button', { name: /Faults/ }).click();
    const log = await page.locator('#fault-panel').innerText();
    const leading = log.split('\n').find((l) => /is the leading Mesos master/.test(l)) ?? '';
    expect(/^0:0[1-3]/.test(leading), `the election log has "${leading}" (the boot's election should read 0:01–0:03):\n${log}`);
    await page.getByRole('button', { name: /Faults/ }).click();
  });

  await check("after a reload the Dashboard's charts draw the cluster's past from its start, not from the reopen", async () => {
    const firstTick = () => document.querySelector('svg[aria-label^="CPU allocation:"] g.x text')?.textContent?.trim() ?? '';
    await page.waitForFunction((src) => new Function(`return (${src})()`)() !== '', firstTick.toString(), { timeout: WAIT_MS });
    const tick = await page.evaluate(firstTick);
    const [min, sec] = tick.split(':').map(Number);
    // A chart that starts at the reopen has no tick before it.
    expect(
      (min * 60 + sec) * 1000 < reopenedAt - 30_000,
      `the CPU chart's time axis starts at "${tick}", the cluster reopened at ${reopenedAt} ms`,
    );
    await shot(page, 'reopened-dashboard-1440');
  });

  await check(`a trip far back lands within ${TRIP_LIMIT_MS} ms and every view shows that one moment`, async () => {
    const before = Number(await slider.getAttribute('aria-valuenow'));
    const box = await slider.boundingBox();
    const started = Date.now();
    await slider.click({ position: { x: Math.round(box.width * 0.25), y: 10 } });
    await page.waitForFunction(
      (from) => {
        const now = Number(document.querySelector('[role="slider"]')?.getAttribute('aria-valuenow'));
        return now < from * 0.6;
      },
      before,
      { timeout: WAIT_MS },
    );
    const took = Date.now() - started;
    expect(took <= TRIP_LIMIT_MS, `the trip took ${took} ms`);
    await page.waitForTimeout(300);
    const handle = Number(await slider.getAttribute('aria-valuenow'));
    const clock = await clockMs(page);
    expect(Math.abs(clock - handle) < 200, `the header says ${clock} ms, the time bar ${handle} ms`);
    expect(handle < before * 0.6, `the handle is at ${handle} ms, not back from ${before} ms`);
    await shot(page, 'reopen-travelled');
  });

  await noUncaughtErrors(check);
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);
