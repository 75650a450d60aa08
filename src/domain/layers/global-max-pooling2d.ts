import { globalPoolLayer } from './internal/pool-layers';

/** Keeps each channel's largest value; learns nothing. */
export const globalMaxPooling2d = globalPoolLayer({
  type: 'globalMaxPooling2d',
  rank: 2,
  kind: 'Max',
  label: 'global max pooling',
  description: "Keeps each channel's largest value; learns nothing.",
  example: { input: [7, 7, 64], layer: { type: 'globalMaxPooling2d' } },
  classes: ['GlobalMaxPooling2D', 'GlobalMaxPool2D'],
  diagram: 'GlobalMaxPool',
});

export type GlobalMaxPooling2dLayer = (typeof globalMaxPooling2d)['example']['layer'];
