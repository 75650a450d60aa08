import { separableConvLayer } from './internal/conv-layers';

/** A separable 2-D convolution: depthwise, then pointwise 1×1 to `filters`. */
export const separableConv2d = separableConvLayer({
  type: 'separableConv2d',
  rank: 2,
  padding: (k) => k.padding,
  label: 'separable convolution',
  description:
    'A depthwise convolution followed by a pointwise 1×1 convolution to filters; biases on the filters only.',
  example: { input: [16, 16, 3], layer: { type: 'separableConv2d', filters: 8, kernelSize: 3 } },
  classes: ['SeparableConv2D', 'SeparableConvolution2D'],
  diagram: 'SeparableConv',
});

export type SeparableConv2dLayer = (typeof separableConv2d)['example']['layer'];
