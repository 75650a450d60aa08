import { poolLayer } from './internal/pool-layers';

/** Keeps the largest value of each window; learns nothing. */
export const maxPooling2d = poolLayer({
  type: 'maxPooling2d',
  rank: 2,
  kind: 'Max',
  label: 'max pooling',
  description: 'Keeps the largest value of each window; learns nothing.',
  example: { input: [16, 16, 8], layer: { type: 'maxPooling2d', poolSize: 2 } },
  optionNotes: 'poolSize defaults to 2, strides to poolSize',
  classes: ['MaxPooling2D', 'MaxPool2D'],
  diagram: 'MaxPool',
});

export type MaxPooling2dLayer = (typeof maxPooling2d)['example']['layer'];
