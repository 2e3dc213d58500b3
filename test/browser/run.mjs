// Runs the browser tier (@web/test-runner in real Chromium), or says how to get Chromium.
import { spawnSync } from 'node:child_process';
import { findChromium, HOW_TO_GET_CHROMIUM } from './chrome-path.mjs';

const chrome = findChromium();
if (!chrome) {
  console.error(HOW_TO_GET_CHROMIUM);
  process.exit(1);
}
const result = spawnSync('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROME_PATH: chrome },
});
process.exit(result.status ?? 1);
