import { expect, test, type Page } from '@playwright/test';
import { kerasSnippet, pytorchSnippet } from '../../src/domain/code-export';
import { describeLayer, KERAS_NAMES } from '../../src/domain/layer-summary';
import { describeDiagram } from '../../src/domain/network-diagram';
import { diagnoseLayer, diagnoseTotal } from '../../src/domain/mistakes';
import { generateNetwork } from '../../src/domain/quiz-generator';
import type { Layer } from '../../src/domain/schema/network';
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

const check = (page: Page) => page.getByRole('button', { name: 'Check my answers' });
const status = (page: Page) => page.getByRole('status');
const rowHeaders = (page: Page) => page.locator('tbody.layer th');
const rowNames = (layers: readonly Layer[]) =>
  layers.map((layer) => `${KERAS_NAMES[layer.type]}: ${describeLayer(layer)}`);

// Level 4 exists from generator version 2; every seed below is found with the generator itself.
const V2 = 2;
const SEQUENCE = findSeed(4, 'e2e-seq', (report) => report.input.length === 2 && report.layers.length >= 4, V2);
const VOLUME = findSeed(4, 'e2e-vol', (report) => report.input.length === 4, V2);
// A PReLU whose slopes are shared along the spatial axes, and a frozen dense head.
const FROZEN = findSeed(
  4,
  'e2e-frozen',
  (_, network) =>
    network.layers.some((l) => l.type === 'pReLU' && l.sharedAxes !== undefined) &&
    network.layers.some((l) => l.type === 'dense' && l.trainable === false),
  V2,
);

/** Shapes typed as learners type them: 30×16, 30 x 16, (30, 16), in turn. */
const typed = (shape: readonly number[], i: number) =>
  [shape.join('×'), shape.join(' x '), `(${shape.join(', ')})`][i % 3] ?? shape.join('×');

test.describe('quiz level 4 (generator version 2)', () => {
  test('grades a sequence network answered right, counts and steps × channels shapes', async ({ page }) => {
    const report = expectedReport(4, SEQUENCE, 'keras', V2);
    const network = generateNetwork(V2, 4, SEQUENCE);
    await openQuiz(page, 4, SEQUENCE, V2);
    await expect(page).toHaveURL(new RegExp(`/quiz/\\?v=2&level=4&seed=${SEQUENCE}$`));
    await expect(rowHeaders(page)).toHaveText(rowNames(network.layers));
    await expect(page.getByText(`an input of ${report.input.join('×')} (steps × channels)`)).toBeVisible();
    // The shape fields ask for a sequence's axes, and the hint shows one.
    await expect(shapeField(page, report, 0)).toHaveAttribute('placeholder', 'steps×c');
    await expect(page.getByText(/Write output shapes as steps×channels \(30×16/)).toBeVisible();
    await answerAll(page, report, { shapes: true, writeShape: typed });
    await check(page).click();
    const possible = questionCount(report, true);
    await expect(status(page)).toHaveText(new RegExp(`^Score: ${possible} of ${possible} answers right: full marks!`));
    for (const [i, layer] of report.layers.entries()) {
      await expect(shapeField(page, report, i)).toHaveAccessibleDescription(
        literally(`Output shape: correct, ${layer.outputShape.join('×')}.`),
      );
    }
    // The picture now labels every tensor, the sequences' steps × channels among them.
    await expect(page.getByRole('img', { name: /^Diagram of the network: / })).toHaveAccessibleName(
      `Diagram of the network: ${describeDiagram(report, { shapes: 'all', counts: true })}`,
    );
    const pytorch = expectedReport(4, SEQUENCE, 'pytorch', V2);
    for (const [name, expected] of [
      ['Keras', kerasSnippet(network, report)],
      ['PyTorch', pytorchSnippet(network, report, pytorch)],
    ] as const) {
      await page.getByText(`Check it yourself in ${name}`).click();
      await expect(page.getByRole('region', { name: `${name} code for this network` })).toHaveText(expected.trim());
    }
    await expect(page.getByRole('region', { name: 'Keras code for this network' })).toContainText(
      `keras.Input(shape=(${report.input.join(', ')}))`,
    );
    await expect(page.getByRole('region', { name: 'PyTorch code for this network' })).toContainText('nn.Conv1d(');
  });

  test('grades a volume network answered right, with shapes of four axes', async ({ page }) => {
    const report = expectedReport(4, VOLUME, 'keras', V2);
    await openQuiz(page, 4, VOLUME, V2);
    await expect(
      page.getByText(`an input of ${report.input.join('×')} (depth × height × width × channels)`),
    ).toBeVisible();
    await expect(shapeField(page, report, 0)).toHaveAttribute('placeholder', 'd×h×w×c');
    expect(report.layers[0]?.outputShape).toHaveLength(4);
    await answerAll(page, report, { shapes: true, writeShape: typed });
    await check(page).click();
    const possible = questionCount(report, true);
    await expect(status(page)).toHaveText(new RegExp(`^Score: ${possible} of ${possible} answers right: full marks!`));
    // The first layer is the 3-D convolution: its count's arithmetic names the 3-D kernel.
    await expect(countField(page, report, 0)).toHaveAccessibleDescription(
      literally(report.layers[0]?.explanation ?? '?'),
    );
    await page.getByText('Check it yourself in Keras').click();
    await expect(page.getByRole('region', { name: 'Keras code for this network' })).toContainText('layers.Conv3D(');
  });

  test('diagnoses a PReLU counted per element, a frozen layer counted as 0 and a trainable-only total', async ({
    page,
  }) => {
    const report = expectedReport(4, FROZEN, 'keras', V2);
    const network = generateNetwork(V2, 4, FROZEN);
    const prelu = network.layers.findIndex((l) => l.type === 'pReLU');
    const frozen = network.layers.findIndex((l) => l.trainable === false);
    const preluAt = report.layers[prelu];
    const frozenAt = report.layers[frozen];
    if (!preluAt || !frozenAt) throw new Error('the network has a PReLU and a frozen layer');
    // One slope per element of the input, as if nothing were shared: height × width × channels.
    const perElement = preluAt.inputShape.reduce((a, b) => a * b, 1);
    await openQuiz(page, 4, FROZEN, V2);
    await expect(page.locator('tbody.layer').nth(frozen)).toContainText('frozen (trainable false)');
    await expect(
      page.getByText(/Axes are numbered as in Keras: axis 0 is the batch, so axis 1 is the height/),
    ).toBeVisible();
    await answerAll(page, report, {
      shapes: true,
      overrides: { [prelu]: String(perElement), [frozen]: '0' },
      total: String(report.totals.trainable),
    });
    await check(page).click();
    const possible = questionCount(report, true);
    await expect(status(page)).toHaveText(new RegExp(`^Score: ${possible - 3} of ${possible} answers right\\.`));
    await expect(status(page)).toContainText(`Look again at layers ${prelu + 1} and ${frozen + 1}, and the total.`);
    const [preluMistake] = diagnoseLayer(network, report, prelu, BigInt(perElement)).filter(
      (m) => m.code === 'prelu-per-element-when-shared',
    );
    expect(preluMistake).toBeDefined();
    await expect(countField(page, report, prelu)).toHaveAccessibleDescription(literally(preluMistake?.message ?? '?'));
    const [frozenMistake] = diagnoseLayer(network, report, frozen, 0n);
    expect(frozenMistake?.message).toMatch(/^Freezing a layer \(trainable: false\)/);
    await expect(countField(page, report, frozen)).toHaveAccessibleDescription(
      literally(frozenMistake?.message ?? '?'),
    );
    const totalMistake = diagnoseTotal(report, BigInt(report.totals.trainable), []).find(
      (m) => m.code === 'total-trainable-only',
    );
    await expect(totalField(page)).toHaveAccessibleDescription(literally(totalMistake?.message ?? '?'));
    // The Keras script freezes the head too, so its summary shows the same non-trainable count.
    await page.getByText('Check it yourself in Keras').click();
    await expect(page.getByRole('region', { name: 'Keras code for this network' })).toContainText('trainable=False');
  });

  test('a v=1 link still shows version 1’s network, and an address without a version gets version 2', async ({
    page,
  }) => {
    const seed = 'e2e-versions';
    const v1 = generateNetwork(1, 2, seed);
    const v2 = generateNetwork(2, 2, seed);
    expect(rowNames(v1.layers)).not.toEqual(rowNames(v2.layers));
    await openQuiz(page, 2, seed, 1);
    await expect(page).toHaveURL(new RegExp(`/quiz/\\?v=1&level=2&seed=${seed}$`));
    await expect(rowHeaders(page)).toHaveText(rowNames(v1.layers));
    await expect(page.getByText(`an input of ${v1.input.join('×')} (height × width × channels)`)).toBeVisible();
    const report = expectedReport(2, seed, 'keras', 1);
    await answerAll(page, report, { shapes: true });
    await check(page).click();
    const possible = questionCount(report, true);
    await expect(status(page)).toHaveText(new RegExp(`^Score: ${possible} of ${possible} answers right: full marks!`));

    await page.goto(`/quiz/?level=2&seed=${seed}`);
    await expect(page).toHaveURL(new RegExp(`/quiz/\\?v=2&level=2&seed=${seed}$`));
    await expect(rowHeaders(page)).toHaveText(rowNames(v2.layers));
    // Version 1 has no level 4: its link falls back to level 1 and keeps saying v=1.
    await page.goto(`/quiz/?v=1&level=4&seed=${seed}`);
    await expect(page).toHaveURL(new RegExp(`/quiz/\\?v=1&level=1&seed=${seed}$`));
    await expect(rowHeaders(page)).toHaveText(rowNames(generateNetwork(1, 1, seed).layers));
  });

  test('offers level 4 in the picker, keeping v=2 in the address', async ({ page }) => {
    await openQuiz(page, 1, 'start', V2);
    await page.getByLabel('Level', { exact: true }).selectOption('4');
    await page.getByLabel('Seed', { exact: true }).fill(VOLUME);
    await page.getByRole('button', { name: 'Load network' }).click();
    await expect(page).toHaveURL(new RegExp(`/quiz/\\?v=2&level=4&seed=${VOLUME}$`));
    await expect(rowHeaders(page)).toHaveText(rowNames(generateNetwork(V2, 4, VOLUME).layers));
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`a level 4 network passes an axe scan in ${scheme} colours, before and after checking`, async ({
      page,
    }, testInfo) => {
      await page.emulateMedia({ colorScheme: scheme });
      const report = expectedReport(4, FROZEN, 'keras', V2);
      await openQuiz(page, 4, FROZEN, V2);
      await expectNoAxeViolations(page);
      await answerAll(page, report, { shapes: true, overrides: { 0: '1' } });
      await check(page).click();
      await expect(status(page)).toHaveText(/^Score:/);
      await expectNoAxeViolations(page);
      await saveScreenshot(page, testInfo, `quiz-level4-${scheme}`);
    });
  }
});
