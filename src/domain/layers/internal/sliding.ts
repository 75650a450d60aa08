import { dilatedSize, transposedOutputLength, windowOutputLength, type Padding } from '../../window';
import type { LayerProblem } from '../spec';
import { by } from './text';

/** A window's padding: Keras's `'valid'` or `'same'`, or a 1-D convolution's `'causal'` (all of it on the left). */
export type WindowPadding = Padding | 'causal';

/** A sliding window over n spatial axes. */
export interface SlidingWindow {
  kernel: bigint[];
  strides: bigint[];
  dilation: bigint[];
  padding: WindowPadding;
  option: 'kernelSize' | 'poolSize';
}

// "causal" pads k′ − 1 on the left only, which leaves ceil(n / s) positions, exactly as "same" does.
const lengthPadding = (padding: WindowPadding): Padding => (padding === 'causal' ? 'same' : padding);

const refuseDilatedStrides = (win: SlidingWindow): LayerProblem[] =>
  win.dilation.some((d) => d > 1n) && win.strides.some((s) => s > 1n)
    ? [
        {
          path: ['dilationRate'],
          message: `dilationRate above 1 cannot be combined with strides above 1 (Keras refuses it); use one or the other`,
        },
      ]
    : [];

/**
 * Output sizes of a sliding window along each axis, or why it does not fit:
 * `slide('convolution', [20n, 20n], {kernel: [3n, 3n], strides: [1n, 1n], dilation: [1n, 1n], padding: 'valid', …}) → [18n, 18n]`.
 */
export function slide(label: string, sizes: readonly bigint[], win: SlidingWindow): bigint[] | LayerProblem[] {
  const refused = refuseDilatedStrides(win);
  if (refused.length > 0) return refused;
  const spans = win.kernel.map((k, i) => dilatedSize(k, win.dilation[i] ?? 1n));
  const out = sizes.map((size, i) =>
    windowOutputLength(size, spans[i] ?? 1n, win.strides[i] ?? 1n, lengthPadding(win.padding)),
  );
  if (out.some((o) => o < 1n)) {
    const what = win.option === 'kernelSize' ? 'kernel' : 'pool window';
    const dilated = win.dilation.some((d) => d > 1n) ? ` (${by(...spans)} once dilated)` : '';
    return [
      {
        path: [win.option],
        message: `the ${by(...win.kernel)} ${what}${dilated} of this ${label} layer is larger than its ${by(...sizes)} input with "valid" padding, so no output is left; use a smaller ${what} or padding "same"`,
      },
    ];
  }
  return out;
}

/** Output sizes of a transposed convolution along each axis (Keras's `deconv_output_length`), or why not. */
export function slideTransposed(sizes: readonly bigint[], win: SlidingWindow): bigint[] | LayerProblem[] {
  const refused = refuseDilatedStrides(win);
  if (refused.length > 0) return refused;
  return sizes.map((size, i) =>
    transposedOutputLength(
      size,
      dilatedSize(win.kernel[i] ?? 1n, win.dilation[i] ?? 1n),
      win.strides[i] ?? 1n,
      lengthPadding(win.padding),
    ),
  );
}
