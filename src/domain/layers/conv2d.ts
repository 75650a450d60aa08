import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { activation, common, pick } from './internal/keras-config';
import { applyConv, convMistakes, describeConv, filterShapeMistakes, kerasConv, torchConv } from './internal/conv';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('conv2d'),
    filters: k.filters,
    kernelSize: k.window(2, LIMITS.maxWindow, 'kernelSize'),
    groups: k.whole(LIMITS.maxUnits, 'groups').optional(),
    ...k.convolution(2, k.padding),
  });

export type Conv2dLayer = z.output<ReturnType<typeof schema>>;

/** A 2-D convolution: each filter spans all input channels; `c × (f × kh×kw) + f`. */
export const conv2d = defineLayer<Conv2dLayer>()({
  type: 'conv2d',
  schema,
  label: 'convolution',
  description: 'Slides filters over height and width; each filter is as deep as its input and has one bias.',
  example: { input: [20, 20, 3], layer: { type: 'conv2d', filters: 2, kernelSize: 3, padding: 'same' } },
  keras: {
    classes: ['Conv2D', 'Convolution2D'],
    fromConfig: (config) => {
      const options = pick(config, [
        'filters',
        'kernelSize',
        'strides',
        'padding',
        'dilationRate',
        'useBias',
        'groups',
      ]);
      if (options['groups'] === 1) delete options['groups'];
      return { ...options, ...activation(config), ...common(config, true) };
    },
    code: (layer) => kerasConv('Conv2D', 2, layer),
  },
  pytorch: (layer, input) => torchConv(2, layer, input, 'conv'),
  diagram: { name: 'Conv2D', kind: 'conv' },
  describe: (layer) => describeConv(layer, 2, false),
  apply: (layer, input) => applyConv('convolution', 2, layer, input),
  mistakes: (context) => convMistakes(context, 2),
  shapeMistakes: (context) => filterShapeMistakes(context, 2, 'conv'),
});
