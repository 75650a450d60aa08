import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { activation, common, pick } from './internal/keras-config';
import {
  applySeparable,
  describeConv,
  filterShapeMistakes,
  kerasConv,
  separableMistakes,
  torchConv,
} from './internal/conv';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('separableConv2d'),
    filters: k.filters,
    kernelSize: k.window(2, LIMITS.maxWindow, 'kernelSize'),
    depthMultiplier: k.depthMultiplier.optional(),
    ...k.convolution(2, k.padding),
  });

export type SeparableConv2dLayer = z.output<ReturnType<typeof schema>>;

/** A separable 2-D convolution: depthwise, then pointwise 1×1 to `filters`. */
export const separableConv2d = defineLayer<SeparableConv2dLayer>()({
  type: 'separableConv2d',
  schema,
  label: 'separable convolution',
  description:
    'A depthwise convolution followed by a pointwise 1×1 convolution to filters; biases on the filters only.',
  example: { input: [16, 16, 3], layer: { type: 'separableConv2d', filters: 8, kernelSize: 3 } },
  keras: {
    classes: ['SeparableConv2D', 'SeparableConvolution2D'],
    fromConfig: (config) => ({
      ...pick(config, ['filters', 'depthMultiplier', 'kernelSize', 'strides', 'padding', 'dilationRate', 'useBias']),
      ...activation(config),
      ...common(config, true),
    }),
    code: (layer) => kerasConv('SeparableConv2D', 2, layer),
  },
  pytorch: (layer, input) => torchConv(2, layer, input, 'separable'),
  diagram: { name: 'SeparableConv', kind: 'conv' },
  describe: (layer) => describeConv(layer, 2, true),
  apply: (layer, input) => applySeparable('separable convolution', 2, layer, input),
  mistakes: (context) => separableMistakes(context, 2),
  shapeMistakes: (context) => filterShapeMistakes(context, 2, 'conv'),
});
