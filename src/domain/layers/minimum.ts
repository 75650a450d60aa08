import { elementwiseMerge } from './internal/merge';

/** Minimum: keeps the smallest of its inputs at every position; learns nothing. */
export const minimum = elementwiseMerge({
  type: 'minimum',
  className: 'Minimum',
  label: 'minimum',
  verb: 'takes the minimum of',
  description: 'Keeps the smallest of its inputs at every position; learns nothing.',
  torch: (n) => n.slice(1).reduce((a, b) => `torch.minimum(${a}, ${b})`, n[0] ?? ''),
});
