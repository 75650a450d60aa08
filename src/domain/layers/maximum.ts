import { elementwiseMerge } from './internal/merge';

/** Maximum: keeps the largest of its inputs at every position; learns nothing. */
export const maximum = elementwiseMerge({
  type: 'maximum',
  className: 'Maximum',
  label: 'maximum',
  verb: 'takes the maximum of',
  description: 'Keeps the largest of its inputs at every position; learns nothing.',
  torch: (n) => n.slice(1).reduce((a, b) => `torch.maximum(${a}, ${b})`, n[0] ?? ''),
});
