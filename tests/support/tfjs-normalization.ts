import * as tf from '@tensorflow/tfjs';
import { applyLayer, type Shape } from '../../src/domain/layer-rules';
import type { Random } from '../../src/domain/random';
import { Network, type Layer } from '../../src/domain/schema/network';

// Random networks of normalization and preprocessing layers mixed with conv2d, dense and flatten,
// and the same networks counted by TensorFlow.js 4. Only what tfjs 4 has: batchNormalization,
// layerNormalization (no rmsScaling), rescaling, resizing (bilinear and nearest) and centerCrop.

/** The layer types these networks draw from. */
export const NORMALIZATION_FAMILY = [
  'batchNormalization',
  'layerNormalization',
  'rescaling',
  'resizing',
  'centerCrop',
  'conv2d',
  'dense',
  'flatten',
] as const;

type FamilyType = (typeof NORMALIZATION_FAMILY)[number];

const ATTEMPTS = 40;
// Small tensors keep tfjs fast (some networks run for real, see countNormalizationWithTfjs).
const MAX_VALUES = 4096;

/** Some of a list's items, at least one, in a random order: `subset(r, [1, 2, 3]) → [3, 1]`. */
function subset<T>(random: Random, items: readonly T[]): T[] {
  const chosen = items.filter(() => random.chance(0.5));
  const list = chosen.length > 0 ? chosen : [random.pick(items)];
  return random.chance(0.3) ? [...list].reverse() : list;
}

/** A Keras axis (batch = 0) for an input of `rank` axes, written from the front or from the end. */
const kerasAxis = (random: Random, position: number, rank: number) =>
  random.chance(0.5) ? position : position - rank - 1;

function randomInput(random: Random): number[] {
  switch (random.pick([1, 2, 3, 3, 3, 4])) {
    case 1:
      return [random.int(1, 16)];
    case 2:
      return [random.int(1, 8), random.int(1, 8)];
    case 4:
      return [random.int(1, 4), random.int(1, 5), random.int(1, 5), random.int(1, 4)];
    default:
      return [random.int(1, 12), random.int(1, 12), random.int(1, 6)];
  }
}

const frozen = (random: Random) => (random.chance(0.1) ? { trainable: false } : {});

function candidate(random: Random, shape: Shape): Layer {
  const rank = shape.length;
  const image = rank === 3;
  const types: FamilyType[] = [
    'batchNormalization',
    'batchNormalization',
    'layerNormalization',
    'layerNormalization',
    'rescaling',
    'dense',
  ];
  if (rank > 1) types.push('flatten');
  if (image) types.push('conv2d', 'resizing', 'resizing', 'centerCrop', 'centerCrop');
  const type = random.pick(types);
  const positions = Array.from({ length: rank }, (_, i) => i + 1);
  const flags = () => ({
    ...(random.chance(0.25) ? { center: false } : random.chance(0.1) ? { center: true } : {}),
    ...(random.chance(0.25) ? { scale: false } : {}),
  });
  switch (type) {
    case 'batchNormalization': {
      const axis = random.chance(0.5) ? {} : { axis: kerasAxis(random, random.pick(positions), rank) };
      return { type, ...axis, ...flags(), ...frozen(random) };
    }
    case 'layerNormalization': {
      const form = random.int(0, 2);
      const axis =
        form === 0
          ? {}
          : form === 1
            ? { axis: kerasAxis(random, random.pick(positions), rank) }
            : { axis: subset(random, positions).map((p) => kerasAxis(random, p, rank)) };
      return { type, ...axis, ...flags(), ...frozen(random) };
    }
    case 'rescaling': {
      const channels = Number(shape[rank - 1] ?? 1);
      const scale = random.chance(0.3)
        ? Array.from({ length: channels }, () => random.int(1, 8) / 4)
        : random.pick([1 / 255, 1 / 127.5, 2, 0.5]);
      return { type, scale, ...(random.chance(0.4) ? { offset: random.pick([-1, 0.5, 0]) } : {}) };
    }
    case 'resizing':
      return {
        type,
        height: random.int(1, 12),
        width: random.int(1, 12),
        ...(random.chance(0.5) ? { interpolation: random.pick(['bilinear', 'nearest'] as const) } : {}),
        ...(random.chance(0.3) ? { cropToAspectRatio: true } : {}),
      };
    case 'centerCrop': {
      const [h = 1, w = 1] = shape;
      // Half the time inside the image (a true crop), otherwise any size up to 14 (Keras resizes up).
      const inside = random.chance(0.5);
      return {
        type,
        height: inside ? random.int(1, Number(h)) : random.int(1, 14),
        width: inside ? random.int(1, Number(w)) : random.int(1, 14),
      };
    }
    case 'conv2d': {
      const [h = 1, w = 1] = shape;
      const padding = random.pick(['valid', 'same'] as const);
      const fit = (side: number) => (padding === 'same' ? 3 : Math.min(3, side));
      return {
        type,
        filters: random.int(1, 6),
        kernelSize: [random.int(1, fit(h)), random.int(1, fit(w))],
        padding,
        ...frozen(random),
      };
    }
    case 'dense':
      return { type, units: random.int(1, 8), ...(random.chance(0.3) ? { useBias: false } : {}), ...frozen(random) };
    case 'flatten':
      return { type };
  }
}

/**
 * A seeded random network of this family that the engine accepts: `randomNormalizationNetwork(createRandom(3))`
 * is the same network on every run. A layer the engine refuses though built to be valid is thrown, not skipped.
 */
export function randomNormalizationNetwork(random: Random): Network {
  const input = randomInput(random);
  let shape: Shape = input;
  const layers: Layer[] = [];
  const count = random.int(1, 6);
  for (let i = 0; i < count; i++) {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const layer = candidate(random, shape);
      const outcome = applyLayer(Network.parse({ input, layers: [...layers, layer] }).layers.at(-1) as Layer, shape);
      if (Array.isArray(outcome)) {
        throw new Error(
          `the engine refused ${JSON.stringify(layer)} on ${shape.join('×')}: ${JSON.stringify(outcome)}`,
        );
      }
      if (outcome.outputShape.reduce((a, b) => a * b, 1) > MAX_VALUES) continue;
      layers.push(layer);
      shape = outcome.outputShape;
      break;
    }
  }
  if (layers.length === 0) layers.push({ type: 'layerNormalization' });
  return Network.parse({ input, layers });
}

/** Drops undefined values, since tfjs's option types do not accept an explicit undefined. */
const present = <T extends object>(options: T) =>
  Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };

/** The tfjs layer Keras semantics say is equivalent to ours (constant initializers: counts do not depend on them). */
export function toTfjsNormalization(layer: Layer, first: { inputShape?: number[] }): tf.layers.Layer {
  const trainable: { trainable?: boolean } = layer.trainable === false ? { trainable: false } : {};
  switch (layer.type) {
    case 'batchNormalization':
      return tf.layers.batchNormalization({
        ...present({ axis: layer.axis, center: layer.center, scale: layer.scale }),
        ...trainable,
        ...first,
      });
    case 'layerNormalization':
      if (layer.rmsScaling) throw new Error('tfjs 4 has no rmsScaling');
      return tf.layers.layerNormalization({
        // tfjs resolves negative axes in place; a copy keeps our network as it was.
        ...present({
          axis: typeof layer.axis === 'object' ? [...layer.axis] : layer.axis,
          center: layer.center,
          scale: layer.scale,
        }),
        ...trainable,
        ...first,
      });
    case 'rescaling':
      // tfjs types scale and offset as numbers; a list broadcasts over the channels when the layer runs.
      return tf.layers.rescaling({
        scale: layer.scale as number,
        ...present({ offset: layer.offset as number | undefined }),
        ...first,
      });
    case 'resizing':
      if (
        layer.interpolation !== undefined &&
        layer.interpolation !== 'bilinear' &&
        layer.interpolation !== 'nearest'
      ) {
        throw new Error(`tfjs 4 has no ${layer.interpolation} resizing`);
      }
      return tf.layers.resizing({
        height: layer.height,
        width: layer.width,
        ...present({ interpolation: layer.interpolation, cropToAspectRatio: layer.cropToAspectRatio }),
        ...first,
      });
    case 'centerCrop':
      return tf.layers.centerCrop({ height: layer.height, width: layer.width, ...first });
    case 'conv2d':
      return tf.layers.conv2d({
        filters: layer.filters,
        kernelSize: layer.kernelSize,
        ...present({ padding: layer.padding, strides: layer.strides, useBias: layer.useBias }),
        kernelInitializer: 'zeros',
        biasInitializer: 'zeros',
        ...trainable,
        ...first,
      });
    case 'dense':
      return tf.layers.dense({
        units: layer.units,
        ...present({ useBias: layer.useBias }),
        kernelInitializer: 'zeros',
        biasInitializer: 'zeros',
        ...trainable,
        ...first,
      });
    case 'flatten':
      return tf.layers.flatten({ ...first });
    default:
      throw new Error(`${layer.type} is not in the normalization family's tfjs builder`);
  }
}

const size = (weights: readonly { shape: readonly (number | null)[] }[]) =>
  weights.reduce((total, w) => total + w.shape.reduce<number>((a, b) => a * (b ?? NaN), 1), 0);

export interface TfjsLayerFacts {
  params: number;
  trainable: number;
  nonTrainable: number;
  outputShape: number[];
}

export interface TfjsNormalizationCounts {
  /** `symbolic`: a tf.Sequential's shapes; `eager`: the layers run on a real batch of zeros. */
  mode: 'symbolic' | 'eager';
  layers: TfjsLayerFacts[];
  totals: { params: number; trainable: number; nonTrainable: number };
}

const facts = (layer: tf.layers.Layer, outputShape: readonly (number | null)[]): TfjsLayerFacts => ({
  params: layer.countParams(),
  trainable: size(layer.trainableWeights),
  nonTrainable: size(layer.nonTrainableWeights),
  outputShape: outputShape.slice(1) as number[],
});

const totals = (layers: readonly TfjsLayerFacts[]) => ({
  params: layers.reduce((a, l) => a + l.params, 0),
  trainable: layers.reduce((a, l) => a + l.trainable, 0),
  nonTrainable: layers.reduce((a, l) => a + l.nonTrainable, 0),
});

/**
 * What tfjs counts per layer and in total. tfjs 4's Resizing.computeOutputShape drops the batch axis
 * ([height, width, inputShape[2]]) and CenterCrop's writes into the shape it is given, so a
 * tf.Sequential cannot be asked about networks that hold them: those run for real on a batch of one
 * image of zeros, and the shapes are the tensors' own. The others are built as a tf.Sequential
 * (tfjs's batchNormalization cannot run tensors of rank 5, volumes, eagerly).
 */
export function countNormalizationWithTfjs(network: Network): TfjsNormalizationCounts {
  const eager = network.layers.some((l) => l.type === 'resizing' || l.type === 'centerCrop');
  if (!eager) {
    const model = tf.sequential();
    try {
      network.layers.forEach((layer, i) =>
        model.add(toTfjsNormalization(layer, i === 0 ? { inputShape: [...network.input] } : {})),
      );
      const layers = model.layers.map((l) => facts(l, l.outputShape as (number | null)[]));
      return { mode: 'symbolic', layers, totals: totals(layers) };
    } finally {
      model.dispose();
    }
  }
  const built: tf.layers.Layer[] = [];
  const tensors: tf.Tensor[] = [tf.zeros([1, ...network.input])];
  try {
    const layers = network.layers.map((layer) => {
      const l = toTfjsNormalization(layer, {});
      built.push(l);
      const y = l.apply(tensors[tensors.length - 1] as tf.Tensor) as tf.Tensor;
      tensors.push(y);
      return facts(l, y.shape);
    });
    return { mode: 'eager', layers, totals: totals(layers) };
  } finally {
    for (const t of tensors) t.dispose();
    for (const l of built) if (l.built) l.dispose();
  }
}
