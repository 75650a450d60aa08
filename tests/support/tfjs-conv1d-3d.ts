import * as tf from '@tensorflow/tfjs';
import type { Layer, Network } from '../../src/domain/schema/network';
import { toTfjs } from './tfjs-model';

/** What tfjs counts and infers for one of our layers (summed over the tfjs layers that stand for it). */
export interface TfjsLayerFacts {
  params: number;
  trainable: number;
  nonTrainable: number;
  outputShape: number[];
}

export interface TfjsNetworkFacts {
  layers: TfjsLayerFacts[];
  totals: { params: number; trainable: number; nonTrainable: number };
}

type ConvLayer = Extract<Layer, { type: 'conv1d' | 'conv3d' | 'conv3dTranspose' }>;

// tfjs spells Keras's data formats in camelCase.
const tfjsFormat = (format: string | undefined) =>
  format === 'channels_first' ? { dataFormat: 'channelsFirst' as const } : {};

/** Keeps the options that are set: tfjs's option types refuse an explicit undefined. */
function present<T extends object>(options: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

const dims = (value: number | readonly number[] | undefined, rank: number) =>
  value === undefined
    ? Array<number>(rank).fill(1)
    : typeof value === 'number'
      ? Array<number>(rank).fill(value)
      : [...value];

/**
 * The tfjs layers that Keras semantics say are equivalent to one of ours. A "causal" Conv1D is what Keras's
 * Conv1D.call does: (k − 1)·d zeros on the left of the steps, then a "valid" convolution (tfjs 4's own
 * computeOutputShape treats "causal" as "valid", so it cannot be asked directly). tfjs has no ZeroPadding1D:
 * the steps are padded as the rows of a one-column image.
 */
function tfjsLayers(layer: Layer, inputShape: number[], first: boolean): tf.layers.Layer[] {
  const start = first ? { inputShape } : {};
  if (layer.type !== 'conv1d' && layer.type !== 'conv3d' && layer.type !== 'conv3dTranspose') {
    return [toTfjs(layer, start)];
  }
  if ('groups' in layer && (layer.groups ?? 1) > 1)
    throw new Error('tfjs 4.x has no grouped convolutions (groups > 1)');
  const conv = (l: ConvLayer, padding: 'valid' | 'same' | undefined, startAt: typeof start) => ({
    filters: l.filters,
    kernelSize: l.kernelSize,
    kernelInitializer: 'zeros' as const,
    biasInitializer: 'zeros' as const,
    ...present({
      strides: l.strides,
      padding,
      dilationRate: l.dilationRate,
      useBias: l.useBias,
    }),
    ...tfjsFormat(l.dataFormat),
    ...startAt,
  });
  switch (layer.type) {
    case 'conv3d':
      return [tf.layers.conv3d(conv(layer, layer.padding, start))];
    case 'conv3dTranspose':
      return [tf.layers.conv3dTranspose(conv(layer, layer.padding, start))];
    case 'conv1d': {
      if (layer.padding !== 'causal') return [tf.layers.conv1d(conv(layer, layer.padding, start))];
      const [k = 1] = dims(layer.kernelSize, 1);
      const [d = 1] = dims(layer.dilationRate, 1);
      const left = (k - 1) * d;
      const channelsFirst = layer.dataFormat === 'channels_first';
      const [a = 1, b = 1] = inputShape;
      // [steps, c] → [steps, 1, c] (rows are steps); [c, steps] → [c, steps, 1] (columns are steps).
      const image = channelsFirst ? [a, b, 1] : [a, 1, b];
      const padding: [[number, number], [number, number]] = channelsFirst
        ? [
            [0, 0],
            [left, 0],
          ]
        : [
            [left, 0],
            [0, 0],
          ];
      const padded = channelsFirst ? [a, b + left] : [a + left, b];
      return [
        tf.layers.reshape({ targetShape: image, ...start }),
        tf.layers.zeroPadding2d({ padding }),
        tf.layers.reshape({ targetShape: padded }),
        tf.layers.conv1d(conv(layer, 'valid', {})),
      ];
    }
  }
}

// A weight's shape is always fully known; a null would turn the size into NaN and show as a mismatch.
const size = (weights: readonly { shape: readonly (number | null)[] }[]) =>
  weights.reduce((total, w) => total + w.shape.reduce<number>((a, b) => a * (b ?? NaN), 1), 0);

/**
 * The network as a tfjs model, each of our layers as the tfjs layers equivalent to it (`groups[i]` are layer i's);
 * the caller disposes the model.
 */
export function buildConvTfjsModel(network: Network): { model: tf.Sequential; groups: tf.layers.Layer[][] } {
  const model = tf.sequential();
  const groups: tf.layers.Layer[][] = [];
  let shape = [...network.input];
  network.layers.forEach((layer, i) => {
    const group = tfjsLayers(layer, shape, i === 0);
    for (const l of group) model.add(l);
    // The next group starts from tfjs's own output shape, not ours.
    shape = (group.at(-1)?.outputShape as number[]).slice(1);
    groups.push(group);
  });
  return { model, groups };
}

/**
 * Builds the network in tfjs and reads back what tfjs counts and infers per layer of ours (the output shape of
 * the last tfjs layer standing for it) and in total.
 */
export function countConvNetworkWithTfjs(network: Network): TfjsNetworkFacts {
  const { model, groups } = buildConvTfjsModel(network);
  try {
    return {
      layers: groups.map((group) => ({
        params: group.reduce((n, l) => n + l.countParams(), 0),
        trainable: group.reduce((n, l) => n + size(l.trainableWeights), 0),
        nonTrainable: group.reduce((n, l) => n + size(l.nonTrainableWeights), 0),
        outputShape: (group.at(-1)?.outputShape as number[]).slice(1),
      })),
      totals: {
        params: model.countParams(),
        trainable: size(model.trainableWeights),
        nonTrainable: size(model.nonTrainableWeights),
      },
    };
  } finally {
    model.dispose();
  }
}
