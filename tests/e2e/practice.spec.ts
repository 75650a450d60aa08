import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseGift } from 'gift-pegjs';
import { describeLayer, KERAS_NAMES } from '../../src/domain/layer-summary';
import { generatePracticeSet, type PracticeItem } from '../../src/domain/practice-set';
import { PracticeSetOptions } from '../../src/domain/schema/practice-set';
import { expectNoAxeViolations, saveScreenshot, VIEWPORTS } from './support/quiz';
import { openPractice } from './support/practice';

/** The engine's set for these options: the expected networks and counts, never read off the page. */
function expectedSet(raw: Record<string, unknown>): PracticeItem[] {
  const set = generatePracticeSet(PracticeSetOptions.parse(raw));
  if (!set.ok) throw new Error(`the options ${JSON.stringify(raw)} make no set`);
  return set.value;
}

/** How the pages name a layer in its row header: "Conv2D: 7 filters, 3×3 kernel, …". */
const rowNames = (item: PracticeItem) =>
  item.network.layers.map((layer) => `${KERAS_NAMES[layer.type]}: ${describeLayer(layer)}`);

const network = (page: Page, n: number) => page.getByRole('article', { name: new RegExp(`^Network ${n} Level`) });

/** Pages in a PDF: its page objects (`/Type /Page`, not the `/Type /Pages` tree nodes). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;

// Level 1, four networks, output shapes asked. Checked below against the engine: 6, 6, 5 and 3 layers.
const PRINTED = { v: '1', seed: 'e2e-print', count: '4', level: '1', shapes: '1' };
const PRINTED_QUERY = new URLSearchParams(PRINTED).toString();
const PRINTED_SET = expectedSet({ seed: 'e2e-print', count: 4, level: 1, askShapes: true });

test.describe('practice set page', () => {
  test('makes the set chosen in the form, and the same set again from its address', async ({ page }) => {
    // The form makes sets of the current version, 2.
    const expected = expectedSet({ version: 2, seed: 'e2e-form', count: 3, level: 2, askShapes: true });
    await page.goto('/practice/');
    await page.getByLabel('Number of networks').fill('3');
    await page.getByLabel('Level', { exact: true }).selectOption('2');
    await page.getByLabel("Also ask for each layer's output shape").check();
    await page.getByLabel('Seed', { exact: true }).fill('e2e-form');
    await page.getByRole('button', { name: 'Make the set' }).click();

    await expect(page).toHaveURL(/\/practice\/\?v=2&seed=e2e-form&count=3&level=2&shapes=1$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Set “e2e-form”: 3 networks' })).toBeVisible();
    const shown = async () => {
      for (const item of expected) {
        const article = network(page, item.index + 1);
        await expect(article.locator('tbody th')).toHaveText(rowNames(item));
        await expect(article.getByRole('img', { name: /^Diagram of network/ })).toBeVisible();
      }
      await expect(page.getByRole('article')).toHaveCount(3);
    };
    await shown();
    await page.reload();
    await shown();
    // The form shows the set's options again, so changing one keeps the others.
    await expect(page.getByLabel('Number of networks')).toHaveValue('3');
    await expect(page.getByLabel('Level', { exact: true })).toHaveValue('2');
    await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('e2e-form');
    await expect(page.getByLabel("Also ask for each layer's output shape")).toBeChecked();
    // Without shapes asked a set gives every input shape, easier than the quiz (shapes from level 2): the form says so.
    await expect(page.getByLabel("Also ask for each layer's output shape")).toHaveAccessibleDescription(
      /every layer's input shape is given .* easier than the quiz at the same level, which asks for the shapes from level 2 on/,
    );
  });

  test('shows every network of a 50-network set, each with its picture and table, all of them laid out on paper', async ({
    page,
  }) => {
    // Level 5: the networks branch and merge, the largest pictures a set has.
    const expected = expectedSet({ version: 2, seed: 'e2e-fifty', count: 50, level: 5 });
    await page.goto('/practice/?v=2&seed=e2e-fifty&count=50&level=5');
    await expect(page.getByRole('status').filter({ hasText: 'Set made' })).toHaveText('Set made: 50 networks.');
    await expect(page.getByRole('article')).toHaveCount(50);
    const shown = await page.getByRole('article').evaluateAll((articles) =>
      articles.map((article) => ({
        heading: article.querySelector('h3')?.textContent ?? '',
        picture: article.querySelector('svg[role="img"]')?.getAttribute('aria-labelledby') ?? '',
        rows: article.querySelectorAll('tbody tr').length,
      })),
    );
    expect(shown).toEqual(
      expected.map((item) => ({
        heading: expect.stringMatching(new RegExp(`^Network ${item.index + 1} Level 5: `)),
        picture: expect.stringContaining(`preview-${item.index + 1}-diagram`),
        rows: item.network.layers.length,
      })),
    );
    // The last network, far below the screen, is there to read and see once scrolled to.
    const last = network(page, 50);
    await expect(last.locator('tbody th')).toHaveCount(expected[49]?.network.layers.length ?? 0);
    await last.scrollIntoViewIfNeeded();
    await expect(last.getByRole('img', { name: /^Diagram of network 50/ })).toBeVisible();
    // On screen a network far from it is not laid out (content-visibility); on paper every one is.
    const visibility = () =>
      page.getByRole('article').evaluateAll((articles) => articles.map((a) => getComputedStyle(a).contentVisibility));
    expect(await visibility()).toEqual(Array(50).fill('auto'));
    await page.emulateMedia({ media: 'print' });
    expect(await visibility()).toEqual(Array(50).fill('visible'));
  });

  test('offers a fresh random seed, and a new one on request', async ({ page }) => {
    await page.goto('/practice/');
    const seed = page.getByLabel('Seed', { exact: true });
    await expect(seed).toHaveValue(/^set-[a-z0-9]+$/);
    const first = await seed.inputValue();
    await page.getByRole('button', { name: 'New seed' }).click();
    await expect(seed).toHaveValue(/^set-[a-z0-9]+$/);
    expect(await seed.inputValue()).not.toBe(first);
  });

  test('limits the set to the layer types chosen', async ({ page }) => {
    const expected = expectedSet({ version: 2, seed: 'e2e-types', count: 4, level: 3, include: ['separableConv2d'] });
    await page.goto('/practice/');
    await page.getByLabel('Level', { exact: true }).selectOption('3');
    await page.getByLabel('Number of networks').fill('4');
    await page.getByLabel('Seed', { exact: true }).fill('e2e-types');
    await page.getByText('Layer types (optional)').click();
    await page
      .getByRole('group', { name: 'Every network contains at least one of' })
      .getByLabel(/^SeparableConv2D/)
      .check();
    await page.getByRole('button', { name: 'Make the set' }).click();
    for (const item of expected) {
      await expect(network(page, item.index + 1).locator('tbody th')).toHaveText(rowNames(item));
      await expect(network(page, item.index + 1).locator('tbody th', { hasText: 'SeparableConv2D' })).not.toHaveCount(
        0,
      );
    }
  });

  test('says clearly why options cannot make a set, at the field to change', async ({ page }) => {
    // Level 1 networks have no batch normalization (that is level 3).
    await page.goto('/practice/?v=1&seed=e2e-bad&count=5&level=1&include=batchNormalization');
    await expect(page.getByRole('alert')).toContainText('This set cannot be made');
    await expect(page.getByRole('alert')).toContainText('no level 1 network with batchNormalization could be made');
    const include = page.getByRole('group', { name: 'Every network contains at least one of' });
    await expect(include.getByLabel(/^BatchNormalization/)).toBeChecked();
    await expect(include.getByLabel(/^BatchNormalization/)).toHaveAttribute('aria-invalid', 'true');
    await expect(include).toHaveAccessibleDescription(/no level 1 network with batchNormalization/);
    await expect(page.getByRole('article')).toHaveCount(0);

    await page.goto('/practice/?v=1&seed=e2e-bad&count=80&level=1');
    await expect(page.getByRole('alert')).toContainText('a set has at most 50 networks');
    await expect(page.getByLabel('Number of networks')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Number of networks')).toHaveAccessibleDescription(/a set has at most 50 networks/);
  });

  test('links to the worksheet, the answer key and the student link of the same set', async ({ page, baseURL }) => {
    await page.goto(`/practice/?${PRINTED_QUERY}`);
    const query = '?v=1&seed=e2e-print&count=4&level=1&shapes=1';
    await expect(page.getByRole('link', { name: 'Worksheet' })).toHaveAttribute('href', `/practice/worksheet/${query}`);
    await expect(page.getByRole('link', { name: 'Answer key' })).toHaveAttribute('href', `/practice/key/${query}`);
    await expect(page.getByRole('link', { name: 'Student link', exact: true })).toHaveAttribute(
      'href',
      `/practice/student/${query}`,
    );
    await expect(page.getByLabel('Student link address')).toHaveValue(`${baseURL}/practice/student/${query}`);
  });

  test.describe('downloads', () => {
    // The test reads each download's Blob back with fetch(), which the site's CSP (connect-src 'self') refuses
    // for blob: addresses, as it should: nothing on the page fetches them. A click on the link is a download,
    // which the CSP allows (the files are read below from the download itself).
    test.use({ bypassCSP: true });

    test('downloads Moodle XML, GIFT and JSON that parse, with a question per layer count and shape and total', async ({
      page,
    }) => {
      await page.goto(`/practice/?${PRINTED_QUERY}`);
      // The set asks for shapes: every layer's count and output shape is a question, and so is each network's total.
      const questions = PRINTED_SET.reduce((sum, item) => sum + 2 * item.network.layers.length + 1, 0);
      const download = async (name: string) => {
        const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
        return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
      };
      // The media type a fetch of the link's blob: address reports. Chromium 150 reports a blob made as
      // 'text/plain;charset=utf-8' as 'text/plain' (its essence), so the charset is checked by the file's text.
      const blobType = (name: string) =>
        page
          .getByRole('link', { name })
          .evaluate(async (a: HTMLAnchorElement) => (await (await fetch(a.href)).blob()).type);

      const gift = await download('GIFT');
      expect(gift.name).toBe('learnable-set-e2e-print.gift.txt');
      expect(gift.text.startsWith('// Learnable practice set: parameter counts, Keras rules.')).toBe(true);
      // A `$CATEGORY:` per network, then its questions.
      expect(parseGift(gift.text).filter((q) => q.type !== 'Category')).toHaveLength(questions);
      expect(await blobType('GIFT')).toMatch(/^text\/plain(;charset=utf-8)?$/);
      // Read as UTF-8, the shapes' multiplication signs come back whole.
      expect(gift.text).toContain('×');

      const xml = await download('Moodle XML');
      expect(xml.name).toBe('learnable-set-e2e-print.moodle.xml');
      // parse(xml, true) validates first and throws on XML that is not well-formed.
      const parsed = new XMLParser({ isArray: (name) => name === 'question' }).parse(xml.text, true) as {
        quiz: { question: unknown[] };
      };
      // One category entry, then one Cloze question per network.
      expect(parsed.quiz.question).toHaveLength(PRINTED_SET.length + 1);
      expect(await blobType('Moodle XML')).toBe('application/xml');

      const json = await download('JSON');
      expect(json.name).toBe('learnable-set-e2e-print.json');
      const set = JSON.parse(json.text) as { networks: { network: unknown; expected: { total: number } }[] };
      expect(set.networks.map((n) => n.network)).toEqual(PRINTED_SET.map((item) => item.network));
      expect(set.networks.map((n) => n.expected.total)).toEqual(PRINTED_SET.map((item) => item.report.totals.params));
      expect(await blobType('JSON')).toBe('application/json');
    });
  });

  test('scores a network of the set over HTTP from its options alone: right answers get full marks', async ({
    request,
  }) => {
    const item = PRINTED_SET[2];
    if (!item) throw new Error('the set has a third network');
    const answers = {
      layers: item.report.layers.map((l) => l.params),
      total: item.report.totals.params,
      outputShapes: item.report.layers.map((l) => l.outputShape),
    };
    const practiceSet = { version: 1, seed: 'e2e-print', count: 4, level: 1, askShapes: true, index: 2 };
    const response = await request.post('/api/score', { data: { practiceSet, answers } });
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { score: { correct: number; possible: number } };
    // Every layer's count and shape, and the total.
    const possible = 2 * item.network.layers.length + 1;
    expect(body.score).toEqual({ correct: possible, carriedForward: 0, answered: possible, possible });
  });
});

test.describe('worksheet and answer key', () => {
  test('the set has 6, 6, 5 and 3 layers, which the page counts below rely on', () => {
    expect(PRINTED_SET.map((item) => item.network.layers.length)).toEqual([6, 6, 5, 3]);
  });

  test('worksheet: a table to fill in per network, and a name and date line', async ({ page }) => {
    await page.goto(`/practice/worksheet/?${PRINTED_QUERY}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Worksheet' })).toBeVisible();
    for (const item of PRINTED_SET) {
      const article = network(page, item.index + 1);
      await expect(article.locator('tbody th')).toHaveText(rowNames(item));
      await expect(article.getByRole('columnheader')).toHaveText([
        '#',
        'Layer',
        'Input shape',
        'Output shape',
        'Parameters',
      ]);
      // Nothing of the answers is on the worksheet: no count in the parameters column.
      await expect(article.locator('td.blank')).toHaveCount(2 * item.network.layers.length + 1);
      await expect(article.locator('td.blank')).toHaveText(Array(2 * item.network.layers.length + 1).fill(''));
    }
    await expect(page.getByText('Name', { exact: true }).first()).toBeVisible();
    await expect(page.getByText('Date', { exact: true }).first()).toBeVisible();
  });

  test('answer key: every count with its worked arithmetic, and each total', async ({ page }) => {
    await page.goto(`/practice/key/?${PRINTED_QUERY}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Answer key' })).toBeVisible();
    for (const item of PRINTED_SET) {
      const article = network(page, item.index + 1);
      const rows = article.locator('tbody tr');
      for (const layer of item.report.layers) {
        const row = rows.nth(layer.index);
        await expect(row.locator('td.number')).toHaveText(String(layer.params));
        // The count's arithmetic, then the output shape's.
        await expect(row.locator('td.arithmetic')).toHaveText(`${layer.explanation} Shape: ${layer.shapeExplanation}`);
        await expect(row).toContainText(layer.outputShape.join('×'));
      }
      await expect(article.locator('tfoot td.number')).toHaveText(String(item.report.totals.params));
      await expect(article.locator('tfoot td.arithmetic')).toHaveText(item.report.totals.explanation);
    }
  });

  for (const [kind, title, pages] of [
    // A worksheet gives each network a page, with room to work.
    ['worksheet', 'Worksheet', 4],
    // A key page holds as many networks as fit by their printed heights: network 1 (453 px) and 2 (465)
    // not together on a page's 911 px, 2 and 3 (421) together, and 4 (344) on a page of its own.
    ['key', 'Answer key', 3],
  ] as const) {
    test(`${kind} prints without the site around it, on the ${pages} pages it plans`, async ({ page }, testInfo) => {
      await page.goto(`/practice/${kind}/?${PRINTED_QUERY}`);
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByRole('navigation', { name: 'Site' })).toBeHidden();
      await expect(page.getByRole('contentinfo')).toBeHidden();
      await expect(page.getByRole('button', { name: 'Save as PDF' })).toBeHidden();
      const sheets = page.locator('.sheet-page');
      await expect(sheets).toHaveCount(pages);
      const breaks = await sheets.evaluateAll((els) => els.map((el) => getComputedStyle(el).breakAfter));
      expect(breaks).toEqual([...Array(pages - 1).fill('page'), 'auto']);
      const inside = await page
        .locator('.sheet-network')
        .evaluateAll((els) => els.map((el) => getComputedStyle(el).breakInside));
      expect(inside).toEqual(Array(4).fill('avoid'));
      for (const format of ['A4', 'Letter'] as const) {
        const path = testInfo.outputPath(`${kind}-${format}.pdf`);
        expect(pdfPages(await page.pdf({ format, path })), `${format} pages`).toBe(pages);
        await testInfo.attach(`${kind}-${format}.pdf`, { path, contentType: 'application/pdf' });
      }
      await saveScreenshot(page, testInfo, `${kind}-print`);
    });
  }

  test('worksheet prints the picture with labels of at least 8 pt, and ruled room to work under each table', async ({
    page,
  }, testInfo) => {
    // An A4 page's width inside its 12 mm margins, in CSS pixels (96 a inch): 186 mm.
    await page.setViewportSize({ width: Math.floor((186 / 25.4) * 96), height: 1000 });
    await page.goto(`/practice/worksheet/?${PRINTED_QUERY}`);
    const working = page.getByRole('region', { name: /^Working for network/ });
    await expect(working).toHaveCount(0);
    await page.emulateMedia({ media: 'print' });
    await expect(working).toHaveCount(PRINTED_SET.length);
    for (const item of PRINTED_SET) {
      const picture = network(page, item.index + 1).getByRole('img', { name: /^Diagram of network/ });
      // A label's size on paper: its font size in the SVG's units, times the units' printed size in CSS px, in points.
      const points = await picture.evaluate((svg: SVGSVGElement) => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale * 0.75);
      });
      expect(points.length).toBeGreaterThan(item.network.layers.length);
      expect(Math.min(...points), `network ${item.index + 1} labels in pt`).toBeGreaterThanOrEqual(8);
      const room = page.getByRole('region', { name: `Working for network ${item.index + 1}` });
      const height = await room.evaluate((el) => (el.getBoundingClientRect().height * 25.4) / 96);
      expect(height, 'mm of ruled room').toBeGreaterThanOrEqual(50);
    }
    await saveScreenshot(page, testInfo, 'worksheet-print-room');
  });

  test('prints black on white when the screen is in dark mode', async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`/practice/key/?${PRINTED_QUERY}`);
    // The page's background is the root element's; its text colour is inherited from there.
    const colours = () =>
      page
        .locator('html')
        .evaluate((root) => [getComputedStyle(root).backgroundColor, getComputedStyle(document.body).color]);
    expect(await colours()).not.toEqual(['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    expect(await colours()).toEqual(['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
    await saveScreenshot(page, testInfo, 'key-print-dark-mode');
  });

  test('the Save as PDF button opens the print dialog', async ({ page }) => {
    await page.addInitScript(() => {
      window.print = () => document.body.setAttribute('data-printed', '');
    });
    await page.goto(`/practice/worksheet/?${PRINTED_QUERY}`);
    await page.getByRole('button', { name: 'Save as PDF' }).click();
    await expect(page.locator('body')).toHaveAttribute('data-printed', '');
  });

  test('a sheet whose options cannot make a set says why', async ({ page }) => {
    await page.goto('/practice/key/?v=1&seed=bad seed&count=3');
    await expect(page.getByRole('alert')).toContainText('a seed is 1 to 64 letters, digits, "-" or "_"');
  });
});

test.describe('practice set version 2: level 4 and a mix of four levels', () => {
  // A sequence, an image and a volume, in that order (checked below against the engine).
  const LEVEL4 = { version: 2, seed: 'e2e-level4', count: 3, level: 4, askShapes: true } as const;
  const LEVEL4_SET = expectedSet(LEVEL4);
  const AXES = ['steps × channels', 'height × width × channels', 'depth × height × width × channels'];

  test('the level 4 set is a sequence, an image and a volume', () => {
    expect(LEVEL4_SET.map((item) => item.network.input.length)).toEqual([2, 3, 4]);
  });

  test('makes a level 4 set from the form, and its answer key', async ({ page }) => {
    await page.goto('/practice/');
    await page.getByLabel('Number of networks').fill('3');
    await page.getByLabel('Level', { exact: true }).selectOption('4');
    await page.getByLabel("Also ask for each layer's output shape").check();
    await page.getByLabel('Seed', { exact: true }).fill('e2e-level4');
    await page.getByRole('button', { name: 'Make the set' }).click();
    await expect(page).toHaveURL(/\/practice\/\?v=2&seed=e2e-level4&count=3&level=4&shapes=1$/);
    for (const item of LEVEL4_SET) {
      const article = network(page, item.index + 1);
      await expect(article.getByRole('heading')).toContainText(
        'Level 4: Activations, normalizations, sequences and volumes',
      );
      await expect(article.locator('tbody th')).toHaveText(rowNames(item));
      await expect(article.locator('caption')).toHaveText(
        `Network ${item.index + 1}: ${item.network.layers.length} layers from an input of ` +
          `${item.network.input.join('×')} (${AXES[item.index]})`,
      );
    }

    await page.getByRole('link', { name: 'Answer key' }).click();
    await expect(page).toHaveURL(/\/practice\/key\/\?v=2&seed=e2e-level4&count=3&level=4&shapes=1$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Answer key' })).toBeVisible();
    for (const item of LEVEL4_SET) {
      const article = network(page, item.index + 1);
      const rows = article.locator('tbody tr');
      for (const layer of item.report.layers) {
        const row = rows.nth(layer.index);
        await expect(row.locator('td').nth(1)).toHaveText(layer.outputShape.join('×'));
        await expect(row.locator('td.number')).toHaveText(String(layer.params));
        await expect(row.locator('td.arithmetic')).toHaveText(`${layer.explanation} Shape: ${layer.shapeExplanation}`);
      }
      await expect(article.locator('tfoot td.number')).toHaveText(String(item.report.totals.params));
      await expect(article.getByText('Keras code', { exact: true })).toBeVisible();
    }
  });

  test('prints the level 4 worksheet and key on the pages it plans, naming the axes to write', async ({
    page,
  }, testInfo) => {
    const query = 'v=2&seed=e2e-level4&count=3&level=4&shapes=1';
    for (const kind of ['worksheet', 'key'] as const) {
      await openPractice(page, `/practice/${kind}/?${query}`);
      await page.emulateMedia({ media: 'print' });
      const pages = await page.locator('.sheet-page').count();
      expect(pages).toBeGreaterThanOrEqual(2);
      const path = testInfo.outputPath(`level4-${kind}-A4.pdf`);
      // Every planned page fills exactly one printed page: no network spills onto a page of its own.
      expect(pdfPages(await page.pdf({ format: 'A4', path })), `${kind} A4 pages`).toBe(pages);
      await page.emulateMedia({ media: 'screen' });
    }
    await page.goto(`/practice/worksheet/?${query}`);
    await expect(page.getByText(/write each output shape \(steps×channels/).first()).toBeVisible();
  });

  test('makes a mix of all four levels, whose exports hold the same networks', async ({ page }) => {
    const options = { version: 2, seed: 'e2e-mix4', count: 12, level: 'mix', askShapes: false } as const;
    const expected = expectedSet(options);
    expect(new Set(expected.map((item) => item.level))).toEqual(new Set([1, 2, 3, 4]));
    await page.goto('/practice/?v=2&seed=e2e-mix4&count=12&level=mix');
    for (const item of expected) {
      const article = network(page, item.index + 1);
      await expect(article.getByRole('heading')).toContainText(`Level ${item.level}:`);
      await expect(article.locator('tbody th')).toHaveText(rowNames(item));
    }
    const download = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
      return readFile(await file.path(), 'utf8');
    };
    const json = JSON.parse(await download('JSON')) as {
      options: { version: number };
      networks: { level: number; network: unknown }[];
    };
    expect(json.options.version).toBe(2);
    expect(json.networks.map((n) => n.network)).toEqual(expected.map((item) => item.network));
    const questions = expected.reduce((sum, item) => sum + item.network.layers.length + 1, 0);
    expect(parseGift(await download('GIFT')).filter((q) => q.type !== 'Category')).toHaveLength(questions);
    const xml = new XMLParser({ isArray: (name) => name === 'question' }).parse(await download('Moodle XML'), true) as {
      quiz: { question: unknown[] };
    };
    // A category, then one Cloze question per network.
    expect(xml.quiz.question).toHaveLength(expected.length + 1);
  });

  test('scores a level 4 network of the set over HTTP from its options alone', async ({ request }) => {
    const item = LEVEL4_SET[2];
    if (!item) throw new Error('the set has a third network');
    const answers = {
      layers: item.report.layers.map((l) => l.params),
      total: item.report.totals.params,
      outputShapes: item.report.layers.map((l) => l.outputShape),
    };
    const response = await request.post('/api/score', { data: { practiceSet: { ...LEVEL4, index: 2 }, answers } });
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { score: { correct: number; possible: number } };
    const possible = 2 * item.network.layers.length + 1;
    expect(body.score).toEqual({ correct: possible, carriedForward: 0, answered: possible, possible });
    // Without a version the same options mean version 1, which has no level 4.
    const unversioned = { seed: LEVEL4.seed, count: LEVEL4.count, level: LEVEL4.level, askShapes: true };
    const refused = await request.post('/api/score', { data: { practiceSet: { ...unversioned, index: 2 }, answers } });
    expect(refused.status()).toBe(422);
    expect(await refused.text()).toContain('level 4 needs version 2');
  });
});

test.describe('practice pages: accessibility and looks', () => {
  const pages = [
    ['practice', `/practice/?${PRINTED_QUERY}`],
    ['worksheet', `/practice/worksheet/?${PRINTED_QUERY}`],
    ['key', `/practice/key/?${PRINTED_QUERY}`],
  ] as const;

  for (const [name, url] of pages) {
    test(`${name} has no axe violations, light and dark, desktop and phone`, async ({ page }, testInfo) => {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const [size, viewport] of Object.entries(VIEWPORTS)) {
          await page.setViewportSize(viewport);
          await openPractice(page, url);
          await expect(page.getByRole('article').first()).toBeVisible();
          await expectNoAxeViolations(page);
          await saveScreenshot(page, testInfo, `${name}-${size}-${scheme}`);
        }
      }
    });
  }

  test('the form alone, before a set is made, has no axe violations', async ({ page }, testInfo) => {
    await page.goto('/practice/');
    await page.getByText('Layer types (optional)').click();
    await expectNoAxeViolations(page);
    await page.setViewportSize(VIEWPORTS.phone);
    await saveScreenshot(page, testInfo, 'practice-form-phone');
  });
});
