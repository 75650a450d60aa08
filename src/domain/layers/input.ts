import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { nothingLearned } from './internal/learns-nothing';
import { shapeText } from './internal/text';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({ type: k.z.literal('input'), name: k.name('an input layer needs a "name"; name'), shape: k.shape });

export type InputLayer = z.output<ReturnType<typeof schema>>;

/**
 * Input: a further model input (the network's `input` is the first), for models that take
 * several, such as an image and a vector of measurements. Learns nothing; takes no inputs.
 */
export const input = defineLayer<InputLayer>()({
  type: 'input',
  schema,
  label: 'input',
  description:
    "A further input of the model, with its own shape (the network's input is the first); later layers name it in their inputs. Learns nothing.",
  example: { input: [28, 28, 1], layer: { type: 'input', name: 'measurements', shape: [12] } },
  optionNotes: 'name and shape are required; later layers take it by naming it in inputs',
  arity: { min: 0, max: 0 },
  keras: {
    // The importer reads InputLayer entries itself (the first is the network's input).
    classes: ['InputLayer'],
    fromConfig: (config) => ({ name: config['name'] }),
    code: (layer) =>
      `Input(shape=(${layer.shape.join(', ')}${layer.shape.length === 1 ? ',' : ''}), name="${layer.name}")`,
  },
  pytorch: () => [],
  diagram: { name: 'Input', kind: 'input' },
  describe: (layer) => `${layer.name}, ${shapeText(layer.shape)}`,
  apply: (layer) =>
    nothingLearned(
      layer.type,
      layer.shape,
      `it only brings ${shapeText(layer.shape)} values into the model`,
      `the shape it is given: ${shapeText(layer.shape)}`,
    ),
  mistakes: () => [],
});
