// `npm run measure`: what each page costs a visitor, from the local production build.
// 1. JavaScript shipped per page: every script the HTML loads, and every module those import,
//    gzipped one file at a time as a server sends them.
// 2. Lighthouse (performance, accessibility, best practices) of the lesson and the quiz,
//    in Debian's Chromium, mobile (Lighthouse's default) and desktop presets.
// Flags: --no-build (measure dist/ as it is), --runs=N (Lighthouse runs per page, median kept),
//        --json=FILE (also write the numbers as JSON).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM, CHROMIUM_FLAGS as BASE_FLAGS } from './chromium.mjs';

const DIST = resolve(import.meta.dirname, '..', 'dist');
// Lighthouse starts its own Chromium: headless.
const CHROMIUM_FLAGS = ['--headless', ...BASE_FLAGS];
const PAGES = [
  { name: 'lesson', file: 'index.html', url: '/' },
  { name: 'quiz', file: 'quiz/index.html', url: '/quiz/?v=1&level=1&seed=measure' },
];
const TARGETS = { lessonJsKb: 0, quizJsKb: 25, performance: 95, accessibility: 100 };

const args = process.argv.slice(2);
const runs = Number(args.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 1);
const jsonFile = args.find((a) => a.startsWith('--json='))?.split('=')[1];

if (!args.includes('--no-build')) {
  const built = spawnSync('npx', ['astro', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (built.status !== 0) throw new Error('astro build failed');
}

/** Every script a page loads: inline ones, and module files with the modules they import. */
function scriptsOf(file) {
  const html = readFileSync(join(DIST, file), 'utf8');
  const found = new Map();
  for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = /\bsrc=["']?([^"' >]+)/i.exec(attrs)?.[1];
    if (src) addModule(src.replace(/^\//, ''), found);
    else if (!/type=["']?application\/(ld\+)?json/i.test(attrs)) {
      found.set(`(inline #${found.size + 1})`, body);
      for (const spec of imports(body)) addModule(spec.replace(/^\//, ''), found);
    }
  }
  return found;
}

/** Static and dynamic import specifiers of a bundled module. */
function imports(code) {
  return [...code.matchAll(/(?:\bimport\s*\(?|\bfrom)\s*["']([^"']+\.m?js)["']/g)].map((m) => m[1]);
}

function addModule(path, found, from = '') {
  const file = normalize(from && !path.startsWith('_astro/') ? join(dirname(from), path) : path);
  if (found.has(file) || !existsSync(join(DIST, file))) return;
  const code = readFileSync(join(DIST, file), 'utf8');
  found.set(file, code);
  for (const spec of imports(code)) addModule(spec.startsWith('/') ? spec.slice(1) : spec, found, file);
}

const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;

function measureJs() {
  return PAGES.map(({ name, file }) => {
    const scripts = scriptsOf(file);
    let raw = 0;
    let gzip = 0;
    for (const code of scripts.values()) {
      raw += Buffer.byteLength(code);
      gzip += gzipSync(code, { level: 9 }).length;
    }
    return { page: name, files: [...scripts.keys()], rawKb: kb(raw), gzipKb: kb(gzip) };
  });
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/** Serves dist/ gzipped, as Netlify's CDN does; /api/* is not needed to load either page. */
function serveDist() {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    let file = normalize(join(DIST, path));
    if (!file.startsWith(DIST)) return void response.writeHead(403).end();
    if (existsSync(join(file, 'index.html'))) file = join(file, 'index.html');
    if (!existsSync(file) || !extname(file)) return void response.writeHead(404).end('not found');
    const body = readFileSync(file);
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding']));
    response.writeHead(200, {
      'Content-Type': `${TYPES[extname(file)] ?? 'application/octet-stream'}; charset=utf-8`,
      'Cache-Control': path.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(gzip && { 'Content-Encoding': 'gzip' }),
    });
    response.end(gzip ? gzipSync(body) : body);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/** Starts Chromium with remote debugging on a free port; resolves with the port and the process. */
function startChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'learnable-lh-'));
  const child = spawn(CHROMIUM, [...CHROMIUM_FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((done, fail) => {
    let log = '';
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const port = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(log)?.[1];
      if (port) done({ port: Number(port), child, profile });
    });
    child.on('exit', (code) => fail(new Error(`Chromium exited (${code}) before listening:\n${log}`)));
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measureLighthouse(origin, port) {
  const results = [];
  for (const [preset, config] of [
    ['mobile', undefined],
    ['desktop', desktopConfig],
  ]) {
    for (const { name, url } of PAGES) {
      const scores = [];
      for (let run = 0; run < runs; run++) {
        const result = await lighthouse(
          origin + url,
          {
            port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance', 'accessibility', 'best-practices'],
          },
          config,
        );
        const { categories, audits } = result.lhr;
        scores.push({
          performance: Math.round(categories.performance.score * 100),
          accessibility: Math.round(categories.accessibility.score * 100),
          bestPractices: Math.round(categories['best-practices'].score * 100),
          lcpMs: Math.round(audits['largest-contentful-paint'].numericValue),
          cls: Math.round(audits['cumulative-layout-shift'].numericValue * 1000) / 1000,
          tbtMs: Math.round(audits['total-blocking-time'].numericValue),
        });
      }
      const pick = (key) => median(scores.map((s) => s[key]));
      results.push({
        page: name,
        preset,
        performance: pick('performance'),
        accessibility: pick('accessibility'),
        bestPractices: pick('bestPractices'),
        lcpMs: pick('lcpMs'),
        cls: pick('cls'),
        tbtMs: pick('tbtMs'),
      });
    }
  }
  return results;
}

const js = measureJs();
console.log('JavaScript shipped per page (each file gzipped -9):');
for (const row of js) {
  console.log(
    `  ${row.page.padEnd(7)} ${String(row.gzipKb).padStart(6)} KB gzipped  (${row.rawKb} KB raw, ${row.files.length} file(s))`,
  );
}

const server = await serveDist();
const origin = `http://127.0.0.1:${server.address().port}`;
const chromium = await startChromium();
let lh;
try {
  lh = await measureLighthouse(origin, chromium.port);
} finally {
  const exited = new Promise((done) => chromium.child.once('exit', done));
  chromium.child.kill('SIGTERM');
  await exited;
  server.close();
  rmSync(chromium.profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}

console.log(`\nLighthouse ${runs > 1 ? `(median of ${runs} runs) ` : ''}from the local build in ${CHROMIUM}:`);
console.log('  page    preset   perf  a11y  best-practices   LCP ms   CLS    TBT ms');
for (const r of lh) {
  console.log(
    `  ${r.page.padEnd(7)} ${r.preset.padEnd(8)} ${String(r.performance).padStart(4)}  ${String(r.accessibility).padStart(4)}  ${String(r.bestPractices).padStart(14)}   ${String(r.lcpMs).padStart(6)}  ${String(r.cls).padStart(5)}  ${String(r.tbtMs).padStart(6)}`,
  );
}

const lessonJs = js.find((r) => r.page === 'lesson')?.gzipKb ?? Infinity;
const quizJs = js.find((r) => r.page === 'quiz')?.gzipKb ?? Infinity;
const misses = [
  lessonJs > TARGETS.lessonJsKb && `lesson ships ${lessonJs} KB of JavaScript (target ${TARGETS.lessonJsKb})`,
  quizJs > TARGETS.quizJsKb && `quiz ships ${quizJs} KB of JavaScript (target ≤ ${TARGETS.quizJsKb})`,
  ...lh.flatMap((r) => [
    r.performance < TARGETS.performance && `${r.page} ${r.preset} performance ${r.performance} (target ≥ 95)`,
    r.accessibility < TARGETS.accessibility && `${r.page} ${r.preset} accessibility ${r.accessibility} (target 100)`,
  ]),
].filter(Boolean);
console.log(misses.length === 0 ? '\nAll targets met.' : `\nBelow target:\n  ${misses.join('\n  ')}`);

if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ js, lighthouse: lh, misses }, null, 2));
