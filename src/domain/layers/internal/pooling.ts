// What pooling layers share, whatever their rank.
import type { Padding } from '../../window';
import type { LayerOutcome, LayerProblem, Shape, ShapeMistakeCandidate, ShapeMistakeContext } from '../spec';
import { axes, type AxesOption } from './axes';
import { nothingLearned } from './learns-nothing';
import { dataFormatArg, kwargs, paddingArg, samePadding, tuple, zeroPadModule } from './python';
import { slide, windowSlips, type SlidingWindow } from './sliding';
import { isProblems, spatialInput, type DataFormat } from './spatial';
import { by, plural, shapeText } from './text';
import { plainSpatial } from './conv';

export interface PoolOptions {
  type: string;
  poolSize?: AxesOption;
  strides?: AxesOption;
  padding?: Padding | undefined;
  dataFormat?: DataFormat | undefined;
}

// A 1-D window is a length ("2-step"); 2-D and 3-D ones are written as sizes ("2×2", "2×2×2").
const windowWords = (sizes: readonly number[]) => (sizes.length === 1 ? `${sizes[0]}-step` : by(...sizes));

// Keras and PyTorch write a 1-D size as one number (`pool_size=2`); larger ranks as tuples.
const sizesArg = (sizes: readonly number[]) => (sizes.length === 1 ? String(sizes[0]) : tuple(sizes));

const ONES: Readonly<Record<number, readonly number[]>> = { 1: [1], 2: [1, 1], 3: [1, 1, 1] };

/** A pooling layer's window: `poolSize` (default 2), moved by `strides` (default `poolSize`), never dilated. */
function poolWindow(layer: PoolOptions, rank: number): SlidingWindow {
  const pool = axes(layer.poolSize, rank, 2);
  return {
    kernel: pool,
    strides: layer.strides === undefined ? pool : axes(layer.strides, rank, 1),
    dilation: ONES[rank] ?? pool.map(() => 1),
    padding: layer.padding ?? 'valid',
    option: 'poolSize',
  };
}

/**
 * Shape mistakes of max or average pooling, each slip of its window: 15×16×8 pooled 2×2 → pool-stride-one gives
 * 14×15×8 (right: 7×8×8), same-instead-of-valid 8×8×8, ….
 */
export function poolShapeMistakes(
  { layer, input, output, shapeExplanation }: ShapeMistakeContext<PoolOptions>,
  rank: number,
): ShapeMistakeCandidate[] {
  const from = spatialInput('pooling', rank, input, layer.dataFormat);
  const to = spatialInput('pooling', rank, output, layer.dataFormat);
  if (isProblems(from) || isProblems(to)) return [];
  const use = layer.strides === undefined ? 'pool-default-stride' : 'pool';
  return windowSlips(from.axes, poolWindow(layer, rank), use).map((slip) => ({
    code: slip.code,
    shape: to.shape(slip.sizes, to.channels),
    message: `${slip.what}. Here: ${shapeExplanation}.`,
  }));
}

/** Max or average pooling: windows of `poolSize` (default 2), moved by `strides` (default `poolSize`). */
export function applyPool(
  label: string,
  rank: number,
  layer: PoolOptions,
  input: Shape,
): LayerOutcome | LayerProblem[] {
  const split = spatialInput(label, rank, input, layer.dataFormat);
  if (isProblems(split)) return split;
  const win = poolWindow(layer, rank);
  const pool = win.kernel;
  const strides = win.strides;
  const slid = slide(label, split.axes, win);
  if (isProblems(slid)) return slid;
  // Labels may name the rank first ("1-D max pooling").
  const kind = label.includes('max') ? 'largest' : 'mean';
  const outputShape = split.shape(slid.sizes, split.channels);
  const stride = strides.every((s) => s === strides[0]) ? String(strides[0]) : by(...strides);
  const window = `${windowWords(pool)} pool, stride ${stride}${layer.strides === undefined ? ' (the pool size, by default)' : ''}`;
  return nothingLearned(
    label,
    outputShape,
    `it keeps the ${kind} value of each ${windowWords(pool)} window`,
    `${window}; ${slid.work}; the ${plural(split.channels, 'channel is', 'channels are')} kept: ${shapeText(outputShape)}`,
  );
}

const stepWords = (option: AxesOption, rank: number, fallback: number) => {
  const values = axes(option, rank, fallback);
  return values.every((v) => v === values[0]) ? String(values[0]) : by(...values);
};

/** A pooling layer's options in words: `'2×2 pool, stride 2, padding valid'`, `'3-step pool, stride 1, padding same'`. */
export function describePool(layer: PoolOptions, rank: number): string {
  const parts = [
    `${windowWords(axes(layer.poolSize, rank, 2))} pool`,
    `stride ${stepWords(layer.strides ?? layer.poolSize, rank, 2)}`,
    `padding ${layer.padding ?? 'valid'}`,
  ];
  if (layer.dataFormat === 'channels_first') parts.push('channels first');
  return parts.join(', ');
}

/** One Keras pooling call: `MaxPooling2D(pool_size=(2, 2))`, `MaxPooling1D(pool_size=2)`. */
export function kerasPool(className: string, rank: number, layer: PoolOptions): string {
  return `${className}(${kwargs([
    ['pool_size', sizesArg(axes(layer.poolSize, rank, 2))],
    ['strides', layer.strides === undefined ? undefined : sizesArg(axes(layer.strides, rank, 1))],
    ['padding', paddingArg(layer.padding)],
    ['data_format', dataFormatArg(layer.dataFormat)],
  ])})`;
}

/** The PyTorch pooling module, with a zero-padding module first for Keras's "same". */
export function torchPool(rank: number, layer: PoolOptions, input: readonly number[], name: 'MaxPool' | 'AvgPool') {
  const pool = axes(layer.poolSize, rank, 2);
  const strides = layer.strides === undefined ? pool : axes(layer.strides, rank, 1);
  const { sizes } = plainSpatial(input, layer.dataFormat);
  const pad =
    layer.padding === 'same'
      ? zeroPadModule(sizes.map((size, i) => samePadding(size, pool[i] ?? 1, strides[i] ?? 1)))
      : [];
  return [...pad, `nn.${name}${rank}d(kernel_size=${sizesArg(pool)}, stride=${sizesArg(strides)})`];
}

export interface GlobalPoolOptions {
  type: string;
  keepdims?: boolean | undefined;
  dataFormat?: DataFormat | undefined;
}

// What global pooling reduces, by rank: a channel's steps, map or volume.
const GLOBAL_WORK: Record<number, (axes: readonly number[]) => string> = {
  1: ([steps = 1]) =>
    `each channel's ${plural(steps, 'step', 'steps')} ${steps === 1 ? 'becomes' : 'become'} one value`,
  2: (axes) => `each channel's ${by(...axes)} map becomes one value`,
  3: (axes) => `each channel's ${by(...axes)} volume becomes one value`,
};

/** Global pooling: each channel's whole map becomes one value (kept as 1×1 with `keepdims`). */
export function applyGlobalPool(label: string, rank: number, layer: GlobalPoolOptions, input: Shape) {
  const split = spatialInput(label, rank, input, layer.dataFormat);
  if (isProblems(split)) return split;
  const out = layer.keepdims
    ? split.shape(
        split.axes.map(() => 1),
        split.channels,
      )
    : [split.channels];
  const what =
    split.axes.length === 1
      ? `each channel's ${plural(split.axes[0] ?? 1, 'step', 'steps')}`
      : `each ${by(...split.axes)} channel`;
  const kept = layer.keepdims ? `, kept as ${by(...split.axes.map(() => 1))} (keepdims)` : '';
  return nothingLearned(
    label,
    out,
    `it reduces ${what} to one value`,
    `${GLOBAL_WORK[split.axes.length]?.(split.axes) ?? 'each channel becomes one value'}${kept}, one for each of the ${plural(split.channels, 'channel', 'channels')}: ${shapeText(out)}`,
  );
}

export function describeGlobalPool(layer: GlobalPoolOptions): string {
  return [
    'one value per channel',
    ...(layer.keepdims ? ['keepdims'] : []),
    ...(layer.dataFormat === 'channels_first' ? ['channels first'] : []),
  ].join(', ');
}

export function kerasGlobalPool(className: string, layer: GlobalPoolOptions): string {
  return `${className}(${kwargs([
    ['keepdims', layer.keepdims ? 'True' : undefined],
    ['data_format', dataFormatArg(layer.dataFormat)],
  ])})`;
}

export function torchGlobalPool(rank: number, layer: GlobalPoolOptions, name: 'Max' | 'Avg'): string[] {
  return [`nn.Adaptive${name}Pool${rank}d(1)`, ...(layer.keepdims ? [] : ['nn.Flatten()'])];
}
