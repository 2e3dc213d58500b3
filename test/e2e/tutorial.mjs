// The tutorial, as a person uses it: lesson 3 ("Your first app") completed by typing into the Services form and
// the in-page CLI, a reload in the middle of it, and every lesson's first step on screen. The built site in
// Debian's Chromium, driven by playwright-core (no browser is downloaded).
//
//   node test/e2e/tutorial.mjs [--dist DIR] [--shots DIR]
//
// Builds the site into a temporary directory (or tests DIR, an existing `vite build`), serves it from a
// sub-path with the static server of site.mjs, and checks, in order:
//   1. the site opens and the cluster boots (the clock advances; a Mesos and a Marathon leader are elected);
//   2. the header's Tutorial button opens the lesson list, and "Your first app" starts that lesson at step 1
//      (its own cluster boots; ×10 speed keeps the waits short);
//   3. step 1: Services → "Run a service", the form's fields typed in, "Run service": step 1 turns done and
//      step 2 is current;
//   4. a reload mid-lesson (the fragment says `lesson=first-app&step=2`) comes back at step 2 with step 1 done,
//      and the lesson list, from the progress stored in IndexedDB, says "Step 2 of 4";
//   5. step 2: backtick, `dcos marathon app add`, Shift+Enter, a pasted app JSON, Enter;
//   6. step 3: `dcos marathon app update /hello instances=3`;
//   7. step 4: `dcos task hello` lists the tasks with their hosts, then the hostname UNIQUE constraint;
//   8. the lesson shows complete, the header and the lesson list say so;
//   9. every lesson, opened by its link `#lesson=ID&step=1` in a fresh browser context at 1280×720, shows its
//      first step (title, "Step 1 of N", the step's text and goal) on a booted cluster; one more at 390×844.
//      With --shots, a screenshot of each (lesson-ID.png, lesson-first-app-390x844.png);
//  10. no uncaught error in any page.
// Prints one line per check and "e2e tutorial: N passed, N failed"; writes {passed, failed} for CI's closing
// line (test/support/ci-summary.mjs) to e2e-tutorial-summary.json (site.mjs: summaryFile).
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { pageHelpers } from './page.mjs';

const WAIT_MS = 20_000;
const DEADLINE_MS = 110_000;
/** LESSONS of src/tutorial/lessons/index.ts, in order: id, title, step count. */
const LESSONS = [
  ['tour', 'The tour'],
  ['two-level', 'Two-level scheduling'],
  ['first-app', 'Your first app'],
  ['self-healing', 'Scale and self-healing'],
  ['drf', 'Fair sharing with DRF'],
  ['placement', 'Placement constraints'],
  ['rolling', 'Rolling upgrades'],
  ['discovery', 'Find and balance a service'],
  ['jobs', 'Jobs on a schedule'],
  ['ha', 'High availability'],
  ['share', 'Share what you built'],
  ['volumes', 'Keep your data'],
  ['kafka', 'Install Kafka'],
  ['culprit', 'Find the culprit'],
  ['least-privilege', 'Least privilege'],
];
const HELLO_CLI = { id: '/hello-cli', cmd: 'python3 -m http.server $PORT0', instances: 2, cpus: 0.1, mem: 64 };

const { check, finish, results, shotsDir, executablePath, dist } = await startSuite('tutorial', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const { openPage, clockAdvances, leadersElected, noAlerts, alertText, shot, noUncaughtErrors } = pageHelpers({ waitMs: WAIT_MS, shotsDir });

try {
  const page = await openPage(await browser.newContext({ viewport: { width: 1280, height: 800 } }), 'lesson');
  const panel = page.locator('#tutorial-panel');
  const tutorialButton = page.getByRole('button', { name: /^Tutorial/ });
  const terminal = page.getByRole('region', { name: 'Terminal' });
  const commandBox = terminal.getByRole('textbox', { name: 'dcos command' });
  const output = terminal.getByRole('log', { name: 'Terminal output' });

  await check('the site opens and the cluster boots: a Mesos and a Marathon leader are elected', async () => {
    await page.goto(server.url, { waitUntil: 'load' });
    await clockAdvances(page);
    await leadersElected(page);
  });

  await check('the Tutorial button opens the lesson list; "Your first app" starts lesson 3 at step 1', async () => {
    await tutorialButton.click();
    await panel.waitFor({ state: 'visible' });
    const list = panel.getByRole('list').first();
    const titles = (await list.getByRole('button').allInnerTexts()).map((t) =>
      t
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
    );
    expect(
      titles.length === LESSONS.length,
      `the lesson list has ${titles.length} lessons, not ${LESSONS.length}: ${JSON.stringify(titles)}`,
    );
    const third = titles[2]?.join(' ') ?? '';
    expect(third.includes('Your first app') && third.includes('Not started'), `the third lesson reads "${third}"`);
    await panel.getByRole('button', { name: /^Your first app/ }).click();
    await panel.getByRole('heading', { name: 'Your first app', level: 3 }).waitFor();
    await atStep(page, 0);
    await leadersElected(page);
    await fast(page);
    await shot(page, 'lesson-started');
  });

  await check('step 1: Services → "Run a service", the form typed in, "Run service": step 1 done, step 2 current', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Services' }).click();
    await page.getByRole('button', { name: 'Run a service' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Run a service' });
    await dialog.waitFor();
    await typeInto(dialog.getByLabel('Service ID'), '/hello');
    await typeInto(dialog.getByLabel('Command'), 'python3 -m http.server $PORT0');
    await typeInto(dialog.getByLabel('CPUs'), '0.1');
    await typeInto(dialog.getByLabel('Memory (MiB)'), '64');
    await typeInto(dialog.getByLabel('Instances'), '1');
    await shot(page, 'form-typed');
    await dialog.getByRole('button', { name: 'Run service' }).click();
    try {
      await dialog.waitFor({ state: 'hidden' });
    } catch {
      throw new Error(`the dialog stayed open after "Run service": ${(await dialog.innerText()).replace(/\s+/g, ' ').slice(0, 300)}`);
    }
    await atStep(page, 1);
    await shot(page, 'step-1-done');
  });

  await check('a reload mid-lesson comes back at step 2 (step 1 done); the lesson list says "Step 2 of 4"', async () => {
    const hash = new URL(page.url()).hash;
    expect(
      /[#?&]lesson=first-app&step=2$/.test(hash),
      `before the reload the fragment is ${JSON.stringify(hash)}, not at lesson=first-app&step=2`,
    );
    await page.reload({ waitUntil: 'load' });
    await panel.waitFor({ state: 'visible' });
    await panel.getByRole('heading', { name: 'Your first app', level: 3 }).waitFor();
    await atStep(page, 1);
    const after = new URL(page.url()).hash;
    expect(/[#?&]lesson=first-app&step=2$/.test(after), `after the reload the fragment is ${JSON.stringify(after)}`);
    await clockAdvances(page);
    // Step 1 was brought about again on the lesson's fresh cluster: the Services page shows /hello running.
    await appRow(page, 'hello', 1);
    // The stored progress (IndexedDB), as the lesson list shows it.
    await panel.getByRole('button', { name: 'All lessons' }).click();
    const entry = panel.getByRole('button', { name: /^Your first app/ });
    try {
      await entry.filter({ hasText: 'Step 2 of 4' }).waitFor();
    } catch {
      throw new Error(`the lesson list says "${(await entry.innerText()).replace(/\s+/g, ' ')}" for lesson 3, not "Step 2 of 4"`);
    }
    await panel.getByRole('button', { name: 'Back to the lesson' }).click();
    await atStep(page, 1);
    await fast(page);
    await shot(page, 'reloaded');
  });

  await check('step 2: backtick, `dcos marathon app add`, a pasted app JSON, Enter: step 2 done', async () => {
    await page.locator('body').click({ position: { x: 640, y: 700 } }); // nothing focused that takes text
    await page.keyboard.press('`');
    await terminal.waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'dcos command');
    await page.keyboard.type('dcos marathon app add');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.insertText(JSON.stringify(HELLO_CLI, null, 2)); // a paste: the JSON's lines, no key presses
    const typed = await commandBox.inputValue();
    expect(typed.startsWith('dcos marathon app add\n{\n'), `the command box holds ${JSON.stringify(typed.slice(0, 80))}`);
    await page.keyboard.press('Enter');
    await terminalSays(output, /^Created deployment \S+$/);
    await atStep(page, 2);
  });

  await check('step 3: `dcos marathon app update /hello instances=3`: step 3 done', async () => {
    await command(commandBox, 'dcos marathon app update /hello instances=3');
    await terminalSays(output, /^Created deployment \S+$/, 2);
    await atStep(page, 3);
  });

  await check('step 4: `dcos task hello` lists 3 tasks with hosts; the hostname UNIQUE constraint: step 4 done', async () => {
    await command(commandBox, 'dcos task hello');
    const table = output
      .locator('pre')
      .filter({ hasText: /^\s*NAME\s+HOST/ })
      .last();
    try {
      await table.waitFor();
    } catch {
      throw new Error(`\`dcos task hello\` printed no task table; the terminal shows:\n${(await output.innerText()).slice(-600)}`);
    }
    // The filter matches task ids containing "hello" (hello-cli's too); the NAME column tells /hello's apart.
    const rows = (await table.innerText()).split('\n').filter((l) => /^\s*hello\s/.test(l));
    expect(rows.length === 3, `\`dcos task hello\` lists ${rows.length} tasks of /hello, not 3:\n${await table.innerText()}`);
    await command(commandBox, `dcos marathon app update /hello constraints='[["hostname","UNIQUE"]]'`);
    await terminalSays(output, /^Created deployment \S+$/, 3);
    // The restart usually takes a few simulated seconds, but it has been seen to take minutes: wait at ×100.
    await speed(page, '×100');
    await atStep(page, 4, 40_000);
    // Done means rolled out: the Services page shows /hello with its 3 instances running, no deployment left.
    await appRow(page, 'hello', 3);
    const deploying = page.getByText(/deployments? in progress/i);
    try {
      await deploying.waitFor({ state: 'hidden', timeout: 5000 });
    } catch {
      throw new Error(`the lesson is done but the Services page still says "${await deploying.innerText().catch(() => '')}"`);
    }
  });

  await check('the lesson shows complete: "Lesson complete", the header and the lesson list say done', async () => {
    await panel.getByRole('status').filter({ hasText: 'Lesson complete.' }).waitFor();
    await panel.getByRole('button', { name: /^Next: Scale and self-healing/ }).waitFor();
    expect(
      (await tutorialButton.innerText()).replace(/\s+/g, '') === 'Tutorialdone',
      `the header's button reads "${await tutorialButton.innerText()}"`,
    );
    await shot(page, 'complete');
    await panel.getByRole('button', { name: 'All lessons' }).click();
    await panel
      .getByRole('button', { name: /^Your first app/ })
      .filter({ hasText: 'Done' })
      .waitFor();
    await panel.getByRole('button', { name: 'Back to the lesson' }).click();
  });
  await page.context().close();

  // Two pages at a time (each mostly waits for its cluster to boot at ×1); the checks report in order.
  const shots = [
    ...LESSONS.map(([id, title]) => [
      `lesson ${id}: its link opens "${title}" at step 1 on a booted cluster (1280×720)`,
      () => firstStep(id, title, { width: 1280, height: 720 }, `lesson-${id}`),
    ]),
    [
      'lesson first-app at 390×844: the bottom sheet shows step 1',
      () => firstStep('first-app', 'Your first app', { width: 390, height: 844 }, 'lesson-first-app-390x844'),
    ],
  ];
  // (Not started once a check failed: check() would not run them.)
  const running = results.every((r) => r.ok)
    ? limited(
        shots.map(([, run]) => run),
        2,
      )
    : [];
  for (const [i, [title]] of shots.entries()) await check(title, () => running[i]);

  await noUncaughtErrors(check);
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);

// ---------------------------------------------------------------------------------------------------------

/** A lesson's link in a fresh context: the panel at step 1, the cluster booted, nothing overlapping the step. */
async function firstStep(id, title, viewport, name) {
  const context = await browser.newContext({ viewport });
  try {
    const page = await openPage(context, `lesson ${id}`);
    await page.goto(`${server.url}#lesson=${id}&step=1`, { waitUntil: 'load' });
    const panel = page.locator('#tutorial-panel');
    try {
      await panel.getByRole('heading', { name: title, level: 3 }).waitFor();
    } catch {
      const shown = await panel
        .getByRole('heading', { level: 3 })
        .allInnerTexts()
        .catch(() => []);
      throw new Error(
        `lesson ${id}: the panel does not show "${title}" (its lesson heading: ${JSON.stringify(shown)})${await alertText(page)}`,
      );
    }
    await atStep(page, 0);
    await leadersElected(page);
    await noAlerts(page);
    const current = panel.locator('li[aria-current="step"]');
    expect(
      await current
        .getByRole('status')
        .filter({ hasText: /^\s*Goal\b/ })
        .isVisible(),
      `lesson ${id}: the first step shows no goal`,
    );
    // The step's text and "Show me" are inside the viewport, and the panel does not run off the screen.
    const box = await panel.boundingBox();
    expect(
      box !== null && box.x >= 0 && box.x + box.width <= viewport.width + 0.5,
      `lesson ${id}: the panel is at ${JSON.stringify(box)}, outside ${viewport.width} px`,
    );
    const text = await current.locator('.text').boundingBox();
    expect(
      text !== null && text.y >= box.y && text.y < viewport.height,
      `lesson ${id}: the step's text is not on screen (${JSON.stringify(text)})`,
    );
    await page.waitForTimeout(300); // the panel's entrance and the progress bar's transition
    await shot(page, name);
  } finally {
    await context.close();
  }
}

/** The Services page lists app `name`, Running, with `n` of `n` instances running. */
async function appRow(page, name, n) {
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  const wanted = new RegExp(`\\b${n} running \\(.*\\), 0 staged, ${n} wanted`);
  try {
    await row.filter({ hasText: wanted }).filter({ hasText: 'Running' }).waitFor({ timeout: 5000 });
  } catch {
    const seen =
      (await row.count()) > 0
        ? await row.first().innerText()
        : `no row for ${name} (${(await page.locator('#content').innerText()).replace(/\s+/g, ' ').slice(0, 200)})`;
    throw new Error(`the Services page does not show /${name} with ${n} of ${n} running (${seen.replace(/\s+/g, ' ')})`);
  }
}

/** Select what the field holds and type `text` over it, a key at a time. */
async function typeInto(field, text) {
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.pressSequentially(text);
  const value = await field.inputValue();
  expect(value === text, `the field holds ${JSON.stringify(value)} after typing ${JSON.stringify(text)}`);
}

/** Type `line` into the terminal's command box and press Enter. */
async function command(box, line) {
  await box.click();
  await box.page().keyboard.type(line);
  await box.page().keyboard.press('Enter');
}

/** The terminal has printed a line matching `re` at least `times` times. */
async function terminalSays(output, re, times = 1) {
  try {
    await output
      .getByText(re)
      .nth(times - 1)
      .waitFor();
  } catch {
    throw new Error(`the terminal did not say ${re} (${times}×); it shows:\n${(await output.innerText()).slice(-600)}`);
  }
}

/**
 * The panel shows the lesson at `index` (0-based): steps before it done (✓, "(done)"), step `index` current,
 * "Step index+1 of N" (or "Done" past the last step).
 */
async function atStep(page, index, timeout = WAIT_MS) {
  try {
    await page.waitForFunction(
      (i) => {
        const panel = document.getElementById('tutorial-panel');
        const steps = [...(panel?.querySelectorAll('.lesson > ol.steps > li') ?? [])];
        if (steps.length === 0 || panel.querySelector('[role="status"].busy')) return false;
        const ok = steps.every((li, k) =>
          k < i
            ? li.textContent.includes('(done)') && !li.hasAttribute('aria-current')
            : k === i
              ? li.getAttribute('aria-current') === 'step'
              : !li.textContent.includes('(done)') && !li.hasAttribute('aria-current'),
        );
        const count = panel.querySelector('.meta .count')?.textContent?.trim();
        return ok && count === (i >= steps.length ? 'Done' : `Step ${i + 1} of ${steps.length}`);
      },
      index,
      { timeout },
    );
  } catch {
    throw new Error(`the panel is not at step ${index + 1}: it shows ${await panelState(page)}${await alertText(page)}`);
  }
}

/** The panel's steps as one line: "Step 2 of 4: ✓ Through the form, ▶ Through the CLI, · Three of them". */
async function panelState(page) {
  return page.evaluate(() => {
    const panel = document.getElementById('tutorial-panel');
    if (!panel) return 'no tutorial panel';
    const count = panel.querySelector('.meta .count')?.textContent?.trim() ?? '(no step count)';
    const busy = panel.querySelector('.busy')?.textContent?.trim();
    const steps = [...panel.querySelectorAll('.lesson > ol.steps > li')].map((li) => {
      const mark = li.textContent.includes('(done)') ? '✓' : li.hasAttribute('aria-current') ? '▶' : '·';
      return `${mark} ${li.querySelector('.title')?.textContent?.trim()}`;
    });
    return `"${count}"${busy ? ` (busy: ${busy})` : ''}: ${steps.join(', ') || 'no steps'}`;
  });
}

/** The header's ×10 speed, pressed. */
async function fast(page) {
  await speed(page, '×10');
}

async function speed(page, name) {
  const speeds = page.getByRole('group', { name: 'Simulation speed' });
  await speeds.getByRole('button', { name, exact: true }).click();
  try {
    await speeds.getByRole('button', { name, exact: true, pressed: true }).waitFor();
  } catch {
    throw new Error(`the ${name} speed button does not show pressed after a click`);
  }
}

/** Runs `tasks` (functions returning promises), at most `n` at a time; their promises, in order (never unhandled). */
function limited(tasks, n) {
  const gates = [];
  const promises = tasks.map((task, i) => {
    const p = (i < n ? Promise.resolve() : gates[i - n]).then(() => task());
    gates.push(p.catch(() => undefined));
    p.catch(() => undefined);
    return p;
  });
  return promises;
}
