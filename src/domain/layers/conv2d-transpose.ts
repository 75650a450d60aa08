import { convTransposeLayer } from './internal/conv-layers';

/** A transposed 2-D convolution: it grows height and width, with a convolution's count. */
export const conv2dTranspose = convTransposeLayer({
  type: 'conv2dTranspose',
  rank: 2,
  padding: (k) => k.padding,
  label: 'transposed convolution',
  description:
    'Grows height and width (by its strides); learns as many weights as a convolution with the same filters and kernel.',
  example: { input: [8, 8, 4], layer: { type: 'conv2dTranspose', filters: 2, kernelSize: 3, strides: 2 } },
  classes: ['Conv2DTranspose', 'Convolution2DTranspose'],
  outputPaddingRefusal: 'Conv2DTranspose with output_padding is not supported',
  diagram: 'Conv2DTranspose',
});

export type Conv2dTransposeLayer = (typeof conv2dTranspose)['example']['layer'];
