import { expect, test } from '@playwright/test';
import { describeLayer, KERAS_NAMES } from '../../src/domain/layer-summary';
import { GENERATOR_VERSION, generateNetwork } from '../../src/domain/quiz-generator';
import {
  answerAll,
  countField,
  expectedReport,
  expectNoAxeViolations,
  LOOKS,
  openQuiz,
  questionCount,
  saveScreenshot,
  shapeField,
  totalField,
} from './support/quiz';

const check = (page: import('@playwright/test').Page) => page.getByRole('button', { name: 'Check my answers' });
const status = (page: import('@playwright/test').Page) => page.getByRole('status');

test.describe('quiz', () => {
  test('gives full marks when every layer and the total are right', async ({ page }) => {
    const report = expectedReport(1, 'e2e-full');
    await openQuiz(page, 1, 'e2e-full');
    await answerAll(page, report);
    await check(page).click();
    const possible = questionCount(report, false);
    await expect(status(page)).toHaveText(new RegExp(`^Score: ${possible} of ${possible} answers right: full marks!`));
    for (const [i, layer] of report.layers.entries()) {
      await expect(countField(page, report, i)).toHaveAccessibleDescription(
        new RegExp(`Parameters: correct, ${layer.params.toLocaleString('en-US')}\\.`),
      );
    }
    await page.getByText('Check it yourself in Keras').click();
    const code = page.getByRole('region', { name: 'Keras code for this network' });
    await expect(code).toContainText(`keras.Input(shape=(${report.input.join(', ')}))`);
    await expect(code).toContainText(`Total params: ${report.totals.params.toLocaleString('en-US')}`);
  });

  test('flags a wrong layer with the right count and its worked arithmetic', async ({ page }) => {
    const report = expectedReport(1, 'e2e-wrong');
    const first = report.layers[0];
    if (!first) throw new Error('a level 1 network starts with a convolution');
    const wrong = first.params + 1;
    await openQuiz(page, 1, 'e2e-wrong');
    await answerAll(page, report, { overrides: { 0: String(wrong) } });
    await check(page).click();
    const possible = questionCount(report, false);
    await expect(status(page)).toContainText(`Score: ${possible - 1} of ${possible} answers right.`);
    await expect(status(page)).toContainText('Look again at layer 1.');
    const field = countField(page, report, 0);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveValue(String(wrong));
    await expect(field).toHaveAccessibleDescription(new RegExp(`You wrote ${wrong}; the answer is ${first.params}\\.`));
    // The arithmetic is the engine's, e.g. "3 inputs × (7 filters × 3×3) + 7 biases = 196".
    await expect(field).toHaveAccessibleDescription(new RegExp(first.explanation.replace(/[()+×]/g, '\\$&')));
    await expect(countField(page, report, 1)).not.toHaveAttribute('aria-invalid', 'true');
  });

  test('names the likely mistake behind a wrong count', async ({ page }) => {
    const report = expectedReport(1, 'e2e-mistake');
    const first = report.layers[0];
    if (!first) throw new Error('a level 1 network starts with a convolution');
    await openQuiz(page, 1, 'e2e-mistake');
    // The weights alone: the classic slip of forgetting one bias per filter.
    await answerAll(page, report, { overrides: { 0: String(first.weights) } });
    await check(page).click();
    await expect(countField(page, report, 0)).toHaveAccessibleDescription(
      new RegExp(`You wrote ${first.weights}; the answer is ${first.params}\\..*not the biases`),
    );
  });

  test('asks for and grades output shapes from level 2', async ({ page }) => {
    const report = expectedReport(2, 'e2e-shapes');
    await openQuiz(page, 2, 'e2e-shapes');
    // Shapes are the question, so later layers do not show their input shape before checking.
    await expect(page.getByText('output of layer 1', { exact: true })).toBeVisible();
    await answerAll(page, report, { shapes: true });
    await shapeField(page, report, 0).fill(report.layers[0]?.outputShape.join('x') ?? '');
    await check(page).click();
    const possible = questionCount(report, true);
    await expect(status(page)).toHaveText(new RegExp(`^Score: ${possible} of ${possible} answers right: full marks!`));
    await expect(shapeField(page, report, 0)).toHaveAccessibleDescription(/Output shape: correct/);
  });

  test('grades a level 3 network, counting batch normalization as Keras does', async ({ page }) => {
    // The first seed whose network has a batch normalization layer, found with the generator itself.
    const seed = Array.from({ length: 50 }, (_, i) => `e2e-bn-${i}`).find((s) =>
      generateNetwork(1, 3, s).layers.some((layer) => layer.type === 'batchNormalization'),
    );
    if (!seed) throw new Error('no level 3 network with batch normalization among 50 seeds');
    const report = expectedReport(3, seed);
    const bn = report.layers.findIndex((layer) => layer.type === 'batchNormalization');
    const channels = report.layers[bn]?.outputShape.at(-1) ?? 0;
    await openQuiz(page, 3, seed);
    // PyTorch's count, γ and β only: 2 per channel instead of Keras's 4.
    await answerAll(page, report, { shapes: true, overrides: { [bn]: String(2 * channels) } });
    await check(page).click();
    const possible = questionCount(report, true);
    await expect(status(page)).toHaveText(new RegExp(`^Score: ${possible - 1} of ${possible} answers right\\.`));
    await expect(countField(page, report, bn)).toHaveAccessibleDescription(
      new RegExp(`the answer is ${4 * channels}\\..*moving mean and variance`),
    );
  });

  test('changes level and seed from the picker and keeps them in the address', async ({ page }) => {
    await openQuiz(page, 1, 'start');
    await page.getByLabel('Level', { exact: true }).selectOption('3');
    await page.getByLabel('Seed', { exact: true }).fill('Picked-42');
    await page.getByRole('button', { name: 'Load network' }).click();
    // The picker makes networks of the current generator version.
    await expect(page).toHaveURL(new RegExp(`[?&]v=${GENERATOR_VERSION}&level=3&seed=picked-42$`));
    await expect(page.getByRole('heading', { level: 2, name: /^Level 3:/ })).toBeVisible();
    const report = expectedReport(3, 'picked-42', 'keras', GENERATOR_VERSION);
    for (const [i] of report.layers.entries()) {
      await expect(countField(page, report, i)).toBeVisible();
      await expect(shapeField(page, report, i)).toBeVisible();
    }
    await expect(page.getByLabel('Level', { exact: true })).toHaveValue('3');
    await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('picked-42');

    await page.getByRole('link', { name: 'Try another network' }).click();
    await expect(page).toHaveURL(/[?&]level=3&seed=[a-z0-9]+$/);
    expect(new URL(page.url()).searchParams.get('seed')).not.toBe('picked-42');
    await expect(page.getByRole('heading', { level: 2, name: /^Level 3:/ })).toBeVisible();
  });

  test('shows the same network after reloading or sharing its address', async ({ page, browser }) => {
    await page.goto('/quiz/?level=2');
    // An address without a version gets the current one, written into the address.
    await expect(page).toHaveURL(new RegExp(`[?&]v=${GENERATOR_VERSION}&level=2&seed=[a-z0-9]+$`));
    const seed = new URL(page.url()).searchParams.get('seed') ?? '';
    const rows = page.locator('tbody.layer th');
    // Each row header reads "Conv2D: 2 filters, 3×3 kernel, …", derived here from the generator.
    const expected = generateNetwork(GENERATOR_VERSION, 2, seed).layers.map(
      (layer) => `${KERAS_NAMES[layer.type]}: ${describeLayer(layer)}`,
    );
    await expect(rows).toHaveText(expected);
    await page.reload();
    await expect(rows).toHaveText(expected);
    const friend = await browser.newPage();
    await friend.goto(page.url());
    await expect(friend.locator('tbody.layer th')).toHaveText(expected);
    await friend.close();
  });

  test('can be completed with the keyboard alone', async ({ page }) => {
    const report = expectedReport(1, 'e2e-keys');
    await openQuiz(page, 1, 'e2e-keys');
    const first = countField(page, report, 0);
    for (let presses = 0; presses < 20 && !(await first.evaluate((el) => el === document.activeElement)); presses++) {
      await page.keyboard.press('Tab');
    }
    await expect(first).toBeFocused();
    for (const [i, layer] of report.layers.entries()) {
      await page.keyboard.type(String(layer.params));
      // Past the layer's hint, which is the next stop.
      await page.keyboard.press('Tab');
      await expect(page.getByRole('button', { name: `Hint for layer ${i + 1}` })).toBeFocused();
      await page.keyboard.press('Tab');
    }
    await expect(totalField(page)).toBeFocused();
    await page.keyboard.type(String(report.totals.params));
    await page.keyboard.press('Enter');
    const possible = questionCount(report, false);
    await expect(status(page)).toHaveText(new RegExp(`^Score: ${possible} of ${possible} answers right`));
    await page.keyboard.press('Tab');
    await expect(check(page)).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Retry this one' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(first).toBeFocused();
    await expect(first).toHaveValue('');
  });

  test('keeps every answer and says so when the checking service fails', async ({ page }) => {
    const report = expectedReport(1, 'e2e-down');
    await openQuiz(page, 1, 'e2e-down');
    await page.route('**/api/score', (route) =>
      route.fulfill({ status: 503, contentType: 'text/plain', body: 'Service Unavailable' }),
    );
    await answerAll(page, report);
    await check(page).click();
    await expect(page.getByRole('alert')).toContainText('error 503');
    await expect(page.getByRole('alert')).toContainText('Your answers are still here');
    for (const [i, layer] of report.layers.entries()) {
      await expect(countField(page, report, i)).toHaveValue(String(layer.params));
    }
    await expect(totalField(page)).toHaveValue(String(report.totals.params));

    // Even a reload keeps what was typed, in this tab.
    await page.reload();
    await expect(totalField(page)).toHaveValue(String(report.totals.params));
    await expect(countField(page, report, 0)).toHaveValue(String(report.layers[0]?.params));

    await page.unroute('**/api/score');
    await check(page).click();
    await expect(page.getByRole('alert')).toBeHidden();
    const possible = questionCount(report, false);
    await expect(status(page)).toHaveText(new RegExp(`^Score: ${possible} of ${possible} answers right`));
  });

  test('tells the learner when the checking service is unreachable or slow', async ({ page }) => {
    const report = expectedReport(1, 'e2e-slow');
    await openQuiz(page, 1, 'e2e-slow');
    await answerAll(page, report);
    await page.route('**/api/score', (route) => route.abort('internetdisconnected'));
    await check(page).click();
    await expect(page.getByRole('alert')).toContainText('could not reach the checking service');
    await page.unroute('**/api/score');
    // The answer is held back until the learner has been told the check is slow, however slow the machine is.
    let answer = (): void => {};
    const mayAnswer = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/api/score', async (route) => {
      await mayAnswer;
      await route.continue();
    });
    await check(page).click();
    await expect(status(page)).toHaveText(/Still checking/);
    answer();
    await expect(status(page)).toHaveText(/^Score:/, { timeout: 10_000 });
  });

  test('explains a badly typed answer without sending anything', async ({ page }) => {
    const report = expectedReport(1, 'e2e-typo');
    await openQuiz(page, 1, 'e2e-typo');
    let requests = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/score')) requests++;
    });
    await answerAll(page, report, { overrides: { 1: '12.5' } });
    await check(page).click();
    const field = countField(page, report, 1);
    await expect(field).toBeFocused();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription('Counts are whole numbers: no decimal point.');
    await expect(status(page)).toHaveText(/One answer needs fixing/);
    expect(requests).toBe(0);
  });

  test('states the score once, its layers to look at again linking to their fields', async ({ page }) => {
    const report = expectedReport(1, 'e2e-two-wrong');
    const last = report.layers.length - 1;
    if (last < 2) throw new Error('a level 1 network has three layers or more');
    await openQuiz(page, 1, 'e2e-two-wrong');
    await answerAll(page, report, { overrides: { 0: '1', [last]: '1' } });
    await check(page).click();
    const possible = questionCount(report, false);
    // Every layer and the total are right but two layers: possible − 2, said once, in the announced region.
    await expect(status(page)).toHaveText(
      new RegExp(`^Score: ${possible - 2} of ${possible} answers right\\. Look again at layers 1 and ${last + 1}\\.`),
    );
    // No second score box ("7 / 13"); the shapes' arithmetic (⌈20 / 1⌉) is not one.
    await expect(page.getByText(/Score:|^\d+ \/ \d+$/)).toHaveCount(1);
    const links = status(page).getByRole('link');
    await expect(links).toHaveText(['1', String(last + 1)]);
    // A click, and Enter from the keyboard, both land in the layer's field, ready to type.
    await links.nth(1).click();
    await expect(countField(page, report, last)).toBeFocused();
    await links.first().focus();
    await page.keyboard.press('Enter');
    await expect(countField(page, report, 0)).toBeFocused();
    // The quiz's address stays the network's own, without a fragment.
    expect(new URL(page.url()).hash).toBe('');
  });

  test('links a wrong output shape and a wrong total to their own fields', async ({ page }) => {
    const report = expectedReport(2, 'e2e-shape-wrong');
    await openQuiz(page, 2, 'e2e-shape-wrong');
    await answerAll(page, report, {
      shapes: true,
      writeShape: (shape, i) => (i === 0 ? '1×1×1' : shape.join('×')),
      total: '1',
    });
    await check(page).click();
    await expect(status(page)).toContainText('Look again at layer 1 and the total.');
    await status(page).getByRole('link', { name: '1', exact: true }).click();
    await expect(shapeField(page, report, 0)).toBeFocused();
    await status(page).getByRole('link', { name: 'the total' }).click();
    await expect(totalField(page)).toBeFocused();
  });

  test('keeps a running tally in this browser', async ({ page }) => {
    const report = expectedReport(1, 'e2e-tally');
    await openQuiz(page, 1, 'e2e-tally');
    const tally = page.getByRole('complementary', { name: 'Your running tally' });
    await expect(tally).toContainText('No networks checked yet');
    await answerAll(page, report, { overrides: { 0: '1' } });
    await check(page).click();
    const possible = questionCount(report, false);
    await expect(tally).toContainText(`1 network checked, 0 with full marks: ${possible - 1} of ${possible}`);
    await page.reload();
    await expect(tally).toContainText('1 network checked');
    await page.getByRole('button', { name: 'Reset the tally' }).click();
    await expect(tally).toContainText('No networks checked yet');
  });

  for (const [name, options] of LOOKS) {
    test.describe(`at ${name} size and colours`, () => {
      test.use(options);

      test('passes an axe scan before and after checking, and saves screenshots', async ({ page }, testInfo) => {
        const report = expectedReport(2, 'e2e-look');
        await openQuiz(page, 2, 'e2e-look');
        await expectNoAxeViolations(page);
        await saveScreenshot(page, testInfo, `quiz-${name}`);
        await answerAll(page, report, { shapes: true, overrides: { 1: '7', 3: '7' }, total: '7' });
        await check(page).click();
        await expect(status(page)).toContainText('Look again at layers 2 and 4, and the total.');
        await expectNoAxeViolations(page);
        await saveScreenshot(page, testInfo, `quiz-${name}-checked`);
      });
    });
  }
});
