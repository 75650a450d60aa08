import { globalPoolLayer } from './internal/pool-layers';

/** Keeps the largest value of each channel's whole volume: [4, 7, 7, 64] → [64]; learns nothing. */
export const globalMaxPooling3d = globalPoolLayer({
  type: 'globalMaxPooling3d',
  rank: 3,
  kind: 'Max',
  label: '3-D global max pooling',
  description: "Keeps each channel's largest value over its whole depth × height × width volume; learns nothing.",
  example: { input: [4, 7, 7, 64], layer: { type: 'globalMaxPooling3d' } },
  optionNotes: 'keepdims true keeps depth, height and width as size 1',
  classes: ['GlobalMaxPooling3D', 'GlobalMaxPool3D'],
  diagram: 'GlobalMaxPool3D',
});

export type GlobalMaxPooling3dLayer = (typeof globalMaxPooling3d)['example']['layer'];
