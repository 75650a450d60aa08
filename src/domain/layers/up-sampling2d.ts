import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { common, pick } from './internal/keras-config';
import {
  applyUpSampling,
  describeUpSampling,
  INTERPOLATIONS,
  kerasUpSampling,
  torchUpSampling,
} from './internal/up-sampling';
import { defineLayer } from './spec';

/** Keras 2 resized with tf.image, which had these methods too; Keras 3 refuses them. */
const KERAS2_ONLY = ['area', 'gaussian', 'mitchellcubic'];

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('upSampling2d'),
    size: k.window(2, LIMITS.maxWindow, 'size').optional(),
    interpolation: k.z
      .enum(INTERPOLATIONS, {
        error: `interpolation must be one of Keras 3's ${INTERPOLATIONS.map((i) => `"${i}"`).join(', ')} (default "nearest")`,
      })
      .optional(),
    dataFormat: k.dataFormat.optional(),
  });

export type UpSampling2dLayer = z.output<ReturnType<typeof schema>>;

/** 2-D up-sampling: multiplies height and width by `size` (default 2×2); learns nothing: 14×14×8 → 28×28×8. */
export const upSampling2d = defineLayer<UpSampling2dLayer>()({
  type: 'upSampling2d',
  schema,
  label: 'up-sampling',
  description: 'Enlarges each channel by size (default 2×2), repeating or interpolating values; learns nothing.',
  example: { input: [14, 14, 8], layer: { type: 'upSampling2d', size: [2, 2], interpolation: 'bilinear' } },
  optionNotes: 'size (default [2, 2]); interpolation (default "nearest")',
  keras: {
    classes: ['UpSampling2D'],
    fromConfig: (config) => {
      const interpolation = config['interpolation'];
      if (typeof interpolation === 'string' && KERAS2_ONLY.includes(interpolation)) {
        return {
          refuse: {
            key: 'interpolation',
            message: `interpolation "${interpolation}" was Keras 2's (tf.image); Keras 3 resizes with ${INTERPOLATIONS.map((i) => `"${i}"`).join(', ')}: choose one (the layer learns nothing whichever you choose)`,
          },
        };
      }
      return {
        ...pick(config, ['size']),
        ...(interpolation !== 'nearest' && interpolation !== undefined && interpolation !== null && { interpolation }),
        ...common(config, true),
      };
    },
    code: (layer) => kerasUpSampling('UpSampling2D', 2, layer),
  },
  pytorch: (layer) => torchUpSampling(2, layer),
  diagram: { name: 'UpSampling2D', kind: 'reshape' },
  describe: (layer) => describeUpSampling(layer, 2),
  apply: (layer, input) => applyUpSampling('up-sampling', 2, layer, input),
  mistakes: () => [],
});
