import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { LOOKS, saveScreenshot } from './support/quiz';

const fixture = (dir: string, name: string) => readFile(new URL(`../fixtures/${dir}/${name}`, import.meta.url), 'utf8');

async function importModel(page: Page, json: string) {
  await page.goto('/import/');
  // A model of a few hundred KB: set the box's value directly, as a paste does, rather than typing it.
  await page.getByLabel('Keras JSON or PyTorch print(model)').fill(json);
  await page.getByRole('button', { name: 'Count the parameters' }).click();
}

const results = (page: Page) => page.getByRole('region', { name: /^Your model:/ });

test.describe('Keras functional models on the import page', () => {
  test('ResNet50 as Keras 3 writes it: 25,636,712 parameters, the shortcut additions taking two layers', async ({
    page,
  }) => {
    await importModel(page, await fixture('keras-applications', 'resnet50.keras3.json'));
    await expect(page.getByRole('heading', { name: /25,636,712 parameters$/ })).toBeVisible();
    const add = results(page).locator('tbody tr', { hasText: 'conv2_block1_add' });
    await expect(add.locator('th')).toContainText('takes conv2_block1_0_bn and conv2_block1_3_bn');
    await expect(add.locator('td.number')).toHaveText('0');
    // Keras functional code comes along, its additions taking both branches.
    await expect(page.getByRole('region', { name: 'Keras' })).toContainText('layers.Add(name="conv2_block1_add")([');
  });

  test('ConvNeXtTiny and MobileNetV3Small as Keras 3 writes them: their own layers and their operations counted', async ({
    page,
  }) => {
    // Totals: Keras 3.15.1's count_params() of the same models (tests/fixtures/keras3-applications).
    await importModel(page, await fixture('keras3-applications', 'convnext_tiny.keras3.json'));
    await expect(page.getByRole('heading', { name: /28,589,128 parameters$/ })).toBeVisible();
    const scale = results(page).locator('tbody tr', { hasText: 'convnext_tiny_stage_0_block_0_layer_scale' });
    await expect(scale.locator('td.number')).toHaveText('96');
    await expect(scale.locator('td.arithmetic')).toContainText(
      'layer scale learns 96 scales γ, one for each of the 96 channels: 96',
    );
    // The Keras code imports ConvNeXt's own class, which keras.layers does not have.
    await expect(page.getByRole('region', { name: 'Keras' })).toContainText(
      'from keras.src.applications.convnext import LayerScale',
    );

    await importModel(page, await fixture('keras3-applications', 'mobilenet_v3_small.keras3.json'));
    await expect(page.getByRole('heading', { name: /2,554,968 parameters$/ })).toBeVisible();
    // Its hard sigmoid's x + 3, an operation on a number: a row of its own that learns nothing.
    const add = results(page).locator('tbody tr', { hasText: 'it computes x + 3 for every value' }).first();
    await expect(add.locator('td.number')).toHaveText('0');
  });

  test('a frozen base model is one row whose own layers open under it, all of them non-trainable', async ({
    page,
  }, testInfo) => {
    await importModel(page, await fixture('keras-graphs', 'transfer_mobilenet_v2.keras3.json'));
    // 2,257,984 frozen in the base + 1280 × 10 + 10 = 12,810 in the head = 2,270,794.
    await expect(page.getByRole('heading', { name: /2,270,794 parameters$/ })).toBeVisible();
    const table = results(page).getByRole('table');
    const base = table.locator('tbody tr').first();
    await expect(base.locator('td.number')).toHaveText('2257984');
    await expect(base.locator('td.arithmetic')).toContainText('frozen (trainable: false)');
    const inner = table.locator('tbody tr[data-parent]');
    await expect(inner.first()).toBeHidden();
    await expect(base.getByRole('button', { name: /^Show its \d+ layers$/ })).toBeVisible();
    // The same button, whatever its label says next.
    const button = base.locator('button[data-expand]');
    await button.click();
    await expect(button).toHaveText('Hide its layers');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(inner.first()).toBeVisible();
    await expect(table.locator('tbody tr[data-parent]:visible')).toHaveCount(
      Number(await button.getAttribute('data-count')),
    );
    for (const [look, { viewport, colorScheme }] of LOOKS) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await saveScreenshot(page, testInfo, `import-nested-${look}`);
    }
    await base.getByRole('button', { name: 'Hide its layers' }).click();
    await expect(inner.first()).toBeHidden();
  });

  test('a siamese model: the shared layer counts once, its second call says where', async ({ page }) => {
    await importModel(page, await fixture('keras-graphs', 'siamese.tfjs.json'));
    await expect(page.getByRole('heading', { name: /153 parameters$/ })).toBeVisible();
    const calls = results(page).locator('tbody tr', { has: page.locator('.layer-id', { hasText: 'shared_dense' }) });
    await expect(calls.locator('td.number')).toHaveText(['136', '0']);
    await expect(calls.nth(1).locator('td.arithmetic')).toContainText('counted at layer');
  });
});
