// The layer registry: every layer type the engine knows, one module each. Adding a
// type is one new module and one line here; the schema union, the type list, the
// OpenAPI discriminator, the API page, the Keras class map and the pictures follow.
import { averagePooling2d } from './average-pooling2d';
import { batchNormalization } from './batch-normalization';
import { conv2d } from './conv2d';
import { conv2dTranspose } from './conv2d-transpose';
import { dense } from './dense';
import { depthwiseConv2d } from './depthwise-conv2d';
import { dropout } from './dropout';
import { flatten } from './flatten';
import { globalAveragePooling2d } from './global-average-pooling2d';
import { globalMaxPooling2d } from './global-max-pooling2d';
import { maxPooling2d } from './max-pooling2d';
import { separableConv2d } from './separable-conv2d';
import type { LayerSpec } from './spec';
import { zeroPadding2d } from './zero-padding2d';
// imports of activations:
import { activation } from './activation';
import { eLU } from './e-lu';
import { leakyReLU } from './leaky-re-lu';
import { pReLU } from './p-re-lu';
import { reLU } from './re-lu';
import { softmax } from './softmax';
import { thresholdedReLU } from './thresholded-re-lu';
// imports of 1-D and 3-D convolutions:
import { conv1d } from './conv1d';
import { conv1dTranspose } from './conv1d-transpose';
import { conv3d } from './conv3d';
import { conv3dTranspose } from './conv3d-transpose';
import { depthwiseConv1d } from './depthwise-conv1d';
import { separableConv1d } from './separable-conv1d';
// imports of 1-D and 3-D pooling:
import { averagePooling1d } from './average-pooling1d';
import { averagePooling3d } from './average-pooling3d';
import { globalAveragePooling1d } from './global-average-pooling1d';
import { globalAveragePooling3d } from './global-average-pooling3d';
import { globalMaxPooling1d } from './global-max-pooling1d';
import { globalMaxPooling3d } from './global-max-pooling3d';
import { maxPooling1d } from './max-pooling1d';
import { maxPooling3d } from './max-pooling3d';
// imports of normalizations and preprocessing:
import { centerCrop } from './center-crop';
import { groupNormalization } from './group-normalization';
import { layerNormalization } from './layer-normalization';
import { layerScale } from './layer-scale';
import { normalization } from './normalization';
import { rescaling } from './rescaling';
import { resizing } from './resizing';
import { unitNormalization } from './unit-normalization';
// imports of shape changes and regularization:
import { activityRegularization } from './activity-regularization';
import { alphaDropout } from './alpha-dropout';
import { cropping1d } from './cropping1d';
import { cropping2d } from './cropping2d';
import { cropping3d } from './cropping3d';
import { gaussianDropout } from './gaussian-dropout';
import { gaussianNoise } from './gaussian-noise';
import { permute } from './permute';
import { reshape } from './reshape';
import { spatialDropout1d } from './spatial-dropout1d';
import { spatialDropout2d } from './spatial-dropout2d';
import { spatialDropout3d } from './spatial-dropout3d';
import { upSampling1d } from './up-sampling1d';
import { upSampling2d } from './up-sampling2d';
import { upSampling3d } from './up-sampling3d';
import { zeroPadding1d } from './zero-padding1d';
import { zeroPadding3d } from './zero-padding3d';
// imports of branching and merging:
import { add } from './add';
import { average } from './average';
import { concatenate } from './concatenate';
import { constantOp } from './constant-op';
import { customScaleLayer } from './custom-scale-layer';
import { dot } from './dot';
import { input } from './input';
import { maximum } from './maximum';
import { minimum } from './minimum';
import { model } from './model';
import { multiply } from './multiply';
import { reuse } from './reuse';
import { subtract } from './subtract';

/** Every layer type, in the order the lesson introduces them. */
export const LAYERS = {
  conv2d,
  depthwiseConv2d,
  separableConv2d,
  conv2dTranspose,
  maxPooling2d,
  averagePooling2d,
  globalAveragePooling2d,
  globalMaxPooling2d,
  batchNormalization,
  flatten,
  dense,
  dropout,
  zeroPadding2d,
  // activations:
  activation,
  reLU,
  leakyReLU,
  pReLU,
  eLU,
  softmax,
  thresholdedReLU,
  // 1-D and 3-D convolutions:
  conv1d,
  depthwiseConv1d,
  separableConv1d,
  conv1dTranspose,
  conv3d,
  conv3dTranspose,
  // 1-D and 3-D pooling:
  maxPooling1d,
  averagePooling1d,
  globalAveragePooling1d,
  globalMaxPooling1d,
  maxPooling3d,
  averagePooling3d,
  globalAveragePooling3d,
  globalMaxPooling3d,
  // normalizations and preprocessing:
  layerNormalization,
  groupNormalization,
  unitNormalization,
  layerScale,
  rescaling,
  normalization,
  resizing,
  centerCrop,
  // shape changes and regularization:
  reshape,
  permute,
  upSampling1d,
  upSampling2d,
  upSampling3d,
  zeroPadding1d,
  zeroPadding3d,
  cropping1d,
  cropping2d,
  cropping3d,
  spatialDropout1d,
  spatialDropout2d,
  spatialDropout3d,
  gaussianNoise,
  gaussianDropout,
  alphaDropout,
  activityRegularization,
  // branching and merging:
  input,
  add,
  subtract,
  multiply,
  average,
  maximum,
  minimum,
  customScaleLayer,
  constantOp,
  concatenate,
  dot,
  reuse,
  model,
} as const;

type Registry = typeof LAYERS;

/** A layer type's name, as requests spell it: `'conv2d'`. */
export type LayerType = keyof Registry;

/** A layer of one type, as its schema infers it. */
export type LayerOf<T extends LayerType> = Registry[T] extends LayerSpec<T, infer L> ? L : never;

/** Any layer. */
export type Layer = { [T in LayerType]: LayerOf<T> }[LayerType];

// The compiler demands every field of every spec, and that each key names its own type.
LAYERS satisfies { [T in LayerType]: LayerSpec<T, LayerOf<T>> };

/** Every layer type the engine knows: `['conv2d', 'depthwiseConv2d', …]`. */
export const LAYER_TYPES = Object.keys(LAYERS) as LayerType[];

/** Whether a string names a layer type: `isLayerType('dense') → true`. */
export const isLayerType = (value: unknown): value is LayerType =>
  typeof value === 'string' && Object.hasOwn(LAYERS, value);

/** The spec of a layer's type, typed for that layer: `specOf(layer).apply(layer, …)`. */
export function specOf<L extends Layer>(layer: L): LayerSpec<L['type'], L> {
  return LAYERS[layer.type] as unknown as LayerSpec<L['type'], L>;
}
