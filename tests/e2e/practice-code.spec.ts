import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { kerasSnippet, pytorchSnippet } from '../../src/domain/code-export';
import { generatePracticeSet } from '../../src/domain/practice-set';
import { PracticeSetOptions } from '../../src/domain/schema/practice-set';

const options = PracticeSetOptions.parse({ seed: 'code-check', count: 2, level: 'mix' });

test.describe('answer key', () => {
  test("shows each network's Keras and PyTorch code on screen and leaves it out of print", async ({ page }) => {
    const set = generatePracticeSet(options);
    if (!set.ok) throw new Error('the set generates');
    const [first] = set.value;
    if (!first) throw new Error('the set has a network');
    const pytorch = analyzeNetwork(first.network, 'pytorch');
    if (!pytorch.ok) throw new Error('the network counts');

    await page.goto(`/practice/key/?v=1&seed=${options.seed}&count=${options.count}&level=mix`);
    const article = page.getByRole('article').first();
    await article.getByText('Keras code', { exact: true }).click();
    await expect(article.locator('pre').first()).toHaveText(kerasSnippet(first.network, first.report));
    await article.getByText('PyTorch code', { exact: true }).click();
    await expect(article.locator('pre').nth(1)).toHaveText(pytorchSnippet(first.network, first.report, pytorch.value));
    await expect(article.getByRole('button', { name: 'Copy the Keras code' })).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

    await page.emulateMedia({ media: 'print' });
    await expect(article.getByText('Keras code', { exact: true })).toBeHidden();
  });
});
