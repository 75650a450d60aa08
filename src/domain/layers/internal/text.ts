import type { Shape } from '../spec';

/** Two sizes as the lesson writes them: `by(3, 5) → '3×5'`. */
export const by = (...sizes: readonly (number | bigint)[]) => sizes.join('×');

/** A shape as the lesson writes it: `shapeText([20, 20, 3]) → '20×20×3'`. */
export const shapeText = (shape: Shape) => shape.join('×');

/** A count with its noun: `plural(1, 'bias', 'biases') → '1 bias'` (the PyTorch importer's BigInt counts too). */
export const plural = (n: number | bigint, one: string, many: string) => `${n} ${n === 1 || n === 1n ? one : many}`;

/** `' + 2 biases'` when the layer has biases, else nothing. */
export const biasText = (biases: number | bigint, useBias: boolean) =>
  useBias ? ` + ${plural(biases, 'bias', 'biases')}` : '';

/** A note for a layer built without biases, in Keras's words first. */
export const noBiasNote = (useBias: boolean) => (useBias ? '' : ' without bias (use_bias=False in Keras)');

/**
 * "a" or "an" before a word, as it is said: `article('Activation') → 'an'`, `article('LSTM') → 'an'`
 * (an acronym is spelled out, so it goes by its first letter's name), `article('Dense') → 'a'`.
 */
export const article = (word: string) =>
  /^[A-Z]{2}/.test(word) ? (/^[AEFHILMNORSX]/.test(word) ? 'an' : 'a') : /^[aeiou]/i.test(word) ? 'an' : 'a';
