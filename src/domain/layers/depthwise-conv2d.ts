import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { activation, common, pick } from './internal/keras-config';
import {
  applyDepthwise,
  depthwiseMistakes,
  depthwiseShapeMistakes,
  describeConv,
  kerasConv,
  torchConv,
} from './internal/conv';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('depthwiseConv2d'),
    kernelSize: k.window(2, LIMITS.maxWindow, 'kernelSize'),
    depthMultiplier: k.depthMultiplier.optional(),
    ...k.convolution(2, k.padding),
  });

export type DepthwiseConv2dLayer = z.output<ReturnType<typeof schema>>;

/** A depthwise 2-D convolution: each input channel has its own `depthMultiplier` filters. */
export const depthwiseConv2d = defineLayer<DepthwiseConv2dLayer>()({
  type: 'depthwiseConv2d',
  schema,
  label: 'depthwise convolution',
  description: 'Gives each input channel its own filters (depthMultiplier of them); no filter mixes channels.',
  example: { input: [16, 16, 3], layer: { type: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 2 } },
  keras: {
    classes: ['DepthwiseConv2D'],
    fromConfig: (config) => ({
      ...pick(config, ['depthMultiplier', 'kernelSize', 'strides', 'padding', 'dilationRate', 'useBias']),
      ...activation(config),
      ...common(config, true),
    }),
    code: (layer) => kerasConv('DepthwiseConv2D', 2, layer),
  },
  pytorch: (layer, input) => torchConv(2, layer, input, 'depthwise'),
  diagram: { name: 'DepthwiseConv', kind: 'conv' },
  describe: (layer) => describeConv(layer, 2, true),
  apply: (layer, input) => applyDepthwise('depthwise convolution', 2, layer, input),
  mistakes: (context) => depthwiseMistakes(context, 2),
  shapeMistakes: (context) => depthwiseShapeMistakes(context, 2),
});
