import { elementwiseMerge } from './internal/merge';

/** Subtract: subtracts its second input from its first, value by value; learns nothing. */
export const subtract = elementwiseMerge({
  type: 'subtract',
  className: 'Subtract',
  label: 'subtract',
  verb: 'subtracts',
  description: 'Subtracts its second input from its first, value by value; learns nothing.',
  torch: (n) => `${n[0]} - ${n[1]}`,
  exactlyTwo: true,
  describeInputs: ({ each: [first, second] }) => `subtracts ${second} from ${first}`,
});
