import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { createRandom } from '../../src/domain/random';
import type { Layer } from '../../src/domain/schema/network';
import { randomShapeNetwork, shapeFeatures, shapeTypes } from '../support/random-shape-network';
import { shapesWithTfjs, TFJS_SHAPE_FACTORIES } from '../support/tfjs-shape';

const NETWORKS = 600;

/** Where we and tfjs disagree, with the seed that rebuilds the network. */
interface Mismatch {
  seed: string;
  layer?: number;
  what: string;
  ours: unknown;
  tfjs: unknown;
}

/** Option forms the generator must exercise against tfjs, each at least 20 times. */
const REQUIRED_FEATURES = [
  ...shapeTypes('tfjs'),
  'reshape with -1',
  ...[1, 2, 3, 4].map((r) => `reshape to rank ${r}`),
  ...[1, 2, 3, 4].map((r) => `permute rank ${r}`),
  ...['default', 'n', 'per axis'].map((f) => `upSampling2d size ${f}`),
  'upSampling2d bilinear',
  ...['default', 'n', 'per axis', '[before, after] per axis'].flatMap((f) => [
    `zeroPadding2d padding ${f}`,
    `cropping2d cropping ${f}`,
  ]),
  'upSampling2d channels_first',
  'zeroPadding2d channels_first',
  'cropping2d channels_first',
];

describe('random shape-change and regularization networks counted and shaped by the engine and by TensorFlow.js', () => {
  const mismatches: Mismatch[] = [];
  const seen = new Map<string, number>();
  let layersCompared = 0;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    for (let n = 0; n < NETWORKS; n++) {
      const seed = `tfjs-shape-${n}`;
      const network = randomShapeNetwork(createRandom(seed), 'tfjs');
      const ours = analyzeNetwork(network);
      if (!ours.ok) {
        mismatches.push({ seed, what: 'engine refused a generated network', ours: ours.error, tfjs: null });
        continue;
      }
      let theirs: ReturnType<typeof shapesWithTfjs>;
      try {
        theirs = shapesWithTfjs(network);
      } catch (error) {
        mismatches.push({
          seed,
          what: 'tfjs refused a network the engine accepts',
          ours: network,
          tfjs: String(error),
        });
        continue;
      }
      ours.value.layers.forEach((layer, i) => {
        const other = theirs.layers[i];
        if (other === undefined) {
          mismatches.push({ seed, layer: i, what: 'layer missing', ours: layer, tfjs: null });
          return;
        }
        layersCompared++;
        if (layer.params !== other.params)
          mismatches.push({ seed, layer: i, what: 'params', ours: layer.params, tfjs: other.params });
        for (const [what, shape] of [
          ['inferred outputShape', other.outputShape],
          ['ran outputShape', other.ranShape],
        ] as const) {
          if (JSON.stringify(layer.outputShape) !== JSON.stringify(shape)) {
            mismatches.push({ seed, layer: i, what: `${layer.type} ${what}`, ours: layer.outputShape, tfjs: shape });
          }
        }
        for (const tag of shapeFeatures(network.layers[i] as Layer)) seen.set(tag, (seen.get(tag) ?? 0) + 1);
      });
      if (ours.value.totals.params !== theirs.params) {
        mismatches.push({ seed, what: 'total params', ours: ours.value.totals.params, tfjs: theirs.params });
      }
    }
  });

  test('tfjs 4 has a factory for each layer type compared', () => {
    const factories = tf.layers as unknown as Record<string, unknown>;
    expect(TFJS_SHAPE_FACTORIES.filter((name) => typeof factories[name] !== 'function')).toEqual([]);
  });

  test(`exercises every type and option form over ${NETWORKS} networks`, () => {
    const rare = REQUIRED_FEATURES.filter((f) => (seen.get(f) ?? 0) < 20).map((f) => `${f}: ${seen.get(f) ?? 0}`);
    expect(rare).toEqual([]);
  });

  test('accepts exactly the networks tfjs builds', () => {
    expect(mismatches.filter((m) => m.what.includes('refused')).slice(0, 5)).toEqual([]);
  });

  test('infers every layer’s output shape as tfjs does', () => {
    expect(layersCompared).toBeGreaterThan(NETWORKS);
    expect(mismatches.filter((m) => m.what.endsWith('outputShape')).slice(0, 10)).toEqual([]);
  });

  test('counts every layer’s parameters and the total as tfjs does', () => {
    expect(mismatches.filter((m) => m.what.includes('params')).slice(0, 10)).toEqual([]);
  });
});
