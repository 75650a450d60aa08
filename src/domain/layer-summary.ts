import { LAYER_TYPES, LAYERS, specOf, type LayerType } from './layers';
import { axisNames } from './layers/internal/elementwise';
import type { Layer } from './schema/network';

/**
 * Keras class names, as a learner meets them in `model.summary()`: `KERAS_NAMES.conv2d → 'Conv2D'`;
 * a shared layer's second call, which is no class of its own, goes by its label ('shared layer call').
 */
export const KERAS_NAMES = Object.fromEntries(
  LAYER_TYPES.map((t) => [t, LAYERS[t].keras.classes[0] ?? LAYERS[t].keras.shown ?? LAYERS[t].label]),
) as Record<LayerType, string>;

/** Shape as the lesson writes it: `shapeText([20, 20, 3]) → '20×20×3'`. */
export function shapeText(shape: readonly number[]): string {
  return shape.join('×');
}

/**
 * What each axis of a shape of `rank` axes means, channels last: `axesText(3) → 'height × width × channels'`,
 * `axesText(2) → 'steps × channels'`, `axesText(4) → 'depth × height × width × channels'`, `axesText(1) → 'values'`.
 */
export function axesText(rank: number, separator = ' × '): string {
  return axisNames(rank).join(separator);
}

/**
 * A layer's configuration in words, with Keras defaults spelled out:
 * `describeLayer({type: 'conv2d', filters: 2, kernelSize: 3, padding: 'same'})`
 * → `'2 filters, 3×3 kernel, padding same, stride 1'`.
 */
export function describeLayer(layer: Layer): string {
  const words = specOf(layer).describe(layer);
  const frozen = layer.trainable === false ? 'frozen (trainable false)' : '';
  return [words, frozen].filter(Boolean).join(', ');
}
