/** Padding mode of a sliding window, as in Keras. */
export type Padding = 'valid' | 'same';

/** Spread of a kernel once dilated: `dilatedSize(3n, 2n) → 5n`. */
export function dilatedSize(kernel: bigint, dilation: bigint): bigint {
  return (kernel - 1n) * dilation + 1n;
}

/**
 * Output length of a convolution or pooling window along one axis (Keras
 * `conv_output_length`): `windowOutputLength(20n, 3n, 1n, 'valid') → 18n`,
 * `windowOutputLength(20n, 3n, 2n, 'same') → 10n`. The window is already dilated.
 */
export function windowOutputLength(input: bigint, window: bigint, stride: bigint, padding: Padding): bigint {
  // Integer ceil division: ceil(a / b) = (a + b − 1) / b for a ≥ 0.
  if (padding === 'same') return (input + stride - 1n) / stride;
  const span = input - window + 1n;
  return span <= 0n ? 0n : (span + stride - 1n) / stride;
}

/**
 * Output length of a transposed convolution along one axis (Keras
 * `deconv_output_length` without output padding): `transposedOutputLength(4n, 3n, 2n, 'valid') → 9n`.
 */
export function transposedOutputLength(input: bigint, window: bigint, stride: bigint, padding: Padding): bigint {
  if (padding === 'same') return input * stride;
  const extra = window - stride;
  return input * stride + (extra > 0n ? extra : 0n);
}

/** The arithmetic of `dilatedSize`, in the lesson's form: `dilatedWork(3n, 2n) → '3 + (3 − 1) × (2 − 1) = 5'`. */
export function dilatedWork(kernel: bigint, dilation: bigint): string {
  return `${kernel} + (${kernel} − 1) × (${dilation} − 1) = ${dilatedSize(kernel, dilation)}`;
}

/**
 * The arithmetic of `windowOutputLength`, in the lesson's form (the window already dilated):
 * `windowWork(15n, 3n, 1n, 'valid') → '⌊(15 − 3) / 1⌋ + 1 = 13'`, `windowWork(15n, 3n, 2n, 'same') → '⌈15 / 2⌉ = 8'`.
 */
export function windowWork(input: bigint, window: bigint, stride: bigint, padding: Padding): string {
  const out = windowOutputLength(input, window, stride, padding);
  return padding === 'same' ? `⌈${input} / ${stride}⌉ = ${out}` : `⌊(${input} − ${window}) / ${stride}⌋ + 1 = ${out}`;
}

/**
 * The arithmetic of `transposedOutputLength`: `transposedWork(23n, 3n, 2n, 'valid') → '(23 − 1) × 2 + 3 = 47'`,
 * `transposedWork(23n, 3n, 2n, 'same') → '23 × 2 = 46'`; a valid window narrower than the stride leaves
 * input × stride: `transposedWork(4n, 2n, 3n, 'valid') → '4 × 3 = 12 (the kernel of 2 is narrower than the stride 3)'`.
 */
export function transposedWork(input: bigint, window: bigint, stride: bigint, padding: Padding): string {
  const out = transposedOutputLength(input, window, stride, padding);
  if (padding === 'same') return `${input} × ${stride} = ${out}`;
  if (window < stride)
    return `${input} × ${stride} = ${out} (the kernel of ${window} is narrower than the stride ${stride})`;
  return `(${input} − 1) × ${stride} + ${window} = ${out}`;
}
