import { expect, test, type Page } from '@playwright/test';
import { exampleReport } from '../../src/content/examples';
import { kerasSnippet } from '../../src/domain/code-export';
import { generatePracticeSet, type PracticeItem } from '../../src/domain/practice-set';
import { generateNetwork } from '../../src/domain/quiz-generator';
import { PracticeSetOptions } from '../../src/domain/schema/practice-set';
import {
  answerAll,
  countField,
  expectedReport,
  expectNoAxeViolations,
  findSeed,
  literally,
  openQuiz,
  questionCount,
  saveScreenshot,
  shapeField,
  totalField,
} from './support/quiz';

// Level 5 exists from generator version 2.
const V2 = 2;
/** generateNetwork(2, 5, 'a'), worked by hand in tests/unit/quiz-generator-level5.test.ts: an inception block. */
const INCEPTION = 'a';
/** A network with a residual block whose shortcut is a learned 1×1 projection. */
const RESIDUAL = findSeed(
  5,
  'e2e-res',
  (_, network) => network.layers.some((l) => l.name === 'shortcut') && network.layers.length <= 12,
  V2,
);

const check = (page: Page) => page.getByRole('button', { name: 'Check my answers' });
const status = (page: Page) => page.getByRole('status');
const row = (page: Page, n: number) => page.locator('tbody.layer').nth(n - 1);

test.describe('quiz level 5: residual and inception blocks', () => {
  test('shows an inception block with its branches in words, and grades it answered right', async ({ page }) => {
    const report = expectedReport(5, INCEPTION, 'keras', V2);
    await openQuiz(page, 5, INCEPTION, V2);
    await expect(page.getByRole('heading', { level: 2, name: 'Level 5: Residual and inception blocks' })).toBeVisible();
    await expect(page.getByText(/It branches and merges: a layer that does not take the layer above/)).toBeVisible();
    // Layer 4 (pool1) feeds three branches: the first follows it, the other two say they take it.
    await expect(row(page, 4).getByRole('rowheader')).toContainText('pool1');
    await expect(row(page, 5).getByRole('rowheader')).not.toContainText('takes');
    await expect(row(page, 6).getByRole('rowheader')).toHaveText(
      'Conv2D branch_3x3: 3 filters, 3×3 kernel, padding same, stride 1; takes layer 4 (pool1)',
    );
    await expect(row(page, 7).getByRole('rowheader')).toContainText(
      '3×3 pool, stride 1, padding same; takes layer 4 (pool1)',
    );
    await expect(row(page, 9).getByRole('rowheader')).toHaveText(
      'Concatenate concat1: joins layers 5 (branch_1x1), 6 (branch_3x3) and 8 (branch_pool) along the channels',
    );
    // Shapes are asked, so an input shape is not given: it says whose output it is.
    await expect(row(page, 6).locator('[data-input-shape]')).toHaveText('output of layer 4');
    await expect(row(page, 9).locator('[data-input-shape]')).toHaveText('outputs of layers 5, 6 and 8');

    await answerAll(page, report, { shapes: true });
    await check(page).click();
    const possible = questionCount(report, true);
    await expect(status(page)).toHaveText(new RegExp(`^Score: ${possible} of ${possible} answers right: full marks!`));
    // The concatenation's channels are the sum of its branches': 2 + 3 + 4 = 9.
    await expect(shapeField(page, report, 8)).toHaveAccessibleDescription(literally('Output shape: correct, 8×8×9.'));
    await expect(countField(page, report, 8)).toHaveAccessibleDescription(literally('joins 8×8×2 and 8×8×3 and 8×8×4'));
  });

  test('grades a residual block answered wrong: a projection counted as 0, an add counted as its inputs', async ({
    page,
  }) => {
    const report = expectedReport(5, RESIDUAL, 'keras', V2);
    const network = generateNetwork(V2, 5, RESIDUAL);
    const shortcut = network.layers.findIndex((l) => l.name === 'shortcut');
    const add = network.layers.findIndex((l, i) => l.type === 'add' && i > shortcut);
    const projection = report.layers[shortcut];
    const merge = report.layers[add];
    if (!projection || !merge) throw new Error('the residual network has a shortcut and an add');
    // The 1×1 projection learns inputs × filters + biases.
    const inputs = projection.inputShape.at(-1) ?? 0;
    const filters = projection.outputShape.at(-1) ?? 0;
    expect(projection.params).toBe(inputs * filters + filters);
    expect(merge.params).toBe(0);

    await openQuiz(page, 5, RESIDUAL, V2);
    const adds = [...(merge.from ?? [])].map((i) => `${i + 1} (${report.layers[i]?.name})`);
    await expect(row(page, add + 1).getByRole('rowheader')).toContainText(`adds layers ${adds.join(' and ')}`);
    await expect(row(page, shortcut + 1).getByRole('rowheader')).toContainText(
      `takes layer ${(projection.from?.[0] ?? 0) + 1}`,
    );
    const summed = (merge.from ?? []).reduce((sum, i) => sum + (report.layers[i]?.params ?? 0), 0);
    await answerAll(page, report, {
      shapes: true,
      overrides: { [shortcut]: '0', [add]: String(summed) },
      total: String(report.totals.params - projection.params),
    });
    await check(page).click();
    const possible = questionCount(report, true);
    await expect(status(page)).toHaveText(new RegExp(`^Score: ${possible - 3} of ${possible} answers right\\.`));
    await expect(status(page)).toContainText(`Look again at layers ${shortcut + 1} and ${add + 1}, and the total.`);
    await expect(countField(page, report, shortcut)).toHaveAccessibleDescription(
      literally(`You wrote 0; the answer is ${projection.params}.`),
    );
    await expect(countField(page, report, shortcut)).toHaveAccessibleDescription(literally(projection.explanation));
    await expect(countField(page, report, add)).toHaveAccessibleDescription(
      literally(`You wrote ${summed}; the answer is 0.`),
    );
    await expect(totalField(page)).toHaveAccessibleDescription(literally(report.totals.explanation));
    // The code to check it in Keras follows the graph, with the functional API.
    await page.getByText('Check it yourself in Keras').click();
    const code = page.getByRole('region', { name: 'Keras code for this network' });
    await expect(code).toHaveText(kerasSnippet(network, report).trim());
    await expect(code).toContainText('layers.Add(name="add1")([');
  });

  test('offers level 5 in the picker, keeping v=2 in the address', async ({ page }) => {
    await openQuiz(page, 1, 'start', V2);
    await page.getByLabel('Level', { exact: true }).selectOption('5');
    await page.getByLabel('Seed', { exact: true }).fill(RESIDUAL);
    await page.getByRole('button', { name: 'Load network' }).click();
    await expect(page).toHaveURL(new RegExp(`/quiz/\\?v=2&level=5&seed=${RESIDUAL}$`));
    await expect(page.locator('tbody.layer')).toHaveCount(generateNetwork(V2, 5, RESIDUAL).layers.length);
  });

  for (const [name, viewport, colorScheme] of [
    ['1280-light', { width: 1280, height: 900 }, 'light'],
    ['1280-dark', { width: 1280, height: 900 }, 'dark'],
    ['390-light', { width: 390, height: 844 }, 'light'],
    ['390-dark', { width: 390, height: 844 }, 'dark'],
  ] as const) {
    test(`a checked level 5 quiz passes an axe scan at ${name}`, async ({ page }, testInfo) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      const report = expectedReport(5, INCEPTION, 'keras', V2);
      await openQuiz(page, 5, INCEPTION, V2);
      await answerAll(page, report, { shapes: true, overrides: { 8: '9' } });
      await check(page).click();
      await expect(status(page)).toHaveText(/^Score:/);
      await expectNoAxeViolations(page);
      await saveScreenshot(page, testInfo, `quiz-level5-${name}`);
    });
  }
});

/** The engine's set for these options: the expected networks and counts, never read off the page. */
function expectedSet(raw: Record<string, unknown>): PracticeItem[] {
  const set = generatePracticeSet(PracticeSetOptions.parse(raw));
  if (!set.ok) throw new Error(`the options ${JSON.stringify(raw)} make no set`);
  return set.value;
}

test.describe('a practice set at level 5', () => {
  const query = 'v=2&seed=e2e-graphs&count=2&level=5&shapes=1';
  const set = expectedSet({ version: 2, seed: 'e2e-graphs', count: 2, level: 5, askShapes: true });
  // A network, with the pages its table goes on to when it is too tall for one.
  const article = (page: Page, n: number) =>
    page.getByRole('article', { name: new RegExp(`^(Answers for )?Network ${n} (Level|\\(continued\\))`) });

  test('is made from the form, every merge saying which layers it joins', async ({ page }) => {
    await page.goto('/practice/');
    await expect(page.getByLabel('Level', { exact: true }).locator('option[value="5"]')).toHaveText(
      '5: Residual and inception blocks',
    );
    await expect(page.getByText('Concatenate (level 5)').first()).toBeAttached();
    await page.getByLabel('Number of networks').fill('2');
    await page.getByLabel('Level', { exact: true }).selectOption('5');
    await page.getByLabel("Also ask for each layer's output shape").check();
    await page.getByLabel('Seed', { exact: true }).fill('e2e-graphs');
    await page.getByRole('button', { name: 'Make the set' }).click();
    await expect(page).toHaveURL(new RegExp(`/practice/\\?${query}$`));
    for (const item of set) {
      const merges = item.network.layers.flatMap((l, i) => (l.type === 'add' || l.type === 'concatenate' ? [i] : []));
      expect(merges.length).toBeGreaterThan(0);
      for (const i of merges) {
        const names = (item.network.layers[i]?.inputs ?? []).join('|');
        await expect(
          article(page, item.index + 1)
            .locator('tbody tr')
            .nth(i),
        ).toContainText(new RegExp(`(adds|joins) layers .*(${names})`));
      }
    }
  });

  test('has an answer key with every count and the merges’ arithmetic', async ({ page }) => {
    await page.goto(`/practice/key/?${query}`);
    for (const item of set) {
      const rows = article(page, item.index + 1).locator('tbody tr');
      await expect(rows).toHaveCount(item.report.layers.length);
      for (const layer of item.report.layers) {
        const cells = rows.nth(layer.index).getByRole('cell');
        await expect(cells.nth(1)).toHaveText(layer.outputShape.join('×'));
        await expect(cells.nth(2)).toHaveText(String(layer.params));
        // The count's arithmetic, then the shape's (which the key shows after it).
        await expect(cells.nth(3)).toHaveText(`${layer.explanation} Shape: ${layer.shapeExplanation}`);
      }
      await expect(article(page, item.index + 1).locator('tfoot')).toContainText(String(item.report.totals.params));
    }
  });

  test('is answered on the student link, which says the network branches', async ({ page }) => {
    const [first] = set;
    if (!first) throw new Error('the set has a network');
    await page.goto(`/practice/student/?${query}`);
    await expect(page.getByText(/Level 5: Residual and inception blocks\. .* It branches and merges/)).toBeVisible();
    await answerAll(page, first.report, { shapes: true });
    await check(page).click();
    const possible = questionCount(first.report, true);
    await expect(status(page)).toHaveText(new RegExp(`^Score: ${possible} of ${possible} answers right`));
  });
});

test.describe('the lesson’s section on networks that branch and merge', () => {
  const section = (page: Page) => page.getByRole('region', { name: /Networks that branch and merge$/ });
  const worked = (explanation: string | undefined) => `Worked arithmetic: ${explanation ?? '(no such layer)'}`;

  test('works its numbers through with the engine’s counts', async ({ page }) => {
    const residual = exampleReport('residual');
    const inception = exampleReport('inception');
    const siamese = exampleReport('siamese');
    const frozen = exampleReport('transferModelFrozen');
    // Hand arithmetic: an add learns nothing; the 1×1 stride-2 projection learns 8 inputs × 16 filters + 16 biases.
    expect(residual.layers[3]?.params).toBe(0);
    expect(residual.layers[6]?.params).toBe(8 * 16 + 16);
    // The 3×3 convolution after the concatenation sees 4 + 8 + 4 = 16 channels: 16 × 8 × 3×3 + 8.
    expect(inception.layers[6]?.params).toBe(16 * 8 * 9 + 8);
    // The encoder (1×8×3×3 + 8 = 80, then 8×4 + 4 = 36) is counted once; its second call adds 0; the head 4 + 1.
    expect(siamese.layers.map((l) => l.params)).toEqual([0, 80 + 36, 0, 0, 5]);
    // The frozen base: 3×8×3×3 (no bias) + 4×8 + 8×16×3×3 + 16, all non-trainable; the head 16×5 + 5.
    expect(frozen.totals).toMatchObject({ nonTrainable: 216 + 32 + 1168, trainable: 16 * 5 + 5 });

    await page.goto('/');
    const here = section(page);
    for (const explanation of [
      residual.layers[3]?.explanation,
      residual.layers[6]?.explanation,
      residual.totals.explanation,
      inception.layers[5]?.explanation,
      inception.layers[6]?.explanation,
      siamese.layers[2]?.explanation,
      siamese.totals.explanation,
      frozen.layers[0]?.explanation,
    ]) {
      await expect(here.getByText(worked(explanation), { exact: true })).toBeVisible();
    }
    // The row whose own name is shortcut (add2's row names it too, as an input).
    const shortcut = here
      .getByRole('table', { name: /^Two residual blocks/ })
      .getByRole('row')
      .filter({ has: page.locator('.layer-id', { hasText: /^shortcut$/ }) });
    await expect(shortcut).toContainText('takes layer 4 (add1)');
    await expect(shortcut.getByRole('cell').nth(3)).toHaveText('144');
    const split = here.getByRole('table', { name: /^The transfer-learning model/ });
    for (const [label, trained, frozenBase] of [
      ['Total params', 1501, 1501],
      ['Trainable params', 1485, 85],
      ['Non-trainable params', 16, 1416],
    ] as const) {
      const line = split.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
      await expect(line.getByRole('cell')).toHaveText([String(trained), String(frozenBase)]);
    }
    const link = here.getByRole('link', { name: 'Practise residual and inception blocks' });
    await expect(link).toHaveAttribute('href', `/quiz/?v=${V2}&level=5`);
    await expect(here.getByRole('region', { name: 'Keras code for the residual example' })).toContainText(
      't3 = layers.Add(name="add1")([t2, t0])',
    );
  });

  for (const [name, viewport, colorScheme] of [
    ['1280-light', { width: 1280, height: 900 }, 'light'],
    ['1280-dark', { width: 1280, height: 900 }, 'dark'],
    ['390-light', { width: 390, height: 844 }, 'light'],
    ['390-dark', { width: 390, height: 844 }, 'dark'],
  ] as const) {
    test(`reads at ${name}`, async ({ page }, testInfo) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await page.goto('/');
      const here = section(page);
      await here.scrollIntoViewIfNeeded();
      const path = testInfo.outputPath(`lesson-graphs-${name}.png`);
      await here.screenshot({ path });
      await testInfo.attach(`lesson-graphs-${name}`, { path, contentType: 'image/png' });
      // Nothing in the section is wider than the page: wide tables scroll in their own region.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
});
