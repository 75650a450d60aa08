import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { common, pick } from './internal/keras-config';
import { applyPool, describePool, kerasPool, poolShapeMistakes, torchPool } from './internal/pooling';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('averagePooling3d'),
    poolSize: k.window(3, LIMITS.maxWindow, 'poolSize').optional(),
    strides: k.window(3, LIMITS.maxWindow, 'strides').optional(),
    padding: k.padding.optional(),
    dataFormat: k.dataFormat.optional(),
  });

export type AveragePooling3dLayer = z.output<ReturnType<typeof schema>>;

/** Keeps the mean of each box-shaped window: [8, 32, 32, 16] with poolSize [1, 2, 2] → [8, 16, 16, 16]; learns nothing. */
export const averagePooling3d = defineLayer<AveragePooling3dLayer>()({
  type: 'averagePooling3d',
  schema,
  label: '3-D average pooling',
  description: 'Keeps the mean of each depth × height × width window, channel by channel; learns nothing.',
  example: { input: [8, 32, 32, 16], layer: { type: 'averagePooling3d', poolSize: [1, 2, 2] } },
  optionNotes: 'poolSize is n or [depth, height, width] and defaults to 2, strides to poolSize',
  keras: {
    classes: ['AveragePooling3D', 'AvgPool3D'],
    fromConfig: (config) => ({ ...pick(config, ['poolSize', 'strides', 'padding']), ...common(config, true) }),
    code: (layer) => kerasPool('AveragePooling3D', 3, layer),
  },
  pytorch: (layer, input) => torchPool(3, layer, input, 'AvgPool'),
  diagram: { name: 'AvgPool3D', kind: 'pool' },
  describe: (layer) => describePool(layer, 3),
  apply: (layer, input) => applyPool('3-D average pooling', 3, layer, input),
  mistakes: () => [],
  shapeMistakes: (context) => poolShapeMistakes(context, 3),
});
