import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { activation, common, pick } from './internal/keras-config';
import {
  applySeparable,
  describeConv,
  filterShapeMistakes,
  kerasConv,
  kernelRankMistakes,
  plainSpatial,
  separableMistakes,
  torchConv,
} from './internal/conv';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('separableConv1d'),
    filters: k.filters,
    kernelSize: k.window(1, LIMITS.maxWindow, 'kernelSize'),
    depthMultiplier: k.depthMultiplier.optional(),
    ...k.convolution(1, k.padding1d),
  });

export type SeparableConv1dLayer = z.output<ReturnType<typeof schema>>;

/** A separable 1-D convolution: depthwise, then pointwise (kernel 1); 4 channels, 8 filters of 3 → 12 + 32 + 8. */
export const separableConv1d = defineLayer<SeparableConv1dLayer>()({
  type: 'separableConv1d',
  schema,
  label: '1-D separable convolution',
  description:
    'A depthwise 1-D convolution followed by a pointwise (kernel 1) convolution to filters; biases on the filters only.',
  example: { input: [40, 4], layer: { type: 'separableConv1d', filters: 8, kernelSize: 3 } },
  keras: {
    classes: ['SeparableConv1D', 'SeparableConvolution1D'],
    fromConfig: (config) => ({
      ...pick(config, ['filters', 'depthMultiplier', 'kernelSize', 'strides', 'padding', 'dilationRate', 'useBias']),
      ...activation(config),
      ...common(config, true),
    }),
    code: (layer) => kerasConv('SeparableConv1D', 1, layer),
  },
  pytorch: (layer, input) => torchConv(1, layer, input, 'separable'),
  diagram: { name: 'SeparableConv1D', kind: 'conv' },
  describe: (layer) => describeConv(layer, 1, true),
  apply: (layer, input) => applySeparable('1-D separable convolution', 1, layer, input),
  mistakes: (context) => {
    // The pointwise step's weights do not grow with the kernel: channels × multiplier × filters.
    const { channels } = plainSpatial(context.at.inputShape, context.layer.dataFormat);
    const pointwise = channels * (context.layer.depthMultiplier ?? 1) * context.layer.filters;
    return [...separableMistakes(context, 1), ...kernelRankMistakes(context, 1, pointwise)];
  },
  shapeMistakes: (context) => filterShapeMistakes(context, 1, 'conv'),
});
