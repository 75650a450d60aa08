import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { common, pick } from './internal/keras-config';
import { passThrough } from './internal/learns-nothing';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) => k.layer({ type: k.z.literal('alphaDropout'), rate: k.rate() });

export type AlphaDropoutLayer = z.output<ReturnType<typeof schema>>;

/** Alpha dropout: dropout that keeps SELU's mean and variance; learns nothing and keeps the shape: 256 → 256. */
export const alphaDropout = defineLayer<AlphaDropoutLayer>()({
  type: 'alphaDropout',
  schema,
  label: 'alpha dropout',
  description:
    "Sets a random fraction (rate) of its inputs to SELU's negative saturation value while training, keeping mean and variance; learns nothing.",
  example: { input: [256], layer: { type: 'alphaDropout', rate: 0.1 } },
  keras: {
    classes: ['AlphaDropout'],
    fromConfig: (config) => ({ ...pick(config, ['rate']), ...common(config) }),
    code: (layer) => `AlphaDropout(rate=${layer.rate})`,
  },
  pytorch: (layer) => [`nn.AlphaDropout(${layer.rate})`],
  diagram: { name: 'AlphaDropout', kind: 'reshape' },
  describe: (layer) => `rate ${layer.rate}`,
  apply: (_layer, input) =>
    passThrough('alpha dropout', input, "it only sets random values to SELU's saturation value while training"),
  mistakes: () => [],
});
