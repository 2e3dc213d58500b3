// The built site under its Content-Security-Policy, in Debian's Chromium (playwright-core; no browser is
// downloaded).
//
//   node test/e2e/csp.mjs [--dist DIR] [--shots DIR]
//
// Builds the site (or tests DIR, an existing `vite build`), serves it from a sub-path and checks, in order:
//   1. index.html carries the policy as a <meta http-equiv> before any script, style sheet or link, and the
//      policy is strict: default-src 'self', script-src 'self' 'wasm-unsafe-eval', no 'unsafe-inline' or
//      'unsafe-eval' anywhere, object-src 'none', base-uri, form-action;
//   2. the policy is enforced and the watch on violations works: an inline <script> put in the page does not
//      run and is reported (then forgotten: it was ours);
//   3. on a plain static host (the meta only) the app boots: the worker runs the cluster (the clock moves), a
//      Mesos and a Marathon leader are elected, the Wasm allocator places tasks (the CPU chart reads tasks'
//      use above 0), the service worker installs ("Ready to work offline") and controls the page after a reload;
//   4. offline: with the network off (Chromium offline and the server refusing every request) a reload comes
//      from the service worker and the cluster boots and allocates again;
//   5. on a host that sends the policy as a header on every file (with frame-ancestors 'none', which a meta
//      cannot carry), the worker and the service worker are under it too, and the app still boots, allocates
//      and installs for offline use;
//   6. no CSP violation anywhere: none reported to the page (securitypolicyviolation), to the worker, in the
//      DevTools issues (ContentSecurityPolicyIssue) or in any console, and no uncaught error.
// Prints one line per check and "e2e csp: N passed, N failed"; writes {passed, failed} for CI's closing line
// (test/support/ci-summary.mjs) to e2e-csp-summary.json (site.mjs: summaryFile).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, expect, startServer, startSuite } from './site.mjs';
import { pageHelpers } from './page.mjs';

const WAIT_MS = 20_000;
const DEADLINE_MS = 150_000;
const CSP_TEXT = /content security policy|content-security-policy|refused to (load|execute|apply|compile|connect|create|frame)/i;

const { check, finish, shotsDir, executablePath, dist } = await startSuite('csp', DEADLINE_MS);
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
const plain = await startServer(dist);
const strict = await startServer(dist, { headers: { 'content-security-policy': `${policy}; frame-ancestors 'none'` } });
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const { pageErrors, openPage, clockAdvances, leadersElected, noAlerts, shot } = pageHelpers({ waitMs: WAIT_MS, shotsDir });

/** Every violation seen, as `where: what`. */
const violations = [];

/**
 * A page whose violations are all recorded: the page's securitypolicyviolation events (listened to before any
 * of the page's scripts runs, and kept across reloads in sessionStorage), the dedicated workers' (listened to
 * from the moment each starts), DevTools' CSP issues and any console line about the policy.
 */
async function watchedPage(context, label) {
  const page = await openPage(context, label);
  await page.addInitScript(() => {
    const record = (e) => {
      const seen = JSON.parse(sessionStorage.getItem('csp-violations') ?? '[]');
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile || location.href}:${e.lineNumber}`);
      sessionStorage.setItem('csp-violations', JSON.stringify(seen));
    };
    document.addEventListener('securitypolicyviolation', record);
  });
  page.on('worker', (worker) => {
    worker.on('console', (m) => CSP_TEXT.test(m.text()) && violations.push(`${label} worker console: ${m.text()}`));
    worker
      .evaluate(() => {
        self.addEventListener('securitypolicyviolation', (e) => {
          self.cspViolations = [...(self.cspViolations ?? []), `${e.effectiveDirective} blocked ${e.blockedURI}`];
        });
      })
      .catch(() => undefined); // a worker that ends at once has nothing to report
  });
  page.on('console', (m) => CSP_TEXT.test(m.text()) && violations.push(`${label} console: ${m.text()}`));
  const cdp = await context.newCDPSession(page);
  cdp.on('Audits.issueAdded', ({ issue }) => {
    if (issue.code === 'ContentSecurityPolicyIssue') {
      const d = issue.details.contentSecurityPolicyIssueDetails;
      violations.push(`${label} DevTools issue: ${d?.violatedDirective} blocked ${d?.blockedURL ?? d?.contentSecurityPolicyViolationType}`);
    }
  });
  await cdp.send('Audits.enable');
  return page;
}

/** The violations the page and its workers recorded, moved to `violations`. */
async function collect(page, label) {
  const inPage = await page.evaluate(() => {
    const seen = JSON.parse(sessionStorage.getItem('csp-violations') ?? '[]');
    sessionStorage.removeItem('csp-violations');
    return seen;
  });
  violations.push(...inPage.map((v) => `${label} page: ${v}`));
  for (const worker of page.workers()) {
    const inWorker = await worker.evaluate(() => self.cspViolations ?? []).catch(() => []);
    violations.push(...inWorker.map((v) => `${label} worker: ${v}`));
  }
}

/** The Wasm allocator has placed tasks: the CPU chart reads a use by tasks above 0. */
async function allocates(page) {
  const used = () => {
    const label = document.querySelector('svg[aria-label^="CPU allocation:"]')?.getAttribute('aria-label') ?? '';
    const m = /^CPU allocation: ([\d.,]+)/.exec(label);
    return m !== null && Number(m[1].replace(/,/g, '')) > 0;
  };
  try {
    await page.waitForFunction(used, null, { timeout: WAIT_MS });
  } catch {
    const label = await page.locator('svg[aria-label^="CPU allocation:"]').getAttribute('aria-label');
    throw new Error(`no CPU is used by tasks after ${WAIT_MS / 1000} s: the chart reads "${label}"`);
  }
}

/** Boots, allocates and installs for offline use; the worker chunk and the Wasm came from the site. */
async function bootsAndInstalls(page, server, label) {
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  const response = await page.goto(server.url);
  // "Ready to work offline" shows for a few seconds only: watched from the start.
  const installed = page
    .getByTestId('offline-ready')
    .waitFor({ timeout: WAIT_MS })
    .then(
      () => null,
      (e) => e,
    );
  await clockAdvances(page);
  await leadersElected(page);
  await allocates(page);
  const notInstalled = await installed;
  if (notInstalled) throw new Error(`"Ready to work offline" did not show: ${notInstalled.message}`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await noAlerts(page);
  expect(
    page.workers().some((w) => /\/assets\/sandbox\.worker-[\w-]+\.js$/.test(w.url())),
    `no dedicated worker from the site's assets: ${
      page
        .workers()
        .map((w) => w.url())
        .join(', ') || 'none'
    }`,
  );
  expect(
    fetched.some((u) => /\/assets\/kernels-[\w-]+\.wasm$/.test(u)),
    'the Wasm kernels were not fetched from the site',
  );
  await collect(page, label);
  await shot(page, `${label}-booted`);
  return response;
}

let context;
try {
  await check('index.html carries a strict policy in a <meta http-equiv>, before any script or style sheet', async () => {
    expect(policy !== '', 'no <meta http-equiv="Content-Security-Policy"> in index.html');
    const directives = new Map(
      policy.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    const want = {
      'default-src': "'self'",
      'script-src': "'self' 'wasm-unsafe-eval'",
      'style-src': "'self'",
      'connect-src': "'self'",
      'worker-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'self'",
      'form-action': "'none'",
    };
    for (const [name, value] of Object.entries(want))
      expect(directives.get(name) === value, `${name} is "${directives.get(name) ?? '(absent)'}", not "${value}"`);
    const loose = [...directives.values()]
      .flatMap((v) => v.split(' '))
      .filter((v) => ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'http:', 'https:', 'blob:'].includes(v));
    expect(loose.length === 0, `the policy allows ${loose.join(', ')}: ${policy}`);
    expect(!directives.has('frame-ancestors'), 'frame-ancestors in a <meta> is ignored (and Chromium warns)');
    const at = html.indexOf('http-equiv="Content-Security-Policy"');
    const firstLoad = html.search(/<script|<link|<style/);
    expect(at >= 0 && at < firstLoad, 'the policy comes after a script, a style sheet or a link: it does not cover them');
  });

  await check('the policy is enforced and its violations are seen: an inline script does not run', async () => {
    // A context of its own, closed after: the checks below start from a first visit.
    const probeContext = await browser.newContext();
    const page = await watchedPage(probeContext, 'probe');
    await page.goto(plain.url);
    const ran = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.inlineRan = true';
      document.head.append(s);
      await new Promise((ok) => setTimeout(ok, 100));
      return window.inlineRan === true;
    });
    expect(!ran, 'an inline script ran: the policy is not enforced');
    const seen = await page.evaluate(() => JSON.parse(sessionStorage.getItem('csp-violations') ?? '[]'));
    expect(
      seen.some((v) => /^script-src(-elem)? blocked inline/.test(v)),
      `the inline script's violation was not reported: ${JSON.stringify(seen)}`,
    );
    // That one was ours: forget it, in the page and in the DevTools issues.
    await new Promise((ok) => setTimeout(ok, 200));
    await probeContext.close();
    violations.length = 0;
  });

  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await watchedPage(context, 'static host');

  await check('on a static host: the worker runs, leaders are elected, the Wasm allocator places tasks, it installs', async () => {
    await bootsAndInstalls(page, plain, 'static host');
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: WAIT_MS });
    await clockAdvances(page);
    await collect(page, 'static host');
  });

  await check('offline: a reload with the network off comes from the service worker and allocates again', async () => {
    plain.offline = true;
    await context.setOffline(true);
    const response = await page.reload();
    expect(response?.fromServiceWorker() === true, 'the page did not come from the service worker');
    await clockAdvances(page);
    await leadersElected(page);
    await allocates(page);
    await noAlerts(page);
    await collect(page, 'offline');
    await shot(page, 'offline');
    await context.setOffline(false);
    plain.offline = false;
  });

  await check('with the policy as a header on every file, the worker and the service worker run under it too', async () => {
    const headerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const strictPage = await watchedPage(headerContext, 'header');
      const response = await bootsAndInstalls(strictPage, strict, 'header');
      expect(/frame-ancestors 'none'/.test(response?.headers()['content-security-policy'] ?? ''), 'the server sent no policy header');
      // The service worker's script came with the header: it is under the policy, and it works.
      const swPolicy = await strictPage.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        const res = await fetch(reg.active.scriptURL, { cache: 'no-store' });
        return res.headers.get('content-security-policy');
      });
      expect(swPolicy !== null, 'sw.js came without the policy header');
    } finally {
      await headerContext.close();
    }
  });

  await check('no CSP violation was reported, and no uncaught error', async () => {
    // Late reports (DevTools issues arrive asynchronously).
    await new Promise((ok) => setTimeout(ok, 500));
    await collect(page, 'static host');
    expect(violations.length === 0, `violations:\n      ${violations.join('\n      ')}`);
    expect(pageErrors.length === 0, pageErrors.join(' | '));
  });
} finally {
  await context?.close().catch(() => undefined);
  await browser.close().catch(() => undefined);
  plain.close();
  strict.close();
}
finish(0);
