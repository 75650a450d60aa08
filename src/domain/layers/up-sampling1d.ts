import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { common, pick } from './internal/keras-config';
import { applyUpSampling, describeUpSampling, kerasUpSampling, torchUpSampling } from './internal/up-sampling';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({ type: k.z.literal('upSampling1d'), size: k.whole(LIMITS.maxWindow, 'size').optional() });

export type UpSampling1dLayer = z.output<ReturnType<typeof schema>>;

/** 1-D up-sampling: repeats each step `size` times (default 2); learns nothing: 10×4 → 20×4. */
export const upSampling1d = defineLayer<UpSampling1dLayer>()({
  type: 'upSampling1d',
  schema,
  label: '1-D up-sampling',
  description: 'Repeats each step of a sequence size times (default 2); learns nothing.',
  example: { input: [10, 4], layer: { type: 'upSampling1d', size: 2 } },
  optionNotes: 'size (default 2)',
  keras: {
    classes: ['UpSampling1D'],
    fromConfig: (config) => ({ ...pick(config, ['size']), ...common(config) }),
    code: (layer) => kerasUpSampling('UpSampling1D', 1, layer),
  },
  pytorch: (layer) => torchUpSampling(1, layer),
  diagram: { name: 'UpSampling1D', kind: 'reshape' },
  describe: (layer) => describeUpSampling(layer, 1),
  apply: (layer, input) => applyUpSampling('1-D up-sampling', 1, layer, input),
  mistakes: () => [],
});
