import { elementwiseMerge } from './internal/merge';

/** Maximum: keeps the largest of its inputs at every position; learns nothing. */
export const maximum = elementwiseMerge({
  type: 'maximum',
  className: 'Maximum',
  label: 'maximum',
  verb: 'takes the maximum of',
  description: 'Keeps the largest of its inputs at every position; learns nothing.',
});
