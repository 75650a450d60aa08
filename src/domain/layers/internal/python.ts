import { kerasActivationName } from '../../activations';
import { axes, type AxesOption } from './axes';

/** A Python tuple: `tuple([3, 3]) → '(3, 3)'`, `tuple([5]) → '(5,)'`. */
export const tuple = (values: readonly (number | string)[]) =>
  values.length === 1 ? `(${values[0]},)` : `(${values.join(', ')})`;

/** Keyword arguments in Python syntax, leaving out those equal to the framework default. */
export function kwargs(entries: [string, string | undefined][]): string {
  return entries
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

/** An n-D option as a tuple, or nothing when every axis is the default. */
export const axesArg = (option: AxesOption, rank: number, fallback: number) => {
  const values = axes(option, rank, fallback);
  return values.every((v) => v === fallback) ? undefined : tuple(values);
};

export const paddingArg = (padding: 'valid' | 'same' | undefined) => (padding === 'same' ? '"same"' : undefined);
export const biasArg = (useBias: boolean | undefined) => (useBias === false ? 'False' : undefined);
export const pyString = (value: string | undefined) => (value === undefined ? undefined : JSON.stringify(value));
export const dataFormatArg = (format: string | undefined) =>
  format === 'channels_first' ? '"channels_first"' : undefined;
/** `activation="relu"` as Keras 3 spells it (`logSoftmax` → `"log_softmax"`), left out for Keras's default (`linear`). */
export const activationArg = (activation: string | undefined) =>
  activation === undefined || activation === 'linear' ? undefined : JSON.stringify(kerasActivationName(activation));

/** Keras "same" padding on one axis as PyTorch needs it: [before, after]. */
export function samePadding(input: number, window: number, stride: number): [number, number] {
  const out = Math.ceil(input / stride);
  const total = Math.max((out - 1) * stride + window - input, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/**
 * A PyTorch zero-padding module for per-axis [before, after] amounts (axes in Keras order),
 * or none when nothing is padded: `zeroPadModule([[0, 1], [0, 1]]) → ['nn.ZeroPad2d((0, 1, 0, 1))']`.
 */
export function zeroPadModule(sides: readonly (readonly [number, number])[]): string[] {
  if (sides.every(([a, b]) => a === 0 && b === 0)) return [];
  // PyTorch lists the last axis first.
  const flat = [...sides].reverse().flatMap(([a, b]) => [a, b]);
  return sides.length === 2
    ? [`nn.ZeroPad2d(${tuple(flat)})`]
    : [`nn.ConstantPad${sides.length}d(${tuple(flat)}, 0.0)`];
}
