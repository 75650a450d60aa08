import type { Layer, LayerType } from './schema/network';
import { bigPair } from './pair';
import { dilatedSize, transposedOutputLength, windowOutputLength, type Padding } from './window';

/** Whose rules count the parameters: Keras (the default) or PyTorch. They differ only for batch normalization. */
export type Convention = 'keras' | 'pytorch';

/** A tensor shape without the batch axis: `[height, width, channels]` or flat `[size]`. */
export type Shape = readonly bigint[];

/** What one layer does to its input: the shape it produces and what it learns. */
export interface LayerOutcome {
  outputShape: Shape;
  /** Trainable weights (kernels; γ for batch normalization). */
  weights: bigint;
  /** Trainable biases (β for batch normalization). */
  biases: bigint;
  /** Parameters that are stored but not trained (batch normalization's moving statistics). */
  nonTrainable: bigint;
  /** The arithmetic in the lesson's terms, e.g. `3 inputs × (2 filters × 3×3) + 2 biases = 56`. */
  explanation: string;
}

/** Why a layer cannot be applied; `path` is relative to the layer object. */
export interface LayerProblem {
  path: (string | number)[];
  message: string;
}

type Rule<T extends LayerType> = (
  layer: Extract<Layer, { type: T }>,
  input: Shape,
  convention: Convention,
) => LayerOutcome | LayerProblem[];

const by = (a: bigint, b: bigint) => `${a}×${b}`;
const shapeText = (shape: Shape) => shape.join('×');
const plural = (n: bigint, one: string, many: string) => `${n} ${n === 1n ? one : many}`;

const NAMES: Record<LayerType, string> = {
  conv2d: 'convolution',
  depthwiseConv2d: 'depthwise convolution',
  separableConv2d: 'separable convolution',
  conv2dTranspose: 'transposed convolution',
  maxPooling2d: 'max pooling',
  averagePooling2d: 'average pooling',
  globalAveragePooling2d: 'global average pooling',
  globalMaxPooling2d: 'global max pooling',
  batchNormalization: 'batch normalization',
  flatten: 'flatten',
  dense: 'dense',
  dropout: 'dropout',
  zeroPadding2d: 'zero padding',
};

const isProblems = <T>(value: readonly T[] | LayerProblem[]): value is LayerProblem[] => typeof value[0] === 'object';

/** Refuses a spatial layer once the tensor has been flattened. */
function spatial(type: LayerType, input: Shape): [bigint, bigint, bigint] | LayerProblem[] {
  const [h, w, c] = input;
  if (input.length === 3 && h !== undefined && w !== undefined && c !== undefined) return [h, w, c];
  return [
    {
      path: ['type'],
      message: `a ${NAMES[type]} layer needs a height × width × channels input, but the tensor is already flat (${shapeText(input)}); move it before the flatten or global pooling layer`,
    },
  ];
}

interface Window {
  kernel: [bigint, bigint];
  strides: [bigint, bigint];
  dilation: [bigint, bigint];
  padding: Padding;
  option: 'kernelSize' | 'poolSize';
}

/** Output height and width of a sliding window, or why it does not fit. */
function slide(type: LayerType, h: bigint, w: bigint, win: Window): [bigint, bigint] | LayerProblem[] {
  const dilated = win.dilation.some((d) => d > 1n);
  if (dilated && win.strides.some((s) => s > 1n)) {
    return [
      {
        path: ['dilationRate'],
        message: `dilationRate above 1 cannot be combined with strides above 1 (Keras refuses it); use one or the other`,
      },
    ];
  }
  const kh = dilatedSize(win.kernel[0], win.dilation[0]);
  const kw = dilatedSize(win.kernel[1], win.dilation[1]);
  const outH = windowOutputLength(h, kh, win.strides[0], win.padding);
  const outW = windowOutputLength(w, kw, win.strides[1], win.padding);
  if (outH < 1n || outW < 1n) {
    const what = win.option === 'kernelSize' ? 'kernel' : 'pool window';
    const span = dilated ? ` (${by(kh, kw)} once dilated)` : '';
    return [
      {
        path: [win.option],
        message: `the ${by(win.kernel[0], win.kernel[1])} ${what}${span} of this ${NAMES[type]} layer is larger than its ${by(h, w)} input with "valid" padding, so no output is left; use a smaller ${what} or padding "same"`,
      },
    ];
  }
  return [outH, outW];
}

const convWindow = (layer: {
  kernelSize: number | [number, number];
  strides?: number | [number, number] | undefined;
  dilationRate?: number | [number, number] | undefined;
  padding?: Padding | undefined;
}): Window => ({
  kernel: bigPair(layer.kernelSize, 1),
  strides: bigPair(layer.strides, 1),
  dilation: bigPair(layer.dilationRate, 1),
  padding: layer.padding ?? 'valid',
  option: 'kernelSize',
});

const biasText = (biases: bigint, useBias: boolean) => (useBias ? ` + ${plural(biases, 'bias', 'biases')}` : '');
const noBiasNote = (useBias: boolean) => (useBias ? '' : ' (useBias is false: no biases)');

const conv2d: Rule<'conv2d'> = (layer, input) => {
  const hwc = spatial(layer.type, input);
  if (isProblems(hwc)) return hwc;
  const [h, w, c] = hwc;
  const win = convWindow(layer);
  const out = slide(layer.type, h, w, win);
  if (isProblems(out)) return out;
  const [outH, outW] = out;
  const filters = BigInt(layer.filters);
  const groups = BigInt(layer.groups ?? 1);
  for (const [what, count] of [
    ['input channels', c],
    ['filters', filters],
  ] as const) {
    if (count % groups !== 0n) {
      return [{ path: ['groups'], message: `groups (${groups}) must divide the ${count} ${what} evenly` }];
    }
  }
  const useBias = layer.useBias ?? true;
  const [kh, kw] = win.kernel;
  const perGroup = c / groups;
  const weights = perGroup * filters * kh * kw;
  const biases = useBias ? filters : 0n;
  const inputs =
    groups > 1n
      ? `${plural(perGroup, 'input', 'inputs')} per group (${c} ÷ ${groups} groups)`
      : plural(c, 'input', 'inputs');
  return {
    outputShape: [outH, outW, filters],
    weights,
    biases,
    nonTrainable: 0n,
    explanation: `${inputs} × (${plural(filters, 'filter', 'filters')} × ${by(kh, kw)})${biasText(biases, useBias)} = ${weights + biases}${noBiasNote(useBias)}`,
  };
};

const conv2dTranspose: Rule<'conv2dTranspose'> = (layer, input) => {
  const hwc = spatial(layer.type, input);
  if (isProblems(hwc)) return hwc;
  const [h, w, c] = hwc;
  const win = convWindow(layer);
  if (win.dilation.some((d) => d > 1n) && win.strides.some((s) => s > 1n)) {
    const refused = slide(layer.type, h, w, win);
    if (isProblems(refused)) return refused;
  }
  const [kh, kw] = win.kernel;
  const outH = transposedOutputLength(h, dilatedSize(kh, win.dilation[0]), win.strides[0], win.padding);
  const outW = transposedOutputLength(w, dilatedSize(kw, win.dilation[1]), win.strides[1], win.padding);
  const filters = BigInt(layer.filters);
  const useBias = layer.useBias ?? true;
  const weights = c * filters * kh * kw;
  const biases = useBias ? filters : 0n;
  return {
    outputShape: [outH, outW, filters],
    weights,
    biases,
    nonTrainable: 0n,
    explanation: `${plural(c, 'input', 'inputs')} × (${plural(filters, 'filter', 'filters')} × ${by(kh, kw)})${biasText(biases, useBias)} = ${weights + biases}${noBiasNote(useBias)}; a transposed convolution learns as many weights as a convolution with the same filters and kernel`,
  };
};

const depthwiseConv2d: Rule<'depthwiseConv2d'> = (layer, input) => {
  const hwc = spatial(layer.type, input);
  if (isProblems(hwc)) return hwc;
  const [h, w, c] = hwc;
  const win = convWindow(layer);
  const out = slide(layer.type, h, w, win);
  if (isProblems(out)) return out;
  const [outH, outW] = out;
  const dm = BigInt(layer.depthMultiplier ?? 1);
  const useBias = layer.useBias ?? true;
  const [kh, kw] = win.kernel;
  const weights = c * dm * kh * kw;
  const biases = useBias ? c * dm : 0n;
  return {
    outputShape: [outH, outW, c * dm],
    weights,
    biases,
    nonTrainable: 0n,
    explanation: `${plural(c, 'input', 'inputs')} × (${dm} per channel × ${by(kh, kw)})${biasText(biases, useBias)} = ${weights + biases}${noBiasNote(useBias)}; each input channel has its own ${plural(dm, 'filter', 'filters')}, so there are ${c * dm} output channels`,
  };
};

const separableConv2d: Rule<'separableConv2d'> = (layer, input) => {
  const hwc = spatial(layer.type, input);
  if (isProblems(hwc)) return hwc;
  const [h, w, c] = hwc;
  const win = convWindow(layer);
  const out = slide(layer.type, h, w, win);
  if (isProblems(out)) return out;
  const [outH, outW] = out;
  const dm = BigInt(layer.depthMultiplier ?? 1);
  const filters = BigInt(layer.filters);
  const useBias = layer.useBias ?? true;
  const [kh, kw] = win.kernel;
  const depthwise = c * dm * kh * kw;
  const pointwise = c * dm * filters;
  const biases = useBias ? filters : 0n;
  return {
    outputShape: [outH, outW, filters],
    weights: depthwise + pointwise,
    biases,
    nonTrainable: 0n,
    explanation: `depthwise ${plural(c, 'input', 'inputs')} × (${dm} per channel × ${by(kh, kw)}) = ${depthwise}, then pointwise ${plural(c * dm, 'input', 'inputs')} × (${plural(filters, 'filter', 'filters')} × 1×1) = ${pointwise}${biasText(biases, useBias)} = ${depthwise + pointwise + biases}${noBiasNote(useBias)}`,
  };
};

const pooling: Rule<'maxPooling2d' | 'averagePooling2d'> = (layer, input) => {
  const hwc = spatial(layer.type, input);
  if (isProblems(hwc)) return hwc;
  const [h, w, c] = hwc;
  const pool = bigPair(layer.poolSize, 2);
  const win: Window = {
    kernel: pool,
    strides: layer.strides === undefined ? pool : bigPair(layer.strides, 1),
    dilation: [1n, 1n],
    padding: layer.padding ?? 'valid',
    option: 'poolSize',
  };
  const out = slide(layer.type, h, w, win);
  if (isProblems(out)) return out;
  const [outH, outW] = out;
  return nothingLearned(
    layer.type,
    [outH, outW, c],
    `it keeps the largest or mean value of each ${by(pool[0], pool[1])} window`,
  );
};

function nothingLearned(type: LayerType, outputShape: Shape, why: string): LayerOutcome {
  return {
    outputShape,
    weights: 0n,
    biases: 0n,
    nonTrainable: 0n,
    explanation: `${NAMES[type]} learns nothing (${why}): 0`,
  };
}

const globalPooling: Rule<'globalAveragePooling2d' | 'globalMaxPooling2d'> = (layer, input) => {
  const hwc = spatial(layer.type, input);
  if (isProblems(hwc)) return hwc;
  const [h, w, c] = hwc;
  return nothingLearned(layer.type, [c], `it reduces each ${by(h, w)} channel to one value`);
};

const batchNormalization: Rule<'batchNormalization'> = (_layer, input, convention) => {
  const c = input[input.length - 1] ?? 1n;
  if (convention === 'pytorch') {
    return {
      outputShape: input,
      weights: c,
      biases: c,
      nonTrainable: 0n,
      explanation: `2 × ${plural(c, 'channel', 'channels')} = ${2n * c} in PyTorch: γ and β are trained; the running mean and variance are buffers, not parameters (Keras would count ${4n * c})`,
    };
  }
  return {
    outputShape: input,
    weights: c,
    biases: c,
    nonTrainable: 2n * c,
    explanation: `4 × ${plural(c, 'channel', 'channels')} = ${4n * c} in Keras: γ and β (2 × ${c} = ${2n * c}) are trained, the moving mean and variance (2 × ${c} = ${2n * c}) are stored but not trained (PyTorch would count ${2n * c})`,
  };
};

const flatten: Rule<'flatten'> = (layer, input) => {
  const size = input.reduce((a, b) => a * b, 1n);
  return nothingLearned(layer.type, [size], `it only lays the ${shapeText(input)} tensor out as ${size} values`);
};

const dense: Rule<'dense'> = (layer, input) => {
  const inputs = input[input.length - 1] ?? 1n;
  const units = BigInt(layer.units);
  const useBias = layer.useBias ?? true;
  const weights = inputs * units;
  const biases = useBias ? units : 0n;
  const lastAxis =
    input.length > 1
      ? ` (the last axis of ${shapeText(input)}: without a flatten, Keras applies dense to each position separately)`
      : '';
  return {
    outputShape: [...input.slice(0, -1), units],
    weights,
    biases,
    nonTrainable: 0n,
    explanation: `${plural(inputs, 'input', 'inputs')}${lastAxis} × ${plural(units, 'unit', 'units')}${biasText(biases, useBias)} = ${weights + biases}${noBiasNote(useBias)}`,
  };
};

const dropout: Rule<'dropout'> = (layer, input) =>
  nothingLearned(layer.type, input, 'it only zeroes random values while training');

const zeroPadding2d: Rule<'zeroPadding2d'> = (layer, input) => {
  const hwc = spatial(layer.type, input);
  if (isProblems(hwc)) return hwc;
  const [h, w, c] = hwc;
  const p = layer.padding ?? 1;
  const [[top, bottom], [left, right]] =
    typeof p === 'number'
      ? [
          [p, p],
          [p, p],
        ]
      : typeof p[0] === 'number'
        ? [
            [p[0], p[0]],
            [p[1] as number, p[1] as number],
          ]
        : (p as [[number, number], [number, number]]);
  const outH = h + BigInt(top) + BigInt(bottom);
  const outW = w + BigInt(left) + BigInt(right);
  return nothingLearned(layer.type, [outH, outW, c], `it only adds rows and columns of zeros`);
};

const RULES: {
  [T in LayerType]: (
    layer: Extract<Layer, { type: T }>,
    input: Shape,
    convention: Convention,
  ) => LayerOutcome | LayerProblem[];
} = {
  conv2d,
  depthwiseConv2d,
  separableConv2d,
  conv2dTranspose,
  maxPooling2d: pooling,
  averagePooling2d: pooling,
  globalAveragePooling2d: globalPooling,
  globalMaxPooling2d: globalPooling,
  batchNormalization,
  flatten,
  dense,
  dropout,
  zeroPadding2d,
};

/** Applies one layer to an input shape: `applyLayer({type: 'flatten'}, [2n, 2n, 3n]).outputShape → [12n]`. */
export function applyLayer(
  layer: Layer,
  input: Shape,
  convention: Convention = 'keras',
): LayerOutcome | LayerProblem[] {
  const rule = RULES[layer.type] as Rule<LayerType>;
  return rule(layer as never, input, convention);
}
