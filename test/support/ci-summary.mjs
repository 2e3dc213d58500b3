// Prints the one closing line CI reads: "N passed, N failed" over vitest, web-test-runner and the offline e2e.
// Exits non-zero when a result file is missing (a runner that did not run counts as a failure).
//   node test/support/ci-summary.mjs VITEST_JSON WTR_SUMMARY [E2E_SUMMARY]
// The e2e file defaults to $E2E_SUMMARY, else e2e-summary.json next to WTR_SUMMARY (test/e2e/offline.mjs
// writes it there). It runs last in `npm test`, so a file older than WTR_SUMMARY is stale: not this run's.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [vitestFile, wtrFile, e2eArg] = process.argv.slice(2);
const e2eFile = e2eArg || process.env.E2E_SUMMARY || (wtrFile ? join(dirname(wtrFile), 'e2e-summary.json') : undefined);
const fresh = (file) => !wtrFile || !existsSync(wtrFile) || statSync(file).mtimeMs >= statSync(wtrFile).mtimeMs;

let passed = 0;
let failed = 0;
let missing = false;
for (const [name, file, read, current] of [
  ['vitest', vitestFile, (j) => [j.numPassedTests, j.numFailedTests], () => true],
  ['web-test-runner', wtrFile, (j) => [j.passed, j.failed], () => true],
  ['e2e (offline)', e2eFile, (j) => [j.passed, j.failed], fresh],
]) {
  if (!file || !existsSync(file) || !current(file)) {
    console.log(`${name}: no results (it did not run to the end)`);
    missing = true;
    failed += 1;
    continue;
  }
  const [p, f] = read(JSON.parse(readFileSync(file, 'utf8')));
  console.log(`${name}: ${p} passed, ${f} failed`);
  passed += p;
  failed += f;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || missing ? 1 : 0);
