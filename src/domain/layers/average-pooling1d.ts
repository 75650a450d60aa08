import { poolLayer } from './internal/pool-layers';

/** Keeps the mean of each window of steps: [100, 16] with poolSize 3, strides 2, padding same → [50, 16]; learns nothing. */
export const averagePooling1d = poolLayer({
  type: 'averagePooling1d',
  rank: 1,
  kind: 'Avg',
  label: '1-D average pooling',
  description: 'Keeps the mean of each window of steps, channel by channel; learns nothing.',
  example: { input: [100, 16], layer: { type: 'averagePooling1d', poolSize: 3, strides: 2, padding: 'same' } },
  optionNotes: 'poolSize is n or [n] and defaults to 2, strides to poolSize; input [steps, channels]',
  classes: ['AveragePooling1D', 'AvgPool1D'],
  diagram: 'AvgPool1D',
});

export type AveragePooling1dLayer = (typeof averagePooling1d)['example']['layer'];
