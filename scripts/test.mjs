// `npm test`: every check in one run: type check, lint, unit/property/differential/
// handler/bundle tests (Vitest), end-to-end tests (Playwright in Chromium).
// Each step runs even when an earlier one fails; the last line is "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { summarize } from './test-summary.mjs';

const env = { ...process.env, LEARNABLE_REPORT: '1', ASTRO_TELEMETRY_DISABLED: '1' };
rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

const checks = {};
const run = (name, command, args) => {
  console.log(`\n== ${name}: ${[command, ...args].join(' ')}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit', env });
  checks[name] = status === 0;
  return status === 0;
};

if (run('typecheck', 'npx', ['astro', 'check'])) run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
if (run('lint', 'npx', ['eslint', '.'])) run('lint', 'npx', ['prettier', '--check', '.']);
run('vitest', 'npx', ['vitest', 'run']);

const browser = await import('./browser-check.mjs');
const missing = browser.missingBrowserMessage();
if (missing) {
  console.error(missing);
  checks['end-to-end browser'] = false;
} else {
  run('playwright', 'npx', ['playwright', 'test']);
}

writeFileSync('test-results/checks.json', JSON.stringify(checks));
const { line, failed } = summarize();
console.log(`\n${line}`);
process.exitCode = failed > 0 || Object.values(checks).includes(false) ? 1 : 0;
if (!existsSync('test-results/vitest.json')) process.exitCode = 1;
