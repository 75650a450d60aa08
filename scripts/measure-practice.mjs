// `npm run measure:practice`: how long a 50-network practice set blocks the page's main thread.
// The local production build, served by the project's own server (`npm run serve`), opened in Debian's
// Chromium with a DevTools trace running: every task of the page's main thread from the navigation until
// the set is shown (and painted, and the thread idle), opened from the form's page as a visitor opens it;
// then, on the same page, while the set is scrolled through from top to bottom, while each download
// link is clicked, and opening the set's worksheet and then its answer key in the same tab (each until
// its "Save as PDF" button shows). The page without a set is opened cold, in a new tab. A task's
// blocking time is what it lasts past 50 ms (Total Blocking Time sums them); the target is no task over
// 50 ms. The page is watched with plain DOM reads, never Playwright's role queries, whose work on a page
// of 50 networks would be measured as the page's own.
// Flags: --no-build (serve dist/ as it is), --runs=N (page loads per case, median kept; default 5),
//        --count=N (networks; default 50), --levels=1,5 (default 1,3,5,mix),
//        --steps=show,scroll,downloads,sheets (the default: all),
//        --dist=DIR (measure the build in DIR, as it is, instead of building dist/),
//        --baseline=DIR (also measure the build in DIR, e.g. one made from an earlier commit, the two
//        loaded in turn, and print them side by side: before → after), --json=FILE.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_FLAGS as BASE_FLAGS } from './chromium.mjs';

// The functions passed to page.evaluate run in the page.
/* global window, document, requestAnimationFrame */

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM_FLAGS = [...BASE_FLAGS, '--disable-quic'];
/** No task on the main thread longer than this (issue 12), in ms; also where a task starts to block. */
const TARGET_MS = 50;

const args = process.argv.slice(2);
const flag = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const runs = Number(flag('runs', '5'));
const count = Number(flag('count', '50'));
const levels = flag('levels', '1,3,5,mix').split(',');
const steps = flag('steps', 'show,scroll,downloads,sheets').split(',');
const baseline = flag('baseline', undefined);
const dist = resolve(flag('dist', join(ROOT, 'dist')));
const jsonFile = flag('json', undefined);

if (!args.includes('--no-build') && flag('dist', undefined) === undefined) {
  const built = spawnSync('npx', ['astro', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (built.status !== 0) throw new Error('astro build failed');
}

/** Starts `npm run serve`'s server for the build in `dist` on a free port; resolves with its origin and process. */
function startServer(dist) {
  const data = mkdtempSync(join(tmpdir(), 'learnable-measure-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LEARNABLE_DATA: data, LEARNABLE_DIST: dist },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((done, fail) => {
    let log = '';
    child.stdout.on('data', (chunk) => {
      log += chunk;
      const url = /Learnable at (http:\/\/\S+?)\/ /.exec(log)?.[1];
      if (url) done({ origin: url, child, data });
    });
    child.on('exit', (code) => fail(new Error(`the server exited (${code}) before listening:\n${log}`)));
  });
}

/** Trace events that run the page's JavaScript, and those that lay it out and paint it. */
const SCRIPT = new Set(['v8.evaluateModule', 'EvaluateScript', 'FunctionCall', 'TimerFire', 'FireAnimationFrame']);
const STYLE_LAYOUT = new Set(['UpdateLayoutTree', 'Layout']);
const PAINT = new Set(['PrePaint', 'Paint', 'Layerize']);
const TASK = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);
const DEVTOOLS = 'blink.mojom.DevToolsSession';

/** Sum of the events' durations in ms, each counted once even when one of them nests in another. */
function outermost(events) {
  let end = -Infinity;
  let sum = 0;
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (e.ts >= end) {
      sum += e.dur;
      end = e.ts + e.dur;
    } else if (e.ts + e.dur > end) {
      sum += e.ts + e.dur - end;
      end = e.ts + e.dur;
    }
  }
  return sum / 1000;
}

/**
 * The top-level tasks of the page's main thread in a Chromium trace: each task's duration in ms, and
 * for the longest what it spent its time on. The page's renderer is the one that parsed its HTML (`pid`
 * once known); its main thread is its `CrRendererMain`. Tasks that handle a DevTools protocol message
 * are the measuring's own (Playwright's injected script is 330 KB to compile): they are left out.
 */
function mainThreadTasks(trace, url, known) {
  const events = trace.traceEvents;
  const pid =
    known ?? events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url?.startsWith(url))?.pid ?? null;
  if (pid === null) throw new Error(`no renderer parsed ${url} in the trace`);
  const tid = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain',
  )?.tid;
  const main = events.filter((e) => e.ph === 'X' && e.pid === pid && e.tid === tid);
  const devtools = main.filter(
    (e) => e.name === 'Receive mojo message' && e.args?.chrome_mojo_event_info?.mojo_interface_tag === DEVTOOLS,
  );
  const tasks = main.filter(
    (task) => TASK.has(task.name) && !devtools.some((m) => m.ts >= task.ts && m.ts + m.dur <= task.ts + task.dur),
  );
  const painted = tasks.find((task) =>
    main.some((e) => e.name === 'Paint' && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur),
  );
  const firstFrameEnd = known === null && painted ? painted.ts + painted.dur : -Infinity;
  const longest = tasks.reduce((a, b) => (b.dur > (a?.dur ?? -1) ? b : a), undefined);
  const inLongest = longest ? main.filter((e) => e.ts >= longest.ts && e.ts + e.dur <= longest.ts + longest.dur) : [];
  const of = (names) => outermost(inLongest.filter((e) => names.has(e.name)));
  return {
    pid,
    tasks: tasks.map((e) => e.dur / 1000),
    // After the task that painted the page's first frame: its navigation, HTML and first layout, which
    // every page of the site has (the page without a set shows them), are before.
    later: tasks.filter((task) => task.ts >= firstFrameEnd).map((e) => e.dur / 1000),
    parts: { script: of(SCRIPT), styleLayout: of(STYLE_LAYOUT), paint: of(PAINT) },
  };
}

/**
 * The longest task, the blocking time past 50 ms summed (TBT), the tasks over 50 ms, and what the
 * longest task spent its time on (script, style and layout, paint: style and layout a script forced are in both).
 */
const blocking = ({ tasks, later, parts }) => ({
  longest: Math.max(0, ...tasks),
  later: Math.max(0, ...later),
  tbt: tasks.reduce((sum, t) => sum + Math.max(0, t - TARGET_MS), 0),
  over: tasks.filter((t) => t > TARGET_MS).length,
  ...parts,
});

/** Waits until the page has painted twice and then had a quiet moment (no task left to run for 300 ms). */
const settle = (page) =>
  page.evaluate(
    () =>
      new Promise((done) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(undefined), 300))),
      ),
  );

// `toplevel` has the tasks; `devtools.timeline` what runs in them (script, style, layout, paint) and the HTML parsed.
const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline'];

/** Runs `work` on `page` with a trace running; the page's main-thread tasks meanwhile (see mainThreadTasks). */
async function traced(browser, page, url, pid, work) {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await work();
  return mainThreadTasks(JSON.parse((await browser.stopTracing()).toString('utf8')), url, pid);
}

/** The download links, by name and by their `data-download`. */
const DOWNLOADS = [
  ['Moodle XML', 'xml'],
  ['GIFT', 'gift'],
  ['Canvas QTI', 'qti'],
  ['JSON', 'json'],
];

/** Waits, checking every 50 ms in a task of a few microseconds, until `test` holds in the page. */
const until = (page, test, arg) => page.waitForFunction(test, arg, { polling: 50, timeout: 60_000 });

/** One page load of the set: the blocking of showing it, of scrolling through it, of each download's click, of its sheets. */
async function measureOnce(browser, origin, level) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const url =
    level === 'none'
      ? `${origin}/practice/`
      : `${origin}/practice/?v=2&seed=measure-${level}&count=${count}&level=${level}`;
  const result = {};
  try {
    // A visitor makes a set from the form: the set opens in the tab (and renderer) that had the form.
    // Without a set, the page is opened cold, in a new tab.
    if (level !== 'none') {
      await page.goto(`${origin}/practice/`);
      await settle(page);
    }
    const shown = await traced(browser, page, url, null, async () => {
      await page.goto(url);
      if (level !== 'none') {
        await until(page, () => document.querySelector('[data-status]')?.textContent?.startsWith('Set made'));
      }
      await settle(page);
    });
    result.show = blocking(shown);
    if (level === 'none') return result;
    const articles = await page.evaluate(() => document.querySelectorAll('article.sheet-network').length);
    if (articles !== count) throw new Error(`level ${level}: ${articles} networks shown, not ${count}`);
    if (steps.includes('scroll')) {
      result.scroll = blocking(
        await traced(browser, page, url, shown.pid, async () => {
          // A screen at a time, two frames apart, as a reader scrolling quickly would ('instant': the site's
          // smooth scrolling would otherwise cut each step short).
          await page.evaluate(async () => {
            const frame = () => new Promise((done) => requestAnimationFrame(done));
            const bottom = () => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
            for (let step = 0; step < 1000 && !bottom(); step++) {
              window.scrollBy({ top: window.innerHeight, behavior: 'instant' });
              await frame();
              await frame();
            }
          });
          await settle(page);
        }),
      );
      await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
      await settle(page);
    }
    for (const [name, kind] of steps.includes('downloads') ? DOWNLOADS : []) {
      result[name] = blocking(
        await traced(browser, page, url, shown.pid, async () => {
          const [download] = await Promise.all([
            page.waitForEvent('download'),
            page.locator(`a[data-download="${kind}"]`).click(),
          ]);
          await download.path();
          await settle(page);
        }),
      );
    }
    // Then its worksheet and its answer key, each opened from the page before by its link.
    for (const kind of steps.includes('sheets') ? ['worksheet', 'key'] : []) {
      const sheetUrl = url.replace('/practice/?', `/practice/${kind}/?`);
      result[kind] = blocking(
        await traced(browser, page, sheetUrl, null, async () => {
          await page.goto(sheetUrl);
          await until(page, () => document.querySelector('[data-print]')?.hidden === false);
          await settle(page);
        }),
      );
    }
  } finally {
    await context.close();
  }
  return result;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value, width = 7) => `${value.toFixed(0)} ms`.padStart(width);
const KEYS = ['longest', 'later', 'tbt', 'over', 'script', 'styleLayout', 'paint'];

const builds = [...(baseline ? [['before', resolve(baseline)]] : []), ['after', dist]];
const servers = [];
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
const rows = [];
try {
  for (const [name, dist] of builds) servers.push({ name, ...(await startServer(dist)) });
  for (const level of ['none', ...levels]) {
    const samples = Object.fromEntries(servers.map((s) => [s.name, []]));
    // One load of each build first, to warm the servers' and the browser's caches; it is not counted.
    for (const server of servers) await measureOnce(browser, server.origin, level);
    // The builds in turn, so that both see the machine's load alike.
    for (let run = 0; run < runs; run++) {
      for (const server of servers) samples[server.name].push(await measureOnce(browser, server.origin, level));
    }
    for (const what of Object.keys(samples.after[0])) {
      const row = { level, what };
      for (const server of servers) {
        const pick = (key) => median(samples[server.name].map((s) => s[what][key]));
        row[server.name] = Object.fromEntries(KEYS.map((k) => [k, pick(k)]));
      }
      rows.push(row);
    }
  }
} finally {
  await browser.close();
  for (const server of servers) {
    // A server that has stopped on its own (its error is on stderr) is not waited for.
    const running = server.child.exitCode === null && server.child.signalCode === null;
    const exited = running ? new Promise((done) => server.child.once('exit', done)) : undefined;
    server.child.kill('SIGTERM');
    await exited;
    rmSync(server.data, { recursive: true, force: true });
  }
}

const WHAT = {
  show: 'open the set (load, make, show)',
  scroll: 'scroll through it, top to bottom',
  ...Object.fromEntries(DOWNLOADS.map(([name]) => [name, `click ${name}`])),
  worksheet: 'open its worksheet',
  key: 'open its answer key',
};
const label = (r) => [
  (r.level === 'none' ? '—' : String(r.level)).padEnd(5),
  (r.level === 'none' ? 'open the page without a set' : WHAT[r.what]).padEnd(33),
];
// Met, or met by every task after the page's first frame (the navigation and the first layout, which
// every page has: see the page without a set), or not.
const met = (r) =>
  r.after.longest <= TARGET_MS ? 'met' : r.after.later <= TARGET_MS ? 'met after the 1st frame' : 'NOT met';
console.log(
  `Practice page, ${count} networks, 1280×800, ${CHROMIUM}; medians of ${runs} page loads.\n` +
    `Main thread: the longest task; the longest after the task that painted the page's first frame (which holds\n` +
    `the navigation, the HTML and the first layout that every page of the site has); total blocking time (each\n` +
    `task's time past ${TARGET_MS} ms); tasks over ${TARGET_MS} ms` +
    `${baseline ? ` (before: ${baseline}; after: ${dist})` : '; what the longest task spent its time on'}.\n` +
    `Target: no task over ${TARGET_MS} ms.\n`,
);
if (baseline) {
  console.log(
    '  level  step                               longest task: before → after   after 1st frame: before → after   TBT: before → after   > 50 ms   target',
  );
  for (const r of rows) {
    console.log(
      `  ${label(r).join(' ')} ${ms(r.before.longest, 14)} → ${ms(r.after.longest)} ${ms(r.before.later, 21)} → ${ms(r.after.later)} ${ms(r.before.tbt, 15)} → ${ms(r.after.tbt)}   ${`${r.before.over} → ${r.after.over}`.padStart(6)}   ${met(r)}`,
    );
  }
} else {
  console.log(
    '  level  step                               longest  after 1st frame     TBT  > 50 ms   longest: script  style+layout  paint   target',
  );
  for (const r of rows) {
    const a = r.after;
    console.log(
      `  ${label(r).join(' ')} ${ms(a.longest)} ${ms(a.later, 16)} ${ms(a.tbt)}  ${String(a.over).padStart(7)}  ${ms(a.script, 16)} ${ms(a.styleLayout, 13)} ${ms(a.paint, 6)}   ${met(r)}`,
    );
  }
}
const misses = rows.filter((r) => r.after.longest > TARGET_MS);
const where = (r) => `${r.level === 'none' ? 'no set' : `level ${r.level}`} ${r.what}`;
console.log(
  misses.length === 0
    ? `\nEvery step: no task over ${TARGET_MS} ms.`
    : `\nOver ${TARGET_MS} ms: ${misses.map((r) => `${where(r)} (${r.after.longest.toFixed(0)} ms; after the 1st frame ${r.after.later.toFixed(0)} ms)`).join(', ')}.`,
);
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ count, runs, targetMs: TARGET_MS, baseline, rows }, null, 2));
