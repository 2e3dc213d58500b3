// The Secrets page (Enterprise DC/OS's secret store, /secrets/v1), as the DC/OS UI's secrets plugin shows it. The
// built site in Debian's Chromium, driven by playwright-core.
//
//   node test/e2e/secrets.mjs [--dist DIR] [--shots DIR]
//
// Checks, in order:
//   1. #/secrets loads its own chunk; Secrets sits between Networking and Components in the sidebar; a new cluster has
//      no secrets: "No active secrets" with Create Secret;
//   2. New Secret refuses an empty form ("This field is required."), "/db" and "db password" with the DC/OS UI's
//      path messages, then creates db/password, which is listed without its value anywhere in the page;
//   3. a second db/password is refused in the dialog with the store's 409 message; the filter narrows the table;
//   4. the secret's page shows its path and "••••••••"; the value is not in the page until Show, and Hide removes it;
//   5. Edit saves a new value (PATCH), which Show then reads;
//   6. Delete asks "Are you sure?", deletes, and the list is empty again;
//   7. a user without grants sees "Permission denied" for the list and for a secret's value; signed out, the page
//      asks to log in;
//   8. at 390×844 and 360×740 the list, the secret's page and the form fit the width (no sideways scroll);
//   9. no uncaught error in any page.
// axe-core finds no violation in any state checked. With --shots, screenshots (VIEWPORT-STATE.png). Prints one line
// per check and "e2e secrets: N passed, N failed"; writes {passed, failed} to e2e-secrets-summary.json.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { closeTerminal, fits, go, noViolations, pageHelpers, settle, terminal } from './page.mjs';

const WAIT_MS = 20_000;
const DEADLINE_MS = 180_000;
const PATH = 'db/password';
const FIRST = 'throwaway-1';
const SECOND = 'throwaway-2';
const NOBODY = 'no-grants';
const NOBODY_PASSWORD = 'nobody-throwaway';

const { check, finish, shotsDir, executablePath, dist } = await startSuite('secrets', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const { openSite, shot, noUncaughtErrors } = pageHelpers({ waitMs: WAIT_MS, shotsDir, browser, siteUrl: server.url });
/** The page's own markup (the terminal, outside it, echoes the commands typed, values included). */
const pageText = (page) => page.evaluate(() => document.getElementById('content')?.innerHTML ?? '');

/** The New Secret form filled with `path` and `value`, sent; resolves to the dialog. */
async function submitSecret(page, path, value) {
  const dialog = page.getByRole('dialog', { name: 'Create New Secret' });
  await dialog.getByRole('textbox', { name: /^ID/ }).fill(path);
  await dialog.getByRole('textbox', { name: /^Value/ }).fill(value);
  await dialog.getByRole('button', { name: 'Create Secret' }).click();
  return dialog;
}

try {
  const page = await openSite({ width: 1440, height: 900 }, '1440');
  const content = page.locator('#content');

  await check('#/secrets loads its own chunk, sits after Networking in the sidebar, and shows the empty state', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    const labels = (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
    const at = labels.indexOf('Secrets');
    expect(at > 0 && labels[at - 1] === 'Networking' && labels[at + 1] === 'Components', `the sidebar reads ${labels.join(', ')}`);
    const chunk = page.waitForResponse((r) => /\/assets\/SecretsPage-[\w-]+\.js$/.test(r.url()));
    await nav.getByRole('link', { name: 'Secrets' }).click();
    await chunk;
    await content.getByRole('heading', { name: 'Secrets', level: 1 }).waitFor();
    await content.getByRole('heading', { name: 'No active secrets' }).waitFor();
    await content.getByRole('button', { name: 'Create Secret' }).waitFor();
    await settle(page);
    await shot(page, '1440-empty');
    await noViolations(page, '1440 empty');
  });

  await check("New Secret checks the form with DC/OS's messages, then creates db/password, listed without its value", async () => {
    await content.getByRole('button', { name: 'New Secret' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create New Secret' });
    await dialog.getByRole('button', { name: 'Create Secret' }).click();
    const required = await dialog.getByText('This field is required.').count();
    expect(required === 2, `"This field is required." shows ${required} times, not under ID and Value`);
    await submitSecret(page, '/db', FIRST);
    await dialog.getByText('Invalid syntax. Cannot use slashes at the beginning or end.').waitFor();
    await submitSecret(page, 'db password', FIRST);
    await dialog.getByText('Alphanumerical, dashes, underscores and slashes are allowed.').waitFor();
    await settle(page);
    await shot(page, '1440-form-bad-path');
    await noViolations(page, '1440 form with a bad path');
    await submitSecret(page, PATH, FIRST);
    await dialog.waitFor({ state: 'detached' });
    await content.getByTestId('secrets').getByRole('link', { name: PATH }).waitFor();
    expect(!(await pageText(page)).includes(FIRST), 'the value is in the page after creating it');
    await settle(page);
    await shot(page, '1440-list');
    await noViolations(page, '1440 list');
  });

  await check("a second db/password is refused in the dialog with the store's 409; the filter narrows the table", async () => {
    await content.getByRole('button', { name: 'New Secret' }).click();
    const dialog = await submitSecret(page, PATH, 'other');
    await dialog.getByTestId('secret-form-error').getByText("409: Secret 'db/password' already exists.").waitFor();
    await settle(page);
    await shot(page, '1440-form-409');
    await noViolations(page, '1440 form with a 409');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    const filter = content.getByRole('searchbox', { name: 'Filter secrets' });
    await filter.fill('nothing-like-it');
    await content.getByText('No secret matches the filter.').waitFor();
    await content.getByText('Showing 0 of 1 Secrets').waitFor();
    await filter.fill('pass');
    await content.getByTestId('secrets').getByRole('link', { name: PATH }).waitFor();
    await content.getByRole('button', { name: '(Clear)' }).click();
    await content.getByText('1 Secret', { exact: true }).waitFor();
  });

  await check('the secret’s page hides the value until Show; Hide takes it out of the page again', async () => {
    await content.getByTestId('secrets').getByRole('link', { name: PATH }).click();
    expect(
      (await page.evaluate(() => location.hash)) === '#/secrets/detail/db%2Fpassword',
      'the link is not #/secrets/detail/db%2Fpassword',
    );
    await content.getByRole('button', { name: 'Show value' }).waitFor();
    await content.getByText('••••••••').waitFor();
    expect(!(await pageText(page)).includes(FIRST), 'the value is in the page before Show');
    await settle(page);
    await shot(page, '1440-detail-hidden');
    await noViolations(page, '1440 detail, hidden');
    await content.getByRole('button', { name: 'Show value' }).click();
    await content.getByTestId('secret-value').getByText(FIRST, { exact: true }).waitFor();
    await settle(page);
    await shot(page, '1440-detail-shown');
    await noViolations(page, '1440 detail, shown');
    await content.getByRole('button', { name: 'Hide value' }).click();
    await content.getByText('••••••••').waitFor();
    expect(!(await pageText(page)).includes(FIRST), 'the value stays in the page after Hide');
  });

  await check('Edit saves a new value, which Show reads', async () => {
    await content.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Secret' });
    expect(await dialog.getByRole('textbox', { name: /^ID/ }).isDisabled(), 'the ID can be changed when editing');
    await dialog.getByRole('textbox', { name: /^Value/ }).fill(SECOND);
    await settle(page);
    await shot(page, '1440-edit');
    await noViolations(page, '1440 edit');
    await dialog.getByRole('button', { name: 'Save Secret' }).click();
    await dialog.waitFor({ state: 'detached' });
    await content.getByRole('button', { name: 'Show value' }).click();
    await content.getByTestId('secret-value').getByText(SECOND, { exact: true }).waitFor();
  });

  await check('Delete asks "Are you sure?", deletes the secret, and the list is empty again', async () => {
    await content.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Are you sure?' });
    await dialog.getByText(/If you delete db\/password, any services that are making use of it/).waitFor();
    await settle(page);
    await shot(page, '1440-delete');
    await noViolations(page, '1440 delete');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await dialog.waitFor({ state: 'detached' });
    await content.getByRole('heading', { name: 'No active secrets' }).waitFor();
    expect((await page.evaluate(() => location.hash)) === '#/secrets', 'deleting did not go back to #/secrets');
  });

  await check('without grants: Permission denied for the list and the value; signed out: a log-in hint', async () => {
    await terminal(page, `dcos security org users create ${NOBODY} --password=${NOBODY_PASSWORD}`);
    await terminal(page, `dcos security secrets create ${PATH} --value=${FIRST}`);
    await closeTerminal(page);
    await page.locator('header').getByRole('button', { name: 'bootstrapuser, account menu' }).click();
    await page.getByRole('button', { name: 'Sign Out' }).click();
    const login = page.getByRole('dialog', { name: 'Log In' });
    await login.getByRole('button', { name: 'Close' }).click();
    await go(page, '#/secrets');
    await content.getByRole('heading', { name: 'Signed out' }).waitFor();
    await settle(page);
    await shot(page, '1440-signed-out');
    await noViolations(page, '1440 signed out');
    await page.locator('header').getByRole('button', { name: 'Log In' }).click();
    await login.getByRole('textbox', { name: 'Username' }).fill(NOBODY);
    await login.getByLabel('Password').fill(NOBODY_PASSWORD);
    await login.getByRole('button', { name: 'Log In' }).click();
    await login.waitFor({ state: 'detached' });
    await content.getByRole('heading', { name: 'Permission denied' }).waitFor();
    await content.getByText("You do not have permission to list this cluster's secrets.", { exact: false }).waitFor();
    await settle(page);
    await shot(page, '1440-list-forbidden');
    await noViolations(page, '1440 list forbidden');
    await go(page, '#/secrets/detail/db%2Fpassword');
    await content.getByRole('button', { name: 'Show value' }).click();
    await content
      .getByTestId('secret-value-error')
      .getByText(/^Permission denied\. You do not have permission to see this secret\./)
      .waitFor();
    expect(!(await pageText(page)).includes(FIRST), 'a refused value is in the page');
    await settle(page);
    await shot(page, '1440-value-forbidden');
    await noViolations(page, '1440 value forbidden');
  });

  await check('at 390×844 and 360×740 the list, the secret’s page and the form fit the width', async () => {
    const phone = await openSite({ width: 390, height: 844 }, '390');
    const phoneContent = phone.locator('#content');
    await terminal(phone, `dcos security secrets create ${PATH} --value=${FIRST}`);
    await terminal(phone, 'dcos security secrets create team/analytics/warehouse/read-only-credentials --value=x');
    await closeTerminal(phone);
    for (const width of [390, 360]) {
      await phone.setViewportSize({ width, height: width === 390 ? 844 : 740 });
      await go(phone, '#/secrets');
      await phoneContent.getByTestId('secrets').getByRole('link', { name: PATH }).waitFor();
      await settle(phone);
      await shot(phone, `${width}-list`);
      await fits(phone, `${width} the list`);
      await noViolations(phone, `${width} list`);
      await phoneContent.getByRole('button', { name: 'New Secret' }).click();
      const dialog = phone.getByRole('dialog', { name: 'Create New Secret' });
      await dialog.getByRole('button', { name: 'Create Secret' }).click();
      await dialog.getByText('This field is required.').first().waitFor();
      await settle(phone);
      await shot(phone, `${width}-form`);
      await fits(phone, `${width} the form`);
      await noViolations(phone, `${width} form`);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await go(phone, '#/secrets/detail/team%2Fanalytics%2Fwarehouse%2Fread-only-credentials');
      await phoneContent.getByRole('button', { name: 'Show value' }).click();
      await phoneContent.getByTestId('secret-value').waitFor();
      await settle(phone);
      await shot(phone, `${width}-detail`);
      await fits(phone, `${width} the secret's page`);
      await noViolations(phone, `${width} detail`);
    }
  });

  await noUncaughtErrors(check);
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);
