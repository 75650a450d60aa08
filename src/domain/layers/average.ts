import { elementwiseMerge } from './internal/merge';

/** Average: averages its inputs value by value; learns nothing. */
export const average = elementwiseMerge({
  type: 'average',
  className: 'Average',
  label: 'average',
  verb: 'averages',
  description: 'Averages its inputs value by value; learns nothing.',
  torch: (n) => `(${n.join(' + ')}) / ${n.length}`,
});
