import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { listText } from './internal/list-text';
import { common } from './internal/keras-config';
import { applyCropping, kerasMargins, torchCropping } from './internal/margins';
import { sides, sidesOption } from './internal/sides';
import { defineLayer } from './spec';

/** Keras's default: one off every side. */
const DEFAULT = 1;

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('cropping3d'),
    cropping: sidesOption(k, 3, 'cropping', LIMITS.maxInputSize).optional(),
    dataFormat: k.dataFormat.optional(),
  });

export type Cropping3dLayer = z.output<ReturnType<typeof schema>>;

/** 3-D cropping: cuts each channel's volume at its edges (default 1 on every side); learns nothing: 8×8×8×2 → 6×6×6×2. */
export const cropping3d = defineLayer<Cropping3dLayer>()({
  type: 'cropping3d',
  schema,
  label: '3-D cropping',
  description: "Cuts the edges off each channel's volume (depth, height and width); learns nothing.",
  example: {
    input: [8, 8, 8, 2],
    layer: {
      type: 'cropping3d',
      cropping: [
        [1, 1],
        [2, 0],
        [0, 2],
      ],
    },
  },
  optionNotes:
    'cropping: n, [depth, height, width] or [[front, back], [top, bottom], [left, right]] (default 1); at least one must remain on every axis',
  keras: {
    classes: ['Cropping3D'],
    fromConfig: (config) => ({
      ...(config['cropping'] !== undefined && config['cropping'] !== null && { cropping: config['cropping'] }),
      ...common(config, true),
    }),
    code: (layer) => kerasMargins('Cropping3D', 'cropping', sides(layer.cropping, 3, DEFAULT), layer.dataFormat),
  },
  pytorch: (layer) => torchCropping(3, sides(layer.cropping, 3, DEFAULT)),
  diagram: { name: 'Cropping3D', kind: 'reshape' },
  describe: (layer) => `cropping ${listText(layer.cropping ?? DEFAULT)}`,
  apply: (layer, input) => applyCropping('3-D cropping', 3, layer, input, DEFAULT),
  mistakes: () => [],
});
