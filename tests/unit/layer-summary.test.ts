import { describe, expect, test } from 'vitest';
import { describeLayer, shapeText } from '../../src/domain/layer-summary';
import type { Layer } from '../../src/domain/schema/network';

describe('describeLayer', () => {
  test.each<[Layer, string]>([
    // Keras defaults are spelled out: valid padding, stride 1.
    [{ type: 'conv2d', filters: 2, kernelSize: 3 }, '2 filters, 3×3 kernel, padding valid, stride 1'],
    [
      { type: 'conv2d', filters: 1, kernelSize: [1, 3], strides: [1, 2], padding: 'same', useBias: false },
      '1 filter, 1×3 kernel, padding same, stride 1×2, no bias',
    ],
    [
      { type: 'conv2d', filters: 4, kernelSize: 3, dilationRate: 2 },
      '4 filters, 3×3 kernel, padding valid, stride 1, dilation 2',
    ],
    [
      { type: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 2 },
      '3×3 kernel, depth multiplier 2, padding valid, stride 1',
    ],
    [
      { type: 'separableConv2d', filters: 8, kernelSize: 3, padding: 'same' },
      '8 filters, 3×3 kernel, depth multiplier 1, padding same, stride 1',
    ],
    [
      { type: 'conv2dTranspose', filters: 4, kernelSize: 2, strides: 2 },
      '4 filters, 2×2 kernel, padding valid, stride 2',
    ],
    // A pool's stride defaults to its size.
    [{ type: 'maxPooling2d', poolSize: 3 }, '3×3 pool, stride 3, padding valid'],
    [{ type: 'averagePooling2d' }, '2×2 pool, stride 2, padding valid'],
    [{ type: 'maxPooling2d', poolSize: [2, 3], strides: 1 }, '2×3 pool, stride 1, padding valid'],
    [{ type: 'dense', units: 1 }, '1 unit'],
    [{ type: 'dense', units: 10, useBias: false }, '10 units, no bias'],
    [{ type: 'dropout', rate: 0.5 }, 'rate 0.5'],
    [{ type: 'flatten' }, 'to one vector'],
  ])('describes %j as %j', (layer, text) => {
    expect(describeLayer(layer)).toBe(text);
  });
});

describe('shapeText', () => {
  test('joins dimensions with ×', () => {
    expect(shapeText([20, 20, 3])).toBe('20×20×3');
    expect(shapeText([1200])).toBe('1200');
  });
});
