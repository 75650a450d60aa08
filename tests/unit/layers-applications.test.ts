import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import { kerasSnippet, pytorchSnippet } from '../../src/domain/code-export';
import { importKerasModel } from '../../src/domain/keras-import';
import { Network } from '../../src/domain/schema/network';

// The two layers keras.applications models define for themselves rather than take from keras.layers:
// ConvNeXt's LayerScale (keras/src/applications/convnext.py: `self.gamma = self.add_weight(shape=
// (self.projection_dim,))`, `call: x * self.gamma`) and InceptionResNetV2's CustomScaleLayer
// (keras/src/applications/inception_resnet_v2.py: `call: inputs[0] + inputs[1] * self.scale`, no weights).
// Every count below is worked out by hand from those lines; real Keras 3 checks the same layers in
// tests/differential/keras-real-*.test.ts (each type's example, and the whole ConvNeXtTiny and InceptionResNetV2).

function report(network: unknown, convention: 'keras' | 'pytorch' = 'keras'): NetworkReport {
  const result = analyzeNetwork(Network.parse(network), convention);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

function refusal(network: unknown) {
  const result = analyzeNetwork(Network.parse(network));
  if (result.ok) throw new Error(`expected ${JSON.stringify(network)} to be refused`);
  return result.error[0];
}

describe('layer scale (ConvNeXt)', () => {
  test.each([
    // One γ per channel: projection_dim = 96 = the channels.
    { input: [56, 56, 96], projectionDim: 96, params: 96, shape: [56, 56, 96] },
    // On a vector: its 768 values are the channels.
    { input: [768], projectionDim: 768, params: 768, shape: [768] },
    // One γ for every channel: shape (1,) broadcasts against the 16 channels.
    { input: [7, 7, 16], projectionDim: 1, params: 1, shape: [7, 7, 16] },
    // One channel stretched by 8 scales: (…, 1) × (8,) broadcasts to (…, 8), as Keras computes it.
    { input: [7, 7, 1], projectionDim: 8, params: 8, shape: [7, 7, 8] },
  ])('$input with projectionDim $projectionDim learns $params', ({ input, projectionDim, params, shape }) => {
    const [layer] = report({ input, layers: [{ type: 'layerScale', projectionDim }] }).layers;
    expect(layer).toMatchObject({ params, trainable: params, nonTrainable: 0, weights: params, biases: 0 });
    expect(layer?.outputShape).toEqual(shape);
  });

  test('says what it learns, per channel, and that the shape is kept', () => {
    const [layer] = report({ input: [56, 56, 96], layers: [{ type: 'layerScale', projectionDim: 96 }] }).layers;
    expect(layer?.explanation).toBe('layer scale learns 96 scales γ, one for each of the 96 channels: 96');
    expect(layer?.shapeExplanation).toBe('the shape is unchanged: 56×56×96');
  });

  test('is frozen with trainable: false, its scales counted as non-trainable', () => {
    const [layer] = report({
      input: [14, 14, 384],
      layers: [{ type: 'layerScale', projectionDim: 384, trainable: false }],
    }).layers;
    expect(layer).toMatchObject({ params: 384, trainable: 0, nonTrainable: 384 });
  });

  test('refuses a projectionDim that is neither the channels nor 1, naming the channels', () => {
    const problem = refusal({ input: [7, 7, 16], layers: [{ type: 'layerScale', projectionDim: 8 }] });
    expect(problem?.path).toEqual(['layers', 0, 'projectionDim']);
    expect(problem?.message).toBe(
      'projectionDim (8) must be the number of channels, the last axis of the 7×7×16 input (16): each channel is multiplied by a scale of its own',
    );
  });

  test('requires projectionDim, a whole number', () => {
    for (const layer of [{ type: 'layerScale' }, { type: 'layerScale', projectionDim: 1.5 }]) {
      const parsed = Network.safeParse({ input: [4, 4, 8], layers: [layer] });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(['layers', 0, 'projectionDim']);
    }
  });
});

describe('scaled residual addition (InceptionResNetV2)', () => {
  const graph = (second: number[], extra: Record<string, unknown> = {}) => ({
    input: [35, 35, 320],
    layers: [
      { type: 'conv2d', name: 'up', filters: second[2] ?? 320, kernelSize: 1 },
      { type: 'customScaleLayer', scale: 0.17, inputs: ['input', 'up'], ...extra },
    ],
  });

  test('learns nothing and keeps the shape of its two inputs', () => {
    const layers = report(graph([35, 35, 320])).layers;
    expect(layers[1]).toMatchObject({ params: 0, outputShape: [35, 35, 320] });
    expect(layers[1]?.explanation).toBe(
      'scaled residual addition learns nothing (it computes x + r × 0.17 value by value, with a fixed scale): 0',
    );
  });

  test('refuses inputs whose shapes do not match, and more than two inputs', () => {
    expect(refusal(graph([35, 35, 64]))?.message).toBe(
      'scaled residual addition combines its inputs value by value, so their shapes must be equal (a size of 1 stretches, as in Keras), but it got 35×35×320 and 35×35×64',
    );
    const three = refusal({
      input: [8, 8, 4],
      layers: [
        { type: 'conv2d', name: 'a', filters: 4, kernelSize: 1 },
        { type: 'customScaleLayer', scale: 0.1, inputs: ['input', 'a', 'a'] },
      ],
    });
    expect(three?.path).toEqual(['layers', 1, 'inputs']);
  });
});

describe('importing them from Keras 3, and the code that rebuilds them', () => {
  // Two layers as ConvNeXtTiny's and InceptionResNetV2's model.to_json() write them (Keras 3.15.1), trimmed.
  const tensor = (layer: string, shape: number[]) => ({
    class_name: '__keras_tensor__',
    config: { shape: [null, ...shape], dtype: 'float32', keras_history: [layer, 0, 0] },
  });
  const model = {
    class_name: 'Functional',
    config: {
      name: 'blocks',
      layers: [
        {
          class_name: 'InputLayer',
          name: 'input_layer',
          config: { name: 'input_layer', batch_shape: [null, 35, 35, 96] },
          inbound_nodes: [],
        },
        {
          module: 'keras.src.applications.convnext',
          class_name: 'LayerScale',
          name: 'stage_0_block_0_layer_scale',
          config: { name: 'stage_0_block_0_layer_scale', trainable: true, init_values: 1e-6, projection_dim: 96 },
          registered_name: 'LayerScale',
          inbound_nodes: [{ args: [tensor('input_layer', [35, 35, 96])], kwargs: {} }],
        },
        {
          module: 'keras.src.applications.inception_resnet_v2',
          class_name: 'CustomScaleLayer',
          name: 'custom_scale_layer',
          config: { name: 'custom_scale_layer', trainable: true, scale: 0.17 },
          registered_name: 'CustomScaleLayer',
          inbound_nodes: [
            {
              args: [[tensor('input_layer', [35, 35, 96]), tensor('stage_0_block_0_layer_scale', [35, 35, 96])]],
              kwargs: {},
            },
          ],
        },
      ],
      input_layers: [['input_layer', 0, 0]],
      output_layers: [['custom_scale_layer', 0, 0]],
    },
  };

  test('reads LayerScale and CustomScaleLayer with their options', () => {
    const imported = importKerasModel(model);
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    expect(imported.value.network.layers).toEqual([
      {
        type: 'layerScale',
        projectionDim: 96,
        initValues: 1e-6,
        name: 'stage_0_block_0_layer_scale',
        inputs: ['input_layer'],
      },
      {
        type: 'customScaleLayer',
        scale: 0.17,
        name: 'custom_scale_layer',
        inputs: ['input_layer', 'stage_0_block_0_layer_scale'],
      },
    ]);
  });

  test('Keras code imports each class from its model’s module and calls it bare', () => {
    const imported = importKerasModel(model);
    if (!imported.ok) throw new Error('not imported');
    const code = kerasSnippet(imported.value.network, report(imported.value.network));
    expect(code).toContain('from keras.src.applications.convnext import LayerScale\n');
    expect(code).toContain('from keras.src.applications.inception_resnet_v2 import CustomScaleLayer\n');
    expect(code).toContain(
      't0 = LayerScale(init_values=0.000001, projection_dim=96, name="stage_0_block_0_layer_scale")(inputs)',
    );
    expect(code).toContain('t1 = CustomScaleLayer(scale=0.17, name="custom_scale_layer")([inputs, t0])');
    expect(code).not.toContain('layers.LayerScale');
  });

  const torchMissing = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { encoding: 'utf8' }).status !== 0;
  test.skipIf(torchMissing)('PyTorch code runs in PyTorch with the same count and output shape', () => {
    for (const network of [
      {
        input: [14, 14, 48],
        layers: [
          { type: 'conv2d', filters: 96, kernelSize: 3 },
          { type: 'layerScale', projectionDim: 96 },
        ],
      },
      {
        input: [9, 9, 12],
        layers: [
          { type: 'conv2d', name: 'r', filters: 12, kernelSize: 3, padding: 'same' },
          { type: 'layerScale', name: 's', projectionDim: 12, inputs: ['r'] },
          { type: 'customScaleLayer', scale: 0.2, inputs: ['input', 's'] },
        ],
      },
    ]) {
      const parsed = Network.parse(network);
      const keras = report(network);
      const code = pytorchSnippet(parsed, keras, report(network, 'pytorch'));
      const run = spawnSync('/usr/bin/python3', ['-c', code], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const [shape, count] = run.stdout.trim().split('\n');
      const out = keras.layers.at(-1)?.outputShape ?? [];
      // PyTorch prints channels first: 12×12×96 is [1, 96, 12, 12].
      expect(shape?.replace(/[^\d,]/g, '')).toContain([out.at(-1), ...out.slice(0, -1)].join(','));
      expect(Number(count)).toBe(keras.totals.params);
    }
  });
});

describe('an operation with a number (Keras 3 ops)', () => {
  // `x + 3.0` on a Keras tensor, as Keras 3.15.1's model.to_json() writes it.
  const opEntry = (className: string, args: unknown[], name: string) => ({
    module: 'keras.src.ops.numpy',
    class_name: className,
    config: { name },
    registered_name: className,
    name,
    inbound_nodes: [{ args, kwargs: {} }],
  });
  const tensor = (layer: string) => ({
    class_name: '__keras_tensor__',
    config: { shape: [null, 4, 4, 8], dtype: 'float32', keras_history: [layer, 0, 0] },
  });
  const model = (...entries: unknown[]) => ({
    class_name: 'Functional',
    config: {
      name: 'ops',
      layers: [
        { class_name: 'InputLayer', name: 'x', config: { name: 'x', batch_shape: [null, 4, 4, 8] }, inbound_nodes: [] },
        ...entries,
      ],
      input_layers: [['x', 0, 0]],
      output_layers: [[(entries.at(-1) as { name: string }).name, 0, 0]],
    },
  });

  test('reads a tensor and a number in either order, and two tensors as the merge of the same name', () => {
    const imported = importKerasModel(
      model(
        opEntry('Add', [tensor('x'), 3.0], 'add'),
        opEntry('Subtract', [1.0, tensor('add')], 'subtract'),
        opEntry('TrueDivide', [tensor('subtract'), 6], 'true_divide'),
        opEntry('Add', [tensor('true_divide'), tensor('x')], 'add_1'),
      ),
    );
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    expect(imported.value.network.layers.map((layer) => ({ ...layer, inputs: undefined }))).toEqual([
      { type: 'constantOp', op: 'add', value: 3, name: 'add', inputs: undefined },
      { type: 'constantOp', op: 'subtract', value: 1, constantFirst: true, name: 'subtract', inputs: undefined },
      { type: 'constantOp', op: 'divide', value: 6, name: 'true_divide', inputs: undefined },
      { type: 'add', name: 'add_1', inputs: undefined },
    ]);
    const counted = report(imported.value.network);
    expect(counted.totals.params).toBe(0);
    expect(counted.layers.map((l) => l.outputShape)).toEqual(Array(4).fill([4, 4, 8]));
    expect(counted.layers[1]?.explanation).toBe(
      'an operation with a number learns nothing (it computes 1 − x for every value, with a fixed number): 0',
    );
  });

  test('refuses an operation it does not know, by its class, where Keras wrote it', () => {
    const imported = importKerasModel(model(opEntry('Mean', [tensor('x')], 'mean')));
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(imported.error[0]?.path).toEqual(['config', 'layers', 1, 'class_name']);
    expect(imported.error[0]?.message).toMatch(
      /^layer 1 \(numbered from 0 as in config\.layers\) is a Mean, which Learnable does not count yet/,
    );
  });

  test('Keras code calls the operation on the tensor and the number; the network is written as a functional model', () => {
    const network = Network.parse({
      input: [4, 4, 8],
      layers: [
        { type: 'conv2d', filters: 8, kernelSize: 1 },
        { type: 'constantOp', op: 'multiply', value: 0.5 },
        { type: 'constantOp', op: 'subtract', value: 1, constantFirst: true },
      ],
    });
    const code = kerasSnippet(network, report(network));
    expect(code).toContain('from keras.src.ops.numpy import Multiply\nfrom keras.src.ops.numpy import Subtract\n');
    expect(code).toContain('t1 = Multiply()(t0, 0.5)\nt2 = Subtract()(1.0, t1)\n');
    expect(code).toContain('model = keras.Model(inputs=inputs, outputs=t2)');
    const torch = pytorchSnippet(network, report(network), report(network, 'pytorch'));
    expect(torch).toContain('t1 = t0 * 0.5  # layer 2: constantOp');
    expect(torch).toContain('t2 = 1.0 - t1  # layer 3: constantOp');
  });
});

describe('a model whose input sizes Keras left open', () => {
  test('says which sizes are unknown and how to export it with them', () => {
    const imported = importKerasModel({
      class_name: 'Functional',
      config: {
        name: 'open',
        layers: [
          {
            class_name: 'InputLayer',
            name: 'x',
            config: { name: 'x', batch_shape: [null, null, null, 3] },
            inbound_nodes: [],
          },
        ],
        input_layers: [['x', 0, 0]],
        output_layers: [['x', 0, 0]],
      },
    });
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(imported.error[0]?.message).toBe(
      "the input shape [null,null,null,3] leaves sizes unknown (null), and Learnable works out every layer's shape from the input's: build the model with its sizes, such as input_shape=(224, 224, 3), and export it again",
    );
  });
});
