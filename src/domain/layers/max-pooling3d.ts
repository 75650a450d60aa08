import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { common, pick } from './internal/keras-config';
import { applyPool, describePool, kerasPool, poolShapeMistakes, torchPool } from './internal/pooling';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('maxPooling3d'),
    poolSize: k.window(3, LIMITS.maxWindow, 'poolSize').optional(),
    strides: k.window(3, LIMITS.maxWindow, 'strides').optional(),
    padding: k.padding.optional(),
    dataFormat: k.dataFormat.optional(),
  });

export type MaxPooling3dLayer = z.output<ReturnType<typeof schema>>;

/** Keeps the largest value of each box-shaped window: [16, 16, 16, 8] with poolSize 2 → [8, 8, 8, 8]; learns nothing. */
export const maxPooling3d = defineLayer<MaxPooling3dLayer>()({
  type: 'maxPooling3d',
  schema,
  label: '3-D max pooling',
  description: 'Keeps the largest value of each depth × height × width window, channel by channel; learns nothing.',
  example: { input: [16, 16, 16, 8], layer: { type: 'maxPooling3d', poolSize: 2 } },
  optionNotes: 'poolSize is n or [depth, height, width] and defaults to 2, strides to poolSize',
  keras: {
    classes: ['MaxPooling3D', 'MaxPool3D'],
    fromConfig: (config) => ({ ...pick(config, ['poolSize', 'strides', 'padding']), ...common(config, true) }),
    code: (layer) => kerasPool('MaxPooling3D', 3, layer),
  },
  pytorch: (layer, input) => torchPool(3, layer, input, 'MaxPool'),
  diagram: { name: 'MaxPool3D', kind: 'pool' },
  describe: (layer) => describePool(layer, 3),
  apply: (layer, input) => applyPool('3-D max pooling', 3, layer, input),
  mistakes: () => [],
  shapeMistakes: (context) => poolShapeMistakes(context, 3),
});
