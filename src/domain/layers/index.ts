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
// imports of 1-D and 3-D convolutions:
// imports of 1-D and 3-D pooling:
// imports of normalizations and preprocessing:
// imports of shape changes and regularization:

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
  // 1-D and 3-D convolutions:
  // 1-D and 3-D pooling:
  // normalizations and preprocessing:
  // shape changes and regularization:
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
