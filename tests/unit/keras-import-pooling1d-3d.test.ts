import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { importKerasModel } from '../../src/domain/keras-import';
import { createRandom } from '../../src/domain/random';
import { toTfjsPooling, randomPoolingNetwork } from '../support/tfjs-pooling1d-3d';

const DTYPE = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };

/** One layer as Keras 3's `model.to_json()` writes it. */
const layer = (className: string, name: string, config: Record<string, unknown>) => ({
  module: 'keras.layers',
  class_name: className,
  config: { name, trainable: true, dtype: DTYPE, ...config },
  registered_name: null,
});

/** A Keras 3 Sequential model with an InputLayer of `batchShape`. */
const sequential = (batchShape: (number | null)[], layers: unknown[]) => ({
  module: 'keras',
  class_name: 'Sequential',
  config: {
    name: 'sequential',
    trainable: true,
    dtype: DTYPE,
    layers: [
      {
        module: 'keras.layers',
        class_name: 'InputLayer',
        config: { batch_shape: batchShape, dtype: 'float32', sparse: false, name: 'input_layer' },
        registered_name: null,
      },
      ...layers,
    ],
  },
});

function counts(json: unknown) {
  const imported = importKerasModel(json);
  if (!imported.ok) throw new Error(JSON.stringify(imported.error));
  const report = analyzeNetwork(imported.value.network);
  if (!report.ok) throw new Error(JSON.stringify(report.error));
  return { network: imported.value.network, report: report.value };
}

describe('importKerasModel on Keras 3 1-D pooling configs', () => {
  const { network, report } = counts(
    sequential(
      [null, 100, 16],
      [
        // Keras 3 writes 1-D sizes as one-element lists; strides null means "the window".
        layer('MaxPooling1D', 'max_pooling1d', {
          pool_size: [2],
          padding: 'valid',
          strides: null,
          data_format: 'channels_last',
        }),
        layer('AveragePooling1D', 'average_pooling1d', {
          pool_size: [3],
          padding: 'same',
          strides: [2],
          data_format: 'channels_last',
        }),
        layer('GlobalAveragePooling1D', 'global_average_pooling1d', { data_format: 'channels_last', keepdims: true }),
        layer('Flatten', 'flatten', { data_format: 'channels_last' }),
        layer('Dense', 'dense', { units: 10, activation: 'softmax', use_bias: true }),
      ],
    ),
  );

  test('reads one-element lists as numbers and strides null as the default', () => {
    expect(network.input).toEqual([100, 16]);
    expect(network.layers.slice(0, 3)).toEqual([
      { type: 'maxPooling1d', name: 'max_pooling1d', poolSize: 2, padding: 'valid' },
      { type: 'averagePooling1d', name: 'average_pooling1d', poolSize: 3, strides: 2, padding: 'same' },
      { type: 'globalAveragePooling1d', name: 'global_average_pooling1d', keepdims: true },
    ]);
  });

  test('counts the shapes and parameters by hand', () => {
    // 100 steps, window 2 stride 2 valid → 50; window 3 stride 2 same → ceil(50 / 2) = 25;
    // global average with keepdims → [1, 16]; flatten → [16]; dense 16 × 10 + 10 = 170.
    expect(report.layers.map((l) => l.outputShape)).toEqual([[50, 16], [25, 16], [1, 16], [16], [10]]);
    expect(report.layers.map((l) => l.params)).toEqual([0, 0, 0, 0, 170]);
  });

  test('pools the steps of a channels_first sequence', () => {
    // [16 channels, 100 steps] → window 4 stride 4 → [16, 25] → global max channels_first → [16].
    const { report: cf } = counts(
      sequential(
        [null, 16, 100],
        [
          layer('MaxPool1D', 'pool', {
            pool_size: [4],
            padding: 'valid',
            strides: null,
            data_format: 'channels_first',
          }),
          layer('GlobalMaxPool1D', 'global', { data_format: 'channels_first', keepdims: false }),
        ],
      ),
    );
    expect(cf.layers.map((l) => l.outputShape)).toEqual([[16, 25], [16]]);
  });

  test('accepts a plain number for pool_size and strides, as tfjs and older Keras write them', () => {
    // 9 steps, window 3 stride 1 → 9 − 3 + 1 = 7.
    const { report: plain } = counts(
      sequential([null, 9, 2], [layer('AvgPool1D', 'avg', { pool_size: 3, strides: 1, padding: 'valid' })]),
    );
    expect(plain.layers[0]?.outputShape).toEqual([7, 2]);
  });

  test('points a two-axis pool_size on a 1-D layer at its key', () => {
    const result = importKerasModel(
      sequential([null, 10, 4], [layer('MaxPooling1D', 'bad', { pool_size: [2, 3], strides: null })]),
    );
    expect(result.ok ? undefined : result.error).toEqual([
      {
        path: ['config', 'layers', 1, 'config', 'pool_size'],
        message: 'poolSize must be a whole number from 1 to 1024, or a list [n] of one',
      },
    ]);
  });
});

describe('importKerasModel on Keras 3 3-D pooling configs', () => {
  const { network, report } = counts(
    sequential(
      [null, 3, 8, 32, 32],
      [
        layer('AveragePooling3D', 'average_pooling3d', {
          pool_size: [1, 2, 2],
          padding: 'valid',
          strides: [1, 2, 2],
          data_format: 'channels_first',
        }),
        layer('MaxPooling3D', 'max_pooling3d', {
          pool_size: [2, 2, 2],
          padding: 'same',
          strides: null,
          data_format: 'channels_first',
        }),
        layer('GlobalMaxPooling3D', 'global_max_pooling3d', { data_format: 'channels_first', keepdims: true }),
        layer('Flatten', 'flatten', { data_format: 'channels_first' }),
        layer('Dense', 'dense', { units: 4, activation: 'linear', use_bias: true }),
      ],
    ),
  );

  test('reads channels_first, equal lists as numbers and keepdims', () => {
    expect(network.input).toEqual([3, 8, 32, 32]);
    expect(network.layers.slice(0, 3)).toEqual([
      {
        type: 'averagePooling3d',
        name: 'average_pooling3d',
        poolSize: [1, 2, 2],
        strides: [1, 2, 2],
        padding: 'valid',
        dataFormat: 'channels_first',
      },
      { type: 'maxPooling3d', name: 'max_pooling3d', poolSize: 2, padding: 'same', dataFormat: 'channels_first' },
      { type: 'globalMaxPooling3d', name: 'global_max_pooling3d', keepdims: true, dataFormat: 'channels_first' },
    ]);
  });

  test('counts the shapes and parameters by hand', () => {
    // [3 channels, 8, 32, 32] → window 1×2×2 → [3, 8, 16, 16] → same, stride 2 → [3, 4, 8, 8]
    // → global max, keepdims → [3, 1, 1, 1] → flatten [3] → dense 3 × 4 + 4 = 16.
    expect(report.layers.map((l) => l.outputShape)).toEqual([[3, 8, 16, 16], [3, 4, 8, 8], [3, 1, 1, 1], [3], [4]]);
    expect(report.totals.params).toBe(16);
  });

  test('imports the short aliases and global average pooling without keepdims', () => {
    // [6, 6, 6, 5] → window 3 stride 3 → [2, 2, 2, 5] → global average → [5].
    const { network: aliases, report: r } = counts(
      sequential(
        [null, 6, 6, 6, 5],
        [
          layer('AvgPool3D', 'a', { pool_size: [3, 3, 3], strides: null, padding: 'valid' }),
          layer('GlobalAvgPool3D', 'g', { data_format: 'channels_last', keepdims: false }),
        ],
      ),
    );
    expect(aliases.layers.map((l) => l.type)).toEqual(['averagePooling3d', 'globalAveragePooling3d']);
    expect(r.layers.map((l) => l.outputShape)).toEqual([[2, 2, 2, 5], [5]]);
  });
});

describe('importKerasModel on TensorFlow.js model.toJSON() of 1-D and 3-D pooling models', () => {
  test.each([1, 3] as const)('counts 100 random %i-D tfjs-built models exactly as tfjs does', async (rank) => {
    await tf.setBackend('cpu');
    for (let n = 0; n < 100; n++) {
      const original = randomPoolingNetwork(createRandom(`keras-import-pooling${rank}d-${n}`), rank, {
        target: 'tfjs',
      });
      const model = tf.sequential();
      try {
        original.layers.forEach((l, i) =>
          model.add(toTfjsPooling(l, i === 0 ? { inputShape: [...original.input] } : {})),
        );
        const { network, report } = counts(model.toJSON(null, true) as string);
        expect(network.input).toEqual(original.input);
        expect(report.layers.map((l) => l.outputShape)).toEqual(
          model.layers.map((l) => (l.outputShape as number[]).slice(1)),
        );
        expect(report.layers.map((l) => l.params)).toEqual(model.layers.map((l) => l.countParams()));
      } finally {
        model.dispose();
      }
    }
  });
});
