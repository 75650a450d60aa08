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
  kernelRankMistakes,
  torchConv,
} from './internal/conv';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('depthwiseConv1d'),
    kernelSize: k.window(1, LIMITS.maxWindow, 'kernelSize'),
    depthMultiplier: k.depthMultiplier.optional(),
    ...k.convolution(1, k.padding1d),
  });

export type DepthwiseConv1dLayer = z.output<ReturnType<typeof schema>>;

/** A depthwise 1-D convolution: each channel has its own `depthMultiplier` filters; 4 channels, 2 each of 3 → 32. */
export const depthwiseConv1d = defineLayer<DepthwiseConv1dLayer>()({
  type: 'depthwiseConv1d',
  schema,
  label: '1-D depthwise convolution',
  description:
    'Gives each channel of a sequence its own filters (depthMultiplier of them) along the steps; no filter mixes channels.',
  example: { input: [40, 4], layer: { type: 'depthwiseConv1d', kernelSize: 3, depthMultiplier: 2 } },
  keras: {
    classes: ['DepthwiseConv1D'],
    fromConfig: (config) => ({
      ...pick(config, ['depthMultiplier', 'kernelSize', 'strides', 'padding', 'dilationRate', 'useBias']),
      ...activation(config),
      ...common(config, true),
    }),
    code: (layer) => kerasConv('DepthwiseConv1D', 1, layer),
  },
  pytorch: (layer, input) => torchConv(1, layer, input, 'depthwise'),
  diagram: { name: 'DepthwiseConv1D', kind: 'conv' },
  describe: (layer) => describeConv(layer, 1, true),
  apply: (layer, input) => applyDepthwise('1-D depthwise convolution', 1, layer, input),
  mistakes: (context) => [...depthwiseMistakes(context, 1), ...kernelRankMistakes(context, 1)],
  shapeMistakes: (context) => depthwiseShapeMistakes(context, 1),
});
