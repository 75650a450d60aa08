import { allExact, quotient } from '../../exact';
import {
  dilatedSize,
  dilatedWork,
  exactTransposedLength,
  transposedOutputLength,
  transposedWork,
  windowOutputLength,
  windowWork,
  type Padding,
} from '../../window';
import type { ShapeMistakeCode } from '../../mistakes';
import type { LayerProblem } from '../spec';
import { axesWork } from './spatial';
import { by } from './text';

/** A window's padding: Keras's `'valid'` or `'same'`, or a 1-D convolution's `'causal'` (all of it on the left). */
export type WindowPadding = Padding | 'causal';

/** A sliding window over n spatial axes. */
export interface SlidingWindow {
  kernel: readonly number[];
  strides: readonly number[];
  dilation: readonly number[];
  padding: WindowPadding;
  option: 'kernelSize' | 'poolSize';
}

// "causal" pads k′ − 1 on the left only, which leaves ceil(n / s) positions, exactly as "same" does.
const lengthPadding = (padding: WindowPadding): Padding => (padding === 'causal' ? 'same' : padding);

const refuseDilatedStrides = (win: SlidingWindow): LayerProblem[] =>
  win.dilation.some((d) => d > 1) && win.strides.some((s) => s > 1)
    ? [
        {
          path: ['dilationRate'],
          message: `dilationRate above 1 cannot be combined with strides above 1 (Keras refuses it); use one or the other`,
        },
      ]
    : [];

/** A window's output sizes along each axis, and the arithmetic that gave them, in the lesson's terms. */
export interface Slid {
  sizes: number[];
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
  if (!win.dilation.some((d) => d > 1)) return '';
  const steps = win.kernel.map((k, i) => dilatedWork(k, win.dilation[i] ?? 1));
  const rates = win.dilation.every((d) => d === win.dilation[0]) ? String(win.dilation[0]) : by(...win.dilation);
  return `the ${by(...win.kernel)} kernel dilated by ${rates} spans ${axesWork(steps)}; `;
}

/**
 * Output sizes of a sliding window along each axis with their arithmetic, or why it does not fit:
 * `slide('convolution', [20, 20], {kernel: [3, 3], strides: [1, 1], dilation: [1, 1], padding: 'valid', …})
 * → {sizes: [18, 18], work: 'valid padding: height and width ⌊(20 − 3) / 1⌋ + 1 = 18'}`.
 */
export function slide(label: string, sizes: readonly number[], win: SlidingWindow): Slid | LayerProblem[] {
  const refused = refuseDilatedStrides(win);
  if (refused.length > 0) return refused;
  const spans = win.kernel.map((k, i) => dilatedSize(k, win.dilation[i] ?? 1));
  const out = sizes.map((size, i) =>
    windowOutputLength(size, spans[i] ?? 1, win.strides[i] ?? 1, lengthPadding(win.padding)),
  );
  if (out.some((o) => o < 1)) {
    const what = win.option === 'kernelSize' ? 'kernel' : 'pool window';
    const dilated = win.dilation.some((d) => d > 1) ? ` (${by(...spans)} once dilated)` : '';
    return [
      {
        path: [win.option],
        message: `the ${by(...win.kernel)} ${what}${dilated} of this ${label} layer is larger than its ${by(...sizes)} input with "valid" padding, so no output is left; use a smaller ${what} or padding "same"`,
      },
    ];
  }
  const steps = sizes.map((size, i) =>
    windowWork(size, spans[i] ?? 1, win.strides[i] ?? 1, lengthPadding(win.padding)),
  );
  return { sizes: out, work: `${spansWork(win)}${PADDING_WORDS[win.padding]}: ${axesWork(steps)}` };
}

/**
 * Output sizes of a transposed convolution along each axis (Keras's `deconv_output_length`) with their
 * arithmetic, or why not: 23×23, kernel 3, stride 2, valid → `{sizes: [47, 47], work: 'valid padding: height and
 * width (23 − 1) × 2 + 3 = 47'}`. The sizes grow: `exact` holds them as BigInts when one passes 2^53 − 1.
 */
export function slideTransposed(
  sizes: readonly number[],
  win: SlidingWindow,
): (Slid & { exact?: bigint[] | undefined }) | LayerProblem[] {
  const refused = refuseDilatedStrides(win);
  if (refused.length > 0) return refused;
  const padding = lengthPadding(win.padding);
  const spans = win.kernel.map((k, i) => dilatedSize(k, win.dilation[i] ?? 1));
  const out = sizes.map((size, i) => transposedOutputLength(size, spans[i] ?? 1, win.strides[i] ?? 1, padding));
  const exact = allExact(out)
    ? undefined
    : sizes.map((size, i) => exactTransposedLength(size, spans[i] ?? 1, win.strides[i] ?? 1, padding));
  const steps = sizes.map((size, i) => transposedWork(size, spans[i] ?? 1, win.strides[i] ?? 1, padding));
  const rule = padding === 'same' ? 'input × stride' : '(input − 1) × stride + kernel';
  return {
    sizes: out,
    exact,
    work: `${spansWork(win)}${PADDING_WORDS[win.padding]} grows a transposed convolution to ${rule}: ${axesWork(steps)}`,
  };
}

/** A slip in working out a window's output sizes: its code, the sizes it gives and what went wrong, in words. */
export interface WindowSlip {
  code: ShapeMistakeCode;
  sizes: number[];
  /** `'You left out the stride of 2: the window moves 2 at a time'` (the right arithmetic follows it). */
  what: string;
}

/** How the window is used: a convolution's kernel, a pooling window (its stride the pool size unless given), or a transposed convolution's. */
export type WindowUse = 'conv' | 'pool' | 'pool-default-stride' | 'transposed';

const steps = (values: readonly number[]) => (values.every((v) => v === values[0]) ? String(values[0]) : by(...values));

/**
 * The sizes each known slip gives for a window along every axis, the slips that change nothing left out:
 * 15×16, kernel 3, valid → same-instead-of-valid gives 15×16 (right: 13×14), forgot-plus-one 12×13, ….
 */
export function windowSlips(sizes: readonly number[], win: SlidingWindow, use: WindowUse): WindowSlip[] {
  const transposed = use === 'transposed';
  const padding = lengthPadding(win.padding);
  const ones = win.kernel.map(() => 1);
  const span = (dilation: readonly number[]) => win.kernel.map((k, i) => dilatedSize(k, dilation[i] ?? 1));
  const spans = span(win.dilation);
  const length = (strides: readonly number[], spread: readonly number[], pad: Padding) =>
    sizes.map((n, i) =>
      (transposed ? transposedOutputLength : windowOutputLength)(n, spread[i] ?? 1, strides[i] ?? 1, pad),
    );
  const right = length(win.strides, spans, padding);
  const what = use === 'conv' || transposed ? 'kernel' : 'pool window';
  const slips: WindowSlip[] = [];
  if (win.padding === 'valid') {
    slips.push({
      code: 'same-instead-of-valid',
      sizes: length(win.strides, spans, 'same'),
      what: transposed
        ? 'You used same padding’s input × stride; valid padding also adds the overhang of the kernel, (input − 1) × stride + kernel'
        : `You kept the size as same padding would; valid padding adds no zeros, so the ${what} must fit inside the input: ⌊(input − ${what === 'kernel' ? 'kernel' : 'pool'}) / stride⌋ + 1`,
    });
  } else {
    slips.push({
      code: 'valid-instead-of-same',
      sizes: length(win.strides, spans, 'valid'),
      what: transposed
        ? 'You used valid padding’s (input − 1) × stride + kernel; same padding gives exactly input × stride'
        : win.padding === 'causal'
          ? 'You shrank it as valid padding would; causal padding adds kernel − 1 zeros before the first step, so the length is ⌈input / stride⌉, as with same padding'
          : 'You shrank it as valid padding would; same padding adds zeros so that only the stride changes the size: ⌈input / stride⌉',
    });
  }
  if (win.strides.some((s) => s > 1)) {
    slips.push(
      use === 'pool-default-stride'
        ? {
            code: 'pool-stride-one',
            sizes: length(ones, spans, padding),
            what: `You moved the pool window 1 step at a time; a pooling layer’s stride is its pool size (${steps(win.strides)}) unless strides says otherwise`,
          }
        : {
            code: 'forgot-stride',
            sizes: length(ones, spans, padding),
            what: transposed
              ? `You left out the stride of ${steps(win.strides)}: a transposed convolution multiplies the size by it`
              : `You left out the stride of ${steps(win.strides)}: the ${what} moves ${steps(win.strides)} at a time, so divide by it`,
          },
    );
  }
  if (!transposed && padding === 'valid') {
    slips.push(
      {
        code: 'forgot-plus-one',
        sizes: sizes.map((n, i) => quotient(n - (spans[i] ?? 1), win.strides[i] ?? 1)),
        what: `You left out the + 1: the ${what}’s first position counts too, ⌊(input − ${what === 'kernel' ? 'kernel' : 'pool'}) / stride⌋ + 1`,
      },
      {
        code: 'rounded-wrong-way',
        sizes: sizes.map((n, i) => {
          const s = win.strides[i] ?? 1;
          return quotient(n - (spans[i] ?? 1) + s - 1, s) + 1;
        }),
        what: 'You rounded up; valid padding drops a last window that does not fit, so round down: ⌊(input − kernel) / stride⌋ + 1',
      },
    );
  }
  if (!transposed && padding === 'same') {
    slips.push({
      code: 'rounded-wrong-way',
      sizes: sizes.map((n, i) => quotient(n, win.strides[i] ?? 1)),
      what: 'You rounded down; same padding keeps a last window that only partly fits, so round up: ⌈input / stride⌉',
    });
  }
  if (win.dilation.some((d) => d > 1)) {
    slips.push({
      code: 'forgot-dilation',
      sizes: length(win.strides, win.kernel, padding),
      what: `You used the ${by(...win.kernel)} kernel as it is; dilated by ${steps(win.dilation)} it spans kernel + (kernel − 1) × (dilation − 1)`,
    });
  }
  if (transposed) {
    slips.push({
      code: 'transpose-as-conv',
      sizes: sizes.map((n, i) => windowOutputLength(n, spans[i] ?? 1, win.strides[i] ?? 1, padding)),
      what: 'You worked it as an ordinary convolution, which shrinks its input; a transposed convolution grows it',
    });
  }
  const same = (a: readonly number[]) => a.every((v, i) => v === right[i]);
  return slips.filter((slip) => slip.sizes.every((s) => s >= 1) && !same(slip.sizes));
}
