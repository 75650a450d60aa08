import { globalPoolLayer } from './internal/pool-layers';

/** Averages each channel over all its steps: [50, 64] → [64] ([1, 64] with keepdims); learns nothing. */
export const globalAveragePooling1d = globalPoolLayer({
  type: 'globalAveragePooling1d',
  rank: 1,
  kind: 'Avg',
  label: '1-D global average pooling',
  description: 'Averages each channel over all its steps to one value; learns nothing.',
  example: { input: [50, 64], layer: { type: 'globalAveragePooling1d' } },
  optionNotes: 'keepdims true keeps the steps axis as size 1',
  classes: ['GlobalAveragePooling1D', 'GlobalAvgPool1D'],
  diagram: 'GlobalAvgPool1D',
});

export type GlobalAveragePooling1dLayer = (typeof globalAveragePooling1d)['example']['layer'];
