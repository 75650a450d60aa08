import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { common } from './internal/keras-config';
import { applyGlobalPool, describeGlobalPool, kerasGlobalPool, torchGlobalPool } from './internal/pooling';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('globalAveragePooling3d'),
    keepdims: k.z.boolean({ error: 'keepdims must be true or false' }).optional(),
    dataFormat: k.dataFormat.optional(),
  });

export type GlobalAveragePooling3dLayer = z.output<ReturnType<typeof schema>>;

/** Averages each channel's whole volume to one value: [4, 7, 7, 256] → [256] ([1, 1, 1, 256] with keepdims); learns nothing. */
export const globalAveragePooling3d = defineLayer<GlobalAveragePooling3dLayer>()({
  type: 'globalAveragePooling3d',
  schema,
  label: '3-D global average pooling',
  description: "Averages each channel's whole depth × height × width volume to one value; learns nothing.",
  example: { input: [4, 7, 7, 256], layer: { type: 'globalAveragePooling3d' } },
  optionNotes: 'keepdims true keeps depth, height and width as size 1',
  keras: {
    classes: ['GlobalAveragePooling3D', 'GlobalAvgPool3D'],
    fromConfig: (config) => ({ ...(config['keepdims'] === true && { keepdims: true }), ...common(config, true) }),
    code: (layer) => kerasGlobalPool('GlobalAveragePooling3D', layer),
  },
  pytorch: (layer) => torchGlobalPool(3, layer, 'Avg'),
  diagram: { name: 'GlobalAvgPool3D', kind: 'pool' },
  describe: describeGlobalPool,
  apply: (layer, input) => applyGlobalPool('3-D global average pooling', 3, layer, input),
  mistakes: () => [],
});
