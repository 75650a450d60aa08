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

// Keras allows "causal" on Conv1D only: the output at step t sees steps up to t, never later ones.
const causalPadding = (k: SchemaKit) =>
  k.z.enum(['valid', 'same', 'causal'], {
    error: 'padding must be "valid", "same" or "causal" (causal pads on the left only, as "same" keeps the length)',
  });

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('conv1d'),
    filters: k.filters,
    kernelSize: k.window(1, LIMITS.maxWindow, 'kernelSize'),
    groups: k.whole(LIMITS.maxUnits, 'groups').optional(),
    ...k.convolution(1, causalPadding(k)),
  });

export type Conv1dLayer = z.output<ReturnType<typeof schema>>;

/** A 1-D convolution over steps: `c × (f × k) + f`; on a 50×3 input, 8 filters of 5 give 3 × (8 × 5) + 8 = 128. */
export const conv1d = defineLayer<Conv1dLayer>()({
  type: 'conv1d',
  schema,
  label: '1-D convolution',
  description:
    'Slides filters along the steps of a sequence; each filter spans all input channels and has one bias. Padding "causal" keeps the length but pads on the left only.',
  example: { input: [50, 3], layer: { type: 'conv1d', filters: 8, kernelSize: 5, padding: 'same' } },
  optionNotes: 'kernelSize, strides and dilationRate take n or [n]; padding "valid" (default), "same" or "causal"',
  keras: {
    classes: ['Conv1D', 'Convolution1D'],
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
    code: (layer) => kerasConv('Conv1D', 1, layer),
  },
  pytorch: (layer, input) => torchConv(1, layer, input, 'conv'),
  diagram: { name: 'Conv1D', kind: 'conv' },
  describe: (layer) => describeConv(layer, 1, false),
  apply: (layer, input) => applyConv('1-D convolution', 1, layer, input),
  mistakes: (context) => [...convMistakes(context, 1), ...kernelRankMistakes(context, 1)],
  shapeMistakes: (context) => filterShapeMistakes(context, 1, 'conv'),
});
