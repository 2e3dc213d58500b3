// Prints the one closing line CI reads: "N passed, N failed" over vitest, web-test-runner and every e2e suite.
// Exits non-zero when a result file is missing (a runner that did not run counts as a failure).
//   node test/support/ci-summary.mjs VITEST_JSON WTR_SUMMARY
// Checks that are not test runners count one each (CI_CHECKS_DIR, below).
// Each e2e suite of E2E_SUITES (test/e2e/site.mjs) writes e2e-NAME-summary.json in $E2E_SUMMARY_DIR, else next
// to WTR_SUMMARY. They run last in `npm test`, so an e2e file older than WTR_SUMMARY is stale: not this run's.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_SUITES, summaryFile } from '../e2e/site.mjs';

const [vitestFile, wtrFile] = process.argv.slice(2);
const env = { ...process.env, WTR_SUMMARY: wtrFile || process.env.WTR_SUMMARY };
const fresh = (file) => !wtrFile || !existsSync(wtrFile) || statSync(file).mtimeMs >= statSync(wtrFile).mtimeMs;

let passed = 0;
let failed = 0;
let missing = false;
for (const [name, file, read, current] of [
  ['vitest', vitestFile, (j) => [j.numPassedTests, j.numFailedTests], () => true],
  ['web-test-runner', wtrFile, (j) => [j.passed, j.failed], () => true],
  ...E2E_SUITES.map((suite) => [`e2e (${suite})`, summaryFile(suite, env), (j) => [j.passed, j.failed], fresh]),
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
// Checks that are not test runners, one each: .ci/run's check-NAME.json files in $CI_CHECKS_DIR ({name, passed,
// detail}: `npm run check`, the build, the app shell's size budget, the coverage thresholds).
const checksDir = process.env.CI_CHECKS_DIR;
if (checksDir && existsSync(checksDir)) {
  for (const file of readdirSync(checksDir)
    .filter((f) => /^check-.+\.json$/.test(f))
    .sort()) {
    const check = JSON.parse(readFileSync(join(checksDir, file), 'utf8'));
    console.log(`check ${check.name}: ${check.passed ? 'passed' : 'failed'}${check.detail ? ` (${check.detail})` : ''}`);
    if (check.passed) passed += 1;
    else failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || missing ? 1 : 0);
