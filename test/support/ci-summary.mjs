// Prints the one closing line CI reads: "N passed, N failed" over vitest and web-test-runner.
// Exits non-zero when a result file is missing (a runner that did not run counts as a failure).
import { existsSync, readFileSync } from 'node:fs';

const [vitestFile, wtrFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let missing = false;
for (const [name, file, read] of [
  ['vitest', vitestFile, (j) => [j.numPassedTests, j.numFailedTests]],
  ['web-test-runner', wtrFile, (j) => [j.passed, j.failed]],
]) {
  if (!file || !existsSync(file)) {
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
