import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunch } from './tests/e2e/support/browser';

const port = Number(process.env.E2E_PORT ?? 8899);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e-artifacts',
  forbidOnly: !!process.env.CI,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter:
    process.env.CI || process.env.LEARNABLE_REPORT
      ? [['list'], ['json', { outputFile: 'test-results/playwright.json' }]]
      : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: chromiumLaunch(),
    trace: 'retain-on-failure',
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // The production build served by Netlify's own emulation, exactly as `npm start` serves it.
    command: 'node scripts/start.mjs',
    env: { PORT: String(port) },
    url: `http://localhost:${port}/`,
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
