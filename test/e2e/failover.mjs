// The Dashboard through a failover of the leading Mesos master: the built site in Debian's Chromium, driven
// by playwright-core (no browser is downloaded).
//
//   node test/e2e/failover.mjs [--dist DIR] [--shots DIR]
//
// Builds the site (or tests DIR, an existing `vite build`), serves it from a sub-path and checks, in order:
//   1. the site opens on the Dashboard and the cluster boots (a Mesos and a Marathon leader are elected) and
//      the CPU chart reads a non-zero total;
//   2. crashing the leading master from the Faults panel (a POST /sandbox/v1/faults, master-crash) leaves
//      no leader for a while (the ZooKeeper session timeout), then a new one is elected;
//   3. while no master leads, the Dashboard never shows zero totals or zero frameworks: it shows the last
//      known figures, marked "Last known at …"; "Elected" is not the dead leader's time, and "Mesos leader"
//      reads "none since" the moment of the crash;
//   4. once a leader answers, the figures are live again (no "last known" mark) and "Elected" is its time;
//   5. no uncaught error in the page.
// With --shots, screenshots at 1440 and 360 px wide during the failover and after it.
// Prints one line per check and "e2e failover: N passed, N failed"; writes {passed, failed} for CI's closing
// line (test/support/ci-summary.mjs) to e2e-failover-summary.json (site.mjs: summaryFile).
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { pageHelpers } from './page.mjs';

const WAIT_MS = 20_000;
const DEADLINE_MS = 90_000;

const { check, finish, shotsDir, executablePath, dist } = await startSuite('failover', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const { openPage, clockMs, clockAdvances, leadersElected, shot, noUncaughtErrors } = pageHelpers({ waitMs: WAIT_MS, shotsDir });

/** What the Dashboard shows, read in the page (kept in one function so the sampler and the checks agree). */
function readDashboard() {
  const row = (name) =>
    [...document.querySelectorAll('dt')]
      .find((dt) => dt.textContent?.trim() === name)
      ?.nextElementSibling?.textContent?.replace(/\s+/g, ' ')
      .trim() ?? '';
  const tile = (label) =>
    [...document.querySelectorAll('li')]
      .find((li) => li.querySelector('.label')?.textContent?.trim() === label)
      ?.querySelector('.value')
      ?.textContent?.trim() ?? '';
  const chart = (title) => document.querySelector(`svg[aria-label^="${title}:"]`)?.getAttribute('aria-label') ?? '';
  return {
    clock: document.querySelector('header time')?.textContent?.trim() ?? '',
    mesos: row('Mesos leader'),
    elected: row('Elected'),
    marathon: row('Marathon leader'),
    frameworks: tile('Frameworks'),
    cpu: chart('CPU allocation'),
    mem: chart('Memory allocation'),
    disk: chart('Disk allocation'),
    held: document.querySelector('[data-testid="dashboard-held"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
  };
}

/** Simulated ms of a clock (`0d 00:01:05.3`), or null. */
function clockOf(text) {
  const m = /(\d+)d (\d\d):(\d\d):(\d\d)\.(\d)$/.exec(text);
  if (!m) return null;
  const [d, h, min, s, tenth] = m.slice(1).map(Number);
  return (((d * 24 + h) * 60 + min) * 60 + s) * 1000 + tenth * 100;
}

/** "none since 0d 00:00:12.3" → 12300; null when it does not read so. */
function sinceMs(text) {
  return /^none since \d+d [\d:.]+$/.test(text) ? clockOf(text) : null;
}

/** The total in a chart's label ("…, of 68 CPUs", "…, of 272 GiB"), as a number. */
function totalOf(label) {
  const m = /\bof ([\d.,]+)/.exec(label);
  return m ? Number(m[1].replace(/,/g, '')) : NaN;
}

try {
  const page = await openPage(await browser.newContext({ viewport: { width: 1440, height: 900 } }), 'dashboard');
  let crashAt = 0;
  let leader = '';

  await check('the Dashboard opens, the cluster boots and the CPU chart reads a total', async () => {
    await page.goto(server.url, { waitUntil: 'load' });
    await clockAdvances(page);
    await leadersElected(page);
    await page.waitForFunction(
      () => /\bof [1-9]/.test(document.querySelector('svg[aria-label^="CPU allocation:"]')?.getAttribute('aria-label') ?? ''),
      null,
      {
        timeout: WAIT_MS,
      },
    );
    await page.waitForFunction(
      () =>
        /^[1-9]/.test(
          [...document.querySelectorAll('li')]
            .find((li) => li.querySelector('.label')?.textContent?.trim() === 'Frameworks')
            ?.querySelector('.value')
            ?.textContent?.trim() ?? '',
        ),
      null,
      { timeout: WAIT_MS },
    );
    const d = await page.evaluate(readDashboard);
    expect(d.held === '', `the Dashboard says "${d.held}" while a leader answers`);
    leader = d.mesos;
    // Crash well after the boot's elections, so a stale election time would show.
    await page.waitForFunction(
      () => /^0d 00:00:(1[2-9]|[2-5]\d)/.test(document.querySelector('header time')?.textContent?.trim() ?? ''),
      null,
      {
        timeout: WAIT_MS,
      },
    );
    await shot(page, 'before-1440');
  });

  await check('crashing the leading master from the Faults panel leaves no leader, then a new one is elected', async () => {
    // Sample the Dashboard on every animation frame from now on.
    await page.evaluate((src) => {
      const read = new Function(`return (${src})()`);
      const w = /** @type {any} */ (window);
      w.__failoverSamples = [];
      const tick = () => {
        w.__failoverSamples.push(read());
        w.__failoverRaf = requestAnimationFrame(tick);
      };
      tick();
    }, readDashboard.toString());
    await page.getByRole('button', { name: 'Faults' }).click();
    const crash = page.getByRole('button', { name: /^master-\d+, leader: crash$/ });
    await crash.waitFor({ timeout: WAIT_MS });
    const host = (await crash.getAttribute('aria-label')).split(',')[0];
    expect(leader.includes(host), `the Faults panel's leader ${host} is not the Dashboard's (${leader})`);
    crashAt = await clockMs(page);
    await crash.click();
    await page.waitForFunction(
      () =>
        /^none/.test(
          [...document.querySelectorAll('dt')]
            .find((dt) => dt.textContent?.trim() === 'Mesos leader')
            ?.nextElementSibling?.textContent?.trim() ?? '',
        ),
      null,
      { timeout: WAIT_MS },
    );
    await page.waitForTimeout(1500);
    await shot(page, 'failover-1440');
    if (shotsDir) {
      await page.setViewportSize({ width: 360, height: 800 });
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${shotsDir}/failover-360.png`, fullPage: true });
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    await page.waitForFunction(
      () =>
        !/^none/.test(
          [...document.querySelectorAll('dt')]
            .find((dt) => dt.textContent?.trim() === 'Mesos leader')
            ?.nextElementSibling?.textContent?.trim() ?? 'none',
        ),
      null,
      { timeout: 30_000 },
    );
    // The new leader's agents re-register within ~1.5 s; then it answers for the figures.
    await page.waitForFunction(() => !document.querySelector('[data-testid="dashboard-held"]'), null, { timeout: WAIT_MS });
    await page.waitForTimeout(500);
    await page.evaluate(() => cancelAnimationFrame(/** @type {any} */ (window).__failoverRaf));
    await shot(page, 'after-1440');
  });

  const samples = await page.evaluate(() => /** @type {any} */ (window).__failoverSamples ?? []);

  await check(
    'while no master leads, the Dashboard shows the last known figures, marked, never zeros; leader facts are exact',
    async () => {
      const leaderless = samples.filter((s) => s.mesos.startsWith('none'));
      expect(leaderless.length > 10, `only ${leaderless.length} samples without a leader`);
      for (const s of leaderless) {
        for (const k of ['cpu', 'mem', 'disk']) expect(totalOf(s[k]) > 0, `at ${s.clock} with no leader, the ${k} chart reads "${s[k]}"`);
        expect(/^[1-9]/.test(s.frameworks), `at ${s.clock} with no leader, Frameworks reads "${s.frameworks}"`);
        expect(
          /^Last known at \S+ \S+, no leading master/.test(s.held),
          `at ${s.clock} with no leader, the Dashboard's mark reads "${s.held}"`,
        );
        expect(/last known at/.test(s.cpu), `at ${s.clock} the CPU chart is not marked last known: "${s.cpu}"`);
        expect(s.elected === '—', `at ${s.clock} with no leader, Elected reads "${s.elected}"`);
        const lostAt = sinceMs(s.mesos);
        expect(lostAt !== null && Math.abs(lostAt - crashAt) <= 1000, `Mesos leader reads "${s.mesos}", the crash was at ${crashAt} ms`);
        // Marathon led on the crashed master, or leads on another; either way, no stale time.
        if (s.marathon.startsWith('none')) {
          const marathonLost = sinceMs(s.marathon);
          expect(
            marathonLost !== null && Math.abs(marathonLost - crashAt) <= 1000,
            `Marathon leader reads "${s.marathon}", the crash was at ${crashAt} ms`,
          );
        }
      }
    },
  );

  await check('at no moment of the failover do the totals read zero', async () => {
    for (const s of samples) {
      for (const k of ['cpu', 'mem', 'disk'])
        expect(totalOf(s[k]) > 0, `at ${s.clock} (Mesos leader "${s.mesos}") the ${k} chart reads "${s[k]}"`);
    }
  });

  await check('once the new leader answers, the figures are live and Elected is its time', async () => {
    const d = await page.evaluate(readDashboard);
    expect(d.held === '' && !/last known/.test(d.cpu), `the Dashboard still says "${d.held}" / "${d.cpu}"`);
    expect(!d.mesos.startsWith('none') && d.mesos !== leader, `Mesos leader reads "${d.mesos}" (was ${leader})`);
    const elected = clockOf(d.elected);
    expect(elected !== null && elected > crashAt, `Elected ${d.elected} is not after the crash at ${crashAt} ms`);
    expect(totalOf(d.cpu) > 0, `the CPU chart reads "${d.cpu}"`);
  });

  await noUncaughtErrors(check);
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);
