import { convLayer } from './internal/conv-layers';

/** A 2-D convolution: each filter spans all input channels; `c × (f × kh×kw) + f`. */
export const conv2d = convLayer({
  type: 'conv2d',
  rank: 2,
  padding: (k) => k.padding,
  label: 'convolution',
  description: 'Slides filters over height and width; each filter is as deep as its input and has one bias.',
  example: { input: [20, 20, 3], layer: { type: 'conv2d', filters: 2, kernelSize: 3, padding: 'same' } },
  classes: ['Conv2D', 'Convolution2D'],
  diagram: 'Conv2D',
});

export type Conv2dLayer = (typeof conv2d)['example']['layer'];
