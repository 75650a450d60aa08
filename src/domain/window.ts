import { ceilQuotient } from './exact';

/** Padding mode of a sliding window, as in Keras. */
export type Padding = 'valid' | 'same';

/** Spread of a kernel once dilated: `dilatedSize(3, 2) → 5`. */
export function dilatedSize(kernel: number, dilation: number): number {
  return (kernel - 1) * dilation + 1;
}

/**
 * Output length of a convolution or pooling window along one axis (Keras
 * `conv_output_length`): `windowOutputLength(20, 3, 1, 'valid') → 18`,
 * `windowOutputLength(20, 3, 2, 'same') → 10`. The window is already dilated.
 */
export function windowOutputLength(input: number, window: number, stride: number, padding: Padding): number {
  if (padding === 'same') return ceilQuotient(input, stride);
  const span = input - window + 1;
  return span <= 0 ? 0 : ceilQuotient(span, stride);
}

/**
 * Output length of a transposed convolution along one axis (Keras
 * `deconv_output_length` without output padding): `transposedOutputLength(4, 3, 2, 'valid') → 9`.
 * It grows the input: check the result with `isExact`.
 */
export function transposedOutputLength(input: number, window: number, stride: number, padding: Padding): number {
  if (padding === 'same') return input * stride;
  const extra = window - stride;
  return input * stride + (extra > 0 ? extra : 0);
}

/** The same as `transposedOutputLength`, exactly, for a size past 2^53 − 1: `exactTransposedLength(4, 3, 2, 'valid') → 9n`. */
export function exactTransposedLength(input: number, window: number, stride: number, padding: Padding): bigint {
  const extra = padding === 'same' ? 0 : Math.max(window - stride, 0);
  return BigInt(input) * BigInt(stride) + BigInt(extra);
}

/** The arithmetic of `dilatedSize`, in the lesson's form: `dilatedWork(3, 2) → '3 + (3 − 1) × (2 − 1) = 5'`. */
export function dilatedWork(kernel: number, dilation: number): string {
  return `${kernel} + (${kernel} − 1) × (${dilation} − 1) = ${dilatedSize(kernel, dilation)}`;
}

/**
 * The arithmetic of `windowOutputLength`, in the lesson's form (the window already dilated):
 * `windowWork(15, 3, 1, 'valid') → '⌊(15 − 3) / 1⌋ + 1 = 13'`, `windowWork(15, 3, 2, 'same') → '⌈15 / 2⌉ = 8'`.
 */
export function windowWork(input: number, window: number, stride: number, padding: Padding): string {
  const out = windowOutputLength(input, window, stride, padding);
  return padding === 'same' ? `⌈${input} / ${stride}⌉ = ${out}` : `⌊(${input} − ${window}) / ${stride}⌋ + 1 = ${out}`;
}

/**
 * The arithmetic of `transposedOutputLength`: `transposedWork(23, 3, 2, 'valid') → '(23 − 1) × 2 + 3 = 47'`,
 * `transposedWork(23, 3, 2, 'same') → '23 × 2 = 46'`; a valid window narrower than the stride leaves
 * input × stride: `transposedWork(4, 2, 3, 'valid') → '4 × 3 = 12 (the kernel of 2 is narrower than the stride 3)'`.
 */
export function transposedWork(input: number, window: number, stride: number, padding: Padding): string {
  const out = transposedOutputLength(input, window, stride, padding);
  if (padding === 'same') return `${input} × ${stride} = ${out}`;
  if (window < stride)
    return `${input} × ${stride} = ${out} (the kernel of ${window} is narrower than the stride ${stride})`;
  return `(${input} − 1) × ${stride} + ${window} = ${out}`;
}
