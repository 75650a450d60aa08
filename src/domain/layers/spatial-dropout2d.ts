import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { common, pick } from './internal/keras-config';
import { passThrough } from './internal/learns-nothing';
import { dataFormatArg, kwargs } from './internal/python';
import { isProblems, spatialInput } from './internal/spatial';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({ type: k.z.literal('spatialDropout2d'), rate: k.rate(), dataFormat: k.dataFormat.optional() });

export type SpatialDropout2dLayer = z.output<ReturnType<typeof schema>>;

/** 2-D spatial dropout: zeroes whole channels while training; keeps the shape: [16, 16, 32] → [16, 16, 32]. */
export const spatialDropout2d = defineLayer<SpatialDropout2dLayer>()({
  type: 'spatialDropout2d',
  schema,
  label: 'spatial dropout',
  description:
    "Zeroes a fraction (rate) of the channels, each channel's whole map at once, while training; learns nothing.",
  example: { input: [16, 16, 32], layer: { type: 'spatialDropout2d', rate: 0.2 } },
  keras: {
    classes: ['SpatialDropout2D'],
    fromConfig: (config) => ({ ...pick(config, ['rate']), ...common(config, true) }),
    code: (layer) =>
      `SpatialDropout2D(${kwargs([
        ['rate', String(layer.rate)],
        ['data_format', dataFormatArg(layer.dataFormat)],
      ])})`,
  },
  pytorch: (layer) => [`nn.Dropout2d(${layer.rate})`],
  diagram: { name: 'SpatialDropout2D', kind: 'reshape' },
  describe: (layer) =>
    `rate ${layer.rate}, whole channels${layer.dataFormat === 'channels_first' ? ', channels first' : ''}`,
  apply: (layer, input) => {
    // Keras checks the rank (its InputSpec): it drops whole channels, so it must know where they are.
    const split = spatialInput('spatial dropout', 2, input, layer.dataFormat);
    if (isProblems(split)) return split;
    return passThrough('spatial dropout', input, 'it only zeroes whole channels at random while training');
  },
  mistakes: () => [],
});
