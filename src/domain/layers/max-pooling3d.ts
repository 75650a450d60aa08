import { poolLayer } from './internal/pool-layers';

/** Keeps the largest value of each box-shaped window: [16, 16, 16, 8] with poolSize 2 → [8, 8, 8, 8]; learns nothing. */
export const maxPooling3d = poolLayer({
  type: 'maxPooling3d',
  rank: 3,
  kind: 'Max',
  label: '3-D max pooling',
  description: 'Keeps the largest value of each depth × height × width window, channel by channel; learns nothing.',
  example: { input: [16, 16, 16, 8], layer: { type: 'maxPooling3d', poolSize: 2 } },
  optionNotes: 'poolSize is n or [depth, height, width] and defaults to 2, strides to poolSize',
  classes: ['MaxPooling3D', 'MaxPool3D'],
  diagram: 'MaxPool3D',
});

export type MaxPooling3dLayer = (typeof maxPooling3d)['example']['layer'];
