import type { Network } from './schema/network';

/**
 * The classic exercise the lesson is built on, in the API's format: 20×20×3,
 * two zero-padded 3×3 convolutions (2 then 3 filters), flatten, dense 2 —
 * 56 + 57 + 0 + 2402 = 2515 parameters.
 */
export const TEXTBOOK_NETWORK: Network = {
  input: [20, 20, 3],
  layers: [
    { type: 'conv2d', filters: 2, kernelSize: 3, padding: 'same' },
    { type: 'conv2d', filters: 3, kernelSize: 3, padding: 'same' },
    { type: 'flatten' },
    { type: 'dense', units: 2 },
  ],
};
