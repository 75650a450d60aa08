// `npm test`: every check in one run: type check, lint, unit/property/differential/
// handler/server/bundle tests (Vitest), end-to-end tests (Playwright in Chromium) against
// `npm start`, and the Netlify binding's end-to-end check against Netlify's emulation.
// Each step runs even when an earlier one fails; the last line is "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { provideBrowser } from './browser-check.mjs';
import { summarize } from './test-summary.mjs';

const env = { ...process.env, LEARNABLE_REPORT: '1', ASTRO_TELEMETRY_DISABLED: '1', NETLIFY_TELEMETRY_DISABLED: '1' };
rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });
console.log(`node ${process.version} (${process.execPath})`);

const checks = {};
const run = (name, command, args, extra = {}) => {
  console.log(`\n== ${name}: ${[command, ...args].join(' ')}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extra } });
  checks[name] = status === 0;
  return status === 0;
};

if (run('typecheck', 'npx', ['astro', 'check'])) run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
if (run('lint', 'npx', ['eslint', '.'])) run('lint', 'npx', ['prettier', '--check', '.']);
run('vitest', 'npx', ['vitest', 'run']);

const browser = provideBrowser();
if (browser.missing) {
  console.error(browser.missing);
  checks['end-to-end browser'] = false;
} else {
  run('playwright', 'npx', ['playwright', 'test']);
  run('playwright (Netlify binding)', 'npx', ['playwright', 'test'], { E2E_SERVER: 'netlify' });
}

writeFileSync('test-results/checks.json', JSON.stringify(checks));
const { line, failed } = summarize();
console.log(`\n${line}`);
process.exitCode = failed > 0 || Object.values(checks).includes(false) ? 1 : 0;
if (!existsSync('test-results/vitest.json')) process.exitCode = 1;
