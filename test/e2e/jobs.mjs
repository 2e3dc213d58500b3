// The Jobs page (DC/OS Jobs, Metronome at /service/metronome/v1): create a job with a schedule, run it, read its
// history and configuration, delete it. The built site in Debian's Chromium, driven by playwright-core.
//
//   node test/e2e/jobs.mjs [--dist DIR] [--shots DIR]
//
// Checks, in order:
//   1. the site opens at 1440×900 and the cluster boots;
//   2. #/jobs loads its own chunk and (once a Metronome leads: until then the page says Metronome does not answer)
//      shows its empty state with "Create a job";
//   3. a job made with the Create form (id `backup`, command `sleep 10`, 0.1 CPU, 16 MiB at first) with a schedule
//      (`*/5 * * * *`): the form reads the cron in words and lists its next five times; Metronome's 422 for 16 MiB
//      is shown under Memory; at 32 MiB it saves; the list has the job with status Scheduled and a Next run;
//   4. Run now on the job's page: the run appears in Run History and is active (at ×1), then (at ×100) shows
//      Success with a finished time and a run time; opened, its task is Finished;
//   5. the Configuration tab shows the job's JSON; `dcos job list` in the terminal lists it, Scheduled, its
//      last run a Success;
//   6. Delete asks whether to stop the current runs, and the job is gone from the list;
//   7. at 390×844 the list, the detail and the edit form fit the window (no sideways scroll), and no cell of the
//      list's row is cut short (the id, the status, the menu's button); the list and the detail at 360 px too;
//   8. no uncaught error in any page.
// axe-core finds no violation on the list, the detail, the configuration and the form (1440 and 390 px wide).
// With --shots, screenshots of each state (VIEWPORT-STATE.png). Prints one line per check and
// "e2e jobs: N passed, N failed"; writes {passed, failed} to e2e-jobs-summary.json.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { fits, noViolations, pageHelpers } from './page.mjs';

const WAIT_MS = 20_000;
const DEADLINE_MS = 150_000;
const JOB = 'backup';
const CRON = '*/5 * * * *';
/** A simulated time as the Jobs page writes it: `0d 00:05:00`. */
const SIM_TIME = /^\d+d \d\d:\d\d:\d\d$/;

const { check, finish, shotsDir, executablePath, dist } = await startSuite('jobs', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const { openPage, clockAdvances, leadersElected, shot, noUncaughtErrors } = pageHelpers({ waitMs: WAIT_MS, shotsDir });

try {
  const page = await openPage(await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true }), '1440');
  const content = page.locator('#content');
  const speed = (name) => page.getByRole('group', { name: 'Simulation speed' }).getByRole('button', { name, exact: true }).click();
  const go = (hash) => page.evaluate((h) => (location.hash = h), hash);

  await check('the site opens at 1440×900 and the cluster boots', async () => {
    await page.goto(`${server.url}#/dashboard`, { waitUntil: 'load' });
    await clockAdvances(page);
    await leadersElected(page);
  });

  await check('#/jobs loads its own chunk; once Metronome leads, the empty state offers "Create a job"', async () => {
    const chunk = page.waitForResponse((r) => /\/assets\/JobsPage-[\w-]+\.js$/.test(r.url()));
    await go('#/jobs');
    await chunk;
    await content.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor();
    const empty = content.locator('.empty');
    await empty.getByRole('heading', { name: 'No jobs yet' }).waitFor({ timeout: 40_000 });
    await empty.getByRole('button', { name: 'Create a job' }).waitFor();
    await settle(page);
    await shot(page, '1440-empty');
    await noViolations(page, 'empty list');
  });

  await check('the Create form: the cron in words, five next times, a 422 under Memory, then saved and listed', async () => {
    await content.getByRole('button', { name: 'Create a job' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create a job' });
    await dialog.waitFor();
    await dialog.getByLabel('Job ID').fill(JOB);
    await dialog.getByLabel('Command').fill('sleep 10');
    await dialog.getByLabel('CPUs').fill('0.1');
    const mem = dialog.getByLabel('Memory (MiB)');
    await mem.fill('16');
    await dialog.getByLabel('Run on a schedule').check();
    const cron = dialog.getByLabel('Cron expression');
    await cron.fill(CRON);
    const hint = await describedBy(cron);
    expect(/^Every 5 minutes\b.*\(UTC\)\.$/.test(hint), `the cron's reading is "${hint}"`);
    const next = dialog.getByRole('region', { name: /^Next 5 runs/ });
    const times = await next.getByRole('listitem').allInnerTexts();
    expect(times.length === 5, `the form lists ${times.length} next times: ${times.join(' | ')}`);
    const minutes = times.map((t) => /\d+d \d\d:(\d\d):00/.exec(t)?.[1]);
    expect(
      minutes.every((m) => m !== undefined && Number(m) % 5 === 0),
      `the next times are not every 5 minutes: ${times.join(' | ')}`,
    );
    await next.scrollIntoViewIfNeeded();
    await shot(page, '1440-create-schedule');
    await noViolations(page, 'create form');
    await dialog.getByRole('button', { name: 'Create job' }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: /problem/ })
      .waitFor();
    const memNote = await describedBy(mem);
    expect(/16 is smaller than required minimum value of 32/.test(memNote), `under Memory: "${memNote}"`);
    expect((await mem.getAttribute('aria-invalid')) === 'true', 'Memory is not marked invalid');
    await mem.scrollIntoViewIfNeeded();
    await shot(page, '1440-create-422');
    await noViolations(page, 'create form with a 422');
    await mem.fill('32');
    await dialog.getByRole('button', { name: 'Create job' }).click();
    await dialog.waitFor({ state: 'detached' });
    await content.getByRole('heading', { name: JOB, level: 1 }).waitFor();
    await go('#/jobs');
    const row = content.getByRole('row', { name: new RegExp(`^${JOB}\\b`) });
    await row.waitFor();
    await row.getByText('Scheduled', { exact: true }).waitFor();
    const nextRun = (await row.locator('td').nth(2).locator('.mono').innerText()).trim();
    expect(SIM_TIME.test(nextRun), `the Next run reads "${nextRun}"`);
    await settle(page);
    await shot(page, '1440-list');
    await noViolations(page, 'list');
  });

  await check('Run now: the run is listed, active, then Success with its finish and run time; its task Finished', async () => {
    await content.getByRole('link', { name: JOB, exact: true }).click();
    await content.getByRole('heading', { name: JOB, level: 1 }).waitFor();
    await content
      .getByRole('group', { name: `Actions for ${JOB}` })
      .getByRole('button', { name: 'Run now' })
      .click();
    const started = page.getByText(new RegExp(`^Started run (\\S+) of ${JOB}\\.$`));
    await started.waitFor();
    const runId = /^Started run (\S+) of/.exec(await started.innerText())[1];
    const runs = content.getByRole('region', { name: `Runs of ${JOB}` });
    const run = runs.getByRole('row', { name: new RegExp(`^${runId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) });
    const chip = run.locator('td').nth(0);
    await chip.getByText(/^(Starting|Running)$/).waitFor();
    await run.getByRole('button', { name: `Stop run ${runId}` }).waitFor();
    await settle(page);
    await shot(page, '1440-detail-active');
    await noViolations(page, 'detail with an active run');
    await speed('×100');
    await chip.getByText('Success', { exact: true }).waitFor();
    await speed('×1');
    const finished = (await run.locator('td').nth(2).innerText()).trim();
    const took = (await run.locator('td').nth(3).innerText()).trim();
    expect(SIM_TIME.test(finished), `the run's Finished reads "${finished}"`);
    expect(/^\d+ s$|min/.test(took), `the run's Run time reads "${took}"`);
    await run.getByRole('button', { name: runId }).click();
    const tasks = runs.getByRole('table', { name: `Tasks of run ${runId}` });
    await tasks.getByText('Finished', { exact: true }).waitFor();
    await settle(page);
    await shot(page, '1440-detail-history');
    await noViolations(page, 'run history');
  });

  await check('the Configuration tab shows the job JSON; `dcos job list` has it Scheduled, last run Success', async () => {
    await content.getByRole('link', { name: 'Configuration', exact: true }).click();
    const pre = content.getByLabel('Job definition (JSON)');
    await pre.waitFor();
    const json = JSON.parse(await pre.innerText());
    expect(
      json.id === JOB && json.run?.cmd === 'sleep 10' && json.run.cpus === 0.1 && json.run.mem === 32 && json.schedules?.[0]?.cron === CRON,
      `the JSON reads ${JSON.stringify(json)}`,
    );
    await settle(page);
    await shot(page, '1440-configuration');
    await noViolations(page, 'configuration');
    // A scheduled run may be active for a moment: the status is Scheduled once none is.
    await content.getByRole('link', { name: /^Run History/ }).click();
    await content.locator('.facts-row').getByText('Scheduled', { exact: true }).waitFor();
    const toggle = page.getByRole('button', { name: 'Terminal', exact: true });
    await toggle.click();
    const terminal = page.getByRole('region', { name: 'Terminal' });
    await terminal.getByRole('textbox', { name: 'dcos command' }).click();
    await page.keyboard.type('dcos job list');
    await page.keyboard.press('Enter');
    const output = terminal.getByRole('log', { name: 'Terminal output' });
    const table = output.locator('pre').filter({ hasText: /^\s*ID\s+STATUS\s+LAST RUN/ });
    await table.waitFor().catch(async () => {
      throw new Error(`\`dcos job list\` printed no table; the terminal shows:\n${(await output.innerText()).slice(-400)}`);
    });
    const rows = (await table.innerText()).split('\n').map((l) => l.trim().split(/\s+/));
    const cols = rows.find((r) => r[0] === JOB);
    expect(cols?.[1] === 'Scheduled' && cols[2] === 'Success', `\`dcos job list\` says: ${rows.map((r) => r.join(' ')).join(' | ')}`);
    await shot(page, '1440-terminal');
    await toggle.click();
  });

  await check('Delete asks whether to stop the current runs, and the job is gone', async () => {
    await go('#/jobs');
    await content.getByRole('button', { name: `Actions for ${JOB}` }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete ${JOB}` });
    await dialog.getByRole('checkbox', { name: /^Stop its current runs/ }).waitFor();
    await shot(page, '1440-delete');
    await noViolations(page, 'delete dialog');
    await dialog.getByRole('button', { name: 'Delete job' }).click();
    await dialog.waitFor({ state: 'detached' });
    await content.getByRole('heading', { name: 'No jobs yet' }).waitFor();
    await page.getByText(`Deleted the job ${JOB}.`).waitFor();
  });

  await check('at 390 and 360 px the list, the detail and the edit form fit; no cell of the list is cut short', async () => {
    // A second job from the same form (Metronome's JSON as the page sends it), for the narrow pages.
    await content.getByRole('button', { name: 'Create a job' }).first().click();
    const create = page.getByRole('dialog', { name: 'Create a job' });
    await create.getByLabel('Job ID').fill(JOB);
    await create.getByLabel('Description').fill('Nightly backup of the data volume');
    await create.getByLabel('Command').fill('sleep 10');
    await create.getByLabel('Run on a schedule').check();
    await create.getByLabel('Cron expression').fill(CRON);
    await create.getByRole('button', { name: 'Create job' }).click();
    await create.waitFor({ state: 'detached' });
    for (const [width, height] of [
      [390, 844],
      [360, 740],
    ]) {
      await page.setViewportSize({ width, height });
      await go('#/jobs');
      const link = content.getByRole('link', { name: JOB, exact: true });
      await link.waitFor();
      await settle(page);
      // No cell of the row is cut short (the id, the status, the menu's button); the description may be.
      const clipped = await link.evaluate((a) =>
        [...a.closest('tr').children]
          .filter((c) => c.offsetParent !== null && c.scrollWidth > c.clientWidth)
          .map((c) => `cell ${c.cellIndex + 1} “${c.innerText.replace(/\s+/g, ' ').trim()}”`),
      );
      expect(clipped.length === 0, `at ${width} px the list cuts short: ${clipped.join(' | ')}`);
      await fits(page, `${width} list`);
      await go(`#/jobs/detail/${JOB}`);
      await content.getByRole('group', { name: `Actions for ${JOB}` }).waitFor();
      await settle(page);
      await fits(page, `${width} detail`);
      if (width !== 390) continue;
      await shot(page, '390-detail');
      await noViolations(page, '390 detail');
      await go('#/jobs');
      await link.waitFor();
      await settle(page);
      await shot(page, '390-list');
      await noViolations(page, '390 list');
      await go(`#/jobs/detail/${JOB}/configuration`);
      await content.getByLabel('Job definition (JSON)').waitFor();
      await settle(page);
      await shot(page, '390-configuration');
      await fits(page, '390 configuration');
      await noViolations(page, '390 configuration');
      await content
        .getByRole('group', { name: `Actions for ${JOB}` })
        .getByRole('button', { name: 'Edit' })
        .click();
      const edit = page.getByRole('dialog', { name: `Edit ${JOB}` });
      await edit.getByLabel('Cron expression').scrollIntoViewIfNeeded();
      await settle(page);
      await shot(page, '390-edit');
      await fits(page, '390 edit form');
      await noViolations(page, '390 edit form');
      await edit.getByRole('button', { name: 'Cancel' }).click();
      await edit.waitFor({ state: 'detached' });
    }
  });

  await noUncaughtErrors(check);
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);

/** The text of the note an input is described by (its hint and the API's errors). */
async function describedBy(input) {
  const id = await input.getAttribute('aria-describedby');
  return (await input.page().locator(`[id="${id}"]`).innerText()).replace(/\s+/g, ' ').trim();
}

/** A moment for the page's data to arrive and its transitions to end. */
async function settle(page) {
  await page.waitForTimeout(400);
}
