import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { common } from './internal/keras-config';
import { applyGlobalPool, describeGlobalPool, kerasGlobalPool, torchGlobalPool } from './internal/pooling';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('globalAveragePooling1d'),
    keepdims: k.z.boolean({ error: 'keepdims must be true or false' }).optional(),
    dataFormat: k.dataFormat.optional(),
  });

export type GlobalAveragePooling1dLayer = z.output<ReturnType<typeof schema>>;

/** Averages each channel over all its steps: [50, 64] → [64] ([1, 64] with keepdims); learns nothing. */
export const globalAveragePooling1d = defineLayer<GlobalAveragePooling1dLayer>()({
  type: 'globalAveragePooling1d',
  schema,
  label: '1-D global average pooling',
  description: 'Averages each channel over all its steps to one value; learns nothing.',
  example: { input: [50, 64], layer: { type: 'globalAveragePooling1d' } },
  optionNotes: 'keepdims true keeps the steps axis as size 1',
  keras: {
    classes: ['GlobalAveragePooling1D', 'GlobalAvgPool1D'],
    fromConfig: (config) => ({ ...(config['keepdims'] === true && { keepdims: true }), ...common(config, true) }),
    code: (layer) => kerasGlobalPool('GlobalAveragePooling1D', layer),
  },
  pytorch: (layer) => torchGlobalPool(1, layer, 'Avg'),
  diagram: { name: 'GlobalAvgPool1D', kind: 'pool' },
  describe: describeGlobalPool,
  apply: (layer, input) => applyGlobalPool('1-D global average pooling', 1, layer, input),
  mistakes: () => [],
});
