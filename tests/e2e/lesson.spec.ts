import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { exampleReport } from '../../src/content/examples';
import { describeDiagram } from '../../src/domain/network-diagram';
import { GENERATOR_VERSION } from '../../src/domain/quiz-generator';
import { expectNoAxeViolations, LOOKS, saveScreenshot } from './support/quiz';

const LESSON_DIR = 'src/content/lesson';

/** Title and quiz level of every lesson section, read from the MDX front matter. */
const sections = readdirSync(LESSON_DIR)
  .filter((file) => file.endsWith('.mdx'))
  .sort()
  .map((file) => {
    const text = readFileSync(`${LESSON_DIR}/${file}`, 'utf8');
    const title = /^title: (.+)$/m.exec(text)?.[1] ?? '';
    const level = Number(/^quizLevel: (\d)$/m.exec(text)?.[1]);
    return { file, title, level };
  });

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

  test('ends every section with a link into the quiz at its level', async ({ page }) => {
    expect(sections.length).toBeGreaterThanOrEqual(9);
    await page.goto('/');
    for (const { title, level } of sections) {
      const section = page.getByRole('region', { name: new RegExp(`${title}$`) });
      const last = section.getByRole('link').last();
      await expect(last).toHaveAccessibleName(`Practise at quiz level ${level}`);
      await expect(last).toHaveAttribute('href', `/quiz/?v=${GENERATOR_VERSION}&level=${level}`);
    }
  });

  test('opens a quiz at the matching level from a section’s link', async ({ page }) => {
    await page.goto('/');
    const section = page.getByRole('region', { name: /Batch normalization$/ });
    await section.getByRole('link', { name: 'Practise at quiz level 3' }).click();
    await expect(page).toHaveURL(new RegExp(`/quiz/\\?v=${GENERATOR_VERSION}&level=3&seed=[a-z0-9]+$`));
    await expect(page.getByRole('heading', { level: 2, name: /^Level 3:/ })).toBeVisible();
  });

  test('answers an unknown address with a page that leads back to the lesson and the quiz', async ({ page }) => {
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'The lesson' })).toHaveAttribute('href', '/');
    await expect(page.getByRole('link', { name: 'The quiz' })).toHaveAttribute(
      'href',
      `/quiz/?v=${GENERATOR_VERSION}&level=1`,
    );
  });

  test('ships no JavaScript', async ({ request }) => {
    const html = await (await request.get('/')).text();
    expect(html).not.toMatch(/<script/i);
  });

  for (const [name, options] of LOOKS) {
    test.describe(`at ${name} size and colours`, () => {
      test.use(options);

      test('passes an axe scan and saves a screenshot', async ({ page }, testInfo) => {
        await page.goto('/');
        await expectNoAxeViolations(page);
        await saveScreenshot(page, testInfo, `lesson-${name}`);
      });
    });
  }
});
