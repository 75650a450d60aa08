import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import { toGift } from '../../src/domain/exporters/gift';
import { toMoodleXml } from '../../src/domain/exporters/moodle-xml';
import { toCanvasQtiZip } from '../../src/domain/exporters/qti';
import { toSetJson } from '../../src/domain/exporters/set-json';
import { generatePracticeSet } from '../../src/domain/practice-set';
import { PracticeSetOptions } from '../../src/domain/schema/practice-set';

// Level 1, three networks, output shapes asked; the engine's networks are the expectation, never the page.
const QUERY = 'v=2&seed=e2e-exports&count=3&level=1&shapes=1';
const made = generatePracticeSet(
  PracticeSetOptions.parse({ version: 2, seed: 'e2e-exports', count: 3, level: 1, askShapes: true }),
);
if (!made.ok) throw new Error('the set generates');
const SET = made.value;

test.describe('practice set exports', () => {
  // Reading a download's Blob type needs fetch(blob:), which the site's CSP rightly refuses.
  test.use({ bypassCSP: true });

  test('downloads Moodle XML with one Cloze question per network, its counts the engine’s', async ({ page }) => {
    await page.goto(`/practice/?${QUERY}`);
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Moodle XML' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('learnable-set-e2e-exports.moodle.xml');
    const parsed = new XMLParser({
      ignoreAttributes: false,
      parseTagValue: false,
      isArray: (n) => n === 'question',
    }).parse(await readFile(await file.path(), 'utf8'), true) as {
      quiz: { question: { '@_type': string; questiontext?: { text: string } }[] };
    };
    const [, ...questions] = parsed.quiz.question;
    expect(questions.map((q) => q['@_type'])).toEqual(SET.map(() => 'cloze'));
    questions.forEach((q, n) => {
      const item = SET[n];
      if (!item) throw new Error('a question per network');
      // Each count sub-question's right answer, in order: the layers', then the total.
      const rights = [...String(q.questiontext?.text).matchAll(/\{1:NUMERICAL:=(\d+):0#/g)].map((m) => Number(m[1]));
      expect(rights).toEqual([...item.report.layers.map((l) => l.params), item.report.totals.params]);
    });
  });

  test('downloads a Canvas QTI zip that unzip reads, with a manifest and the assessment it names', async ({ page }) => {
    await page.goto(`/practice/?${QUERY}`);
    const link = page.getByRole('link', { name: 'Canvas QTI' });
    const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(file.suggestedFilename()).toBe('learnable-set-e2e-exports.canvas-qti.zip');
    expect(await link.evaluate(async (a: HTMLAnchorElement) => (await (await fetch(a.href)).blob()).type)).toBe(
      'application/zip',
    );
    const path = await file.path();
    expect(execFileSync('unzip', ['-t', path], { encoding: 'utf8' })).toMatch(/No errors detected/);
    const manifest = execFileSync('unzip', ['-p', path, 'imsmanifest.xml'], { encoding: 'utf8' });
    const href = /<resource [^>]*type="imsqti_xmlv1p2" href="([^"]+)"/.exec(manifest)?.[1] ?? '';
    const assessment = execFileSync('unzip', ['-p', path, href], { encoding: 'utf8' });
    const items = (
      new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'item' }).parse(assessment, true) as {
        questestinterop: { assessment: { section: { item: { '@_title': string }[] } } };
      }
    ).questestinterop.assessment.section.item;
    // Per layer its shape and its count, and each network's total.
    expect(items).toHaveLength(SET.reduce((sum, item) => sum + 2 * item.network.layers.length + 1, 0));
    expect(items[0]?.['@_title']).toBe('Network 1, layer 1, output shape');
  });
});

test.describe('practice set exports of a 50-network set', () => {
  // Level 5, the largest networks (they branch and merge), output shapes asked: the largest files there are.
  const OPTIONS = PracticeSetOptions.parse({
    version: 2,
    seed: 'e2e-exports-50',
    count: 50,
    level: 5,
    askShapes: true,
  });
  const QUERY_50 = 'v=2&seed=e2e-exports-50&count=50&level=5&shapes=1';
  const big = generatePracticeSet(OPTIONS);
  if (!big.ok) throw new Error('the set generates');
  const ITEMS = big.value;
  // Each file as the engine's exporters make it: what the page made itself before a worker made them.
  const EXPECTED = [
    ['Moodle XML', 'learnable-set-e2e-exports-50.moodle.xml', Buffer.from(toMoodleXml(ITEMS, true))],
    ['GIFT', 'learnable-set-e2e-exports-50.gift.txt', Buffer.from(toGift(ITEMS, true))],
    [
      'Canvas QTI',
      'learnable-set-e2e-exports-50.canvas-qti.zip',
      Buffer.from(toCanvasQtiZip(ITEMS, true, 'Learnable set e2e-exports-50')),
    ],
    [
      'JSON',
      'learnable-set-e2e-exports-50.json',
      Buffer.from(`${JSON.stringify(toSetJson(OPTIONS, ITEMS), null, 2)}\n`),
    ],
  ] as const;

  test('each download is the engine’s file, byte for byte', async ({ page }) => {
    await page.goto(`/practice/?${QUERY_50}`);
    await expect(page.getByRole('status').filter({ hasText: 'Set made' })).toHaveText('Set made: 50 networks.');
    for (const [name, filename, bytes] of EXPECTED) {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
      expect(file.suggestedFilename()).toBe(filename);
      expect((await readFile(await file.path())).equals(bytes), `${name}: the engine's bytes`).toBe(true);
    }
  });

  test('a download clicked before its file is made is downloaded once it is', async ({ page }) => {
    // The worker that makes the files is held back until the test lets it load, after the click has
    // been answered: the link is clicked before any file is there, however slow the machine is.
    let letWorkerLoad = (): void => {};
    const workerMayLoad = new Promise<void>((resume) => (letWorkerLoad = resume));
    await page.route('**/practice-downloads-worker*', async (route) => {
      await workerMayLoad;
      await route.continue();
    });
    await page.goto(`/practice/?${QUERY_50}`);
    await expect(page.getByRole('status').filter({ hasText: 'Set made' })).toHaveText('Set made: 50 networks.');
    const [name, filename, bytes] = EXPECTED[2];
    // Not yet a file: the link still points at the page, and is busy (a progress cursor).
    const link = page.getByRole('link', { name });
    const status = page.getByRole('status').filter({ hasText: /^(Set made|Making)/ });
    await expect(link).toHaveAttribute('href', '#');
    await expect(link).toHaveAttribute('aria-busy', 'true');
    expect(await link.evaluate((a) => getComputedStyle(a).cursor)).toBe('progress');
    const downloaded = page.waitForEvent('download');
    await link.click();
    // The click is answered at once, in the status line, while the file is made.
    await expect(status).toHaveText('Making the Canvas QTI file: it downloads as soon as it is made.');
    await expect(link).toHaveAttribute('aria-busy', 'true');
    letWorkerLoad();
    const file = await downloaded;
    expect(file.suggestedFilename()).toBe(filename);
    expect((await readFile(await file.path())).equals(bytes), `${name}: the engine's bytes`).toBe(true);
    await expect(link).toHaveAttribute('href', /^blob:/);
    await expect(link).not.toHaveAttribute('aria-busy');
    await expect(status).toHaveText('Set made: 50 networks.');
  });
});
