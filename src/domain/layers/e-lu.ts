import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { plain, pyFloat, real } from './internal/elementwise';
import { common } from './internal/keras-config';
import { passThrough } from './internal/learns-nothing';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) => k.layer({ type: k.z.literal('eLU'), alpha: real(k, 'alpha').optional() });

export type ELULayer = z.output<ReturnType<typeof schema>>;

/**
 * ELU: x above 0, alpha·(eˣ − 1) below; learns nothing. `{}` on 10×64 → 10×64, 0 parameters.
 */
export const eLU = defineLayer<ELULayer>()({
  type: 'eLU',
  schema,
  label: 'ELU',
  description:
    'Exponential linear unit: x for positive values, alpha·(eˣ − 1) for negative ones (alpha default 1); learns nothing.',
  example: { input: [10, 64], layer: { type: 'eLU' } },
  optionNotes: 'alpha (default 1)',
  keras: {
    classes: ['ELU'],
    // Keras 3's ELU leaves alpha out of its config; Keras 2 and TensorFlow.js write it.
    fromConfig: (config) => ({
      ...(config['alpha'] !== undefined &&
        config['alpha'] !== null &&
        config['alpha'] !== 1 && { alpha: config['alpha'] }),
      ...common(config),
    }),
    code: (layer) => (layer.alpha === undefined ? 'ELU()' : `ELU(alpha=${pyFloat(layer.alpha)})`),
  },
  pytorch: (layer) => [layer.alpha === undefined ? 'nn.ELU()' : `nn.ELU(alpha=${pyFloat(layer.alpha)})`],
  diagram: { name: 'ELU', kind: 'activation' },
  describe: (layer) => `alpha ${plain(layer.alpha ?? 1)}`,
  apply: (layer, input) =>
    passThrough('ELU', input, `it only applies x above 0, ${plain(layer.alpha ?? 1)}·(eˣ − 1) below, to each value`),
  mistakes: () => [],
});
