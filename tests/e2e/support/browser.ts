import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';
import { CHROMIUM_FLAGS as BASE_FLAGS } from '../../../scripts/chromium.mjs';

/** Where a system Chromium may live; Debian's package installs /usr/bin/chromium. */
const SYSTEM_CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The flags a headless Chromium needs on a closed, sandboxless CI machine: the measuring scripts' own, and no QUIC. */
export const CHROMIUM_FLAGS = [...BASE_FLAGS, '--disable-quic'];

/** The system Chromium when one is installed, otherwise Playwright's own browser (undefined path). */
export function systemChromium(): string | undefined {
  return SYSTEM_CHROMIUM.find((path): path is string => !!path && existsSync(path));
}

/** Launch options for Chromium: `{ executablePath: '/usr/bin/chromium', args: [...] }` where installed. */
export function chromiumLaunch(): LaunchOptions {
  const executablePath = systemChromium();
  return executablePath ? { executablePath, args: CHROMIUM_FLAGS } : { args: CHROMIUM_FLAGS };
}
