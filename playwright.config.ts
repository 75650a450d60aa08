import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunch } from './tests/e2e/support/browser';

// `E2E_SERVER=netlify` runs the Netlify binding's own check against Netlify's local emulation
// (`npm run netlify`); every other test runs against what users run, `npm start`.
const netlify = process.env.E2E_SERVER === 'netlify';
const port = Number(process.env.E2E_PORT ?? (netlify ? 8898 : 8899));

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: netlify ? 'test-results/e2e-netlify-artifacts' : 'test-results/e2e-artifacts',
  forbidOnly: !!process.env.CI,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter:
    process.env.CI || process.env.LEARNABLE_REPORT
      ? [
          ['list'],
          ['json', { outputFile: netlify ? 'test-results/playwright-netlify.json' : 'test-results/playwright.json' }],
        ]
      : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: chromiumLaunch(),
    trace: 'retain-on-failure',
  },
  projects: netlify
    ? [{ name: 'netlify', testMatch: 'netlify-binding.spec.ts', use: { ...devices['Desktop Chrome'] } }]
    : [{ name: 'chromium', testIgnore: 'netlify-binding.spec.ts', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // The production build, served as `npm start` serves it (or by Netlify's emulation for the binding check).
    command: netlify ? 'npm run netlify' : 'npm start',
    // Assignments made by the tests are kept apart from a developer's own (.learnable-data/).
    env: { PORT: String(port), LEARNABLE_DATA: 'test-results/e2e-data' },
    url: `http://localhost:${port}/`,
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
