import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, saveScreenshot, VIEWPORTS } from './support/quiz';

const fixture = (name: string) => readFile(new URL(`../fixtures/keras/${name}`, import.meta.url), 'utf8');

async function importModel(page: Page, json: string) {
  await page.goto('/import/');
  await page.getByLabel('Keras JSON or PyTorch print(model)').fill(json);
  await page.getByRole('button', { name: 'Count the parameters' }).click();
}

const results = (page: Page) => page.getByRole('region', { name: /^Your model:/ });

test.describe('Keras import page', () => {
  test("counts a pasted Keras 3 model layer by layer, as Keras's summary does", async ({ page }) => {
    await importModel(page, await fixture('keras3-classic.json'));
    // The lesson's network: 3 × (2 × 3×3) + 2 = 56; 2 × (3 × 3×3) + 3 = 57; flatten 0; 1200 × 2 + 2 = 2402.
    await expect(page.getByRole('heading', { name: 'Your model: 4 layers, 2,515 parameters' })).toBeVisible();
    const table = results(page).getByRole('table');
    // Each class with the model's own layer name under it.
    await expect(table.locator('tbody th')).toHaveText([
      'Conv2D conv2d',
      'Conv2D conv2d_1',
      'Flatten flatten',
      'Dense dense',
    ]);
    await expect(table.locator('tbody td.number')).toHaveText(['56', '57', '0', '2402']);
    await expect(table.locator('tbody td:nth-child(3)')).toHaveText(['20×20×2', '20×20×3', '1200', '2']);
    await expect(table.locator('tbody td.arithmetic').nth(3)).toHaveText(
      '1200 inputs × 2 units + 2 biases = 2402 Shape: the 1200 inputs become 2 units: 2',
    );
    // Each output shape with its arithmetic: 20 × 20 × 3 = 1200 values flattened.
    await expect(table.locator('tbody td.arithmetic').nth(2)).toContainText(
      'Shape: every value in one vector: 20 × 20 × 3 = 1200',
    );
    await expect(table.locator('tfoot td.number')).toHaveText('2515');
    await expect(table.locator('tfoot td.arithmetic')).toHaveText('56 + 57 + 0 + 2402 = 2515');
  });

  test('shows Keras and PyTorch code that builds the imported network', async ({ page }) => {
    await importModel(page, await fixture('keras3-classic.json'));
    const keras = page.getByRole('region', { name: 'Keras' });
    await expect(keras).toContainText('keras.Input(shape=(20, 20, 3))');
    // The model's own activations and layer names come along.
    await expect(keras).toContainText(
      'layers.Conv2D(filters=2, kernel_size=(3, 3), padding="same", activation="relu", name="conv2d")',
    );
    await expect(keras).toContainText('Total params: 2,515');
    // The table shows each layer's own name under its class, as Keras's summary does.
    await expect(results(page).locator('tbody th').first()).toHaveText('Conv2D conv2d');
    const pytorch = page.getByRole('region', { name: 'PyTorch' });
    await expect(pytorch).toContainText('nn.Conv2d(3, 2, kernel_size=(3, 3), padding=(1, 1))');
    await expect(pytorch).toContainText('nn.Linear(1200, 2)');
  });

  test('names every layer class it cannot count', async ({ page }) => {
    await importModel(page, await fixture('keras3-unsupported-layers.json'));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('This Keras model could not be counted');
    await expect(alert).toContainText('is a Lambda, which Learnable does not count');
    await expect(alert).toContainText('is an LSTM, which Learnable does not count');
    await expect(page.getByLabel('Keras JSON or PyTorch print(model)')).toHaveAttribute('aria-invalid', 'true');
    await expect(results(page)).toBeHidden();
  });

  test('says what is wrong with text that is not JSON', async ({ page }) => {
    await importModel(page, '{"class_name": "Sequential", ');
    await expect(page.getByRole('alert')).toContainText('not valid JSON');
  });

  test('counts the example model', async ({ page }) => {
    await page.goto('/import/');
    await page.getByRole('button', { name: 'Keras example' }).click();
    await page.getByRole('button', { name: 'Count the parameters' }).click();
    // 28×28×1 input: Conv2D 8 3×3 valid → 1 × 8 × 9 + 8 = 80, output 26×26×8; flatten 5408;
    // Dense 10 → 5408 × 10 + 10 = 54090; total 54170.
    await expect(results(page).locator('tbody td.number')).toHaveText(['80', '0', '54090']);
    await expect(results(page).locator('tfoot td.number')).toHaveText('54170');
  });

  test('has no axe violations, light and dark, desktop and phone, before and after counting', async ({
    page,
  }, testInfo) => {
    const model = await fixture('keras3-classic.json');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await importModel(page, model);
        await expect(page.getByRole('region', { name: 'PyTorch' })).toBeVisible();
        await expectNoAxeViolations(page);
        await saveScreenshot(page, testInfo, `import-${size}-${scheme}`);
      }
    }
    await importModel(page, await fixture('keras3-unsupported-layers.json'));
    await expect(page.getByRole('alert')).toContainText('Lambda');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, testInfo, 'import-error-phone-dark');
  });
});
