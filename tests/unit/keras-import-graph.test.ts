import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { importKerasModel } from '../../src/domain/keras-import';
import { evaluateRequest } from '../../src/domain/evaluate-request';

const fixture = (dir: string, name: string) => readFileSync(`tests/fixtures/${dir}/${name}`, 'utf8');

/** Imports and counts a Keras JSON text, failing loudly with the problems. */
function count(json: string) {
  const imported = importKerasModel(json);
  if (!imported.ok) throw new Error(JSON.stringify(imported.error.slice(0, 3)));
  const report = analyzeNetwork(imported.value.network);
  if (!report.ok) throw new Error(JSON.stringify(report.error.slice(0, 3)));
  return { network: imported.value.network, report: report.value };
}

// The totals Keras publishes for keras.applications (keras.io/api/applications, model.summary()),
// and the trainable split model.summary() prints: BatchNormalization's moving mean and variance
// (2 per channel) are non-trainable, and so are EfficientNet's Normalization mean, variance and count.
const PUBLISHED: Record<string, [total: number, trainable: number, nonTrainable: number]> = {
  vgg16: [138_357_544, 138_357_544, 0],
  vgg19: [143_667_240, 143_667_240, 0],
  resnet50: [25_636_712, 25_583_592, 53_120],
  resnet101: [44_707_176, 44_601_832, 105_344],
  densenet121: [8_062_504, 7_978_856, 83_648],
  mobilenet: [4_253_864, 4_231_976, 21_888],
  mobilenet_v2: [3_538_984, 3_504_872, 34_112],
  inception_v3: [23_851_784, 23_817_352, 34_432],
  xception: [22_910_480, 22_855_952, 54_528],
  efficientnet_b0: [5_330_571, 5_288_548, 42_023],
  nasnet_mobile: [5_326_716, 5_289_978, 36_738],
};

describe('Keras applications, pasted as to_json() writes them', () => {
  test.each(Object.keys(PUBLISHED).flatMap((model) => [`${model}.tfjs.json`, `${model}.keras3.json`]))(
    '%s counts exactly what Keras publishes, trainable and non-trainable',
    (file) => {
      const [total, trainable, nonTrainable] = PUBLISHED[file.split('.')[0] ?? ''] ?? [];
      const { report } = count(fixture('keras-applications', file));
      expect(report.totals).toMatchObject({ params: total, trainable, nonTrainable });
    },
  );

  test('ResNet50 keeps its 1×1 projection shortcuts and its additions, which learn nothing', () => {
    const { report } = count(fixture('keras-applications', 'resnet50.keras3.json'));
    const adds = report.layers.filter((l) => l.type === 'add');
    expect(adds).toHaveLength(16); // 3 + 4 + 6 + 3 bottleneck blocks
    expect(adds.every((l) => l.params === 0 && l.inputShapes?.length === 2)).toBe(true);
    // conv2_block1_0_conv: the projection shortcut, 64 inputs × (256 filters × 1×1) + 256 = 16,640.
    expect(report.layers.find((l) => l.name === 'conv2_block1_0_conv')?.params).toBe(16_640);
  });

  test("DenseNet121's concatenations add channels, so each dense layer's 1×1 convolution sees more inputs", () => {
    const { report } = count(fixture('keras-applications', 'densenet121.tfjs.json'));
    const concat = report.layers.find((l) => l.name === 'conv2_block2_concat');
    // 64 + 32 + 32 = 128 channels after the second growth step.
    expect(concat?.outputShape).toEqual([56, 56, 128]);
    // conv2_block3_1_conv reads those 128 channels: 128 × (128 × 1×1), no bias = 16,384.
    expect(report.layers.find((l) => l.name === 'conv2_block3_1_conv')?.params).toBe(16_384);
  });
});

// Models that define a layer of their own (ConvNeXt's LayerScale, InceptionResNetV2's CustomScaleLayer) or compute
// with numbers (MobileNetV3's hard sigmoid, x + 3 and x × 1/6, which Keras 3 records as operations), written by
// real Keras 3.15.1 itself: `keras.applications.ConvNeXtTiny(weights=None).to_json()` and the same for
// InceptionResNetV2 (tests/fixtures/keras3-applications). Totals: that model's count_params() and the sizes of its
// trainable_weights, which keras.io/api/applications rounds to 28.6M and 55.9M.
const KERAS3_BUILT: Record<string, [total: number, trainable: number, nonTrainable: number]> = {
  convnext_tiny: [28_589_128, 28_589_128, 0],
  inception_resnet_v2: [55_873_736, 55_813_192, 60_544],
  // Built with input_shape=(224, 224, 3): without it MobileNetV3 leaves height and width open. keras.io: 2.5M.
  mobilenet_v3_small: [2_554_968, 2_542_856, 12_112],
};

describe('Keras applications with layers of their own, as Keras 3 writes them', () => {
  test.each(Object.keys(KERAS3_BUILT))('%s counts exactly what Keras counts, trainable and non-trainable', (model) => {
    const [total, trainable, nonTrainable] = KERAS3_BUILT[model] ?? [];
    const { report } = count(fixture('keras3-applications', `${model}.keras3.json`));
    expect(report.totals).toMatchObject({ params: total, trainable, nonTrainable });
  });

  test('ConvNeXtTiny learns one scale per channel after each of its 18 blocks', () => {
    const { report } = count(fixture('keras3-applications', 'convnext_tiny.keras3.json'));
    const scales = report.layers.filter((l) => l.type === 'layerScale');
    // Stages of 3, 3, 9 and 3 blocks at 96, 192, 384 and 768 channels: 3·96 + 3·192 + 9·384 + 3·768 = 6,336.
    expect(scales.map((l) => l.params)).toEqual([96, 96, 96, 192, 192, 192, ...Array(9).fill(384), 768, 768, 768]);
    expect(scales.every((l) => l.outputShape.at(-1) === l.params)).toBe(true);
  });

  test("MobileNetV3Small's hard sigmoids are operations with numbers, read in their order, learning nothing", () => {
    const { report } = count(fixture('keras3-applications', 'mobilenet_v3_small.keras3.json'));
    const ops = report.layers.filter((l) => l.type === 'constantOp');
    // Nine hard sigmoids, ReLU6(x + 3) × 1/6: an add and a multiply each (the model's JSON has 9 of each, on a number).
    expect(ops).toHaveLength(18);
    expect(ops.every((l) => l.params === 0 && l.outputShape.join() === l.inputShape.join())).toBe(true);
    expect(ops.slice(0, 2).map((l) => l.explanation)).toEqual([
      'an operation with a number learns nothing (it computes x + 3 for every value, with a fixed number): 0',
      'an operation with a number learns nothing (it computes x × 0.16666666666666666 for every value, with a fixed number): 0',
    ]);
  });

  test('InceptionResNetV2 adds its scaled residuals in 40 blocks, learning nothing there', () => {
    const { report } = count(fixture('keras3-applications', 'inception_resnet_v2.keras3.json'));
    const scaled = report.layers.filter((l) => l.type === 'customScaleLayer');
    // 10 block35, 20 block17 and 10 block8 (the last with scale 1).
    expect(scaled).toHaveLength(40);
    expect(scaled.every((l) => l.params === 0 && l.inputShapes?.length === 2)).toBe(true);
  });
});

describe('the size of a model', () => {
  // A chain of Dense layers as Keras 3 writes a functional model: an InputLayer, then each layer taking the one before.
  const chain = (n: number) => ({
    class_name: 'Functional',
    config: {
      name: 'chain',
      layers: [
        { class_name: 'InputLayer', name: 'x', config: { name: 'x', batch_shape: [null, 4] }, inbound_nodes: [] },
        ...Array.from({ length: n }, (_, i) => ({
          class_name: 'Dense',
          name: `d${i}`,
          config: { name: `d${i}`, units: 4 },
          inbound_nodes: [
            {
              args: [
                { class_name: '__keras_tensor__', config: { keras_history: [i === 0 ? 'x' : `d${i - 1}`, 0, 0] } },
              ],
              kwargs: {},
            },
          ],
        })),
      ],
      input_layers: [['x', 0, 0]],
      output_layers: [[`d${n - 1}`, 0, 0]],
    },
  });

  test('counts a model of as many layers as NASNetLarge has (1,040, and up to 2,000)', () => {
    // 2,000 Dense layers of 4 × 4 + 4 = 20 parameters each.
    const { report } = count(JSON.stringify(chain(2000)));
    expect(report.totals.params).toBe(40_000);
  });

  test('refuses one of more than 2,000 layers, saying so', () => {
    const imported = importKerasModel(chain(2001));
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(imported.error[0]?.message).toBe('a network may have at most 2000 layers in all, nested models included');
  });
});

describe('functional graphs from Keras', () => {
  const EXPECTED: Record<string, [number, number, number]> = {
    // Counts by hand, in the fixtures' expected.json ("how"), and equal to tfjs's countParams.
    inception_module: [636, 636, 0],
    multi_input_output: [667, 651, 16],
    nested_model: [95, 95, 0],
    residual_block: [1232, 1200, 32],
    siamese: [153, 153, 0],
    transfer_mobilenet_v2: [2_270_794, 12_810, 2_257_984],
  };

  test.each(Object.keys(EXPECTED).flatMap((model) => [`${model}.tfjs.json`, `${model}.keras3.json`]))(
    '%s gives the hand-counted totals',
    (file) => {
      const [total, trainable, nonTrainable] = EXPECTED[file.split('.')[0] ?? ''] ?? [];
      expect(count(fixture('keras-graphs', file)).report.totals).toMatchObject({
        params: total,
        trainable,
        nonTrainable,
      });
    },
  );

  test.each(['siamese.tfjs.json', 'siamese.keras3.json'])(
    '%s: a layer with two inbound nodes counts once; its second call reuses the weights',
    (file) => {
      const { report } = count(fixture('keras-graphs', file));
      const shared = report.layers.filter((l) => l.name?.startsWith('shared_dense'));
      expect(shared.map((l) => [l.type, l.params])).toEqual([
        ['dense', 136], // 16 × 8 + 8
        ['reuse', 0],
      ]);
      expect(shared[1]?.sharedWith).toBe(shared[0]?.index);
      expect(shared[1]?.explanation).toContain('counted at layer');
    },
  );

  test.each(['transfer_mobilenet_v2.tfjs.json', 'transfer_mobilenet_v2.keras3.json'])(
    '%s: the frozen base is one nested model, all non-trainable, with its own layers',
    (file) => {
      const { report } = count(fixture('keras-graphs', file));
      const [base] = report.layers;
      expect(base?.type).toBe('model');
      expect(base?.trainable).toBe(0);
      expect(base?.nonTrainable).toBe(2_257_984);
      expect(base?.model?.layers.length).toBeGreaterThan(100);
      expect(base?.model?.layers.every((l) => l.trainable === 0)).toBe(true);
      expect(report.layers.at(-1)?.params).toBe(12_810); // 1280 × 10 + 10
    },
  );

  test('multiple inputs and outputs: the second input is an input layer that later layers take', () => {
    const { network, report } = count(fixture('keras-graphs', 'multi_input_output.keras3.json'));
    expect(network.layers.filter((l) => l.type === 'input')).toHaveLength(1);
    expect(network.outputs?.length).toBe(2);
    expect(report.layers.some((l) => l.type === 'concatenate')).toBe(true);
  });
});

describe('functional models that cannot be counted', () => {
  const model = (layers: unknown[], extra: Record<string, unknown> = {}) => ({
    class_name: 'Functional',
    config: { name: 'm', layers, input_layers: [['in', 0, 0]], output_layers: [['d', 0, 0]], ...extra },
  });
  const input = {
    class_name: 'InputLayer',
    name: 'in',
    config: { batch_input_shape: [null, 4], name: 'in' },
    inbound_nodes: [],
  };
  const dense = (name: string, from: string, node = 0) => ({
    class_name: 'Dense',
    name,
    config: { name, units: 2 },
    inbound_nodes: [[[from, node, 0, {}]]],
  });

  test('a layer taking a layer that does not exist is refused at that reference', () => {
    const result = importKerasModel(model([input, dense('d', 'nowhere')]));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error[0]).toEqual({
        path: ['config', 'layers', 1, 'inbound_nodes', 0, 0],
        message: 'no layer of this model is named "nowhere"',
      });
  });

  test('layers that take each other in a cycle are refused, naming them', () => {
    const result = importKerasModel(model([input, dense('d', 'e'), dense('e', 'd')]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error[0]?.message).toMatch(/in a cycle, so no order computes them: d, e/);
  });

  test('a node index the layer does not have is refused', () => {
    const result = importKerasModel(model([input, dense('c', 'in'), dense('d', 'c', 3)]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error[0]?.message).toBe('c is called 1 times here, so it has no node 3');
  });

  test('through the API, the problem points into the Keras JSON', () => {
    const result = evaluateRequest({
      kerasModel: model([input, dense('d', 'in'), { ...dense('x', 'd'), class_name: 'LSTM' }]),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error[0]?.path).toEqual(['kerasModel', 'config', 'layers', 2, 'class_name']);
      expect(result.error[0]?.message).toMatch(/is an LSTM, which Learnable does not count yet/);
    }
  });
});
