// Identity and access in the UI, as Enterprise DC/OS has it: the Organization page, the signed-in user in the
// header, signing out and in, and a user limited to /dev. The built site in Debian's Chromium, driven by
// playwright-core.
//
//   node test/e2e/iam.mjs [--dist DIR] [--shots DIR]
//
// Checks, in order:
//   1. a new cluster is signed in as bootstrapuser: the header says so; Organization lists the user;
//   2. New User creates dev-alice; a second dev-alice is refused in the dialog with IAM's 409 words;
//   3. dev-alice's page: Add Permission grants dcos:adminrouter:service:marathon and
//      dcos:service:marathon:marathon:services:/dev (full); both are listed; a string with a space is refused;
//   4. Sign Out opens Log In; a wrong password shows IAM's message; dev-alice's password signs in;
//   5. as dev-alice, Run a service deploys /dev/web, and /prod/web is refused with a readable 403;
//   6. at 390×844 the same, set up in the terminal: the list, the permissions, Log In and the refusal fit the width;
//   7. no uncaught error in any page.
// axe-core finds no violation in any state checked. With --shots, screenshots (VIEWPORT-STATE.png). Prints one
// line per check and "e2e iam: N passed, N failed"; writes {passed, failed} to e2e-iam-summary.json.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { closeTerminal, fits, go, noViolations, pageHelpers, settle, terminal } from './page.mjs';

const WAIT_MS = 20_000;
const DEADLINE_MS = 180_000;
const USER = 'dev-alice';
const PASSWORD = 'alice-throwaway';
const GRANTS = ['dcos:adminrouter:service:marathon', 'dcos:service:marathon:marathon:services:/dev'];
const app = (id) => ({ id, cmd: 'python3 -m http.server', instances: 1, cpus: 0.1, mem: 64 });

const { check, finish, shotsDir, executablePath, dist } = await startSuite('iam', DEADLINE_MS);
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const helpers = pageHelpers({ waitMs: WAIT_MS, shotsDir, browser, siteUrl: server.url });
const { shot, noUncaughtErrors } = helpers;
const openSite = (viewport, label) => helpers.openSite(viewport, label, { hash: '#/organization' });
const accountButton = (page, uid) => page.locator('header').getByRole('button', { name: `${uid}, account menu` });

/** Run a service with `definition` in the JSON editor; resolves to the dialog (open when refused). */
async function runService(page, definition) {
  await go(page, '#/services');
  const content = page.locator('#content');
  await content.getByRole('button', { name: 'Run a service' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Run a service' });
  await dialog.getByRole('tab', { name: 'JSON editor' }).click();
  await dialog.getByRole('textbox', { name: 'App definition (JSON)' }).fill(JSON.stringify(definition, null, 2));
  await dialog.getByRole('button', { name: 'Run service' }).click();
  return dialog;
}

async function signIn(page, uid, password) {
  const dialog = page.getByRole('dialog', { name: 'Log In' });
  await dialog.getByRole('textbox', { name: 'Username' }).fill(uid);
  await dialog.getByLabel('Password').fill(password);
  await dialog.getByRole('button', { name: 'Log In' }).click();
  return dialog;
}

try {
  const page = await openSite({ width: 1440, height: 900 }, '1440');
  const content = page.locator('#content');

  await check('a new cluster is signed in as bootstrapuser; Organization lists it', async () => {
    await accountButton(page, 'bootstrapuser').waitFor();
    await content.getByRole('link', { name: 'bootstrapuser' }).waitFor();
    expect((await content.getByRole('link', { name: 'Users' }).getAttribute('aria-current')) === 'page', 'Users is not the current tab');
  });

  await check('New User creates dev-alice; a duplicate is refused with IAM’s 409 in the dialog', async () => {
    for (const attempt of [1, 2]) {
      await content.getByRole('button', { name: 'New User' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add User to Cluster' });
      await dialog.getByRole('textbox', { name: 'Username' }).fill(USER);
      await dialog.getByRole('textbox', { name: 'Full Name' }).fill('Alice, developer');
      await dialog.getByLabel('Password').fill(PASSWORD);
      await dialog.getByRole('button', { name: 'Create' }).click();
      if (attempt === 1) {
        await dialog.waitFor({ state: 'detached' });
        await content.getByRole('link', { name: USER }).waitFor();
      } else {
        await dialog.getByRole('alert').getByText(`409: User with uid \`${USER}\` already exists.`).waitFor();
        await noViolations(page, 'duplicate user');
        await dialog.getByRole('button', { name: 'Cancel' }).click();
      }
    }
    await settle(page);
    await shot(page, '1440-users');
    await noViolations(page, 'users list');
  });

  await check('Add Permission grants Marathon and /dev to dev-alice; a bad string is refused in place', async () => {
    await content.getByRole('link', { name: USER }).click();
    await content.getByRole('heading', { name: USER }).waitFor();
    for (const rid of [...GRANTS, 'has space']) {
      await content.getByRole('button', { name: 'Add Permission' }).click();
      const dialog = page.getByRole('dialog', { name: `Add a Permission for ${USER}` });
      await dialog.getByRole('textbox', { name: 'Permission string' }).fill(rid);
      await dialog.getByRole('checkbox', { name: 'Full' }).check();
      await dialog.getByRole('button', { name: 'Add Permission' }).click();
      if (rid === 'has space') {
        await dialog.getByRole('alert').getByText('A permission string has no spaces.').waitFor();
        await dialog.getByRole('button', { name: 'Cancel' }).click();
      } else await dialog.waitFor({ state: 'detached' });
    }
    for (const rid of GRANTS) await content.getByRole('rowheader', { name: rid }).waitFor();
    await settle(page);
    await shot(page, '1440-user-permissions');
    await noViolations(page, 'user permissions');
  });

  await check('Sign Out opens Log In; a wrong password shows IAM’s message; the right one signs in as dev-alice', async () => {
    await accountButton(page, 'bootstrapuser').click();
    await page.getByRole('button', { name: 'Sign Out' }).click();
    const dialog = await signIn(page, USER, 'wrong-password');
    await dialog.getByRole('alert').getByText('The login credentials provided are invalid.').waitFor();
    await settle(page);
    await shot(page, '1440-sign-in');
    await noViolations(page, 'sign in');
    await signIn(page, USER, PASSWORD);
    await dialog.waitFor({ state: 'detached' });
    await accountButton(page, USER).waitFor();
  });

  await check('as dev-alice, /dev/web deploys and /prod/web is refused with a readable 403', async () => {
    const ok = await runService(page, app('/dev/web'));
    await ok.waitFor({ state: 'detached' });
    const refused = await runService(page, app('/prod/web'));
    await refused.getByRole('alert').getByText('403: Not Authorized to perform this action!').waitFor();
    await settle(page);
    await shot(page, '1440-refused');
    await noViolations(page, 'refused deploy');
    await refused.getByRole('button', { name: 'Cancel' }).click();
    // What dev-alice may read: /dev/web, not the rest.
    await go(page, '#/services/overview/%2Fdev');
    await content.getByRole('link', { name: 'web' }).first().waitFor();
  });

  const phone = await openSite({ width: 390, height: 844 }, '390');
  const phoneContent = phone.locator('#content');
  await check('at 390×844 the list, the permissions, Log In and the refusal fit the width', async () => {
    await phoneContent.getByRole('link', { name: 'bootstrapuser' }).waitFor();
    await terminal(phone, `dcos security org users create ${USER} --password=${PASSWORD} --description="Alice, developer"`);
    for (const rid of GRANTS) await terminal(phone, `dcos security org users grant ${USER} ${rid} full`);
    await closeTerminal(phone);
    await go(phone, '#/organization/users');
    await phoneContent.getByRole('link', { name: USER }).waitFor();
    await settle(phone);
    await shot(phone, '390-users');
    await fits(phone, 'the users list');
    await noViolations(phone, '390 users');
    await phoneContent.getByRole('link', { name: USER }).click();
    await phoneContent.getByRole('rowheader', { name: GRANTS[1] }).waitFor();
    await settle(phone);
    await shot(phone, '390-user-permissions');
    await fits(phone, 'the permissions');
    await noViolations(phone, '390 permissions');
    await accountButton(phone, 'bootstrapuser').click();
    await phone.getByRole('button', { name: 'Sign in as another user' }).click();
    const dialog = await signIn(phone, USER, 'nope-nope');
    await dialog.getByRole('alert').waitFor();
    await settle(phone);
    await shot(phone, '390-sign-in');
    await fits(phone, 'Log In');
    await noViolations(phone, '390 sign in');
    await signIn(phone, USER, PASSWORD);
    await dialog.waitFor({ state: 'detached' });
    await accountButton(phone, USER).waitFor();
    const refused = await runService(phone, app('/prod/web'));
    await refused.getByRole('alert').getByText('403: Not Authorized to perform this action!').waitFor();
    await settle(phone);
    await shot(phone, '390-refused');
    await fits(phone, 'the refusal');
    await noViolations(phone, '390 refused');
  });

  await noUncaughtErrors(check);
} finally {
  await browser.close().catch(() => undefined);
  server.close();
}
finish(0);
