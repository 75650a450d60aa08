import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { common, pick } from './internal/keras-config';
import { passThrough } from './internal/learns-nothing';
import { isProblems, spatialInput } from './internal/spatial';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) => k.layer({ type: k.z.literal('spatialDropout1d'), rate: k.rate() });

export type SpatialDropout1dLayer = z.output<ReturnType<typeof schema>>;

/** 1-D spatial dropout: zeroes whole channels of a sequence while training; keeps the shape: 20×16 → 20×16. */
export const spatialDropout1d = defineLayer<SpatialDropout1dLayer>()({
  type: 'spatialDropout1d',
  schema,
  label: '1-D spatial dropout',
  description:
    "Zeroes a fraction (rate) of the channels, each channel's whole sequence at once, while training; learns nothing.",
  example: { input: [20, 16], layer: { type: 'spatialDropout1d', rate: 0.2 } },
  keras: {
    classes: ['SpatialDropout1D'],
    fromConfig: (config) => ({ ...pick(config, ['rate']), ...common(config) }),
    code: (layer) => `SpatialDropout1D(rate=${layer.rate})`,
  },
  pytorch: (layer) => [`nn.Dropout1d(${layer.rate})`],
  diagram: { name: 'SpatialDropout1D', kind: 'reshape' },
  describe: (layer) => `rate ${layer.rate}, whole channels`,
  apply: (_layer, input) => {
    // Keras checks the rank (its InputSpec): it drops whole channels, so it must know where they are.
    const split = spatialInput('1-D spatial dropout', 1, input);
    if (isProblems(split)) return split;
    return passThrough('1-D spatial dropout', input, 'it only zeroes whole channels at random while training');
  },
  mistakes: () => [],
});
