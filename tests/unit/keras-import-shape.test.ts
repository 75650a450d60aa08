import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { importKerasModel, locateInKeras } from '../../src/domain/keras-import';
import { createRandom } from '../../src/domain/random';
import { randomShapeNetwork } from '../support/random-shape-network';
import { buildTfjsShapeModel } from '../support/tfjs-shape';

// Keras 3 `model.to_json()` entries as Keras writes them: every option present, tuples as lists,
// the dtype policy and seeds along (which Learnable ignores).
const DTYPE = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };

const entry = (className: string, name: string, config: Record<string, unknown>) => ({
  module: 'keras.layers',
  class_name: className,
  config: { name, trainable: true, dtype: DTYPE, ...config },
  registered_name: null,
});

const sequential = (batchShape: (number | null)[], layers: object[]) => ({
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
    build_input_shape: batchShape,
  },
  registered_name: null,
});

/** Imports pasted Keras JSON and counts it. */
function counts(json: unknown) {
  const imported = importKerasModel(json);
  if (!imported.ok) throw new Error(JSON.stringify(imported.error));
  const report = analyzeNetwork(imported.value.network);
  if (!report.ok) throw new Error(JSON.stringify(report.error));
  return { network: imported.value.network, report: report.value, layerPaths: imported.value.layerPaths };
}

describe('importKerasModel on Keras 3 shape-change and regularization layers', () => {
  test('a MobileNet-style head: global pooling, Reshape((1, 1, 1024)), a 1×1 convolution and a flat reshape', () => {
    const { network, report } = counts(
      sequential(
        [null, 7, 7, 1024],
        [
          entry('GlobalAveragePooling2D', 'global_average_pooling2d', {
            data_format: 'channels_last',
            keepdims: false,
          }),
          entry('Reshape', 'reshape_1', { target_shape: [1, 1, 1024] }),
          entry('Dropout', 'dropout', { rate: 0.001, seed: null, noise_shape: null }),
          entry('Conv2D', 'conv_preds', {
            filters: 1000,
            kernel_size: [1, 1],
            strides: [1, 1],
            padding: 'same',
            data_format: 'channels_last',
            dilation_rate: [1, 1],
            groups: 1,
            activation: 'linear',
            use_bias: true,
          }),
          entry('Reshape', 'reshape_2', { target_shape: [1000] }),
        ],
      ),
    );
    expect(network.layers.map((l) => l.type)).toEqual([
      'globalAveragePooling2d',
      'reshape',
      'dropout',
      'conv2d',
      'reshape',
    ]);
    expect(network.layers[1]).toMatchObject({ type: 'reshape', targetShape: [1, 1, 1024], name: 'reshape_1' });
    // 1024 channels → 1×1×1024; 1024 × (1000 × 1×1) + 1000 = 1,025,000; then 1×1×1000 → 1000.
    expect(report.layers.map((l) => l.outputShape)).toEqual([[1024], [1, 1, 1024], [1, 1, 1024], [1, 1, 1000], [1000]]);
    expect(report.layers.map((l) => l.params)).toEqual([0, 0, 0, 1_025_000, 0]);
    expect(report.totals.params).toBe(1_025_000);
  });

  test('every option as Keras 3 writes it imports and counts', () => {
    const { network, report } = counts(
      sequential(
        [null, 8, 8, 3],
        [
          entry('ZeroPadding2D', 'zero_padding2d', {
            padding: [
              [1, 1],
              [2, 2],
            ],
            data_format: 'channels_last',
          }),
          entry('Cropping2D', 'cropping2d', {
            cropping: [
              [0, 1],
              [1, 0],
            ],
            data_format: 'channels_last',
          }),
          entry('UpSampling2D', 'up_sampling2d', {
            size: [2, 2],
            data_format: 'channels_last',
            interpolation: 'bilinear',
          }),
          entry('SpatialDropout2D', 'spatial_dropout2d', { rate: 0.2, seed: null, data_format: 'channels_last' }),
          entry('GaussianNoise', 'gaussian_noise', { stddev: 0.1, seed: null }),
          entry('Permute', 'permute', { dims: [2, 1, 3] }),
          entry('Reshape', 'reshape', { target_shape: [-1, 3] }),
          entry('SpatialDropout1D', 'spatial_dropout1d', { rate: 0.1, seed: null }),
          entry('ZeroPadding1D', 'zero_padding1d', { padding: [1, 3], data_format: 'channels_last' }),
          entry('Cropping1D', 'cropping1d', { cropping: [2, 2] }),
          entry('UpSampling1D', 'up_sampling1d', { size: 2 }),
          entry('GaussianDropout', 'gaussian_dropout', { rate: 0.3, seed: null }),
          entry('AlphaDropout', 'alpha_dropout', { rate: 0.1, noise_shape: null, seed: null }),
          entry('ActivityRegularization', 'activity_regularization', { l1: 0.01, l2: 0.0 }),
          entry('Reshape', 'reshape_3d', { target_shape: [6, 6, 22, 3] }),
          entry('ZeroPadding3D', 'zero_padding3d', {
            padding: [
              [1, 1],
              [1, 1],
              [1, 1],
            ],
            data_format: 'channels_last',
          }),
          entry('Cropping3D', 'cropping3d', {
            cropping: [
              [1, 1],
              [1, 1],
              [2, 2],
            ],
            data_format: 'channels_last',
          }),
          entry('UpSampling3D', 'up_sampling3d', { size: [2, 1, 1], data_format: 'channels_last' }),
          entry('SpatialDropout3D', 'spatial_dropout3d', { rate: 0.5, seed: null, data_format: 'channels_last' }),
          entry('Flatten', 'flatten', { data_format: 'channels_last' }),
          entry('Dense', 'dense', { units: 10, activation: 'linear', use_bias: true }),
        ],
      ),
    );
    expect(network.layers.slice(0, 7)).toMatchObject([
      {
        type: 'zeroPadding2d',
        padding: [
          [1, 1],
          [2, 2],
        ],
      },
      {
        type: 'cropping2d',
        cropping: [
          [0, 1],
          [1, 0],
        ],
      },
      { type: 'upSampling2d', size: 2, interpolation: 'bilinear' },
      { type: 'spatialDropout2d', rate: 0.2 },
      { type: 'gaussianNoise', stddev: 0.1 },
      { type: 'permute', dims: [2, 1, 3] },
      { type: 'reshape', targetShape: [-1, 3] },
    ]);
    expect(network.layers[13]).toMatchObject({ type: 'activityRegularization', l1: 0.01, l2: 0 });
    expect(report.layers.map((l) => l.outputShape)).toEqual([
      [10, 12, 3], // 8 + 1 + 1, 8 + 2 + 2
      [9, 11, 3], // 10 − 0 − 1, 12 − 1 − 0
      [18, 22, 3], // 9 × 2, 11 × 2
      [18, 22, 3],
      [18, 22, 3],
      [22, 18, 3], // axes 2, 1, 3
      [396, 3], // 22·18·3 = 1188 values; -1 = 1188 ÷ 3 = 396
      [396, 3],
      [400, 3], // 396 + 1 + 3
      [396, 3], // 400 − 2 − 2
      [792, 3], // 396 × 2
      [792, 3],
      [792, 3],
      [792, 3],
      [6, 6, 22, 3], // 792·3 = 2376 = 6·6·22·3
      [8, 8, 24, 3], // + 2 on each spatial axis
      [6, 6, 20, 3], // 8 − 2, 8 − 2, 24 − 4
      [12, 6, 20, 3], // 6 × 2, 6 × 1, 20 × 1
      [12, 6, 20, 3],
      [4320], // 12·6·20·3
      [10],
    ]);
    // Only the dense layer learns: 4320 × 10 + 10 = 43,210.
    expect(report.layers.map((l) => l.params)).toEqual([...Array(20).fill(0), 43_210]);
  });

  test('a channels_first data format comes along', () => {
    const { network, report } = counts(
      sequential(
        [null, 3, 10, 10],
        [
          entry('UpSampling2D', 'up', { size: [1, 2], data_format: 'channels_first', interpolation: 'nearest' }),
          entry('Cropping2D', 'crop', {
            cropping: [
              [1, 1],
              [0, 0],
            ],
            data_format: 'channels_first',
          }),
        ],
      ),
    );
    expect(network.layers).toEqual([
      { type: 'upSampling2d', size: [1, 2], dataFormat: 'channels_first', name: 'up' },
      {
        type: 'cropping2d',
        cropping: [
          [1, 1],
          [0, 0],
        ],
        dataFormat: 'channels_first',
        name: 'crop',
      },
    ]);
    // [3, 10 × 1, 10 × 2] = [3, 10, 20]; then [3, 10 − 2, 20] = [3, 8, 20].
    expect(report.layers.map((l) => l.outputShape)).toEqual([
      [3, 10, 20],
      [3, 8, 20],
    ]);
  });

  test('points a reshape that does not fit at target_shape in the Keras JSON', () => {
    const imported = importKerasModel(
      sequential([null, 28, 28, 3], [entry('Reshape', 'reshape', { target_shape: [10, 10] })]),
    );
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    const { network, layerPaths } = imported.value;
    const report = analyzeNetwork(network);
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(locateInKeras(layerPaths, report.error[0]?.path ?? [])).toEqual([
      'config',
      'layers',
      1,
      'config',
      'target_shape',
    ]);
    expect(report.error[0]?.message).toMatch(
      /28 × 28 × 3 = 2352 values and targetShape \[10, 10\] holds 10 × 10 = 100/,
    );
  });

  test.each([
    [
      'Keras 2 interpolation "area"',
      entry('UpSampling2D', 'up', { size: [2, 2], interpolation: 'area', data_format: 'channels_last' }),
      'interpolation',
      /^interpolation "area" was Keras 2's \(tf\.image\); Keras 3 resizes with "nearest", "bilinear", "bicubic", "lanczos3", "lanczos5"/,
    ],
    ['a Keras 2 stddev above 1', entry('GaussianNoise', 'noise', { stddev: 2 }), 'stddev', /stddev must be at most 1/],
    [
      'dims that are not a permutation',
      entry('Permute', 'permute', { dims: [1, 1, 2] }),
      'dims',
      /is not a permutation/,
    ],
    ['two -1s', entry('Reshape', 'reshape', { target_shape: [-1, -1] }), 'target_shape', /2 sizes of -1/],
  ])('refuses %s at its key', (_what, layer, key, message) => {
    const result = importKerasModel(sequential([null, 4, 4, 3], [layer]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error[0]?.path.slice(0, 5)).toEqual(['config', 'layers', 1, 'config', key]);
    expect(result.error[0]?.message).toMatch(message);
  });
});

describe('importKerasModel on TensorFlow.js model.toJSON() of shape-change networks', () => {
  test('counts and shapes 60 random tfjs-built models exactly as tfjs does', async () => {
    await tf.setBackend('cpu');
    for (let n = 0; n < 60; n++) {
      const original = randomShapeNetwork(createRandom(`keras-import-shape-${n}`), 'tfjs');
      const model = buildTfjsShapeModel(original);
      try {
        const { network, report } = counts(model.toJSON(null, true) as string);
        expect(network.input).toEqual(original.input);
        expect(network.layers.map((l) => l.type)).toEqual(original.layers.map((l) => l.type));
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
