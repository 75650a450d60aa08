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
