import { describe, expect, test } from 'vitest';
import {
  networkSheet,
  PRINTED_DIAGRAM_WIDTH,
  printedDiagramRows,
  PRINTED_PICTURE_HEIGHT,
  shapeAxes,
} from '../../src/client/practice-sheet';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { practiceItem, type PracticeItem } from '../../src/domain/practice-set';
import type { Network } from '../../src/domain/schema/network';
import { PracticeSetOptions } from '../../src/domain/schema/practice-set';

/** Network `index` of a version 2 level 4 set whose first three are a sequence, an image and a volume. */
function item(index: number): PracticeItem {
  const options = PracticeSetOptions.parse({ version: 2, seed: 'e2e-level4', count: 3, level: 4, askShapes: true });
  const made = practiceItem(options, index);
  if (!made.ok) throw new Error('the set generates');
  return made.value;
}
const [sequence, image, volume] = [item(0), item(1), item(2)];

describe('networkSheet', () => {
  test('names the axes of each input in the caption: steps, height and width, depth', () => {
    expect([sequence, image, volume].map((i) => i.network.input.length)).toEqual([2, 3, 4]);
    expect(networkSheet(sequence, 'worksheet', true)).toContain(
      `from an input of ${sequence.network.input.join('×')} (steps × channels)</caption>`,
    );
    expect(networkSheet(image, 'key', true)).toContain(
      `from an input of ${image.network.input.join('×')} (height × width × channels)</caption>`,
    );
    expect(networkSheet(volume, 'preview', false)).toContain(
      `from an input of ${volume.network.input.join('×')} (depth × height × width × channels)</caption>`,
    );
  });

  test("prints every output shape of the key, up to a volume's four axes", () => {
    const key = networkSheet(volume, 'key', true);
    for (const layer of volume.report.layers) expect(key).toContain(`<td>${layer.outputShape.join('×')}</td>`);
    expect(volume.report.layers[0]?.outputShape).toHaveLength(4);
  });
});

describe('the pictures of printed sheets', () => {
  /** The first network of ten or more layers among version 2 level 3 sets of four, seeds sheet-long-0, -1, …. */
  const long = (() => {
    for (let seed = 0; seed < 500; seed++) {
      const options = PracticeSetOptions.parse({ version: 2, seed: `sheet-long-${seed}`, count: 4, level: 3 });
      for (let i = 0; i < 4; i++) {
        const made = practiceItem(options, i);
        if (made.ok && made.value.network.layers.length >= 10) return made.value;
      }
    }
    throw new Error('no set among 500 has a network of 10 layers');
  })();
  const svgWidth = (html: string) => Number(/<svg [^>]*width="(\d+)"/.exec(html)?.[1]);

  test('are at most as wide as a printed page, in two rows for a long network', () => {
    for (const kind of ['worksheet', 'key'] as const) {
      expect(svgWidth(networkSheet(long, kind, true))).toBeLessThanOrEqual(PRINTED_DIAGRAM_WIDTH);
      expect(printedDiagramRows(long, kind, true)).toBe(2);
    }
    // An A4 page inside 12 mm margins is 186 mm, 703 px at 96 a inch: the picture prints at its own size.
    expect(PRINTED_DIAGRAM_WIDTH).toBeLessThanOrEqual((186 / 25.4) * 96);
  });

  test("keep one row on the practice page's preview, which scrolls", () => {
    expect(svgWidth(networkSheet(long, 'preview', true))).toBeGreaterThan(PRINTED_DIAGRAM_WIDTH);
  });
});

describe('shapeAxes', () => {
  test("says how to write a page's shapes, once per kind of input on it", () => {
    expect(shapeAxes([image])).toBe('height×width×channels');
    expect(shapeAxes([image, image])).toBe('height×width×channels');
    expect(shapeAxes([sequence, volume])).toBe('steps×channels or depth×height×width×channels');
  });
});

describe('the printed picture of a network that branches', () => {
  /** A stem and `blocks` inception-style blocks of three branches joined by concatenate, then a head. */
  function inception(blocks: number): PracticeItem {
    const layers: Network['layers'] = [{ type: 'conv2d', filters: 4, kernelSize: 3, padding: 'same', name: 'stem' }];
    let last = 'stem';
    for (let b = 0; b < blocks; b++) {
      layers.push(
        { type: 'conv2d', filters: 2, kernelSize: 1, name: `b${b}_1x1`, inputs: [last] },
        { type: 'conv2d', filters: 2, kernelSize: 1, name: `b${b}_3x3_reduce`, inputs: [last] },
        { type: 'conv2d', filters: 3, kernelSize: 3, padding: 'same', name: `b${b}_3x3`, inputs: [`b${b}_3x3_reduce`] },
        { type: 'maxPooling2d', poolSize: 3, strides: 1, padding: 'same', name: `b${b}_pool`, inputs: [last] },
        { type: 'concatenate', name: `b${b}_join`, inputs: [`b${b}_1x1`, `b${b}_3x3`, `b${b}_pool`] },
      );
      last = `b${b}_join`;
    }
    layers.push({ type: 'globalAveragePooling2d', inputs: [last] }, { type: 'dense', units: 3 });
    const network: Network = { input: [12, 12, 3], layers };
    const report = analyzeNetwork(network);
    if (!report.ok) throw new Error(JSON.stringify(report.error));
    return { index: 0, level: 4, network, report: report.value };
  }
  const svgSize = (html: string) => {
    const [, width, height] = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(html) ?? [];
    return { width: Number(width), height: Number(height) };
  };

  test.each([1, 2, 4])(
    'with %d blocks fits half its page: no wider than it, no taller than half, labels at their own size',
    (blocks) => {
      const item = inception(blocks);
      for (const kind of ['worksheet', 'key'] as const) {
        const html = networkSheet(item, kind, true);
        const size = svgSize(html);
        expect(size.width).toBeLessThanOrEqual(PRINTED_DIAGRAM_WIDTH);
        expect(size.height).toBeLessThanOrEqual(PRINTED_PICTURE_HEIGHT);
        // Drawn at most as wide as the page, the SVG prints at its own size: its 12 px labels at 9 pt.
        expect(html).toMatch(/<svg [^>]*font-size="12"/);
      }
    },
  );

  test('draws a graph whole when it fits half a page, and collapses its blocks when it does not', () => {
    const names = (html: string) => [...html.matchAll(/class="nd-name"[^>]*>([^<]*)</g)].map((m) => m[1]);
    const small = inception(1);
    expect(names(networkSheet(small, 'worksheet', true))).toHaveLength(small.network.layers.length + 1);
    const big = inception(4);
    const drawn = names(networkSheet(big, 'worksheet', true));
    expect(drawn.length).toBeLessThan(big.network.layers.length + 1);
    // Layers 2–21 are the four blocks, alike: drawn as blocks, or as one run if single blocks are still too tall.
    expect(drawn.some((name) => /^\d+–\d+·Block/.test(name ?? ''))).toBe(true);
  });
});
