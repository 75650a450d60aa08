import * as tf from '@tensorflow/tfjs';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { applyLayer, type Shape } from '../../src/domain/layer-rules';
import type { Random } from '../../src/domain/random';
import { Network, type Layer } from '../../src/domain/schema/network';

/** The two families this builder draws from: sequences `[steps, channels]` and volumes `[depth, height, width, channels]`. */
export type PoolRank = 1 | 3;

type Format = 'channels_last' | 'channels_first';

export interface PoolingNetworkOptions {
  /**
   * What the network will be compared with. `tfjs`: only what TensorFlow.js 4 has (no 3-D global pooling,
   * no keepdims, no data format on 1-D layers); data formats are mixed freely and dense layers may act on
   * the last axis of a sequence or volume. `pytorch`: one data format for the whole network (PyTorch is
   * always channels first) and dense only on flat tensors, with every pooling type and keepdims.
   */
  target: 'tfjs' | 'pytorch';
  /** The network's single data format (`pytorch` only); channels last when left out. */
  format?: Format;
}

// Small tensors keep TensorFlow.js fast; the rules under test do not depend on size.
const MAX_SIDE: Record<PoolRank, number> = { 1: 64, 3: 12 };
const MAX_CHANNELS = 8;
const MAX_FLAT = 4096;
const ATTEMPTS = 40;

const POOLS = {
  1: ['maxPooling1d', 'averagePooling1d'],
  3: ['maxPooling3d', 'averagePooling3d'],
} as const;
const GLOBALS = {
  1: ['globalAveragePooling1d', 'globalMaxPooling1d'],
  3: ['globalAveragePooling3d', 'globalMaxPooling3d'],
} as const;

/**
 * A seeded random network of 1-D or 3-D pooling layers with dense, dropout, flatten and global pooling
 * between them, valid by construction: `randomPoolingNetwork(createRandom(7), 3, {target: 'tfjs'})`.
 */
export function randomPoolingNetwork(random: Random, rank: PoolRank, options: PoolingNetworkOptions): Network {
  const format = options.target === 'pytorch' ? (options.format ?? 'channels_last') : undefined;
  const count = random.int(1, 8);
  const input = randomInput(random, rank, format);
  let shape: Shape = input;
  const layers: Layer[] = [];
  for (let i = 0; i < count; i++) {
    const next = nextLayer(random, rank, shape, options.target, format, 1.2 / count);
    layers.push(next.layer);
    shape = next.outputShape;
  }
  const network = Network.parse({ input, layers });
  const report = analyzeNetwork(network);
  if (!report.ok) throw new Error(`randomPoolingNetwork built an invalid network: ${JSON.stringify(report.error)}`);
  return network;
}

function randomInput(random: Random, rank: PoolRank, format: Format | undefined): number[] {
  const side = MAX_SIDE[rank];
  const first = random.int(1, side);
  const sizes = Array.from({ length: rank }, () => (random.chance(0.4) ? first : random.int(1, side)));
  const channels = random.int(1, 4);
  return format === 'channels_first' ? [channels, ...sizes] : [...sizes, channels];
}

/** One layer the engine accepts whose output stays inside the size caps (dropout when nothing fits). */
function nextLayer(
  random: Random,
  rank: PoolRank,
  shape: Shape,
  target: PoolingNetworkOptions['target'],
  format: Format | undefined,
  leave: number,
) {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const layer = candidate(random, rank, shape, target, format, leave);
    const outcome = applyLayer(layer, shape);
    if (Array.isArray(outcome)) {
      const on = `${JSON.stringify(layer)} on ${shape.join('×')}`;
      throw new Error(`the engine refused a layer built to be valid: ${on}: ${JSON.stringify(outcome)}`);
    }
    if (small(outcome.outputShape, rank)) return { layer, outputShape: outcome.outputShape };
  }
  return { layer: { type: 'dropout', rate: 0.5 } satisfies Layer, outputShape: shape };
}

function small(shape: Shape, rank: PoolRank): boolean {
  if (shape.length === 1) return (shape[0] ?? 0) <= MAX_FLAT;
  // Channels are the last axis or the first; both stay under the larger of the two caps.
  return shape.every((s) => s <= Math.max(MAX_SIDE[rank], MAX_CHANNELS));
}

function candidate(
  random: Random,
  rank: PoolRank,
  shape: Shape,
  target: PoolingNetworkOptions['target'],
  format: Format | undefined,
  leave: number,
): Layer {
  if (shape.length === 1) {
    const type = random.pick(['dense', 'dense', 'dropout'] as const);
    return type === 'dense' ? { type, units: random.int(1, 12), ...useBias(random) } : dropout(random);
  }
  if (random.chance(leave)) {
    if (target === 'tfjs' && rank === 3) return { type: 'flatten' };
    const type = random.pick(['flatten', ...GLOBALS[rank]] as const);
    return type === 'flatten' ? { type } : { type, ...globalOptions(random, target, format) };
  }
  const type = random.pick([...POOLS[rank], ...POOLS[rank], 'dense', 'dropout'] as const);
  if (type === 'dropout') return dropout(random);
  if (type === 'dense') {
    // PyTorch tensors are channels first, so our PyTorch code can only put a dense layer on flat tensors.
    if (target === 'pytorch') return dropout(random);
    return { type, units: random.int(1, MAX_CHANNELS), ...useBias(random) };
  }
  // tfjs 4's 1-D pooling has no data format; its 3-D pooling has one.
  const layerFormat = target === 'pytorch' ? format : rank === 3 && random.chance(0.3) ? 'channels_first' : undefined;
  return { type, ...poolOptions(random, shape, layerFormat) } as Layer;
}

function dropout(random: Random): Layer {
  return { type: 'dropout', rate: random.pick([0, 0.25, 0.5]) };
}

function useBias(random: Random) {
  return random.chance(0.3) ? { useBias: false } : {};
}

/** The data format as the layer writes it: channels first always written, channels last sometimes. */
function formatOption(random: Random, format: Format | undefined) {
  if (format === 'channels_first') return { dataFormat: format };
  return random.chance(0.2) ? { dataFormat: 'channels_last' as const } : {};
}

function globalOptions(random: Random, target: PoolingNetworkOptions['target'], format: Format | undefined) {
  // tfjs 4's GlobalAveragePooling1D and GlobalMaxPooling1D take neither keepdims nor a data format.
  if (target === 'tfjs') return {};
  return { ...formatOption(random, format), ...(random.chance(0.3) ? { keepdims: true } : {}) };
}

/** Window, strides and padding that fit the input, written in every form the schema takes. */
function poolOptions(random: Random, shape: Shape, format: Format | undefined) {
  const sizes = (format === 'channels_first' ? shape.slice(1) : shape.slice(0, -1)).map(Number);
  const padding = random.pick(['valid', 'same', 'default'] as const);
  const fit = (side: number) => (padding === 'same' ? 4 : Math.max(1, Math.min(4, side)));
  const window = sizes.map((side) => random.int(1, fit(side)));
  // Left out, poolSize is 2 on every axis; that needs 2 on every axis unless the padding is "same".
  const roomForDefault = padding === 'same' || sizes.every((s) => s >= 2);
  const smallest = Math.min(...sizes.map(fit));
  const poolSize =
    roomForDefault && random.chance(0.25)
      ? {}
      : random.chance(0.4)
        ? { poolSize: random.int(1, smallest) }
        : { poolSize: window };
  const strides = random.chance(0.5)
    ? {}
    : random.chance(0.5)
      ? { strides: random.int(1, 3) }
      : { strides: sizes.map(() => random.int(1, 3)) };
  return {
    ...poolSize,
    ...strides,
    ...(padding === 'default' ? {} : { padding }),
    ...formatOption(random, format),
  };
}

/** Drops the keys whose value is undefined, since tfjs's option types do not accept an explicit undefined. */
function present<T extends object>(options: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

const tfjsFormat = (format: Format | undefined): 'channelsFirst' | 'channelsLast' | undefined =>
  format === undefined ? undefined : format === 'channels_first' ? 'channelsFirst' : 'channelsLast';

/** The tfjs layer Keras semantics say is equivalent to ours, for the layers this builder draws. */
export function toTfjsPooling(layer: Layer, first: { inputShape?: number[] }): tf.layers.Layer {
  switch (layer.type) {
    case 'maxPooling1d':
    case 'averagePooling1d': {
      // tfjs 4's 1-D pooling has no data format; silently dropping one would compare a different layer.
      if (layer.dataFormat === 'channels_first') throw new Error('tfjs 4 has no channels_first 1-D pooling');
      const options = present({ poolSize: layer.poolSize, strides: layer.strides, padding: layer.padding, ...first });
      return layer.type === 'maxPooling1d' ? tf.layers.maxPooling1d(options) : tf.layers.averagePooling1d(options);
    }
    case 'maxPooling3d':
    case 'averagePooling3d': {
      const options = present({
        poolSize: layer.poolSize,
        strides: layer.strides,
        padding: layer.padding,
        dataFormat: tfjsFormat(layer.dataFormat),
        ...first,
      });
      return layer.type === 'maxPooling3d' ? tf.layers.maxPooling3d(options) : tf.layers.averagePooling3d(options);
    }
    case 'globalAveragePooling1d':
    case 'globalMaxPooling1d': {
      if (layer.keepdims || layer.dataFormat === 'channels_first') {
        throw new Error('tfjs 4 has no keepdims or channels_first 1-D global pooling');
      }
      return layer.type === 'globalAveragePooling1d'
        ? tf.layers.globalAveragePooling1d({ ...first })
        : tf.layers.globalMaxPooling1d({ ...first });
    }
    case 'dense':
      return tf.layers.dense({
        units: layer.units,
        ...present({ useBias: layer.useBias, ...first }),
        kernelInitializer: 'zeros',
        biasInitializer: 'zeros',
      });
    case 'flatten':
      return tf.layers.flatten({ ...first });
    case 'dropout':
      return tf.layers.dropout({ rate: layer.rate, ...first });
    default:
      throw new Error(`the pooling builder does not draw ${layer.type} layers`);
  }
}

export interface TfjsLayerFacts {
  params: number;
  outputShape: number[];
}

/** Builds the network in tfjs and reads back each layer's parameter count and output shape. */
export function countPoolingWithTfjs(network: Network): TfjsLayerFacts[] {
  const model = tf.sequential();
  try {
    network.layers.forEach((layer, i) =>
      model.add(toTfjsPooling(layer, i === 0 ? { inputShape: [...network.input] } : {})),
    );
    return model.layers.map((l) => ({
      params: l.countParams(),
      outputShape: (l.outputShape as (number | null)[]).slice(1) as number[],
    }));
  } finally {
    model.dispose();
  }
}
