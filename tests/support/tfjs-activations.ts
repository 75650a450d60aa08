import * as tf from '@tensorflow/tfjs';
import type { Random } from '../../src/domain/random';
import { Network, type Layer } from '../../src/domain/schema/network';
import { toTfjs } from './tfjs-model';

/** The activation layer types, as the registry names them. */
export const ACTIVATION_LAYER_TYPES = [
  'activation',
  'reLU',
  'leakyReLU',
  'pReLU',
  'eLU',
  'softmax',
  'thresholdedReLU',
] as const;

type ActivationType = (typeof ACTIVATION_LAYER_TYPES)[number];
type ActivationLayer = Extract<Layer, { type: ActivationType }>;

/** Activation names tfjs 4 knows (its own spellings); Keras-only names such as glu are checked by hand tables. */
const TFJS_ACTIVATIONS = [
  'elu',
  'selu',
  'relu',
  'relu6',
  'linear',
  'sigmoid',
  'hardSigmoid',
  'softplus',
  'softsign',
  'tanh',
  'softmax',
  'logSoftmax',
  'gelu',
  'gelu_new',
  'mish',
  'swish',
] as const;

// Small tensors keep tfjs fast; counting slopes does not depend on size.
const MAX_UNITS = 16;

/** One element of a list that may hold `undefined` (an option left out), which `pick` refuses. */
function choose<T>(random: Random, items: readonly T[]): T {
  return items[random.int(0, items.length - 1)] as T;
}

/** Drops the keys whose value is undefined (the API and tfjs both want an absent option left out). */
function present<T extends object>(options: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** A random subset of 1..rank, in random order. */
function subset(random: Random, rank: number): number[] {
  const axes = Array.from({ length: rank }, (_, i) => i + 1).filter(() => random.chance(0.5));
  return random.chance(0.5) ? axes.reverse() : axes;
}

/** A Keras axis of a tensor of `rank`, counted from the front (1..rank) or the back (−rank..−1). */
const anyAxis = (random: Random, rank: number) => (random.chance(0.5) ? random.int(1, rank) : -random.int(1, rank));

/** One activation-family layer that fits a tensor of `rank`, with its options in varied forms. */
export function randomActivationLayer(random: Random, rank: number): ActivationLayer {
  const type = random.pick(ACTIVATION_LAYER_TYPES);
  const frozen = random.chance(0.1) ? { trainable: false } : {};
  switch (type) {
    case 'activation':
      return { type, activation: random.pick(TFJS_ACTIVATIONS), ...frozen };
    case 'reLU':
      return {
        type,
        ...present({
          maxValue: choose(random, [undefined, undefined, 0, 0.5, 6]),
          negativeSlope: choose(random, [undefined, undefined, 0, 0.1]),
          threshold: choose(random, [undefined, undefined, 0, 0.5]),
        }),
        ...frozen,
      };
    case 'leakyReLU':
      return { type, ...present({ alpha: choose(random, [undefined, 0, 0.1, 0.3, 2]) }), ...frozen };
    case 'eLU':
      return { type, ...present({ alpha: choose(random, [undefined, 1, 0.5, -1]) }), ...frozen };
    case 'thresholdedReLU':
      return { type, ...present({ theta: choose(random, [undefined, 0, 0.5, 1, 2]) }), ...frozen };
    case 'softmax': {
      const form = random.int(0, 3);
      if (form === 0) return { type, ...frozen };
      if (form === 1) return { type, axis: anyAxis(random, rank), ...frozen };
      // Distinct axes, each written from the front or the back.
      const axes = subset(random, rank).map((a) => (random.chance(0.5) ? a : a - rank - 1));
      return axes.length === 0 ? { type, axis: -1, ...frozen } : { type, axis: axes, ...frozen };
    }
    case 'pReLU': {
      const form = random.int(0, 3);
      if (form === 0) return { type, ...frozen };
      if (form === 1) return { type, sharedAxes: random.int(1, rank), ...frozen };
      if (form === 2) return { type, sharedAxes: Array.from({ length: rank - 1 }, (_, i) => i + 1), ...frozen };
      return { type, sharedAxes: subset(random, rank), ...frozen };
    }
  }
}

function randomInput(random: Random): number[] {
  switch (random.int(1, 3)) {
    case 1:
      return [random.int(1, 64)];
    case 2:
      return [random.int(1, 12), random.int(1, 8)];
    default:
      return [random.int(1, 12), random.int(1, 12), random.int(1, 6)];
  }
}

/**
 * A seeded random network of rank 1–3 that starts with a conv2d (images) or a dense layer and then
 * mixes the activation layers, with a dense layer now and then: the same network for the same seed.
 */
export function randomActivationNetwork(random: Random): Network {
  const input = randomInput(random);
  const [h = 1, w = 1] = input;
  const layers: Layer[] = [];
  if (input.length === 3 && random.chance(0.7)) {
    const fits = Math.min(3, h, w);
    layers.push({ type: 'conv2d', filters: random.int(1, 8), kernelSize: random.int(1, fits), padding: 'same' });
  } else {
    layers.push({ type: 'dense', units: random.int(1, MAX_UNITS) });
  }
  const more = random.int(1, 6);
  for (let i = 0; i < more; i++) {
    layers.push(
      random.chance(0.15)
        ? { type: 'dense', units: random.int(1, MAX_UNITS) }
        : randomActivationLayer(random, input.length),
    );
  }
  return Network.parse({ input, layers });
}

/** The tfjs layer Keras semantics say is ours; options tfjs 4 lacks or refuses are left out (they learn nothing). */
function toTfjsLayer(layer: Layer, first: { inputShape?: number[] }): tf.layers.Layer {
  const common = { ...first, ...(layer.trainable === false ? { trainable: false } : {}) };
  switch (layer.type) {
    case 'activation':
      return tf.layers.activation({
        activation: layer.activation as Parameters<typeof tf.layers.activation>[0]['activation'],
        ...common,
      });
    case 'reLU':
      // tfjs's ReLU has only maxValue; negativeSlope and threshold change values, not counts.
      return tf.layers.reLU({ ...present({ maxValue: layer.maxValue }), ...common });
    case 'leakyReLU':
      return tf.layers.leakyReLU({ ...present({ alpha: layer.alpha }), ...common });
    case 'eLU':
      // tfjs 4 refuses any alpha but 1 ("not supported yet"); alpha learns nothing either way.
      return tf.layers.elu({ ...(layer.alpha === 1 ? { alpha: 1 } : {}), ...common });
    case 'thresholdedReLU':
      return tf.layers.thresholdedReLU({ ...present({ theta: layer.theta }), ...common });
    case 'softmax':
      // tfjs's default axis is 1, not Keras's -1, so it is always written out.
      return tf.layers.softmax({ axis: layer.axis ?? -1, ...common });
    case 'pReLU':
      return tf.layers.prelu({
        ...present({ sharedAxes: layer.sharedAxes }),
        alphaInitializer: 'zeros',
        ...common,
      });
    default:
      return toTfjs(layer, first);
  }
}

// A weight's shape is always fully known; a null would turn the size into NaN and show as a mismatch.
const size = (weights: readonly { shape: readonly (number | null)[] }[]) =>
  weights.reduce((total, w) => total + w.shape.reduce<number>((a, b) => a * (b ?? NaN), 1), 0);

export interface TfjsLayerFacts {
  params: number;
  trainable: number;
  nonTrainable: number;
  outputShape: number[];
}

/** The network as a tfjs model; the caller disposes it. */
export function buildActivationModel(network: Network): tf.Sequential {
  const model = tf.sequential();
  network.layers.forEach((layer, i) =>
    model.add(toTfjsLayer(layer, i === 0 ? { inputShape: [...network.input] } : {})),
  );
  return model;
}

/** Builds the network in tfjs and reads back what tfjs counts and infers per layer. */
export function countActivationsWithTfjs(network: Network): TfjsLayerFacts[] {
  const model = buildActivationModel(network);
  try {
    return model.layers.map((l) => ({
      params: l.countParams(),
      trainable: size(l.trainableWeights),
      nonTrainable: size(l.nonTrainableWeights),
      outputShape: (l.outputShape as (number | null)[]).slice(1) as number[],
    }));
  } finally {
    model.dispose();
  }
}
