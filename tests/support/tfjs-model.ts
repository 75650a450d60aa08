import * as tf from '@tensorflow/tfjs';
import type { Layer, Network } from '../../src/domain/schema/network';

/** Drops the keys whose value is undefined, since tfjs's option types do not accept an explicit undefined. */
function present<T extends object>(options: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** Initial weights: constant ones, or tfjs's defaults (random, 10–20× slower to build). */
export type Initializers = 'constant' | 'default';

/**
 * The tfjs layer that Keras semantics say is equivalent to ours; `inputShape` goes on the first layer only.
 * Counts do not depend on the weights' values, so constant initializers are the default.
 */
export function toTfjs(
  layer: Layer,
  first: { inputShape?: number[] },
  initializers: Initializers = 'constant',
): tf.layers.Layer {
  const init = <T extends object>(options: T): T | Record<string, never> =>
    initializers === 'constant' ? options : {};
  const ZEROS = init({ kernelInitializer: 'zeros', biasInitializer: 'zeros' } as const);
  // The 2-D convolutions this builder serves; 1-D and 3-D ones have their own builder.
  type Conv2dFamily = Extract<Layer, { type: 'conv2d' | 'conv2dTranspose' | 'depthwiseConv2d' | 'separableConv2d' }>;
  const conv = (l: Conv2dFamily) => ({
    kernelSize: l.kernelSize,
    ...present({
      strides: l.strides,
      padding: l.padding,
      dilationRate: l.dilationRate,
      useBias: l.useBias,
      ...first,
    }),
  });
  switch (layer.type) {
    case 'conv2d':
      // Silently dropping groups would make tfjs count a different layer.
      if ((layer.groups ?? 1) > 1) throw new Error('tfjs 4.x has no grouped conv2d (groups > 1)');
      return tf.layers.conv2d({ filters: layer.filters, ...conv(layer), ...ZEROS });
    case 'conv2dTranspose':
      return tf.layers.conv2dTranspose({ filters: layer.filters, ...conv(layer), ...ZEROS });
    case 'depthwiseConv2d':
      return tf.layers.depthwiseConv2d({
        ...conv(layer),
        ...present({ depthMultiplier: layer.depthMultiplier }),
        ...init({ depthwiseInitializer: 'zeros', biasInitializer: 'zeros' } as const),
      });
    case 'separableConv2d':
      return tf.layers.separableConv2d({
        filters: layer.filters,
        ...conv(layer),
        ...present({ depthMultiplier: layer.depthMultiplier }),
        ...init({ depthwiseInitializer: 'zeros', pointwiseInitializer: 'zeros', biasInitializer: 'zeros' } as const),
      });
    case 'maxPooling2d':
    case 'averagePooling2d': {
      const options = present({ poolSize: layer.poolSize, strides: layer.strides, padding: layer.padding, ...first });
      return layer.type === 'maxPooling2d' ? tf.layers.maxPooling2d(options) : tf.layers.averagePooling2d(options);
    }
    case 'globalAveragePooling2d':
      return tf.layers.globalAveragePooling2d({ ...first });
    case 'globalMaxPooling2d':
      return tf.layers.globalMaxPooling2d({ ...first });
    case 'batchNormalization':
      return tf.layers.batchNormalization({
        ...init({
          betaInitializer: 'zeros',
          gammaInitializer: 'ones',
          movingMeanInitializer: 'zeros',
          movingVarianceInitializer: 'ones',
        } as const),
        ...first,
      });
    case 'flatten':
      return tf.layers.flatten({ ...first });
    case 'dense':
      return tf.layers.dense({ units: layer.units, ...present({ useBias: layer.useBias, ...first }), ...ZEROS });
    case 'dropout':
      return tf.layers.dropout({ rate: layer.rate, ...first });
    case 'zeroPadding2d':
      return tf.layers.zeroPadding2d(present({ padding: layer.padding, ...first }));
    default:
      // Other families have their own tfjs builders next to their differential tests.
      throw new Error(`no tfjs builder here for ${layer.type}`);
  }
}

// A weight's shape is always fully known; a null would turn the size into NaN and show as a mismatch.
const size = (weights: readonly { shape: readonly (number | null)[] }[]) =>
  weights.reduce((total, w) => total + w.shape.reduce<number>((a, b) => a * (b ?? NaN), 1), 0);

interface LayerFacts {
  params: number;
  trainable: number;
  nonTrainable: number;
  outputShape: number[];
}

export interface TfjsCounts {
  layers: LayerFacts[];
  totals: { params: number; trainable: number; nonTrainable: number };
}

/** The network as a tfjs model; the caller disposes it. */
export function buildTfjsModel(network: Network, initializers: Initializers = 'constant'): tf.Sequential {
  const model = tf.sequential();
  network.layers.forEach((layer, i) =>
    model.add(toTfjs(layer, i === 0 ? { inputShape: [...network.input] } : {}, initializers)),
  );
  return model;
}

/** Builds the network in tfjs and reads back what tfjs counts per layer and in total. */
export function countWithTfjs(network: Network): TfjsCounts {
  const model = buildTfjsModel(network);
  try {
    return {
      layers: model.layers.map((l) => ({
        params: l.countParams(),
        trainable: size(l.trainableWeights),
        nonTrainable: size(l.nonTrainableWeights),
        outputShape: (l.outputShape as (number | null)[]).slice(1) as number[],
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
