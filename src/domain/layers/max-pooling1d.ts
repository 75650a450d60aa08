import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { common, pick } from './internal/keras-config';
import { applyPool, describePool, kerasPool, poolShapeMistakes, torchPool } from './internal/pooling';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('maxPooling1d'),
    poolSize: k.window(1, LIMITS.maxWindow, 'poolSize').optional(),
    strides: k.window(1, LIMITS.maxWindow, 'strides').optional(),
    padding: k.padding.optional(),
    dataFormat: k.dataFormat.optional(),
  });

export type MaxPooling1dLayer = z.output<ReturnType<typeof schema>>;

/** Keeps the largest value of each window of steps: [100, 16] with poolSize 2 → [50, 16]; learns nothing. */
export const maxPooling1d = defineLayer<MaxPooling1dLayer>()({
  type: 'maxPooling1d',
  schema,
  label: '1-D max pooling',
  description: 'Keeps the largest value of each window of steps, channel by channel; learns nothing.',
  example: { input: [100, 16], layer: { type: 'maxPooling1d', poolSize: 2 } },
  optionNotes: 'poolSize is n or [n] and defaults to 2, strides to poolSize; input [steps, channels]',
  keras: {
    classes: ['MaxPooling1D', 'MaxPool1D'],
    fromConfig: (config) => ({ ...pick(config, ['poolSize', 'strides', 'padding']), ...common(config, true) }),
    code: (layer) => kerasPool('MaxPooling1D', 1, layer),
  },
  pytorch: (layer, input) => torchPool(1, layer, input, 'MaxPool'),
  diagram: { name: 'MaxPool1D', kind: 'pool' },
  describe: (layer) => describePool(layer, 1),
  apply: (layer, input) => applyPool('1-D max pooling', 1, layer, input),
  mistakes: () => [],
  shapeMistakes: (context) => poolShapeMistakes(context, 1),
});
