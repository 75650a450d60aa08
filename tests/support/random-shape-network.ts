import { analyzeNetwork } from '../../src/domain/analyze-network';
import { applyLayer, type Shape } from '../../src/domain/layer-rules';
import type { Random } from '../../src/domain/random';
import { Network, type Layer, type LayerType } from '../../src/domain/schema/network';

/**
 * Which framework the network must be comparable with. tfjs 4 has reshape, permute, flatten,
 * upSampling2d, zeroPadding2d, cropping2D, spatialDropout1d and the noise layers, but no mixed
 * per-axis forms of padding or cropping; PyTorch takes every shape type, but our PyTorch code
 * keeps one layout (channels first), so it gets channels_last layers only and dense only where
 * the exported code handles its axis (flat or image tensors).
 */
export type ShapeTarget = 'tfjs' | 'pytorch';

// Small tensors keep both frameworks fast; the rules under test do not depend on size.
const MAX_SIZE = 2048;
const MAX_SIDE = 48;
const ATTEMPTS = 40;
const FORMATS = ['channels_last', 'channels_first'] as const;

/** The shape and regularization types each target draws, by the rank (axes besides the batch) they need. */
const BY_RANK: Record<ShapeTarget, Record<number | 'any', readonly LayerType[]>> = {
  tfjs: {
    any: ['reshape', 'reshape', 'permute', 'gaussianNoise', 'gaussianDropout', 'alphaDropout', 'dense'],
    1: [],
    2: ['spatialDropout1d', 'flatten'],
    // Twice each: most of tfjs's shape layers need an image.
    3: [
      'conv2d',
      'upSampling2d',
      'upSampling2d',
      'zeroPadding2d',
      'zeroPadding2d',
      'cropping2d',
      'cropping2d',
      'flatten',
    ],
    4: ['flatten'],
  },
  pytorch: {
    any: [
      'reshape',
      'reshape',
      'permute',
      'gaussianNoise',
      'gaussianDropout',
      'alphaDropout',
      'activityRegularization',
      'flatten',
    ],
    1: ['dense'],
    // Twice each: they need a tensor of their rank, which the input or a reshape must make first.
    2: [
      'spatialDropout1d',
      'upSampling1d',
      'upSampling1d',
      'zeroPadding1d',
      'zeroPadding1d',
      'cropping1d',
      'cropping1d',
    ],
    3: [
      'conv2d',
      'dense',
      'upSampling2d',
      'upSampling2d',
      'zeroPadding2d',
      'cropping2d',
      'cropping2d',
      'spatialDropout2d',
    ],
    4: [
      'upSampling3d',
      'upSampling3d',
      'zeroPadding3d',
      'zeroPadding3d',
      'cropping3d',
      'cropping3d',
      'spatialDropout3d',
    ],
  },
};

/** Every type a target's networks contain. */
export const shapeTypes = (target: ShapeTarget): LayerType[] => [...new Set(Object.values(BY_RANK[target]).flat())];

/**
 * A seeded random network of 1 to 8 layers mixing shape changes and regularization with conv2d and
 * dense, from an input of rank 1 to 4, that the engine accepts: `randomShapeNetwork(createRandom(7), 'tfjs')`
 * is the same network on every run.
 */
export function randomShapeNetwork(random: Random, target: ShapeTarget): Network {
  const input = randomInput(random);
  let shape: Shape = input;
  const layers: Layer[] = [];
  const count = random.int(1, 8);
  for (let i = 0; i < count; i++) {
    const next = nextLayer(random, shape, target);
    layers.push(next.layer);
    shape = next.outputShape;
  }
  const network = Network.parse({ input, layers });
  const report = analyzeNetwork(network);
  if (!report.ok) throw new Error(`randomShapeNetwork built an invalid network: ${JSON.stringify(report.error)}`);
  return network;
}

function randomInput(random: Random): number[] {
  switch (random.pick([1, 2, 3, 3, 4])) {
    case 1:
      return [random.int(1, 96)];
    case 2:
      return [random.int(1, 16), random.int(1, 8)];
    case 3:
      return [random.int(1, 12), random.int(1, 12), random.int(1, 4)];
    default:
      return [random.int(1, 7), random.int(1, 7), random.int(1, 7), random.int(1, 3)];
  }
}

/** One layer, valid by construction, whose output stays small (retried while it does not; gaussian noise when nothing fits). */
function nextLayer(random: Random, shape: Shape, target: ShapeTarget) {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const layer = candidate(random, shape, target);
    const outcome = applyLayer(layer, shape);
    if (Array.isArray(outcome)) {
      const on = `${JSON.stringify(layer)} on ${shape.join('×')}`;
      throw new Error(`the engine refused a layer built to be valid: ${on}: ${JSON.stringify(outcome)}`);
    }
    if (small(outcome.outputShape)) return { layer, outputShape: outcome.outputShape };
  }
  return { layer: { type: 'gaussianNoise', stddev: 0.1 } satisfies Layer, outputShape: shape };
}

const small = (shape: Shape) =>
  shape.reduce((a, b) => a * b, 1) <= MAX_SIZE && shape.every((s) => s <= MAX_SIDE || shape.length === 1);

function candidate(random: Random, shape: Shape, target: ShapeTarget): Layer {
  const sizes = shape.map(Number);
  const type = random.pick([...BY_RANK[target].any, ...(BY_RANK[target][sizes.length] ?? [])]);
  // A channels_first layer reads the axes differently; only tfjs's shape rules are checked with it.
  const format = target === 'tfjs' && random.chance(0.3) ? { dataFormat: FORMATS[1] } : {};
  const rank = sizes.length - 1;
  // The spatial sizes as the layer sees them (channels first moves them one axis on).
  const spatial = 'dataFormat' in format ? sizes.slice(1) : sizes.slice(0, -1);
  const mixed = target === 'pytorch';
  switch (type) {
    case 'reshape':
      return { type, targetShape: targetShape(random, sizes) };
    case 'permute':
      return { type, dims: permutation(random, sizes.length) };
    case 'flatten':
      return { type };
    case 'gaussianNoise':
      return { type, stddev: random.pick([0, 0.05, 0.1, 0.5, 1]) };
    case 'gaussianDropout':
    case 'alphaDropout':
    case 'spatialDropout1d':
      return { type, rate: random.pick([0, 0.1, 0.25, 0.5]) };
    case 'spatialDropout2d':
    case 'spatialDropout3d':
      return { type, rate: random.pick([0, 0.1, 0.25, 0.5]) };
    case 'activityRegularization':
      return { type, ...choose(random, [{}, { l1: 0.01 }, { l2: 0.001 }, { l1: 0.1, l2: 0.2 }]) };
    case 'dense':
      return { type, units: random.int(1, 8) };
    case 'conv2d': {
      const padding = random.pick(['valid', 'same'] as const);
      const fit = Math.min(...sizes.slice(0, 2), 3);
      const kernelSize = padding === 'same' ? random.int(1, 3) : random.int(1, fit);
      return { type, filters: random.int(1, 4), kernelSize, padding };
    }
    case 'upSampling1d':
      return { type, ...maybe(random, 'size', random.int(1, 3)) };
    case 'upSampling2d':
      return {
        type,
        ...factors(random, 2),
        ...choose(random, [
          {},
          {},
          { interpolation: 'bilinear' as const },
          ...(target === 'pytorch'
            ? [{ interpolation: 'bicubic' as const }, { interpolation: 'lanczos3' as const }]
            : []),
        ]),
        ...format,
      };
    case 'upSampling3d':
      return { type, ...factors(random, 3) };
    case 'zeroPadding1d':
      return { type, ...margins(random, 'padding', [MAX_SIDE], 1, false, 1) };
    case 'zeroPadding2d':
      return { type, ...margins(random, 'padding', spatial, 2, false, 1), ...format };
    case 'zeroPadding3d':
      return { type, ...margins(random, 'padding', spatial, 3, mixed, 1) };
    case 'cropping1d':
      return { type, ...margins(random, 'cropping', spatial, 1, false, 1, true) };
    case 'cropping2d':
      return { type, ...margins(random, 'cropping', spatial, 2, mixed, 0, true), ...format };
    case 'cropping3d':
      return { type, ...margins(random, 'cropping', spatial, 3, mixed, 1, true) };
    default:
      throw new Error(`randomShapeNetwork does not draw ${type} (rank ${rank + 1})`);
  }
}

/** One element of a list that may hold empty options. */
function choose<T>(random: Random, items: readonly T[]): T {
  return items[random.int(0, items.length - 1)] as T;
}

/** The option, or left out (its default) two times in five. */
function maybe<K extends string, V>(random: Random, key: K, value: V): { [P in K]?: V } {
  return random.chance(0.4) ? {} : ({ [key]: value } as { [P in K]?: V });
}

/** A random order of the axes 1 … rank: `[2, 3, 1]`. */
function permutation(random: Random, rank: number): number[] {
  const dims = Array.from({ length: rank }, (_, i) => i + 1);
  for (let i = dims.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [dims[i], dims[j]] = [dims[j] as number, dims[i] as number];
  }
  return dims;
}

/** Sizes of 1 to 4 axes whose product is the input's size, one of them sometimes -1. */
function targetShape(random: Random, sizes: readonly number[]): number[] {
  let left = sizes.reduce((a, b) => a * b, 1);
  const rank = random.pick([1, 2, 3, 3, 4]);
  const out: number[] = [];
  for (let i = 0; i < rank - 1; i++) {
    const divisors = Array.from({ length: Math.min(left, MAX_SIDE) }, (_, d) => d + 1).filter((d) => left % d === 0);
    const d = random.pick(divisors);
    out.push(d);
    left /= d;
  }
  out.push(left);
  const shuffled = permutation(random, out.length).map((i) => out[i - 1] as number);
  if (random.chance(0.4)) shuffled[random.int(0, shuffled.length - 1)] = -1;
  return shuffled;
}

/** Up-sampling factors: left out, one number or one per axis (`[2, 1]` in 2-D, `[2, 1, 3]` in 3-D). */
function factors<R extends 2 | 3>(
  random: Random,
  rank: R,
): { size?: number | (R extends 2 ? [number, number] : [number, number, number]) } {
  const each = Array.from({ length: rank }, () => random.int(1, 3));
  switch (random.int(0, 2)) {
    case 0:
      return {};
    case 1:
      return { size: each[0] as number };
    default:
      return { size: each as R extends 2 ? [number, number] : [number, number, number] };
  }
}

type Pair = [number, number];

/**
 * Padding or cropping that fits `spatial` (cropping leaves at least 1 on each axis), written in one of its
 * forms: left out (when the default fits), n, one per axis, [before, after] per axis, or (mixed) per axis either way.
 */
function margins(
  random: Random,
  key: 'padding' | 'cropping',
  spatial: readonly number[],
  rank: 1 | 2 | 3,
  mixed: boolean,
  fallback: number,
  crop = false,
): Record<string, unknown> {
  // The most that can go on one side of each axis, keeping at least 1 when cropping.
  const room = spatial.map((size) => (crop ? Math.floor((size - 1) / 2) : 2));
  const fitsDefault = !crop || room.every((r) => r >= fallback);
  if (fitsDefault && random.chance(0.25)) return {};
  const form = random.int(1, mixed ? 4 : 3);
  if (form <= 1) return { [key]: random.int(0, Math.min(2, ...room)) };
  if (form === 2) {
    const each = room.map((r) => random.int(0, Math.min(2, r)));
    return { [key]: rank === 1 ? [each[0], each[0]] : each };
  }
  // Uneven sides: all of an axis's budget may go on one side.
  const pairs = spatial.map((size): Pair => {
    const budget = crop ? Math.min(size - 1, 3) : 3;
    const before = random.int(0, Math.min(budget, crop ? budget : 2));
    const after = random.int(0, Math.min(budget - before, 2));
    return [before, after];
  });
  if (rank === 1) return { [key]: pairs[0] };
  if (form === 3) return { [key]: pairs };
  return { [key]: pairs.map(([a, b]) => (a === b ? a : [a, b])) };
}

/** Tags of what a layer exercises, for tests that check the generator covers every form. */
export function shapeFeatures(layer: Layer): string[] {
  const tags: string[] = [layer.type];
  const form = (value: unknown) =>
    value === undefined
      ? 'default'
      : typeof value === 'number'
        ? 'n'
        : Array.isArray(value) && value.every((v) => typeof v === 'number')
          ? 'per axis'
          : Array.isArray(value) && value.every((v) => Array.isArray(v))
            ? '[before, after] per axis'
            : 'mixed';
  if (layer.type === 'zeroPadding1d' || layer.type === 'zeroPadding2d' || layer.type === 'zeroPadding3d') {
    tags.push(`${layer.type} padding ${form(layer.padding)}`);
  }
  if (layer.type === 'cropping1d' || layer.type === 'cropping2d' || layer.type === 'cropping3d') {
    tags.push(`${layer.type} cropping ${form(layer.cropping)}`);
  }
  if (layer.type === 'reshape')
    tags.push(`reshape to rank ${layer.targetShape.length}${layer.targetShape.includes(-1) ? ' with -1' : ''}`);
  if (layer.type === 'reshape' && layer.targetShape.includes(-1)) tags.push('reshape with -1');
  if (layer.type === 'permute') tags.push(`permute rank ${layer.dims.length}`);
  if (layer.type === 'upSampling1d' || layer.type === 'upSampling2d' || layer.type === 'upSampling3d') {
    tags.push(`${layer.type} size ${form(layer.size)}`);
  }
  if (layer.type === 'upSampling2d' && layer.interpolation) tags.push(`upSampling2d ${layer.interpolation}`);
  if ('dataFormat' in layer && layer.dataFormat === 'channels_first') tags.push(`${layer.type} channels_first`);
  return tags;
}
