import { describe, expect, test } from 'vitest';
import { analyzeNetwork, type LayerReport, type NetworkReport } from '../../src/domain/analyze-network';
import { generatePracticeSet } from '../../src/domain/practice-set';
import {
  generateNetwork,
  LEVEL_TITLES,
  levelsMaking,
  MAX_LAYER_PARAMS,
  mixedLevels,
} from '../../src/domain/quiz-generator';
import { Network, type Layer } from '../../src/domain/schema/network';
import { PracticeSetOptions } from '../../src/domain/schema/practice-set';
import { readPracticeParams } from '../../src/client/practice-params';

const SEEDS = 3000;
const MERGES = new Set(['add', 'concatenate']);

/** Every level 5 network over the test seeds, with its engine report. */
const NETWORKS = Array.from({ length: SEEDS }, (_, i) => {
  const seed = `graph-${i}`;
  const network = generateNetwork(2, 5, seed);
  const report = analyzeNetwork(network);
  if (!report.ok) throw new Error(`${seed}: ${JSON.stringify(report.error)}`);
  return { seed, network, report: report.value };
});

/** Each layer of every network with its configuration and report, and the network around it. */
const LAYERS = NETWORKS.flatMap(({ network, report }) =>
  network.layers.map((layer, i) => ({ layer, at: report.layers[i] as LayerReport, network, report })),
);

const channels = (shape: readonly number[]) => shape[shape.length - 1] ?? 0;

/** Hand rule for a convolution: inputs × filters × kernel area, + one bias per filter when it has biases. */
function convCount(layer: Extract<Layer, { type: 'conv2d' }>, inputChannels: number): number {
  const k = typeof layer.kernelSize === 'number' ? layer.kernelSize ** 2 : layer.kernelSize[0] * layer.kernelSize[1];
  return inputChannels * layer.filters * k + (layer.useBias === false ? 0 : layer.filters);
}

/** The layers that take layer `index`'s output. */
const takers = (report: NetworkReport, index: number) =>
  report.layers.filter((l) => (l.from ?? [l.index - 1]).includes(index));

describe('generateNetwork, version 2 level 5: residual and inception blocks', () => {
  test('is titled for what it asks, and version 1 answers level 5 with its level 3', () => {
    expect(LEVEL_TITLES[5]).toBe('Residual and inception blocks');
    expect(generateNetwork(1, 5, 'x')).toEqual(generateNetwork(1, 3, 'x'));
  });

  test('gives the same network for the same seed, and varied networks for different seeds', () => {
    for (const seed of ['a', 'share-me', '']) expect(generateNetwork(2, 5, seed)).toEqual(generateNetwork(2, 5, seed));
    const distinct = new Set(NETWORKS.slice(0, 200).map(({ network }) => JSON.stringify(network)));
    expect(distinct.size).toBeGreaterThan(190);
  });

  test('keeps the network of seed "a" for good, with counts worked by hand', () => {
    // A shared level 5 link must keep meaning this network: an inception block after a pooled stem.
    const network = generateNetwork(2, 5, 'a');
    expect(network.input).toEqual([16, 16, 3]);
    const report = analyzeNetwork(network);
    if (!report.ok) throw new Error('not counted');
    expect(report.value.layers.map((l) => l.params)).toEqual([
      3 * 7 * 3 * 3, // conv2d 7@3×3 on 3 channels, no bias (batch normalization follows)
      4 * 7, // batch normalization: γ, β, moving mean and variance per channel
      0, // reLU
      0, // max pooling 2: 16×16 → 8×8, named pool1 because three branches take it
      7 * 2 * 1 + 2, // branch_1x1: 1×1 conv, 2 filters on 7 channels
      7 * 3 * 3 * 3 + 3, // branch_3x3: 3×3 conv, 3 filters on pool1's 7 channels
      0, // 3×3 max pool, stride 1, same: still 8×8×7
      7 * 4 + 4, // branch_pool: 1×1 conv, 4 filters
      0, // concat1 joins 2 + 3 + 4 = 9 channels
      0, // global average pooling: 9 values
      9 * 2 + 2, // dense 2 on those 9
    ]);
    expect(report.value.totals.params).toBe(189 + 28 + 16 + 192 + 32 + 20);
    expect(network.layers[8]).toMatchObject({
      type: 'concatenate',
      name: 'concat1',
      inputs: ['branch_1x1', 'branch_3x3', 'branch_pool'],
    });
  });

  test(`makes ${SEEDS} networks of 6 to 14 layers that pass the schema and count by both conventions`, () => {
    for (const { seed, network } of NETWORKS) {
      const parsed = Network.safeParse(network);
      if (!parsed.success) throw new Error(`${seed}: ${JSON.stringify(parsed.error.issues)}`);
      expect(network.layers.length, seed).toBeGreaterThanOrEqual(6);
      expect(network.layers.length, seed).toBeLessThanOrEqual(14);
      expect(network.input.length).toBe(3);
      expect(analyzeNetwork(network, 'pytorch').ok, seed).toBe(true);
    }
  });

  test('keeps every count small enough for paper: each layer under the limit, small channel counts', () => {
    for (const { layer, at } of LAYERS) {
      expect(at.params).toBeLessThanOrEqual(MAX_LAYER_PARAMS);
      if (layer.type === 'conv2d') expect(layer.filters).toBeLessThanOrEqual(16);
      if (at.outputShape.length === 3) expect(Math.min(...at.outputShape.slice(0, 2))).toBeGreaterThanOrEqual(2);
    }
    // The largest network total stays a sum a person can do.
    expect(Math.max(...NETWORKS.map(({ report }) => report.totals.params))).toBeLessThan(30_000);
  });

  test('merges at least once in every network, each merge named and listing its inputs', () => {
    for (const { seed, network } of NETWORKS) {
      const merges = network.layers.filter((l) => MERGES.has(l.type));
      expect(merges.length, seed).toBeGreaterThanOrEqual(1);
      for (const merge of merges) {
        expect(merge.name).toMatch(/^(add|concat)\d+$/);
        expect(merge.inputs?.length).toBeGreaterThanOrEqual(2);
      }
    }
  });

  test('ends with global average pooling or flatten and a dense head', () => {
    const before = new Set<string>();
    for (const { network } of NETWORKS) {
      expect(network.layers.at(-1)?.type).toBe('dense');
      const pooled = network.layers.findLast((l) => l.type === 'globalAveragePooling2d' || l.type === 'flatten');
      expect(pooled).toBeDefined();
      before.add(pooled?.type ?? '');
    }
    expect(before).toEqual(new Set(['globalAveragePooling2d', 'flatten']));
  });

  test('names only the layers others take (and merges and branches), with short readable names', () => {
    for (const { network } of NETWORKS) {
      const taken = new Set(network.layers.flatMap((l) => l.inputs ?? []));
      const names = network.layers.flatMap((l) => (l.name === undefined ? [] : [l.name]));
      expect(new Set(names).size).toBe(names.length);
      for (const layer of network.layers) {
        if (layer.name === undefined) continue;
        expect(layer.name).toMatch(/^[a-z][a-z0-9_]{1,13}$/);
        if (!MERGES.has(layer.type)) expect(taken.has(layer.name), layer.name).toBe(true);
      }
      // A layer names its inputs only when it does not simply take the layer before it.
      for (const [i, layer] of network.layers.entries()) {
        if (layer.inputs?.length === 1) expect(layer.inputs[0]).not.toBe(network.layers[i - 1]?.name);
      }
    }
  });

  test('teaches a 1×1 projection shortcut that learns inputs × filters + biases, sometimes with a stride', () => {
    const shortcuts = LAYERS.filter(({ layer }) => layer.name?.startsWith('shortcut'));
    expect(shortcuts.length).toBeGreaterThan(SEEDS * 0.2);
    for (const { layer, at, report } of shortcuts) {
      if (layer.type !== 'conv2d') throw new Error(`a shortcut is a ${layer.type}`);
      expect(layer.kernelSize).toBe(1);
      expect(at.params).toBe(channels(at.inputShape) * layer.filters + layer.filters);
      // It makes the block's input fit the add: the add takes it, with the main path's shape.
      const [add] = takers(report, at.index);
      expect(add?.type).toBe('add');
      expect(add?.inputShapes?.every((shape) => shape.join() === at.outputShape.join())).toBe(true);
      // Needed: the channels or the size change along the main path.
      expect(at.inputShape.join()).not.toBe(at.outputShape.join());
    }
    expect(shortcuts.some(({ layer }) => layer.type === 'conv2d' && layer.strides === 2)).toBe(true);
  });

  test('teaches an identity add that learns nothing: the block input added back as it is', () => {
    const adds = LAYERS.filter(({ layer }) => layer.type === 'add');
    for (const { at } of adds) {
      expect(at.params).toBe(0);
      expect(at.outputShape).toEqual(at.inputShapes?.[0]);
    }
    const identity = adds.filter(({ at, report }) =>
      (at.from ?? []).every((i) => !report.layers[i]?.name?.startsWith('shortcut')),
    );
    expect(identity.length).toBeGreaterThan(SEEDS * 0.15);
    // The block input reaches the add unchanged: the add takes a tensor from before the block's convolutions.
    for (const { at } of identity) expect(Math.min(...(at.from ?? []))).toBeLessThan(at.index - 2);
  });

  test('teaches a concatenate that widens the next layer’s input to the sum of its branches', () => {
    const joins = LAYERS.filter(({ layer }) => layer.type === 'concatenate');
    expect(joins.length).toBeGreaterThan(SEEDS * 0.3);
    let widenedConvs = 0;
    for (const { at, network, report } of joins) {
      const branches = (at.inputShapes ?? []).map(channels);
      const sum = branches.reduce((a, b) => a + b, 0);
      expect(branches.length).toBeGreaterThanOrEqual(2);
      expect(branches.length).toBeLessThanOrEqual(3);
      expect(channels(at.outputShape)).toBe(sum);
      for (const next of takers(report, at.index)) {
        expect(channels(next.inputShape)).toBe(sum);
        const config = network.layers[next.index];
        if (config?.type === 'conv2d') {
          expect(next.params).toBe(convCount(config, sum));
          widenedConvs++;
        }
      }
    }
    expect(widenedConvs).toBeGreaterThan(20);
  });

  test('draws inception branches from 1×1 and 3×3 same convolutions and a 3×3 same max pool', () => {
    const pools = LAYERS.filter(({ layer }) => layer.type === 'maxPooling2d' && layer.poolSize === 3);
    expect(pools.length).toBeGreaterThan(SEEDS * 0.2);
    for (const { layer, at } of pools) {
      expect(layer).toMatchObject({ strides: 1, padding: 'same' });
      expect(at.outputShape).toEqual(at.inputShape);
    }
    for (const { layer, at } of LAYERS.filter(({ layer }) => layer.name?.startsWith('branch_'))) {
      if (layer.type === 'conv2d') {
        expect([1, 3]).toContain(layer.kernelSize);
        expect(layer.padding).toBe('same');
        expect(at.outputShape.slice(0, 2)).toEqual(at.inputShape.slice(0, 2));
      }
    }
  });

  test('puts batch normalization in the blocks of some networks, after bias-free convolutions', () => {
    const withBn = NETWORKS.filter(({ network }) => network.layers.some((l) => l.type === 'batchNormalization'));
    expect(withBn.length).toBeGreaterThan(SEEDS * 0.3);
    expect(withBn.length).toBeLessThan(SEEDS * 0.7);
    for (const { network } of withBn) {
      for (const [i, layer] of network.layers.entries()) {
        const before = network.layers[i - 1];
        if (layer.type === 'batchNormalization' && layer.inputs === undefined && before?.type === 'conv2d') {
          expect(before.useBias).toBe(false);
        }
      }
    }
  });

  test('has one, two and three blocks', () => {
    const blocks = new Set(NETWORKS.map(({ network }) => network.layers.filter((l) => MERGES.has(l.type)).length));
    expect(blocks).toEqual(new Set([1, 2, 3]));
  });
});

describe('level 5 in practice sets and the practice form', () => {
  test('makes a version 2 set at level 5, every network with a merge', () => {
    const made = generatePracticeSet(PracticeSetOptions.parse({ version: 2, seed: 'blocks', count: 8, level: 5 }));
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    for (const item of made.value) {
      expect(item.level).toBe(5);
      expect(item.network.layers.some((l) => MERGES.has(l.type))).toBe(true);
    }
  });

  test('refuses level 5 in a version 1 set, in the schema and in the address', () => {
    const issue = PracticeSetOptions.safeParse({ seed: 'x', version: 1, level: 5 }).error?.issues[0];
    expect(issue?.path).toEqual(['level']);
    expect(issue?.message).toMatch(/level 5 needs version 2/);
    const read = readPracticeParams('?v=1&seed=x&level=5');
    expect(!read.ok && read.error).toEqual([{ field: 'level', message: issue?.message }]);
    expect(readPracticeParams('?v=2&seed=x&level=5')).toMatchObject({ ok: true, value: { level: 5 } });
  });

  test('keeps a version 2 mix to levels 1 to 4, so mixed sets made before level 5 stay the same', () => {
    expect(mixedLevels(2)).toEqual([1, 2, 3, 4]);
    const made = generatePracticeSet(PracticeSetOptions.parse({ version: 2, seed: 'mix', count: 40, level: 'mix' }));
    expect(made.ok && new Set(made.value.map((i) => i.level))).toEqual(new Set([1, 2, 3, 4]));
  });

  test('finds level 5 for a mix that must include a merge, which no other level makes', () => {
    const raw = { version: 2, seed: 'merge', count: 4, level: 'mix', include: ['concatenate'] };
    const made = generatePracticeSet(PracticeSetOptions.parse(raw));
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    expect(made.value.every((i) => i.level === 5)).toBe(true);
  });

  test('offers the merges in the practice form as made by level 5 alone', () => {
    const making = levelsMaking(2, 100);
    expect(making.get('add')).toEqual([5]);
    expect(making.get('concatenate')).toEqual([5]);
    expect(making.get('conv2d')).toContain(5);
  });
});
