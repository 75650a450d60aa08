// Runs a TypeScript script as the deployed code runs: bundled by esbuild (as Netlify's bundler does for a
// function), packages left in node_modules, no tsx. tsx wraps every function in a name-keeping helper
// (`__name`), which costs a call each time a closure is made and would be timed with the engine.
// `node scripts/run-bundled.mjs scripts/bench.ts -- graphs`
import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) throw new Error('usage: node scripts/run-bundled.mjs <script.ts> [args]');
const out = resolve('node_modules/.cache/learnable-bundled');
mkdirSync(out, { recursive: true });
const outfile = join(out, basename(entry).replace(/\.ts$/, '.mjs'));
await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  outfile,
  logLevel: 'warning',
});
process.argv = [process.argv[0], outfile, ...rest.filter((a) => a !== '--')];
await import(pathToFileURL(outfile).href);
