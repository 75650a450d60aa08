import { expect, test, type Page } from '@playwright/test';
import { kerasSnippet, pytorchSnippet } from '../../src/domain/code-export';
import { diagnoseLayer } from '../../src/domain/mistakes';
import { generateNetwork } from '../../src/domain/quiz-generator';
import { answerAll, countField, expectedReport, findSeed, literally, openQuiz, questionCount } from './support/quiz';

const check = (page: Page) => page.getByRole('button', { name: 'Check my answers' });
const status = (page: Page) => page.getByRole('status');
const radio = (page: Page, name: 'Keras' | 'PyTorch') => page.getByRole('radio', { name, exact: true });

// A level 3 network with batch normalization, found with the generator: the one layer type the conventions disagree on.
const SEED = findSeed(3, 'e2e-conv', (report) => report.layers.some((l) => l.type === 'batchNormalization'));
const keras = expectedReport(3, SEED);
const pytorch = expectedReport(3, SEED, 'pytorch');
const network = generateNetwork(1, 3, SEED);

test.describe('quiz conventions', () => {
  test("scores batch normalization's 2·C as right under PyTorch and flags it under Keras", async ({ page }) => {
    const bn = pytorch.layers.findIndex((l) => l.type === 'batchNormalization');
    const channels = pytorch.layers[bn]?.inputShape.at(-1) ?? 0;
    expect(pytorch.layers[bn]?.params).toBe(2 * channels);
    await openQuiz(page, 3, SEED);
    await expect(radio(page, 'Keras')).toBeChecked();
    await radio(page, 'PyTorch').check();
    await expect(page).toHaveURL(new RegExp(`[?&]level=3&seed=${SEED}&convention=pytorch$`));
    // Every answer by PyTorch's rules: batch normalization 2 per channel, the total without the moving statistics.
    await answerAll(page, pytorch, { shapes: true });
    await check(page).click();
    const possible = questionCount(pytorch, true);
    await expect(status(page)).toHaveText(new RegExp(`^Score: ${possible} of ${possible} answers right: full marks!`));
    await expect(status(page)).toContainText("Counted by PyTorch's rules.");
    // The note names the layer that Keras counts differently, with both counts: 4·C against 2·C.
    await expect(
      page.getByText(
        `Counted by PyTorch's rules. In Keras, layer ${bn + 1} (BatchNormalization) would count ` +
          `${keras.layers[bn]?.params} instead of ${pytorch.layers[bn]?.params}`,
      ),
    ).toBeVisible();
    await expect(countField(page, pytorch, bn)).toHaveAccessibleDescription(
      literally(pytorch.layers[bn]?.explanation ?? '?'),
    );

    // The same answers by Keras's rules, checked again as soon as the switch moves.
    await radio(page, 'Keras').check();
    await expect(page).toHaveURL(new RegExp(`[?&]level=3&seed=${SEED}$`));
    const differing = keras.layers.filter((l, i) => l.params !== pytorch.layers[i]?.params).length;
    await expect(status(page)).toHaveText(
      new RegExp(`^Score: ${possible - differing - 1} of ${possible} answers right\\..*Counted by Keras's rules\\.`),
    );
    const [mistake] = diagnoseLayer(network, keras, bn, BigInt(2 * channels));
    expect(mistake?.code).toBe('batchnorm-trainable-only');
    await expect(countField(page, keras, bn)).toHaveAccessibleDescription(literally(mistake?.message ?? '?'));
  });

  test('keeps the convention in the address, for a reload, a shared link and the next network', async ({
    page,
    browser,
  }) => {
    await openQuiz(page, 3, SEED);
    // The switch by keyboard: Tab from the picker's button reaches the checked radio button, an arrow key moves the choice.
    await page.getByRole('button', { name: 'Load network' }).focus();
    await page.keyboard.press('Tab');
    await expect(radio(page, 'Keras')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(radio(page, 'PyTorch')).toBeChecked();
    await expect(radio(page, 'PyTorch')).toBeFocused();
    await expect(page).toHaveURL(/[?&]convention=pytorch$/);
    await expect(page.getByText(/Counts follow PyTorch's parameters\(\)/)).toBeVisible();
    await page.reload();
    await expect(radio(page, 'PyTorch')).toBeChecked();
    const friend = await browser.newPage();
    await friend.goto(page.url());
    await expect(radio(friend, 'PyTorch')).toBeChecked();
    await friend.close();
    await expect(page.getByRole('link', { name: 'Try another network' })).toHaveAttribute(
      'href',
      /[?&]level=3&seed=[a-z0-9]+&convention=pytorch$/,
    );
    await page.getByLabel('Seed', { exact: true }).fill('other-one');
    await page.getByRole('button', { name: 'Load network' }).click();
    await expect(page).toHaveURL(/[?&]seed=other-one&convention=pytorch$/);
    await expect(radio(page, 'PyTorch')).toBeChecked();
  });

  test('offers Keras and PyTorch code to copy once the answers are checked', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openQuiz(page, 3, SEED);
    await expect(page.getByText('Check it yourself in Keras')).toBeHidden();
    await answerAll(page, keras, { shapes: true });
    await check(page).click();
    await expect(status(page)).toHaveText(/^Score:/);
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    for (const [name, expected] of [
      ['Keras', kerasSnippet(network, keras)],
      ['PyTorch', pytorchSnippet(network, keras, pytorch)],
    ] as const) {
      await page.getByText(`Check it yourself in ${name}`).click();
      const code = page.getByRole('region', { name: `${name} code for this network` });
      await expect(code).toBeVisible();
      await expect(code).toHaveText(expected.trim());
      await page.getByRole('button', { name: `Copy the ${name} code` }).click();
      await expect(page.locator('details', { hasText: `Check it yourself in ${name}` })).toContainText('Copied.');
      expect(await clipboard()).toBe(expected);
    }
    // PyTorch's count differs here: the snippet says so beside the number it prints.
    await expect(page.getByRole('region', { name: 'PyTorch code for this network' })).toContainText(
      `${pytorch.totals.params.toLocaleString('en-US')} by PyTorch's rules (Keras: ${keras.totals.params.toLocaleString('en-US')}`,
    );
  });
});
