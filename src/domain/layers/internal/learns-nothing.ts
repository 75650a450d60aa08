import type { LayerOutcome, Shape } from '../spec';

/** The outcome of a layer without parameters: `'flatten learns nothing (it only lays … out as 12 values): 0'`. */
export function nothingLearned(label: string, outputShape: Shape, why: string): LayerOutcome {
  return {
    outputShape,
    weights: 0n,
    biases: 0n,
    nonTrainable: 0n,
    explanation: `${label} learns nothing (${why}): 0`,
  };
}

/** A layer that neither learns nor changes the shape (activations, dropout, noise). */
export const passThrough = (label: string, input: Shape, why: string) => nothingLearned(label, input, why);
