import { analyzeNetwork } from '../../src/domain/analyze-network';
import { applyLayer, type Shape } from '../../src/domain/layer-rules';
import type { Random } from '../../src/domain/random';
import { Network, type Layer } from '../../src/domain/schema/network';

/** Which framework the network must be comparable with. */
export type Target =
  /**
   * TensorFlow.js 4: conv1d (with "causal"), conv3d and conv3dTranspose only; no groups (tfjs has none), no
   * dilation on conv3dTranspose (tfjs ignores it), no flatten of a flat tensor; data formats may be mixed.
   */
  | 'tfjs'
  /**
   * PyTorch built from our `pytorch` code: every 1-D and 3-D convolution type with groups and dilation; one data
   * format per network (PyTorch tensors are always channels first); dense only on flat tensors and batch
   * normalization only on channels-last networks (our PyTorch code for those assumes channels last).
   */
  | 'pytorch';

export type Family = '1d' | '3d';

// Small tensors keep both frameworks fast; the rules under test do not depend on size.
const MAX_AXIS: Record<Family, number> = { '1d': 64, '3d': 14 };
const MAX_FLAT = 4096;
const ATTEMPTS = 40;

export type DataFormat = 'channels_last' | 'channels_first';

interface Context {
  random: Random;
  family: Family;
  target: Target;
  /** The data format of every spatial layer (PyTorch), or undefined when each layer draws its own (tfjs). */
  format: DataFormat | undefined;
}

/**
 * A seeded random network of one family that the engine accepts: `randomConvNetwork(createRandom(7), '1d', 'tfjs')`
 * is the same network on every run. 1-D inputs are `[steps, channels]`, 3-D ones `[depth, height, width, channels]`
 * (channels first for a PyTorch network in `channels_first`, where every convolution says so).
 */
export function randomConvNetwork(
  random: Random,
  family: Family,
  target: Target,
  pytorchFormat: DataFormat = 'channels_last',
): Network {
  const count = random.int(1, 8);
  const format = target === 'pytorch' ? pytorchFormat : undefined;
  const ctx: Context = { random, family, target, format };
  const input =
    family === '1d'
      ? [random.int(1, 40), random.int(1, 8)]
      : [random.int(1, 9), random.int(1, 9), random.int(1, 9), random.int(1, 4)];
  if (format === 'channels_first') input.unshift(input.pop() as number);
  let shape: Shape = input;
  const leave = Math.min(0.4, 1.2 / count);
  const layers: Layer[] = [];
  for (let i = 0; i < count; i++) {
    const next = nextLayer(ctx, shape, leave);
    layers.push(next.layer);
    shape = next.outputShape;
  }
  const network = Network.parse({ input, layers });
  const report = analyzeNetwork(network);
  if (!report.ok) throw new Error(`randomConvNetwork built an invalid network: ${JSON.stringify(report.error)}`);
  return network;
}

/** One layer, valid by construction, whose output stays small (retried while it does not; dropout when nothing fits). */
function nextLayer(ctx: Context, shape: Shape, leave: number) {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const layer = candidate(ctx, shape, leave);
    const outcome = applyLayer(layer, shape);
    if (Array.isArray(outcome)) {
      const on = `${JSON.stringify(layer)} on ${shape.join('×')}`;
      throw new Error(`the engine refused a layer built to be valid: ${on}: ${JSON.stringify(outcome)}`);
    }
    if (small(ctx.family, outcome.outputShape)) return { layer, outputShape: outcome.outputShape };
  }
  return { layer: { type: 'dropout', rate: 0.5 } satisfies Layer, outputShape: shape };
}

/** Every axis (spatial or channels, whatever the data format) and the flattened size stay under the caps. */
function small(family: Family, shape: Shape): boolean {
  const size = shape.reduce((a, b) => a * b, 1);
  return size <= MAX_FLAT && (shape.length === 1 || shape.every((s) => s <= MAX_AXIS[family]));
}

function candidate(ctx: Context, shape: Shape, leave: number): Layer {
  const { random, family, target } = ctx;
  if (shape.length === 1) {
    return random.pick([
      { type: 'dense', units: random.int(1, 12), ...useBias(random) },
      { type: 'dropout', rate: random.pick([0, 0.25, 0.5]) },
      { type: 'batchNormalization' },
    ] satisfies Layer[]);
  }
  if (random.chance(leave)) return { type: 'flatten' };
  const spatialTypes =
    family === '1d'
      ? target === 'tfjs'
        ? (['conv1d', 'conv1d', 'conv1d'] as const)
        : (['conv1d', 'conv1d', 'conv1dTranspose', 'separableConv1d', 'depthwiseConv1d'] as const)
      : (['conv3d', 'conv3d', 'conv3dTranspose'] as const);
  const others =
    target === 'tfjs'
      ? (['batchNormalization', 'dense', 'dropout'] as const)
      : ctx.format === 'channels_last'
        ? (['batchNormalization', 'dropout'] as const)
        : (['dropout'] as const);
  const type = random.chance(0.7) ? random.pick(spatialTypes) : random.pick(others);
  switch (type) {
    case 'batchNormalization':
      return { type };
    case 'dense':
      return { type, units: random.int(1, 12), ...useBias(random) };
    case 'dropout':
      return { type, rate: random.pick([0, 0.1, 0.5]) };
    default:
      return convLayer(ctx, type, shape);
  }
}

type ConvType = 'conv1d' | 'conv1dTranspose' | 'separableConv1d' | 'depthwiseConv1d' | 'conv3d' | 'conv3dTranspose';

function convLayer(ctx: Context, type: ConvType, shape: Shape): Layer {
  const { random, target } = ctx;
  const rank = ctx.family === '1d' ? 1 : 3;
  const dataFormat = ctx.format ?? (random.chance(0.2) ? 'channels_first' : 'channels_last');
  const first = dataFormat === 'channels_first';
  const channels = Number(first ? shape[0] : shape[shape.length - 1]);
  const sizes = (first ? shape.slice(1) : shape.slice(0, -1)).map(Number);
  if (sizes.length !== rank) {
    // A data format that reads the tensor with the wrong axis count cannot happen: rank is fixed per family.
    throw new Error(`unexpected shape ${shape.join('×')} for a rank-${rank} layer`);
  }
  const transposed = type === 'conv1dTranspose' || type === 'conv3dTranspose';
  const paddings =
    type === 'conv1d' ? (['valid', 'same', 'causal', undefined] as const) : (['valid', 'same', undefined] as const);
  const padding = choose(random, paddings);
  const canDilate = !(target === 'tfjs' && transposed);
  const mode = random.pick(canDilate ? (['plain', 'strided', 'dilated'] as const) : (['plain', 'strided'] as const));
  const rate = sizes.map(() => (mode === 'dilated' ? random.int(1, 3) : 1));
  const step = sizes.map(() => (mode === 'strided' ? random.int(1, 3) : 1));
  // Only "valid" padding needs the dilated kernel to fit: (k − 1)·d + 1 ≤ side.
  const fit = (side: number, d: number) =>
    transposed || padding === 'same' || padding === 'causal'
      ? 5
      : Math.max(1, Math.min(5, Math.floor((side - 1) / d) + 1));
  const firstKernel = random.int(1, fit(sizes[0] ?? 1, rate[0] ?? 1));
  const kernel = sizes.map((side, i) => {
    const most = fit(side, rate[i] ?? 1);
    return random.chance(0.6) ? Math.min(firstKernel, most) : random.int(1, most);
  });
  const window = {
    kernelSize: axes(random, kernel),
    ...(padding === undefined ? {} : { padding }),
    ...optionalAxes(random, 'strides', step),
    ...optionalAxes(random, 'dilationRate', rate),
    ...useBias(random),
    ...(dataFormat === 'channels_first' || random.chance(0.1) ? { dataFormat } : {}),
  };
  switch (type) {
    case 'conv1d':
    case 'conv3d':
      return { type, ...filtersAndGroups(random, channels, target), ...window } as Layer;
    case 'conv1dTranspose':
    case 'conv3dTranspose':
      return { type, filters: random.int(1, 8), ...window } as Layer;
    case 'separableConv1d':
      return { type, filters: random.int(1, 8), ...depthMultiplier(random), ...window } as Layer;
    case 'depthwiseConv1d':
      return { type, ...depthMultiplier(random), ...window } as Layer;
  }
}

/** One element of a list that may hold `undefined` (an option left out), which `pick` refuses. */
function choose<T>(random: Random, items: readonly T[]): T {
  return items[random.int(0, items.length - 1)] as T;
}

/** One number when every axis agrees (60% of the time), else the list: `[5]` in 1-D, `[d, h, w]` in 3-D. */
function axes(random: Random, values: number[]): number | number[] {
  return values.every((v) => v === values[0]) && random.chance(0.6) ? (values[0] ?? 1) : values;
}

/** An option left out, or written out (as 1 or [1] when it holds the default). */
function optionalAxes<K extends string>(random: Random, key: K, values: number[]): { [P in K]?: number | number[] } {
  if (values.every((v) => v === 1) && random.chance(0.6)) return {};
  return { [key]: axes(random, values) } as { [P in K]?: number | number[] };
}

/** Filters, and for PyTorch sometimes groups dividing both the input channels and the filters (Keras's rule). */
function filtersAndGroups(random: Random, channels: number, target: Target) {
  const divisors = Array.from({ length: channels }, (_, i) => i + 1).filter((g) => channels % g === 0);
  const groups = target === 'tfjs' || random.chance(0.5) ? 1 : random.pick(divisors);
  const filters = groups * random.int(1, Math.max(1, Math.floor(8 / groups)));
  return { filters, ...(groups > 1 ? { groups } : {}) };
}

function depthMultiplier(random: Random) {
  return random.chance(0.4) ? {} : { depthMultiplier: random.int(1, 3) };
}

function useBias(random: Random) {
  const choice = choose(random, [undefined, true, false, false] as const);
  return choice === undefined ? {} : { useBias: choice };
}
