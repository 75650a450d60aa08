import { expect, test, type Page } from '@playwright/test';
import { generatePracticeSet, type PracticeItem } from '../../src/domain/practice-set';
import { PracticeSetOptions } from '../../src/domain/schema/practice-set';
import { openPractice } from './support/practice';
import { saveScreenshot } from './support/quiz';

/** Paper the sheets are checked on: its width inside print.css's 12 mm margins, in CSS px (96 a inch). */
const PAPER = {
  A4: Math.floor(((210 - 24) / 25.4) * 96),
  Letter: Math.floor(((215.9 - 24) / 25.4) * 96),
} as const;

/** 8 pt in CSS px: a point is 1/72 inch, a CSS px 1/96. */
const EIGHT_POINTS = (8 * 96) / 72;

/** Pages in a PDF: its page objects (`/Type /Page`, not the `/Type /Pages` tree nodes). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;

/** The first set of four level 3 networks (seeds e2e-long-0, -1, …) with a network of at least 10 layers. */
function longSet(): { query: string; items: PracticeItem[] } {
  for (let i = 0; i < 500; i++) {
    const seed = `e2e-long-${i}`;
    const set = generatePracticeSet(
      PracticeSetOptions.parse({ version: 2, seed, count: 4, level: 3, askShapes: true }),
    );
    if (set.ok && set.value.some((item) => item.network.layers.length >= 10)) {
      return { query: `v=2&seed=${seed}&count=4&level=3&shapes=1`, items: set.value };
    }
  }
  throw new Error('no set among 500 seeds has a network of 10 layers');
}

const LONG = longSet();

/**
 * Every label of every picture on the page as it prints: its size in CSS px on paper (the font size in
 * the SVG's units times the SVG's scale, its rendered width over its viewBox width), and how many rows
 * of boxes the picture has (the distinct heights of its layer names).
 */
const printedLabels = (page: Page) =>
  page.getByRole('img', { name: /^Diagram of network/ }).evaluateAll((svgs) =>
    (svgs as unknown as SVGSVGElement[]).map((svg) => {
      const rect = svg.getBoundingClientRect();
      const scale = rect.width / svg.viewBox.baseVal.width;
      const texts = [...svg.querySelectorAll('text')];
      const names = texts.filter((t) => /^(Input|\d+·)/.test(t.textContent ?? ''));
      return {
        name: svg.getAttribute('aria-labelledby') ?? '',
        width: rect.width,
        rows: new Set(names.map((t) => Math.round(t.getBoundingClientRect().top))).size,
        stages: names.length,
        sizes: texts.map((t) => ({ text: t.textContent ?? '', px: parseFloat(getComputedStyle(t).fontSize) * scale })),
      };
    }),
  );

test.describe('printed pictures', () => {
  test('the long set has a network of 10 or more layers, which one row cannot print at 8 pt', () => {
    expect(Math.max(...LONG.items.map((item) => item.network.layers.length))).toBeGreaterThanOrEqual(10);
  });

  for (const kind of ['worksheet', 'key'] as const) {
    for (const [format, width] of Object.entries(PAPER)) {
      test(`${kind} on ${format}: every label of every picture prints at 8 pt or more, long networks in rows`, async ({
        page,
      }, testInfo) => {
        // Print lays the page out at the paper's width: the viewport stands in for it.
        await page.setViewportSize({ width, height: 1100 });
        await openPractice(page, `/practice/${kind}/?${LONG.query}`);
        await page.emulateMedia({ media: 'print' });
        const pictures = await printedLabels(page);
        expect(pictures).toHaveLength(LONG.items.length);
        for (const [i, picture] of pictures.entries()) {
          const item = LONG.items[i];
          if (!item) throw new Error('a picture per network');
          // The input and every layer, each named once.
          expect(picture.stages, picture.name).toBe(item.network.layers.length + 1);
          expect(picture.width, `${picture.name} fits the page`).toBeLessThanOrEqual(width);
        }
        const small = pictures
          .map((p) => ({ name: p.name, px: Math.min(...p.sizes.map((s) => s.px)) }))
          .filter((p) => p.px < EIGHT_POINTS)
          .map((p) => `${p.name}: ${p.px.toFixed(2)} px = ${(p.px * 0.75).toFixed(2)} pt`);
        expect(small, `pictures with labels under 8 pt (${EIGHT_POINTS.toFixed(2)} px)`).toEqual([]);
        // The longest network does not fit one row at that size: it is drawn in two or more.
        const longest = LONG.items.reduce((a, b) => (b.network.layers.length > a.network.layers.length ? b : a));
        expect(pictures[longest.index]?.rows).toBeGreaterThanOrEqual(2);
        const smallest = Math.min(...pictures.flatMap((p) => p.sizes.map((s) => s.px)));
        testInfo.annotations.push({
          type: 'smallest label',
          description: `${smallest.toFixed(2)} px = ${(smallest * 0.75).toFixed(2)} pt`,
        });
        await saveScreenshot(page, testInfo, `${kind}-${format}-print-labels`);
      });
    }

    test(`${kind} prints on the pages it plans, on A4 and Letter, long networks, a mix of levels and level 5`, async ({
      page,
    }, testInfo) => {
      for (const [name, query] of [
        ['long', LONG.query],
        // Level 1's short networks: a key page holds as many as fit, two where two networks by layer count held one.
        ['level-1', 'v=2&seed=pack-20&count=20&level=1'],
        ['mix', 'v=2&seed=e2e-print-mix&count=20&level=mix&shapes=1'],
        // Networks that branch and merge: rows with "takes layer …" lines, tables that go on over pages.
        ['level-5', 'v=2&seed=e2e-print-5&count=8&level=5&shapes=1'],
        ['level-5-given-shapes', 'v=2&seed=e2e-print-5b&count=8&level=5'],
      ] as const) {
        await openPractice(page, `/practice/${kind}/?${query}`);
        await page.emulateMedia({ media: 'print' });
        const planned = await page.locator('.sheet-page').count();
        for (const format of ['A4', 'Letter'] as const) {
          const path = testInfo.outputPath(`${kind}-${name}-${format}.pdf`);
          // Every planned page fills exactly one printed page: nothing spills over onto another.
          expect(pdfPages(await page.pdf({ format, path })), `${name} on ${format}: pages`).toBe(planned);
          await testInfo.attach(`${kind}-${name}-${format}.pdf`, { path, contentType: 'application/pdf' });
        }
        await page.emulateMedia({ media: 'screen' });
      }
    });
  }
});

/**
 * Every line of every printed layer cell that does not begin where the cell's text does, and every
 * piece of its text with a space at an end or two together: a layer's type, its own name (a line of its
 * own) and its settings, each line of which begins at the cell's left edge.
 */
const indentedLayerLines = (page: Page) =>
  page.locator('th.sheet-layer').evaluateAll((cells) =>
    cells.flatMap((cell) => {
      const style = getComputedStyle(cell);
      const edge =
        cell.getBoundingClientRect().left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
      const spans = [...cell.querySelectorAll('.layer-name, .layer-id, .layer-config')];
      const spaced = spans
        .filter((span) => /^\s|\s$|\s\s/.test(span.textContent ?? ''))
        .map((span) => `${cell.textContent}: ${span.className} "${span.textContent}"`);
      const boxes = spans.flatMap((span) =>
        [...span.getClientRects()].map((box) => ({
          span: span.className,
          left: box.left,
          top: box.top,
          bottom: box.bottom,
        })),
      );
      // A box begins a line when every box before it ends above it (the lines' text boxes do not overlap).
      const indented = boxes
        .filter((box, i) => boxes.slice(0, i).every((before) => before.bottom <= box.top + 1))
        .filter((box) => Math.abs(box.left - edge) > 0.5)
        .map((box) => `${cell.textContent}: ${box.span} begins a line ${(box.left - edge).toFixed(1)} px in`);
      return [...spaced, ...indented];
    }),
  );

test.describe('printed tables', () => {
  for (const kind of ['worksheet', 'key'] as const) {
    test(`${kind}: every line of a layer's cell begins at its edge, a layer's settings under its own name too`, async ({
      page,
    }) => {
      await page.setViewportSize({ width: PAPER.A4, height: 1100 });
      // Level 5's layers have names of their own (conv1, pool1, …), each on a line above the settings.
      await openPractice(page, `/practice/${kind}/?v=2&seed=e2e-print-5&count=8&level=5&shapes=1`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('th.sheet-layer .layer-id').count()).toBeGreaterThan(0);
      expect(await indentedLayerLines(page)).toEqual([]);
    });
  }
});

test.describe('printed sheets of 50 networks', () => {
  const QUERY_50 = 'v=2&seed=e2e-print-50&count=50&level=1&shapes=1';

  for (const kind of ['worksheet', 'key'] as const) {
    test(`a ${kind} printed before it is all drawn prints every network, on the pages it plans`, async ({
      page,
    }, testInfo) => {
      // Printing begins as soon as the page's script has run, before it has drawn a page: the page's
      // own beforeprint handler must draw the rest at once (a real print fires the same event).
      await page.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          const drawn = () => document.querySelectorAll('.sheet-page').length;
          const before = drawn();
          dispatchEvent(new Event('beforeprint'));
          document.documentElement.dataset.drawnForPrint = `${before} → ${drawn()}`;
        });
      });
      await page.goto(`/practice/${kind}/?${QUERY_50}`);
      await expect(page.getByRole('button', { name: 'Save as PDF' })).toBeVisible();
      const planned = await page.locator('.sheet-page').count();
      await expect(page.locator('html')).toHaveAttribute('data-drawn-for-print', `0 → ${planned}`);
      // A worksheet gives every network a page; the key as many as fit (26 pages, where pairs by layer count took 41).
      await expect(page.getByRole('article')).toHaveCount(50);
      if (kind === 'worksheet') expect(planned).toBe(50);
      else expect(planned).toBeLessThanOrEqual(26);
      // On paper nothing is skipped for being far from the screen (on screen it is: content-visibility).
      const visibility = () =>
        page
          .locator('.sheet-page, .sheet-network')
          .evaluateAll((els) => [...new Set(els.map((el) => getComputedStyle(el).contentVisibility))]);
      expect(await visibility()).toEqual(['auto', 'visible']);
      await page.emulateMedia({ media: 'print' });
      expect(await visibility()).toEqual(['visible']);
      const path = testInfo.outputPath(`${kind}-50-A4.pdf`);
      expect(pdfPages(await page.pdf({ format: 'A4', path })), 'printed pages').toBe(planned);
      await testInfo.attach(`${kind}-50-A4.pdf`, { path, contentType: 'application/pdf' });
    });
  }
});
