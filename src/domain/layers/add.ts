import { elementwiseMerge } from './internal/merge';

/** Add: adds its inputs value by value (the sum of a residual connection); learns nothing. */
export const add = elementwiseMerge({
  type: 'add',
  className: 'Add',
  label: 'add',
  verb: 'adds',
  description: 'Adds its inputs value by value (the sum of a residual connection); learns nothing.',
  torch: (n) => n.join(' + '),
});
