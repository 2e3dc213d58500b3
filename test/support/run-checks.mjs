// `npm run check`: runs each npm script named on the command line, one after the other, every one of them even
// when an earlier one fails, then prints one line per script (passed or failed, and its time). Exits 1 when any
// failed. So one run shows every kind of finding: the type errors of each environment, lint, formatting.
//   node test/support/run-checks.mjs typecheck:worker typecheck:dom typecheck:node lint format:check
import { spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const results = [];
for (const script of process.argv.slice(2)) {
  console.log(`\n> npm run ${script}`);
  const start = performance.now();
  const { status, error } = spawnSync(npm, ['run', '--silent', script], { stdio: 'inherit', shell: process.platform === 'win32' });
  results.push({ script, ok: status === 0 && !error, seconds: (performance.now() - start) / 1000 });
}
console.log('\ncheck:');
for (const { script, ok, seconds } of results) console.log(`  ${ok ? 'passed' : 'FAILED'}  ${script.padEnd(18)} ${seconds.toFixed(1)} s`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
