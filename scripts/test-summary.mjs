// Prints "N passed, N failed" from the result files that `npm test` writes:
// every Vitest and Playwright test, plus the type check and lint as one item each.
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);

/** Counts tests in test-results/: `{ passed, failed, line: '12 passed, 0 failed' }`. */
export function summarize(dir = 'test-results') {
  let passed = 0;
  let failed = 0;
  const vitest = read(`${dir}/vitest.json`);
  if (vitest) {
    passed += vitest.numPassedTests;
    failed += vitest.numFailedTests;
  }
  // The end-to-end run against `npm start`, and the Netlify binding's run against Netlify's emulation.
  for (const file of ['playwright.json', 'playwright-netlify.json']) {
    const playwright = read(`${dir}/${file}`);
    if (playwright) {
      passed += playwright.stats.expected + playwright.stats.flaky;
      failed += playwright.stats.unexpected;
    }
  }
  for (const ok of Object.values(read(`${dir}/checks.json`) ?? {})) {
    if (ok) passed += 1;
    else failed += 1;
  }
  return { passed, failed, line: `${passed} passed, ${failed} failed` };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(summarize().line);
