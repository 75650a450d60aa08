import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { importKerasModel, locateInKeras } from '../../src/domain/keras-import';

// Layer configs as Keras 3's model.to_json() writes them (get_config of each layer, built), and a few
// Keras 2 (tf.keras) spellings; the counts are worked out by hand in the comments.

const input = (shape: number[]) => ({
  module: 'keras.layers',
  class_name: 'InputLayer',
  config: { batch_shape: [null, ...shape], dtype: 'float32', sparse: false, name: 'input_layer' },
  registered_name: null,
});

const initializer = (name: string) => ({
  module: 'keras.initializers',
  class_name: name,
  config: {},
  registered_name: null,
});

const conv2d = (name: string, filters: number) => ({
  module: 'keras.layers',
  class_name: 'Conv2D',
  config: {
    name,
    trainable: true,
    dtype: 'float32',
    filters,
    kernel_size: [3, 3],
    strides: [1, 1],
    padding: 'same',
    data_format: 'channels_last',
    dilation_rate: [1, 1],
    groups: 1,
    activation: 'linear',
    use_bias: true,
    kernel_initializer: initializer('GlorotUniform'),
    bias_initializer: initializer('Zeros'),
    kernel_regularizer: null,
    bias_regularizer: null,
    activity_regularizer: null,
    kernel_constraint: null,
    bias_constraint: null,
  },
  registered_name: null,
});

const batchNorm = (name: string, extra: Record<string, unknown> = {}) => ({
  module: 'keras.layers',
  class_name: 'BatchNormalization',
  config: {
    name,
    trainable: true,
    dtype: 'float32',
    axis: -1,
    momentum: 0.99,
    epsilon: 0.001,
    center: true,
    scale: true,
    beta_initializer: initializer('Zeros'),
    gamma_initializer: initializer('Ones'),
    moving_mean_initializer: initializer('Zeros'),
    moving_variance_initializer: initializer('Ones'),
    beta_regularizer: null,
    gamma_regularizer: null,
    beta_constraint: null,
    gamma_constraint: null,
    synchronized: false,
    ...extra,
  },
  registered_name: null,
});

const layer = (className: string, config: Record<string, unknown>) => ({
  module: 'keras.layers',
  class_name: className,
  config: { name: className.toLowerCase(), trainable: true, dtype: 'float32', ...config },
  registered_name: null,
});

const sequential = (layers: unknown[]) => ({
  module: 'keras',
  class_name: 'Sequential',
  config: { name: 'sequential', trainable: true, dtype: 'float32', layers, build_input_shape: null },
  registered_name: null,
});

/** Imports a model and counts it. */
function counts(json: unknown) {
  const imported = importKerasModel(json);
  if (!imported.ok) throw new Error(JSON.stringify(imported.error));
  const report = analyzeNetwork(imported.value.network);
  if (!report.ok) throw new Error(JSON.stringify(report.error));
  return { network: imported.value.network, report: report.value };
}

/** The count of a single layer on an input. */
const single = (shape: number[], entry: unknown) => counts(sequential([input(shape), entry])).report.layers[0];

describe('importKerasModel, normalization layers as Keras 3 writes them', () => {
  test.each([
    // [input, layer entry, params, non-trainable]
    // LayerNormalization after build: axis is the sorted canonical list, [3] for the channels; 2 × 16 = 32.
    [
      [8, 8, 16],
      layer('LayerNormalization', { axis: [3], epsilon: 1e-6, center: true, scale: true, rms_scaling: false }),
      32,
      0,
    ],
    // Before build Keras writes -1; the same 2 × 16 = 32.
    [[8, 8, 16], layer('LayerNormalization', { axis: -1, epsilon: 0.001, center: true, scale: true }), 32, 0],
    // center false: γ only, 16.
    [[8, 8, 16], layer('LayerNormalization', { axis: [3], epsilon: 0.001, center: false, scale: true }), 16, 0],
    // All three axes: 2 × (8 × 8 × 16) = 2048.
    [[8, 8, 16], layer('LayerNormalization', { axis: [1, 2, 3], epsilon: 0.001, center: true, scale: true }), 2048, 0],
    // rms_scaling (deprecated) keeps γ only: 16.
    [[8, 8, 16], layer('LayerNormalization', { axis: [3], center: true, scale: true, rms_scaling: true }), 16, 0],
    // GroupNormalization: γ and β per channel, 2 × 64 = 128 for 8 groups.
    [
      [4, 4, 64],
      layer('GroupNormalization', { groups: 8, axis: -1, epsilon: 0.001, center: true, scale: true }),
      128,
      0,
    ],
    // scale false: β only, 64.
    [
      [4, 4, 64],
      layer('GroupNormalization', { groups: 32, axis: -1, epsilon: 1e-5, center: true, scale: false }),
      64,
      0,
    ],
    [[4, 4, 3], layer('UnitNormalization', { axis: [-1] }), 0, 0],
    [[224, 224, 3], layer('Rescaling', { scale: 0.00392156862745098, offset: 0.0 }), 0, 0],
    // A NumPy scale, as Keras 3 serializes one: still nothing learned.
    [
      [4, 4, 3],
      layer('Rescaling', {
        scale: { class_name: '__numpy__', config: { value: [0.5, 0.5, 0.5], dtype: 'float32' } },
        offset: 0.0,
      }),
      0,
      0,
    ],
    // Normalization with nothing given: 2 × 9 + 1 = 19, all non-trainable.
    [[9], layer('Normalization', { axis: [-1], invert: false, mean: null, variance: null }), 19, 19],
    // Given statistics: Keras builds constants, no weights.
    [
      [224, 224, 3],
      layer('Normalization', {
        axis: [-1],
        invert: false,
        mean: [0.485, 0.456, 0.406],
        variance: [0.052441, 0.050176, 0.050625],
      }),
      0,
      0,
    ],
    // axis None keeps one mean, one variance and the count: 3.
    [[4, 4, 3], layer('Normalization', { axis: null, invert: false, mean: null, variance: null }), 3, 3],
    // BatchNormalization with center false: γ 16 + moving mean and variance 2 × 16 = 48, 32 of them not trained.
    [[8, 8, 16], batchNorm('bn', { center: false }), 48, 32],
    // axis 1 (the height, 8): 4 × 8 = 32.
    [[8, 6, 16], batchNorm('bn', { axis: 1 }), 32, 16],
  ])('on %j counts %j as %i parameters (%i non-trainable)', (shape, entry, params, nonTrainable) => {
    expect(single(shape, entry)).toMatchObject({ params, nonTrainable });
  });

  test.each([
    [
      layer('Resizing', {
        height: 224,
        width: 224,
        interpolation: 'bilinear',
        crop_to_aspect_ratio: false,
        pad_to_aspect_ratio: false,
        fill_mode: 'constant',
        fill_value: 0.0,
        antialias: false,
        data_format: 'channels_last',
      }),
      [224, 224, 3],
    ],
    [
      layer('Resizing', {
        height: 16,
        width: 8,
        interpolation: 'nearest',
        crop_to_aspect_ratio: true,
        data_format: 'channels_last',
      }),
      [16, 8, 3],
    ],
    [layer('CenterCrop', { height: 24, width: 20, data_format: 'channels_last' }), [24, 20, 3]],
    // Larger than the 32×32 input: Keras 3 resizes up, so the output is still 40×40.
    [layer('CenterCrop', { height: 40, width: 40, data_format: 'channels_last' }), [40, 40, 3]],
  ])('reads the output size of %j', (entry, shape) => {
    expect(single([32, 32, 3], entry)).toMatchObject({ params: 0, outputShape: shape });
  });

  test('keeps the options that change a count or a shape, and only those', () => {
    const { network } = counts(
      sequential([
        input([8, 8, 16]),
        layer('LayerNormalization', { axis: [3], epsilon: 1e-6, center: false, scale: true, rms_scaling: false }),
        layer('GroupNormalization', { groups: 4, axis: -1, epsilon: 0.001, center: true, scale: true }),
        layer('Normalization', { axis: [-1], invert: true, mean: null, variance: null }),
        layer('Resizing', {
          height: 4,
          width: 4,
          interpolation: 'bilinear',
          crop_to_aspect_ratio: false,
          data_format: 'channels_last',
        }),
      ]),
    );
    expect(network.layers).toEqual([
      { type: 'layerNormalization', axis: 3, center: false, name: 'layernormalization' },
      { type: 'groupNormalization', groups: 4, name: 'groupnormalization' },
      { type: 'normalization', invert: true, name: 'normalization' },
      { type: 'resizing', height: 4, width: 4, name: 'resizing' },
    ]);
  });

  test('reads Keras 2’s axis lists', () => {
    // tf.keras 2 writes BatchNormalization's and LayerNormalization's axes as lists after build.
    const { report } = counts({
      class_name: 'Sequential',
      config: {
        name: 'sequential',
        layers: [
          {
            class_name: 'InputLayer',
            config: { batch_input_shape: [null, 8, 8, 4], dtype: 'float32', name: 'input_1' },
          },
          {
            class_name: 'BatchNormalization',
            config: { name: 'bn', axis: [3], center: true, scale: true, momentum: 0.99 },
          },
          {
            class_name: 'LayerNormalization',
            config: { name: 'ln', axis: [3], center: true, scale: true, epsilon: 0.001 },
          },
        ],
      },
    });
    // 4 × 4 = 16, 8 of them not trained; 2 × 4 = 8.
    expect(report.layers.map((l) => [l.params, l.nonTrainable])).toEqual([
      [16, 8],
      [8, 0],
    ]);
  });

  test.each([
    [batchNorm('bn', { renorm: true }), ['config', 'layers', 1, 'config', 'renorm'], /batch renormalization/],
    [batchNorm('bn', { axis: [1, 3] }), ['config', 'layers', 1, 'config', 'axis'], /several axes at once/],
    [
      layer('GroupNormalization', { groups: 5, axis: -1, center: true, scale: true }),
      ['config', 'layers', 1, 'config', 'groups'],
      /groups \(5\) must divide the 16 channels/,
    ],
    [
      layer('Normalization', { axis: [-1], invert: false, mean: [0, 0, 0, 0], variance: null }),
      ['config', 'layers', 1, 'config', 'variance'],
      /mean and variance go together/,
    ],
    [
      layer('LayerNormalization', { axis: [0, 3], center: true, scale: true }),
      ['config', 'layers', 1, 'config', 'axis', 0],
      /axis 0 is not a feature axis/,
    ],
  ])('refuses %j, pointing into the Keras JSON', (entry, path, message) => {
    const imported = importKerasModel(sequential([input([8, 8, 16]), entry]));
    // Refused on import (the config) or when counting (the network), mapped into the Keras JSON as the import page does.
    const problem = imported.ok
      ? (() => {
          const counted = analyzeNetwork(imported.value.network);
          if (counted.ok) throw new Error('expected a refusal');
          const first = counted.error[0];
          return first && { ...first, path: locateInKeras(imported.value.layerPaths, first.path) };
        })()
      : imported.error[0];
    expect(problem?.path).toEqual(path);
    expect(problem?.message).toMatch(message);
  });
});

describe('importKerasModel, a VGG16-BN-style model', () => {
  // Conv2D → BatchNormalization blocks, pooling, then a dense head with batch normalization.
  const model = sequential([
    input([32, 32, 3]),
    conv2d('block1_conv1', 64),
    batchNorm('block1_bn1'),
    conv2d('block1_conv2', 64),
    batchNorm('block1_bn2'),
    layer('MaxPooling2D', { pool_size: [2, 2], padding: 'valid', strides: [2, 2], data_format: 'channels_last' }),
    conv2d('block2_conv1', 128),
    batchNorm('block2_bn1'),
    conv2d('block2_conv2', 128),
    batchNorm('block2_bn2'),
    layer('MaxPooling2D', { pool_size: [2, 2], padding: 'valid', strides: [2, 2], data_format: 'channels_last' }),
    layer('Flatten', { data_format: 'channels_last' }),
    layer('Dense', { units: 256, activation: 'relu', use_bias: true }),
    batchNorm('head_bn'),
    layer('Dense', { units: 10, activation: 'softmax', use_bias: true }),
  ]);

  test('counts every layer by hand', () => {
    const { report } = counts(model);
    expect(report.layers.map((l) => l.params)).toEqual([
      1792, // 3 × (64 × 3×3) + 64 = 1728 + 64
      256, // 4 × 64
      36928, // 64 × (64 × 3×3) + 64 = 36864 + 64
      256, // 4 × 64
      0, // 32×32 → 16×16
      73856, // 64 × (128 × 3×3) + 128 = 73728 + 128
      512, // 4 × 128
      147584, // 128 × (128 × 3×3) + 128 = 147456 + 128
      512, // 4 × 128
      0, // 16×16 → 8×8
      0, // 8 × 8 × 128 = 8192 values
      2097408, // 8192 × 256 + 256 = 2097152 + 256
      1024, // 4 × 256, on the flat 256 values
      2570, // 256 × 10 + 10
    ]);
    // 1792 + 256 + 36928 + 256 + 73856 + 512 + 147584 + 512 + 2097408 + 1024 + 2570 = 2362698;
    // the moving statistics are 2 × (64 + 64 + 128 + 128 + 256) = 1280 of them.
    expect(report.totals).toMatchObject({ params: 2362698, nonTrainable: 1280, trainable: 2361418 });
  });

  test('keeps the Keras layer names', () => {
    const { report } = counts(model);
    expect(report.layers[1]?.name).toBe('block1_bn1');
  });
});

describe('importKerasModel on TensorFlow.js model.toJSON() with normalization layers', () => {
  test('counts tfjs-built models exactly as tfjs does', async () => {
    await tf.setBackend('cpu');
    const builds: (() => tf.layers.Layer[])[] = [
      () => [
        tf.layers.batchNormalization({ inputShape: [6, 5, 4], axis: 1, center: false }),
        tf.layers.layerNormalization({ axis: [1, 2, 3] }),
        tf.layers.rescaling({ scale: 0.5, offset: -1 }),
      ],
      () => [
        tf.layers.layerNormalization({ inputShape: [10, 3], axis: -2, scale: false }),
        tf.layers.batchNormalization({ scale: false }),
        tf.layers.flatten(),
        tf.layers.batchNormalization({}),
      ],
      () => [tf.layers.centerCrop({ inputShape: [12, 10, 2], height: 6, width: 4 }), tf.layers.layerNormalization({})],
    ];
    for (const build of builds) {
      const model = tf.sequential({ layers: build() });
      try {
        const { report } = counts(model.toJSON(null, true) as string);
        expect(report.layers.map((l) => l.params)).toEqual(model.layers.map((l) => l.countParams()));
        expect(report.totals.params).toBe(model.countParams());
      } finally {
        model.dispose();
      }
    }
  });
});
