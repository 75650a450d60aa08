import { depthwiseConvLayer } from './internal/conv-layers';

/** A depthwise 1-D convolution: each channel has its own `depthMultiplier` filters; 4 channels, 2 each of 3 → 32. */
export const depthwiseConv1d = depthwiseConvLayer({
  type: 'depthwiseConv1d',
  rank: 1,
  padding: (k) => k.padding1d,
  label: '1-D depthwise convolution',
  description:
    'Gives each channel of a sequence its own filters (depthMultiplier of them) along the steps; no filter mixes channels.',
  example: { input: [40, 4], layer: { type: 'depthwiseConv1d', kernelSize: 3, depthMultiplier: 2 } },
  classes: ['DepthwiseConv1D'],
  diagram: 'DepthwiseConv1D',
});

export type DepthwiseConv1dLayer = (typeof depthwiseConv1d)['example']['layer'];
