import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { common, pick } from './internal/keras-config';
import { passThrough } from './internal/learns-nothing';
import { dataFormatArg, kwargs } from './internal/python';
import { isProblems, spatialInput } from './internal/spatial';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({ type: k.z.literal('spatialDropout3d'), rate: k.rate(), dataFormat: k.dataFormat.optional() });

export type SpatialDropout3dLayer = z.output<ReturnType<typeof schema>>;

/** 3-D spatial dropout: zeroes whole channels while training; keeps the shape: [8, 8, 8, 16] → [8, 8, 8, 16]. */
export const spatialDropout3d = defineLayer<SpatialDropout3dLayer>()({
  type: 'spatialDropout3d',
  schema,
  label: '3-D spatial dropout',
  description:
    "Zeroes a fraction (rate) of the channels, each channel's whole volume at once, while training; learns nothing.",
  example: { input: [8, 8, 8, 16], layer: { type: 'spatialDropout3d', rate: 0.2 } },
  keras: {
    classes: ['SpatialDropout3D'],
    fromConfig: (config) => ({ ...pick(config, ['rate']), ...common(config, true) }),
    code: (layer) =>
      `SpatialDropout3D(${kwargs([
        ['rate', String(layer.rate)],
        ['data_format', dataFormatArg(layer.dataFormat)],
      ])})`,
  },
  pytorch: (layer) => [`nn.Dropout3d(${layer.rate})`],
  diagram: { name: 'SpatialDropout3D', kind: 'reshape' },
  describe: (layer) =>
    `rate ${layer.rate}, whole channels${layer.dataFormat === 'channels_first' ? ', channels first' : ''}`,
  apply: (layer, input) => {
    // Keras checks the rank (its InputSpec): it drops whole channels, so it must know where they are.
    const split = spatialInput('3-D spatial dropout', 3, input, layer.dataFormat);
    if (isProblems(split)) return split;
    return passThrough('3-D spatial dropout', input, 'it only zeroes whole channels at random while training');
  },
  mistakes: () => [],
});
