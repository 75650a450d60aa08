import { globalPoolLayer } from './internal/pool-layers';

/** Averages each channel's whole map to one value; learns nothing. */
export const globalAveragePooling2d = globalPoolLayer({
  type: 'globalAveragePooling2d',
  rank: 2,
  kind: 'Avg',
  label: 'global average pooling',
  description: "Averages each channel's whole map to one value; learns nothing.",
  example: { input: [7, 7, 64], layer: { type: 'globalAveragePooling2d' } },
  classes: ['GlobalAveragePooling2D', 'GlobalAvgPool2D'],
  diagram: 'GlobalAvgPool',
});

export type GlobalAveragePooling2dLayer = (typeof globalAveragePooling2d)['example']['layer'];
