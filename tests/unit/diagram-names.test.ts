import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import type { DiagramLayer } from '../../src/domain/diagram-parts';
import { cellOrder, cellsOf, isAutoName, prefixBlocks } from '../../src/domain/diagram-names';
import { importKerasModel } from '../../src/domain/keras-import';

/** A Keras fixture imported and counted. */
function keras(name: string): NetworkReport {
  const imported = importKerasModel(readFileSync(`tests/fixtures/keras-applications/${name}.keras3.json`, 'utf8'));
  if (!imported.ok) throw new Error(`${name} imports`);
  const report = analyzeNetwork(imported.value.network);
  if (!report.ok) throw new Error(`${name} counts`);
  return report.value;
}

/** A chain of layers of one type with these names. */
const chain = (...names: string[]): DiagramLayer[] =>
  names.map((name) => ({ type: 'conv2d', outputShape: [4, 4, 4], params: 0, name }));

describe('isAutoName', () => {
  test.each([
    // layer type, name → whether Keras made the name up
    ['activation', 'activation', true],
    ['activation', 'activation_23', true],
    ['zeroPadding2d', 'zero_padding2d_1', true],
    ['globalAveragePooling2d', 'global_average_pooling2d', true],
    ['reLU', 're_lu_4', true],
    // A name the model gave, even one that ends in a number.
    ['activation', 'stem_activation', false],
    ['conv2d', 'normal_conv_1_5', false],
    ['conv2d', 'Conv_1', false],
  ] as const)('%s named %s → %s', (type, name, auto) => {
    expect(isAutoName({ type, name })).toBe(auto);
  });

  test('a layer without a name tells nothing either', () => {
    expect(isAutoName({ type: 'conv2d' })).toBe(true);
  });
});

describe('prefixBlocks', () => {
  test.each([
    // names in order → the blocks (name, first, last)
    // Two words shared: one block, named by them.
    [['block_3_expand', 'block_3_depthwise', 'block_3_project'], [['block_3', 0, 2]]],
    // One word with a number shared: EfficientNet's block2a.
    [
      ['block2a_expand_conv', 'block2a_se_reduce', 'block2b_expand_conv', 'block2b_add'],
      [
        ['block2a', 0, 1],
        ['block2b', 2, 3],
      ],
    ],
    // One word without a number is no block: an EfficientNet stem, a classifier's top.
    [['stem_conv', 'stem_bn', 'stem_activation'], []],
    // Nothing after the shared words in one name: Conv_1 and Conv_1_bn share no block.
    [['Conv_1', 'Conv_1_bn'], []],
    // A layer alone is no block.
    [['Conv1', 'bn_Conv1', 'block_1_expand', 'Conv1_relu'], []],
    // Names Keras made up (conv2d_1, conv2d_2) tell nothing, though they share "conv2d".
    [['conv2d_1', 'conv2d_2', 'conv2d_3'], []],
  ] as const)('%j → %j', (names, blocks) => {
    expect(prefixBlocks(chain(...names)).map((b) => [b.name, b.first, b.last])).toEqual(blocks);
  });

  test('MobileNetV2 is its 17 inverted-residual blocks: expanded_conv, then block_1 to block_16', () => {
    // keras.applications.MobileNetV2: the first block (expansion 1) is "expanded_conv", the others "block_1" … "block_16".
    const blocks = prefixBlocks(keras('mobilenet_v2').layers);
    expect(blocks.map((b) => b.name)).toEqual([
      'expanded_conv',
      ...Array.from({ length: 16 }, (_, i) => `block_${i + 1}`),
    ]);
  });

  test('EfficientNetB0 is its 16 blocks in 7 stages of 1, 2, 2, 3, 3, 4 and 1', () => {
    // keras.applications.EfficientNetB0: DEFAULT_BLOCKS_ARGS repeats [1, 2, 2, 3, 3, 4, 1], blocks named block{stage}{a, b, …}.
    const blocks = prefixBlocks(keras('efficientnet_b0').layers);
    const repeats = [1, 2, 2, 3, 3, 4, 1];
    expect(blocks.map((b) => b.name)).toEqual(
      repeats.flatMap((n, stage) => Array.from({ length: n }, (_, i) => `block${stage + 1}${'abcd'[i]}`)),
    );
  });
});

describe('cellsOf', () => {
  const NASNET = keras('nasnet_mobile');

  test('NASNetMobile has 16 cells: 2 in its stem, 12 normal cells in 3 stacks of 4, and a reduction cell between stacks', () => {
    // keras.applications.NASNetMobile: num_blocks 4; stem cells stem_1 and stem_2, normal cells 0–3, 5–8 and 9–12, reduce_4 and reduce_8.
    const cells = new Set(cellsOf(NASNET.layers).filter((c) => c !== undefined));
    expect([...cells]).toEqual([
      'stem_1',
      'stem_2',
      '0',
      '1',
      '2',
      '3',
      'reduce_4',
      '5',
      '6',
      '7',
      '8',
      'reduce_8',
      '9',
      '10',
      '11',
      '12',
    ]);
  });

  test("puts a cell's unnamed ReLUs in it, and leaves the stem, the last ReLU and the classifier alone", () => {
    const cells = cellsOf(NASNET.layers);
    const at = (name: string) => cells[NASNET.layers.findIndex((l) => l.name === name)];
    // The ReLU a normal cell applies to its input, before normal_conv_1_5, is Keras's activation_N.
    const [relu = -1] = NASNET.layers.find((l) => l.name === 'normal_conv_1_5')?.from ?? [];
    expect(NASNET.layers[relu]?.type).toBe('activation');
    expect(cells[relu]).toBe('5');
    expect(at('separable_conv_1_bn_reduction_left1_reduce_4')).toBe('reduce_4');
    expect(at('adjust_conv_projection_6')).toBe('6');
    expect(cells.filter((c) => c === undefined)).toHaveLength(5);
    expect(at('stem_conv1')).toBeUndefined();
    expect(at('predictions')).toBeUndefined();
  });

  test('a model without cells has none', () => {
    expect(cellsOf(keras('mobilenet_v2').layers).every((c) => c === undefined)).toBe(true);
  });
});

describe('cellOrder', () => {
  test("orders NASNetMobile's layers so that each cell's are together, every layer still after those it takes", () => {
    const { layers } = keras('nasnet_mobile');
    const order = cellOrder(layers);
    if (!order) throw new Error('NASNet is reordered');
    expect([...order].sort((a, b) => a - b)).toEqual(layers.map((_, i) => i));
    const position = new Map(order.map((v, k) => [v, k]));
    layers.forEach((layer, i) => {
      for (const s of layer.from ?? [i - 1]) if (s >= 0) expect(position.get(s)).toBeLessThan(position.get(i) ?? -1);
    });
    const cells = cellsOf(layers);
    const runs = order.map((i) => cells[i]).filter((c, k, all) => c !== undefined && c !== all[k - 1]);
    expect(runs).toHaveLength(16);
  });

  test('leaves a model without cells in its order', () => {
    expect(cellOrder(keras('resnet50').layers)).toBeUndefined();
  });
});
