import { poolLayer } from './internal/pool-layers';

/** Keeps the largest value of each window of steps: [100, 16] with poolSize 2 → [50, 16]; learns nothing. */
export const maxPooling1d = poolLayer({
  type: 'maxPooling1d',
  rank: 1,
  kind: 'Max',
  label: '1-D max pooling',
  description: 'Keeps the largest value of each window of steps, channel by channel; learns nothing.',
  example: { input: [100, 16], layer: { type: 'maxPooling1d', poolSize: 2 } },
  optionNotes: 'poolSize is n or [n] and defaults to 2, strides to poolSize; input [steps, channels]',
  classes: ['MaxPooling1D', 'MaxPool1D'],
  diagram: 'MaxPool1D',
});

export type MaxPooling1dLayer = (typeof maxPooling1d)['example']['layer'];
