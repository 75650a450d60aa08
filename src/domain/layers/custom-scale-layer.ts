import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { common } from './internal/keras-config';
import { nothingLearned } from './internal/learns-nothing';
import { broadcast, mismatch } from './internal/merge';
import { kwargs } from './internal/python';
import { shapeText } from './internal/text';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('customScaleLayer'),
    scale: k.z.number({ error: 'scale must be a number, such as 0.17' }),
  });

export type CustomScaleLayerLayer = z.output<ReturnType<typeof schema>>;

/**
 * InceptionResNetV2's `CustomScaleLayer`: its first input plus its second times a fixed `scale`
 * (`x + r × 0.17`, a residual scaled down before it is added); learns nothing.
 */
export const customScaleLayer = defineLayer<CustomScaleLayerLayer>()({
  type: 'customScaleLayer',
  schema,
  label: 'scaled residual addition',
  description:
    "Adds its second input, times a fixed scale, to its first (InceptionResNetV2's residual connections: x + r × 0.17); learns nothing.",
  example: {
    input: [35, 35, 32],
    before: [{ type: 'conv2d', name: 'residual', filters: 32, kernelSize: 3, padding: 'same' }],
    layer: { type: 'customScaleLayer', scale: 0.17, inputs: ['input', 'residual'] },
  },
  optionNotes: 'scale (required, fixed); inputs names the two layers: the first is added as it is, the second scaled',
  arity: { min: 2, max: 2 },
  keras: {
    classes: ['CustomScaleLayer'],
    // Not in keras.layers: Keras keeps it with the model that uses it.
    module: 'keras.src.applications.inception_resnet_v2',
    fromConfig: (config) => ({
      ...(typeof config['scale'] === 'number' && { scale: config['scale'] }),
      ...common(config),
    }),
    code: (layer) => `CustomScaleLayer(${kwargs([['scale', String(layer.scale)]])})`,
  },
  pytorch: () => [],
  // No module in PyTorch: the residual (second input) scaled, added to the first.
  pytorchForward: (layer, [x, r]) => `${x} + ${r} * ${layer.scale}`,
  diagram: { name: 'ScaledAdd', kind: 'merge' },
  describe: (layer) => `adds the second input × ${layer.scale} to the first`,
  describeInputs: (layer, inputs) =>
    `adds ${inputs.each[1] ?? 'the second'} × ${layer.scale} to ${inputs.each[0] ?? 'the first'}`,
  apply: (layer, _input, _convention, { inputs }) => {
    const [x = [], r = []] = inputs;
    const shape = broadcast(x, r);
    if (!shape) return mismatch('scaled residual addition', inputs);
    return nothingLearned(
      'scaled residual addition',
      shape,
      `it computes x + r × ${layer.scale} value by value, with a fixed scale`,
      `value by value, the inputs' shapes ${shapeText(x)} and ${shapeText(r)} give ${shapeText(shape)}`,
    );
  },
  mistakes: () => [],
});
