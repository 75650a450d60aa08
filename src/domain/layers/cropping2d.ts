import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { listText } from './internal/list-text';
import { common } from './internal/keras-config';
import { applyCropping, kerasMargins, torchCropping } from './internal/margins';
import { sides, sidesOption } from './internal/sides';
import { defineLayer } from './spec';

/** Keras 3's default: nothing cropped. */
const DEFAULT = 0;

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('cropping2d'),
    cropping: sidesOption(k, 2, 'cropping', LIMITS.maxInputSize).optional(),
    dataFormat: k.dataFormat.optional(),
  });

export type Cropping2dLayer = z.output<ReturnType<typeof schema>>;

/** Cropping: cuts rows and columns off each channel's edges (default 0); learns nothing: 28×28×3 with [[0, 1], [1, 0]] → 27×27×3. */
export const cropping2d = defineLayer<Cropping2dLayer>()({
  type: 'cropping2d',
  schema,
  label: 'cropping',
  description: 'Cuts rows and columns off the edges of each channel; learns nothing.',
  example: {
    input: [28, 28, 3],
    layer: {
      type: 'cropping2d',
      cropping: [
        [0, 1],
        [1, 0],
      ],
    },
  },
  optionNotes:
    'cropping: n, [rows, columns] or [[top, bottom], [left, right]] (default 0); at least one row and column must remain',
  keras: {
    classes: ['Cropping2D'],
    fromConfig: (config) => ({
      ...(config['cropping'] !== undefined && config['cropping'] !== null && { cropping: config['cropping'] }),
      ...common(config, true),
    }),
    code: (layer) => kerasMargins('Cropping2D', 'cropping', sides(layer.cropping, 2, DEFAULT), layer.dataFormat),
  },
  pytorch: (layer) => torchCropping(2, sides(layer.cropping, 2, DEFAULT)),
  diagram: { name: 'Cropping2D', kind: 'reshape' },
  describe: (layer) => `cropping ${listText(layer.cropping ?? DEFAULT)}`,
  apply: (layer, input) => applyCropping('cropping', 2, layer, input, DEFAULT),
  mistakes: () => [],
});
