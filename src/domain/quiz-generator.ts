import { product } from './exact';
import { applyLayer, type Shape } from './layer-rules';
import { specOf } from './layers';
import { createRandom, type Random } from './random';
import type { Layer, LayerType, Network } from './schema/network';

/**
 * Versions of the generation rules. Quiz links carry one (`?v=1`), so a link keeps giving
 * the same network after the rules change: never edit a version's table, add a new version.
 */
export const GENERATOR_VERSIONS = [1, 2] as const;
export type GeneratorVersion = (typeof GENERATOR_VERSIONS)[number];

/** The version new quiz links carry. */
export const GENERATOR_VERSION: GeneratorVersion = 2;

/** Whether a value names a generator version: `isGeneratorVersion(1) → true`, `isGeneratorVersion(9) → false`. */
export function isGeneratorVersion(value: unknown): value is GeneratorVersion {
  return GENERATOR_VERSIONS.includes(value as GeneratorVersion);
}

/**
 * Every quiz level any version has: 1 is the lesson's kind of network, 2 adds shapes that shrink,
 * 3 adds modern layers, 4 (from version 2) activations, normalizations and 1-D and 3-D data,
 * 5 (from version 2) networks that branch and merge.
 */
export const QUIZ_LEVELS = [1, 2, 3, 4, 5] as const;
export type QuizLevel = (typeof QUIZ_LEVELS)[number];

/** What each level asks, in a learner's words. */
export const LEVEL_TITLES: Record<QuizLevel, string> = {
  1: 'Same padding, flatten, dense',
  2: 'Valid padding, strides, pooling',
  3: 'Batch norm, depthwise, separable, transposed',
  4: 'Activations, normalizations, sequences and volumes',
  5: 'Residual and inception blocks',
};

/** Largest count of any single layer at level 1: a product a person works out on paper. */
export const LEVEL_1_MAX_LAYER_PARAMS = 5000;
/** Largest count of any single layer at levels 2 and up. */
export const MAX_LAYER_PARAMS = 100_000;

/** Whether a value names a level of some version: `isQuizLevel(2) → true`, `isQuizLevel(6) → false`. */
export function isQuizLevel(value: unknown): value is QuizLevel {
  return QUIZ_LEVELS.includes(value as QuizLevel);
}

/** The levels one version has: `levelsOf(1) → [1, 2, 3]`, `levelsOf(2) → [1, 2, 3, 4, 5]`. */
export function levelsOf(version: GeneratorVersion): QuizLevel[] {
  return QUIZ_LEVELS.filter((level) => TABLES[version][level] !== undefined);
}

/**
 * The levels a practice set of "mixed levels" draws from, frozen per version: a level added to a
 * version later is left out, so every mixed set made before it keeps its networks.
 * `mixedLevels(2) → [1, 2, 3, 4]`, `mixedLevels(1) → [1, 2, 3]`.
 */
export function mixedLevels(version: GeneratorVersion): QuizLevel[] {
  return [...MIXED[version]];
}

/**
 * The network of a quiz, the same for the same version, level and seed forever:
 * `generateNetwork(1, 1, 'abc')` deep-equals `generateNetwork(1, 1, 'abc')` on every machine.
 * Every network it returns passes the schema and is counted by `analyzeNetwork` without error.
 * A level the version does not have gets the version's highest level (`levelsOf` says which exist).
 */
export function generateNetwork(version: GeneratorVersion, level: QuizLevel, seed: string): Network {
  const table = TABLES[version];
  const levels = levelsOf(version);
  const used = table[level] ? level : (levels[levels.length - 1] ?? 1);
  const make = table[used] ?? level1;
  return make(createRandom(`learnable/v${version}/level-${used}/${seed}`));
}

/**
 * Which levels of a version make each layer type, read off `samples` networks per level:
 * `levelsMaking(1).get('batchNormalization') → [3]`. A type no level makes is absent.
 */
export function levelsMaking(version: GeneratorVersion, samples = 300): Map<LayerType, QuizLevel[]> {
  const making = new Map<LayerType, QuizLevel[]>();
  for (const level of levelsOf(version)) {
    const seen = new Set<LayerType>();
    for (let i = 0; i < samples; i++) {
      for (const layer of generateNetwork(version, level, `form-${i}`).layers) seen.add(layer.type);
    }
    for (const type of seen) making.set(type, [...(making.get(type) ?? []), level]);
  }
  return making;
}

/** A network under construction that only accepts layers the engine can apply. */
interface Builder {
  readonly layers: Layer[];
  readonly shape: Shape;
  /** Appends the layer when it applies, keeps every side ≥ `minSide` and learns at most `maxParams`. */
  add(layer: Layer, limits?: { minSide?: number; maxSide?: number; maxParams?: number }): boolean;
}

function builder(input: readonly number[]): Builder {
  let shape: Shape = input;
  const layers: Layer[] = [];
  return {
    layers,
    get shape() {
      return shape;
    },
    add(layer, { minSide = 2, maxSide = 64, maxParams = MAX_LAYER_PARAMS } = {}) {
      const outcome = applyLayer(layer, shape);
      if (Array.isArray(outcome)) return false;
      // Every spatial side (not the channels) stays within bounds; a flat vector has none.
      const sides = outcome.outputShape.length > 1 ? outcome.outputShape.slice(0, -1) : [];
      if (sides.some((side) => side < minSide || side > maxSide)) return false;
      if (outcome.weights + outcome.biases + outcome.nonTrainable > maxParams) return false;
      layers.push(layer);
      shape = outcome.outputShape;
      return true;
    },
  };
}

const size = (shape: Shape) => product(shape);
const lastAxis = (shape: Shape) => shape[shape.length - 1] ?? 1;

/** Dense units from `min` to `max`, fewer when the layer would learn more than `budget`. */
const denseUnits = (r: Random, inputs: number, min: number, max: number, budget: number) =>
  r.int(min, Math.max(min, Math.min(max, Math.floor(budget / (inputs + 1)))));

/** Input, same-padded stride-1 convolutions, flatten, dense: the lesson's network, small enough for paper. */
function level1(r: Random): Network {
  const side = r.int(4, 12);
  const input: [number, number, number] = [side, r.chance(0.75) ? side : r.int(4, 12), r.pick([1, 2, 3, 3, 4])];
  const net = builder(input);
  const limits = { maxParams: LEVEL_1_MAX_LAYER_PARAMS };
  const convolutions = r.pick([1, 2, 2, 3]);
  for (let i = 0; i < convolutions; i++) {
    const filters = r.int(2, 8);
    const kernelSize = r.pick([3, 3, 3, 1, 5]);
    if (!net.add({ type: 'conv2d', filters, kernelSize, padding: 'same' }, limits)) {
      net.add({ type: 'conv2d', filters: 2, kernelSize: 1, padding: 'same' }, limits);
    }
  }
  net.add({ type: 'flatten' });
  if (r.chance(0.3)) net.add({ type: 'dropout', rate: r.pick([0.25, 0.5]) });
  const flat = size(net.shape);
  if (r.chance(0.35)) {
    const hidden = denseUnits(r, flat, 2, 16, LEVEL_1_MAX_LAYER_PARAMS);
    net.add({ type: 'dense', units: hidden }, limits);
    net.add({ type: 'dense', units: r.int(2, 10) }, limits);
  } else {
    net.add({ type: 'dense', units: denseUnits(r, flat, 2, 10, LEVEL_1_MAX_LAYER_PARAMS) }, limits);
  }
  return { input, layers: net.layers };
}

const rectangular = (r: Random): [number, number] => {
  const kh = r.pick([1, 3, 5]);
  const kw = r.pick([1, 2, 3, 5].filter((k) => k !== kh));
  return r.chance(0.5) ? [kh, kw] : [kw, kh];
};

/** Valid or same padding, strides, rectangular kernels and pooling: every shape must be worked out. */
function level2(r: Random): Network {
  const side = r.int(12, 32);
  const input: [number, number, number] = [side, r.chance(0.7) ? side : r.int(12, 32), r.pick([1, 3, 3])];
  const net = builder(input);
  const blocks = r.int(2, 3);
  for (let i = 0; i < blocks; i++) {
    const strides = r.chance(0.3) ? 2 : r.chance(0.1) ? ([1, 2] as [number, number]) : 1;
    const conv: Layer = {
      type: 'conv2d',
      filters: r.int(2, 16),
      kernelSize: r.chance(0.35) ? rectangular(r) : r.pick([3, 3, 5, 1]),
      padding: r.chance(0.6) ? 'valid' : 'same',
      ...(strides !== 1 && { strides }),
    };
    if (!net.add(conv)) net.add({ type: 'conv2d', filters: conv.filters, kernelSize: 1 });
    if (r.chance(0.5)) {
      const type = r.pick(['maxPooling2d', 'averagePooling2d'] as const);
      const poolSize = r.pick([2, 2, 3, [2, 3]] as const);
      const poolStrides = r.chance(0.2) ? 1 : undefined;
      net.add({
        type,
        poolSize: typeof poolSize === 'number' ? poolSize : [...poolSize],
        ...(poolStrides !== undefined && { strides: poolStrides }),
        ...(r.chance(0.2) && { padding: 'same' as const }),
      });
    }
  }
  while (size(net.shape) > 3000 && net.add({ type: 'maxPooling2d', poolSize: 2 })) {
    // Halve the feature map until the dense layer stays moderate.
  }
  net.add({ type: 'flatten' });
  if (r.chance(0.3)) net.add({ type: 'dropout', rate: r.pick([0.2, 0.25, 0.5]) });
  const flat = size(net.shape);
  if (r.chance(0.3)) {
    const hidden = denseUnits(r, flat, 4, 32, 50_000);
    net.add({ type: 'dense', units: hidden });
  }
  net.add({ type: 'dense', units: denseUnits(r, lastAxis(net.shape), 2, 10, 50_000) });
  return { input, layers: net.layers };
}

type Step = (r: Random, net: Builder) => boolean;

const padding = (r: Random) => (r.chance(0.5) ? ('same' as const) : ('valid' as const));

/** The layers of level 3, each a step that may refuse to fit the current shape. */
const LEVEL_3_STEPS: Step[] = [
  // A bias-free convolution followed by batch normalization, as in ResNet.
  (r, net) =>
    net.add({ type: 'conv2d', filters: r.int(4, 16), kernelSize: 3, padding: 'same', useBias: false }) &&
    net.add({ type: 'batchNormalization' }),
  (r, net) =>
    net.add({
      type: 'depthwiseConv2d',
      kernelSize: 3,
      padding: padding(r),
      ...(r.chance(0.35) && { depthMultiplier: 2 }),
      ...(r.chance(0.25) && { useBias: false }),
    }),
  (r, net) =>
    net.add({
      type: 'separableConv2d',
      filters: r.int(4, 16),
      kernelSize: 3,
      padding: padding(r),
      ...(r.chance(0.25) && { depthMultiplier: 2 }),
    }),
  (r, net) =>
    net.add(
      { type: 'conv2dTranspose', filters: r.int(2, 8), kernelSize: r.pick([2, 3]), strides: 2, padding: padding(r) },
      { maxSide: 48 },
    ),
  (r, net) => net.add({ type: 'conv2d', filters: r.int(2, 12), kernelSize: 3, dilationRate: 2, padding: padding(r) }),
  (r, net) => net.add({ type: r.pick(['maxPooling2d', 'averagePooling2d'] as const), poolSize: 2 }),
  (r, net) => net.add({ type: 'conv2d', filters: r.int(2, 12), kernelSize: r.pick([1, 3]), useBias: false }),
  // Dense on a height × width × channels tensor: Keras acts on the channels only.
  (r, net) => net.layers.length > 0 && r.chance(0.4) && net.add({ type: 'dense', units: r.int(2, 8) }),
];

/** The steps that exist only at level 3, one of which every level 3 network starts with. */
const MODERN_STEPS = LEVEL_3_STEPS.slice(0, 5);

/** Batch normalization, depthwise, separable and transposed convolutions, dilation, global pooling, no bias. */
function level3(r: Random): Network {
  const side = r.int(8, 24);
  const input: [number, number, number] = [side, r.chance(0.8) ? side : r.int(8, 24), r.int(1, 4)];
  const net = builder(input);
  const steps = r.int(3, 4);
  for (let i = 0; i < steps; i++) {
    const step = r.pick(i === 0 ? MODERN_STEPS : LEVEL_3_STEPS);
    if (!step(r, net)) {
      net.add({ type: 'conv2d', filters: r.int(2, 8), kernelSize: 1, useBias: i > 0 && r.chance(0.5) });
    }
  }
  if (r.chance(0.65) || size(net.shape) > 3000) {
    net.add({ type: r.pick(['globalAveragePooling2d', 'globalMaxPooling2d'] as const) });
  } else {
    net.add({ type: 'flatten' });
  }
  if (r.chance(0.35)) {
    net.add({ type: 'dense', units: denseUnits(r, size(net.shape), 4, 32, 50_000), useBias: false });
    net.add({ type: 'batchNormalization' });
  }
  net.add({ type: 'dense', units: denseUnits(r, size(net.shape), 2, 10, 50_000) });
  return { input, layers: net.layers };
}

/** An activation after a layer, as real models write it: a separate layer, often a learned PReLU. */
const activationStep: Step = (r, net) => {
  const choice = r.int(0, 5);
  if (choice === 0) return net.add({ type: 'reLU' });
  if (choice === 1) return net.add({ type: 'reLU', maxValue: 6 });
  if (choice === 2) return net.add({ type: 'leakyReLU', alpha: r.pick([0.1, 0.2, 0.3]) });
  if (choice === 3)
    return net.add({ type: 'activation', activation: r.pick(['relu', 'tanh', 'sigmoid', 'swish'] as const) });
  // PReLU learns: per channel when the spatial axes share a slope, else per element.
  const spatial = net.shape.length - 1;
  const sharedAxes = Array.from({ length: spatial }, (_, i) => i + 1);
  return net.add(spatial > 0 && r.chance(0.7) ? { type: 'pReLU', sharedAxes } : { type: 'pReLU' }, { maxParams: 5000 });
};

/** A normalization that learns γ and β: layer norm over the channels, or group norm. */
const normalizationStep: Step = (r, net) => {
  const channels = net.shape[net.shape.length - 1] ?? 1;
  const divisors = [2, 4].filter((g) => channels % g === 0 && g < channels);
  if (divisors.length > 0 && r.chance(0.35)) return net.add({ type: 'groupNormalization', groups: r.pick(divisors) });
  // Over every axis but the batch, as some models do: γ and β per value, not per channel.
  const every = Array.from({ length: net.shape.length }, (_, i) => i + 1);
  if (
    net.shape.length > 1 &&
    r.chance(0.25) &&
    net.add({ type: 'layerNormalization', axis: every }, { maxParams: 20_000 })
  )
    return true;
  return net.add({ type: 'layerNormalization' });
};

/** An image network with a separate activation, a normalization and resampling, then a frozen head or not. */
function level4Image(r: Random): Network {
  const side = r.int(8, 20);
  const input = [side, r.chance(0.8) ? side : r.int(8, 20), r.int(1, 4)];
  const net = builder(input);
  // Real models often start by normalizing the input: adapted statistics (stored) or given ones (constants).
  if (r.chance(0.25))
    net.add(r.chance(0.7) ? { type: 'normalization' } : { type: 'normalization', mean: 0.5, variance: 0.25 });
  net.add({ type: 'conv2d', filters: r.int(2, 12), kernelSize: 3, padding: r.chance(0.5) ? 'same' : 'valid' });
  activationStep(r, net);
  if (r.chance(0.6)) normalizationStep(r, net);
  const resample = r.int(0, 2);
  if (resample === 0) net.add({ type: 'upSampling2d', size: 2 }, { maxSide: 48 });
  if (resample === 1) net.add({ type: 'cropping2d', cropping: r.pick([1, [1, 2]] as const) });
  if (resample === 2) net.add({ type: 'maxPooling2d', poolSize: 2 });
  net.add({ type: 'conv2d', filters: r.int(2, 12), kernelSize: r.pick([1, 3]), activation: 'relu' });
  net.add({ type: r.pick(['globalAveragePooling2d', 'globalMaxPooling2d'] as const) });
  net.add({ type: 'dense', units: r.int(2, 10), ...(r.chance(0.3) && { trainable: false }) });
  return { input, layers: net.layers };
}

/** A sequence network: 1-D convolutions (valid, same or causal), pooling, normalization, dense. */
function level4Sequence(r: Random): Network {
  const input = [r.int(12, 40), r.int(1, 8)];
  const net = builder(input);
  const blocks = r.int(1, 2);
  for (let i = 0; i < blocks; i++) {
    const conv: Layer = {
      type: 'conv1d',
      filters: r.int(2, 16),
      kernelSize: r.pick([2, 3, 5]),
      padding: r.pick(['valid', 'same', 'causal'] as const),
      ...(r.chance(0.25) && { strides: 2 }),
    };
    if (!net.add(conv)) net.add({ type: 'conv1d', filters: conv.filters, kernelSize: 1 });
    if (r.chance(0.5)) activationStep(r, net);
    if (r.chance(0.4)) net.add({ type: r.pick(['maxPooling1d', 'averagePooling1d'] as const), poolSize: 2 });
  }
  if (r.chance(0.5)) normalizationStep(r, net);
  if (r.chance(0.5)) {
    net.add({ type: r.pick(['globalAveragePooling1d', 'globalMaxPooling1d'] as const) });
  } else {
    net.add({ type: 'flatten' });
  }
  net.add({ type: 'dense', units: denseUnits(r, size(net.shape), 2, 10, 50_000) });
  return { input, layers: net.layers };
}

/** A volume network (a short clip or a scan): 3-D convolutions and pooling, global pooling, dense. */
function level4Volume(r: Random): Network {
  const input = [r.int(4, 8), r.int(6, 12), r.int(6, 12), r.int(1, 3)];
  const net = builder(input);
  net.add(
    {
      type: 'conv3d',
      filters: r.int(2, 8),
      kernelSize: r.pick([2, 3, [1, 3, 3]] as const),
      padding: r.chance(0.5) ? 'same' : 'valid',
    },
    { minSide: 1 },
  );
  if (r.chance(0.5)) net.add({ type: 'batchNormalization' });
  if (r.chance(0.5)) activationStep(r, net);
  if (r.chance(0.5)) net.add({ type: 'maxPooling3d', poolSize: r.pick([2, [1, 2, 2]] as const) }, { minSide: 1 });
  net.add({ type: r.pick(['globalAveragePooling3d', 'globalMaxPooling3d'] as const) });
  net.add({ type: 'dense', units: r.int(2, 10) });
  return { input, layers: net.layers };
}

/** Level 4 (version 2): activations that learn or not, layer and group norm, sequences and volumes, frozen layers. */
function level4(r: Random): Network {
  const kind = r.pick([level4Image, level4Image, level4Sequence, level4Sequence, level4Volume]);
  return kind(r);
}

/** A tensor of a graph under construction: the network input (index -1) or a layer's output. */
interface Tensor {
  index: number;
  shape: Shape;
}

/** Names a layer gets when another refers to it, by type: the third convolution is `conv3`. */
const ROLE_NAMES: Partial<Record<LayerType, string>> = {
  conv2d: 'conv',
  batchNormalization: 'bn',
  reLU: 'relu',
  maxPooling2d: 'pool',
  add: 'add',
  concatenate: 'concat',
};

/** Most layers of a level 5 network (the fewest, 6, is a stem conv, a two-branch block and the head). */
const LEVEL_5_MAX_LAYERS = 14;

/**
 * A network that may branch: layers take the current tensor (the last layer's output) unless
 * given others, and only the layers another one names get a name ("conv1", "shortcut", "add1").
 */
class GraphBuilder {
  readonly layers: Layer[] = [];
  current: Tensor;

  constructor(readonly input: readonly number[]) {
    this.current = { index: -1, shape: input };
  }

  /** A copy to try a block on, kept only if the block fits. */
  clone(): GraphBuilder {
    const copy = new GraphBuilder(this.input);
    copy.layers.push(...this.layers.map((layer) => ({ ...layer }) as Layer));
    copy.current = this.current;
    return copy;
  }

  /**
   * Appends a layer taking `from` (the current tensor by default) and makes it current. A merge is
   * always named after its type; `name` names any other layer. Generated layers are small and their
   * shapes fit by construction, so a layer the engine refuses is a bug in this generator, and throws.
   */
  add(layer: Layer, from: readonly Tensor[] = [this.current], name?: string): Tensor {
    const shapes = from.map((t) => t.shape);
    const alone = () => [{ path: [], message: 'a generated layer names no other layer' }];
    const outcome = specOf(layer).apply(layer as never, shapes[0] ?? [], 'keras', {
      inputs: shapes,
      reapply: alone,
      analyze: alone,
    });
    if (Array.isArray(outcome)) throw new Error(`level 5 made a layer that does not fit: ${outcome[0]?.message}`);
    const sides = outcome.outputShape.length > 1 ? outcome.outputShape.slice(0, -1) : [];
    const params = outcome.weights + outcome.biases + outcome.nonTrainable;
    if (sides.some((side) => side < 2) || params > MAX_LAYER_PARAMS) {
      throw new Error(`level 5 made a layer too small or too large: ${JSON.stringify(layer)}`);
    }
    const index = this.layers.length;
    // A single input that is the layer just before needs no name: that is what a layer takes by default.
    const follows = from.length === 1 && from[0]?.index === index - 1;
    const merge = (specOf(layer).arity?.min ?? 1) >= 2;
    const own = name ?? (merge ? this.roleName(layer.type, index) : undefined);
    this.layers.push({
      ...layer,
      ...(own !== undefined && { name: this.unique(own) }),
      ...(!follows && { inputs: from.map((t) => this.nameOf(t)) }),
    } as Layer);
    this.current = { index, shape: outcome.outputShape };
    return this.current;
  }

  /** The name a later layer uses for a tensor, naming its layer now if it has none. */
  nameOf(tensor: Tensor): string {
    if (tensor.index < 0) return 'input';
    const layer = this.layers[tensor.index];
    if (!layer) throw new Error(`no layer ${tensor.index}`);
    if (layer.name === undefined) {
      this.layers[tensor.index] = { ...layer, name: this.unique(this.roleName(layer.type, tensor.index)) };
    }
    return this.layers[tensor.index]?.name ?? 'input';
  }

  /** `conv` + the layer's place among the convolutions that carry no role of their own: `conv2`. */
  private roleName(type: LayerType, index: number): string {
    const base = ROLE_NAMES[type] ?? type.toLowerCase();
    const before = this.layers
      .slice(0, index)
      .filter((l) => l.type === type && (l.name === undefined || l.name.startsWith(base))).length;
    return `${base}${before + 1}`;
  }

  /** A name no layer has yet: `shortcut`, then `shortcut_2`, as Keras numbers repeated names. */
  private unique(base: string): string {
    const taken = new Set(this.layers.map((l) => l.name));
    if (!taken.has(base) && base !== 'input') return base;
    let n = 2;
    while (taken.has(`${base}_${n}`)) n++;
    return `${base}_${n}`;
  }

  network(): Network {
    return { input: [...this.input], layers: this.layers };
  }
}

const sideOf = (t: Tensor) => t.shape[0] ?? 0;
const channelsOf = (t: Tensor) => t.shape[t.shape.length - 1] ?? 1;

/** A same-padded square convolution; without bias when batch normalization follows it, as in ResNet. */
const sameConv = (filters: number, kernelSize: number, bn: boolean, strides = 1): Layer => ({
  type: 'conv2d',
  filters,
  kernelSize,
  padding: 'same',
  ...(strides !== 1 && { strides }),
  ...(bn && { useBias: false }),
});

/**
 * A residual block (ResNet's basic block): two 3×3 convolutions, and the block's input added back.
 * When the channels or the stride change, the input cannot be added as it is: a 1×1 convolution
 * (the projection shortcut, which learns) makes it fit; otherwise the add takes it unchanged.
 */
function residualBlock(r: Random, g: GraphBuilder, bn: boolean): void {
  const x = g.current;
  const c = channelsOf(x);
  // A wide input (after a concatenation) is projected down rather than carried on at its width.
  const project = c > 12 || r.chance(0.55);
  const strides = project && sideOf(x) >= 8 && sideOf(x) % 2 === 0 && r.chance(0.5) ? 2 : 1;
  let out = c;
  if (project) {
    out = r.int(4, 12);
    if (strides === 1 && out === c) out = Math.min(16, c + r.pick([2, 4]));
  }
  g.add(sameConv(out, 3, bn, strides));
  if (bn) g.add({ type: 'batchNormalization' });
  g.add({ type: 'reLU' });
  g.add(sameConv(out, 3, bn));
  const main = bn ? g.add({ type: 'batchNormalization' }) : g.current;
  const shortcut = project
    ? g.add(
        { type: 'conv2d', filters: out, kernelSize: 1, padding: 'same', ...(strides !== 1 && { strides }) },
        [x],
        'shortcut',
      )
    : x;
  g.add({ type: 'add' }, [main, shortcut]);
  if (r.chance(0.5)) g.add({ type: 'reLU' });
}

/**
 * An inception-style block: two or three branches on the same input (a 1×1 convolution, a 3×3 one,
 * perhaps after a 1×1 reduction, a 3×3 max pool, perhaps projected by a 1×1), joined along the
 * channels, so the next layer sees the sum of the branches' channels.
 */
function inceptionBlock(r: Random, g: GraphBuilder, bn: boolean): void {
  const x = g.current;
  const kinds = r.chance(0.5)
    ? ['1x1', '3x3', 'pool']
    : r.pick([
        ['1x1', '3x3'],
        ['3x3', 'pool'],
        ['1x1', 'pool'],
      ]);
  const branches: Tensor[] = [];
  for (const kind of kinds) {
    if (kind === '1x1') {
      branches.push(g.add(sameConv(r.int(2, 6), 1, false), [x], 'branch_1x1'));
    } else if (kind === '3x3') {
      const reduced = r.chance(0.4) ? g.add(sameConv(r.int(2, 4), 1, false), [x]) : x;
      branches.push(g.add(sameConv(r.int(2, 6), 3, false), [reduced], 'branch_3x3'));
    } else {
      const project = r.chance(0.6);
      const pool = g.add(
        { type: 'maxPooling2d', poolSize: 3, strides: 1, padding: 'same' },
        [x],
        project ? undefined : 'branch_pool',
      );
      branches.push(project ? g.add(sameConv(r.int(2, 4), 1, false), [pool], 'branch_pool') : pool);
    }
  }
  g.add({ type: 'concatenate' }, branches);
  if (bn && r.chance(0.4)) g.add({ type: 'batchNormalization' });
}

/**
 * Level 5 (version 2): a small convolutional stem, then one to three residual or inception-style
 * blocks (with batch normalization in some networks), then global average pooling or flatten and a
 * dense head; 6 to 14 layers, every count small enough for paper.
 */
function level5(r: Random): Network {
  const side = r.pick([8, 8, 10, 12, 12, 16]);
  const g = new GraphBuilder([side, side, r.int(1, 3)]);
  const bn = r.chance(0.5);
  g.add(sameConv(r.int(4, 8), 3, bn));
  if (bn) g.add({ type: 'batchNormalization' });
  if (bn || r.chance(0.5)) g.add({ type: 'reLU' });
  if (side >= 12 && r.chance(0.5)) g.add({ type: 'maxPooling2d', poolSize: 2 });

  // The head takes two layers at least (pooling or flatten, dense); a later block that leaves no room for it
  // is dropped. The first always fits: a stem of at most 4, a block of at most 8, and the head's 2.
  let net = g;
  const blocks = r.int(1, 3);
  for (let b = 0; b < blocks; b++) {
    const trial = net.clone();
    r.pick([residualBlock, inceptionBlock])(r, trial, bn);
    if (b === 0 || trial.layers.length + 2 <= LEVEL_5_MAX_LAYERS) net = trial;
  }
  const flat = size(net.current.shape);
  if (flat <= 400 && r.chance(0.35)) net.add({ type: 'flatten' });
  else net.add({ type: 'globalAveragePooling2d' });
  if (net.layers.length + 2 <= LEVEL_5_MAX_LAYERS && r.chance(0.25)) net.add({ type: 'dropout', rate: 0.5 });
  net.add({ type: 'dense', units: denseUnits(r, size(net.current.shape), 2, 10, 20_000) });
  return net.network();
}

type Level = (r: Random) => Network;

/**
 * One table per version. Version 1's entries are frozen: its networks and the stored golden
 * practice set never change. Version 2 keeps levels 1 to 3 (with fresh seeds) and adds levels 4 and 5
 * (each level draws from its own seeds, so adding one changes no other level's networks).
 */
const TABLES: Record<GeneratorVersion, Partial<Record<QuizLevel, Level>>> = {
  1: { 1: level1, 2: level2, 3: level3 },
  2: { 1: level1, 2: level2, 3: level3, 4: level4, 5: level5 },
};

/** What a mix draws from: each version's levels as its first mixed sets knew them (see `mixedLevels`). */
const MIXED: Record<GeneratorVersion, readonly QuizLevel[]> = { 1: [1, 2, 3], 2: [1, 2, 3, 4] };
