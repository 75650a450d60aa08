import { depthwiseConvLayer } from './internal/conv-layers';

/** A depthwise 2-D convolution: each input channel has its own `depthMultiplier` filters. */
export const depthwiseConv2d = depthwiseConvLayer({
  type: 'depthwiseConv2d',
  rank: 2,
  padding: (k) => k.padding,
  label: 'depthwise convolution',
  description: 'Gives each input channel its own filters (depthMultiplier of them); no filter mixes channels.',
  example: { input: [16, 16, 3], layer: { type: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 2 } },
  classes: ['DepthwiseConv2D'],
  diagram: 'DepthwiseConv',
});

export type DepthwiseConv2dLayer = (typeof depthwiseConv2d)['example']['layer'];
