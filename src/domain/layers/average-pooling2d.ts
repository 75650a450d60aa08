import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { common, pick } from './internal/keras-config';
import { applyPool, describePool, kerasPool, poolShapeMistakes, torchPool } from './internal/pooling';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('averagePooling2d'),
    poolSize: k.window(2, LIMITS.maxWindow, 'poolSize').optional(),
    strides: k.window(2, LIMITS.maxWindow, 'strides').optional(),
    padding: k.padding.optional(),
    dataFormat: k.dataFormat.optional(),
  });

export type AveragePooling2dLayer = z.output<ReturnType<typeof schema>>;

/** Keeps the mean of each window; learns nothing. */
export const averagePooling2d = defineLayer<AveragePooling2dLayer>()({
  type: 'averagePooling2d',
  schema,
  label: 'average pooling',
  description: 'Keeps the mean of each window; learns nothing.',
  example: { input: [15, 15, 8], layer: { type: 'averagePooling2d', poolSize: 3, strides: 2 } },
  optionNotes: 'poolSize defaults to 2, strides to poolSize',
  keras: {
    classes: ['AveragePooling2D', 'AvgPool2D'],
    fromConfig: (config) => ({ ...pick(config, ['poolSize', 'strides', 'padding']), ...common(config, true) }),
    code: (layer) => kerasPool('AveragePooling2D', 2, layer),
  },
  pytorch: (layer, input) => torchPool(2, layer, input, 'AvgPool'),
  diagram: { name: 'AvgPool', kind: 'pool' },
  describe: (layer) => describePool(layer, 2),
  apply: (layer, input) => applyPool('average pooling', 2, layer, input),
  mistakes: () => [],
  shapeMistakes: (context) => poolShapeMistakes(context, 2),
});
