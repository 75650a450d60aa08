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
    type: k.z.literal('conv3dTranspose'),
    filters: k.filters,
    kernelSize: k.window(3, LIMITS.maxWindow, 'kernelSize'),
    ...k.convolution(3, k.padding),
  });

export type Conv3dTransposeLayer = z.output<ReturnType<typeof schema>>;

/** A transposed 3-D convolution: it grows a volume (4×4×4, stride 2, same → 8×8×8); a convolution's count. */
export const conv3dTranspose = defineLayer<Conv3dTransposeLayer>()({
  type: 'conv3dTranspose',
  schema,
  label: '3-D transposed convolution',
  description:
    'Grows depth, height and width (by its strides); learns as many weights as a 3-D convolution with the same filters and kernel.',
  example: {
    input: [4, 4, 4, 8],
    layer: { type: 'conv3dTranspose', filters: 4, kernelSize: 3, strides: 2, padding: 'same' },
  },
  keras: {
    classes: ['Conv3DTranspose', 'Convolution3DTranspose'],
    fromConfig: (config) => {
      if (config['output_padding'] !== undefined && config['output_padding'] !== null) {
        return {
          refuse: {
            key: 'output_padding',
            message: 'Conv3DTranspose with output_padding is not supported; leave it out (null) to count the layer',
          },
        };
      }
      return {
        ...pick(config, ['filters', 'kernelSize', 'strides', 'padding', 'dilationRate', 'useBias']),
        ...activation(config),
        ...common(config, true),
      };
    },
    code: (layer) => kerasConv('Conv3DTranspose', 3, layer),
  },
  pytorch: (layer, input) => torchConvTranspose(3, layer, input),
  diagram: { name: 'Conv3DTranspose', kind: 'conv' },
  describe: (layer) => describeConv(layer, 3, false),
  apply: (layer, input) => applyConvTranspose('3-D transposed convolution', 3, layer, input),
  mistakes: (context) => [...convTransposeMistakes(context, 3), ...kernelRankMistakes(context, 3)],
  shapeMistakes: (context) => filterShapeMistakes(context, 3, 'transposed'),
});
