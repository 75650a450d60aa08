import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { importKerasModel } from '../../src/domain/keras-import';
import { createRandom } from '../../src/domain/random';
import { buildActivationModel, randomActivationNetwork } from '../support/tfjs-activations';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/keras/${name}`, import.meta.url), 'utf8');

/** Imports pasted Keras JSON and counts it. */
function counts(json: unknown) {
  const imported = importKerasModel(json);
  if (!imported.ok) throw new Error(JSON.stringify(imported.error));
  const report = analyzeNetwork(imported.value.network);
  if (!report.ok) throw new Error(JSON.stringify(report.error));
  return { network: imported.value.network, report: report.value };
}

// Keras 3's `model.to_json()`: an InputLayer with batch_shape, a DTypePolicy on every layer.
const DTYPE = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
const keras3 = (shape: number[], layers: { class_name: string; config: object }[]) => ({
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
        config: { batch_shape: [null, ...shape], dtype: 'float32', sparse: false, name: 'input_layer' },
        registered_name: null,
      },
      ...layers.map(({ class_name, config }) => ({
        module: 'keras.layers',
        class_name,
        config: { trainable: true, dtype: DTYPE, ...config },
        registered_name: null,
      })),
    ],
  },
  registered_name: null,
});

// Keras 2 (tf.keras): the first layer carries batch_input_shape, dtypes are strings.
const keras2 = (shape: number[], layers: { class_name: string; config: object }[]) => ({
  class_name: 'Sequential',
  config: {
    name: 'sequential',
    layers: layers.map(({ class_name, config }, i) => ({
      class_name,
      config: { trainable: true, dtype: 'float32', ...(i === 0 && { batch_input_shape: [null, ...shape] }), ...config },
    })),
  },
  keras_version: '2.15.0',
  backend: 'tensorflow',
});

const ZEROS3 = { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null };

describe('the Keras 3 fixture with an Activation layer', () => {
  test('imports and counts 56 + 0 + 0 + 1602', () => {
    const { network, report } = counts(fixture('keras3-activation.json'));
    expect(network.layers).toEqual([
      {
        type: 'conv2d',
        filters: 2,
        kernelSize: 3,
        strides: 1,
        padding: 'same',
        dilationRate: 1,
        useBias: true,
        name: 'conv2d',
      },
      { type: 'activation', activation: 'relu', name: 'activation' },
      { type: 'flatten', name: 'flatten' },
      { type: 'dense', units: 2, useBias: true, name: 'dense' },
    ]);
    // 3 × (2 × 3×3) + 2 = 56, 20×20×2; relu 0; flatten 20·20·2 = 800; 800 × 2 + 2 = 1602.
    expect(report.layers.map((l) => l.params)).toEqual([56, 0, 0, 1602]);
    expect(report.layers[1]?.outputShape).toEqual([20, 20, 2]);
    expect(report.totals.params).toBe(56 + 1602);
  });
});

describe('activation layers from Keras 3 configs', () => {
  test('reads a MobileNet ReLU(6.) written with its zero slope and threshold', () => {
    const { network, report } = counts(
      keras3(
        [8, 8, 3],
        [
          {
            class_name: 'Conv2D',
            config: { name: 'conv', filters: 4, kernel_size: [3, 3], padding: 'same', activation: 'linear' },
          },
          { class_name: 'ReLU', config: { name: 'relu6', max_value: 6.0, negative_slope: 0.0, threshold: 0.0 } },
        ],
      ),
    );
    expect(network.layers[1]).toEqual({ type: 'reLU', maxValue: 6, name: 'relu6' });
    // 3 × (4 × 3×3) + 4 = 112; ReLU 0.
    expect(report.layers.map((l) => l.params)).toEqual([112, 0]);
  });

  test('maps each class with its Keras 3 keyword names', () => {
    const { network, report } = counts(
      keras3(
        [16, 16, 8],
        [
          { class_name: 'ReLU', config: { name: 'a', max_value: null, negative_slope: 0.1, threshold: 0.5 } },
          { class_name: 'LeakyReLU', config: { name: 'b', negative_slope: 0.2 } },
          // Keras 3's ELU leaves alpha out of its config.
          { class_name: 'ELU', config: { name: 'c' } },
          { class_name: 'Softmax', config: { name: 'd', axis: -1 } },
          {
            class_name: 'PReLU',
            config: {
              name: 'e',
              alpha_initializer: ZEROS3,
              alpha_regularizer: null,
              alpha_constraint: null,
              shared_axes: [1, 2],
            },
          },
          {
            class_name: 'PReLU',
            config: {
              name: 'f',
              alpha_initializer: ZEROS3,
              alpha_regularizer: null,
              alpha_constraint: null,
              shared_axes: null,
            },
          },
          { class_name: 'Activation', config: { name: 'g', activation: 'sigmoid' } },
        ],
      ),
    );
    expect(network.layers).toEqual([
      { type: 'reLU', negativeSlope: 0.1, threshold: 0.5, name: 'a' },
      { type: 'leakyReLU', alpha: 0.2, name: 'b' },
      { type: 'eLU', name: 'c' },
      { type: 'softmax', name: 'd' },
      { type: 'pReLU', sharedAxes: [1, 2], name: 'e' },
      { type: 'pReLU', name: 'f' },
      { type: 'activation', activation: 'sigmoid', name: 'g' },
    ]);
    // Slopes: one per channel, 8; then one per element, 16·16·8 = 2048.
    expect(report.layers.map((l) => l.params)).toEqual([0, 0, 0, 0, 8, 2048, 0]);
  });

  test('reads an activation written as a serialized function, in an Activation layer and in a Dense layer', () => {
    const relu = { module: 'keras.activations', class_name: 'function', config: 'relu', registered_name: 'function' };
    const { network, report } = counts(
      keras3(
        [10],
        [
          { class_name: 'Dense', config: { name: 'dense', units: 4, use_bias: true, activation: relu } },
          { class_name: 'Activation', config: { name: 'act', activation: { ...relu, config: 'linear' } } },
          { class_name: 'Activation', config: { name: 'act2', activation: relu } },
        ],
      ),
    );
    expect(network.layers).toEqual([
      { type: 'dense', units: 4, useBias: true, activation: 'relu', name: 'dense' },
      // An Activation layer keeps linear: it must name its function.
      { type: 'activation', activation: 'linear', name: 'act' },
      { type: 'activation', activation: 'relu', name: 'act2' },
    ]);
    // 10 × 4 + 4 = 44.
    expect(report.totals.params).toBe(44);
  });

  test('keeps a frozen PReLU’s slopes, as non-trainable', () => {
    const { report } = counts(
      keras3(
        [6, 5],
        [{ class_name: 'PReLU', config: { name: 'p', trainable: false, alpha_initializer: ZEROS3, shared_axes: [1] } }],
      ),
    );
    // Steps shared: one slope per channel, 5, all frozen.
    expect(report.totals).toMatchObject({ params: 5, trainable: 0, nonTrainable: 5 });
  });

  test.each([
    [{ class_name: 'ReLU', config: { max_value: -1.0 } }, 'max_value', /^maxValue must be at least 0/],
    [{ class_name: 'LeakyReLU', config: { negative_slope: -0.3 } }, 'alpha', /^alpha must be at least 0/],
    [
      { class_name: 'Activation', config: { activation: 'my_custom_fn' } },
      'activation',
      /^activation must be a Keras activation name/,
    ],
    [
      {
        class_name: 'Activation',
        config: {
          activation: { module: 'builtins', class_name: 'function', config: 'my_fn', registered_name: 'function' },
        },
      },
      'activation',
      /^activation must be a Keras activation name/,
    ],
  ])('refuses %j and points at its config', (layer, key, message) => {
    const result = importKerasModel(keras3([8], [layer]));
    expect(result.ok ? undefined : result.error[0]?.path).toEqual(['config', 'layers', 1, 'config', key]);
    expect(result.ok ? '' : result.error[0]?.message).toMatch(message);
  });
});

describe('activation layers from Keras 2 configs', () => {
  test('maps each class with its Keras 2 keyword names and float32 values', () => {
    const { network, report } = counts(
      keras2(
        [28, 28, 1],
        [
          {
            class_name: 'Conv2D',
            config: { name: 'conv', filters: 8, kernel_size: [3, 3], activation: 'linear', use_bias: true },
          },
          // Keras 2 writes alpha through float32, so 0.3 arrives as 0.30000001192092896.
          { class_name: 'LeakyReLU', config: { name: 'leaky', alpha: 0.30000001192092896 } },
          { class_name: 'ELU', config: { name: 'elu', alpha: 0.5 } },
          { class_name: 'ThresholdedReLU', config: { name: 'thr', theta: 1.0 } },
          { class_name: 'ThresholdedReLU', config: { name: 'thr2', theta: 0.5 } },
          { class_name: 'ReLU', config: { name: 'relu', max_value: 6.0, negative_slope: 0.0, threshold: 0.0 } },
          {
            class_name: 'PReLU',
            config: {
              name: 'prelu',
              alpha_initializer: { class_name: 'Zeros', config: {} },
              alpha_regularizer: null,
              alpha_constraint: null,
              shared_axes: [1, 2],
            },
          },
          { class_name: 'Flatten', config: { name: 'flatten', data_format: 'channels_last' } },
          { class_name: 'Dense', config: { name: 'dense', units: 10, activation: 'softmax', use_bias: true } },
          { class_name: 'Softmax', config: { name: 'softmax', axis: -1 } },
        ],
      ),
    );
    expect(network.layers.slice(1, 7)).toEqual([
      { type: 'leakyReLU', alpha: 0.30000001192092896, name: 'leaky' },
      { type: 'eLU', alpha: 0.5, name: 'elu' },
      { type: 'thresholdedReLU', name: 'thr' },
      { type: 'thresholdedReLU', theta: 0.5, name: 'thr2' },
      { type: 'reLU', maxValue: 6, name: 'relu' },
      { type: 'pReLU', sharedAxes: [1, 2], name: 'prelu' },
    ]);
    // 1 × (8 × 3×3) + 8 = 80, 26×26×8; 8 slopes; flatten 26·26·8 = 5408; 5408 × 10 + 10 = 54090.
    expect(report.layers.map((l) => l.params)).toEqual([80, 0, 0, 0, 0, 0, 8, 0, 54090, 0]);
    expect(report.totals.params).toBe(80 + 8 + 54090);
  });
});

describe('activation layers from TensorFlow.js model.toJSON()', () => {
  test('counts random tfjs-built activation networks exactly as tfjs does', async () => {
    await tf.setBackend('cpu');
    for (let n = 0; n < 60; n++) {
      const original = randomActivationNetwork(createRandom(`keras-import-activations-${n}`));
      const model = buildActivationModel(original);
      try {
        const { network, report } = counts(model.toJSON(null, true) as string);
        expect(network.layers.map((l) => l.type)).toEqual(original.layers.map((l) => l.type));
        expect(report.layers.map((l) => l.params)).toEqual(model.layers.map((l) => l.countParams()));
        expect(report.totals.params).toBe(model.countParams());
      } finally {
        model.dispose();
      }
    }
  });
});
