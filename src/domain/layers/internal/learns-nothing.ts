import type { LayerOutcome, Shape } from '../spec';
import { shapeText } from './text';

/** The shape of a layer that leaves it as it is: `keptShape([20, 20, 8]) → 'the shape is unchanged: 20×20×8'`. */
export const keptShape = (input: Shape) => `the shape is unchanged: ${shapeText(input)}`;

/**
 * The outcome of a layer without parameters, with its shape's arithmetic:
 * `'flatten learns nothing (it only lays … out as 12 values): 0'`. A layer that grows a size past 2^53 − 1 gives
 * the shape exactly too (`exactShape`, BigInts), for the refusal that quotes it.
 */
export function nothingLearned(
  label: string,
  outputShape: Shape,
  why: string,
  shapeExplanation: string,
  exactShape?: readonly bigint[],
): LayerOutcome {
  return {
    outputShape,
    exactShape,
    weights: 0,
    biases: 0,
    nonTrainable: 0,
    explanation: `${label} learns nothing (${why}): 0`,
    shapeExplanation,
  };
}

/** A layer that neither learns nor changes the shape (activations, dropout, noise). */
export const passThrough = (label: string, input: Shape, why: string) =>
  nothingLearned(label, input, why, keptShape(input));
