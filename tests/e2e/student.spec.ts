import { expect, test, type Page } from '@playwright/test';
import { practiceHref } from '../../src/client/practice-params';
import { generatePracticeSet, type PracticeItem } from '../../src/domain/practice-set';
import type { PracticeSetOptions } from '../../src/domain/schema/practice-set';
import { answerAll, countField, expectNoAxeViolations, LOOKS, questionCount, saveScreenshot } from './support/quiz';

const set = (options: Partial<PracticeSetOptions> & { seed: string }): PracticeSetOptions => ({
  version: 1,
  count: 3,
  level: 1,
  include: [],
  exclude: [],
  askShapes: false,
  ...options,
});

/** The set's networks and their right answers, made here by the engine. */
function itemsOf(options: PracticeSetOptions): PracticeItem[] {
  const items = generatePracticeSet(options);
  if (!items.ok) throw new Error(`set ${options.seed} cannot be made`);
  return items.value;
}

const check = (page: Page) => page.getByRole('button', { name: 'Check my answers' });
const status = (page: Page) => page.getByRole('status');

/** Answers network `item` (right, but for `overrides`), checks it, and returns the body the page sent. */
async function answerNetwork(
  page: Page,
  options: PracticeSetOptions,
  item: PracticeItem,
  overrides: Record<number, string> = {},
) {
  await expect(
    page.getByRole('heading', { level: 2, name: `Network ${item.index + 1} of ${options.count}` }),
  ).toBeVisible();
  await answerAll(page, item.report, { shapes: options.askShapes, overrides });
  const sent = page.waitForRequest((r) => r.url().endsWith('/api/score') && r.method() === 'POST');
  await check(page).click();
  const body: unknown = (await sent).postDataJSON();
  await expect(status(page)).toHaveText(/^Score:/);
  return body;
}

test.describe('practice set, student link', () => {
  test('gives full marks over the whole set when every network is answered right', async ({ page }) => {
    const options = set({ seed: 'e2e-class', count: 3, level: 'mix' });
    const items = itemsOf(options);
    await page.goto(practiceHref('student', options));
    for (const item of items) {
      const body = await answerNetwork(page, options, item);
      // The server makes the network from the set's options and the index: the page never sends one.
      expect(body).toEqual({
        practiceSet: { ...options, index: item.index },
        answers: expect.objectContaining({ total: String(item.report.totals.params) }),
      });
      expect(body).not.toHaveProperty('network');
      const possible = questionCount(item.report, false);
      await expect(status(page)).toHaveText(
        new RegExp(`^Score: ${possible} of ${possible} answers right: full marks!`),
      );
      await expect(page.getByRole('progressbar', { name: 'Networks checked' })).toHaveJSProperty(
        'value',
        item.index + 1,
      );
      const last = item.index === options.count - 1;
      await page.getByRole('button', { name: last ? 'See your score on the set' : 'Next network' }).click();
    }
    const summary = page.getByRole('region', { name: 'Your score on the set' });
    await expect(page.getByRole('heading', { name: 'Your score on the set' })).toBeFocused();
    const possible = items.reduce((sum, item) => sum + questionCount(item.report, false), 0);
    await expect(summary).toContainText(
      `${possible} of ${possible} answers right (100%). 3 of 3 networks with full marks.`,
    );
    for (const item of items) {
      const asked = questionCount(item.report, false);
      const row = summary.getByRole('row', { name: new RegExp(`^Network ${item.index + 1} `) });
      await expect(row.getByRole('cell')).toHaveText([String(item.level), `${asked} of ${asked} full marks`]);
    }
  });

  test('counts a wrong answer against the set, and keeps the progress across a reload', async ({ page }) => {
    const options = set({ seed: 'e2e-wrong', count: 2, level: 2, askShapes: true });
    const [first, second] = itemsOf(options);
    if (!first || !second) throw new Error('a set of 2 has 2 networks');
    await page.goto(practiceHref('student', options));
    const wrong = (first.report.layers[0]?.params ?? 0) + 1;
    await answerNetwork(page, options, first, { 0: String(wrong) });
    const possible1 = questionCount(first.report, true);
    await expect(status(page)).toHaveText(new RegExp(`^Score: ${possible1 - 1} of ${possible1} answers right\\.`));
    await expect(countField(page, first.report, 0)).toHaveAttribute('aria-invalid', 'true');
    // Checked once: the fields are now read-only and the check button is gone.
    await expect(countField(page, first.report, 0)).not.toBeEditable();
    await expect(check(page)).toBeHidden();
    await page.reload();
    await answerNetwork(page, options, second);
    await page.getByRole('button', { name: 'See your score on the set' }).click();
    const possible2 = questionCount(second.report, true);
    const total = possible1 + possible2;
    const summary = page.getByRole('region', { name: 'Your score on the set' });
    await expect(summary).toContainText(
      `${total - 1} of ${total} answers right (${Math.floor((100 * (total - 1)) / total)}%). 1 of 2 networks with full marks.`,
    );
    await expect(summary.getByRole('row', { name: /^Network 1 / }).getByRole('cell')).toHaveText([
      String(first.level),
      `${possible1 - 1} of ${possible1}`,
    ]);
    await expect(summary.getByRole('row', { name: /^Whole set/ }).getByRole('cell')).toHaveText([
      '',
      `${total - 1} of ${total}`,
    ]);

    await page.getByRole('button', { name: 'Answer the set again' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Network 1 of 2' })).toBeFocused();
    await expect(countField(page, first.report, 0)).toHaveValue('');
  });

  test('grades a version 2 set at level 4 by its link: a sequence, an image and a volume, shapes too', async ({
    page,
  }) => {
    const options = set({ version: 2, seed: 'e2e-level4', count: 3, level: 4, askShapes: true });
    const items = itemsOf(options);
    // Inputs of 2, 3 and 4 axes: steps × channels, height × width × channels, depth × height × width × channels.
    expect(items.map((item) => item.network.input.length)).toEqual([2, 3, 4]);
    await page.goto(practiceHref('student', options));
    for (const item of items) {
      const axes = ['steps × channels', 'height × width × channels', 'depth × height × width × channels'][item.index];
      await expect(page.getByText(`An input of ${item.network.input.join('×')} (${axes})`)).toBeVisible();
      const body = await answerNetwork(page, options, item);
      // The page names the set's version, so the server makes version 2's network.
      expect(body).toEqual({
        practiceSet: { ...options, index: item.index },
        answers: expect.objectContaining({ total: String(item.report.totals.params) }),
      });
      const possible = questionCount(item.report, true);
      await expect(status(page)).toHaveText(
        new RegExp(`^Score: ${possible} of ${possible} answers right: full marks!`),
      );
      const last = item.index === options.count - 1;
      await page.getByRole('button', { name: last ? 'See your score on the set' : 'Next network' }).click();
    }
    const summary = page.getByRole('region', { name: 'Your score on the set' });
    await expect(summary).toContainText('3 of 3 networks with full marks.');
    for (const item of items) {
      const row = summary.getByRole('row', { name: new RegExp(`^Network ${item.index + 1} `) });
      await expect(row.getByRole('cell').first()).toHaveText('4');
    }
  });

  test('says what is missing from an incomplete link', async ({ page }) => {
    await page.goto('/practice/student/?count=3&level=2');
    await expect(page.getByRole('alert').filter({ hasText: 'seed is required' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Check my answers' })).toBeHidden();
  });

  for (const [name, options] of LOOKS) {
    test.describe(`at ${name} size and colours`, () => {
      test.use(options);

      test('passes an axe scan while answering and at the end, and saves screenshots', async ({ page }, testInfo) => {
        const practice = set({ seed: 'e2e-look', count: 2, level: 3, askShapes: true });
        const [first, second] = itemsOf(practice);
        if (!first || !second) throw new Error('a set of 2 has 2 networks');
        await page.goto(practiceHref('student', practice));
        await expect(page.getByRole('heading', { level: 2, name: 'Network 1 of 2' })).toBeVisible();
        await expectNoAxeViolations(page);
        await saveScreenshot(page, testInfo, `student-${name}`);
        await answerNetwork(page, practice, first, { 1: '7' });
        await expectNoAxeViolations(page);
        await saveScreenshot(page, testInfo, `student-${name}-checked`);
        await page.getByRole('button', { name: 'Next network' }).click();
        await answerNetwork(page, practice, second);
        await page.getByRole('button', { name: 'See your score on the set' }).click();
        await expect(page.getByRole('heading', { name: 'Your score on the set' })).toBeVisible();
        await expectNoAxeViolations(page);
        await saveScreenshot(page, testInfo, `student-${name}-end`);
      });
    });
  }
});
