import { convLayer } from './internal/conv-layers';

/** A 3-D convolution over depth, height and width: `c × (f × kd×kh×kw) + f`; 1 channel, 8 of 3×3×3 → 224. */
export const conv3d = convLayer({
  type: 'conv3d',
  rank: 3,
  padding: (k) => k.padding,
  label: '3-D convolution',
  description:
    'Slides filters over depth, height and width (a video or a scan); each filter spans all input channels and has one bias.',
  example: { input: [16, 16, 16, 1], layer: { type: 'conv3d', filters: 8, kernelSize: 3 } },
  optionNotes: 'kernelSize, strides and dilationRate take n or [depth, height, width]',
  classes: ['Conv3D', 'Convolution3D'],
  diagram: 'Conv3D',
});

export type Conv3dLayer = (typeof conv3d)['example']['layer'];
