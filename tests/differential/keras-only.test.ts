import { describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { Network, type Layer } from '../../src/domain/schema/network';

// What TensorFlow.js 4.x cannot check for us: it ignores dilationRate on depthwiseConv2d and
// conv2dTranspose, and it does not refuse dilation combined with strides. Each row below is worked
// out by hand from Keras's rules; k' = (k − 1)·d + 1 is the dilated kernel.

const single = (input: [number, number, number], layer: Layer) => {
  const result = analyzeNetwork(Network.parse({ input, layers: [layer] }));
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  const [report] = result.value.layers;
  if (report === undefined) throw new Error('no layer report');
  return { outputShape: report.outputShape, params: report.params };
};

interface Row {
  name: string;
  input: [number, number, number];
  layer: Layer;
  outputShape: number[];
  params: number;
}

describe('depthwiseConv2d with dilationRate', () => {
  const rows: Row[] = [
    // k' = (3−1)·2+1 = 5; out = floor((10−5)/1)+1 = 6; params = 3·1·3·3 + 3 = 30
    {
      name: 'shrinks a valid output by the dilated kernel',
      input: [10, 10, 3],
      layer: { type: 'depthwiseConv2d', kernelSize: 3, dilationRate: 2, padding: 'valid' },
      outputShape: [6, 6, 3],
      params: 30,
    },
    // k'h = (3−1)·2+1 = 5, k'w = (2−1)·3+1 = 4; out = [12−5+1, 9−4+1] = [8, 6]; channels 2·2 = 4;
    // params = 2·2·(3·2) + 4 = 28
    {
      name: 'dilates each axis by its own rate with a rectangular kernel and a depth multiplier',
      input: [12, 9, 2],
      layer: { type: 'depthwiseConv2d', kernelSize: [3, 2], dilationRate: [2, 3], depthMultiplier: 2 },
      outputShape: [8, 6, 4],
      params: 28,
    },
    // k' = (3−1)·2+1 = 5 fills the 5×5 input exactly: out = 5−5+1 = 1; params = 1·3·3 + 1 = 10
    {
      name: 'leaves one position when the dilated kernel exactly covers the input',
      input: [5, 5, 1],
      layer: { type: 'depthwiseConv2d', kernelSize: 3, dilationRate: 2 },
      outputShape: [1, 1, 1],
      params: 10,
    },
    // "same" keeps 7×7 whatever the dilation; params = 4·3·3 + 4 = 40
    {
      name: 'keeps the input size with "same" padding',
      input: [7, 7, 4],
      layer: { type: 'depthwiseConv2d', kernelSize: 3, dilationRate: 3, padding: 'same', strides: 1 },
      outputShape: [7, 7, 4],
      params: 40,
    },
    // k' = (2−1)·4+1 = 5; out = 8−5+1 = 4; params = 3·2·2 = 12, no biases
    {
      name: 'counts no biases without useBias while still dilating',
      input: [8, 8, 3],
      layer: { type: 'depthwiseConv2d', kernelSize: 2, dilationRate: 4, useBias: false },
      outputShape: [4, 4, 3],
      params: 12,
    },
  ];
  test.each(rows)('$name', ({ input, layer, outputShape, params }) => {
    expect(single(input, layer)).toEqual({ outputShape, params });
  });

  test('refuses a dilated kernel wider than a valid input', () => {
    // k' = (3−1)·2+1 = 5 > 4: nothing is left with "valid" padding.
    const result = analyzeNetwork(
      Network.parse({ input: [4, 4, 1], layers: [{ type: 'depthwiseConv2d', kernelSize: 3, dilationRate: 2 }] }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error[0]?.path).toEqual(['layers', 0, 'kernelSize']);
  });
});

describe('conv2dTranspose with dilationRate', () => {
  const rows: Row[] = [
    // k' = (3−1)·2+1 = 5; valid: out = 4·1 + max(5−1, 0) = 8; params = 2·3·3·3 + 3 = 57
    {
      name: 'grows a valid output by the dilated kernel',
      input: [4, 4, 2],
      layer: { type: 'conv2dTranspose', filters: 3, kernelSize: 3, dilationRate: 2 },
      outputShape: [8, 8, 3],
      params: 57,
    },
    // k'h = (2−1)·3+1 = 4, k'w = (3−1)·2+1 = 5; out = [5+3, 3+4] = [8, 7]; params = 1·2·(2·3) + 2 = 14
    {
      name: 'dilates each axis by its own rate with a rectangular kernel',
      input: [5, 3, 1],
      layer: { type: 'conv2dTranspose', filters: 2, kernelSize: [2, 3], dilationRate: [3, 2], padding: 'valid' },
      outputShape: [8, 7, 2],
      params: 14,
    },
    // same: out = in·s = 6·1 = 6 whatever the dilation; params = 4·1·3·3 + 1 = 37
    {
      name: 'keeps input × strides with "same" padding',
      input: [6, 6, 4],
      layer: { type: 'conv2dTranspose', filters: 1, kernelSize: 3, dilationRate: 2, padding: 'same' },
      outputShape: [6, 6, 1],
      params: 37,
    },
    // k' = (2−1)·3+1 = 4; out = 2·1 + max(4−1, 0) = 5; params = 3·4·2·2 = 48, no biases
    {
      name: 'counts no biases without useBias while still dilating',
      input: [2, 2, 3],
      layer: { type: 'conv2dTranspose', filters: 4, kernelSize: 2, dilationRate: 3, useBias: false, strides: [1, 1] },
      outputShape: [5, 5, 4],
      params: 48,
    },
    // k' = (1−1)·5+1 = 1: a 1×1 kernel is not widened; out = 2·1 + max(1−1, 0) = 2; params = 3·4 + 4 = 16
    {
      name: 'does not widen a 1×1 kernel',
      input: [2, 2, 3],
      layer: { type: 'conv2dTranspose', filters: 4, kernelSize: 1, dilationRate: 5 },
      outputShape: [2, 2, 4],
      params: 16,
    },
  ];
  test.each(rows)('$name', ({ input, layer, outputShape, params }) => {
    expect(single(input, layer)).toEqual({ outputShape, params });
  });
});

describe('dilationRate together with strides', () => {
  // Keras raises "`strides > 1` not supported in conjunction with `dilation_rate > 1`" as soon as
  // max(strides) > 1 and max(dilation_rate) > 1, even when they are on different axes.
  const rows: { name: string; layer: Layer }[] = [
    {
      name: 'refuses it on conv2d',
      layer: { type: 'conv2d', filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 },
    },
    {
      name: 'refuses it on depthwiseConv2d',
      layer: { type: 'depthwiseConv2d', kernelSize: 3, strides: 2, dilationRate: 2, padding: 'same' },
    },
    {
      name: 'refuses it on separableConv2d',
      layer: { type: 'separableConv2d', filters: 2, kernelSize: 2, strides: [2, 2], dilationRate: [3, 3] },
    },
    {
      name: 'refuses it on conv2dTranspose',
      layer: { type: 'conv2dTranspose', filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 },
    },
    {
      name: 'refuses strides on one axis with dilation on the other',
      layer: { type: 'conv2d', filters: 1, kernelSize: 2, strides: [1, 2], dilationRate: [2, 1] },
    },
    {
      name: 'refuses it on conv2dTranspose even with "same" padding on one axis each',
      layer: {
        type: 'conv2dTranspose',
        filters: 1,
        kernelSize: 2,
        strides: [2, 1],
        dilationRate: [1, 2],
        padding: 'same',
      },
    },
  ];
  test.each(rows)('$name', ({ layer }) => {
    const result = analyzeNetwork(Network.parse({ input: [16, 16, 2], layers: [layer] }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toHaveLength(1);
    expect(result.error[0]?.path).toEqual(['layers', 0, 'dilationRate']);
    expect(result.error[0]?.message).toMatch(/strides/);
  });

  test('accepts dilation when strides are written out as 1', () => {
    // k' = (3−1)·2+1 = 5; out = 16−5+1 = 12; params = 2·2·3·3 + 2 = 38
    const layer: Layer = { type: 'conv2d', filters: 2, kernelSize: 3, strides: [1, 1], dilationRate: 2 };
    expect(single([16, 16, 2], layer)).toEqual({ outputShape: [12, 12, 2], params: 38 });
  });
});

describe('conv2d with groups', () => {
  // tfjs 4.x has no groups option. Keras splits the input channels into `groups` slices, each seen by
  // filters ÷ groups filters: weights = (C ÷ groups) · filters · kh · kw.
  const rows: Row[] = [
    // (4 ÷ 2) · 6 · 3·3 = 108 weights + 6 biases = 114; valid: 8−3+1 = 6
    {
      name: 'gives each filter only its group’s share of the input channels',
      input: [8, 8, 4],
      layer: { type: 'conv2d', filters: 6, kernelSize: 3, groups: 2 },
      outputShape: [6, 6, 6],
      params: 114,
    },
    // (3 ÷ 3) · 3 · 2·2 = 12 weights + 3 biases = 15; valid: 5−2+1 = 4
    {
      name: 'counts one input channel per filter when groups equals the channels',
      input: [5, 5, 3],
      layer: { type: 'conv2d', filters: 3, kernelSize: 2, groups: 3 },
      outputShape: [4, 4, 3],
      params: 15,
    },
    // groups 1 is the ordinary convolution: 4 · 2 · 1·1 = 8 weights, no biases; same: 3×3 kept
    {
      name: 'is an ordinary convolution with groups 1',
      input: [3, 3, 4],
      layer: { type: 'conv2d', filters: 2, kernelSize: 1, groups: 1, padding: 'same', useBias: false },
      outputShape: [3, 3, 2],
      params: 8,
    },
  ];
  test.each(rows)('$name', ({ input, layer, outputShape, params }) => {
    expect(single(input, layer)).toEqual({ outputShape, params });
  });

  test.each([
    // 4 input channels cannot be split into 3 groups.
    { name: 'refuses groups that do not divide the input channels', channels: 4, filters: 6, groups: 3 },
    // 5 filters cannot be split into 2 groups.
    { name: 'refuses groups that do not divide the filters', channels: 4, filters: 5, groups: 2 },
  ])('$name', ({ channels, filters, groups }) => {
    const layer: Layer = { type: 'conv2d', filters, kernelSize: 1, groups };
    const result = analyzeNetwork(Network.parse({ input: [4, 4, channels], layers: [layer] }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error[0]?.path).toEqual(['layers', 0, 'groups']);
  });
});

describe('flatten of an already flat tensor', () => {
  test('passes it through unchanged, as Keras does (tfjs refuses it)', () => {
    // dense 5 on 4 inputs: 4·5 + 5 = 25, output [5]; flatten of [5] is [5] and learns nothing.
    const result = analyzeNetwork(
      Network.parse({
        input: [2, 2, 1],
        layers: [{ type: 'flatten' }, { type: 'dense', units: 5 }, { type: 'flatten' }],
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.layers.map((l) => [l.outputShape, l.params])).toEqual([
      [[4], 0],
      [[5], 25],
      [[5], 0],
    ]);
  });
});
