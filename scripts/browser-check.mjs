// Finds a Chromium for the end-to-end tests, or provides one: Debian's package when running as
// root with apt, else Playwright's own download; otherwise one line that says what to do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const SYSTEM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** A Chromium already here: the system's (or CHROMIUM_PATH) or Playwright's own download. */
function foundBrowser() {
  if (SYSTEM.some((path) => path && existsSync(path))) return true;
  try {
    const { chromium } = createRequire(import.meta.url)('playwright-core');
    return existsSync(chromium.executablePath());
  } catch {
    // playwright-core cannot say where its browser is: none found.
    return false;
  }
}

const quiet = (command, args) => spawnSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] }).status === 0;

/**
 * `{ missing: null }` when a Chromium can run the tests, after installing one if need be;
 * else `{ missing: 'one-line instruction' }`. A machine that has one is not touched.
 */
export function provideBrowser() {
  if (foundBrowser()) return { missing: null };
  const root = process.getuid?.() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log("No Chromium here: installing Debian's chromium with apt-get (running as root)…");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const apt = (args) => spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env }).status === 0;
    if (
      apt(['install', '-y', '-qq', 'chromium']) ||
      (apt(['update', '-qq']) && apt(['install', '-y', '-qq', 'chromium']))
    ) {
      if (foundBrowser()) return { missing: null };
    }
  }
  console.log("No Chromium here: trying Playwright's own download (npx playwright install chromium)…");
  if (quiet('npx', ['playwright', 'install', 'chromium']) && foundBrowser()) return { missing: null };
  return {
    missing:
      'No Chromium for the end-to-end tests and none could be installed: install one with `apt-get install -y chromium` (Debian, as root) or `npx playwright install chromium`, then run npm test again.',
  };
}
