// What the e2e scripts share: building the site, a small static server for it, command-line options, and
// the checks' reporting (one line per check, a closing "e2e NAME: N passed, N failed", a summary file).
//
// Summaries: each script writes {passed, failed} to e2e-NAME-summary.json in $E2E_SUMMARY_DIR, or else next
// to $WTR_SUMMARY; test/support/ci-summary.mjs adds every suite in E2E_SUITES to CI's closing line.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';

import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from '../browser/chrome-path.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The site must work below the host's root (vite's base: './'). */
export const SUB_PATH = '/some/sub-path/';
/** The e2e scripts, in the order test/e2e/run.mjs runs them. */
export const E2E_SUITES = [
  'offline',
  'share',
  'durable',
  'csp',
  'tutorial',
  'a11y',
  'services-detail',
  'networking',
  'jobs',
  'storage',
  'catalog',
  'failover',
  'reopen',
  'long-tasks',
  'operate',
  'iam',
  'settings',
  'secrets',
  'dumps',
  'verify',
  'story',
  'levels',
  'forks',
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The value after `name` on the command line, if given. */
export function option(name, args = process.argv.slice(2)) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Where suite `name` writes its summary (undefined: nowhere, neither variable is set). */
export function summaryFile(name, env = process.env) {
  const dir = env.E2E_SUMMARY_DIR || (env.WTR_SUMMARY ? dirname(env.WTR_SUMMARY) : undefined);
  return dir ? join(dir, `e2e-${name}-summary.json`) : undefined;
}

/** `vite build` into a temporary directory that is removed when the process exits; returns the directory. */
export async function buildSite() {
  if (!existsSync(join(ROOT, 'build/kernels.wasm'))) throw new Error('build/kernels.wasm is missing: run `npm run asbuild` first');
  const outDir = mkdtempSync(join(tmpdir(), 'sandbox-e2e-'));
  process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));
  const { build } = await import('vite');
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return outDir;
}

/**
 * Serves `dir` at SUB_PATH on 127.0.0.1 (a free port). The returned state: `offline = true` refuses every
 * connection (the socket is destroyed), `requests` counts the requests that arrived, `url` is the site's
 * address. `rewrite(rel, body)` may replace a file's bytes (rel: the path below SUB_PATH); `headers` are added
 * to every file's answer (e.g. a Content-Security-Policy, as a host that can send headers would).
 * Every answer is no-store: offline, only the service worker's precache can answer (a fresh HTTP-cache entry
 * would hide a file missing from the precache, e.g. the Wasm).
 */
export async function startServer(dir, { rewrite, headers = {} } = {}) {
  const root = resolve(dir);
  const state = { offline: false, requests: 0, updateChecks: 0, port: 0, url: '', close: () => http.close() };
  const http = createServer((req, res) => {
    state.requests++;
    // The browser's own update check of the service worker script (not the page asking for anything).
    if (/\/sw\.js(\?|$)/.test(req.url ?? '')) state.updateChecks++;
    if (state.offline) {
      req.socket.destroy();
      return;
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(SUB_PATH)) return send(res, 404, 'text/plain', 'not found');
    const rel = path.slice(SUB_PATH.length) || 'index.html';
    const file = normalize(join(root, rel));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return send(res, 404, 'text/plain', 'not found');
    const body = readFileSync(file);
    send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', rewrite?.(rel, body) ?? body, headers);
  });
  await new Promise((ok) => http.listen(0, '127.0.0.1', ok));
  state.port = http.address().port;
  state.url = `http://127.0.0.1:${state.port}${SUB_PATH}`;
  return state;
}

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { ...headers, 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

export { CHROMIUM_ARGS };

/**
 * The checks of suite `name`: `check(title, fn)` runs fn (skipped, and failed, once a check failed: later
 * checks build on earlier ones), prints ✓ or ✗ and why; `finish(code)` prints the closing line, writes the
 * summary and exits (a non-zero code with every check passed counts as one more failure: the script broke).
 */
export function checks(name) {
  const results = [];
  async function check(title, fn) {
    if (results.some((r) => !r.ok)) {
      results.push({ title, ok: false, error: 'not run: an earlier check failed' });
    } else {
      const started = Date.now();
      try {
        await fn();
        results.push({ title, ok: true, ms: Date.now() - started });
      } catch (e) {
        results.push({ title, ok: false, error: e instanceof Error ? e.message : String(e) });
      }
    }
    const r = results.at(-1);
    console.log(r.ok ? `  ✓ ${title} (${r.ms} ms)` : `  ✗ ${title}\n      ${r.error}`);
    return r.ok;
  }
  function finish(code) {
    const passed = results.filter((r) => r.ok).length;
    const failed = results.length - passed + (code !== 0 && results.every((r) => r.ok) ? 1 : 0);
    console.log(`e2e ${name}: ${passed} passed, ${failed} failed`);
    const file = summaryFile(name);
    if (file) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ passed, failed }));
    }
    process.exit(failed > 0 ? 1 : 0);
  }
  return { check, finish, results };
}

/**
 * What every suite starts with: its checks, a deadline after which it gives up, Debian's Chromium
 * (or how to get it), and the built site (`--dist DIR`, or a fresh build). Returns `{check, finish,
 * results, shotsDir, executablePath, dist}`.
 */
export async function startSuite(name, deadlineMs) {
  const { check, finish, results } = checks(name);
  const deadline = setTimeout(() => {
    console.error(`e2e ${name}: gave up after ${deadlineMs / 1000} s`);
    finish(1);
  }, deadlineMs);
  deadline.unref();
  const executablePath = findChromium();
  if (!executablePath) {
    console.error(HOW_TO_GET_CHROMIUM);
    finish(1);
  }
  const dist = option('--dist') ? resolve(option('--dist')) : await buildSite().catch((e) => (console.error(e.message), finish(1)));
  return { check, finish, results, shotsDir: option('--shots'), executablePath, dist };
}

export function expect(ok, message) {
  if (!ok) throw new Error(message);
}
