import { globalPoolLayer } from './internal/pool-layers';

/** Averages each channel's whole volume to one value: [4, 7, 7, 256] → [256] ([1, 1, 1, 256] with keepdims); learns nothing. */
export const globalAveragePooling3d = globalPoolLayer({
  type: 'globalAveragePooling3d',
  rank: 3,
  kind: 'Avg',
  label: '3-D global average pooling',
  description: "Averages each channel's whole depth × height × width volume to one value; learns nothing.",
  example: { input: [4, 7, 7, 256], layer: { type: 'globalAveragePooling3d' } },
  optionNotes: 'keepdims true keeps depth, height and width as size 1',
  classes: ['GlobalAveragePooling3D', 'GlobalAvgPool3D'],
  diagram: 'GlobalAvgPool3D',
});

export type GlobalAveragePooling3dLayer = (typeof globalAveragePooling3d)['example']['layer'];
