import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { common, pick } from './internal/keras-config';
import { passThrough } from './internal/learns-nothing';
import { comment } from './internal/torch';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('gaussianNoise'),
    stddev: k.z
      .number({ error: (issue) => (issue.input === undefined ? 'stddev is required' : 'stddev must be a number') })
      .min(0, { error: 'stddev must be at least 0' })
      .max(1, { error: 'stddev must be at most 1 (Keras 3 refuses a larger standard deviation)' }),
  });

export type GaussianNoiseLayer = z.output<ReturnType<typeof schema>>;

/** Gaussian noise: adds zero-mean noise of `stddev` while training; learns nothing and keeps the shape: 784 → 784. */
export const gaussianNoise = defineLayer<GaussianNoiseLayer>()({
  type: 'gaussianNoise',
  schema,
  label: 'Gaussian noise',
  description: 'Adds random noise (mean 0, standard deviation stddev) to its inputs while training; learns nothing.',
  example: { input: [784], layer: { type: 'gaussianNoise', stddev: 0.1 } },
  optionNotes: 'stddev: from 0 to 1',
  keras: {
    classes: ['GaussianNoise'],
    fromConfig: (config) => ({ ...pick(config, ['stddev']), ...common(config) }),
    code: (layer) => `GaussianNoise(stddev=${layer.stddev})`,
  },
  pytorch: (layer) => [
    comment(
      `Keras's GaussianNoise(stddev=${layer.stddev}) only acts while training and learns nothing: PyTorch needs no module`,
    ),
    'nn.Identity()',
  ],
  diagram: { name: 'GaussianNoise', kind: 'reshape' },
  describe: (layer) => `stddev ${layer.stddev}`,
  apply: (_layer, input) => passThrough('Gaussian noise', input, 'it only adds random noise while training'),
  mistakes: () => [],
});
