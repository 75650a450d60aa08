import { convTransposeLayer } from './internal/conv-layers';

/** A transposed 3-D convolution: it grows a volume (4×4×4, stride 2, same → 8×8×8); a convolution's count. */
export const conv3dTranspose = convTransposeLayer({
  type: 'conv3dTranspose',
  rank: 3,
  padding: (k) => k.padding,
  label: '3-D transposed convolution',
  description:
    'Grows depth, height and width (by its strides); learns as many weights as a 3-D convolution with the same filters and kernel.',
  example: {
    input: [4, 4, 4, 8],
    layer: { type: 'conv3dTranspose', filters: 4, kernelSize: 3, strides: 2, padding: 'same' },
  },
  classes: ['Conv3DTranspose', 'Convolution3DTranspose'],
  outputPaddingRefusal: 'Conv3DTranspose with output_padding is not supported; leave it out (null) to count the layer',
  diagram: 'Conv3DTranspose',
});

export type Conv3dTransposeLayer = (typeof conv3dTranspose)['example']['layer'];
