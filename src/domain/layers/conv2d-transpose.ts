import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { activation, common, pick } from './internal/keras-config';
import {
  applyConvTranspose,
  convTransposeMistakes,
  describeConv,
  filterShapeMistakes,
  kerasConv,
  torchConvTranspose,
} from './internal/conv';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('conv2dTranspose'),
    filters: k.filters,
    kernelSize: k.window(2, LIMITS.maxWindow, 'kernelSize'),
    ...k.convolution(2, k.padding),
  });

export type Conv2dTransposeLayer = z.output<ReturnType<typeof schema>>;

/** A transposed 2-D convolution: it grows height and width, with a convolution's count. */
export const conv2dTranspose = defineLayer<Conv2dTransposeLayer>()({
  type: 'conv2dTranspose',
  schema,
  label: 'transposed convolution',
  description:
    'Grows height and width (by its strides); learns as many weights as a convolution with the same filters and kernel.',
  example: { input: [8, 8, 4], layer: { type: 'conv2dTranspose', filters: 2, kernelSize: 3, strides: 2 } },
  keras: {
    classes: ['Conv2DTranspose', 'Convolution2DTranspose'],
    fromConfig: (config) => {
      if (config['output_padding'] !== undefined && config['output_padding'] !== null) {
        return { refuse: { key: 'output_padding', message: 'Conv2DTranspose with output_padding is not supported' } };
      }
      return {
        ...pick(config, ['filters', 'kernelSize', 'strides', 'padding', 'dilationRate', 'useBias']),
        ...activation(config),
        ...common(config, true),
      };
    },
    code: (layer) => kerasConv('Conv2DTranspose', 2, layer),
  },
  pytorch: (layer, input) => torchConvTranspose(2, layer, input),
  diagram: { name: 'Conv2DTranspose', kind: 'conv' },
  describe: (layer) => describeConv(layer, 2, false),
  apply: (layer, input) => applyConvTranspose('transposed convolution', 2, layer, input),
  mistakes: (context) => convTransposeMistakes(context, 2),
  shapeMistakes: (context) => filterShapeMistakes(context, 2, 'transposed'),
});
