import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, saveScreenshot } from './support/quiz';

const FIXTURES = new URL('../fixtures/pytorch/', import.meta.url);
const fixture = (name: string) => readFile(new URL(name, FIXTURES), 'utf8');

async function importModel(page: Page, text: string) {
  await page.goto('/import/');
  await page.getByLabel('Keras JSON or PyTorch print(model)').fill(text);
  await page.getByRole('button', { name: 'Count the parameters' }).click();
}

const modules = (page: Page) => page.getByRole('region', { name: 'Modules of your model (scrolls sideways)' });

/** The row of the module at `path`. */
const row = (page: Page, path: string) =>
  modules(page)
    .locator('tbody tr')
    .filter({ has: page.locator('th', { hasText: new RegExp(`^${path.replaceAll('.', '\\.')}$`) }) });

test.describe('PyTorch import page', () => {
  test("counts a pasted print(model) of torchvision's resnet18, module by module", async ({ page }) => {
    await importModel(page, await fixture('resnet18.txt'));
    // 68 named modules, the model itself in the total row; torchvision's published 11,689,512.
    await expect(
      page.getByRole('heading', { name: 'Your model: ResNet, 67 modules, 11,689,512 parameters' }),
    ).toBeVisible();
    await expect(row(page, 'layer1.0.conv1').locator('td')).toHaveText([
      'Conv2d',
      '36864',
      '64 inputs × (64 filters × 3×3) = 36864 (bias=False)',
    ]);
    // A container's row carries its subtotal: two BasicBlocks of 2 × 36864 + 2 × 128.
    await expect(row(page, 'layer1').locator('td').nth(1)).toHaveText('147968');
    await expect(row(page, 'layer1').locator('td').nth(2)).toHaveText('(0) 73984 + (1) 73984 = 147968');
    const total = modules(page).locator('tfoot td');
    await expect(total.nth(1)).toHaveText('11689512');
    await expect(page.getByRole('region', { name: 'The convention, and what print(model) cannot show' })).toContainText(
      'requires_grad',
    );
    // Keras's table and the "check it yourself" code belong to Keras models.
    await expect(page.getByRole('region', { name: 'Layers of your model (scrolls sideways)' })).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Check it yourself' })).toBeHidden();
    // Deeper modules are indented.
    const indent = (path: string) =>
      row(page, path)
        .locator('.module-path')
        .evaluate((e) => getComputedStyle(e).paddingLeft);
    expect(parseFloat(await indent('layer1.0.conv1'))).toBeGreaterThan(parseFloat(await indent('layer1')));
  });

  test('counts the PyTorch example: 3 × 16 × 3×3 + 2 × 16 + 16 × 10 + 10 = 634', async ({ page }) => {
    await page.goto('/import/');
    await page.getByRole('button', { name: 'PyTorch example' }).click();
    await page.getByRole('button', { name: 'Count the parameters' }).click();
    await expect(page.getByRole('heading', { name: 'Your model: Net, 6 modules, 634 parameters' })).toBeVisible();
    await expect(modules(page).locator('tbody td.number')).toHaveText(['464', '432', '32', '0', '0', '170']);
  });

  test('reads a chosen file into the box', async ({ page }) => {
    await page.goto('/import/');
    await page.getByLabel('Or open a file').setInputFiles(fileURLToPath(new URL('vgg16.txt', FIXTURES)));
    await expect(page.getByLabel('Keras JSON or PyTorch print(model)')).toHaveValue(/^VGG\(/);
    await page.getByRole('button', { name: 'Count the parameters' }).click();
    await expect(
      page.getByRole('heading', { name: /^Your model: VGG, 41 modules, 138,357,544 parameters$/ }),
    ).toBeVisible();
  });

  test('names the line of a layer it does not know', async ({ page }) => {
    const text = (await fixture('resnet18.txt')).replace('(relu): ReLU(inplace=True)', '(relu): Swish()');
    await importModel(page, text);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('This PyTorch model could not be counted');
    await expect(alert).toContainText('line 4: Swish is a module Learnable does not know');
    await expect(page.getByLabel('Keras JSON or PyTorch print(model)')).toHaveAttribute('aria-invalid', 'true');
  });

  test('a Keras model after a PyTorch one shows the Keras table again', async ({ page }) => {
    await importModel(page, await fixture('vgg16.txt'));
    await expect(modules(page)).toBeVisible();
    await page.getByRole('button', { name: 'Keras example' }).click();
    await page.getByRole('button', { name: 'Count the parameters' }).click();
    await expect(page.getByRole('heading', { name: 'Your model: 3 layers, 54,170 parameters' })).toBeVisible();
    await expect(modules(page)).toBeHidden();
    await expect(page.getByRole('region', { name: 'The convention, and what print(model) cannot show' })).toBeHidden();
  });

  test('has no axe violations at 1280 and 390 px, light and dark', async ({ page }, testInfo) => {
    const text = await fixture('convnext_tiny.txt');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await importModel(page, text);
        await expect(modules(page)).toBeVisible();
        // The table scrolls inside its region; the page itself never scrolls sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await expectNoAxeViolations(page);
        await saveScreenshot(page, testInfo, `import-pytorch-${width}-${scheme}`);
      }
    }
  });
});
