import { poolLayer } from './internal/pool-layers';

/** Keeps the mean of each window; learns nothing. */
export const averagePooling2d = poolLayer({
  type: 'averagePooling2d',
  rank: 2,
  kind: 'Avg',
  label: 'average pooling',
  description: 'Keeps the mean of each window; learns nothing.',
  example: { input: [15, 15, 8], layer: { type: 'averagePooling2d', poolSize: 3, strides: 2 } },
  optionNotes: 'poolSize defaults to 2, strides to poolSize',
  classes: ['AveragePooling2D', 'AvgPool2D'],
  diagram: 'AvgPool',
});

export type AveragePooling2dLayer = (typeof averagePooling2d)['example']['layer'];
