import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { common } from './internal/keras-config';
import { applyGlobalPool, describeGlobalPool, kerasGlobalPool, torchGlobalPool } from './internal/pooling';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('globalMaxPooling2d'),
    keepdims: k.z.boolean({ error: 'keepdims must be true or false' }).optional(),
    dataFormat: k.dataFormat.optional(),
  });

export type GlobalMaxPooling2dLayer = z.output<ReturnType<typeof schema>>;

/** Keeps each channel's largest value; learns nothing. */
export const globalMaxPooling2d = defineLayer<GlobalMaxPooling2dLayer>()({
  type: 'globalMaxPooling2d',
  schema,
  label: 'global max pooling',
  description: "Keeps each channel's largest value; learns nothing.",
  example: { input: [7, 7, 64], layer: { type: 'globalMaxPooling2d' } },
  keras: {
    classes: ['GlobalMaxPooling2D', 'GlobalMaxPool2D'],
    fromConfig: (config) => ({ ...(config['keepdims'] === true && { keepdims: true }), ...common(config, true) }),
    code: (layer) => kerasGlobalPool('GlobalMaxPooling2D', layer),
  },
  pytorch: (layer) => torchGlobalPool(2, layer, 'Max'),
  diagram: { name: 'GlobalMaxPool', kind: 'pool' },
  describe: describeGlobalPool,
  apply: (layer, input) => applyGlobalPool('global max pooling', 2, layer, input),
  mistakes: () => [],
});
