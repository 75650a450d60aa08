// One line instead of a stack trace when no Chromium can run the end-to-end tests.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const SYSTEM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Null when a Chromium is available (the system's or Playwright's own), else a one-line instruction. */
export function missingBrowserMessage() {
  if (SYSTEM.some((path) => path && existsSync(path))) return null;
  try {
    const { chromium } = createRequire(import.meta.url)('playwright-core');
    if (existsSync(chromium.executablePath())) return null;
  } catch {
    // playwright-core cannot say where its browser is: fall through to the instruction.
  }
  return 'No Chromium for the end-to-end tests: install one with `apt-get install -y chromium` (Debian) or `npx playwright install chromium`.';
}
