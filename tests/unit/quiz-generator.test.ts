import { describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import {
  generateNetwork,
  LEVEL_1_MAX_LAYER_PARAMS,
  levelsOf,
  MAX_LAYER_PARAMS,
  type QuizLevel,
} from '../../src/domain/quiz-generator';

// Version 1's levels; version 2's level 4 has its own tests in quiz-generator-v2.test.ts.
const QUIZ_LEVELS = levelsOf(1) as (1 | 2 | 3)[];
import { Network, type Layer, type LayerType } from '../../src/domain/schema/network';

const SEEDS = 2500;
const seeds = Array.from({ length: SEEDS }, (_, i) => `seed-${i}`);

/** Every network of a level over the test seeds, with its engine report. */
const generated = (level: QuizLevel) =>
  seeds.map((seed) => {
    const network = generateNetwork(1, level, seed);
    const report = analyzeNetwork(network);
    if (!report.ok) throw new Error(`level ${level}, ${seed}: ${JSON.stringify(report.error)}`);
    return { seed, network, report: report.value };
  });

const NETWORKS = Object.fromEntries(QUIZ_LEVELS.map((level) => [level, generated(level)])) as Record<
  QuizLevel,
  { seed: string; network: Network; report: NetworkReport }[]
>;

const types = (level: QuizLevel) =>
  new Set(NETWORKS[level].flatMap(({ network }) => network.layers.map((l) => l.type)));
const someLayer = (level: QuizLevel, predicate: (layer: Layer) => boolean) =>
  NETWORKS[level].some(({ network }) => network.layers.some(predicate));

describe('generateNetwork', () => {
  test.each(QUIZ_LEVELS)('gives the same network for the same seed at level %i', (level) => {
    for (const seed of ['a', 'share-me', '12345', '']) {
      expect(generateNetwork(1, level, seed)).toEqual(generateNetwork(1, level, seed));
    }
  });

  test.each(QUIZ_LEVELS)('gives varied networks for different seeds at level %i', (level) => {
    const distinct = new Set(NETWORKS[level].slice(0, 200).map(({ network }) => JSON.stringify(network)));
    expect(distinct.size).toBeGreaterThan(190);
  });

  test('gives different networks for the same seed at different levels', () => {
    expect(generateNetwork(1, 1, 'x')).not.toEqual(generateNetwork(1, 2, 'x'));
    expect(generateNetwork(1, 2, 'x')).not.toEqual(generateNetwork(1, 3, 'x'));
  });

  // A shared quiz link must show the same network forever; these pin version 1's output.
  test('keeps version 1 networks unchanged so shared links stay valid', () => {
    expect(generateNetwork(1, 1, 'pinned')).toEqual(PINNED_LEVEL_1);
    expect(generateNetwork(1, 2, 'pinned')).toEqual(PINNED_LEVEL_2);
    expect(generateNetwork(1, 3, 'pinned')).toEqual(PINNED_LEVEL_3);
  });

  test.each(QUIZ_LEVELS)(`passes the request schema for ${SEEDS} seeds at level %i`, (level) => {
    for (const { seed, network } of NETWORKS[level]) {
      const parsed = Network.safeParse(network);
      expect(parsed.success, `seed ${seed}: ${parsed.error?.message}`).toBe(true);
    }
  });

  test.each(QUIZ_LEVELS)('ends every level %i network with a learnable dense layer', (level) => {
    for (const { network } of NETWORKS[level]) {
      expect(network.layers.at(-1)?.type).toBe('dense');
      expect(network.layers.length).toBeGreaterThanOrEqual(3);
    }
  });

  test.each(QUIZ_LEVELS)('keeps every level %i feature map at least 2×2 and at most 64×64', (level) => {
    for (const { report } of NETWORKS[level]) {
      for (const layer of report.layers.filter((l) => l.outputShape.length === 3)) {
        const [h = 0, w = 0] = layer.outputShape;
        expect(Math.min(h, w)).toBeGreaterThanOrEqual(2);
        expect(Math.max(h, w)).toBeLessThanOrEqual(64);
      }
    }
  });

  test('keeps every level 1 answer small enough to work out on paper', () => {
    for (const { report } of NETWORKS[1]) {
      for (const layer of report.layers) expect(layer.params).toBeLessThanOrEqual(LEVEL_1_MAX_LAYER_PARAMS);
      // At most four layers learn, so the sum stays a four- or five-digit addition.
      expect(report.totals.params).toBeLessThanOrEqual(4 * LEVEL_1_MAX_LAYER_PARAMS);
      expect(report.input.every((side) => side <= 12)).toBe(true);
    }
  });

  test.each([2, 3] as const)('keeps every level %i layer under the moderate-size limit', (level) => {
    for (const { report } of NETWORKS[level]) {
      for (const layer of report.layers) expect(layer.params).toBeLessThanOrEqual(MAX_LAYER_PARAMS);
    }
  });

  test('uses only the lesson’s layers at level 1: same padding, stride 1, flatten, dense', () => {
    expect([...types(1)].sort()).toEqual(['conv2d', 'dense', 'dropout', 'flatten']);
    for (const { network } of NETWORKS[1]) {
      for (const layer of network.layers) {
        if (layer.type !== 'conv2d') continue;
        expect(layer.padding).toBe('same');
        expect(layer.strides ?? 1).toBe(1);
        expect(layer.dilationRate ?? 1).toBe(1);
        expect(layer.useBias ?? true).toBe(true);
      }
    }
  });

  test('asks about valid padding, strides, rectangular kernels and pooling at level 2', () => {
    const conv = (predicate: (layer: Extract<Layer, { type: 'conv2d' }>) => boolean) =>
      someLayer(2, (layer) => layer.type === 'conv2d' && predicate(layer));
    expect(conv((l) => l.padding === 'valid')).toBe(true);
    expect(conv((l) => l.padding === 'same')).toBe(true);
    expect(conv((l) => l.strides !== undefined && l.strides !== 1)).toBe(true);
    expect(conv((l) => Array.isArray(l.kernelSize) && l.kernelSize[0] !== l.kernelSize[1])).toBe(true);
    expect(types(2)).toContain('maxPooling2d');
    expect(types(2)).toContain('averagePooling2d');
    const level3Only: LayerType[] = ['batchNormalization', 'depthwiseConv2d', 'separableConv2d', 'conv2dTranspose'];
    for (const type of level3Only) expect(types(2)).not.toContain(type);
  });

  test('asks about every modern layer at level 3', () => {
    const expected: LayerType[] = [
      'batchNormalization',
      'depthwiseConv2d',
      'separableConv2d',
      'conv2dTranspose',
      'globalAveragePooling2d',
      'globalMaxPooling2d',
    ];
    for (const type of expected) expect(types(3)).toContain(type);
    expect(someLayer(3, (l) => 'dilationRate' in l && l.dilationRate === 2)).toBe(true);
    expect(someLayer(3, (l) => 'useBias' in l && l.useBias === false)).toBe(true);
  });

  test('starts every level 3 network with a layer that only level 3 asks about', () => {
    const modern = (layer: Layer | undefined) =>
      layer !== undefined &&
      (['batchNormalization', 'depthwiseConv2d', 'separableConv2d', 'conv2dTranspose'].includes(layer.type) ||
        ('dilationRate' in layer && layer.dilationRate !== undefined) ||
        ('useBias' in layer && layer.useBias === false));
    for (const { seed, network } of NETWORKS[3]) expect(modern(network.layers[0]), seed).toBe(true);
  });
});

const PINNED_LEVEL_1: Network = {
  input: [8, 8, 4],
  layers: [
    { type: 'conv2d', filters: 2, kernelSize: 3, padding: 'same' },
    { type: 'flatten' },
    { type: 'dense', units: 2 },
  ],
};

const PINNED_LEVEL_2: Network = {
  input: [24, 22, 3],
  layers: [
    { type: 'conv2d', filters: 16, kernelSize: 1, padding: 'valid' },
    { type: 'conv2d', filters: 6, kernelSize: 3, padding: 'same', strides: [1, 2] },
    { type: 'conv2d', filters: 14, kernelSize: [1, 3], padding: 'valid' },
    { type: 'maxPooling2d', poolSize: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 10 },
  ],
};

const PINNED_LEVEL_3: Network = {
  input: [23, 23, 1],
  layers: [
    { type: 'conv2d', filters: 2, kernelSize: 3, dilationRate: 2, padding: 'valid' },
    { type: 'conv2d', filters: 4, kernelSize: 1, useBias: false },
    { type: 'conv2d', filters: 15, kernelSize: 3, padding: 'same', useBias: false },
    { type: 'batchNormalization' },
    { type: 'dense', units: 8 },
    { type: 'globalAveragePooling2d' },
    { type: 'dense', units: 29, useBias: false },
    { type: 'batchNormalization' },
    { type: 'dense', units: 10 },
  ],
};
