import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { common } from './internal/keras-config';
import { applyGlobalPool, describeGlobalPool, kerasGlobalPool, torchGlobalPool } from './internal/pooling';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('globalAveragePooling2d'),
    keepdims: k.z.boolean({ error: 'keepdims must be true or false' }).optional(),
    dataFormat: k.dataFormat.optional(),
  });

export type GlobalAveragePooling2dLayer = z.output<ReturnType<typeof schema>>;

/** Averages each channel's whole map to one value; learns nothing. */
export const globalAveragePooling2d = defineLayer<GlobalAveragePooling2dLayer>()({
  type: 'globalAveragePooling2d',
  schema,
  label: 'global average pooling',
  description: "Averages each channel's whole map to one value; learns nothing.",
  example: { input: [7, 7, 64], layer: { type: 'globalAveragePooling2d' } },
  keras: {
    classes: ['GlobalAveragePooling2D', 'GlobalAvgPool2D'],
    fromConfig: (config) => ({ ...(config['keepdims'] === true && { keepdims: true }), ...common(config, true) }),
    code: (layer) => kerasGlobalPool('GlobalAveragePooling2D', layer),
  },
  pytorch: (layer) => torchGlobalPool(2, layer, 'Avg'),
  diagram: { name: 'GlobalAvgPool', kind: 'pool' },
  describe: describeGlobalPool,
  apply: (layer, input) => applyGlobalPool('global average pooling', 2, layer, input),
  mistakes: () => [],
});
