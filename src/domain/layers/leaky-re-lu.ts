import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { plain, pyFloat, real } from './internal/elementwise';
import { common } from './internal/keras-config';
import { passThrough } from './internal/learns-nothing';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('leakyReLU'),
    alpha: real(k, 'alpha', 0, 'a negative slope').optional(),
  });

export type LeakyReLULayer = z.output<ReturnType<typeof schema>>;

/** Keras's default slope below 0, in Keras 2, Keras 3 and TensorFlow.js alike. */
const DEFAULT_ALPHA = 0.3;

/**
 * Leaky ReLU: x above 0, alpha·x below (a fixed slope, not a learned one); learns nothing.
 * `{alpha: 0.1}` on 128 → 128, 0 parameters.
 */
export const leakyReLU = defineLayer<LeakyReLULayer>()({
  type: 'leakyReLU',
  schema,
  label: 'leaky ReLU',
  description:
    'Like ReLU, but negative values are multiplied by a small fixed slope alpha (default 0.3) instead of zeroed; the slope is an option, not learned.',
  example: { input: [128], layer: { type: 'leakyReLU', alpha: 0.1 } },
  optionNotes: 'alpha (default 0.3, at least 0; Keras 3 calls it negative_slope)',
  keras: {
    classes: ['LeakyReLU'],
    fromConfig: (config) => {
      // Keras 3 writes negative_slope; Keras 2 and TensorFlow.js write alpha.
      const alpha = config['negative_slope'] ?? config['alpha'];
      return { ...(alpha !== undefined && alpha !== null && { alpha }), ...common(config) };
    },
    code: (layer) => (layer.alpha === undefined ? 'LeakyReLU()' : `LeakyReLU(negative_slope=${pyFloat(layer.alpha)})`),
  },
  // PyTorch's default slope is 0.01, so Keras's is always written out.
  pytorch: (layer) => [`nn.LeakyReLU(${pyFloat(layer.alpha ?? DEFAULT_ALPHA)})`],
  diagram: { name: 'LeakyReLU', kind: 'activation' },
  describe: (layer) => `slope ${plain(layer.alpha ?? DEFAULT_ALPHA)} below 0`,
  apply: (layer, input) =>
    passThrough(
      'leaky ReLU',
      input,
      `it only applies x above 0, ${plain(layer.alpha ?? DEFAULT_ALPHA)}·x below, to each value; the slope is fixed, not learned`,
    ),
  mistakes: () => [],
});
