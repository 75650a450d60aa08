import { convTransposeLayer } from './internal/conv-layers';

/** A transposed 1-D convolution: it lengthens a sequence (10 steps, stride 2, same → 20); a convolution's count. */
export const conv1dTranspose = convTransposeLayer({
  type: 'conv1dTranspose',
  rank: 1,
  padding: (k) => k.padding1d,
  label: '1-D transposed convolution',
  description:
    'Lengthens a sequence (by its strides); learns as many weights as a 1-D convolution with the same filters and kernel.',
  example: {
    input: [10, 8],
    layer: { type: 'conv1dTranspose', filters: 4, kernelSize: 3, strides: 2, padding: 'same' },
  },
  classes: ['Conv1DTranspose', 'Convolution1DTranspose'],
  outputPaddingRefusal: 'Conv1DTranspose with output_padding is not supported; leave it out (null) to count the layer',
  diagram: 'Conv1DTranspose',
});

export type Conv1dTransposeLayer = (typeof conv1dTranspose)['example']['layer'];
