// `npm run bench -- bundle`: the /api/score function as Netlify deploys it, against an echo function built
// the same way: its size (and what zod takes of it), its import in a fresh Node process, and its first
// request after import against a warm one. It prints ratios; it never fails.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { zipFunctions } from '@netlify/zip-it-and-ship-it';
import { build, transform, type Metafile } from 'esbuild';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { GENERATOR_VERSION, generateNetwork } from '../../src/domain/quiz-generator';
import { kb, median, ms, table, times } from './report';

/** The project: the nearest folder up from this file with a netlify.toml (the bench may run bundled elsewhere). */
const ROOT = (() => {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'netlify.toml'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
})();
const run = promisify(execFile);

/** Fresh Node processes per function; they alternate (echo, score, score, echo, …) so load falls on both. */
const PROCESSES = 25;
/** Requests after the first in each process; the warm time is the median of the second half. */
const WARM_REQUESTS = 100;

/** Files zip-it-and-ship-it adds to every function's archive: its runtime, not the function. */
const isNetlifyFile = (name: string) => name.startsWith('___netlify-');

interface ZipEntry {
  name: string;
  size: number;
  compressed: number;
}

/** The entries of an archive with their sizes, from `unzip -Zl` (zipinfo's long listing). */
function zipEntries(archive: string): ZipEntry[] {
  const listing = execFileSync('unzip', ['-Zl', archive], { encoding: 'utf8' });
  return listing.split('\n').flatMap((line) => {
    const m = /^\S+\s+\S+\s+\S+\s+(\d+)\s+\S+\s+(\d+)\s+\S+\s+\S+\s+\S+\s+(.+)$/.exec(line);
    return m && !m[3]?.endsWith('/') ? [{ size: Number(m[1]), compressed: Number(m[2]), name: m[3] ?? '' }] : [];
  });
}

interface Sizes {
  files: number;
  raw: number;
  minified: number;
  gzipped: number;
  zipped: number;
}

/** Raw, minified (esbuild) and minified-then-gzipped (level 9) bytes of some unzipped files, and their bytes in the zip. */
async function sizesOf(dir: string, entries: ZipEntry[]): Promise<Sizes> {
  const sizes: Sizes = { files: entries.length, raw: 0, minified: 0, gzipped: 0, zipped: 0 };
  for (const entry of entries) {
    const code = readFileSync(join(dir, entry.name));
    const minified = /\.[cm]?js$/.test(entry.name)
      ? Buffer.from((await transform(code.toString('utf8'), { minify: true, loader: 'js' })).code)
      : code;
    sizes.raw += entry.size;
    sizes.minified += minified.length;
    sizes.gzipped += gzipSync(minified, { level: 9 }).length;
    sizes.zipped += entry.compressed;
  }
  return sizes;
}

interface Built {
  archive: string;
  dir: string;
  entries: ZipEntry[];
}

/** Zips a functions folder as Netlify's build does and unzips one function's archive into `dest`/`name`. */
async function zipAndUnzip(base: string, dest: string, name: string): Promise<Built> {
  const results = await zipFunctions([join(base, 'netlify/functions')], join(dest, 'zips'), {
    basePath: base,
    repositoryRoot: base,
  });
  const archive = results.find((r) => r.name === name)?.path;
  if (!archive) throw new Error(`zip-it-and-ship-it built no ${name} function`);
  const dir = join(dest, name);
  execFileSync('unzip', ['-q', '-o', archive, '-d', dir]);
  return { archive, dir, entries: zipEntries(archive) };
}

/**
 * What each part of the function takes, from esbuild's metafile: score.ts bundled with every import, as
 * zip-it-and-ship-it's v2 transform bundles it (which leaves packages to nft unless tsconfig maps them to files).
 */
async function composition(minify: boolean): Promise<Map<string, number>> {
  const { metafile } = await build({
    absWorkingDir: ROOT,
    entryPoints: ['netlify/functions/score.ts'],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    minify,
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const parts = new Map<string, number>();
  const output = Object.values((metafile as Metafile).outputs)[0];
  for (const [path, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const part = path.includes('node_modules/zod/v4/locales/')
      ? path.endsWith('/en.js')
        ? 'zod: its English locale (en.js)'
        : 'zod: its other locales'
      : path.includes('node_modules/zod/')
        ? 'zod: the rest'
        : path.includes('node_modules/')
          ? 'other packages'
          : /^src\/domain\/(layers|pytorch|schema)\//.test(path)
            ? `${path.split('/').slice(0, 3).join('/')}/`
            : path.startsWith('src/domain/')
              ? 'src/domain/ (the rest)'
              : 'functions/, netlify/functions/';
    parts.set(part, (parts.get(part) ?? 0) + bytesInOutput);
  }
  parts.set('(total)', output?.bytes ?? NaN);
  return parts;
}

/** A quiz's POST: a level-3 network of the current generator with every answer typed, one in three wrong. */
function quizBody(): string {
  const network = generateNetwork(GENERATOR_VERSION, 3, 'bench-bundle');
  const report = analyzeNetwork(network);
  if (!report.ok) throw new Error('the generator built a network the engine refuses');
  const layers = report.value.layers.map((l, i) => String(i % 3 ? l.params : l.params + 1));
  const total = report.value.totals.params.toLocaleString('en-US');
  return JSON.stringify({
    network,
    answers: { layers, total, outputShapes: report.value.layers.map((l) => l.outputShape) },
  });
}

// Runs in a fresh process per measurement, in plain Node: the bootstrap Netlify puts in every zip
// first (as its entry point does), then the function as the bootstrap imports it on the first request.
const PROBE = `
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [dir, entry, bodyFile, warmRequests] = process.argv.slice(2);
const started = performance.now();
await import(pathToFileURL(dir + '/___netlify-bootstrap.mjs').href);
const booted = performance.now();
const body = readFileSync(bodyFile, 'utf8');
// As Netlify hands it over: a browser's POST declares its length.
const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
const request = () => new Request('https://learnable.example/api/score', { method: 'POST', headers, body });
// By the time a function runs, Netlify's bootstrap has built a Request and built Responses; so this does too,
// so that undici's first-use costs fall on neither function.
await request().text();
await new Response('{}').text();
const first = request();
const before = performance.now();
const cpuBefore = process.cpuUsage();
const module = await import(pathToFileURL(dir + '/' + entry).href);
const imported = performance.now();
const cpuImport = process.cpuUsage(cpuBefore);
const response = await module.default(first, {});
const text = await response.text();
const answered = performance.now();
const cpuFirst = process.cpuUsage(cpuBefore);
const warm = [];
for (let i = 0; i < Number(warmRequests); i++) {
  const next = request();
  const t = performance.now();
  await (await module.default(next, {})).text();
  warm.push(performance.now() - t);
}
warm.splice(0, warm.length >> 1);
warm.sort((a, b) => a - b);
console.log(JSON.stringify({
  startup: started, bootstrap: booted - started, import: imported - before, coldStart: imported,
  first: answered - imported, warm: warm[warm.length >> 1], status: response.status, bytes: text.length,
  cpuImport: (cpuImport.user + cpuImport.system) / 1000,
  cpuFirst: (cpuFirst.user + cpuFirst.system - cpuImport.user - cpuImport.system) / 1000,
}));
`;

// The same module compiled (parsed, bytecode for its top level) and not run: the part of the import that only
// less code would make quicker. Needs --experimental-vm-modules.
const COMPILE_PROBE = `
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
const code = readFileSync(process.argv[2], 'utf8');
const started = performance.now();
new vm.SourceTextModule(code, { identifier: process.argv[2] });
console.log(performance.now() - started);
`;

interface Probe {
  startup: number;
  bootstrap: number;
  import: number;
  coldStart: number;
  first: number;
  warm: number;
  status: number;
  bytes: number;
  /** CPU time of the process (user + system, all its threads), which load from other processes inflates less. */
  cpuImport: number;
  cpuFirst: number;
  compile: number;
}

export async function bundleVersusEcho() {
  const work = realpathSync(mkdtempSync(join(tmpdir(), 'learnable-bench-bundle-')));
  try {
    // The echo: a Functions v2 handler and nothing else, zipped by the same zip-it-and-ship-it.
    const echoBase = join(work, 'echo-site');
    mkdirSync(join(echoBase, 'netlify/functions'), { recursive: true });
    writeFileSync(join(echoBase, 'package.json'), JSON.stringify({ name: 'echo', private: true, type: 'module' }));
    writeFileSync(
      join(echoBase, 'netlify/functions/echo.ts'),
      'export default async (req: Request) => new Response(await req.text());\n',
    );
    const score = await zipAndUnzip(ROOT, join(work, 'site'), 'score');
    const echo = await zipAndUnzip(echoBase, join(work, 'echo'), 'echo');

    const own = (built: Built) => built.entries.filter((e) => !isNetlifyFile(e.name));
    const scoreOwn = await sizesOf(score.dir, own(score));
    const scoreMain = await sizesOf(
      score.dir,
      score.entries.filter((e) => e.name === 'netlify/functions/score.mjs'),
    );
    const scoreModules = score.entries.filter((e) => e.name.startsWith('node_modules/'));
    const modulesSizes = await sizesOf(score.dir, scoreModules);
    const echoOwn = await sizesOf(echo.dir, own(echo));
    const netlifyFiles = score.entries.filter((e) => isNetlifyFile(e.name));
    const netlifySizes = await sizesOf(score.dir, netlifyFiles);
    const archiveBytes = (file: string) => Number(readFileSync(file).length);
    const row = (label: string, s: Sizes, target = '') => [
      label,
      `${s.files}`,
      kb(s.raw),
      kb(s.minified),
      kb(s.gzipped),
      kb(s.zipped),
      target,
    ];
    table(
      '(5a) The score function as zip-it-and-ship-it builds it for deploy (KB = 1,000 bytes)',
      ['files', 'count', 'raw', 'minified', 'minified + gzip -9', 'in the zip', 'target'],
      [
        row("score: the function's own files", scoreOwn, '≤ 150 KB'),
        row('  of which netlify/functions/score.mjs', scoreMain),
        row(
          `  of which node_modules/ (${[...new Set(scoreModules.map((e) => e.name.split('/')[1]))].join(', ') || 'none'})`,
          modulesSizes,
        ),
        row("echo: the function's own files", echoOwn),
        row(`left out above: Netlify's ${netlifyFiles.map((e) => e.name).join(', ')} (in every zip)`, netlifySizes),
        [
          'the whole archives: score.zip, echo.zip',
          '',
          '',
          '',
          '',
          `${kb(archiveBytes(score.archive))}, ${kb(archiveBytes(echo.archive))}`,
          '',
        ],
      ],
    );

    const [plain, minified] = await Promise.all([composition(false), composition(true)]);
    const plainTotal = plain.get('(total)') ?? NaN;
    table(
      '(5b) What the score function is made of (esbuild metafile of netlify/functions/score.ts with every import bundled)',
      ['part', 'not minified', 'share', 'minified'],
      [...plain.entries()]
        .filter(([part]) => part !== '(total)')
        .sort((a, b) => b[1] - a[1])
        .concat([['(total)', plainTotal]])
        .map(([part, bytes]) => [
          part,
          kb(bytes),
          part === '(total)' ? '' : `${((100 * bytes) / plainTotal).toFixed(1)}%`,
          kb(minified.get(part) ?? 0),
        ]),
    );

    const bodyFile = join(work, 'quiz-body.json');
    const body = quizBody();
    writeFileSync(bodyFile, body);
    const probeFile = join(work, 'probe.mjs');
    writeFileSync(probeFile, PROBE);
    const compileFile = join(work, 'compile-probe.mjs');
    writeFileSync(compileFile, COMPILE_PROBE);
    // The same score.mjs minified, beside it: what a deploy that minified would start (zip-it-and-ship-it
    // does not minify, and re-prints whatever it bundles, so a minified file given to it loses the whitespace
    // half of the gain). Not deployed: the bench shows what it would buy.
    const scoreMjs = join(score.dir, 'netlify/functions/score.mjs');
    const minifiedMjs = join(score.dir, 'netlify/functions/score.min.mjs');
    const minifiedCode = await transform(readFileSync(scoreMjs, 'utf8'), {
      minify: true,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      loader: 'js',
    });
    writeFileSync(minifiedMjs, minifiedCode.code);
    const subjects = {
      echo: [echo.dir, 'netlify/functions/echo.mjs'],
      score: [score.dir, 'netlify/functions/score.mjs'],
      minified: [score.dir, 'netlify/functions/score.min.mjs'],
    } as const;
    const probes: Record<keyof typeof subjects, Probe[]> = { echo: [], score: [], minified: [] };
    const ORDERS = [
      ['echo', 'score', 'minified'],
      ['minified', 'echo', 'score'],
      ['score', 'minified', 'echo'],
    ] as const;
    for (let i = 0; i < PROCESSES; i++) {
      for (const name of ORDERS[i % ORDERS.length] ?? ORDERS[0]) {
        const [dir, entry] = subjects[name];
        const { stdout } = await run(process.execPath, [probeFile, dir, entry, bodyFile, String(WARM_REQUESTS)]);
        const compiled = await run(process.execPath, [
          '--experimental-vm-modules',
          '--no-warnings',
          compileFile,
          join(dir, entry),
        ]);
        probes[name].push({ ...(JSON.parse(stdout) as Omit<Probe, 'compile'>), compile: Number(compiled.stdout) });
      }
    }
    const statuses = new Set([...probes.score, ...probes.minified].map((p) => p.status));
    const at = (name: keyof typeof subjects, key: keyof Probe | ((p: Probe) => number)) =>
      median(probes[name].map((p) => (typeof key === 'function' ? key(p) : p[key])));
    const cold = (p: Probe) => p.import + p.first;
    const pair = (label: string, key: keyof Probe | ((p: Probe) => number), target: string): string[] => [
      label,
      ms(at('echo', key)),
      ms(at('score', key)),
      `${times(at('score', key) / at('echo', key))} echo`,
      `${ms(at('minified', key))}, ${times(at('minified', key) / at('echo', key))} echo`,
      target,
    ];
    table(
      `(5c) Import and first request in a fresh Node ${process.version} process (median of ${PROCESSES} processes each; ` +
        `a ${(body.length / 1000).toFixed(1)} KB quiz POST, answered ${[...statuses].join('/')})`,
      [
        'measure',
        'echo',
        'score',
        'ratio',
        `score minified (${kb(minifiedCode.code.length)} raw; not deployed)`,
        'target',
      ],
      [
        pair('import of the function module (await import)', 'import', '≤ 1.3× echo'),
        pair('  the same in CPU time (user + system, every thread of the process)', 'cpuImport', ''),
        pair('  of which compiling its code, not running it (vm.SourceTextModule, own process)', 'compile', ''),
        pair(
          '  cold start: process start → Netlify bootstrap → function imported',
          'coldStart',
          '(the same, counted from process start)',
        ),
        pair("  of which Node's own start-up, before the probe runs", 'startup', ''),
        pair('  of which importing ___netlify-bootstrap.mjs', 'bootstrap', ''),
        [
          'first request after import (handler → Response → text())',
          ms(at('echo', 'first')),
          ms(at('score', 'first')),
          `${times(at('score', 'first') / at('score', 'warm'))} its warm request`,
          ms(at('minified', 'first')),
          '≤ 2 ms',
        ],
        pair('  the same in CPU time', 'cpuFirst', ''),
        pair(`  warm request (median of the last ${WARM_REQUESTS / 2} of ${WARM_REQUESTS})`, 'warm', ''),
        pair('import + first request (what the first caller waits for on top of the bootstrap)', cold, ''),
      ],
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
