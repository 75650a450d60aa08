import { describe, expect, test } from 'vitest';
import { networkSheet, shapeAxes } from '../../src/client/practice-sheet';
import { practiceItem, type PracticeItem } from '../../src/domain/practice-set';
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

describe('shapeAxes', () => {
  test("says how to write a page's shapes, once per kind of input on it", () => {
    expect(shapeAxes([image])).toBe('height×width×channels');
    expect(shapeAxes([image, image])).toBe('height×width×channels');
    expect(shapeAxes([sequence, volume])).toBe('steps×channels or depth×height×width×channels');
  });
});
