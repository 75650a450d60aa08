import * as tf from '@tensorflow/tfjs';
import type { Layer, Network } from '../../src/domain/schema/network';
import { toTfjs } from './tfjs-model';

/** The tfjs 4 factories of the shape and regularization layers it has (ActivityRegularization and the 1-D/3-D ones it lacks). */
export const TFJS_SHAPE_FACTORIES = [
  'reshape',
  'permute',
  'flatten',
  'upSampling2d',
  'zeroPadding2d',
  'cropping2D',
  'spatialDropout1d',
  'gaussianNoise',
  'gaussianDropout',
  'alphaDropout',
] as const;

type First = { inputShape?: number[] };

/** tfjs spells data formats in camelCase. */
const format = (dataFormat: string | undefined) =>
  dataFormat === undefined
    ? {}
    : ({ dataFormat: dataFormat === 'channels_first' ? 'channelsFirst' : 'channelsLast' } as const);

/**
 * The tfjs layer Keras semantics say is equivalent to ours, for the shape and regularization types tfjs has;
 * conv2d, dense and flatten come from the 2-D family's builder (constant initializers, fast to build).
 */
export function toTfjsShape(layer: Layer, first: First): tf.layers.Layer {
  switch (layer.type) {
    case 'reshape':
      // A copy: tfjs's constructor writes null over the -1 of the list it is given.
      return tf.layers.reshape({ targetShape: [...layer.targetShape], ...first });
    case 'permute':
      return tf.layers.permute({ dims: [...layer.dims], ...first });
    case 'upSampling2d': {
      // tfjs takes the factors as a list only.
      const size = typeof layer.size === 'number' ? [layer.size, layer.size] : layer.size;
      return tf.layers.upSampling2d({
        ...(size && { size }),
        ...(layer.interpolation && { interpolation: layer.interpolation as 'nearest' | 'bilinear' }),
        ...format(layer.dataFormat),
        ...first,
      });
    }
    case 'zeroPadding2d':
      return tf.layers.zeroPadding2d({
        ...(layer.padding !== undefined && { padding: layer.padding }),
        ...format(layer.dataFormat),
        ...first,
      });
    case 'cropping2d':
      // tfjs has no default: Keras 3's is 0.
      return tf.layers.cropping2D({
        cropping: (layer.cropping ?? 0) as number | [number, number] | [[number, number], [number, number]],
        ...format(layer.dataFormat),
        ...first,
      });
    case 'spatialDropout1d':
      return tf.layers.spatialDropout1d({ rate: layer.rate, ...first });
    case 'gaussianNoise':
      return tf.layers.gaussianNoise({ stddev: layer.stddev, ...first });
    case 'gaussianDropout':
      return tf.layers.gaussianDropout({ rate: layer.rate, ...first });
    case 'alphaDropout':
      return tf.layers.alphaDropout({ rate: layer.rate, ...first });
    case 'conv2d':
    case 'dense':
    case 'flatten':
      return toTfjs(layer, first);
    default:
      throw new Error(`tfjs 4 has no ${layer.type} layer`);
  }
}

/** One layer's count and output shapes as tfjs gives them: inferred when building, and of a real tensor run through it. */
export interface TfjsShapeFacts {
  params: number;
  /** tfjs's own shape inference when building the model. */
  outputShape: (number | null)[];
  /** The shape of a batch of one zero input after this layer, run eagerly. */
  ranShape: number[];
}

/**
 * Builds the network in tfjs (a Sequential model), reads back each layer's count and inferred output shape,
 * and runs a batch of one zero input through the layers one by one for the shapes tfjs really produces.
 */
export function shapesWithTfjs(network: Network): { layers: TfjsShapeFacts[]; params: number } {
  const model = buildTfjsShapeModel(network);
  try {
    const ran = tf.tidy(() => {
      let x = tf.zeros([1, ...network.input]);
      return model.layers.map((l) => {
        x = l.apply(x) as tf.Tensor;
        return x.shape.slice(1);
      });
    });
    return {
      layers: model.layers.map((l, i) => ({
        params: l.countParams(),
        outputShape: (l.outputShape as (number | null)[]).slice(1),
        ranShape: ran[i] ?? [],
      })),
      params: model.countParams(),
    };
  } finally {
    model.dispose();
  }
}

/**
 * tfjs's own size for a reshape's -1 on an input of known shape. Its Reshape leaves the -1 unknown
 * (null) when building a model, because it counts the batch axis among the unknown sizes; the same
 * layer given a batch of one works the -1 out by its rule (`fixUnknownDimension`, as when it runs).
 */
export function tfjsTargetShape(targetShape: readonly number[], input: readonly number[]): number[] {
  const probe = tf.layers.reshape({ targetShape: [...targetShape] });
  return (probe.computeOutputShape([1, ...input]) as number[]).slice(1);
}

/**
 * The network as a tfjs model; the caller disposes it. A reshape's -1 is replaced by tfjs's own size
 * for it (`tfjsTargetShape`), so that the layers after it have known shapes, as in Keras.
 */
export function buildTfjsShapeModel(network: Network): tf.Sequential {
  const model = tf.sequential();
  network.layers.forEach((layer, i) => {
    const input = i === 0 ? [...network.input] : ((model.outputShape as (number | null)[]).slice(1) as number[]);
    const known =
      layer.type === 'reshape' && layer.targetShape.includes(-1)
        ? { ...layer, targetShape: tfjsTargetShape(layer.targetShape, input) }
        : layer;
    model.add(toTfjsShape(known, i === 0 ? { inputShape: [...network.input] } : {}));
  });
  return model;
}
