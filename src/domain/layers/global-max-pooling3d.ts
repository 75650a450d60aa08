import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { common } from './internal/keras-config';
import { applyGlobalPool, describeGlobalPool, kerasGlobalPool, torchGlobalPool } from './internal/pooling';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('globalMaxPooling3d'),
    keepdims: k.z.boolean({ error: 'keepdims must be true or false' }).optional(),
    dataFormat: k.dataFormat.optional(),
  });

export type GlobalMaxPooling3dLayer = z.output<ReturnType<typeof schema>>;

/** Keeps the largest value of each channel's whole volume: [4, 7, 7, 64] → [64]; learns nothing. */
export const globalMaxPooling3d = defineLayer<GlobalMaxPooling3dLayer>()({
  type: 'globalMaxPooling3d',
  schema,
  label: '3-D global max pooling',
  description: "Keeps each channel's largest value over its whole depth × height × width volume; learns nothing.",
  example: { input: [4, 7, 7, 64], layer: { type: 'globalMaxPooling3d' } },
  optionNotes: 'keepdims true keeps depth, height and width as size 1',
  keras: {
    classes: ['GlobalMaxPooling3D', 'GlobalMaxPool3D'],
    fromConfig: (config) => ({ ...(config['keepdims'] === true && { keepdims: true }), ...common(config, true) }),
    code: (layer) => kerasGlobalPool('GlobalMaxPooling3D', layer),
  },
  pytorch: (layer) => torchGlobalPool(3, layer, 'Max'),
  diagram: { name: 'GlobalMaxPool3D', kind: 'pool' },
  describe: describeGlobalPool,
  apply: (layer, input) => applyGlobalPool('3-D global max pooling', 3, layer, input),
  mistakes: () => [],
});
