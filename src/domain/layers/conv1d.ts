import type { SchemaKit } from '../schema/layer-kit';
import { convLayer } from './internal/conv-layers';

// Keras allows "causal" on Conv1D only: the output at step t sees steps up to t, never later ones.
const causalPadding = (k: SchemaKit) =>
  k.z.enum(['valid', 'same', 'causal'], {
    error: 'padding must be "valid", "same" or "causal" (causal pads on the left only, as "same" keeps the length)',
  });

/** A 1-D convolution over steps: `c × (f × k) + f`; on a 50×3 input, 8 filters of 5 give 3 × (8 × 5) + 8 = 128. */
export const conv1d = convLayer({
  type: 'conv1d',
  rank: 1,
  padding: causalPadding,
  label: '1-D convolution',
  description:
    'Slides filters along the steps of a sequence; each filter spans all input channels and has one bias. Padding "causal" keeps the length but pads on the left only.',
  example: { input: [50, 3], layer: { type: 'conv1d', filters: 8, kernelSize: 5, padding: 'same' } },
  optionNotes: 'kernelSize, strides and dilationRate take n or [n]; padding "valid" (default), "same" or "causal"',
  classes: ['Conv1D', 'Convolution1D'],
  diagram: 'Conv1D',
});

export type Conv1dLayer = (typeof conv1d)['example']['layer'];
