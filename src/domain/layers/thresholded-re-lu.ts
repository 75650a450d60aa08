import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { plain, pyFloat, real } from './internal/elementwise';
import { common } from './internal/keras-config';
import { passThrough } from './internal/learns-nothing';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('thresholdedReLU'),
    theta: real(k, 'theta', 0, 'a negative threshold').optional(),
  });

export type ThresholdedReLULayer = z.output<ReturnType<typeof schema>>;

/**
 * Thresholded ReLU: x above theta, 0 otherwise; learns nothing. `{theta: 0.5}` on 8×8×4 → 8×8×4, 0 parameters.
 */
export const thresholdedReLU = defineLayer<ThresholdedReLULayer>()({
  type: 'thresholdedReLU',
  schema,
  label: 'thresholded ReLU',
  description: 'Keeps values above theta (default 1) and zeroes the rest; learns nothing.',
  example: { input: [8, 8, 4], layer: { type: 'thresholdedReLU', theta: 0.5 } },
  optionNotes: 'theta (default 1, at least 0)',
  keras: {
    classes: ['ThresholdedReLU'],
    fromConfig: (config) => ({
      ...(config['theta'] !== undefined &&
        config['theta'] !== null &&
        config['theta'] !== 1 && { theta: config['theta'] }),
      ...common(config),
    }),
    // Keras 2 and TensorFlow.js have this class (the importer reads it); Keras 3 dropped it for
    // ReLU(threshold=…), which differs only at x = theta and learns nothing either, so the code, which
    // runs in Keras 3, writes that (checked in real Keras 3: tests/differential/keras-real-random.test.ts).
    code: (layer) => `ReLU(threshold=${pyFloat(layer.theta ?? 1)})`,
  },
  // nn.Threshold keeps x where x > theta, as Keras's ThresholdedReLU does.
  pytorch: (layer) => [`nn.Threshold(${pyFloat(layer.theta ?? 1)}, 0.0)`],
  diagram: { name: 'ThresholdedReLU', kind: 'activation' },
  describe: (layer) => `theta ${plain(layer.theta ?? 1)}`,
  apply: (layer, input) =>
    passThrough(
      'thresholded ReLU',
      input,
      `it only keeps each value above ${plain(layer.theta ?? 1)} and zeroes the rest`,
    ),
  mistakes: () => [],
});
