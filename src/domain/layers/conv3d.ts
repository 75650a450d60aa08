import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { activation, common, pick } from './internal/keras-config';
import {
  applyConv,
  convMistakes,
  describeConv,
  filterShapeMistakes,
  kerasConv,
  kernelRankMistakes,
  torchConv,
} from './internal/conv';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('conv3d'),
    filters: k.filters,
    kernelSize: k.window(3, LIMITS.maxWindow, 'kernelSize'),
    groups: k.whole(LIMITS.maxUnits, 'groups').optional(),
    ...k.convolution(3, k.padding),
  });

export type Conv3dLayer = z.output<ReturnType<typeof schema>>;

/** A 3-D convolution over depth, height and width: `c × (f × kd×kh×kw) + f`; 1 channel, 8 of 3×3×3 → 224. */
export const conv3d = defineLayer<Conv3dLayer>()({
  type: 'conv3d',
  schema,
  label: '3-D convolution',
  description:
    'Slides filters over depth, height and width (a video or a scan); each filter spans all input channels and has one bias.',
  example: { input: [16, 16, 16, 1], layer: { type: 'conv3d', filters: 8, kernelSize: 3 } },
  optionNotes: 'kernelSize, strides and dilationRate take n or [depth, height, width]',
  keras: {
    classes: ['Conv3D', 'Convolution3D'],
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
    code: (layer) => kerasConv('Conv3D', 3, layer),
  },
  pytorch: (layer, input) => torchConv(3, layer, input, 'conv'),
  diagram: { name: 'Conv3D', kind: 'conv' },
  describe: (layer) => describeConv(layer, 3, false),
  apply: (layer, input) => applyConv('3-D convolution', 3, layer, input),
  mistakes: (context) => [...convMistakes(context, 3), ...kernelRankMistakes(context, 3)],
  shapeMistakes: (context) => filterShapeMistakes(context, 3, 'conv'),
});
