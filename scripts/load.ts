// `npm run load`: starts the self-host server (src/server/main.ts) on a free port over dist/ (or, with no
// build, a small fixture site), then measures it and attacks it, boundedly, from this process:
// 20,000 POST /api/score at concurrency 100, memory before and after, a static GET beside a quiz check,
// and every hostile case of issue 10. It prints figures and the targets beside them; it fails (exit 1)
// only when something functional fails: an error, a hostile case answered wrongly, or a server that died.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { TEXTBOOK_NETWORK } from '../src/domain/textbook-network';
import { makeFixtureSite } from '../tests/server/support/fixture-site';
import * as hostile from '../tests/server/support/hostile';
import { spawnServer } from '../tests/server/support/spawn';

const ROOT = resolve(import.meta.dirname, '..');
const REQUESTS = 20_000;
const CONNECTIONS = 100;
const SIDE_BY_SIDE = 400;

// What the quiz sends for the lesson's network when every answer is typed in (56 + 57 + 0 + 2402 = 2515).
const QUIZ_CHECK = JSON.stringify({
  network: TEXTBOOK_NETWORK,
  answers: { layers: ['56', '57', '0', '2402'], total: '2515' },
});

const built = existsSync(resolve(ROOT, 'dist', 'index.html'));
const dist = process.env.LEARNABLE_DIST ?? (built ? resolve(ROOT, 'dist') : makeFixtureSite());
if (!built && !process.env.LEARNABLE_DIST) console.log(`no dist/ build: serving a fixture site (${dist})`);

const server = await spawnServer('src/server/main.ts', { HOST: '127.0.0.1', LEARNABLE_DIST: dist });
const { url, child } = server;
console.log(`server: ${url} (pid ${child.pid}), site: ${dist}\n`);

/** CPU seconds (user + system) the server process has used so far, from /proc (Linux, 100 ticks a second). */
function cpuSeconds(): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory of the server process in MiB, from /proc (Linux). */
function rss(): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

const score = (amount: number, connections: number) =>
  autocannon({
    url: `${url}/api/score`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: QUIZ_CHECK,
    connections,
    amount,
  });

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');
let failed = false;

// Warm-up: let the JIT compile the hot paths and the background precompression finish, so that
// "before" is the server's working size rather than its size half-way through starting.
await score(2_000, 10);
await new Promise((done) => setTimeout(done, 1_000));
const before = rss();
const [cpuBefore, loadBefore] = [cpuSeconds(), loadavg()[0] ?? NaN];

const run = await score(REQUESTS, CONNECTIONS);
const after = rss();
const [cpuAfter, loadAfter] = [cpuSeconds(), loadavg()[0] ?? NaN];
const errors = run.errors + run.timeouts + run.non2xx;
failed ||= errors > 0;
console.log(`${REQUESTS} POST /api/score (a quiz check of the lesson's network), concurrency ${CONNECTIONS}`);
console.log(
  `  errors          ${errors} (connection errors ${run.errors}, timeouts ${run.timeouts}, non-2xx ${run.non2xx})`,
);
console.log(`  latency         p50 ${ms(run.latency.p50)}, p90 ${ms(run.latency.p90)}, p99 ${ms(run.latency.p99)}`);
console.log(`  throughput      ${(REQUESTS / run.duration).toFixed(0)} requests/s over ${run.duration.toFixed(1)} s`);
console.log(
  `  server RSS      ${before.toFixed(0)} MiB before, ${after.toFixed(0)} MiB after: ${(after / before).toFixed(2)}×`,
);
// Latency on a shared machine depends on what else runs; CPU time per request does not.
console.log(`  server CPU      ${(((cpuAfter - cpuBefore) / REQUESTS) * 1e6).toFixed(0)} µs per request`);
console.log(
  `  machine load    ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} (1-minute average, ${cpus().length} cores)`,
);

/** One request over a kept-alive connection, as a browser makes it; resolves with its milliseconds. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function timed(method: string, path: string, headers: Record<string, string>, body?: string): Promise<number> {
  const start = performance.now();
  return new Promise((done, fail) => {
    const req = request(`${url}${path}`, { method, headers, agent }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200 ? done(performance.now() - start) : fail(new Error(`${res.statusCode}`)),
      );
    });
    req.on('error', fail);
    req.end(body);
  });
}
const page = { 'accept-encoding': 'br, gzip' };
const check = { 'content-type': 'application/json', 'accept-encoding': 'br, gzip' };
const times = { page: [] as number[], check: [] as number[] };
for (let i = 0; i < SIDE_BY_SIDE; i++) {
  // Alternating the order spreads any drift of a shared machine over both.
  const pair = [
    async () => times.page.push(await timed('GET', '/quiz/', page)),
    async () => times.check.push(await timed('POST', '/api/score', check, QUIZ_CHECK)),
  ];
  for (const step of i % 2 ? pair.reverse() : pair) await step();
}
agent.destroy();
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))] ?? NaN;
const [pageMedian, checkMedian] = [quantile(times.page, 0.5), quantile(times.check, 0.5)];
console.log(`\nside by side, one kept-alive connection, ${SIDE_BY_SIDE} each, interleaved`);
console.log(`  GET /quiz/ (br)          median ${ms(pageMedian)}, p90 ${ms(quantile(times.page, 0.9))}`);
console.log(`  POST /api/score (check)  median ${ms(checkMedian)}, p90 ${ms(quantile(times.check, 0.9))}`);
console.log(`  quiz check / static GET  ${(checkMedian / pageMedian).toFixed(2)}×`);

console.log('\nhostile cases (each followed by a GET / to check the server is still up)');
const TEN_MB = 10 * 2 ** 20;
type Case = [string, () => Promise<hostile.Outcome | undefined>, (o: hostile.Outcome | undefined) => boolean];
const cases: Case[] = [
  ['10 MB body to /api/score', () => hostile.bigBody(url, '/api/score', TEN_MB), (o) => o?.status === 413],
  ['10 MB body to a page (/quiz/)', () => hostile.bigBody(url, '/quiz/', TEN_MB), (o) => o?.status === 413],
  ['declared 1 GB Content-Length', () => hostile.declaredHuge(url, '/api/score'), (o) => o?.status === 413],
  ['chunked endless body', () => hostile.endlessChunked(url, '/api/score'), (o) => o?.status === 413 && o.closed],
  [
    'client aborts mid-body (×10)',
    async () => {
      for (let i = 0; i < 10; i++) await hostile.abortMidBody(url, '/api/score');
    },
    () => true,
  ],
  ['slow headers (a byte per 100 ms, 20 s cap)', () => hostile.slowHeaders(url, 20_000), (o) => o?.closed === true],
  ['invalid UTF-8 to /api/score', () => hostile.invalidUtf8(url), (o) => o?.status === 400],
  ['GET with a body', () => hostile.bodyOnRead(url, 'GET'), (o) => o?.status === 400],
  ['HEAD with a body', () => hostile.bodyOnRead(url, 'HEAD'), (o) => o?.status === 400],
  ['malformed request line', () => hostile.raw(url, 'HELLO THERE\r\n\r\n'), (o) => o?.status === 400],
];
for (const [name, attack, expected] of cases) {
  const outcome = await attack();
  const up = await hostile.stillUp(url);
  const ok = expected(outcome) && up;
  failed ||= !ok;
  const answer = outcome
    ? [
        outcome.status ? `${outcome.status} ${outcome.headers['content-type'] ?? ''}` : 'no response',
        // Only the probes that wait for the server to hang up can tell it did.
        outcome.closed ? 'closed by the server' : '',
        `${ms(outcome.ms)}`,
      ]
        .filter(Boolean)
        .join(' · ')
    : 'client left';
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(44)} ${answer} · server ${up ? 'up' : 'DOWN'}`);
}

child.kill('SIGTERM');
const code = await server.exited;
failed ||= code !== 0;
console.log(`\nSIGTERM: the server exited with code ${code}`);
const logged = server.stderr().trim();
if (logged) console.log(`server stderr:\n${logged}`);

console.log('\ntargets (issue 10)');
console.log(`  0 errors                       ${verdict(errors === 0)} (${errors})`);
console.log(`  p99 ≤ 50 ms                    ${verdict(run.latency.p99 <= 50)} (${ms(run.latency.p99)})`);
console.log(`  memory after ≤ 1.5× before     ${verdict(after <= 1.5 * before)} (${(after / before).toFixed(2)}×)`);
console.log(
  `  quiz check ≤ 3× static GET     ${verdict(checkMedian <= 3 * pageMedian)} (${(checkMedian / pageMedian).toFixed(2)}×)`,
);
if (!built && !process.env.LEARNABLE_DIST) rmSync(dist, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
