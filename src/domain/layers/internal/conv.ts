// What every convolution shares, whatever its rank (Keras's base_conv.py): the window,
// the shape, the counts, the words, the code. Layer modules pick the pieces they need.
import type {
  LayerOutcome,
  LayerProblem,
  MistakeCandidate,
  MistakeContext,
  Shape,
  ShapeMistakeCandidate,
  ShapeMistakeContext,
} from '../spec';
import { exactProduct, isExact, product, quotient } from '../../exact';
import { axes, type AxesOption } from './axes';
import {
  activationArg,
  axesArg,
  biasArg,
  dataFormatArg,
  kwargs,
  paddingArg,
  samePadding,
  tuple,
  zeroPadModule,
} from './python';
import { slide, slideTransposed, windowSlips, type SlidingWindow, type WindowPadding } from './sliding';
import { isProblems, spatialInput, type DataFormat } from './spatial';
import { biasText, by, noBiasNote, plural, shapeText } from './text';

/** The options a convolution of any kind may have. */
export interface ConvOptions {
  type: string;
  kernelSize: AxesOption;
  strides?: AxesOption;
  padding?: WindowPadding | undefined;
  dilationRate?: AxesOption;
  useBias?: boolean | undefined;
  dataFormat?: DataFormat | undefined;
  activation?: string | undefined;
}

export const convWindow = (layer: ConvOptions, rank: number): SlidingWindow => ({
  kernel: axes(layer.kernelSize, rank, 1),
  strides: axes(layer.strides, rank, 1),
  dilation: axes(layer.dilationRate, rank, 1),
  padding: layer.padding ?? 'valid',
  option: 'kernelSize',
});

/** Input split, window and output sizes of a convolution that slides like an ordinary one. */
function convolve(label: string, rank: number, layer: ConvOptions, input: Shape) {
  const split = spatialInput(label, rank, input, layer.dataFormat);
  if (isProblems(split)) return split;
  const win = convWindow(layer, rank);
  const slid = slide(label, split.axes, win);
  if (isProblems(slid)) return slid;
  const { channels, shape } = split;
  return { channels, shape, win, out: slid.sizes, work: slid.work };
}

/** A convolution's shape arithmetic: the window's, then where the channels come from, then the shape. */
const convShapeWork = (work: string, channels: string, shape: Shape) => `${work}; ${channels}: ${shapeText(shape)}`;

/** `'8 filters make 8 channels'`: every filter gives one output channel. */
const filterChannels = (filters: number) =>
  `${plural(filters, 'filter', 'filters')} make${filters === 1 ? 's' : ''} ${plural(filters, 'channel', 'channels')}`;

/** An ordinary convolution: `c inputs × (f filters × kernel) + f biases`, grouped when `groups` > 1. */
export function applyConv(
  label: string,
  rank: number,
  layer: ConvOptions & { filters: number; groups?: number | undefined },
  input: Shape,
): LayerOutcome | LayerProblem[] {
  const at = convolve(label, rank, layer, input);
  if (isProblems(at)) return at;
  const c = at.channels;
  const filters = layer.filters;
  const groups = layer.groups ?? 1;
  if (groups > 1) {
    for (const [what, count] of [
      ['input channels', c],
      ['filters', filters],
    ] as const) {
      if (count % groups !== 0) {
        return [{ path: ['groups'], message: `groups (${groups}) must divide the ${count} ${what} evenly` }];
      }
    }
  }
  const useBias = layer.useBias ?? true;
  const kernel = at.win.kernel;
  const perGroup = c / groups;
  const weights = perGroup * filters * product(kernel);
  const biases = useBias ? filters : 0;
  const inputs =
    groups > 1
      ? `${plural(perGroup, 'input', 'inputs')} per group (${c} ÷ ${groups} groups)`
      : plural(c, 'input', 'inputs');
  const outputShape = at.shape(at.out, filters);
  return {
    outputShape,
    weights,
    biases,
    nonTrainable: 0,
    explanation: `${inputs} × (${plural(filters, 'filter', 'filters')} × ${by(...kernel)})${biasText(biases, useBias)} = ${weights + biases}${noBiasNote(useBias)}`,
    shapeExplanation: convShapeWork(at.work, filterChannels(filters), outputShape),
  };
}

/** A transposed convolution: as many weights as a convolution with the same filters and kernel. */
export function applyConvTranspose(
  label: string,
  rank: number,
  layer: ConvOptions & { filters: number },
  input: Shape,
): LayerOutcome | LayerProblem[] {
  const split = spatialInput(label, rank, input, layer.dataFormat);
  if (isProblems(split)) return split;
  const win = convWindow(layer, rank);
  const slid = slideTransposed(split.axes, win);
  if (isProblems(slid)) return slid;
  const c = split.channels;
  const filters = layer.filters;
  const useBias = layer.useBias ?? true;
  const weights = c * filters * product(win.kernel);
  const biases = useBias ? filters : 0;
  const outputShape = split.shape(slid.sizes, filters);
  return {
    outputShape,
    exactShape: slid.exact && split.shape(slid.exact, BigInt(filters)),
    weights,
    biases,
    nonTrainable: 0,
    explanation: `${plural(c, 'input', 'inputs')} × (${plural(filters, 'filter', 'filters')} × ${by(...win.kernel)})${biasText(biases, useBias)} = ${weights + biases}${noBiasNote(useBias)}; a transposed convolution learns as many weights as a convolution with the same filters and kernel`,
    shapeExplanation: convShapeWork(slid.work, filterChannels(filters), outputShape),
  };
}

/** A depthwise convolution: each input channel has its own `depthMultiplier` filters. */
export function applyDepthwise(
  label: string,
  rank: number,
  layer: ConvOptions & { depthMultiplier?: number | undefined },
  input: Shape,
): LayerOutcome | LayerProblem[] {
  const at = convolve(label, rank, layer, input);
  if (isProblems(at)) return at;
  const c = at.channels;
  const dm = layer.depthMultiplier ?? 1;
  const useBias = layer.useBias ?? true;
  const channels = c * dm;
  const weights = channels * product(at.win.kernel);
  const biases = useBias ? channels : 0;
  const outputShape = at.shape(at.out, channels);
  return {
    outputShape,
    // The channels grow by the depth multiplier.
    exactShape: isExact(channels) ? undefined : at.shape(at.out.map(BigInt), exactProduct([c, dm])),
    weights,
    biases,
    nonTrainable: 0,
    explanation: `${plural(c, 'input', 'inputs')} × (${dm} per channel × ${by(...at.win.kernel)})${biasText(biases, useBias)} = ${weights + biases}${noBiasNote(useBias)}; each input channel has its own ${plural(dm, 'filter', 'filters')}, so there are ${c * dm} output channels`,
    shapeExplanation: convShapeWork(
      at.work,
      `each of the ${plural(c, 'input channel', 'input channels')} gives ${dm}: ${c} × ${dm} = ${plural(c * dm, 'channel', 'channels')}`,
      outputShape,
    ),
  };
}

/** A separable convolution: a depthwise step, then a pointwise 1×1 convolution to `filters`. */
export function applySeparable(
  label: string,
  rank: number,
  layer: ConvOptions & { filters: number; depthMultiplier?: number | undefined },
  input: Shape,
): LayerOutcome | LayerProblem[] {
  const at = convolve(label, rank, layer, input);
  if (isProblems(at)) return at;
  const c = at.channels;
  const dm = layer.depthMultiplier ?? 1;
  const filters = layer.filters;
  const useBias = layer.useBias ?? true;
  const depthwise = c * dm * product(at.win.kernel);
  const pointwise = c * dm * filters;
  const biases = useBias ? filters : 0;
  const ones = by(...at.win.kernel.map(() => 1));
  const outputShape = at.shape(at.out, filters);
  return {
    outputShape,
    weights: depthwise + pointwise,
    biases,
    nonTrainable: 0,
    explanation: `depthwise ${plural(c, 'input', 'inputs')} × (${dm} per channel × ${by(...at.win.kernel)}) = ${depthwise}, then pointwise ${plural(c * dm, 'input', 'inputs')} × (${plural(filters, 'filter', 'filters')} × ${ones}) = ${pointwise}${biasText(biases, useBias)} = ${depthwise + pointwise + biases}${noBiasNote(useBias)}`,
    shapeExplanation: convShapeWork(at.work, `the pointwise step's ${filterChannels(filters)}`, outputShape),
  };
}

/** A window option in words: `3×3` in 2-D, `5` in 1-D (`same` one number per axis when they agree). */
const sizeWords = (option: AxesOption, rank: number, fallback: number) => by(...axes(option, rank, fallback));
const stepWords = (option: AxesOption, rank: number, fallback: number) => {
  const values = axes(option, rank, fallback);
  return values.every((v) => v === values[0]) ? String(values[0]) : by(...values);
};

/** A convolution's options in words: `'2 filters, 3×3 kernel, padding same, stride 1'`. */
export function describeConv(
  layer: ConvOptions & { filters?: number; depthMultiplier?: number | undefined; groups?: number | undefined },
  rank: number,
  withMultiplier: boolean,
): string {
  const parts: string[] = [];
  if (layer.filters !== undefined) parts.push(plural(layer.filters, 'filter', 'filters'));
  parts.push(
    rank === 1 ? `kernel ${sizeWords(layer.kernelSize, 1, 1)}` : `${sizeWords(layer.kernelSize, rank, 1)} kernel`,
  );
  if (withMultiplier) parts.push(`depth multiplier ${layer.depthMultiplier ?? 1}`);
  parts.push(`padding ${layer.padding ?? 'valid'}`, `stride ${stepWords(layer.strides, rank, 1)}`);
  if (stepWords(layer.dilationRate, rank, 1) !== '1') parts.push(`dilation ${stepWords(layer.dilationRate, rank, 1)}`);
  if ((layer.groups ?? 1) > 1) parts.push(`${layer.groups} groups`);
  if (layer.useBias === false) parts.push('no bias');
  if (layer.activation !== undefined && layer.activation !== 'linear') parts.push(`activation ${layer.activation}`);
  if (layer.dataFormat === 'channels_first') parts.push('channels first');
  return parts.join(', ');
}

// Keras and PyTorch write a 1-D size as one number (`kernel_size=5`); larger ranks as tuples.
const sizesArg = (values: readonly number[]) => (values.length === 1 ? String(values[0]) : tuple(values));
const stepsArg = (option: AxesOption, rank: number) => {
  const values = axes(option, rank, 1);
  return rank === 1 ? (values[0] === 1 ? undefined : String(values[0])) : axesArg(option, rank, 1);
};

/** One Keras convolution call: `Conv2D(filters=2, kernel_size=(3, 3), padding="same")`; 1-D sizes as numbers. */
export function kerasConv(
  className: string,
  rank: number,
  layer: ConvOptions & { filters?: number; depthMultiplier?: number | undefined; groups?: number | undefined },
): string {
  const multiplier = layer.depthMultiplier ?? 1;
  const groups = layer.groups ?? 1;
  return `${className}(${kwargs([
    ['filters', layer.filters === undefined ? undefined : String(layer.filters)],
    ['kernel_size', sizesArg(axes(layer.kernelSize, rank, 1))],
    ['depth_multiplier', multiplier > 1 ? String(multiplier) : undefined],
    ['strides', stepsArg(layer.strides, rank)],
    ['padding', layer.padding === 'causal' ? '"causal"' : paddingArg(layer.padding)],
    ['dilation_rate', stepsArg(layer.dilationRate, rank)],
    ['groups', groups > 1 ? String(groups) : undefined],
    ['use_bias', biasArg(layer.useBias)],
    ['activation', activationArg(layer.activation)],
    ['data_format', dataFormatArg(layer.dataFormat)],
  ])})`;
}

/** Spatial sizes and channels of an input as plain numbers, in the layer's data format. */
export function plainSpatial(input: readonly number[], dataFormat: DataFormat | undefined) {
  const first = dataFormat === 'channels_first';
  return {
    channels: (first ? input[0] : input[input.length - 1]) ?? 1,
    sizes: first ? input.slice(1) : input.slice(0, -1),
  };
}

/**
 * Keras padding and strides as PyTorch arguments: a `padding=` when symmetric, else a zero-padding module first
 * ("causal" is always one: k′ − 1 zeros on the left).
 */
export function torchWindow(
  sizes: readonly number[],
  kernel: readonly number[],
  strides: readonly number[],
  dilation: readonly number[],
  padding: WindowPadding | undefined,
): { pad: string[]; args: string } {
  const extra = [
    strides.some((s) => s !== 1) ? `, stride=${sizesArg(strides)}` : '',
    dilation.some((d) => d !== 1) ? `, dilation=${sizesArg(dilation)}` : '',
  ].join('');
  const base = `kernel_size=${sizesArg(kernel)}${extra}`;
  const span = (i: number) => ((kernel[i] ?? 1) - 1) * (dilation[i] ?? 1) + 1;
  if (padding === 'causal') return { pad: zeroPadModule(sizes.map((_, i) => [span(i) - 1, 0])), args: base };
  if (padding !== 'same') return { pad: [], args: base };
  const sides = sizes.map((size, i) => samePadding(size, span(i), strides[i] ?? 1));
  if (sides.every(([a, b]) => a === b)) {
    const amounts = sides.map(([a]) => a);
    return { pad: [], args: amounts.some((a) => a > 0) ? `${base}, padding=${sizesArg(amounts)}` : base };
  }
  return { pad: zeroPadModule(sides), args: base };
}

/** The PyTorch convolution modules with the same counts and shapes as a Keras convolution. */
export function torchConv(
  rank: number,
  layer: ConvOptions & { filters?: number; depthMultiplier?: number | undefined; groups?: number | undefined },
  input: readonly number[],
  kind: 'conv' | 'depthwise' | 'separable',
): string[] {
  const { channels: c, sizes } = plainSpatial(input, layer.dataFormat);
  const { pad, args } = torchWindow(
    sizes,
    axes(layer.kernelSize, rank, 1),
    axes(layer.strides, rank, 1),
    axes(layer.dilationRate, rank, 1),
    layer.padding,
  );
  const bias = layer.useBias === false ? ', bias=False' : '';
  const conv = `nn.Conv${rank}d`;
  if (kind === 'conv') {
    const groups = layer.groups && layer.groups > 1 ? `, groups=${layer.groups}` : '';
    return [...pad, `${conv}(${c}, ${layer.filters}, ${args}${groups}${bias})`];
  }
  const mid = c * (layer.depthMultiplier ?? 1);
  if (kind === 'depthwise') return [...pad, `${conv}(${c}, ${mid}, ${args}, groups=${c}${bias})`];
  return [
    ...pad,
    `${conv}(${c}, ${mid}, ${args}, groups=${c}, bias=False)`,
    `${conv}(${mid}, ${layer.filters}, kernel_size=1${bias})`,
  ];
}

/** The PyTorch transposed convolution with Keras's output size (padding and output_padding worked out). */
export function torchConvTranspose(
  rank: number,
  layer: ConvOptions & { filters: number },
  input: readonly number[],
): string[] {
  const { channels: c } = plainSpatial(input, layer.dataFormat);
  const kernel = axes(layer.kernelSize, rank, 1);
  const strides = axes(layer.strides, rank, 1);
  const dilation = axes(layer.dilationRate, rank, 1);
  // Keras's output size, in*s (same) or in*s + max(k' − s, 0) (valid), by PyTorch's padding and output_padding
  // and, where PyTorch refuses that output_padding (it must stay below the stride or the dilation), a crop of one.
  const axis = (k: number, s: number, d: number): [number, number, number] => {
    const span = (k - 1) * d + 1;
    if (layer.padding === 'same') {
      if (span >= s) {
        const p = Math.ceil((span - s) / 2);
        const op = 2 * p - (span - s);
        return op < Math.max(s, d) ? [p, op, 0] : [p - 1, 0, 1];
      }
      return [0, s - span, 0];
    }
    return [0, span >= s ? 0 : s - span, 0];
  };
  const pads = kernel.map((k, i) => axis(k, strides[i] ?? 1, dilation[i] ?? 1));
  const p = pads.map(([a]) => a);
  const op = pads.map(([, b]) => b);
  const extras = [
    strides.some((s) => s !== 1) ? `, stride=${sizesArg(strides)}` : '',
    p.some((v) => v) ? `, padding=${sizesArg(p)}` : '',
    op.some((v) => v) ? `, output_padding=${sizesArg(op)}` : '',
    dilation.some((d) => d !== 1) ? `, dilation=${sizesArg(dilation)}` : '',
  ].join('');
  const bias = layer.useBias === false ? ', bias=False' : '';
  // A negative padding crops.
  const crop = zeroPadModule(pads.map(([, , cut]): [number, number] => [0, cut === 0 ? 0 : -cut]));
  return [`nn.ConvTranspose${rank}d(${c}, ${layer.filters}, kernel_size=${sizesArg(kernel)}${extras}${bias})`, ...crop];
}

/**
 * Candidates for a layer with trainable weights and biases: biases left out, or one for the whole layer; for a
 * layer built without bias, the `absent` biases it would have had counted anyway.
 */
export function weightAndBiasMistakes(
  weights: number,
  biases: number,
  unit: string,
  absent: number,
): MistakeCandidate[] {
  if (biases === 0) {
    return [
      {
        code: 'biases-for-layer-without-bias',
        value: weights + absent,
        message: `This layer is built without bias (use_bias=False in Keras), so there are no biases to add: ${weights} weights, not ${weights} + ${absent} = ${weights + absent}.`,
      },
    ];
  }
  return [
    {
      code: 'forgot-biases',
      value: weights,
      message: `You counted the ${weights} weights but not the biases: add one bias per ${unit}, ${weights} + ${biases} = ${weights + biases}.`,
    },
    {
      code: 'one-bias-per-layer',
      value: weights + 1,
      message: `You counted one bias for the whole layer; there is one per ${unit}: ${weights} + ${biases} = ${weights + biases}.`,
    },
  ];
}

// The first spatial axis's name, for a learner who took it for the inputs.
const FIRST_AXIS: Record<number, string> = { 1: 'length', 2: 'height', 3: 'depth' };

/** Mistakes in counting an ordinary convolution: spatial size as inputs, kernel or channels left out, one kernel axis. */
export function convMistakes(
  { layer, at }: MistakeContext<ConvOptions & { filters: number }>,
  rank: number,
): MistakeCandidate[] {
  const { channels: c, sizes: spatial } = plainSpatial(at.inputShape, layer.dataFormat);
  const [first = 1] = spatial;
  const kernel = axes(layer.kernelSize, rank, 1);
  const k = product(kernel);
  const f = layer.filters;
  const b = at.biases;
  const right = at.params;
  const kernelText = by(...kernel);
  const candidates: MistakeCandidate[] = [...weightAndBiasMistakes(at.weights, b, 'filter', f)];
  if (rank >= 2) {
    candidates.push({
      code: 'spatial-size-as-inputs',
      value: product(spatial) * f * k + b,
      message: `You used the ${by(...spatial)} spatial size as the inputs; a convolution's inputs are the ${c} channels of the previous layer: ${c} × (${f} × ${kernelText}) + ${b} = ${right}.`,
    });
  }
  candidates.push(
    {
      code: 'spatial-size-as-inputs',
      value: first * f * k + b,
      message: `You used the ${FIRST_AXIS[rank] ?? 'height'} ${first} as the inputs; a convolution's inputs are the ${c} channels of the previous layer: ${c} × (${f} × ${kernelText}) + ${b} = ${right}.`,
    },
    {
      code: 'forgot-kernel-size',
      value: c * f + b,
      message: `You left out the kernel size: each filter has ${kernelText} weights per input channel, ${c} × (${f} × ${kernelText}) + ${b} = ${right}.`,
    },
    {
      code: 'forgot-input-channels',
      value: f * k + b,
      message: `You left out the ${c} input channels: each filter spans all of them, ${c} × (${f} × ${kernelText}) + ${b} = ${right}.`,
    },
  );
  if (rank >= 2 && new Set(kernel).size > 1) {
    for (const side of new Set(kernel)) {
      candidates.push({
        code: 'one-kernel-axis',
        value: c * f * side + b,
        message: `You used only one side (${side}) of the ${kernelText} kernel; a kernel has ${kernel.join(' × ')} = ${k} weights per input channel: ${c} × (${f} × ${kernelText}) + ${b} = ${right}.`,
      });
    }
  }
  return candidates;
}

/** Mistakes in counting a transposed convolution: biases, or input and output channels swapped. */
export function convTransposeMistakes({ layer, at }: MistakeContext<ConvOptions & { filters: number }>, rank: number) {
  const { channels: c } = plainSpatial(at.inputShape, layer.dataFormat);
  const f = layer.filters;
  const candidates = weightAndBiasMistakes(at.weights, at.biases, 'filter', f);
  if (at.biases > 0 && c !== f) {
    candidates.push({
      code: 'transpose-swapped-channels',
      value: at.weights + c,
      message: `You swapped input and output channels: the biases belong to the ${f} filters (outputs), not the ${c} inputs: ${c} × (${f} × ${by(...axes(layer.kernelSize, rank, 1))}) + ${f} = ${at.params}.`,
    });
  }
  return candidates;
}

/** Mistakes in counting a depthwise convolution: biases, or counted as an ordinary convolution. */
export function depthwiseMistakes(
  { layer, at }: MistakeContext<ConvOptions & { depthMultiplier?: number | undefined }>,
  rank: number,
): MistakeCandidate[] {
  const { channels: c } = plainSpatial(at.inputShape, layer.dataFormat);
  const k = product(axes(layer.kernelSize, rank, 1));
  const dm = layer.depthMultiplier ?? 1;
  const out = c * dm;
  const candidates: MistakeCandidate[] = [
    ...weightAndBiasMistakes(at.weights, at.biases, 'output channel', out),
    {
      code: 'depthwise-as-ordinary-conv',
      value: c * out * k + at.biases,
      message: `You counted it as an ordinary convolution whose filters span all ${c} channels; a depthwise filter sees one channel only: ${at.explanation}.`,
    },
  ];
  if (dm > 1) {
    candidates.push({
      code: 'forgot-depth-multiplier',
      value: c * k + (at.biases > 0 ? c : 0),
      message: `You left out the depth multiplier: each input channel has ${dm} filters, not 1, and ${at.biases > 0 ? 'a bias for each' : 'no biases'}: ${at.explanation}.`,
    });
  }
  return candidates;
}

/** Mistakes in counting a separable convolution: the pointwise step left out, or counted as an ordinary one. */
export function separableMistakes(
  { layer, at }: MistakeContext<ConvOptions & { filters: number; depthMultiplier?: number | undefined }>,
  rank: number,
): MistakeCandidate[] {
  const { channels: c } = plainSpatial(at.inputShape, layer.dataFormat);
  const k = product(axes(layer.kernelSize, rank, 1));
  const dm = layer.depthMultiplier ?? 1;
  const f = layer.filters;
  const b = at.biases;
  const multiplier: MistakeCandidate[] =
    dm > 1
      ? [
          {
            code: 'forgot-depth-multiplier',
            value: c * k + c * f + b,
            message: `You left out the depth multiplier: the depthwise step gives each input channel ${dm} filters, so the pointwise step reads ${c} × ${dm} = ${c * dm} channels: ${at.explanation}.`,
          },
        ]
      : [];
  return [
    ...multiplier,
    ...weightAndBiasMistakes(at.weights, b, 'filter', f),
    {
      code: 'separable-forgot-pointwise',
      value: c * dm * k + b,
      message: `You counted the depthwise part only; a separable convolution also has a pointwise ${by(...axes(1, rank, 1))} part of ${c * dm} × ${f} = ${c * dm * f} weights: ${at.explanation}.`,
    },
    {
      code: 'separable-as-ordinary-conv',
      value: c * f * k + b,
      message: `You counted it as an ordinary convolution; a separable one is a depthwise step then a pointwise ${by(...axes(1, rank, 1))} step: ${at.explanation}.`,
    },
  ];
}

/**
 * Mistakes a kernel's rank invites: a 1-D kernel squared as if it were 2-D (kernel 5 counted as 5×5), or a 3-D
 * kernel's depth left out (3×3×3 counted as 3×3). `pointwise` is the part of the weights that does not grow with
 * the kernel (a separable layer's pointwise step). Conv1D, 8 filters of 5 on 3 channels: 3 × (8 × 5×5) + 8 → 608.
 */
export function kernelRankMistakes(
  { layer, at }: MistakeContext<ConvOptions>,
  rank: number,
  pointwise = 0,
): MistakeCandidate[] {
  const kernel = axes(layer.kernelSize, rank, 1);
  const k = product(kernel);
  const perPosition = quotient(at.weights - pointwise, k);
  const rest = pointwise + at.biases;
  if (rank === 1) {
    const [n = 1] = kernel;
    return [
      {
        code: 'conv1d-squared-kernel',
        value: perPosition * n * n + rest,
        message: `You counted the 1-D kernel of ${n} as ${n}×${n}; it slides along the steps only, so it has ${n} weights per input channel, not ${n * n}: ${at.explanation}.`,
      },
    ];
  }
  if (rank === 3) {
    const [d = 1, h = 1, w = 1] = kernel;
    return [
      {
        code: 'conv3d-forgot-depth-axis',
        value: perPosition * h * w + rest,
        message: `You counted the ${by(d, h, w)} kernel as ${by(h, w)}, leaving out its depth; a 3-D kernel has ${d} × ${h} × ${w} = ${k} weights per input channel, not ${h * w}: ${at.explanation}.`,
      },
    ];
  }
  return [];
}

/**
 * Shape mistakes of any convolution: each slip of its window (padding, stride, + 1, rounding, dilation, and for a
 * transposed one working it as an ordinary one), and the channels kept from the input; `why` says where the output
 * channels come from. Valid 3×3 on 15×16×3 to 8 filters: same-instead-of-valid → 15×16×8, channels-from-input → 13×14×3.
 */
export function convShapeMistakes(
  { layer, input, output, shapeExplanation }: ShapeMistakeContext<ConvOptions>,
  rank: number,
  use: 'conv' | 'transposed',
  why: string,
): ShapeMistakeCandidate[] {
  const from = spatialInput('convolution', rank, input, layer.dataFormat);
  const to = spatialInput('convolution', rank, output, layer.dataFormat);
  if (isProblems(from) || isProblems(to)) return [];
  const candidates: ShapeMistakeCandidate[] = windowSlips(from.axes, convWindow(layer, rank), use).map((slip) => ({
    code: slip.code,
    shape: to.shape(slip.sizes, to.channels),
    message: `${slip.what}. Here: ${shapeExplanation}.`,
  }));
  if (from.channels !== to.channels) {
    candidates.push({
      code: 'channels-from-input',
      shape: to.shape(to.axes, from.channels),
      message: `You kept the ${plural(from.channels, 'channel', 'channels')} of the input; ${why}: ${shapeExplanation}.`,
    });
  }
  return candidates;
}

/** Shape mistakes of a convolution with filters (ordinary, separable, transposed): one output channel per filter. */
export const filterShapeMistakes = (
  context: ShapeMistakeContext<ConvOptions & { filters: number }>,
  rank: number,
  use: 'conv' | 'transposed',
) =>
  convShapeMistakes(
    context,
    rank,
    use,
    `a convolution has one output channel per filter, ${plural(context.layer.filters, 'filter', 'filters')} here`,
  );

/** Shape mistakes of a depthwise convolution: each input channel gives `depthMultiplier` output channels. */
export const depthwiseShapeMistakes = (
  context: ShapeMistakeContext<ConvOptions & { depthMultiplier?: number | undefined }>,
  rank: number,
) =>
  convShapeMistakes(
    context,
    rank,
    'conv',
    `each input channel gives depthMultiplier (${context.layer.depthMultiplier ?? 1}) output channels`,
  );
