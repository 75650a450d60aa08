import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { common, pick } from './internal/keras-config';
import { passThrough } from './internal/learns-nothing';
import { comment } from './internal/torch';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) => k.layer({ type: k.z.literal('gaussianDropout'), rate: k.rate() });

export type GaussianDropoutLayer = z.output<ReturnType<typeof schema>>;

/** Gaussian dropout: multiplies by noise around 1 while training; learns nothing and keeps the shape: 128 → 128. */
export const gaussianDropout = defineLayer<GaussianDropoutLayer>()({
  type: 'gaussianDropout',
  schema,
  label: 'Gaussian dropout',
  description:
    'Multiplies its inputs by random noise around 1 (standard deviation √(rate ÷ (1 − rate))) while training; learns nothing.',
  example: { input: [128], layer: { type: 'gaussianDropout', rate: 0.2 } },
  keras: {
    classes: ['GaussianDropout'],
    fromConfig: (config) => ({ ...pick(config, ['rate']), ...common(config) }),
    code: (layer) => `GaussianDropout(rate=${layer.rate})`,
  },
  pytorch: (layer) => [
    comment(`PyTorch has no GaussianDropout(rate=${layer.rate}); it only acts while training and learns nothing`),
    'nn.Identity()',
  ],
  diagram: { name: 'GaussianDropout', kind: 'reshape' },
  describe: (layer) => `rate ${layer.rate}`,
  apply: (_layer, input) =>
    passThrough('Gaussian dropout', input, 'it only multiplies by random noise around 1 while training'),
  mistakes: () => [],
});
