import type { Layer, LayerType } from './schema/network';

/** Keras class names, as a learner meets them in `model.summary()`. */
export const KERAS_NAMES: Record<LayerType, string> = {
  conv2d: 'Conv2D',
  depthwiseConv2d: 'DepthwiseConv2D',
  separableConv2d: 'SeparableConv2D',
  conv2dTranspose: 'Conv2DTranspose',
  maxPooling2d: 'MaxPooling2D',
  averagePooling2d: 'AveragePooling2D',
  globalAveragePooling2d: 'GlobalAveragePooling2D',
  globalMaxPooling2d: 'GlobalMaxPooling2D',
  batchNormalization: 'BatchNormalization',
  flatten: 'Flatten',
  dense: 'Dense',
  dropout: 'Dropout',
  zeroPadding2d: 'ZeroPadding2D',
};

type Pair = number | readonly [number, number] | undefined;

const pair = (value: Pair, fallback: number): string => {
  const [a, b] = value === undefined ? [fallback, fallback] : typeof value === 'number' ? [value, value] : value;
  return a === b ? String(a) : `${a}×${b}`;
};

const size2d = (value: Pair, fallback: number): string => {
  const [a, b] = value === undefined ? [fallback, fallback] : typeof value === 'number' ? [value, value] : value;
  return `${a}×${b}`;
};

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Shape as the lesson writes it: `shapeText([20, 20, 3]) → '20×20×3'`. */
export function shapeText(shape: readonly number[]): string {
  return shape.join('×');
}

/**
 * A layer's configuration in words, with Keras defaults spelled out:
 * `describeLayer({type: 'conv2d', filters: 2, kernelSize: 3, padding: 'same'})`
 * → `'2 filters, 3×3 kernel, padding same, stride 1'`.
 */
export function describeLayer(layer: Layer): string {
  const parts: string[] = [];
  const sliding = (l: { strides?: Pair; padding?: 'valid' | 'same' | undefined; dilationRate?: Pair }) => {
    parts.push(`padding ${l.padding ?? 'valid'}`, `stride ${pair(l.strides, 1)}`);
    if (l.dilationRate !== undefined && pair(l.dilationRate, 1) !== '1')
      parts.push(`dilation ${pair(l.dilationRate, 1)}`);
  };
  const bias = (useBias: boolean | undefined) => {
    if (useBias === false) parts.push('no bias');
  };
  switch (layer.type) {
    case 'conv2d':
    case 'conv2dTranspose':
      parts.push(count(layer.filters, 'filter', 'filters'), `${size2d(layer.kernelSize, 1)} kernel`);
      sliding(layer);
      bias(layer.useBias);
      break;
    case 'depthwiseConv2d':
      parts.push(`${size2d(layer.kernelSize, 1)} kernel`, `depth multiplier ${layer.depthMultiplier ?? 1}`);
      sliding(layer);
      bias(layer.useBias);
      break;
    case 'separableConv2d':
      parts.push(
        count(layer.filters, 'filter', 'filters'),
        `${size2d(layer.kernelSize, 1)} kernel`,
        `depth multiplier ${layer.depthMultiplier ?? 1}`,
      );
      sliding(layer);
      bias(layer.useBias);
      break;
    case 'maxPooling2d':
    case 'averagePooling2d':
      parts.push(
        `${size2d(layer.poolSize, 2)} pool`,
        `stride ${pair(layer.strides ?? layer.poolSize, 2)}`,
        `padding ${layer.padding ?? 'valid'}`,
      );
      break;
    case 'globalAveragePooling2d':
    case 'globalMaxPooling2d':
      parts.push('one value per channel');
      break;
    case 'batchNormalization':
      parts.push('per channel');
      break;
    case 'flatten':
      parts.push('to one vector');
      break;
    case 'dense':
      parts.push(count(layer.units, 'unit', 'units'));
      bias(layer.useBias);
      break;
    case 'dropout':
      parts.push(`rate ${layer.rate}`);
      break;
    case 'zeroPadding2d':
      parts.push(`padding ${JSON.stringify(layer.padding ?? 1)}`);
      break;
  }
  return parts.join(', ');
}
