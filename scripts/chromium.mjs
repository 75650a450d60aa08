// Debian's Chromium for the measuring scripts, with the flags this machine needs (no sandbox as root,
// no GPU, nothing fetched in the background); tests/e2e/support/browser.ts gives Playwright these and --disable-quic.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
