import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import type { Layer } from './index';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('model'),
    layers: k.nestedLayers,
    inputName: k.name('inputName').optional(),
    outputs: k.z
      .array(k.name('an output name'), { error: 'outputs must be a list of layer names' })
      .length(1, {
        error: 'a nested model gives one output to the layers after it',
      })
      .optional(),
  }) as unknown as z.ZodType<ModelLayer, unknown>;

/** A model used as a layer: `{type: 'model', name: 'base', trainable: false, layers: [...]}`. */
export interface ModelLayer {
  type: 'model';
  name?: string | undefined;
  trainable?: boolean | undefined;
  inputs?: string[] | undefined;
  /** The name its own layers use for its input (default `"input"`). */
  inputName?: string | undefined;
  layers: Layer[];
  /** The one layer whose output is the model's (default: its last layer). */
  outputs?: string[] | undefined;
}

/**
 * Model: a network used as one layer, as in transfer learning (`Sequential([base_model,
 * GlobalAveragePooling2D(), Dense(10)])`). It learns what its layers learn;
 * `trainable: false` freezes it whole, so all of it is non-trainable.
 */
export const model = defineLayer<ModelLayer>()({
  type: 'model',
  schema,
  label: 'nested model',
  description:
    'A whole network used as one layer (a pretrained base in transfer learning); it learns what its own layers learn, and trainable: false freezes all of it.',
  example: {
    input: [32, 32, 3],
    layer: {
      type: 'model',
      name: 'base',
      trainable: false,
      layers: [{ type: 'conv2d', filters: 8, kernelSize: 3 }, { type: 'batchNormalization' }],
    },
  },
  optionNotes:
    'layers is its own layer list (layers there may name their inputs, its input is "input" or inputName); trainable: false freezes it whole',
  keras: {
    // The importer reads a nested Functional or Sequential itself, layer by layer.
    classes: ['Functional', 'Sequential', 'Model'],
    fromConfig: () => ({}),
    code: (layer) => layer.name ?? 'base_model',
  },
  pytorch: () => [],
  diagram: { name: 'Model', kind: 'model' },
  describe: (layer) => `${layer.layers.length} layers${layer.trainable === false ? ', frozen' : ''}`,
  apply: (layer, _input, _convention, context) => {
    const analyzed = context.analyze(layer, layer.trainable === false);
    return Array.isArray(analyzed) ? analyzed : analyzed.outcome;
  },
  mistakes: () => [],
});
