import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { importKerasModel } from '../../src/domain/keras-import';
import { createRandom } from '../../src/domain/random';
import { randomConvNetwork } from '../support/random-conv1d-3d';
import { buildConvTfjsModel } from '../support/tfjs-conv1d-3d';

// Keras 3 configs as model.to_json() writes them: snake_case keys, every n-D option a list (kernel_size: [5]),
// initializers and regularizers spelled out, the input in an InputLayer's batch_shape.
const initializer = (name: string) => ({
  module: 'keras.initializers',
  class_name: name,
  config: name === 'GlorotUniform' ? { seed: null } : {},
  registered_name: null,
});
const dtype = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
const base = (name: string) => ({ name, trainable: true, dtype });
const regularized = {
  kernel_regularizer: null,
  bias_regularizer: null,
  activity_regularizer: null,
  kernel_constraint: null,
  bias_constraint: null,
};
const keras3Layer = (class_name: string, config: Record<string, unknown>) => ({
  module: 'keras.layers',
  class_name,
  config,
  registered_name: null,
});
const keras3Model = (batchShape: (number | null)[], layers: unknown[]) => ({
  module: 'keras',
  class_name: 'Sequential',
  config: {
    name: 'sequential',
    trainable: true,
    dtype,
    layers: [
      keras3Layer('InputLayer', { batch_shape: batchShape, dtype: 'float32', sparse: false, name: 'input_layer' }),
      ...layers,
    ],
    build_input_shape: batchShape,
  },
  registered_name: null,
});

const conv = (name: string, rank: 1 | 3, options: Record<string, unknown>) => ({
  ...base(name),
  strides: Array(rank).fill(1),
  padding: 'valid',
  data_format: 'channels_last',
  dilation_rate: Array(rank).fill(1),
  activation: 'linear',
  use_bias: true,
  kernel_initializer: initializer('GlorotUniform'),
  bias_initializer: initializer('Zeros'),
  ...regularized,
  ...options,
});

/** Imports Keras JSON and counts it, or throws with the problems. */
function counts(json: unknown) {
  const imported = importKerasModel(json);
  if (!imported.ok) throw new Error(JSON.stringify(imported.error));
  const report = analyzeNetwork(imported.value.network);
  if (!report.ok) throw new Error(JSON.stringify(report.error));
  return { network: imported.value.network, report: report.value };
}

describe('importKerasModel on Keras 3 1-D convolutions', () => {
  const model = keras3Model(
    [null, 100, 16],
    [
      keras3Layer(
        'Conv1D',
        conv('conv1d', 1, { filters: 32, kernel_size: [5], padding: 'causal', dilation_rate: [2], groups: 1 }),
      ),
      keras3Layer('Conv1D', conv('conv1d_1', 1, { filters: 32, kernel_size: [3], padding: 'same', groups: 4 })),
      keras3Layer(
        'SeparableConv1D',
        conv('separable_conv1d', 1, {
          filters: 64,
          kernel_size: [3],
          strides: [2],
          depth_multiplier: 1,
          depthwise_initializer: initializer('GlorotUniform'),
          pointwise_initializer: initializer('GlorotUniform'),
          depthwise_regularizer: null,
          pointwise_regularizer: null,
          depthwise_constraint: null,
          pointwise_constraint: null,
        }),
      ),
      keras3Layer(
        'DepthwiseConv1D',
        conv('depthwise_conv1d', 1, {
          kernel_size: [3],
          padding: 'same',
          depth_multiplier: 2,
          depthwise_initializer: initializer('GlorotUniform'),
          depthwise_regularizer: null,
          depthwise_constraint: null,
        }),
      ),
      keras3Layer(
        'Conv1DTranspose',
        conv('conv1d_transpose', 1, {
          filters: 16,
          kernel_size: [4],
          strides: [2],
          padding: 'same',
          output_padding: null,
        }),
      ),
      keras3Layer('Flatten', { ...base('flatten'), data_format: 'channels_last' }),
      keras3Layer('Dense', {
        ...base('dense'),
        units: 10,
        activation: 'softmax',
        use_bias: true,
        kernel_initializer: initializer('GlorotUniform'),
        bias_initializer: initializer('Zeros'),
        ...regularized,
      }),
    ],
  );

  test('reads one-element lists, causal padding, groups and the aliases’ options', () => {
    const { network } = counts(model);
    expect(network.input).toEqual([100, 16]);
    expect(network.layers.slice(0, 5)).toEqual([
      // groups 1 is Keras's default and is left out; "linear" too.
      {
        type: 'conv1d',
        name: 'conv1d',
        filters: 32,
        kernelSize: 5,
        strides: 1,
        padding: 'causal',
        dilationRate: 2,
        useBias: true,
      },
      {
        type: 'conv1d',
        name: 'conv1d_1',
        filters: 32,
        kernelSize: 3,
        strides: 1,
        padding: 'same',
        dilationRate: 1,
        useBias: true,
        groups: 4,
      },
      {
        type: 'separableConv1d',
        name: 'separable_conv1d',
        filters: 64,
        depthMultiplier: 1,
        kernelSize: 3,
        strides: 2,
        padding: 'valid',
        dilationRate: 1,
        useBias: true,
      },
      {
        type: 'depthwiseConv1d',
        name: 'depthwise_conv1d',
        depthMultiplier: 2,
        kernelSize: 3,
        strides: 1,
        padding: 'same',
        dilationRate: 1,
        useBias: true,
      },
      {
        type: 'conv1dTranspose',
        name: 'conv1d_transpose',
        filters: 16,
        kernelSize: 4,
        strides: 2,
        padding: 'same',
        dilationRate: 1,
        useBias: true,
      },
    ]);
  });

  test('counts each layer by Keras’s rules', () => {
    const { report } = counts(model);
    expect(report.layers.map((l) => [l.outputShape, l.params])).toEqual([
      [[100, 32], 2592], // causal keeps 100; 16 × (32 × 5) + 32
      [[100, 32], 800], // 32 ÷ 4 = 8 inputs per group × (32 × 3) + 32
      [[49, 64], 2208], // floor((100 − 3) / 2) + 1 = 49; 32 × 3 + 32 × 64 + 64
      [[49, 128], 512], // 64 × (2 × 3) + 128
      [[98, 16], 8208], // same: 49 × 2; 128 × (16 × 4) + 16
      [[1568], 0], // 98 × 16
      [[10], 15690], // 1568 × 10 + 10
    ]);
    expect(report.totals.params).toBe(2592 + 800 + 2208 + 512 + 8208 + 15690);
  });
});

describe('importKerasModel on Keras 3 3-D convolutions', () => {
  test('reads [d, h, w] lists, groups and a transposed convolution', () => {
    const { network, report } = counts(
      keras3Model(
        [null, 16, 16, 16, 1],
        [
          keras3Layer('Conv3D', conv('conv3d', 3, { filters: 8, kernel_size: [3, 3, 3], groups: 1 })),
          keras3Layer(
            'Conv3D',
            conv('conv3d_1', 3, {
              filters: 16,
              kernel_size: [1, 3, 3],
              strides: [2, 2, 2],
              padding: 'same',
              groups: 2,
            }),
          ),
          keras3Layer(
            'Conv3DTranspose',
            conv('conv3d_transpose', 3, {
              filters: 4,
              kernel_size: [2, 2, 2],
              strides: [2, 2, 2],
              output_padding: null,
            }),
          ),
        ],
      ),
    );
    expect(network.layers[1]).toMatchObject({ kernelSize: [1, 3, 3], strides: 2, groups: 2 });
    expect(report.layers.map((l) => [l.outputShape, l.params])).toEqual([
      [[14, 14, 14, 8], 224], // 16 − 3 + 1 = 14; 1 × (8 × 27) + 8
      [[7, 7, 7, 16], 592], // ceil(14 / 2) = 7; 8 ÷ 2 = 4 inputs per group × (16 × 1×3×3) + 16
      [[14, 14, 14, 4], 516], // 7·2 + max(2 − 2, 0) = 14; 16 × (4 × 8) + 4
    ]);
  });
});

describe('importKerasModel with channels_first', () => {
  test.each([
    // [3 channels, 50 steps] → [2, 46]; 3 × (2 × 5) + 2 = 32.
    ['Conv1D', [null, 3, 50], { filters: 2, kernel_size: [5] }, 1, [2, 46], 32],
    // [2, 6, 6, 6] → [3, 4, 4, 4]; 2 × (3 × 27) + 3 = 165.
    ['Conv3D', [null, 2, 6, 6, 6], { filters: 3, kernel_size: [3, 3, 3] }, 3, [3, 4, 4, 4], 165],
    // [4 channels, 7 steps], same stride 2 → [1, 14]; 4 × (1 × 3) + 1 = 13.
    [
      'Conv1DTranspose',
      [null, 4, 7],
      { filters: 1, kernel_size: [3], strides: [2], padding: 'same', output_padding: null },
      1,
      [1, 14],
      13,
    ],
  ] as const)('%s reads the channels first', (className, batchShape, options, rank, shape, params) => {
    const layer = keras3Layer(className, conv('layer', rank, { ...options, data_format: 'channels_first' }));
    const { network, report } = counts(keras3Model([...batchShape], [layer]));
    expect(network.layers[0]).toMatchObject({ dataFormat: 'channels_first' });
    expect(report.layers[0]).toMatchObject({ outputShape: shape, params });
  });
});

describe('importKerasModel on Keras 2 configs', () => {
  // tf.keras 2 wrote the input on the first layer as batch_input_shape, and no InputLayer.
  const keras2 = (layers: { class_name: string; config: Record<string, unknown> }[]) => ({
    class_name: 'Sequential',
    config: { name: 'sequential', layers },
    keras_version: '2.15.0',
    backend: 'tensorflow',
  });

  test('takes the input from batch_input_shape and counts a causal Conv1D', () => {
    const { network, report } = counts(
      keras2([
        {
          class_name: 'Conv1D',
          config: {
            name: 'conv1d',
            trainable: true,
            batch_input_shape: [null, 20, 4],
            dtype: 'float32',
            filters: 8,
            kernel_size: [3],
            strides: [1],
            padding: 'causal',
            data_format: 'channels_last',
            dilation_rate: [1],
            groups: 1,
            activation: 'linear',
            use_bias: true,
          },
        },
      ]),
    );
    expect(network.input).toEqual([20, 4]);
    // causal keeps 20; 4 × (8 × 3) + 8 = 104.
    expect(report.layers[0]).toMatchObject({ outputShape: [20, 8], params: 104 });
  });

  test.each([
    ['Convolution1D', [null, 10, 3], { filters: 2, kernel_size: [3] }, 20], // 3 × (2 × 3) + 2
    ['Convolution3D', [null, 4, 4, 4, 1], { filters: 2, kernel_size: [3, 3, 3] }, 56], // 1 × (2 × 27) + 2
    ['Convolution1DTranspose', [null, 10, 3], { filters: 2, kernel_size: [3], output_padding: null }, 20], // as a conv
    ['Convolution3DTranspose', [null, 4, 4, 4, 1], { filters: 2, kernel_size: [3, 3, 3] }, 56],
    ['SeparableConvolution1D', [null, 10, 3], { filters: 2, kernel_size: [3], depth_multiplier: 1 }, 17], // 9 + 6 + 2
    ['DepthwiseConv1D', [null, 10, 3], { kernel_size: [3], depth_multiplier: 2 }, 24], // 3 × (2 × 3) + 6
  ] as const)('imports the class name %s', (className, batchShape, options, params) => {
    const { report } = counts(
      keras2([{ class_name: className, config: { batch_input_shape: [...batchShape], ...options } }]),
    );
    expect(report.layers[0]?.params).toBe(params);
  });
});

describe('importKerasModel refusals', () => {
  const one = (className: string, batchShape: (number | null)[], config: Record<string, unknown>) =>
    importKerasModel(keras3Model(batchShape, [keras3Layer(className, config)]));

  test.each([
    [
      'Conv1DTranspose',
      'output_padding',
      [null, 10, 3],
      conv('t', 1, { filters: 2, kernel_size: [3], strides: [2], output_padding: [1] }),
      'Conv1DTranspose with output_padding is not supported; leave it out (null) to count the layer',
    ],
    [
      'Conv3DTranspose',
      'output_padding',
      [null, 4, 4, 4, 1],
      conv('t', 3, { filters: 2, kernel_size: [3, 3, 3], strides: [2, 2, 2], output_padding: [1, 1, 1] }),
      'Conv3DTranspose with output_padding is not supported; leave it out (null) to count the layer',
    ],
    [
      // tf.keras 2 let SeparableConv1D pad causally; Keras 3 refuses it.
      'SeparableConv1D',
      'padding',
      [null, 10, 3],
      conv('s', 1, { filters: 2, kernel_size: [3], padding: 'causal', depth_multiplier: 1 }),
      'padding must be "valid" or "same" (Keras allows "causal" on Conv1D only)',
    ],
    [
      'Conv1D',
      'kernel_size',
      [null, 10, 3],
      conv('c', 1, { filters: 2, kernel_size: [3, 5] }),
      'kernelSize must be a whole number from 1 to 1024, or a list [n] of one',
    ],
    [
      'Conv3D',
      'filters',
      [null, 4, 4, 4, 1],
      conv('c', 3, { filters: 0, kernel_size: [3, 3, 3] }),
      'filters must be at least 1',
    ],
  ] as const)('refuses a %s with a bad %s', (className, key, batchShape, config, message) => {
    const result = one(className, [...batchShape], config);
    expect(result.ok ? undefined : result.error[0]).toEqual({ path: ['config', 'layers', 1, 'config', key], message });
  });

  test('refuses a Conv1D whose groups do not divide the channels, pointing at groups', () => {
    const imported = one('Conv1D', [null, 10, 6], conv('c', 1, { filters: 4, kernel_size: [3], groups: 4 }));
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    const report = analyzeNetwork(imported.value.network);
    expect(report.ok ? undefined : report.error[0]).toEqual({
      path: ['layers', 0, 'groups'],
      message: 'groups (4) must divide the 6 input channels evenly',
    });
  });
});

describe('importKerasModel on TensorFlow.js model.toJSON()', () => {
  test('counts random tfjs-built 1-D and 3-D models exactly as tfjs does', async () => {
    await tf.setBackend('cpu');
    let checked = 0;
    for (let seed = 0; checked < 60; seed++) {
      const original = randomConvNetwork(createRandom(`keras-import-conv-${seed}`), seed % 2 ? '3d' : '1d', 'tfjs');
      // tfjs 4.x's Conv1D.getConfig() drops data_format, and a causal Conv1D is built from padding layers here.
      if (
        original.layers.some(
          (l) => l.type === 'conv1d' && (l.padding === 'causal' || l.dataFormat === 'channels_first'),
        )
      )
        continue;
      checked += 1;
      const { model } = buildConvTfjsModel(original);
      try {
        const json = model.toJSON(null, true) as string;
        const { network, report } = counts(json);
        expect(network.input).toEqual(original.input);
        expect(report.layers.map((l) => l.params)).toEqual(model.layers.map((l) => l.countParams()));
        expect(report.totals.params).toBe(model.countParams());
      } finally {
        model.dispose();
      }
    }
  });
});
