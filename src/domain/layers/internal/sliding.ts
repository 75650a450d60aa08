import {
  dilatedSize,
  dilatedWork,
  transposedOutputLength,
  transposedWork,
  windowOutputLength,
  windowWork,
  type Padding,
} from '../../window';
import type { LayerProblem } from '../spec';
import { axesWork } from './spatial';
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

/** A window's output sizes along each axis, and the arithmetic that gave them, in the lesson's terms. */
export interface Slid {
  sizes: bigint[];
  /** `'valid padding: height ⌊(15 − 3) / 1⌋ + 1 = 13, width ⌊(16 − 3) / 1⌋ + 1 = 14'`, dilated spans first. */
  work: string;
}

const PADDING_WORDS: Record<WindowPadding, string> = {
  valid: 'valid padding',
  same: 'same padding',
  causal: 'causal padding (all of it before the first step, so the length is worked as with same)',
};

/** The dilated kernel's spans, when a dilation spreads it: `'the 3×3 kernel dilated by 2 spans height and width 3 + (3 − 1) × (2 − 1) = 5'`. */
function spansWork(win: SlidingWindow): string {
  if (!win.dilation.some((d) => d > 1n)) return '';
  const steps = win.kernel.map((k, i) => dilatedWork(k, win.dilation[i] ?? 1n));
  const rates = win.dilation.every((d) => d === win.dilation[0]) ? String(win.dilation[0]) : by(...win.dilation);
  return `the ${by(...win.kernel)} kernel dilated by ${rates} spans ${axesWork(steps)}; `;
}

/**
 * Output sizes of a sliding window along each axis with their arithmetic, or why it does not fit:
 * `slide('convolution', [20n, 20n], {kernel: [3n, 3n], strides: [1n, 1n], dilation: [1n, 1n], padding: 'valid', …})
 * → {sizes: [18n, 18n], work: 'valid padding: height and width ⌊(20 − 3) / 1⌋ + 1 = 18'}`.
 */
export function slide(label: string, sizes: readonly bigint[], win: SlidingWindow): Slid | LayerProblem[] {
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
  const steps = sizes.map((size, i) =>
    windowWork(size, spans[i] ?? 1n, win.strides[i] ?? 1n, lengthPadding(win.padding)),
  );
  return { sizes: out, work: `${spansWork(win)}${PADDING_WORDS[win.padding]}: ${axesWork(steps)}` };
}

/**
 * Output sizes of a transposed convolution along each axis (Keras's `deconv_output_length`) with their
 * arithmetic, or why not: 23×23, kernel 3, stride 2, valid → `{sizes: [47n, 47n], work: 'valid padding: height and
 * width (23 − 1) × 2 + 3 = 47'}`.
 */
export function slideTransposed(sizes: readonly bigint[], win: SlidingWindow): Slid | LayerProblem[] {
  const refused = refuseDilatedStrides(win);
  if (refused.length > 0) return refused;
  const padding = lengthPadding(win.padding);
  const spans = win.kernel.map((k, i) => dilatedSize(k, win.dilation[i] ?? 1n));
  const out = sizes.map((size, i) => transposedOutputLength(size, spans[i] ?? 1n, win.strides[i] ?? 1n, padding));
  const steps = sizes.map((size, i) => transposedWork(size, spans[i] ?? 1n, win.strides[i] ?? 1n, padding));
  const rule = padding === 'same' ? 'input × stride' : '(input − 1) × stride + kernel';
  return {
    sizes: out,
    work: `${spansWork(win)}${PADDING_WORDS[win.padding]} grows a transposed convolution to ${rule}: ${axesWork(steps)}`,
  };
}
