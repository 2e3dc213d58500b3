// Finds Debian's Chromium (never a browser downloaded by a package).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

export function findChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  try {
    const found = execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/sh' }).trim();
    if (found) return found;
  } catch {
    // not on PATH
  }
  return undefined;
}

/** Chromium's flags for the e2e suites and the bench: no first-run, no background traffic to Google, no GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const HOW_TO_GET_CHROMIUM =
  "No Chromium found for the browser tests. Install Debian's: `sudo apt-get install -y chromium` (it lands at /usr/bin/chromium), " +
  'or point CHROME_PATH at an existing Chromium/Chrome binary.';
