import { separableConvLayer } from './internal/conv-layers';

/** A separable 1-D convolution: depthwise, then pointwise (kernel 1); 4 channels, 8 filters of 3 → 12 + 32 + 8. */
export const separableConv1d = separableConvLayer({
  type: 'separableConv1d',
  rank: 1,
  padding: (k) => k.padding1d,
  label: '1-D separable convolution',
  description:
    'A depthwise 1-D convolution followed by a pointwise (kernel 1) convolution to filters; biases on the filters only.',
  example: { input: [40, 4], layer: { type: 'separableConv1d', filters: 8, kernelSize: 3 } },
  classes: ['SeparableConv1D', 'SeparableConvolution1D'],
  diagram: 'SeparableConv1D',
});

export type SeparableConv1dLayer = (typeof separableConv1d)['example']['layer'];
