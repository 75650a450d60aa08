import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { common, pick } from './internal/keras-config';
import { applyPool, describePool, kerasPool, poolShapeMistakes, torchPool } from './internal/pooling';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('maxPooling2d'),
    poolSize: k.window(2, LIMITS.maxWindow, 'poolSize').optional(),
    strides: k.window(2, LIMITS.maxWindow, 'strides').optional(),
    padding: k.padding.optional(),
    dataFormat: k.dataFormat.optional(),
  });

export type MaxPooling2dLayer = z.output<ReturnType<typeof schema>>;

/** Keeps the largest value of each window; learns nothing. */
export const maxPooling2d = defineLayer<MaxPooling2dLayer>()({
  type: 'maxPooling2d',
  schema,
  label: 'max pooling',
  description: 'Keeps the largest value of each window; learns nothing.',
  example: { input: [16, 16, 8], layer: { type: 'maxPooling2d', poolSize: 2 } },
  optionNotes: 'poolSize defaults to 2, strides to poolSize',
  keras: {
    classes: ['MaxPooling2D', 'MaxPool2D'],
    fromConfig: (config) => ({ ...pick(config, ['poolSize', 'strides', 'padding']), ...common(config, true) }),
    code: (layer) => kerasPool('MaxPooling2D', 2, layer),
  },
  pytorch: (layer, input) => torchPool(2, layer, input, 'MaxPool'),
  diagram: { name: 'MaxPool', kind: 'pool' },
  describe: (layer) => describePool(layer, 2),
  apply: (layer, input) => applyPool('max pooling', 2, layer, input),
  mistakes: () => [],
  shapeMistakes: (context) => poolShapeMistakes(context, 2),
});
