import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { exampleReport } from '../../src/content/examples';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { LAYER_TYPES, LAYERS } from '../../src/domain/layers';
import type { Layer } from '../../src/domain/schema/network';
import { describeDiagram } from '../../src/domain/network-diagram';
import { GENERATOR_VERSION } from '../../src/domain/quiz-generator';
import { expectNoAxeViolations, LOOKS, saveScreenshot } from './support/quiz';

const LESSON_DIR = 'src/content/lesson';

/** Title, quiz level and practised skill of every lesson section, read from the MDX front matter. */
const sections = readdirSync(LESSON_DIR)
  .filter((file) => file.endsWith('.mdx'))
  .sort()
  .map((file) => {
    const text = readFileSync(`${LESSON_DIR}/${file}`, 'utf8');
    const title = /^title: (.+)$/m.exec(text)?.[1] ?? '';
    const level = Number(/^quizLevel: (\d)$/m.exec(text)?.[1]);
    const skill = (/^skill: (.+)$/m.exec(text)?.[1] ?? '').replace(/^"(.*)"$/, '$1');
    return { file, title, level, skill };
  });

/** A worked line as the lesson's `Work` component writes it, its label hidden but in the text. */
const worked = (explanation: string | undefined) => `Worked arithmetic: ${explanation ?? '(no such layer)'}`;

test.describe('lesson', () => {
  test('works the classic example through with the engine’s counts: 56 + 57 + 0 + 2402 = 2515', async ({ page }) => {
    const report = exampleReport('classic');
    // The engine agrees with hand arithmetic: inputs × (filters × 3×3) + filters; 20×20×3 inputs × 2 units + 2.
    expect(report.layers.map((l) => l.params)).toEqual([3 * 2 * 3 * 3 + 2, 2 * 3 * 3 * 3 + 3, 0, 20 * 20 * 3 * 2 + 2]);
    expect(report.totals.params).toBe(2515);

    await page.goto('/');
    const table = page.getByRole('table', { name: /^The classic example/ });
    const rows = table.getByRole('row');
    for (const layer of report.layers) {
      // Header row and input row come first.
      const row = rows.nth(layer.index + 2);
      await expect(row.getByRole('cell').nth(3)).toHaveText(String(layer.params));
      await expect(row).toContainText(layer.explanation);
      await expect(row).toContainText(layer.outputShape.join('×'));
    }
    await expect(rows.last()).toContainText(String(report.totals.params));
    await expect(rows.last()).toContainText(report.totals.explanation);
    const section = page.getByRole('region', { name: /The whole example, step by step$/ });
    await expect(section.getByText(report.totals.explanation, { exact: true }).first()).toBeVisible();
  });

  test('draws the classic network as a picture labelled with its shapes and counts', async ({ page }) => {
    const report = exampleReport('classic');
    await page.goto('/');
    const name = `Diagram of the network: ${describeDiagram(report, { shapes: 'all', counts: true })}`;
    const picture = page.getByRole('img', { name, exact: true });
    await expect(picture).toBeVisible();
    for (const layer of report.layers) {
      await expect(picture.getByText(`${layer.params.toLocaleString('en-US')} params`).first()).toBeAttached();
    }
  });

  test('ends every section with a link into the quiz at its level, named for what it practises', async ({ page }) => {
    expect(sections.length).toBeGreaterThanOrEqual(9);
    await page.goto('/');
    const boxes: string[] = [];
    for (const { title, level, skill } of sections) {
      expect(skill, title).not.toBe('');
      const section = page.getByRole('region', { name: new RegExp(`${title}$`) });
      const last = section.getByRole('link').last();
      await expect(last).toHaveAccessibleName(`Practise ${skill}`);
      // At its level, and (where the section teaches a layer) only networks that contain it.
      await expect(last).toHaveAttribute(
        'href',
        new RegExp(`^/quiz/\\?v=${GENERATOR_VERSION}&level=${level}(&include=[A-Za-z0-9]+(&mistake=[a-z0-9-]+)?)?$`),
      );
      // The box says which quiz level the link opens.
      const box = last.locator('xpath=..');
      await expect(box).toContainText(`quiz level ${level}`);
      boxes.push((await box.textContent()) ?? '');
    }
    // No two boxes read alike: neither their links nor their whole text.
    expect(new Set(sections.map(({ skill }) => skill)).size).toBe(sections.length);
    expect(new Set(boxes).size).toBe(sections.length);
  });

  test('opens a quiz at the matching level from a section’s link', async ({ page }) => {
    await page.goto('/');
    const section = page.getByRole('region', { name: /Batch normalization$/ });
    await section.getByRole('link', { name: 'Practise batch normalization' }).click();
    await expect(page).toHaveURL(
      new RegExp(`/quiz/\\?v=${GENERATOR_VERSION}&level=3&seed=[a-z0-9-]+&include=batchNormalization$`),
    );
    await expect(page.getByRole('heading', { level: 2, name: /^Level 3:/ })).toBeVisible();
  });

  test('answers an unknown address with a page that leads back to the lesson and the quiz', async ({ page }) => {
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    // The 404 page is none of the menu's pages: no entry is marked current, the lesson included.
    const menu = page.getByRole('navigation', { name: 'Site' });
    await expect(menu.getByRole('link', { name: 'Lesson', exact: true })).not.toHaveAttribute('aria-current', /.*/);
    await expect(menu.locator('[aria-current]')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'The lesson' })).toHaveAttribute('href', '/');
    await expect(page.getByRole('link', { name: 'The quiz' })).toHaveAttribute(
      'href',
      `/quiz/?v=${GENERATOR_VERSION}&level=1`,
    );
  });

  test('gives the classic first layer to a sequence, an image and a volume: 20, 56 and 164', async ({ page }) => {
    const counts = [
      exampleReport('classicSequence').layers[0],
      exampleReport('classic').layers[0],
      exampleReport('classicVolume').layers[0],
    ];
    // 3 inputs × (2 filters × kernel) + 2 biases, with a kernel of 3, 3×3 and 3×3×3.
    expect(counts.map((layer) => layer?.params)).toEqual([3 * 2 * 3 + 2, 3 * 2 * 3 * 3 + 2, 3 * 2 * 3 * 3 * 3 + 2]);

    await page.goto('/');
    const section = page.getByRole('region', { name: /Sequences and volumes$/ });
    for (const layer of counts) {
      await expect(section.getByText(worked(layer?.explanation), { exact: true })).toBeVisible();
    }
  });

  test('shows PReLU learning a slope per value, or one per channel when height and width share them', async ({
    page,
  }) => {
    const perValue = exampleReport('convPReLU').layers[1];
    const perChannel = exampleReport('convPReLUShared').layers[1];
    // The 8-filter same-padded convolution of a 20×20×3 image gives 20×20×8 values, and 8 channels.
    expect([perValue?.params, perChannel?.params]).toEqual([20 * 20 * 8, 8]);

    await page.goto('/');
    const section = page.getByRole('region', { name: /Activations learn nothing — except PReLU$/ });
    await expect(section.getByText(worked(perValue?.explanation), { exact: true })).toBeVisible();
    await expect(section.getByText(worked(perChannel?.explanation), { exact: true })).toBeVisible();
  });

  test('splits the frozen network’s unchanged total into trainable and non-trainable, as model.summary() does', async ({
    page,
  }) => {
    const scratch = exampleReport('transfer').totals;
    const frozen = exampleReport('transferFrozen').totals;
    // Conv 3 × (8 × 3×3) = 216, batch norm 4 × 8 = 32, conv 8 × (16 × 3×3) + 16 = 1168, dense 16 × 5 + 5 = 85.
    expect(frozen.params).toBe(216 + 32 + 1168 + 85);
    expect(scratch.params).toBe(frozen.params);
    // Frozen, only the dense head trains; from scratch only batch norm's moving statistics (2 × 8) do not.
    expect([frozen.trainable, frozen.nonTrainable]).toEqual([85, 216 + 32 + 1168]);
    expect([scratch.trainable, scratch.nonTrainable]).toEqual([216 + 16 + 1168 + 85, 16]);

    await page.goto('/');
    const table = page
      .getByRole('region', { name: /Frozen layers$/ })
      .getByRole('table', { name: /^The same total, split differently/ });
    const lines = [
      ['Total params', scratch.params, frozen.params],
      ['Trainable params', scratch.trainable, frozen.trainable],
      ['Non-trainable params', scratch.nonTrainable, frozen.nonTrainable],
    ] as const;
    for (const [label, fromScratch, baseFrozen] of lines) {
      const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
      await expect(row.getByRole('cell')).toHaveText([String(fromScratch), String(baseFrozen)]);
    }
  });

  test('lists every registered layer type in the catalogue, with its Keras classes and its example counted', async ({
    page,
  }) => {
    await page.goto('/');
    const table = page
      .getByRole('region', { name: /Every layer Learnable counts$/ })
      .getByRole('table', { name: /^Every layer type/ });
    // One row per type, whatever group it falls in.
    await expect(table.locator('tbody th[scope="row"]')).toHaveCount(LAYER_TYPES.length);
    for (const type of LAYER_TYPES) {
      const spec = LAYERS[type];
      // reuse (a shared layer's second call) has no Keras class of its own: the row goes by its label.
      const [shown = spec.label, ...aliases] = spec.keras.classes;
      // A merge's example comes after its other branch (`before`), a shared layer's call after the layer.
      const layers = [...(spec.example.before ?? []), spec.example.layer] as Layer[];
      const report = analyzeNetwork({ input: spec.example.input, layers });
      if (!report.ok) throw new Error(`the example of ${type} is not a valid network`);
      const layer = report.value.layers.at(-1);
      if (!layer) throw new Error(`the example of ${type} has no layer`);
      const header = page
        .getByRole('rowheader')
        .locator('code')
        .filter({ hasText: new RegExp(`^${shown}$`) });
      const row = table.getByRole('row').filter({ has: header });
      await expect(row, `${type} (${shown}) has one row`).toHaveCount(1);
      for (const alias of aliases) await expect(row.getByRole('rowheader')).toContainText(alias);
      // Cells after the row header: description, example, Param #, arithmetic.
      const cells = row.getByRole('cell');
      await expect(cells.nth(0)).toHaveText(spec.description);
      await expect(cells.nth(1)).toContainText(`${spec.example.input.join('×')} → ${layer.outputShape.join('×')}`);
      await expect(cells.nth(2)).toHaveText(String(layer.params));
      await expect(cells.nth(3)).toHaveText(`${layer.explanation} Shape: ${layer.shapeExplanation}`);
    }
  });

  test('ships no JavaScript', async ({ request }) => {
    const html = await (await request.get('/')).text();
    expect(html).not.toMatch(/<script/i);
  });

  for (const [name, options] of LOOKS) {
    test.describe(`at ${name} size and colours`, () => {
      test.use(options);

      test('passes an axe scan and saves a screenshot', async ({ page }, testInfo) => {
        // A long page with six pictures: axe checks the contrast of every label, some 40 s on 2 shared cores.
        test.setTimeout(120_000);
        await page.goto('/');
        await expectNoAxeViolations(page);
        await saveScreenshot(page, testInfo, `lesson-${name}`);
      });
    });
  }
});
