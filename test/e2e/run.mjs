// Runs every e2e suite (E2E_SUITES in site.mjs) on one build of the site, one after the other.
//
//   node test/e2e/run.mjs [--dist DIR] [--shots DIR]
//
// Builds the site once into a temporary directory (or uses DIR, an existing `vite build`) and passes it to
// each script with --dist; with --shots, suite NAME's screenshots go to DIR/NAME. Every suite runs even when
// an earlier one failed (each writes its own summary for CI); exits non-zero when any failed.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { buildSite, E2E_SUITES, option } from './site.mjs';

const started = Date.now();
let dist = option('--dist');
if (dist) {
  dist = resolve(dist);
} else {
  try {
    dist = await buildSite();
  } catch (e) {
    console.error(`e2e: the site did not build: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  console.log(`e2e: built the site in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
const shots = option('--shots');

let failed = 0;
for (const suite of E2E_SUITES) {
  const args = [join(import.meta.dirname, `${suite}.mjs`), '--dist', dist];
  if (shots) args.push('--shots', join(resolve(shots), suite));
  console.log(`test/e2e/${suite}.mjs`);
  const t = Date.now();
  const { status, signal } = spawnSync(process.execPath, args, { stdio: 'inherit' });
  console.log(`  (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  if (status !== 0) failed++;
  if (signal) console.error(`e2e ${suite}: killed by ${signal}`);
}
console.log(`e2e: ${E2E_SUITES.length - failed} of ${E2E_SUITES.length} suites passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed > 0 ? 1 : 0);
