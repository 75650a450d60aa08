import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { practiceHref } from '../../src/client/practice-params';
import type { NetworkReport } from '../../src/domain/analyze-network';
import { generatePracticeSet } from '../../src/domain/practice-set';
import { PracticeSetOptions } from '../../src/domain/schema/practice-set';
import { answerAll, expectedReport, openQuiz } from './support/quiz';
import { openPractice } from './support/practice';
import { runTogetherWords } from './support/text';

// Every page of the site, in the states that show the most text, is read for words run together
// ("strides 1,padding", "each entry oferrors", "JSON Pointerinto"), as api-docs.spec reads the API page.

const check = (page: Page) => page.getByRole('button', { name: 'Check my answers' });

/**
 * Answers that show the diagnoses: the first layer without its biases, the second as 0, the others
 * right, and a total one too many; every output shape right but the first, given as the input's.
 */
async function answerWithMistakes(page: Page, report: NetworkReport, shapes: boolean) {
  const [first, second] = report.layers;
  await answerAll(page, report, {
    shapes,
    overrides: { 0: String((first?.params ?? 1) - (first?.biases ?? 0)), 1: second ? '0' : '' },
    total: String(report.totals.params + 1),
    writeShape: (shape, i) => (i === 0 ? report.input.join('×') : shape.join('×')),
  });
  await check(page).click();
  await expect(page.getByRole('status')).toHaveText(/^Score:/);
}

const SET = PracticeSetOptions.parse({ version: 2, seed: 'e2e-spacing', count: 3, level: 'mix', askShapes: true });

test.describe('no words run together', () => {
  test('the check finds words run together across elements, and not across lines, blocks or hidden text', async ({
    page,
  }) => {
    // A page of its own (the site's CSP would refuse the inline style of the flex row).
    await page.setContent(
      '<main><p>strides 1,<code>padding</code> "same"</p><p>each entry of<a href="#">errors</a></p>' +
        '<ul><li><strong>JSON Pointer</strong>into the request</li></ul>' +
        // Fine: a space between, separate blocks, a flex row, a digit, hidden text, and code blocks.
        '<p>kept <code>apart</code> here</p><div><p>one</p><p>two</p></div>' +
        '<p style="display: flex"><span>Name</span><span>Date</span></p><p>layer <em>3</em></p>' +
        '<p>seen<span hidden>hidden</span></p><pre><code>a</code><code>b</code></pre></main>',
    );
    expect(await runTogetherWords(page)).toEqual([
      'strides 1,|padding',
      'each entry of|errors',
      'JSON Pointer|into the request',
    ]);
  });

  for (const [name, url] of [
    ['the lesson', '/'],
    ['the page that is not there (404)', '/no-such-page/'],
  ] as const) {
    test(`on ${name}`, async ({ page }) => {
      await page.goto(url);
      // Closed details hide their text: open them all.
      await page
        .locator('details:not([open]) > summary')
        .evaluateAll((summaries) => summaries.forEach((s) => (s as HTMLElement).click()));
      expect(await runTogetherWords(page)).toEqual([]);
    });
  }

  test('on a quiz, before and after checking answers with mistakes in them', async ({ page }) => {
    const seed = 'e2e-spacing';
    const report = expectedReport(3, seed, 'keras', 2);
    await openQuiz(page, 3, seed, 2);
    expect(await runTogetherWords(page)).toEqual([]);
    await answerWithMistakes(page, report, true);
    await page.getByText('Check it yourself in Keras').click();
    expect(await runTogetherWords(page)).toEqual([]);
  });

  test('on a level 4 quiz checked with mistakes, by PyTorch rules', async ({ page }) => {
    const seed = 'e2e-spacing-4';
    const report = expectedReport(4, seed, 'pytorch', 2);
    await page.goto(`/quiz/?v=2&level=4&seed=${seed}&convention=pytorch`);
    await expect(page.getByRole('heading', { level: 2, name: /^Level 4:/ })).toBeVisible();
    await answerWithMistakes(page, report, true);
    expect(await runTogetherWords(page)).toEqual([]);
  });

  test('on the practice page with a set made, its worksheet and its answer key', async ({ page }) => {
    for (const kind of ['set', 'worksheet', 'key'] as const) {
      await openPractice(page, practiceHref(kind, SET));
      await expect(page.getByRole('article').first()).toBeVisible();
      await page
        .locator('details:not([open]) > summary')
        .evaluateAll((summaries) => summaries.forEach((s) => (s as HTMLElement).click()));
      expect(await runTogetherWords(page), kind).toEqual([]);
    }
  });

  test('on the student link, answering a network and seeing the score on the set', async ({ page }) => {
    const options = { ...SET, count: 2 };
    const made = generatePracticeSet(options);
    if (!made.ok) throw new Error('the set generates');
    await page.goto(practiceHref('student', options));
    await expect(page.getByRole('heading', { level: 2, name: 'Network 1 of 2' })).toBeVisible();
    expect(await runTogetherWords(page)).toEqual([]);
    for (const item of made.value) {
      await expect(page.getByRole('heading', { level: 2, name: `Network ${item.index + 1} of 2` })).toBeVisible();
      await answerWithMistakes(page, item.report, true);
      expect(await runTogetherWords(page), `network ${item.index + 1} checked`).toEqual([]);
      const last = item.index === options.count - 1;
      await page.getByRole('button', { name: last ? 'See your score on the set' : 'Next network' }).click();
    }
    await expect(page.getByRole('heading', { name: 'Your score on the set' })).toBeFocused();
    expect(await runTogetherWords(page)).toEqual([]);
  });

  test('on the import page, before and after a model is imported, and with one it cannot count', async ({ page }) => {
    const fixture = (name: string) => readFile(new URL(`../fixtures/keras/${name}`, import.meta.url), 'utf8');
    await page.goto('/import/');
    expect(await runTogetherWords(page)).toEqual([]);
    for (const [name, shown] of [
      ['keras3-mixed.json', page.getByRole('region', { name: /^Your model:/ })],
      ['keras3-unsupported-layers.json', page.getByRole('alert').filter({ hasText: 'could not be counted' })],
    ] as const) {
      await page.getByLabel('Keras JSON or PyTorch print(model)').fill(await fixture(name));
      await page.getByRole('button', { name: 'Count the parameters' }).click();
      await expect(shown).toBeVisible();
      await page
        .locator('details:not([open]) > summary')
        .evaluateAll((summaries) => summaries.forEach((s) => (s as HTMLElement).click()));
      expect(await runTogetherWords(page), name).toEqual([]);
    }
  });
});
