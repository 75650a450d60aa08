import { elementwiseMerge } from './internal/merge';

/** Multiply: multiplies its inputs value by value (the gate of a squeeze-and-excitation block); learns nothing. */
export const multiply = elementwiseMerge({
  type: 'multiply',
  className: 'Multiply',
  label: 'multiply',
  verb: 'multiplies',
  description: 'Multiplies its inputs value by value (the gate of a squeeze-and-excitation block); learns nothing.',
  torch: (n) => n.join(' * '),
});
