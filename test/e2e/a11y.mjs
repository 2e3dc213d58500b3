// Accessibility and narrow screens: axe-core over every page state, the keyboard's ways around, and no
// sideways scrolling on a phone. The built site in Debian's Chromium, driven by playwright-core.
//
//   node test/e2e/a11y.mjs [--dist DIR] [--shots DIR]
//
// Builds the site into a temporary directory (or tests DIR, an existing `vite build`), serves it from a
// sub-path with the static server of site.mjs, and checks, in order:
//   1. the site opens at 1440×900 and the cluster boots;
//   2. axe-core (node_modules/axe-core, every rule it runs by default) finds no violation in any page state:
//      every page of the sidebar, a Services app's detail and one of its tasks, the fault panel, the terminal,
//      the tutorial panel, the share dialog and the import/export dialog; each violation is printed with its
//      rule, the nodes' targets and axe's summary;
//   3. the keyboard: the first Tab stop is the skip link, which moves focus to the page; a lesson chosen with
//      Enter keeps focus in the tutorial panel; Escape closes the panel and focus goes back to its button;
//      "Ready to work offline" (watched from the start) sits in a polite live region, has nothing to Tab to,
//      and goes by itself;
//   4. the same axe pass at 390×844 (a phone);
//   5. at 360×740 no page scrolls sideways (the document is no wider than the window);
//   6. no uncaught error in any page.
// With --shots, a screenshot of each state (VIEWPORT-STATE.png). Prints one line per check and
// "e2e a11y: N passed, N failed"; writes {passed, failed} to e2e-a11y-summary.json (site.mjs: summaryFile).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, ROOT, startServer, startSuite } from './site.mjs';
import { pageHelpers } from './page.mjs';

const WAIT_MS = 20_000;
const DEADLINE_MS = 110_000;
const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

const { check, finish, shotsDir, executablePath, dist } = await startSuite('a11y', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const { openPage, clockAdvances, leadersElected, shot, noUncaughtErrors } = pageHelpers({ waitMs: WAIT_MS, shotsDir });

try {
  const desktop = await openPage(await browser.newContext({ viewport: { width: 1440, height: 900 } }), '1440');

  await check('the site opens at 1440×900 and the cluster boots', async () => {
    await boot(desktop);
  });

  // "Ready to work offline" (the first visit's service worker) is watched while the other checks run.
  const offlineNote = watchOfflineNote(desktop);

  await check('axe-core finds no violation in any page state at 1440×900', async () => {
    await noViolations(desktop, '1440');
  });

  await check('the first Tab stop is the skip link, and it moves focus to the page', async () => {
    await desktop.reload({ waitUntil: 'load' });
    await desktop.locator('#content').waitFor();
    await desktop.keyboard.press('Tab');
    const first = await desktop.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    expect(/^Skip to (the )?(page|content|main content)$/i.test(first), `the first Tab stop reads "${first}", not the skip link`);
    await desktop.keyboard.press('Enter');
    const focused = await desktop.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName);
    expect(focused === 'content', `after the skip link focus is on ${focused}, not the page (#content)`);
  });

  await check('a lesson chosen with Enter keeps focus in the panel; Escape closes it, focus back on its button', async () => {
    await leadersElected(desktop);
    const toggle = desktop.locator('#tutorial-toggle');
    await desktop.evaluate(() => (location.hash = '#/dashboard'));
    await toggle.click();
    const panel = desktop.locator('#tutorial-panel');
    await panel.waitFor({ state: 'visible' });
    await panel.getByRole('button', { name: /^The tour/ }).focus();
    await desktop.keyboard.press('Enter');
    await panel.getByRole('heading', { name: 'The tour', level: 3 }).waitFor();
    const where = await desktop.evaluate(() => {
      const el = document.activeElement;
      return { inPanel: !!el?.closest('#tutorial-panel'), what: el ? `${el.tagName} ${el.textContent?.trim().slice(0, 40)}` : 'none' };
    });
    expect(where.inPanel, `after Enter on a lesson focus is on ${where.what}, not in the tutorial panel`);
    await desktop.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden', timeout: 2000 }).catch(() => {
      throw new Error('Escape did not close the tutorial panel');
    });
    const id = await desktop.evaluate(() => document.activeElement?.id);
    expect(id === 'tutorial-toggle', `after Escape focus is on #${id}, not the Tutorial button`);
  });

  await check('"Ready to work offline" is a polite status with nothing to Tab to, and goes by itself', async () => {
    const note = await offlineNote;
    expect(note.error === undefined, note.error);
    expect(note.inStatus, 'the note is not inside a role="status" live region');
    expect(note.focusable === 0, `the note has ${note.focusable} focusable element(s): a Tab stop`);
    expect(note.shownMs <= 12_000, `the note stayed ${note.shownMs} ms`);
  });

  const phone = await openPage(await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }), '390');

  await check('axe-core finds no violation in any page state at 390×844', async () => {
    await boot(phone);
    await noViolations(phone, '390');
  });

  await check('at 360×740 no page scrolls sideways', async () => {
    await phone.setViewportSize({ width: 360, height: 740 });
    const wide = [];
    for (const state of await pageStates(phone)) {
      await state.open();
      const w = await phone.evaluate(() => document.documentElement.scrollWidth);
      await shot(phone, `360-${state.name}`);
      if (w > 360) wide.push(`${state.name}: ${w} px`);
      await state.close?.();
    }
    expect(wide.length === 0, `wider than 360 px: ${wide.join(', ')}`);
  });

  await noUncaughtErrors(check);
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);

// ---------------------------------------------------------------------------------------------------------

async function boot(page) {
  await page.goto(`${server.url}#/dashboard`, { waitUntil: 'load' });
  await clockAdvances(page);
  await leadersElected(page);
}

/** When the offline note shows: where it sits, what in it takes focus, and how long it stays (or `error`). */
async function watchOfflineNote(page) {
  const note = page.getByTestId('offline-ready');
  try {
    await note.waitFor({ timeout: WAIT_MS });
  } catch {
    return { error: `no "Ready to work offline" within ${WAIT_MS / 1000} s` };
  }
  const shown = Date.now();
  const facts = await note.evaluate((el) => ({
    inStatus: el.closest('[role="status"]') !== null,
    focusable: el.querySelectorAll('a[href], button, input, select, textarea, [tabindex]').length,
  }));
  try {
    await note.waitFor({ state: 'detached', timeout: 15_000 });
  } catch {
    return { error: 'the note was still there 15 s after it showed' };
  }
  return { ...facts, shownMs: Date.now() - shown };
}

/** Runs axe in every page state; throws with every violation found. */
async function noViolations(page, label) {
  const found = [];
  for (const state of await pageStates(page)) {
    await state.open();
    await shot(page, `${label}-${state.name}`);
    for (const v of await axe(page)) {
      for (const node of v.nodes)
        found.push(`${state.name}: ${v.id} ${node.target.join(' ')}\n        ${node.failureSummary.replace(/\n\s*/g, ' ')}`);
    }
    await state.close?.();
  }
  expect(found.length === 0, `${found.length} violation node(s):\n      ${found.join('\n      ')}`);
}

async function axe(page) {
  // Evaluated rather than added as a <script>: the site's Content-Security-Policy refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  // Nothing moves while axe looks: a page in the middle of a fade has colours no one sees for long.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations;
}

/** The page states: every page of the sidebar, then the panels and dialogs over the dashboard. */
async function pageStates(page) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const hrefs = await nav.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const go = async (href) => {
    await page.evaluate((h) => (location.hash = h), href);
    await page.waitForFunction((h) => document.querySelector(`nav a[href="${h}"]`)?.getAttribute('aria-current') === 'page', href);
    await settle(page);
  };
  const states = hrefs.map((href) => ({ name: href.replace(/^#\/?/, ''), open: () => go(href) }));
  states.push({
    name: 'service-detail',
    open: async () => {
      await go('#/services/detail/%2Fmarathon-lb');
      await page.locator('#content .tabs a[aria-current="page"]').waitFor();
      await settle(page);
    },
  });
  states.push({
    name: 'task-detail',
    open: async () => {
      await go('#/services/detail/%2Fmarathon-lb');
      const task = page.locator('#content a[href*="/tasks/"]').first();
      await task.waitFor();
      await go(await task.getAttribute('href'));
      await page.getByRole('heading', { name: 'Status history', level: 2 }).waitFor();
      await settle(page);
    },
  });
  const button = (name) => page.getByRole('button', { name, exact: true });
  states.push(
    {
      name: 'faults',
      open: async () => {
        await go('#/dashboard');
        await button('Faults').click();
        await page.locator('#fault-panel').waitFor();
        await settle(page);
      },
      close: () => button('Faults').click(),
    },
    {
      name: 'terminal',
      open: async () => {
        await button('Terminal').click();
        await page.getByRole('region', { name: 'Terminal' }).waitFor();
        await settle(page);
      },
      close: () => button('Terminal').click(),
    },
    {
      name: 'tutorial',
      open: async () => {
        await page.locator('#tutorial-toggle').click();
        await page.locator('#tutorial-panel').waitFor();
        await settle(page);
      },
      close: () => page.locator('#tutorial-toggle').click(),
    },
    {
      name: 'share',
      open: async () => {
        await button('Share').click();
        await page.getByRole('dialog', { name: 'Share this cluster' }).waitFor();
        await settle(page);
      },
    },
    {
      name: 'import-export',
      open: async () => {
        await page.getByTestId('open-import-export').click();
        await page.getByRole('dialog').waitFor();
        await settle(page);
      },
      close: async () => {
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'hidden' });
      },
    },
  );
  return states;
}

/** A moment for the page's data to arrive and its transitions to end. */
async function settle(page) {
  await page.waitForTimeout(250);
}
