import { globalPoolLayer } from './internal/pool-layers';

/** Keeps the largest value of each channel over all its steps: [50, 64] → [64]; learns nothing. */
export const globalMaxPooling1d = globalPoolLayer({
  type: 'globalMaxPooling1d',
  rank: 1,
  kind: 'Max',
  label: '1-D global max pooling',
  description: "Keeps each channel's largest value over all its steps; learns nothing.",
  example: { input: [50, 64], layer: { type: 'globalMaxPooling1d' } },
  optionNotes: 'keepdims true keeps the steps axis as size 1',
  classes: ['GlobalMaxPooling1D', 'GlobalMaxPool1D'],
  diagram: 'GlobalMaxPool1D',
});

export type GlobalMaxPooling1dLayer = (typeof globalMaxPooling1d)['example']['layer'];
