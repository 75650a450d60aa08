import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { common } from './internal/keras-config';
import { applyGlobalPool, describeGlobalPool, kerasGlobalPool, torchGlobalPool } from './internal/pooling';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('globalMaxPooling1d'),
    keepdims: k.z.boolean({ error: 'keepdims must be true or false' }).optional(),
    dataFormat: k.dataFormat.optional(),
  });

export type GlobalMaxPooling1dLayer = z.output<ReturnType<typeof schema>>;

/** Keeps the largest value of each channel over all its steps: [50, 64] → [64]; learns nothing. */
export const globalMaxPooling1d = defineLayer<GlobalMaxPooling1dLayer>()({
  type: 'globalMaxPooling1d',
  schema,
  label: '1-D global max pooling',
  description: "Keeps each channel's largest value over all its steps; learns nothing.",
  example: { input: [50, 64], layer: { type: 'globalMaxPooling1d' } },
  optionNotes: 'keepdims true keeps the steps axis as size 1',
  keras: {
    classes: ['GlobalMaxPooling1D', 'GlobalMaxPool1D'],
    fromConfig: (config) => ({ ...(config['keepdims'] === true && { keepdims: true }), ...common(config, true) }),
    code: (layer) => kerasGlobalPool('GlobalMaxPooling1D', layer),
  },
  pytorch: (layer) => torchGlobalPool(1, layer, 'Max'),
  diagram: { name: 'GlobalMaxPool1D', kind: 'pool' },
  describe: describeGlobalPool,
  apply: (layer, input) => applyGlobalPool('1-D global max pooling', 1, layer, input),
  mistakes: () => [],
});
