import { poolLayer } from './internal/pool-layers';

/** Keeps the mean of each box-shaped window: [8, 32, 32, 16] with poolSize [1, 2, 2] → [8, 16, 16, 16]; learns nothing. */
export const averagePooling3d = poolLayer({
  type: 'averagePooling3d',
  rank: 3,
  kind: 'Avg',
  label: '3-D average pooling',
  description: 'Keeps the mean of each depth × height × width window, channel by channel; learns nothing.',
  example: { input: [8, 32, 32, 16], layer: { type: 'averagePooling3d', poolSize: [1, 2, 2] } },
  optionNotes: 'poolSize is n or [depth, height, width] and defaults to 2, strides to poolSize',
  classes: ['AveragePooling3D', 'AvgPool3D'],
  diagram: 'AvgPool3D',
});

export type AveragePooling3dLayer = (typeof averagePooling3d)['example']['layer'];
