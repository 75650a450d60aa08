import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { common, pick } from './internal/keras-config';
import { applyUpSampling, describeUpSampling, kerasUpSampling, torchUpSampling } from './internal/up-sampling';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('upSampling3d'),
    size: k.window(3, LIMITS.maxWindow, 'size').optional(),
    dataFormat: k.dataFormat.optional(),
  });

export type UpSampling3dLayer = z.output<ReturnType<typeof schema>>;

/** 3-D up-sampling: multiplies depth, height and width by `size` (default 2×2×2); learns nothing: 4×8×8×2 → 8×16×16×2. */
export const upSampling3d = defineLayer<UpSampling3dLayer>()({
  type: 'upSampling3d',
  schema,
  label: '3-D up-sampling',
  description:
    'Repeats each value of a volume size times along depth, height and width (default 2×2×2); learns nothing.',
  example: { input: [4, 8, 8, 2], layer: { type: 'upSampling3d', size: 2 } },
  optionNotes: 'size (default [2, 2, 2])',
  keras: {
    classes: ['UpSampling3D'],
    fromConfig: (config) => ({ ...pick(config, ['size']), ...common(config, true) }),
    code: (layer) => kerasUpSampling('UpSampling3D', 3, layer),
  },
  pytorch: (layer) => torchUpSampling(3, layer),
  diagram: { name: 'UpSampling3D', kind: 'reshape' },
  describe: (layer) => describeUpSampling(layer, 3),
  apply: (layer, input) => applyUpSampling('3-D up-sampling', 3, layer, input),
  mistakes: () => [],
});
