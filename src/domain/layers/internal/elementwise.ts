// What the activation layers share (Keras's layers/activations/): real-number options,
// Python floats for their code, and the names and numbering of a tensor's axes.
import type { SchemaKit } from '../../schema/layer-kit';
import type { LayerProblem, Shape } from '../spec';
import { shapeText } from './text';

/**
 * A real-number option, at least `min` when given (Keras refuses what it refuses, with its reason):
 * `real(k, 'theta', 0, 'a negative threshold')` accepts 1.5, refuses -1 and "1".
 */
export function real(k: SchemaKit, what: string, min?: number, refused?: string) {
  const number = k.z.number({
    error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be a finite number`),
  });
  return min === undefined
    ? number
    : number.min(min, { error: `${what} must be at least ${min}${refused ? ` (Keras refuses ${refused})` : ''}` });
}

/** A Python float literal, as Keras's configs write them: `pyFloat(6) → '6.0'`, `pyFloat(0.3) → '0.3'`. */
export const pyFloat = (value: number) => (Number.isInteger(value) ? value.toFixed(1) : String(value));

/** A number as the lesson writes it: `plain(6) → '6'`, `plain(0.25) → '0.25'`. */
export const plain = (value: number) => String(value);

/** The names of a tensor's axes, channels last: `axisNames(3) → ['height', 'width', 'channels']`. */
export function axisNames(rank: number): string[] {
  switch (rank) {
    case 1:
      return ['values'];
    case 2:
      return ['steps', 'channels'];
    case 3:
      return ['height', 'width', 'channels'];
    case 4:
      return ['depth', 'height', 'width', 'channels'];
    default:
      return Array.from({ length: rank }, (_, i) => `axis ${i + 1}`);
  }
}

/** Words in a list: `listWords(['height', 'width', 'channels']) → 'height, width and channels'`. */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** How Keras numbers the axes of an input (the batch axis is 0): `'1 height, 2 width, 3 channels'`. */
export const axisNumbering = (rank: number) =>
  axisNames(rank)
    .map((name, i) => `${i + 1} ${name}`)
    .join(', ');

/**
 * The 0-based index of a Keras axis (1 to rank, or −rank to −1 from the end; 0 is the batch axis) in a
 * shape without the batch axis, or why it is not one: `featureAxis(-1, [8, 8, 3], ['axis']) → 2`.
 */
export function featureAxis(axis: number, input: Shape, path: (string | number)[]): number | LayerProblem[] {
  const rank = input.length;
  if (axis >= 1 && axis <= rank) return axis - 1;
  if (axis <= -1 && axis >= -rank) return rank + axis;
  const why =
    axis === 0
      ? 'axis 0 is the batch axis, across the examples of a batch'
      : `the ${shapeText(input)} input has ${rank} ${rank === 1 ? 'axis' : 'axes'}`;
  return [
    {
      path,
      message: `${axis} is not an axis of the ${shapeText(input)} input: ${why}; Keras numbers them ${axisNumbering(rank)} (or -1 for the last)`,
    },
  ];
}
