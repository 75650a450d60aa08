import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { openPractice } from './support/practice';
import { LOOKS } from './support/quiz';

const fixture = (dir: string, name: string) => readFile(new URL(`../fixtures/${dir}/${name}`, import.meta.url), 'utf8');

/** Opens the import page, watching for CSP violations, and counts a model pasted into its box. */
async function importModel(page: Page, json: string): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation: (t: string) => void }).reportViolation(event.violatedDirective),
    );
  });
  await page.goto('/import/');
  await page.getByLabel('Keras JSON or PyTorch print(model)').fill(json);
  await page.getByRole('button', { name: 'Count the parameters' }).click();
  await expect(page.getByRole('heading', { name: /^Your model:/ })).toBeVisible();
  return violations;
}

/** A screenshot of the picture's figure (the page around it is the import page's own spec's). */
async function saveFigure(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.locator('.import-diagram').screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const region = (page: Page) => page.getByRole('region', { name: 'Picture of your model (scrolls)' });

/**
 * The picture as shown: its size, every label's size on screen (its font size times the SVG's scale),
 * and every box's front face on screen, to check that none overlaps another.
 */
const measure = (picture: Locator) =>
  picture.evaluate((svg) => {
    const element = svg as unknown as SVGSVGElement;
    const rect = element.getBoundingClientRect();
    const scale = rect.width / element.viewBox.baseVal.width;
    const labels = [...element.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    const faces = [...element.querySelectorAll('.nd-front')].map((f) => {
      const r = f.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    });
    return { width: rect.width, height: rect.height, smallest: Math.min(...labels), faces };
  });

const overlapping = (faces: { left: number; right: number; top: number; bottom: number }[]) =>
  faces.flatMap((a, i) =>
    faces
      .slice(i + 1)
      .filter(
        (b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5,
      )
      .map((b) => [a, b]),
  );

test.describe('the picture of a network that branches, on the import page', () => {
  test('a residual block is drawn whole: every layer a box, every edge an arrow, the skip beside the layers', async ({
    page,
  }, testInfo) => {
    const violations = await importModel(page, await fixture('keras-graphs', 'residual_block.keras3.json'));
    const picture = region(page).getByRole('img', { name: /^Diagram of your model: Input 16×16×8 → Conv2D/ });
    await expect(picture).toBeVisible();
    // The input and its 7 layers; 8 edges (the add takes two).
    await expect(picture.locator('.nd-stage')).toHaveCount(8);
    await expect(picture.locator('.nd-arrow')).toHaveCount(8);
    await expect(picture).toHaveAccessibleName(/Add \(layer 6\) 16×16×8 \(0 parameters\), from the input and layer 5/);
    // Drawn whole, it needs no caption about collapsing.
    await expect(page.locator('[data-diagram-caption]')).toBeHidden();
    for (const [look, { viewport, colorScheme }] of LOOKS) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      const shown = await measure(picture);
      expect(shown.smallest, look).toBeGreaterThanOrEqual(12);
      expect(overlapping(shown.faces), look).toEqual([]);
      await saveFigure(page, testInfo, `graph-residual-${look}`);
    }
    expect(violations).toEqual([]);
  });

  test('ResNet50 collapses into 25 boxes, says why, and opens a block in place', async ({ page }, testInfo) => {
    const violations = await importModel(page, await fixture('keras-applications', 'resnet50.keras3.json'));
    const picture = region(page).getByRole('group', { name: /^Diagram of your model:/ });
    await expect(picture).toBeVisible();
    await expect(picture.locator('.nd-stage')).toHaveCount(25);
    await expect(page.locator('[data-diagram-caption]')).toContainText(
      'The 176 layers are drawn in 25 boxes, since a graph of more than 60 is hard to read',
    );
    const shown = await measure(picture);
    testInfo.annotations.push({
      type: 'ResNet50 at 1280 px',
      description: `${Math.round(shown.width)}×${Math.round(shown.height)} px, smallest label ${shown.smallest} px`,
    });
    expect(shown.smallest).toBeGreaterThanOrEqual(12);
    expect(overlapping(shown.faces)).toEqual([]);
    // Wrapped to its box: the page does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);

    // conv2_block2: 10 layers, 16,448 + 256 + 36,928 + 256 + 16,640 + 1,024 = 71,552 parameters.
    const block = picture.getByRole('button', { name: /^\+ 19–28·Block\s*56×56×256\s*10 layers, 71,552 params$/ });
    await expect(block).toHaveAttribute('aria-expanded', 'false');
    await block.click();
    const close = picture.getByRole('button', { name: '− 19–28·Block' });
    await expect(close).toBeFocused();
    await expect(close).toHaveAttribute('aria-expanded', 'true');
    await expect(picture.locator('.nd-stage')).toHaveCount(25 - 1 + 10);
    await expect(picture.locator('.nd-stage', { hasText: '19·Conv2D' })).toBeVisible();
    expect(overlapping((await measure(picture)).faces)).toEqual([]);
    for (const [look, { viewport, colorScheme }] of LOOKS) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await saveFigure(page, testInfo, `graph-resnet50-open-${look}`);
    }
    // From the keyboard: Enter on the frame's title closes the block again.
    await close.press('Enter');
    await expect(picture.locator('.nd-stage')).toHaveCount(25);
    await expect(picture.getByRole('button', { name: /^\+ 19–28·Block/ })).toBeFocused();
    expect(violations).toEqual([]);
  });

  for (const { model, file, boxes, units, caption, select, open, inside } of [
    // NASNetMobile: 16 cells (2 in the stem, 3 stacks of 4 normal cells, a reduction cell between stacks), no cut between them.
    {
      model: 'NASNetMobile',
      file: 'nasnet_mobile.keras3.json',
      boxes: 22,
      units: 'cells',
      caption: 'The 770 layers are drawn in 22 boxes',
      select: 'Select a cell to open it.',
      open: 'normal cell 5',
      // normal_conv_1_5, layer 354 of the model's table.
      inside: '354·Conv2D',
    },
    // MobileNetV2: 17 inverted-residual blocks; block_1 (stride 2, no residual connection) is a plain chain of 9 layers.
    {
      model: 'MobileNetV2',
      file: 'mobilenet_v2.keras3.json',
      boxes: 26,
      units: 'blocks',
      caption: 'The 155 layers are drawn in 26 boxes',
      select: 'Select a block to open it.',
      open: 'block_1',
      inside: '9·Conv2D',
    },
  ]) {
    test(`${model} is drawn in its ${units} as Keras names them, ${boxes} boxes, readable, and one opens in place`, async ({
      page,
    }, testInfo) => {
      // NASNet's 759 kB of JSON and 770 table rows take a while on a shared machine.
      test.slow(file.startsWith('nasnet'));
      const violations = await importModel(page, await fixture('keras-applications', file));
      const picture = region(page).getByRole('group', { name: /^Diagram of your model:/ });
      await expect(picture).toBeVisible();
      await expect(picture.locator('.nd-stage')).toHaveCount(boxes);
      await expect(page.locator('[data-diagram-caption]')).toContainText(caption);
      // The caption's last words name what the boxes are: NASNet's are cells.
      await expect(page.locator('[data-diagram-caption]')).toHaveText(new RegExp(`${select.replace('.', '\\.')}$`));
      for (const [look, { viewport, colorScheme }] of LOOKS) {
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme });
        const shown = await measure(picture);
        testInfo.annotations.push({
          type: `${model}, ${look}`,
          description: `${Math.round(shown.width)}×${Math.round(shown.height)} px, smallest label ${shown.smallest} px`,
        });
        expect(shown.smallest, look).toBeGreaterThanOrEqual(12);
        expect(overlapping(shown.faces), look).toEqual([]);
        await saveFigure(page, testInfo, `graph-${file.split('.')[0]}-${look}`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      // Wrapped to its box: the page does not scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      await picture.getByRole('button', { name: new RegExp(`^\\+ ${open}\\s`) }).click();
      await expect(picture.getByRole('button', { name: `− ${open}` })).toBeFocused();
      await expect(picture.locator('.nd-stage', { hasText: inside })).toBeVisible();
      expect(overlapping((await measure(picture)).faces)).toEqual([]);
      await saveFigure(page, testInfo, `graph-${file.split('.')[0]}-open`);
      expect(violations).toEqual([]);
    });
  }

  test('has no axe violations in the picture, closed and open, light and dark', async ({ page }) => {
    await importModel(page, await fixture('keras-applications', 'resnet50.keras3.json'));
    const picture = region(page).getByRole('group', { name: /^Diagram of your model:/ });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const state of ['closed', 'open']) {
        if (state === 'open') await picture.getByRole('button', { name: /^\+ 7–18·Block/ }).click();
        const scan = await new AxeBuilder({ page }).include('.import-diagram').analyze();
        expect(
          scan.violations.map((v) => `${v.id}: ${v.help}`),
          `${colorScheme}, ${state}`,
        ).toEqual([]);
      }
      await picture.getByRole('button', { name: '− 7–18·Block' }).click();
    }
  });
});

test.describe('printed graphs', () => {
  /** An A4 page inside print.css's 12 mm margins, in CSS px; 8 pt in CSS px. */
  const A4 = { width: Math.floor(((210 - 24) / 25.4) * 96), height: Math.floor(((297 - 24) / 25.4) * 96) };
  const EIGHT_POINTS = (8 * 96) / 72;

  for (const kind of ['worksheet', 'key'] as const) {
    test(`a level 5 ${kind} prints every graph at 8 pt or more, none wider than the page or taller than half of it`, async ({
      page,
    }, testInfo) => {
      await page.setViewportSize({ width: A4.width, height: 1100 });
      await openPractice(page, `/practice/${kind}/?v=2&seed=e2e-print-graphs&count=6&level=5&shapes=1`);
      await page.emulateMedia({ media: 'print' });
      const pictures = await page.getByRole('img', { name: /^Diagram of network/ }).evaluateAll((svgs) =>
        (svgs as unknown as SVGSVGElement[]).map((svg) => {
          const rect = svg.getBoundingClientRect();
          const scale = rect.width / svg.viewBox.baseVal.width;
          const sizes = [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
          return {
            width: rect.width,
            height: rect.height,
            smallest: Math.min(...sizes),
            merges: svg.querySelectorAll('.nd-merge').length,
          };
        }),
      );
      expect(pictures).toHaveLength(6);
      for (const picture of pictures) {
        expect(picture.width).toBeLessThanOrEqual(A4.width);
        expect(picture.height).toBeLessThanOrEqual(A4.height / 2);
        expect(picture.smallest).toBeGreaterThanOrEqual(EIGHT_POINTS);
      }
      // Drawn as graphs: level 5's blocks end in an add or a concatenate, each a merge box (or inside a collapsed block).
      expect(pictures.some((p) => p.merges > 0)).toBe(true);
      const smallest = Math.min(...pictures.map((p) => p.smallest));
      testInfo.annotations.push({
        type: 'smallest label',
        description: `${smallest.toFixed(2)} px = ${(smallest * 0.75).toFixed(2)} pt`,
      });
      const path = testInfo.outputPath(`graph-${kind}-print.png`);
      await page.locator('.sheet-page').first().screenshot({ path });
      await testInfo.attach(`graph-${kind}-print`, { path, contentType: 'image/png' });
    });
  }
});
