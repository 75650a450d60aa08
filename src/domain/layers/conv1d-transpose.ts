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
  kernelRankMistakes,
  torchConvTranspose,
} from './internal/conv';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('conv1dTranspose'),
    filters: k.filters,
    kernelSize: k.window(1, LIMITS.maxWindow, 'kernelSize'),
    ...k.convolution(1, k.padding1d),
  });

export type Conv1dTransposeLayer = z.output<ReturnType<typeof schema>>;

/** A transposed 1-D convolution: it lengthens a sequence (10 steps, stride 2, same → 20); a convolution's count. */
export const conv1dTranspose = defineLayer<Conv1dTransposeLayer>()({
  type: 'conv1dTranspose',
  schema,
  label: '1-D transposed convolution',
  description:
    'Lengthens a sequence (by its strides); learns as many weights as a 1-D convolution with the same filters and kernel.',
  example: {
    input: [10, 8],
    layer: { type: 'conv1dTranspose', filters: 4, kernelSize: 3, strides: 2, padding: 'same' },
  },
  keras: {
    classes: ['Conv1DTranspose', 'Convolution1DTranspose'],
    fromConfig: (config) => {
      if (config['output_padding'] !== undefined && config['output_padding'] !== null) {
        return {
          refuse: {
            key: 'output_padding',
            message: 'Conv1DTranspose with output_padding is not supported; leave it out (null) to count the layer',
          },
        };
      }
      return {
        ...pick(config, ['filters', 'kernelSize', 'strides', 'padding', 'dilationRate', 'useBias']),
        ...activation(config),
        ...common(config, true),
      };
    },
    code: (layer) => kerasConv('Conv1DTranspose', 1, layer),
  },
  pytorch: (layer, input) => torchConvTranspose(1, layer, input),
  diagram: { name: 'Conv1DTranspose', kind: 'conv' },
  describe: (layer) => describeConv(layer, 1, false),
  apply: (layer, input) => applyConvTranspose('1-D transposed convolution', 1, layer, input),
  mistakes: (context) => [...convTransposeMistakes(context, 1), ...kernelRankMistakes(context, 1)],
  shapeMistakes: (context) => filterShapeMistakes(context, 1, 'transposed'),
});
