import { analyzeNetwork } from '../../src/domain/analyze-network';
import { applyLayer, type Shape } from '../../src/domain/layer-rules';
import type { Random } from '../../src/domain/random';
import { Network, type Layer } from '../../src/domain/schema/network';

export interface RandomNetworkOptions {
  /** Exact number of layers; a random 1 to 12 when left out. */
  layers?: number;
  /**
   * Only networks TensorFlow.js 4.x counts and shapes the way Keras does: no dilationRate above 1 on
   * depthwiseConv2d or conv2dTranspose (tfjs ignores it there), no conv2d groups (tfjs has none) and no
   * flatten of an already flat tensor (tfjs refuses it, Keras passes it through).
   */
  tfjsComparable?: boolean;
}

// Small tensors keep TensorFlow.js fast; the rules under test do not depend on size.
const MAX_SIDE = 32;
const MAX_CHANNELS = 16;
const MAX_FLAT = 4096;
const ATTEMPTS = 40;

type Pair = number | [number, number];
type Spatial = readonly [number, number, number];

/**
 * A seeded random network that the engine accepts, covering all 13 layer types and their option
 * forms: `randomNetwork(createRandom(7))` is the same network on every run.
 */
export function randomNetwork(random: Random, options: RandomNetworkOptions = {}): Network {
  const count = options.layers ?? random.int(1, 12);
  const comparable = options.tfjsComparable ?? false;
  const input: [number, number, number] = randomInput(random);
  let shape: Shape = input;
  // Leaving the spatial part (flatten, global pooling) about 1.5 times per network keeps long
  // networks as varied as short ones.
  const leave = Math.min(0.5, 1.5 / count);
  const layers: Layer[] = [];
  for (let i = 0; i < count; i++) {
    const next = nextLayer(random, shape, leave, comparable);
    layers.push(next.layer);
    shape = next.outputShape;
  }
  const network = Network.parse({ input, layers });
  const report = analyzeNetwork(network);
  if (!report.ok) throw new Error(`randomNetwork built an invalid network: ${JSON.stringify(report.error)}`);
  return network;
}

function randomInput(random: Random): [number, number, number] {
  const h = random.int(1, 16);
  const w = random.chance(0.5) ? h : random.int(1, 16);
  return [h, w, random.int(1, 4)];
}

/**
 * One layer, valid by construction, whose output stays inside the size caps (retried while it does not;
 * dropout when nothing fits). The engine only supplies the output shape: if it refuses a layer built to
 * be valid, that is an engine or generator bug, and it is thrown rather than silently avoided.
 */
function nextLayer(random: Random, shape: Shape, leave: number, comparable: boolean) {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const layer = candidate(random, shape, leave, comparable);
    const outcome = applyLayer(layer, shape);
    if (Array.isArray(outcome)) {
      const on = `${JSON.stringify(layer)} on ${shape.join('×')}`;
      throw new Error(`the engine refused a layer built to be valid: ${on}: ${JSON.stringify(outcome)}`);
    }
    if (small(outcome.outputShape)) return { layer, outputShape: outcome.outputShape };
  }
  return { layer: { type: 'dropout', rate: 0.5 } satisfies Layer, outputShape: shape };
}

function small(shape: Shape): boolean {
  const [h, w, c] = shape;
  if (h === undefined) return false;
  if (w === undefined || c === undefined) return h <= MAX_FLAT;
  return h <= MAX_SIDE && w <= MAX_SIDE && c <= MAX_CHANNELS;
}

function candidate(random: Random, shape: Shape, leave: number, comparable: boolean): Layer {
  const [h, w, c] = shape;
  if (h === undefined || w === undefined || c === undefined) {
    const flat = ['dense', 'dense', 'dropout', 'batchNormalization'] as const;
    return flatLayer(random, random.pick(comparable ? flat : [...flat, 'flatten']));
  }
  const hwc: Spatial = [h, w, c];
  if (random.chance(leave)) {
    return { type: random.pick(['flatten', 'globalAveragePooling2d', 'globalMaxPooling2d'] as const) };
  }
  const type = random.pick([
    'conv2d',
    'depthwiseConv2d',
    'separableConv2d',
    'conv2dTranspose',
    'maxPooling2d',
    'averagePooling2d',
    'batchNormalization',
    'dense',
    'dropout',
    'zeroPadding2d',
  ] as const);
  switch (type) {
    case 'conv2d':
      return {
        type,
        ...filtersAndGroups(random, c, comparable),
        ...convOptions(random, hwc, true),
        ...useBias(random),
      };
    case 'depthwiseConv2d':
      return {
        type,
        ...convOptions(random, hwc, !comparable),
        ...depthMultiplier(random),
        ...useBias(random),
      };
    case 'separableConv2d':
      return {
        type,
        filters: random.int(1, 8),
        ...convOptions(random, hwc, true),
        ...depthMultiplier(random),
        ...useBias(random),
      };
    case 'conv2dTranspose':
      return { type, filters: random.int(1, 8), ...convOptions(random, hwc, !comparable), ...useBias(random) };
    case 'maxPooling2d':
    case 'averagePooling2d':
      return { type, ...poolOptions(random, hwc) };
    case 'zeroPadding2d':
      return { type, ...zeroPadding(random) };
    default:
      return flatLayer(random, type);
  }
}

/** Layers that accept a tensor of any rank. */
function flatLayer(random: Random, type: 'dense' | 'dropout' | 'batchNormalization' | 'flatten'): Layer {
  switch (type) {
    case 'dense':
      return { type, units: random.int(1, 12), ...useBias(random) };
    case 'dropout':
      return { type, rate: random.pick([0, 0.1, 0.25, 0.5, 0.75]) };
    default:
      return { type };
  }
}

/** One element of a list that may hold `undefined` (an option left out), which `pick` refuses. */
function choose<T>(random: Random, items: readonly T[]): T {
  return items[random.int(0, items.length - 1)] as T;
}

/** Either a number (same on both axes) or `[h, w]`; a square value is written either way. */
function pair(random: Random, h: number, w: number): Pair {
  return h === w && random.chance(0.6) ? h : [h, w];
}

/** Kernel, strides, padding and dilation that fit the input, written in varied forms. */
function convOptions(random: Random, [h, w]: Spatial, dilate: boolean) {
  const padding = choose(random, ['valid', 'same', undefined] as const);
  const mode = random.pick(dilate ? (['plain', 'strided', 'dilated'] as const) : (['plain', 'strided'] as const));
  const rate = mode === 'dilated' ? [random.int(1, 3), random.int(1, 3)] : [1, 1];
  const step = mode === 'strided' ? [random.int(1, 3), random.int(1, 3)] : [1, 1];
  // With "valid" padding the dilated kernel must fit: (k − 1)·d + 1 ≤ side.
  const fit = (side: number, d: number) =>
    padding === 'same' ? 5 : Math.max(1, Math.min(5, Math.floor((Number(side) - 1) / d) + 1));
  const kh = random.int(1, fit(h, rate[0] ?? 1));
  const fitW = fit(w, rate[1] ?? 1);
  const kw = random.chance(0.6) ? Math.min(kh, fitW) : random.int(1, fitW);
  return {
    kernelSize: pair(random, kh, kw),
    ...(padding === undefined ? {} : { padding }),
    ...optionalPair(random, 'strides', step),
    ...optionalPair(random, 'dilationRate', rate),
  };
}

/** An option left out, or written as 1 / [1, 1] when it holds the default, otherwise written out. */
function optionalPair<K extends string>(random: Random, key: K, [a = 1, b = 1]: number[]): { [P in K]?: Pair } {
  if (a === 1 && b === 1 && random.chance(0.6)) return {};
  return { [key]: pair(random, a, b) } as { [P in K]?: Pair };
}

function poolOptions(random: Random, [h, w]: Spatial) {
  const padding = choose(random, ['valid', 'same', undefined] as const);
  const fit = (side: number) => (padding === 'same' ? 4 : Math.max(1, Math.min(4, side)));
  const ph = random.int(1, fit(h));
  const pw = random.chance(0.6) ? Math.min(ph, fit(w)) : random.int(1, fit(w));
  // Left out, poolSize is 2 × 2; that needs a 2 × 2 input unless the padding is "same".
  const roomForDefault = padding === 'same' || (h >= 2 && w >= 2);
  const poolSize = roomForDefault && random.chance(0.25) ? {} : { poolSize: pair(random, ph, pw) };
  const strides = random.chance(0.5) ? {} : { strides: pair(random, random.int(1, 3), random.int(1, 3)) };
  return { ...poolSize, ...strides, ...(padding === undefined ? {} : { padding }) };
}

function zeroPadding(random: Random) {
  const side = () => random.int(0, 2);
  switch (random.int(0, 3)) {
    case 0:
      return {};
    case 1:
      return { padding: side() };
    case 2:
      return { padding: [side(), side()] as [number, number] };
    default:
      return {
        padding: [
          [side(), side()],
          [side(), side()],
        ] as [[number, number], [number, number]],
      };
  }
}

/** Filters, and sometimes groups that divide both the input channels and the filters (Keras's rule). */
function filtersAndGroups(random: Random, channels: number, comparable: boolean) {
  const c = Number(channels);
  const divisors = Array.from({ length: c }, (_, i) => i + 1).filter((g) => c % g === 0);
  const groups = comparable || random.chance(0.6) ? 1 : random.pick(divisors);
  const filters = groups * random.int(1, Math.max(1, Math.floor(8 / groups)));
  return { filters, ...(groups > 1 || (!comparable && random.chance(0.1)) ? { groups } : {}) };
}

function depthMultiplier(random: Random) {
  return random.chance(0.4) ? {} : { depthMultiplier: random.int(1, 3) };
}

function useBias(random: Random) {
  const choice = choose(random, [undefined, true, false, false] as const);
  return choice === undefined ? {} : { useBias: choice };
}
